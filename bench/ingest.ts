/**
 * Ingestion throughput: `chronicle ingest`'s pipeline (detect, decode, hash, blob, source, text, search index,
 * audit entry, group commit) against bare INSERTs of the same texts into the same database with the same
 * durability settings, plus peak RSS, which must stay flat as the corpus grows.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openWorkspace, type Workspace } from '../src/db/connection.js';
import { batchSizeFor, ingestFiles } from '../src/sources/index.js';
import { createPostgresDatabase, postgresReachable } from '../test/helpers/workspaces.js';
import { syntheticReports } from './corpus.js';

export interface IngestBenchRow {
  dialect: string;
  documents: number;
  bareInsertsPerSecond: number;
  ingestPerSecond: number;
  ratio: number;
  peakRssMb: number;
  /** `SELECT 1`'s time in µs, before the baseline and after ingestion (see `roundTripMicros`). */
  roundTripMicros: [number, number];
  /** Bytes written a document by the baseline and by ingestion (`bytesWritten`), or null where not measurable. */
  writtenBytesPerDocument: [number, number] | null;
}

async function withWorkspace<T>(dialect: 'sqlite' | 'postgres', fn: (w: Workspace) => Promise<T>): Promise<T> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-bench-'));
    const w = await openWorkspace({ dataDir: dir, databaseUrl: '', key: null });
    try {
      return await fn(w);
    } finally {
      await w.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const database = await createPostgresDatabase();
  const w = await openWorkspace({ databaseUrl: database.url });
  try {
    return await fn(w);
  } finally {
    await w.close();
    await database.drop();
  }
}

/**
 * The median time of a `SELECT 1`: on PostgreSQL a round trip to the server, which the baseline's inserts wait for
 * one after another and ingestion's multi-row statements mostly do not — on this shared machine it has ranged from
 * about 40 to 170 µs between days, and the bare inserts' rate, so the ratio, with it.
 */
async function roundTripMicros(w: Workspace, times = 1000): Promise<number> {
  const micros: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await sql`SELECT 1`.execute(w.db);
    micros.push((performance.now() - started) * 1000);
  }
  return micros.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

/**
 * Bytes written so far: on SQLite by this process (`wchar` of /proc/self/io: the WAL, and the pages checkpointed
 * from it into the database file), on PostgreSQL the WAL the server has written (`pg_stat_wal`, the whole cluster:
 * nothing else should run beside a benchmark). Null where it cannot be read (not Linux, PostgreSQL before 14).
 * Writing is what grows with the corpus: every index keyed by a hash (original, text) takes an insert on a page of
 * its own at each commit, and rewrites that page in the WAL and at the next checkpoint.
 */
async function bytesWritten(w: Workspace): Promise<number | null> {
  try {
    if (w.dialect === 'postgres') {
      const row = await sql<{ wal_bytes: string }>`SELECT wal_bytes FROM pg_stat_wal`.execute(w.db);
      return Number(row.rows[0]?.wal_bytes ?? Number.NaN);
    }
    const io = readFileSync('/proc/self/io', 'utf8').match(/^wchar: (\d+)$/m);
    return io ? Number(io[1]) : null;
  } catch {
    return null;
  }
}

/** The baseline: the same texts as bare INSERTs, committed in the same batch size as ingestion's (`batchSizeFor`). */
async function bareInserts(w: Workspace, documents: number): Promise<number> {
  await sql`CREATE TABLE bench_bare (id integer primary key, text text not null)`.execute(w.db);
  const started = performance.now();
  let batch: Array<{ id: number; text: string }> = [];
  let id = 0;
  const flush = async () => {
    const rows = batch;
    batch = [];
    await w.db.transaction().execute(async (trx) => {
      for (const row of rows) await sql`INSERT INTO bench_bare (id, text) VALUES (${row.id}, ${row.text})`.execute(trx);
    });
  };
  for (const report of syntheticReports(documents, 7)) {
    batch.push({ id: id++, text: report.text });
    if (batch.length === batchSizeFor(w.dialect)) await flush();
  }
  if (batch.length > 0) await flush();
  return (performance.now() - started) / 1000;
}

export async function runIngestBench(options: {
  documents: number;
  dialects: Array<'sqlite' | 'postgres'>;
}): Promise<IngestBenchRow[]> {
  const rows: IngestBenchRow[] = [];
  for (const dialect of options.dialects) {
    if (dialect === 'postgres' && !(await postgresReachable())) continue;
    const row = await withWorkspace(dialect, async (w) => {
      const roundTripBefore = await roundTripMicros(w);
      const writtenBefore = await bytesWritten(w);
      const bareSeconds = await bareInserts(w, options.documents);
      const writtenBetween = await bytesWritten(w);
      let peakRss = process.memoryUsage().rss;
      const encoder = new TextEncoder();
      const files = (function* () {
        for (const report of syntheticReports(options.documents, 7))
          yield { name: report.name, bytes: encoder.encode(report.text) };
      })();
      const started = performance.now();
      let n = 0;
      for await (const result of ingestFiles({ workspace: w, userId: null, cipher: null }, files)) {
        if (result.status !== 'ingested') throw new Error(`bench: ${result.file} ${result.status} ${result.error}`);
        if (++n % 1000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
      const seconds = (performance.now() - started) / 1000;
      const writtenAfter = await bytesWritten(w);
      const roundTripAfter = await roundTripMicros(w);
      return {
        dialect,
        documents: options.documents,
        bareInsertsPerSecond: options.documents / bareSeconds,
        ingestPerSecond: options.documents / seconds,
        ratio: seconds / bareSeconds,
        peakRssMb: Math.max(peakRss, process.memoryUsage().rss) / 1024 / 1024,
        roundTripMicros: [roundTripBefore, roundTripAfter] as [number, number],
        writtenBytesPerDocument:
          writtenBefore === null || writtenBetween === null || writtenAfter === null
            ? null
            : ([
                (writtenBetween - writtenBefore) / options.documents,
                (writtenAfter - writtenBetween) / options.documents,
              ] as [number, number]),
      };
    });
    rows.push(row);
  }
  return rows;
}

export function formatIngestTable(rows: IngestBenchRow[]): string {
  const lines = [
    '| database | documents | bare INSERT docs/s (baseline) | ingest docs/s | time vs baseline | peak RSS MB | SELECT 1 µs, before / after | KB written a document, baseline / ingest |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.dialect} | ${r.documents} | ${r.bareInsertsPerSecond.toFixed(0)} | ${r.ingestPerSecond.toFixed(0)} | ${r.ratio.toFixed(2)}× | ${r.peakRssMb.toFixed(0)} | ${r.roundTripMicros.map((m) => m.toFixed(1)).join(' / ')} | ${r.writtenBytesPerDocument?.map((b) => (b / 1024).toFixed(1)).join(' / ') ?? 'n/a'} |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const documents = Number(option('--documents')) || 10_000;
  const dialects = (option('--dialects') ?? 'sqlite,postgres')
    .split(',')
    .filter((d): d is 'sqlite' | 'postgres' => d === 'sqlite' || d === 'postgres');
  process.stdout.write(`${formatIngestTable(await runIngestBench({ documents, dialects }))}\n`);
}
