import type { Kysely } from 'kysely';
import { dialectOf } from '../db/connection.js';
import type { Database, JobsTable } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';

export type JobStatus = JobsTable['status'];

export interface Job {
  id: string;
  kind: string;
  payload: unknown;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  leaseUntil: string | null;
  workerId: string | null;
  error: string | null;
  result: unknown;
  createdAt: string;
  updatedAt: string;
}

function toJob(row: JobsTable): Job {
  return {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload),
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    leaseUntil: row.lease_until,
    workerId: row.worker_id,
    error: row.error,
    result: row.result === null ? null : JSON.parse(row.result),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Queues a job. With a dedupe key, queuing the same work twice returns the existing job instead of a second one.
 * `enqueueJob(db, 'ingest', { sha256 }, { dedupeKey: 'ingest:ab12…' })`.
 */
export async function enqueueJob(
  db: Kysely<Database>,
  kind: string,
  payload: unknown,
  options: { dedupeKey?: string; maxAttempts?: number } = {},
): Promise<{ id: string; created: boolean }> {
  const now = new Date().toISOString();
  const id = newId();
  const inserted = await db
    .insertInto('jobs')
    .values({
      id,
      kind,
      payload: JSON.stringify(payload),
      status: 'queued',
      attempts: 0,
      max_attempts: options.maxAttempts ?? 3,
      lease_until: null,
      worker_id: null,
      error: null,
      result: null,
      dedupe_key: options.dedupeKey ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db
    .selectFrom('jobs')
    .select('id')
    .where('dedupe_key', '=', options.dedupeKey ?? '')
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/**
 * Queues work to be done again under its dedupe key, when what it reads has changed: the job that did it (done or
 * failed) goes back in the queue with its attempts reset, a queued one stays queued, and a new one is queued where
 * there is none. The row is written either way, so on PostgreSQL no worker claims it before the caller's transaction
 * commits what the work is to read. Throws CONFLICT while a worker runs it: it reads what was there before.
 * `await requeueJob(trx, 'extract', { sourceId }, 'extract:01J…:1.2.0')` → `{ id: '01J…', created: false }`.
 */
export async function requeueJob(
  db: Kysely<Database>,
  kind: string,
  payload: unknown,
  dedupeKey: string,
): Promise<{ id: string; created: boolean }> {
  const again = await db
    .updateTable('jobs')
    .set({
      status: 'queued',
      attempts: 0,
      error: null,
      result: null,
      worker_id: null,
      lease_until: null,
      updated_at: new Date().toISOString(),
    })
    .where('dedupe_key', '=', dedupeKey)
    .where('status', '!=', 'running')
    .returning('id')
    .executeTakeFirst();
  if (again) return { id: again.id, created: false };
  const queued = await enqueueJob(db, kind, payload, { dedupeKey });
  if (!queued.created) throw new ChronicleError('CONFLICT', `job ${queued.id} is running on what was there before`);
  return queued;
}

/**
 * Claims the oldest runnable job: a queued one, or a running one whose worker's lease ran out (the worker died).
 * On PostgreSQL `FOR UPDATE SKIP LOCKED` lets any number of workers on any number of machines claim without
 * blocking each other or taking the same job; on SQLite the single writer does the same job.
 */
export async function claimJob(
  db: Kysely<Database>,
  workerId: string,
  options: { kinds?: string[]; leaseMs?: number } = {},
): Promise<Job | null> {
  const now = new Date();
  const nowIso = now.toISOString();
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 60_000)).toISOString();
  const claim = {
    status: 'running' as const,
    worker_id: workerId,
    lease_until: leaseUntil,
    updated_at: nowIso,
  };
  if (dialectOf(db) === 'sqlite') {
    // One statement, so SQLite takes the write lock as it starts and waits for it (busy_timeout): a transaction that
    // read the candidate first and wrote after failed at once with "database is locked" whenever another process
    // (a server beside `chronicle ingest`) had written meanwhile, and the server's worker stopped on it.
    const claimed = await db
      .updateTable('jobs')
      .set((eb) => ({ ...claim, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', (eb) => {
        let candidates = eb
          .selectFrom('jobs')
          .select('id')
          .where((w) =>
            w.or([w('status', '=', 'queued'), w.and([w('status', '=', 'running'), w('lease_until', '<', nowIso)])]),
          )
          .orderBy('created_at')
          .orderBy('id')
          .limit(1);
        if (options.kinds && options.kinds.length > 0) candidates = candidates.where('kind', 'in', options.kinds);
        return candidates;
      })
      .returningAll()
      .executeTakeFirst();
    return claimed ? toJob(claimed) : null;
  }
  return db.transaction().execute(async (trx) => {
    let candidates = trx
      .selectFrom('jobs')
      .select('id')
      .where((eb) =>
        eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', nowIso)])]),
      )
      .orderBy('created_at')
      .orderBy('id')
      .limit(1);
    if (options.kinds && options.kinds.length > 0) candidates = candidates.where('kind', 'in', options.kinds);
    candidates = candidates.forUpdate().skipLocked();
    const candidate = await candidates.executeTakeFirst();
    if (!candidate) return null;
    const claimed = await trx
      .updateTable('jobs')
      .set((eb) => ({ ...claim, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', candidate.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toJob(claimed);
  });
}

/** Extends the lease of a long job so other workers do not take it over. */
export async function renewLease(
  db: Kysely<Database>,
  jobId: string,
  workerId: string,
  leaseMs = 60_000,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ lease_until: new Date(Date.now() + leaseMs).toISOString() })
    .where('id', '=', jobId)
    .where('worker_id', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks a job done. Call it inside the transaction that applied the job's effect: the effect and the completion
 * commit together, which is what makes a job take effect exactly once even when its worker is killed.
 * Returns false when this worker no longer holds the job (its lease ran out and another worker took it).
 */
export async function completeJob(
  trx: Kysely<Database>,
  jobId: string,
  workerId: string,
  result: unknown,
): Promise<boolean> {
  const updated = await trx
    .updateTable('jobs')
    .set({
      status: 'done',
      result: JSON.stringify(result ?? null),
      error: null,
      lease_until: null,
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', jobId)
    .where('worker_id', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/**
 * Records a failure: queued again while attempts remain (and the failure is not `permanent`), otherwise failed with
 * the reason kept for the user. A `contended` failure (the database was held by another writer) is queued again
 * with the attempt its claim took given back.
 */
export async function failJob(
  db: Kysely<Database>,
  jobId: string,
  workerId: string,
  reason: string,
  options: { permanent?: boolean; contended?: boolean } = {},
): Promise<void> {
  const job = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
  if (!job || job.worker_id !== workerId) return;
  const contended = options.contended === true && !options.permanent;
  await db
    .updateTable('jobs')
    .set({
      ...(contended ? { attempts: Math.max(0, job.attempts - 1) } : {}),
      status: contended ? 'queued' : options.permanent || job.attempts >= job.max_attempts ? 'failed' : 'queued',
      error: reason,
      lease_until: null,
      worker_id: null,
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', jobId)
    .where('worker_id', '=', workerId)
    .execute();
}

/** Puts failed jobs back in the queue with fresh attempts: `retryJobs(db, ['01J…'])`, or every failed job. */
export async function retryJobs(db: Kysely<Database>, ids?: string[]): Promise<number> {
  if (ids && ids.length > 0) {
    // A named job that is not there, or not failed, is a mistake to report, not a silent zero.
    const found = await db.selectFrom('jobs').select(['id', 'status']).where('id', 'in', ids).execute();
    const status = new Map(found.map((j) => [j.id, j.status]));
    for (const id of ids) {
      const s = status.get(id);
      if (s === undefined) throw new ChronicleError('NOT_FOUND', `no job ${id}`);
      if (s !== 'failed') throw new ChronicleError('CONFLICT', `job ${id} is ${s}, not failed`);
    }
  }
  let query = db
    .updateTable('jobs')
    .set({
      status: 'queued',
      attempts: 0,
      error: null,
      worker_id: null,
      lease_until: null,
      updated_at: new Date().toISOString(),
    })
    .where('status', '=', 'failed');
  if (ids && ids.length > 0) query = query.where('id', 'in', ids);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Whether the queue moves, so that a stall is said rather than found out: how long the longest-waiting job has been
 * queued (since it was queued or queued again), how many running jobs' workers stopped renewing their lease (killed
 * or cut off: the next worker to look takes them again), and `stalled` when work has waited `STALL_MS` with no
 * worker on any of it.
 */
export interface QueueHealth {
  oldestQueuedAt: string | null;
  expiredLeases: number;
  stalled: boolean;
}

/** A queued job waiting this long while nothing runs means no worker is taking jobs. */
const STALL_MS = 2 * 60_000;

async function queueHealth(db: Kysely<Database>, counts: Record<JobStatus, number>, now: Date): Promise<QueueHealth> {
  const nowIso = now.toISOString();
  const [oldest, expired] = await Promise.all([
    db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min('updated_at').as('at'))
      .where('status', '=', 'queued')
      .executeTakeFirst(),
    db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'running')
      .where('lease_until', '<', nowIso)
      .executeTakeFirst(),
  ]);
  const oldestQueuedAt = (oldest?.at as string | null | undefined) ?? null;
  const expiredLeases = Number(expired?.n ?? 0);
  // Counted a moment apart: a lease that ran out in between must not make the number negative.
  const working = counts.running - expiredLeases;
  const stalled =
    oldestQueuedAt !== null && working <= 0 && now.getTime() - new Date(oldestQueuedAt).getTime() >= STALL_MS;
  return { oldestQueuedAt, expiredLeases, stalled };
}

export async function listJobs(
  db: Kysely<Database>,
  options: { status?: JobStatus; limit?: number; offset?: number; now?: Date } = {},
): Promise<{ counts: Record<JobStatus, number>; items: Job[]; health: QueueHealth }> {
  const countRows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const row of countRows) counts[row.status] = Number(row.n);
  let query = db.selectFrom('jobs').selectAll();
  if (options.status) query = query.where('status', '=', options.status);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(options.limit ?? 50, 500))
    .offset(options.offset ?? 0)
    .execute();
  return { counts, items: rows.map(toJob), health: await queueHealth(db, counts, options.now ?? new Date()) };
}

export async function getJob(db: Kysely<Database>, id: string): Promise<Job> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ChronicleError('NOT_FOUND', `no job ${id}`);
  return toJob(row);
}
