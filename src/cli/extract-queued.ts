import type { Runtime } from '../app/runtime.js';
import { runWorker } from '../jobs/index.js';
import { EXTRACT_JOB, OCR_JOB, type OcrOutcome } from '../record/index.js';
import { PARTS_JOB, type PartsOutcome, WORDING_JOB, type WordingOutcome } from '../sources/index.js';
import { printError } from './io.js';

/**
 * Runs the jobs waiting in an embedded (SQLite) workspace, which has no separate workers, and says how it went on
 * standard error: split archives whose last part came are read, scans and photos are read by the machine's OCR
 * program, when it has one, and the text read is extracted in the same run; after an upgrade, the sources stored before
 * are compared by their wording. On PostgreSQL the queued jobs wait for `chronicle worker`.
 */
export async function extractQueued(runtime: Runtime): Promise<void> {
  // The OCR program is looked for only when a scan waits for it: most runs read text files.
  const ocrWaiting = await runtime.workspace.db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', OCR_JOB)
    .where('status', '=', 'queued')
    .limit(1)
    .executeTakeFirst();
  const handlers = await runtime.jobHandlers(null, { withOcr: ocrWaiting !== undefined });
  const started = Date.now();
  let done = 0;
  let failed = 0;
  let read = 0;
  let similar = 0;
  let compared = 0;
  await runWorker({
    db: runtime.workspace.db,
    handlers: {
      [PARTS_JOB]: handlers[PARTS_JOB]!,
      [WORDING_JOB]: handlers[WORDING_JOB]!,
      [EXTRACT_JOB]: handlers[EXTRACT_JOB]!,
      ...(handlers[OCR_JOB] ? { [OCR_JOB]: handlers[OCR_JOB] } : {}),
    },
    exitWhenIdle: true,
    onJob: (job, outcome, error) => {
      const sourceId = (job.payload as { sourceId?: string }).sourceId;
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
      if (outcome === 'done') {
        done++;
        if ((job.result as { similarText?: { created?: boolean } } | null)?.similarText?.created) similar++;
      } else {
        failed++;
        printError(`extraction failed for ${sourceId}: ${error}`);
      }
    },
  });
  const before =
    compared > 0
      ? `compared the wording of ${compared} source${compared === 1 ? '' : 's'} stored before this version, `
      : '';
  if (done + failed + read === 0 && compared === 0) return;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ocr = read > 0 ? `read ${read} scan${read === 1 ? '' : 's'} by OCR with ${(await runtime.ocr())?.name}, ` : '';
  const republished =
    similar > 0
      ? `, ${similar} linked as near-duplicate${similar === 1 ? '' : 's'} of reports worded alike (republished)`
      : '';
  process.stderr.write(
    `${ocr}${before}extracted ${done} source${done === 1 ? '' : 's'}${failed ? `, ${failed} failed` : ''}${republished} in ${seconds} s — review with: chronicle review list\n`,
  );
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
