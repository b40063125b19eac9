import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type Job, type JobStatus, listJobs, retryJobs, runWorker } from '../../jobs/index.js';
import { ChronicleError } from '../../shared/errors.js';
import { countOption, printError, printJson, printLine } from '../io.js';
import { withRuntime } from '../runtime.js';

const STATUSES: JobStatus[] = ['queued', 'running', 'done', 'failed'];

/** `chronicle jobs [--status S] [--json]`, `chronicle jobs retry [ID…]`, `chronicle worker [--once]`. */
export function registerJobsCommands(program: Command): void {
  const jobs = program
    .command('jobs')
    .description('what is queued, running, done and failed, with the reason for each failure')
    .option('--status <status>', `only jobs with this status (${STATUSES.join(', ')})`)
    .option('--limit <n>', 'jobs to list', '50')
    .option('--json', 'one JSON document {counts, items}')
    .action(async (options: { status?: string; limit: string; json?: boolean }, command: Command) => {
      if (options.status !== undefined && !STATUSES.includes(options.status as JobStatus)) {
        throw new ChronicleError('USAGE', `--status must be one of ${STATUSES.join(', ')}`);
      }
      await withRuntime(command, async ({ workspace }) => {
        const result = await listJobs(workspace.db, {
          status: options.status as JobStatus | undefined,
          limit: countOption('--limit', options.limit, 1, 500),
        });
        if (options.json) return printJson(result);
        const { counts, health } = result;
        const now = Date.now();
        printLine(
          `queued ${counts.queued} · running ${counts.running} · done ${counts.done} · failed ${counts.failed}`,
        );
        for (const job of result.items) {
          printLine(
            `${job.id}  ${job.kind.padEnd(8)} ${job.status.padEnd(8)} attempts ${job.attempts}/${job.maxAttempts}  ${jobSubject(job)}${job.error ? `  — ${job.error}` : ''}${notReadText(job)}${job.status === 'running' ? `  — ${runningText(job, now)}` : ''}`,
          );
        }
        if (counts.failed > 0) printLine('retry failed jobs with: chronicle jobs retry [ID…]');
        if (health.expiredLeases > 0)
          printLine(
            `${health.expiredLeases} running job${health.expiredLeases === 1 ? '' : 's'} past the lease: the worker stopped answering (killed or cut off); the next worker to look takes ${health.expiredLeases === 1 ? 'it' : 'them'} again`,
          );
        if (health.stalled && health.oldestQueuedAt)
          printLine(
            `stalled: a job has waited ${durationText(now - Date.parse(health.oldestQueuedAt))} and no worker is on any job — ${workspace.dialect === 'sqlite' ? 'run chronicle worker --once, or chronicle serve, which works the queue' : 'start chronicle worker on a machine that reaches the database'}`,
          );
        else if (counts.queued > 0 && workspace.dialect === 'sqlite')
          printLine('queued jobs run with: chronicle worker --once (chronicle ingest also runs queued extraction)');
      });
    });
  jobs
    .command('retry')
    .description('queue failed jobs again (all of them, or the ones named)')
    .argument('[ids...]')
    .action(async (ids: string[], _options: unknown, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        const n = await retryJobs(workspace.db, ids);
        printLine(`${n} job${n === 1 ? '' : 's'} queued again`);
      });
    });

  program
    .command('worker')
    .description('process queued jobs (any number of workers may run at once on PostgreSQL)')
    .option('--once', 'stop when the queue is empty')
    .option('--lease <seconds>', 'how long a claimed job stays reserved without a heartbeat', '60')
    .action(async (options: { once?: boolean; lease: string }, command: Command) => {
      const leaseMs = Number(options.lease) * 1000;
      if (!(leaseMs > 0)) throw new ChronicleError('USAGE', '--lease must be a positive number of seconds');
      await withRuntime(command, async (runtime) => {
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
        try {
          let failed = 0;
          const failedJobs = new Set<string>();
          const done = await runWorker({
            db: runtime.workspace.db,
            handlers: await runtime.jobHandlers(null),
            leaseMs,
            exitWhenIdle: Boolean(options.once),
            signal: controller.signal,
            onJob: (job, outcome, error) => {
              if (outcome === 'failed') {
                failed++;
                failedJobs.add(job.id);
              }
              const subject = jobSubject(job);
              printError(
                `${outcome.padEnd(6)} ${job.kind} ${job.id}${subject ? ` ${subject}` : ''}${error ? ` — ${error}` : ''}${notReadText(job)}`,
              );
            },
          });
          process.stderr.write(
            `worker finished ${done} job${done === 1 ? '' : 's'}${failed > 0 ? `; ${failed} attempt${failed === 1 ? '' : 's'} failed (chronicle jobs shows why)` : ''}\n`,
          );
          // A script running `worker --once` learns from its exit code whether a job ended failed (not one whose
          // attempt failed and was then done), as `ingest` says whether a file failed.
          if (options.once && (await jobsEndedFailed(runtime.workspace.db, [...failedJobs])) > 0) process.exitCode = 1;
        } finally {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
        }
      });
    });
}

/** Who has a running job and since when, and whether its lease ran out. */
function runningText(job: Job, now: number): string {
  const since = `${job.workerId ?? 'a worker'} for ${durationText(now - Date.parse(job.updatedAt))}`;
  const lease = job.leaseUntil ? Date.parse(job.leaseUntil) : Number.NaN;
  return lease < now ? `${since}; its lease ran out ${durationText(now - lease)} ago` : since;
}

/** `durationText(95_000)` → '2 min'; seconds under a minute and a half, hours from an hour and a half. */
function durationText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/**
 * What a job is about, for its line: an ingestion's file, the archive a read-parts job makes of its parts, the source
 * an extraction or OCR job reads.
 */
function jobSubject(job: Job): string {
  const { name, archive, sourceId } = (job.payload ?? {}) as { name?: string; archive?: string; sourceId?: string };
  return name ?? archive ?? (sourceId ? `source ${sourceId}` : '');
}

/**
 * What a done ingestion job could not read, said on its line: an archive or a letter is done when it is stored, what
 * it holds that failed kept in it, and a job said only "done" hid those files.
 * `'  — 1 of 3 files not read: bundle.zip!junk.exe: …'`, or '' when every file was read.
 */
function notReadText(job: Job): string {
  if (!Array.isArray(job.result)) return '';
  const results = job.result as Array<{ status?: string; error?: string | null; file?: string }>;
  const failed = results.filter((r) => r?.status === 'failed');
  if (failed.length === 0) return '';
  const said = failed.slice(0, 3).map((r) => r.error ?? r.file ?? '');
  return `  — ${failed.length} of ${results.length} files not read: ${said.join('; ')}${failed.length > 3 ? '; …' : ''}`;
}

/** How many of these jobs are failed now: tried for the last time, or failing on their input. */
async function jobsEndedFailed(db: Kysely<Database>, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db.selectFrom('jobs').select('id').where('id', 'in', ids).where('status', '=', 'failed').execute();
  return rows.length;
}
