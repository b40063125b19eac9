import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openRuntime, type Runtime } from '../../src/app/runtime.js';
import { runWorker } from '../../src/jobs/index.js';
import { buildServer } from '../../src/server/app.js';
import { ingestFiles } from '../../src/sources/index.js';

/** What happened, in the order this thread saw it. */
const seen: string[] = [];
let onExtractionStarted: () => void = () => {};

// The runtime's extraction thread, as it is, told to say when an extraction starts and ends.
vi.mock('../../src/app/extraction-thread.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/app/extraction-thread.js')>();
  return {
    ...original,
    createExtractionThread: (...args: Parameters<typeof original.createExtractionThread>) => {
      const thread = original.createExtractionThread(...args);
      return {
        ...thread,
        extract: async (...call: Parameters<typeof thread.extract>) => {
          seen.push('extraction started');
          const extraction = thread.extract(...call);
          onExtractionStarted();
          const result = await extraction;
          seen.push('extraction finished');
          return result;
        },
      };
    },
  };
});

describe('chronicle serve while it extracts a long report', () => {
  let dataDir: string;
  let runtime: Runtime;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chronicle-extraction-thread-'));
    runtime = await openRuntime({ dataDir, ocr: null });
    app = await buildServer({ runtime });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz before the extraction has finished', async () => {
    // About 300,000 characters, a second or more of extraction, with one event to stage.
    const filler = 'Погода в городе была спокойной, на улицах шли обычные дела, рынок открылся вовремя. ';
    const text = `В Уфе 3 марта 2024 года задержали Рамиля Хайруллина. ${filler.repeat(3600)}`;
    expect(text.length).toBeGreaterThan(300_000);
    for await (const result of ingestFiles(runtime.ingestContext(null), [
      { name: 'long.txt', bytes: new TextEncoder().encode(text) },
    ]))
      expect(result.status).toBe('ingested');

    const answered = new Promise<number>((resolve, reject) => {
      onExtractionStarted = () => {
        fetch(`http://127.0.0.1:${port}/healthz`).then((response) => {
          seen.push('/healthz answered');
          resolve(response.status);
        }, reject);
      };
    });
    const done = await runWorker({
      db: runtime.workspace.db,
      handlers: await runtime.jobHandlers(null, { withOcr: false }),
      exitWhenIdle: true,
    });
    expect(done).toBe(1);
    expect(await answered).toBe(200);
    expect(seen).toEqual(['extraction started', '/healthz answered', 'extraction finished']);
  });
});

describe('an extraction past its time limit', () => {
  let dataDir: string;
  let runtime: Runtime;

  beforeAll(async () => {
    onExtractionStarted = () => {};
    dataDir = mkdtempSync(join(tmpdir(), 'chronicle-extraction-timeout-'));
    vi.stubEnv('CHRONICLE_EXTRACT_TIMEOUT', '1');
    runtime = await openRuntime({ dataDir, ocr: null });
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await runtime?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fails its job with the reason after the queue tried it three times', async () => {
    // About seven seconds of extraction, stopped after one (CHRONICLE_EXTRACT_TIMEOUT=1).
    const text = 'Сегодня в Уфе задержали Рамиля Хайруллина. '.repeat(25_000);
    for await (const result of ingestFiles(runtime.ingestContext(null), [
      { name: 'endless.txt', bytes: new TextEncoder().encode(text) },
    ]))
      expect(result.status).toBe('ingested');
    const failures: string[] = [];
    await runWorker({
      db: runtime.workspace.db,
      handlers: await runtime.jobHandlers(null, { withOcr: false }),
      exitWhenIdle: true,
      onJob: (_job, outcome, error) => {
        if (outcome === 'failed') failures.push(error ?? '');
      },
    });
    const job = await runtime.workspace.db
      .selectFrom('jobs')
      .select(['status', 'attempts', 'error'])
      .where('kind', '=', 'extract')
      .executeTakeFirstOrThrow();
    expect(job).toEqual({
      status: 'failed',
      attempts: 3,
      error: 'extraction took longer than 1 s (a text of 1,075,000 characters)',
    });
    expect(failures).toHaveLength(3);
  });
});
