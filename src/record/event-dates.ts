/**
 * The rules an event's dates keep together, for every path that writes them (PATCH /events, review corrections,
 * `chronicle import csv`). DESIGN §4: "November 2020" is `2020-11` with precision month, so the precision is the
 * date's own granularity; anything else puts contradictory pairs into exports, month statistics and status order.
 */
import { isAfterToday, startsAfterEnd } from '../shared/dates.js';
import { ChronicleError } from '../shared/errors.js';
import { datePrecision } from './names.js';

/**
 * Event types that may be dated after today: a court session or a meeting is announced ahead, and `other` may be
 * anything. Every other type records something that happened, and its subject's status follows it at once (a
 * detention dated 2030 makes the person "detained" now).
 */
export const SCHEDULABLE_EVENT_TYPES: readonly string[] = ['hearing', 'meeting', 'other'];

/**
 * Why an event of `type` cannot be dated `date`, or null when it can: a date of a past-only type that begins after
 * today by more than a day (time zones; `isAfterToday`). `futureDateProblem('detention', '2999-01-01')` →
 * "date 2999-01-01 is in the future, and a detention can only have happened: a slip of the year? …"; `futureDateProblem('hearing', '2999-01-01')` → null.
 */
export function futureDateProblem(type: string, date: string | null, now: Date = new Date()): string | null {
  if (date === null || SCHEDULABLE_EVENT_TYPES.includes(type) || !isAfterToday(date, now)) return null;
  return (
    `date ${date} is in the future, and a ${type} can only have happened: a slip of the year? ` +
    `(only ${SCHEDULABLE_EVENT_TYPES.join(', ')} events may be dated ahead)`
  );
}

/** An event's date columns as stored. */
export interface StoredEventDates {
  type: string;
  date: string | null;
  date_precision: string | null;
  date_end: string | null;
}

/**
 * Checks the date columns of a change (toColumns' output, which already derives the precision of a date sent alone)
 * against each other and the stored event, and returns them to write. Only the relations a change touches are
 * checked, so an old event with a contradiction can still have its description edited. Clearing the date clears
 * the end too: an end with no start places the event nowhere. The end may lie ahead (custody "until 12 August").
 * `settleEventDates(stored, { date: '2023-05', date_precision: 'day' })` → VALIDATION naming both.
 */
export function settleEventDates(
  stored: StoredEventDates | null,
  columns: Record<string, unknown>,
  now: Date = new Date(),
): Record<string, unknown> {
  const has = (column: string) => Object.hasOwn(columns, column);
  const value = (column: keyof StoredEventDates) =>
    (has(column) ? columns[column] : (stored?.[column] ?? null)) as string | null;
  const settled = { ...columns };
  const date = value('date');
  const precision = value('date_precision');
  const type = value('type') ?? '';

  if (has('date') || has('date_precision')) {
    const own = datePrecision(date);
    if (date === null && precision !== null)
      throw new ChronicleError('VALIDATION', `datePrecision ${precision} is for a date; the event has none`);
    if (date !== null && precision !== own)
      throw new ChronicleError(
        'VALIDATION',
        `datePrecision ${precision ?? 'null'} disagrees with date ${date}, which is a ${own}: ` +
          `send a date written to the ${precision ?? own}, or datePrecision ${own}`,
      );
  }

  if (has('date') && date === null && !has('date_end')) settled.date_end = null;
  const dateEnd = (Object.hasOwn(settled, 'date_end') ? settled.date_end : (stored?.date_end ?? null)) as string | null;
  if ((has('date') || has('date_end')) && dateEnd !== null) {
    if (date === null) throw new ChronicleError('VALIDATION', `dateEnd ${dateEnd} needs a date for the event to start`);
    // The end runs to the end of its own period: 2023-05-04 to 2023-05 is within May, as datesInOrder compares.
    if (startsAfterEnd(date, dateEnd))
      throw new ChronicleError('VALIDATION', `dateEnd ${dateEnd} is before date ${date}`);
  }

  if (has('date') || has('type')) {
    const problem = futureDateProblem(type, date, now);
    if (problem) throw new ChronicleError('VALIDATION', problem);
  }
  return settled;
}
