import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { describeError, type ErrorCode, isChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { claimJob, completeJob, failJob, type Job, renewLease } from './queue.js';

/**
 * A job handler applies the job's effect and calls `complete(trx, result)` inside the transaction that applied it.
 * If the handler throws, the job is retried (up to its attempts, unless the input is at fault; a database held by
 * another writer costs no attempt) and the reason is kept.
 */
export type JobHandler = (
  job: Job,
  complete: (trx: Kysely<Database>, result: unknown) => Promise<void>,
) => Promise<void>;

export interface WorkerOptions {
  db: Kysely<Database>;
  handlers: Record<string, JobHandler>;
  workerId?: string;
  leaseMs?: number;
  /** How long to wait when the queue is empty. */
  idleMs?: number;
  /** Stop when the queue is empty instead of waiting for more work. */
  exitWhenIdle?: boolean;
  signal?: AbortSignal;
  /** Called after each job, with the result it completed with (`job.result`) when done. */
  onJob?: (job: Job, outcome: 'done' | 'failed', error?: string) => void;
}

/**
 * Failures that come from the input itself: a file that cannot be read fails the same way on every attempt, so it
 * fails at once, its reason kept for `jobs retry` after the file is mended. Time limits, lost connections and
 * crashes are retried.
 */
export const PERMANENT_FAILURES: ReadonlySet<ErrorCode> = new Set([
  'VALIDATION',
  'UNSUPPORTED_TYPE',
  'PARSE_FAILED',
  'TOO_LARGE',
  'DECOMPRESSION_LIMIT',
]);

/**
 * Failures that say only that another writer held the database: SQLite's lock outwaited its busy timeout, or
 * PostgreSQL gave up a serialization, a deadlock or a lock wait. They are no fault of the job and would spend its
 * attempts while `chronicle ingest` runs beside the server, so the job goes back in the queue as it was.
 * `isContention(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))` → true.
 */
export function isContention(error: unknown): boolean {
  // A handler may wrap the driver's error; its cause says what happened.
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as Error).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || PG_CONTENTION.has(code)) return true;
  }
  return false;
}

const PG_CONTENTION = new Set(['40001', '40P01', '55P03']);

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${newId().slice(-6)}`;
}

/** Processes jobs until stopped (or, with exitWhenIdle, until the queue is empty). Returns how many it finished. */
export async function runWorker(options: WorkerOptions): Promise<number> {
  const workerId = options.workerId ?? defaultWorkerId();
  const leaseMs = options.leaseMs ?? 60_000;
  const kinds = Object.keys(options.handlers);
  let finished = 0;
  while (!options.signal?.aborted) {
    const job = await claimJob(options.db, workerId, { kinds, leaseMs });
    if (!job) {
      if (options.exitWhenIdle) break;
      await sleep(options.idleMs ?? 500, undefined, { signal: options.signal }).catch(() => {});
      continue;
    }
    const heartbeat = setInterval(
      () => void renewLease(options.db, job.id, workerId, leaseMs).catch(() => {}),
      Math.max(leaseMs / 3, 50),
    );
    try {
      const handler = options.handlers[job.kind]!;
      let completed: unknown = null;
      await handler(job, async (trx, result) => {
        if (!(await completeJob(trx, job.id, workerId, result))) {
          throw new Error(`job ${job.id} was taken over by another worker`);
        }
        completed = result;
      });
      finished++;
      options.onJob?.({ ...job, result: completed }, 'done');
    } catch (error) {
      const permanent = isChronicleError(error) && PERMANENT_FAILURES.has(error.code);
      const contended = !permanent && isContention(error);
      await failJob(options.db, job.id, workerId, describeError(error), { permanent, contended }).catch(() => {});
      options.onJob?.(job, 'failed', describeError(error));
    } finally {
      clearInterval(heartbeat);
    }
  }
  return finished;
}
