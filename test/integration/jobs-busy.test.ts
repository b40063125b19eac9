import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimJob, enqueueJob, getJob, runWorker } from '../../src/jobs/index.js';
import { createTestWorkspace, type TestWorkspace } from '../helpers/workspaces.js';

/**
 * Another process writing to the embedded workspace while a job is claimed — `chronicle ingest` beside
 * `chronicle serve`. The claim waits for the write lock; it failed at once with "database is locked" (its
 * transaction read before it wrote, and the other process's commit made what it read stale), and the server's worker
 * stopped on it.
 */
/**
 * Another process takes the workspace's write lock, writes to the jobs of `kind`, says so, and commits `ms` later.
 * Resolves once it holds the lock, with the process.
 */
async function holdWriteLock(file: string, kind: string, ms: number): Promise<ChildProcess> {
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const Database = require('better-sqlite3-multiple-ciphers');
       const db = new Database(${JSON.stringify(file)});
       db.pragma('busy_timeout = 10000');
       db.exec('BEGIN IMMEDIATE');
       db.prepare("UPDATE jobs SET updated_at = updated_at WHERE kind = ${kind}").run();
       process.stdout.write('locked\\n');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
       db.exec('COMMIT');
       db.close();`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    holder.on('error', reject);
    holder.on('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
  });
  return holder;
}

describe('claiming a job while another process writes to the SQLite workspace', () => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace('sqlite');
  });
  afterAll(async () => t.dispose());

  it('waits for the other process and claims the job', async () => {
    const { id } = await enqueueJob(t.workspace.db, 'busy-test', {});
    const file = join(t.dataDir!, 'chronicle.db');
    // The other process takes the write lock and commits half a second later.
    const holder = await holdWriteLock(file, "'busy-test'", 500);
    const claimed = await claimJob(t.workspace.db, 'worker-busy', { kinds: ['busy-test'] });
    expect(claimed).toMatchObject({ id, status: 'running', workerId: 'worker-busy', attempts: 1 });
    const exit = await new Promise<number | null>((resolve) => {
      if (holder.exitCode !== null) resolve(holder.exitCode);
      else holder.on('exit', resolve);
    });
    expect(exit).toBe(0);
  });

  it('gives back the attempt of a job that failed only because another process held the database', async () => {
    const { id } = await enqueueJob(t.workspace.db, 'busy-handler', {}, { maxAttempts: 1 });
    const file = join(t.dataDir!, 'chronicle.db');
    let runs = 0;
    const outcomes: string[] = [];
    await runWorker({
      db: t.workspace.db,
      exitWhenIdle: true,
      handlers: {
        'busy-handler': async (_job, complete) => {
          runs++;
          if (runs === 1) {
            // Another process takes the write lock while the job runs and keeps it for 800 ms.
            await holdWriteLock(file, "'busy-handler'", 800);
            // A connection that does not wait, so that the write fails with a real SQLITE_BUSY at once.
            const impatient = new Database(file);
            try {
              impatient.pragma('busy_timeout = 0');
              impatient.prepare("UPDATE jobs SET updated_at = updated_at WHERE kind = 'busy-handler'").run();
            } finally {
              impatient.close();
            }
          }
          await t.workspace.db.transaction().execute((trx) => complete(trx, { runs }));
        },
      },
      onJob: (_job, outcome, error) => void outcomes.push(error ? `${outcome}: ${error}` : outcome),
    });
    expect(outcomes).toEqual([expect.stringMatching(/^failed: .*database is locked/), 'done']);
    expect(await getJob(t.workspace.db, id)).toMatchObject({ status: 'done', attempts: 1, result: { runs: 2 } });
  });
});
