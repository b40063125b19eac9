import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimJob, enqueueJob } from '../../src/jobs/index.js';
import { createTestWorkspace, type TestWorkspace } from '../helpers/workspaces.js';

/**
 * Another process writing to the embedded workspace while a job is claimed — `chronicle ingest` beside
 * `chronicle serve`. The claim waits for the write lock; it failed at once with "database is locked" (its
 * transaction read before it wrote, and the other process's commit made what it read stale), and the server's worker
 * stopped on it.
 */
describe('claiming a job while another process writes to the SQLite workspace', () => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace('sqlite');
  });
  afterAll(async () => t.dispose());

  it('waits for the other process and claims the job', async () => {
    const { id } = await enqueueJob(t.workspace.db, 'busy-test', {});
    const file = join(t.dataDir!, 'chronicle.db');
    // The other process takes the write lock, writes, says so, and commits half a second later.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const Database = require('better-sqlite3-multiple-ciphers');
         const db = new Database(${JSON.stringify(file)});
         db.pragma('busy_timeout = 10000');
         db.exec('BEGIN IMMEDIATE');
         db.prepare("UPDATE jobs SET updated_at = updated_at WHERE kind = 'busy-test'").run();
         process.stdout.write('locked\\n');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
         db.exec('COMMIT');
         db.close();`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
      holder.on('error', reject);
      holder.on('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
    });
    const claimed = await claimJob(t.workspace.db, 'worker-busy', { kinds: ['busy-test'] });
    expect(claimed).toMatchObject({ id, status: 'running', workerId: 'worker-busy', attempts: 1 });
    const exit = await new Promise<number | null>((resolve) => {
      if (holder.exitCode !== null) resolve(holder.exitCode);
      else holder.on('exit', resolve);
    });
    expect(exit).toBe(0);
  });
});
