import type { Command } from 'commander';
import { computeStats } from '../../record/index.js';
import { ChronicleError } from '../../shared/errors.js';
import { resolveAudience } from '../audience.js';
import { printJson, printLine } from '../io.js';
import { withRuntime } from '../runtime.js';

const PERIOD = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * `chronicle stats [--json] [--from YYYY[-MM[-DD]]] [--to …] [--as USERNAME | --public]`: detentions, arrests,
 * searches and sentences of the record — the whole record as the workspace owner sees it, or with `--as` only
 * what that account may see (as `/api/v1/stats` gives it), with `--public` only what the public list publishes.
 */
export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('accepted detentions, arrests, searches and sentences by month, region, case and article')
    .option('--json', 'one JSON document')
    .option('--from <date>', 'events on or after this date')
    .option('--to <date>', 'events on or before this date')
    .option('--as <username>', 'count only what this account may see (default: the workspace owner, everything)')
    .option('--public', 'count only what the public list may publish')
    .action(
      async (
        options: { json?: boolean; from?: string; to?: string; as?: string; public?: boolean },
        command: Command,
      ) => {
        for (const key of ['from', 'to'] as const) {
          if (options[key] !== undefined && !PERIOD.test(options[key]!))
            throw new ChronicleError('USAGE', `--${key} must be YYYY, YYYY-MM or YYYY-MM-DD`);
        }
        await withRuntime(command, async ({ workspace }) => {
          const user = await resolveAudience(workspace.db, options);
          const stats = await computeStats(workspace.db, { from: options.from, to: options.to, user });
          if (options.json) return printJson(stats);
          for (const [type, t] of Object.entries(stats.totals))
            printLine(
              `${type.padEnd(10)} ${String(t.events).padStart(6)} events ${String(t.persons).padStart(6)} persons`,
            );
          printLine(`sentences: ${stats.sentences.persons} persons, ${stats.sentences.totalYears} years in total`);
          for (const b of stats.byMonth)
            printLine(`${b.key}  ${b.type.padEnd(10)} ${b.events} events, ${b.persons} persons`);
        });
      },
    );
}
