import { setTimeout as sleep } from 'node:timers/promises';
import type { Runtime } from '../app/runtime.js';
import { type JobHandler, runWorker } from '../jobs/index.js';
import { EXTRACT_JOB, OCR_JOB, type OcrOutcome } from '../record/index.js';
import { describeError } from '../shared/errors.js';
import { PARTS_JOB, type PartsOutcome, WORDING_JOB, type WordingOutcome } from '../sources/index.js';
import { printError } from './io.js';

/**
 * Runs the jobs waiting in an embedded (SQLite) workspace, which has no separate workers, and says how it went on
 * standard error: split archives whose last part came are read, scans and photos are read by the machine's OCR
 * program, when it has one, and the text read is extracted in the same run; after an upgrade, the sources stored before
 * are compared by their wording. On PostgreSQL the queued jobs wait for `chronicle worker`.
 */
export async function extractQueued(runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  // The OCR program is looked for only when a scan waits for it: most runs read text files.
  const ocrWaiting = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', OCR_JOB)
    .where('status', '=', 'queued')
    .limit(1)
    .executeTakeFirst();
  const handlers = await runtime.jobHandlers(null, { withOcr: ocrWaiting !== undefined });
  const started = Date.now();
  // Counted by source, not by job: a scan is extracted before OCR gives it a text and again after, and a job that
  // failed once may be done at its next attempt.
  const extracted = new Set<string>();
  const failed = new Map<string, string>();
  let read = 0;
  let similar = 0;
  let compared = 0;
  // Another process working on the same workspace (a running `chronicle serve`) takes the jobs this one does not:
  // once it holds the database or a job, the rest is left to it rather than fought over and reported as failures.
  const yieldToOther = new AbortController();
  const leftToOther = new Set<string>();
  const patient =
    (handler: JobHandler): JobHandler =>
    async (job, complete) => {
      try {
        await retryWhileBusy(() => handler(job, complete));
      } catch (error) {
        if (heldByOtherProcess(error)) {
          yieldToOther.abort();
          throw new LeftToOtherProcess(describeError(error));
        }
        throw error;
      }
    };
  const workerHandlers: Record<string, JobHandler> = {
    [PARTS_JOB]: patient(handlers[PARTS_JOB]!),
    [WORDING_JOB]: patient(handlers[WORDING_JOB]!),
    [EXTRACT_JOB]: patient(handlers[EXTRACT_JOB]!),
    ...(handlers[OCR_JOB] ? { [OCR_JOB]: patient(handlers[OCR_JOB]) } : {}),
  };
  try {
    await runWorker({
      db,
      handlers: workerHandlers,
      exitWhenIdle: true,
      signal: yieldToOther.signal,
      onJob: (job, outcome, error) => {
        const sourceId = (job.payload as { sourceId?: string }).sourceId;
        if (outcome === 'failed' && yieldToOther.signal.aborted && error?.startsWith(LEFT_TO_OTHER)) {
          if (sourceId) leftToOther.add(sourceId);
          return;
        }
        if (job.kind === PARTS_JOB) {
          if (outcome === 'failed') printError(`reading a split archive's parts failed: ${error}`);
          else printPartsOutcome(job.result as PartsOutcome);
          return;
        }
        if (job.kind === WORDING_JOB) {
          if (outcome === 'failed') printError(`comparing the wording of sources stored before failed: ${error}`);
          else {
            const result = job.result as WordingOutcome;
            compared += result.compared;
            similar += result.linked;
          }
          return;
        }
        if (job.kind === OCR_JOB) {
          if (outcome === 'failed') printError(`OCR failed for ${sourceId}: ${error}`);
          else if ((job.result as OcrOutcome | null)?.outcome === 'read') read++;
          return;
        }
        if (!sourceId) return;
        if (outcome === 'done') {
          extracted.add(sourceId);
          failed.delete(sourceId);
          if ((job.result as { similarText?: { created?: boolean } } | null)?.similarText?.created) similar++;
        } else if (!failed.has(sourceId)) {
          failed.set(sourceId, error ?? 'unknown error');
          printError(`extraction failed for ${sourceId}: ${error}`);
        }
      },
    });
  } catch (error) {
    // Claiming the next job is a write too: the other process may hold the database then.
    if (!heldByOtherProcess(error)) throw error;
    yieldToOther.abort();
  }
  for (const sourceId of extracted) failed.delete(sourceId);
  if (yieldToOther.signal.aborted) for (const sourceId of await sourcesWaiting(runtime)) leftToOther.add(sourceId);
  for (const sourceId of leftToOther) if (extracted.has(sourceId)) leftToOther.delete(sourceId);
  const before =
    compared > 0
      ? `compared the wording of ${compared} source${compared === 1 ? '' : 's'} stored before this version, `
      : '';
  if (leftToOther.size > 0)
    process.stderr.write(
      `left ${leftToOther.size} source${leftToOther.size === 1 ? '' : 's'} to the other process working on this ` +
        'workspace (a running chronicle serve extracts them; chronicle jobs shows how they went)\n',
    );
  const done = extracted.size;
  if (done + failed.size + read === 0 && compared === 0) return;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ocr = read > 0 ? `read ${read} scan${read === 1 ? '' : 's'} by OCR with ${(await runtime.ocr())?.name}, ` : '';
  const republished =
    similar > 0
      ? `, ${similar} linked as near-duplicate${similar === 1 ? '' : 's'} of reports worded alike (republished)`
      : '';
  process.stderr.write(
    `${ocr}${before}extracted ${done} source${done === 1 ? '' : 's'}${failed.size ? `, ${failed.size} failed` : ''}${republished} in ${seconds} s — review with: chronicle review list\n`,
  );
}

