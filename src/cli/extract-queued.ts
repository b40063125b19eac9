import type { Runtime } from '../app/runtime.js';
import { runWorker } from '../jobs/index.js';
import { EXTRACT_JOB } from '../record/index.js';
import { printError } from './io.js';

/**
 * Runs the extraction jobs waiting in an embedded (SQLite) workspace, which has no separate workers, and says how it
 * went on standard error. On PostgreSQL the queued jobs wait for `chronicle worker`.
 */
export async function extractQueued(runtime: Runtime): Promise<void> {
  const handlers = runtime.jobHandlers(null);
  const started = Date.now();
  let done = 0;
  let failed = 0;
  await runWorker({
    db: runtime.workspace.db,
    handlers: { [EXTRACT_JOB]: handlers[EXTRACT_JOB]! },
    exitWhenIdle: true,
    onJob: (job, outcome, error) => {
      if (outcome === 'done') done++;
      else {
        failed++;
        printError(`extraction failed for ${(job.payload as { sourceId?: string }).sourceId}: ${error}`);
      }
    },
  });
  if (done + failed === 0) return;
  process.stderr.write(
    `extracted ${done} source${done === 1 ? '' : 's'}${failed ? `, ${failed} failed` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s — review with: chronicle review list\n`,
  );
}
