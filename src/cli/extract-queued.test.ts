import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openRuntime, type Runtime } from '../app/runtime.js';
import type { JobHandler } from '../jobs/index.js';
import { EXTRACT_JOB } from '../record/index.js';
import { ingestFiles } from '../sources/index.js';
import { extractQueued } from './extract-queued.js';

const REPORTS = [
  'В Казани 4 марта 2024 года задержали активиста Тимура Выдуманного за пикет.',
  'В Самаре 5 марта 2024 года задержали студентку Алину Небывалую за листовки.',
];

/** better-sqlite3's error when another connection holds the database. */
const locked = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

describe('extracting what waits, from the command line', () => {
  let dir: string;
  let runtime: Runtime;
  let sourceIds: string[];
  let stderr: string;

  /** The extraction handler, with `instead` run first for each job: it may throw as a concurrent process would. */
  function extractWith(instead: (sourceId: string) => void): void {
    const jobHandlers = runtime.jobHandlers.bind(runtime);
    runtime.jobHandlers = async (userId, options) => {
      const handlers = await jobHandlers(userId, options);
      const extract: JobHandler = async (job, complete) => {
        instead((job.payload as { sourceId: string }).sourceId);
        await handlers[EXTRACT_JOB]!(job, complete);
      };
      return { ...handlers, [EXTRACT_JOB]: extract };
    };
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-extract-queued-'));
    runtime = await openRuntime({ dataDir: join(dir, 'data'), databaseUrl: '', key: null });
    sourceIds = [];
    const files = REPORTS.map((text, i) => ({ name: `report-${i}.txt`, bytes: Buffer.from(text) }));
    for await (const result of ingestFiles(runtime.ingestContext(null), files)) sourceIds.push(result.sourceId!);
    stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the sources to the process that holds the workspace, in one line, instead of failing them', async () => {
    extractWith(() => {
      throw locked();
    });
    await extractQueued(runtime);
    expect(stderr).toBe(
      'left 2 sources to the other process working on this workspace ' +
        '(a running chronicle serve extracts them; chronicle jobs shows how they went)\n',
    );
    const jobs = await runtime.workspace.db
      .selectFrom('jobs')
      .select('status')
      .where('kind', '=', EXTRACT_JOB)
      .execute();
    expect(jobs.map((job) => job.status)).toEqual(['queued', 'queued']);
  });

  it('runs a job again when the database was held for a moment, and counts each source once', async () => {
    const held = new Set<string>();
    const failedOnce = new Set<string>();
    extractWith((sourceId) => {
      if (!held.has(sourceId)) {
        held.add(sourceId);
        throw locked();
      }
      if (sourceId === sourceIds[0] && !failedOnce.has(sourceId)) {
        failedOnce.add(sourceId);
        throw new Error('the extractor stumbled');
      }
    });
    await extractQueued(runtime);
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toBe(`extraction failed for ${sourceIds[0]}: the extractor stumbled`);
    expect(lines[1]).toMatch(/^extracted 2 sources in \S+ s — review with: chronicle review list$/);
    expect(lines).toHaveLength(2);
  });
});
