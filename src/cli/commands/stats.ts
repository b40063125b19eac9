import type { Command } from 'commander';
import { type Bucket, computeStats, type RecordStats, topCases } from '../../record/index.js';
import { isCalendarDate, startsAfterEnd } from '../../shared/dates.js';
import { ChronicleError } from '../../shared/errors.js';
import { resolveAudience } from '../audience.js';
import { printJson, printLine } from '../io.js';
import { withRuntime } from '../runtime.js';

/**
 * `chronicle stats [--json] [--from YYYY[-MM[-DD]]] [--to …] [--as USERNAME | --public]`: detentions, arrests,
 * searches and sentences of the record — the whole record as the workspace owner sees it, or with `--as` only
 * what that account may see (as `/api/v1/stats` gives it), with `--public` only what the public list publishes.
 */
export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description(
      'accepted detentions, arrests, searches, custody orders and sentences by month, region, case and article',
    )
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
          if (options[key] !== undefined && !isCalendarDate(options[key]!))
            throw new ChronicleError(
              'USAGE',
              `--${key} must be a real date written YYYY, YYYY-MM or YYYY-MM-DD, not "${options[key]}"`,
            );
        }
        // As the server's filters: a range that ends before it starts holds nothing, and all zeros read as an answer.
        if (options.from !== undefined && options.to !== undefined && startsAfterEnd(options.from, options.to))
          throw new ChronicleError(
            'USAGE',
            `--from ${options.from} is after --to ${options.to}: the range would hold nothing`,
          );
        await withRuntime(command, async ({ workspace }) => {
          const user = await resolveAudience(workspace.db, options);
          const stats = await computeStats(workspace.db, { from: options.from, to: options.to, user });
          if (options.json) return printJson(stats);
          for (const line of statsLines(stats)) printLine(line);
        });
      },
    );
}

/** How many cases the human output lists: the rest are summed in one line, as the statistics page does past 100. */
const CASES_SHOWN = 20;
/** A label longer than this is not padded to: one long case name should not push every other line right. */
const LABEL_WIDTH = 48;

/**
 * The statistics as a person reads them: the totals, then one table each by month, region, case (the 20 with the
 * most events, the rest summed per type) and article, a line per key and type.
 * `statsLines(stats)` → ['detention       1 events      1 persons', …, '', 'by region',
 * 'Башкортостан  detention  1 events, 1 persons', …].
 */
export function statsLines(stats: RecordStats): string[] {
  const lines = Object.entries(stats.totals).map(
    ([type, t]) => `${type.padEnd(10)} ${String(t.events).padStart(6)} events ${String(t.persons).padStart(6)} persons`,
  );
  lines.push(`sentences: ${stats.sentences.persons} persons, ${stats.sentences.totalYears} years in total`);
  const table = (title: string, rows: Array<Bucket & { label?: string }>) => {
    if (rows.length === 0) return;
    const label = (b: Bucket & { label?: string }) => b.label ?? b.key;
    const width = Math.min(LABEL_WIDTH, Math.max(...rows.map((b) => label(b).length)));
    lines.push('', title);
    for (const b of rows)
      lines.push(`${label(b).padEnd(width)}  ${b.type.padEnd(10)} ${b.events} events, ${b.persons} persons`);
  };
  table('by month', stats.byMonth);
  table('by region', stats.byRegion);
  const page = topCases(stats, CASES_SHOWN);
  // The listed cases, most events first (as `topCases` chose them), each case's types together.
  const eventsByCase = new Map<string, number>();
  for (const b of page.byCase) eventsByCase.set(b.key, (eventsByCase.get(b.key) ?? 0) + b.events);
  const cases = page.byCase
    .map((b) => ({ ...b, label: b.caseName ?? b.key }))
    .sort(
      (a, b) =>
        eventsByCase.get(b.key)! - eventsByCase.get(a.key)! ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : a.type < b.type ? -1 : 1),
    );
  const shown = eventsByCase.size;
  table(page.caseCount > shown ? `by case (the ${shown} with the most events of ${page.caseCount})` : 'by case', cases);
  if (page.caseCount > shown)
    lines.push(
      `${page.caseCount - shown} more cases: ${page.byCaseOther.map((o) => `${o.type} ${o.events} events`).join(', ')}`,
    );
  table('by article', stats.byArticle);
  return lines;
}
