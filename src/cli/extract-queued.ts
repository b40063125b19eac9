import type { Runtime } from '../app/runtime.js';
import { runWorker } from '../jobs/index.js';
import { EXTRACT_JOB, OCR_JOB, type OcrOutcome } from '../record/index.js';
import { printError } from './io.js';

/**
 * Runs the OCR and extraction jobs waiting in an embedded (SQLite) workspace, which has no separate workers, and says
 * how it went on standard error: scans and photos are read first by the machine's OCR program, when it has one, and
 * the text read is extracted in the same run. On PostgreSQL the queued jobs wait for `chronicle worker`.
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
  await runWorker({
    db: runtime.workspace.db,
    handlers: {
      [EXTRACT_JOB]: handlers[EXTRACT_JOB]!,
      ...(handlers[OCR_JOB] ? { [OCR_JOB]: handlers[OCR_JOB] } : {}),
    },
    exitWhenIdle: true,
    onJob: (job, outcome, error) => {
      const sourceId = (job.payload as { sourceId?: string }).sourceId;
      if (job.kind === OCR_JOB) {
        if (outcome === 'failed') printError(`OCR failed for ${sourceId}: ${error}`);
        else if ((job.result as OcrOutcome | null)?.outcome === 'read') read++;
        return;
      }
      if (outcome === 'done') done++;
      else {
        failed++;
        printError(`extraction failed for ${sourceId}: ${error}`);
      }
    },
  });
  if (done + failed + read === 0) return;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ocr = read > 0 ? `read ${read} scan${read === 1 ? '' : 's'} by OCR with ${(await runtime.ocr())?.name}, ` : '';
  process.stderr.write(
    `${ocr}extracted ${done} source${done === 1 ? '' : 's'}${failed ? `, ${failed} failed` : ''} in ${seconds} s — review with: chronicle review list\n`,
  );
}
