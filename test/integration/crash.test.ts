import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { random } from '../../bench/corpus.js';
import { verifyAuditChain } from '../../src/audit/index.js';
import { openWorkspace } from '../../src/db/connection.js';
import { CLI } from '../helpers/cli.js';
import { createPostgresDatabase, testDialects } from '../helpers/workspaces.js';

const FILES = 10_000;
const KILLS = 20;
const KEY = 'crash-test-key, long enough';
const dialects = await testDialects();

/** Runs `chronicle ingest --json` and kills it with SIGKILL after `killAfterMs`; returns the lines it printed. */
function ingestUntilKilled(
  data: string,
  databaseUrl: string,
  dir: string,
  killAfterMs: number | null,
): Promise<{
  lines: Array<{ file: string; status: string; sourceId: string | null }>;
  code: number | null;
  signal: string | null;
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--data', data, 'ingest', '--json', '--no-extract', dir], {
      env: { ...process.env, DATABASE_URL: databaseUrl, CHRONICLE_KEY: KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.resume();
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      // A line cut off by the kill is not a report.
      const complete = out.slice(0, out.lastIndexOf('\n') + 1);
      const lines = complete
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { file: string; status: string; sourceId: string | null });
      resolve({ lines, code, signal });
    });
  });
}

// On PostgreSQL two batches are written at once (`mayWriteAlongside`), so a kill can fall between their commits.
describe.each(dialects)('crash consistency of chronicle ingest on %s', (dialect) => {
  let dir: string;
  let data: string;
  let database: { url: string; drop(): Promise<void> } | null = null;
  const sha = new Map<string, string>();
  const databaseUrl = () => database?.url ?? '';
  const open = () => openWorkspace({ dataDir: data, databaseUrl: databaseUrl(), key: KEY });

  beforeAll(async () => {
    if (dialect === 'postgres') database = await createPostgresDatabase();
    const root = mkdtempSync(join(tmpdir(), 'chronicle-crash-'));
    dir = join(root, 'batch');
    data = join(root, 'data');
    mkdirSync(dir);
    for (let i = 0; i < FILES; i++) {
      const name = join(dir, `report-${String(i).padStart(5, '0')}.txt`);
      const text = `Report ${i}: police detained protester number ${i} in Testograd; the court fined them ${i} rubles.\n`;
      writeFileSync(name, text);
      sha.set(name, createHash('sha256').update(text).digest('hex'));
    }
  });
  afterAll(async () => {
    rmSync(join(dir, '..'), { recursive: true, force: true });
    await database?.drop();
  });

  it(`keeps every reported source intact across ${KILLS} SIGKILLs and completes on re-run without duplicates`, async () => {
    const rnd = random(2026);
    const reported = new Map<string, string>();
    for (let k = 0; k < KILLS; k++) {
      const run = await ingestUntilKilled(data, databaseUrl(), dir, 300 + Math.floor(rnd() * 2500));
      for (const line of run.lines)
        if (line.status === 'ingested' || line.status === 'duplicate') reported.set(line.file, line.sourceId!);
      const workspace = await open();
      try {
        const rows = await workspace.db
          .selectFrom('sources')
          .leftJoin('source_texts', 'source_texts.source_id', 'sources.id')
          .leftJoin('blobs', 'blobs.sha256', 'sources.sha256')
          .select([
            'sources.id',
            'sources.sha256',
            'sources.file_name',
            'source_texts.source_id as textOf',
            'blobs.sha256 as blob',
          ])
          .execute();
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const [file, id] of reported) {
          const row = byId.get(id);
          expect(row, `${file} was reported stored`).toBeDefined();
          expect(row!.sha256).toBe(sha.get(file));
        }
        // Nothing half-written: every source has its text and its original.
        expect(rows.filter((r) => r.textOf === null || r.blob === null)).toEqual([]);
        expect(await verifyAuditChain(workspace.db)).toMatchObject({ ok: true });
      } finally {
        await workspace.close();
      }
    }
    const final = await ingestUntilKilled(data, databaseUrl(), dir, null);
    expect(final.code).toBe(0);
    const workspace = await open();
    try {
      const count = await workspace.db
        .selectFrom('sources')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(FILES);
      const sample = await workspace.db.selectFrom('sources').select(['sha256', 'file_name']).limit(50).execute();
      for (const s of sample)
        expect(createHash('sha256').update(readFileSync(s.file_name!)).digest('hex')).toBe(s.sha256);
    } finally {
      await workspace.close();
    }
    expect(final.lines).toHaveLength(FILES);
  }, 600_000);
});
