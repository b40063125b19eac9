/**
 * The review queue's decisions, apart from React so they can be tested on their own: which key does what, which
 * rows may be decided, what a bulk or single decision sends, and what a correction sends. The page
 * (pages/review.tsx) only wires these to the DOM and the API.
 */

import { isCalendarDate } from '../dates.js';

export type ReviewStatus = 'proposed' | 'accepted' | 'rejected';

export interface QueueItem {
  id: string;
  status: ReviewStatus | string;
}

export interface Decision {
  accept?: string[];
  reject?: string[];
}

export interface KeyContext {
  key: string;
  /** Ctrl, Meta or Alt held: the browser's and the screen reader's shortcuts, never ours. */
  modified: boolean;
  /** The key went to a text field, a select or an editable element: it is the field's. */
  typing: boolean;
  items: readonly QueueItem[];
  current: number;
  /** The highlighted row has the keyboard focus already. */
  onRow: boolean;
  canDecide: boolean;
  busy: boolean;
}

export type KeyAction =
  | { kind: 'focus'; index: number }
  | { kind: 'decide'; decision: Decision }
  | { kind: 'edit'; index: number };

/**
 * j / k: the first press brings the focus to the highlighted row, the next ones move it (never past either end);
 * a / r accept or reject the highlighted row, e opens its correction form, if it is still proposed and the user may
 * decide. Anything else is not ours (null), so the browser keeps it.
 */
export function keyAction(context: KeyContext): KeyAction | null {
  const { key, items, current, onRow } = context;
  if (context.modified || context.typing || items.length === 0) return null;
  const here = Math.min(Math.max(0, current), items.length - 1);
  if (key === 'j') return { kind: 'focus', index: onRow ? Math.min(items.length - 1, here + 1) : here };
  if (key === 'k') return { kind: 'focus', index: onRow ? Math.max(0, here - 1) : here };
  if (key === 'a' || key === 'r' || key === 'e') {
    const item = items[here];
    if (!item || !context.canDecide || context.busy || item.status !== 'proposed') return null;
    if (key === 'e') return { kind: 'edit', index: here };
    return { kind: 'decide', decision: key === 'a' ? { accept: [item.id] } : { reject: [item.id] } };
  }
  return null;
}

/** Only proposals still waiting can be selected and decided; reviewed ones are shown as what they are. */
export function decidable<T extends QueueItem>(items: readonly T[]): T[] {
  return items.filter((i) => i.status === 'proposed');
}

export function toggled(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

export function allSelected(items: readonly QueueItem[], selected: ReadonlySet<string>): boolean {
  const open = decidable(items);
  return open.length > 0 && open.every((i) => selected.has(i.id));
}

/** The header checkbox: select every decidable row, or clear the selection when all of them are selected. */
export function toggledAll(items: readonly QueueItem[], selected: ReadonlySet<string>): Set<string> {
  return allSelected(items, selected) ? new Set() : new Set(decidable(items).map((i) => i.id));
}

/**
 * A bulk decision sends only selected rows that are still decidable on this page: a row decided meanwhile (by a
 * colleague, or by a key press) is not decided twice.
 */
export function bulkDecision(
  verb: 'accept' | 'reject',
  items: readonly QueueItem[],
  selected: ReadonlySet<string>,
): Decision | null {
  const ids = decidable(items)
    .map((i) => i.id)
    .filter((id) => selected.has(id));
  if (ids.length === 0) return null;
  return verb === 'accept' ? { accept: ids } : { reject: ids };
}

/**
 * What the correction form read. An event: its type, date, sentence and, when one was chosen, the existing person to
 * make its subject instead of the proposed ones. Anything else: its name and, for a person, the existing person it
 * is the same as.
 */
export type CorrectionFields =
  | { date: string; years: string; type?: string; subject?: string }
  | { name: string; samePersonAs?: string; recordType?: string };

/** An evidence quote's new boundaries (offsets into its source's text). */
export interface SpanChange {
  id: string;
  start: number;
  end: number;
}

export interface CorrectionBody {
  date?: string | null;
  sentenceYears?: number | null;
  type?: string;
  subjects?: Array<{ type: 'persons'; id: string }>;
  displayName?: string;
  name?: string;
  samePersonAs?: string;
  recordType?: 'person' | 'organization';
  evidence?: SpanChange[];
}

export type Correction = { ok: true; body: CorrectionBody } | { ok: false; error: 'notANumber' | 'badDate' | 'emptyName' | 'badType' };


/**
 * What "correct and accept" sends: for an event its date (YYYY, YYYY-MM or YYYY-MM-DD; empty clears it), sentence in
 * years (a decimal comma as typed in Russian is read as a point), type, and the person chosen as its subject; for a
 * person its display name and the existing person it is the same as, for an organization or a case its name (a person
 * or an organization may become the other: `recordType`, with the name under the new kind's field); for
 * any proposal the quotes whose boundaries were moved. The server keeps the machine's proposal as the version before.
 */
export function correctionBody(
  kind: string,
  isEvent: boolean,
  fields: CorrectionFields,
  spans: readonly SpanChange[] = [],
  eventTypes: readonly string[] = [],
): Correction {
  const evidence = spans.length > 0 ? { evidence: spans.map(({ id, start, end }) => ({ id, start, end })) } : {};
  if (isEvent && 'date' in fields) {
    const date = fields.date.trim();
    const years = fields.years.trim();
    if (date !== '' && !isCalendarDate(date)) return { ok: false, error: 'badDate' };
    const sentenceYears = years === '' ? null : Number(years.replace(',', '.'));
    if (sentenceYears !== null && (!Number.isFinite(sentenceYears) || sentenceYears < 0))
      return { ok: false, error: 'notANumber' };
    if (fields.type !== undefined && eventTypes.length > 0 && !eventTypes.includes(fields.type)) return { ok: false, error: 'badType' };
    return {
      ok: true,
      body: {
        date: date === '' ? null : date,
        sentenceYears,
        ...(fields.type ? { type: fields.type } : {}),
        ...(fields.subject ? { subjects: [{ type: 'persons' as const, id: fields.subject }] } : {}),
        ...evidence,
      },
    };
  }
  const name = 'name' in fields ? fields.name.trim() : '';
  if (name === '') return { ok: false, error: 'emptyName' };
  // A person read as an organization (or back) becomes a record of the other kind, named as the form says.
  const asked = 'recordType' in fields ? fields.recordType : undefined;
  const retyped: 'person' | 'organization' | null =
    (asked === 'person' || asked === 'organization') && asked !== kind ? asked : null;
  const becomes = retyped ?? kind;
  const recordType = retyped ? { recordType: retyped } : {};
  if (becomes !== 'person') return { ok: true, body: { name, ...recordType, ...evidence } };
  const same = 'samePersonAs' in fields && fields.samePersonAs && !retyped ? { samePersonAs: fields.samePersonAs } : {};
  return { ok: true, body: { displayName: name, ...recordType, ...same, ...evidence } };
}
