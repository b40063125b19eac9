/**
 * Linking reports republished with changes (src/sources/similar-texts.ts), on each dialect: `documents` synthetic
 * reports (bench/corpus.ts: sentences drawn from one small vocabulary, so that most texts share phrases with many
 * others and the candidates found by band keys are many) and a republished copy of every tenth (another header and
 * footer), stored, then linked one by one in the order stored, as their extraction jobs would. Reported: the time a
 * source's linking takes (filing its keys, finding and comparing candidates, writing the link) over the last
 * `sample` sources, with the workspace nearly full, each in a transaction of its own (in the extraction job it
 * shares the job's), against baselines from the same run on the same sources: a transaction writing one row of the
 * source, the extractor the same job runs on its text, and a primary-key read of its text. And how many copies were
 * linked (of those whose original is long enough to compare), how many reports were linked that are no copies.
 *
 *   npx tsx bench/similar.ts [--documents 10000] [--sample 1000] [--dialects sqlite,postgres]
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { extract } from '../src/extract/index.js';
import { type IngestResult, ingestFiles, linkSimilarText } from '../src/sources/index.js';
import { MIN_SHINGLES, shingles } from '../src/sources/text-similarity.js';
import { postgresReachable } from '../test/helpers/workspaces.js';
import { syntheticReports } from './corpus.js';
import { withWorkspace } from './record.js';

type Dialect = 'sqlite' | 'postgres';

const option = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

interface Row {
  dialect: Dialect;
  texts: number;
  link: { p50: number; p95: number };
  extraction: { p50: number };
  lookup: { p50: number };
  write: { p50: number };
  copiesLinked: number;
  copies: number;
  /** Copies of an original long enough to compare (`MIN_SHINGLES`): shorter ones are never linked by design. */
  comparable: number;
  others: number;
  bands: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The reports with a republished copy of every tenth after the next nine, each marked by its name. */
function* corpus(documents: number): Generator<{ name: string; text: string }> {
  const held: Array<{ name: string; text: string }> = [];
  for (const report of syntheticReports(documents)) {
    yield report;
    const index = Number(report.name.match(/\d+/)![0]);
    if (index % 10 === 0) held.push(report);
    if (held.length > 0 && index % 10 === 9) {
      const original = held.shift()!;
      yield {
        name: `copy-of-${original.name}`,
        text: `Перепечатка. ${original.text}\nПодписывайтесь на наш канал, чтобы первыми узнавать новости.`,
      };
    }
  }
}

async function bench(dialect: Dialect, documents: number, sample: number): Promise<Row> {
  return withWorkspace(dialect, async (workspace) => {
    const context = { workspace, userId: null, cipher: null };
    const stored: Array<{ id: string; name: string; text: string }> = [];
    const files = [...corpus(documents)].map((file) => ({ ...file, bytes: new TextEncoder().encode(file.text) }));
    const texts = new Map(files.map((file) => [file.name, file.text]));
    for await (const result of ingestFiles(context, files) as AsyncIterable<IngestResult>)
      if (result.status === 'ingested')
        stored.push({ id: result.sourceId!, name: result.file, text: texts.get(result.file)! });
    const times: number[] = [];
    const linkedTo = new Map<string, string>();
    for (const source of stored) {
      const t0 = performance.now();
      const link = await linkSimilarText(workspace.db, source.id, null);
      times.push(performance.now() - t0);
      if (link) linkedTo.set(source.name, link.similarTo);
    }
    const last = times.slice(-sample).sort((a, b) => a - b);
    const sampled = stored.slice(-sample);
    const extraction: number[] = [];
    const lookup: number[] = [];
    const write: number[] = [];
    for (const source of sampled) {
      let t0 = performance.now();
      extract(source.text, { language: 'auto' });
      extraction.push(performance.now() - t0);
      t0 = performance.now();
      await workspace.db
        .selectFrom('source_texts')
        .select('text')
        .where('source_id', '=', source.id)
        .executeTakeFirstOrThrow();
      lookup.push(performance.now() - t0);
      t0 = performance.now();
      await workspace.db
        .transaction()
        .execute((trx) => trx.updateTable('sources').set({ title: source.name }).where('id', '=', source.id).execute());
      write.push(performance.now() - t0);
    }
    extraction.sort((a, b) => a - b);
    lookup.sort((a, b) => a - b);
    write.sort((a, b) => a - b);
    const copies = stored.filter((source) => source.name.startsWith('copy-of-'));
    const idOf = new Map(stored.map((source) => [source.name, source.id]));
    const copiesLinked = copies.filter(
      (copy) => linkedTo.get(copy.name) === idOf.get(copy.name.slice('copy-of-'.length)),
    ).length;
    const bands = await workspace.db
      .selectFrom('text_bands')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return {
      dialect,
      texts: stored.length,
      link: { p50: percentile(last, 50), p95: percentile(last, 95) },
      extraction: { p50: percentile(extraction, 50) },
      lookup: { p50: percentile(lookup, 50) },
      write: { p50: percentile(write, 50) },
      copiesLinked,
      copies: copies.length,
      comparable: copies.filter(
        (copy) => shingles(texts.get(copy.name.slice('copy-of-'.length))!).length >= MIN_SHINGLES,
      ).length,
      others: [...linkedTo.keys()].filter((name) => !name.startsWith('copy-of-')).length,
      bands: Number(bands.n),
    };
  });
}

const ms = (value: number) => (value < 1 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));

async function main(): Promise<void> {
  const documents = Number(option('--documents')) || 10_000;
  const sample = Number(option('--sample')) || 1000;
  const dialects = (option('--dialects') ?? 'sqlite,postgres')
    .split(',')
    .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres');
  const rows: Row[] = [];
  for (const dialect of dialects) {
    if (dialect === 'postgres' && !(await postgresReachable())) {
      process.stdout.write('(PostgreSQL unreachable: skipped)\n');
      continue;
    }
    rows.push(await bench(dialect, documents, sample));
  }
  const lines = [
    `Load average ${loadavg()[0]!.toFixed(1)}; times in ms over the last ${sample} sources linked.`,
    '',
    '| database | texts | linking p50 / p95 | baseline: one-row write p50 | baseline: extraction p50 | baseline: text lookup p50 | copies linked (of those comparable) | others linked | band keys |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${r.texts.toLocaleString('en')} | ${ms(r.link.p50)} / ${ms(r.link.p95)} | ${ms(r.write.p50)} | ${ms(r.extraction.p50)} | ${ms(r.lookup.p50)} | ${r.copiesLinked} of ${r.copies} (${r.comparable}) | ${r.others} | ${r.bands.toLocaleString('en')} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