const LEFT_TO_OTHER = 'left to the other process: ';

/** A job given up because another process holds the workspace; its message says so, for `onJob` to tell it apart. */
class LeftToOtherProcess extends Error {
  constructor(reason: string) {
    super(`${LEFT_TO_OTHER}${reason}`);
  }
}

/**
 * SQLite answers "database is locked" at once, without its busy timeout, to a transaction that read and then
 * writes after another connection wrote: waiting longer cannot help it, running the job again can. A job whose
 * lease another worker took over is that worker's.
 */
function heldByOtherProcess(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED') return true;
  return error instanceof Error && / was taken over by another worker$/.test(error.message);
}

const BUSY_RETRIES = 3;

/** Runs `work` again, a moment later each time, while another process holds the database. */
async function retryWhileBusy(work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const busy = (error as { code?: unknown } | null)?.code;
      if (attempt > BUSY_RETRIES || (busy !== 'SQLITE_BUSY' && busy !== 'SQLITE_BUSY_SNAPSHOT')) throw error;
      await sleep(100 * attempt);
    }
  }
}

/** The sources whose OCR or extraction waits, or runs in another process. */
async function sourcesWaiting(runtime: Runtime): Promise<string[]> {
  const rows = await runtime.workspace.db
    .selectFrom('jobs')
    .select('payload')
    .where('kind', 'in', [EXTRACT_JOB, OCR_JOB])
    .where('status', 'in', ['queued', 'running'])
    .execute();
  const ids = new Set<string>();
  for (const row of rows) {
    const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
    const sourceId = (payload as { sourceId?: unknown } | null)?.sourceId;
    if (typeof sourceId === 'string') ids.add(sourceId);
  }
  return [...ids];
}

/** What became of a split archive whose parts came at different times, on standard error. */
function printPartsOutcome(outcome: PartsOutcome): void {
  if (outcome.outcome === 'read')
    process.stderr.write(
      `read «${outcome.archive}» from its ${outcome.parts} parts, stored at different times: ` +
        `${outcome.sources} source${outcome.sources === 1 ? '' : 's'} stored from it\n`,
    );
  else if (outcome.outcome === 'not read')
    printError(`«${outcome.archive}», whose parts are all here, could not be read: ${outcome.reason}`);
}
