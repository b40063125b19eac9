/**
 * What a person says of a source after it is stored: its title, publisher, author, address and date when the file
 * said them wrongly or not at all (a PDF of a press release carries none; a page's date tag is its last edit), how
 * reliable its publisher is, and who may read it — a relative's testimony marked restricted once it is known whose it
 * is. The original and its text never change; the change is audited with what was there before.
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import { dialectOf } from '../db/connection.js';
import type { Confidentiality, Database } from '../db/schema.js';
import { indexSource } from '../search/index.js';
import { isAfterToday, isPublicationDate } from '../shared/dates.js';
import { ChronicleError } from '../shared/errors.js';
import { webUrl } from '../shared/web-url.js';

/**
 * How reliable the source is, as the Admiralty scale grades it: A completely reliable, B usually reliable, C fairly
 * reliable, D not usually reliable, E unreliable, F reliability cannot be judged.
 */
export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITY)[number];

/** Who may read a record, from the least confidential to the most (src/auth/policy.ts says what each allows). */
export const CONFIDENTIALITY: readonly Confidentiality[] = ['public', 'internal', 'restricted'];

/** Whether `a` lets fewer people read than `b`: `isMoreConfidential('restricted', 'internal')` → true. */
export function isMoreConfidential(a: Confidentiality, b: Confidentiality): boolean {
  return CONFIDENTIALITY.indexOf(a) > CONFIDENTIALITY.indexOf(b);
}

/** `isConfidentiality('restricted')` → true; `isConfidentiality('secret')` → false. */
export function isConfidentiality(value: unknown): value is Confidentiality {
  return (CONFIDENTIALITY as readonly unknown[]).includes(value);
}

/** The longest title, name or address a person may give: as an upload's fields. */
export const MAX_DETAIL_LENGTH = 2000;

/** The longest notes on a source: a page or two of how it came and was checked. */
export const MAX_NOTES_LENGTH = 20_000;

/**
 * What may be changed; a field absent stays as it is, null clears it (not the confidentiality, which is never empty).
 */
export interface SourceChanges {
  title?: string | null;
  publisher?: string | null;
  author?: string | null;
  url?: string | null;
  publishedAt?: string | null;
  reliability?: Reliability | null;
  confidentiality?: Confidentiality;
  /** How it reached the group, from whom, how it was checked: free text, lines kept. */
  notes?: string | null;
}

const COLUMNS = {
  title: 'title',
  publisher: 'publisher',
  author: 'author',
  url: 'url',
  publishedAt: 'published_at',
  reliability: 'reliability',
  confidentiality: 'confidentiality',
  notes: 'notes',
} as const satisfies Record<keyof SourceChanges, string>;

type Column = (typeof COLUMNS)[keyof typeof COLUMNS];

/**
 * Changes a source's details within the caller's transaction: checked as an upload's fields are, written, the title
 * searched by anew, audited (`source.details-changed`, the fields before and after). Returns the fields that changed,
 * before and after; a change to the same values changes and audits nothing.
 * `changeSourceDetails(trx, '01J…', { publisher: 'ОВД-Инфо', reliability: 'B' }, userId)` →
 * `{ before: { publisher: null, reliability: null }, after: { publisher: 'ОВД-Инфо', reliability: 'B' } }`.
 */
export async function changeSourceDetails(
  trx: Kysely<Database>,
  id: string,
  changes: SourceChanges,
  userId: string | null,
): Promise<{ before: Partial<Record<Column, string | null>>; after: Partial<Record<Column, string | null>> }> {
  const wanted = checkedChanges(changes);
  const row = await trx
    .selectFrom('sources')
    .select([
      'id',
      'title',
      'publisher',
      'author',
      'url',
      'published_at',
      'reliability',
      'confidentiality',
      'notes',
      'language',
    ])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new ChronicleError('NOT_FOUND', `no source ${id}`);
  const before: Partial<Record<Column, string | null>> = {};
  const after: Partial<Record<Column, string | null>> = {};
  for (const [column, value] of Object.entries(wanted) as Array<[Column, string | null]>) {
    if (row[column] === value) continue;
    before[column] = row[column];
    after[column] = value;
  }
  if (Object.keys(after).length === 0) return { before, after };
  // Checked above: confidentiality is one of its values.
  await trx
    .updateTable('sources')
    .set(after as Partial<{ confidentiality: Confidentiality }>)
    .where('id', '=', id)
    .execute();
  if ('title' in after) {
    const text = await trx.selectFrom('source_texts').select('text').where('source_id', '=', id).executeTakeFirst();
    await indexSource(trx, dialectOf(trx), {
      sourceId: id,
      title: after.title ?? null,
      text: text?.text ?? '',
      language: row.language,
    });
  }
  await appendAudit(trx, { userId, action: 'source.details-changed', target: `sources/${id}`, before, after });
  return { before, after };
}

/** `changes` as columns, each checked: a clear error naming the field for anything an upload would refuse too. */
function checkedChanges(changes: SourceChanges): Partial<Record<Column, string | null>> {
  const columns: Partial<Record<Column, string | null>> = {};
  for (const [field, raw] of Object.entries(changes) as Array<[keyof SourceChanges, unknown]>) {
    if (!Object.hasOwn(COLUMNS, field)) throw new ChronicleError('VALIDATION', `${field} is not a detail of a source`);
    if (raw === undefined) continue;
    if (raw !== null && typeof raw !== 'string')
      throw new ChronicleError('VALIDATION', `${field} must be text or null`);
    // A value of blanks says nothing: it clears the field, as an upload's empty field gives none.
    const value = raw === null || raw.trim() === '' ? null : raw.trim();
    columns[COLUMNS[field]] = checkedValue(field, value);
  }
  return columns;
}

function checkedValue(field: keyof SourceChanges, value: string | null): string | null {
  if (value === null) {
    if (field === 'confidentiality') throw new ChronicleError('VALIDATION', 'confidentiality cannot be empty');
    return null;
  }
  if (value.includes('\u0000'))
    throw new ChronicleError('VALIDATION', `${field} may not hold a NUL character (U+0000)`);
  const longest = field === 'notes' ? MAX_NOTES_LENGTH : MAX_DETAIL_LENGTH;
  if (value.length > longest)
    throw new ChronicleError('VALIDATION', `${field} is longer than ${longest.toLocaleString('en')} characters`);
  switch (field) {
    case 'url': {
      const url = webUrl(value);
      if (url === null) throw new ChronicleError('VALIDATION', 'url must be an http or https address');
      return url;
    }
    case 'publishedAt':
      if (!isPublicationDate(value))
        throw new ChronicleError(
          'VALIDATION',
          `publishedAt must be a real date like 2024-03-15, not ${JSON.stringify(value)}`,
        );
      if (isAfterToday(value))
        throw new ChronicleError('VALIDATION', `publishedAt ${value} is in the future: a slip of the year?`);
      return value;
    case 'reliability':
      if (!(RELIABILITY as readonly string[]).includes(value))
        throw new ChronicleError(
          'VALIDATION',
          `reliability is one of ${RELIABILITY.join(', ')}, not ${JSON.stringify(value)}`,
        );
      return value;
    case 'confidentiality':
      if (!isConfidentiality(value))
        throw new ChronicleError(
          'VALIDATION',
          `confidentiality is one of ${CONFIDENTIALITY.join(', ')}, not ${JSON.stringify(value)}`,
        );
      return value;
    default:
      return value;
  }
}
