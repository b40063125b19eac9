/**
 * `npm run bench [-- --only ingest,search,extract,similar,names,record,api,web] [--scale large]`: every benchmark in its
 * own process (so peak-memory figures belong to that benchmark alone), each printing a table with a baseline from
 * the same run.
 * Default sizes: ingestion 10k and 100k documents, search 100k, names 100k mentions; `--scale large` runs
 * search at 1M and names at 1M mentions. Linking by wording: 10k reports and their republished copies, 100k with
 * `--scale large`. Record: staging 300 extractions (1,000 took ~9 minutes on a loaded
 * machine) and statistics over 10k persons / 100k events; `--scale large` stages 10,000 and counts 100k persons / 1M
 * events. API latency: the server under 50 connections over 10k persons / 100k events; `--scale large` 100k persons /
 * 1M events. Web: each main screen of the demo workspace opened in Chromium, cold and warm.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const large = option('--scale') === 'large';
const only = option('--only')?.split(',');

const BENCHES: Array<{ name: string; title: string; file: string; args: string[] }> = [
  { name: 'ingest', title: 'Ingestion (10k documents)', file: 'ingest.ts', args: ['--documents', '10000'] },
  { name: 'ingest', title: 'Ingestion (100k documents)', file: 'ingest.ts', args: ['--documents', '100000'] },
  { name: 'search', title: 'Search', file: 'search.ts', args: ['--scale', large ? '1000000' : '100000'] },
  { name: 'extract', title: 'Extraction', file: 'extract.ts', args: ['--seconds', '5'] },
  { name: 'extract', title: 'Extraction on hostile shapes of text', file: 'extract-shapes.ts', args: [] },
  {
    name: 'similar',
    title: 'Reports republished with changes (linking by wording)',
    file: 'similar.ts',
    args: ['--documents', large ? '100000' : '10000'],
  },
  { name: 'names', title: 'Name resolution', file: 'names.ts', args: ['--scale', large ? '1000000' : '100000'] },
  {
    name: 'record',
    title: 'Record: staging and statistics',
    file: 'record.ts',
    args: large
      ? ['--extractions', '10000', '--persons', '100000', '--events', '1000000']
      : ['--extractions', '300', '--persons', '10000', '--events', '100000'],
  },
  {
    name: 'api',
    title: 'API latency (50 connections)',
    file: 'api.ts',
    // At 1M events one statistics call takes tens of seconds: ten of them, not fifty, keep the run in bounds.
    args: large ? ['--scale', 'large', '--stats-requests', '10'] : ['--scale', 'small'],
  },
  { name: 'web', title: 'First screen (demo workspace, Chromium)', file: 'web.ts', args: ['--runs', '10'] },
];

let failed = false;
for (const bench of BENCHES) {
  if (only && !only.includes(bench.name)) continue;
  process.stdout.write(`\n## ${bench.title}\n\n`);
  const file = fileURLToPath(new URL(`./${bench.file}`, import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...bench.args], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    failed = true;
    process.stdout.write(`(${bench.title} failed with exit code ${result.status})\n`);
  }
}
if (failed) process.exitCode = 1;
