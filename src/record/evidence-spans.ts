import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import { type PolicyUser, visibleIds } from '../auth/index.js';
import type { Database } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { getSourceText } from '../sources/index.js';

/** A reviewer's new boundaries for one evidence row, as UTF-16 offsets into its source's text. */
export interface EvidenceSpanChange {
  id: string;
  start: number;
  end: number;
}

/** One evidence row whose span a correction changes: where it was and where it goes, each with its quote. */
export interface CheckedSpan {
  id: string;
  sourceId: string;
  before: { start: number; end: number; quote: string };
  after: { start: number; end: number; quote: string };
}

/** A boundary between the two halves of a surrogate pair would store a lone half, which PostgreSQL's UTF-8 cannot. */
function splitsCharacter(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/**
 * Checks a reviewer's new evidence boundaries against the record's own evidence and the source's text, changing
 * nothing. Evidence of another record, or quoting a source this user may not see, is refused alike ("no evidence").
 * `checkEvidenceSpans(trx, reviewer, { table: 'events', id }, [{ id: evId, start: 0, end: 57 }])` →
 * `[{ id: evId, before: { start: 0, end: 79, quote: '…' }, after: { start: 0, end: 57, quote: 'В Уфе … Петрова.' } }]`
 * (spans that stay as they are are left out).
 */
export async function checkEvidenceSpans(
  trx: Kysely<Database>,
  user: PolicyUser | null,
  target: { table: string; id: string },
  changes: readonly EvidenceSpanChange[],
): Promise<CheckedSpan[]> {
  if (changes.length === 0) return [];
  const seen = new Set<string>();
  for (const c of changes) {
    if (seen.has(c.id)) throw new ChronicleError('VALIDATION', `evidence ${c.id} is given twice`);
    seen.add(c.id);
  }
  const rows = new Map(
    (
      await trx
        .selectFrom('evidence')
        .selectAll()
        .where('id', 'in', [...seen])
        .execute()
    ).map((r) => [r.id, r]),
  );
  const visibleSources = await visibleIds(
    trx,
    user,
    'sources',
    [...rows.values()].map((r) => r.source_id),
  );
  const texts = new Map<string, string>();
  const checked: CheckedSpan[] = [];
  for (const { id, start, end } of changes) {
    const row = rows.get(id);
    if (!row || row.target_table !== target.table || row.target_id !== target.id || !visibleSources.has(row.source_id))
      throw new ChronicleError('VALIDATION', `the proposal has no evidence ${id}`);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < 0)
      throw new ChronicleError('VALIDATION', `evidence ${id}: start and end must be whole numbers, 0 or more`);
    if (start >= end)
      throw new ChronicleError('VALIDATION', `evidence ${id}: start ${start} must be before end ${end}`);
    let text = texts.get(row.source_id);
    if (text === undefined) {
      text = await getSourceText(trx, row.source_id);
      texts.set(row.source_id, text);
    }
    if (end > text.length)
      throw new ChronicleError(
        'VALIDATION',
        `evidence ${id}: the span ${start}–${end} ends beyond the source's text (${text.length} characters)`,
      );
    if (splitsCharacter(text, start) || splitsCharacter(text, end))
      throw new ChronicleError('VALIDATION', `evidence ${id}: the span ${start}–${end} cuts a character in two`);
    const quote = text.slice(start, end);
    if (quote.trim() === '')
      throw new ChronicleError('VALIDATION', `evidence ${id}: the span ${start}–${end} holds only whitespace`);
    if (start === row.start && end === row.end && quote === row.quote) continue;
    checked.push({
      id,
      sourceId: row.source_id,
      before: { start: row.start, end: row.end, quote: row.quote },
      after: { start, end, quote },
    });
  }
  return checked;
}

/**
 * Moves checked evidence to its new spans, with the record's mentions at the old span of the same source (so the
 * source view's highlights follow), and audits every old and new span under the record: evidence is not part of a
 * record's versions, so this entry is its history. `moveEvidenceSpans(trx, userId, { table: 'events', id }, spans)`.
 */
export async function moveEvidenceSpans(
  trx: Kysely<Database>,
  userId: string | null,
  target: { table: string; id: string },
  spans: readonly CheckedSpan[],
): Promise<void> {
  if (spans.length === 0) return;
  // Every span's mentions are found before anything moves: one span's new place may be another's old one.
  const claimed = new Set<string>();
  const mentionsOf = new Map<string, string[]>();
  for (const s of spans) {
    const ids = (
      await trx
        .selectFrom('mentions')
        .select('id')
        .where('source_id', '=', s.sourceId)
        .where('entity_id', '=', target.id)
        .where('start', '=', s.before.start)
        .where('end', '=', s.before.end)
        .orderBy('id')
        .execute()
    )
      .map((m) => m.id)
      .filter((m) => !claimed.has(m));
    for (const m of ids) claimed.add(m);
    mentionsOf.set(s.id, ids);
  }
  for (const s of spans) {
    await trx.updateTable('evidence').set(s.after).where('id', '=', s.id).execute();
    const mentions = mentionsOf.get(s.id) ?? [];
    if (mentions.length > 0)
      await trx
        .updateTable('mentions')
        .set({ start: s.after.start, end: s.after.end, text: s.after.quote })
        .where('id', 'in', mentions)
        .execute();
  }
  await appendAudit(trx, {
    userId,
    action: 'review.correct-evidence',
    target: `${target.table}/${target.id}`,
    before: { evidence: spans.map((s) => ({ id: s.id, sourceId: s.sourceId, ...s.before })) },
    after: {
      evidence: spans.map((s) => ({ id: s.id, sourceId: s.sourceId, ...s.after, mentions: mentionsOf.get(s.id) })),
    },
  });
}
