import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../db/connection.js';
import { ingestFiles } from '../sources/index.js';
import { DEMO_KEY_FILE, openRuntime } from './runtime.js';

const DEMO_REPORTS = fileURLToPath(new URL('../../demo/reports/', import.meta.url));
const PUBLISHED: Record<string, string> = {
  '01': '2025-03-14',
  '02': '2025-03-15',
  '03': '2025-06-03',
  '04': '2025-04-14',
  '05': '2025-02-22',
  '06': '2025-05-22',
  '07': '2025-03-14',
  '08': '2025-03-15',
};

/**
 * `npm start` on a fresh clone: creates the SQLite workspace with the invented demo reports ingested. A demo
 * workspace without CHRONICLE_KEY gets a generated key stored beside it — convenient, and for the demo only:
 * a key next to the data protects nothing.
 */
export async function prepareDemoWorkspace(dataDirOption?: string): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dataDir = resolveDataDir(dataDirOption);
  if (existsSync(join(dataDir, 'chronicle.db'))) return;
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!process.env.CHRONICLE_KEY) {
    writeFileSync(join(dataDir, DEMO_KEY_FILE), randomBytes(32).toString('hex'), { mode: 0o600 });
    process.stderr.write(
      `warning: demo workspace — its encryption key is stored in ${join(dataDir, DEMO_KEY_FILE)}, next to the data.\n` +
        '         For real data set CHRONICLE_KEY and keep the key away from the workspace.\n',
    );
  }
  const runtime = await openRuntime({ dataDir });
  try {
    const files = readdirSync(DEMO_REPORTS)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => ({
        name,
        bytes: readFileSync(join(DEMO_REPORTS, name)),
        metadata: { publishedAt: PUBLISHED[name.slice(0, 2)] ?? null, publisher: 'Demo Monitor (invented)' },
      }));
    let n = 0;
    for await (const result of ingestFiles(runtime.ingestContext(null), files)) if (result.status === 'ingested') n++;
    process.stderr.write(`created a demo workspace in ${dataDir} with ${n} invented reports\n`);
  } finally {
    await runtime.close();
  }
}
