import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimJob, completeJob, enqueueJob, failJob, listJobs, retryJobs, runWorker } from '../../src/jobs/index.js';
import { ChronicleError } from '../../src/shared/errors.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();

describe.each(dialects)('job queue on %s', (dialect) => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
  });
  afterAll(async () => t.dispose());

  it('queues the same work once per dedupe key', async () => {
    const a = await enqueueJob(t.workspace.db, 'noop', { n: 1 }, { dedupeKey: 'noop:1' });
    const b = await enqueueJob(t.workspace.db, 'noop', { n: 1 }, { dedupeKey: 'noop:1' });
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
  });

  it('gives a job whose worker died to another worker once the lease runs out, and only then', async () => {
    const db = t.workspace.db;
    const { id } = await enqueueJob(db, 'lease-test', {});
    const first = await claimJob(db, 'worker-a', { kinds: ['lease-test'], leaseMs: 300 });
    expect(first?.id).toBe(id);
    expect(await claimJob(db, 'worker-b', { kinds: ['lease-test'], leaseMs: 300 })).toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    const second = await claimJob(db, 'worker-b', { kinds: ['lease-test'], leaseMs: 60_000 });
    expect(second).toMatchObject({ id, attempts: 2, workerId: 'worker-b' });
    // The first worker wakes up late: its completion no longer counts.
    expect(await db.transaction().execute((trx) => completeJob(trx, id, 'worker-a', 'late'))).toBe(false);
    expect(await db.transaction().execute((trx) => completeJob(trx, id, 'worker-b', 'ok'))).toBe(true);
  });

  it('keeps the reason of a failure and retries on request', async () => {
    const db = t.workspace.db;
    const { id } = await enqueueJob(db, 'fails', {}, { maxAttempts: 1 });
    await runWorker({
      db,
      handlers: {
        fails: async () => {
          throw new Error('report.pdf: file could not be read');
        },
      },
      exitWhenIdle: true,
    });
    const failed = await listJobs(db, { status: 'failed' });
    expect(failed.items.find((j) => j.id === id)?.error).toBe('report.pdf: file could not be read');
    expect(await retryJobs(db, [id])).toBe(1);
    const again = await claimJob(db, 'w', { kinds: ['fails'] });
    expect(again?.id).toBe(id);
    await failJob(db, id, 'w', 'still broken');
  });

  it('fails at once on a file at fault, and retries what may pass next time', async () => {
    const db = t.workspace.db;
    const unreadable = await enqueueJob(db, 'unreadable', {}, { maxAttempts: 3 });
    const flaky = await enqueueJob(db, 'flaky', {}, { maxAttempts: 3 });
    const tries = { unreadable: 0, flaky: 0 };
    await runWorker({
      db,
      handlers: {
        unreadable: async () => {
          tries.unreadable++;
          throw new ChronicleError('PARSE_FAILED', 'broken.pdf: file could not be read');
        },
        flaky: async () => {
          tries.flaky++;
          throw new ChronicleError('PARSE_TIMEOUT', 'slow.pdf: file took too long to read');
        },
      },
      exitWhenIdle: true,
    });
    expect(tries).toEqual({ unreadable: 1, flaky: 3 });
    const failed = await listJobs(db, { status: 'failed' });
    expect(failed.items.find((j) => j.id === unreadable.id)).toMatchObject({ attempts: 1 });
    expect(failed.items.find((j) => j.id === flaky.id)).toMatchObject({ attempts: 3 });
  });

  it('commits a job’s effect and its completion together', async () => {
    const db = t.workspace.db;
    await enqueueJob(db, 'effect', { value: 'kept' });
    const done = await runWorker({
      db,
      handlers: {
        effect: async (job, complete) => {
          await db.transaction().execute(async (trx) => {
            await trx
              .insertInto('groups')
              .values({ id: job.id, name: `effect-${job.id}` })
              .execute();
            await complete(trx, { ok: true });
          });
        },
      },
      exitWhenIdle: true,
    });
    expect(done).toBe(1);
    const counts = (await listJobs(db)).counts;
    expect(counts.done).toBeGreaterThanOrEqual(1);
  });
});

describe.each(dialects)('whether the queue moves, on %s', (dialect) => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
  });
  afterAll(async () => t.dispose());

  const minutes = (n: number) => new Date(Date.now() + n * 60_000);

  it('says the queue is stalled once a job has waited two minutes with no worker on any job', async () => {
    const db = t.workspace.db;
    expect((await listJobs(db)).health).toEqual({ oldestQueuedAt: null, expiredLeases: 0, stalled: false });
    const { id } = await enqueueJob(db, 'health-test', {});
    const queuedAt = (await listJobs(db)).health.oldestQueuedAt!;
    expect(Date.parse(queuedAt)).toBeLessThanOrEqual(Date.now());
    expect((await listJobs(db, { now: minutes(1) })).health.stalled).toBe(false);
    expect((await listJobs(db, { now: minutes(3) })).health).toEqual({
      oldestQueuedAt: queuedAt,
      expiredLeases: 0,
      stalled: true,
    });
    // A worker on a job keeps the queue moving while its lease holds; once the lease runs out, it does not.
    await enqueueJob(db, 'health-test', { second: true });
    expect((await claimJob(db, 'worker-a', { kinds: ['health-test'], leaseMs: 10 * 60_000 }))?.id).toBe(id);
    expect((await listJobs(db, { now: minutes(3) })).health).toMatchObject({ expiredLeases: 0, stalled: false });
    expect((await listJobs(db, { now: minutes(11) })).health).toMatchObject({ expiredLeases: 1, stalled: true });
  });
});
