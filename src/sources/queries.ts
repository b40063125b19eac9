import { type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import { type DialectName, dialectOf } from '../db/connection.js';
import type { Database, SourceCapturesTable, SourcesTable } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import type { BlobCipher } from './blob-cipher.js';
import { getBlob } from './blob-store.js';
import { type BrowserView, browserViewOf } from './browser-view.js';
import { OCR_EXTRACTOR, ocrJobKey } from './ocr.js';
import { type NearDuplicateReason, similarTextReasons } from './similar-texts.js';
import { TRANSCRIPTION_EXTRACTOR } from './transcription.js';

/** The security policy's filter on visible sources; applied inside every query so counts never include hidden rows. */
export type SourceScope = (eb: ExpressionBuilder<Database, 'sources'>) => Expression<SqlBool>;

export interface SourceSummary {
  id: string;
  sha256: string;
  mediaType: string;
  byteSize: number;
  fileName: string | null;
  title: string | null;
  publisher: string | null;
  author: string | null;
  url: string | null;
  language: string | null;
  publishedAt: string | null;
  capturedAt: string;
  confidentiality: string;
  /** How reliable a person judged it, on the Admiralty scale A–F (source-details.ts), or null: not judged. */
  reliability: string | null;
  parentId: string | null;
  relation: string | null;
  nearDuplicateOf: string | null;
  needsOcr: boolean;
}

export interface SourceDetail extends SourceSummary {
  metadata: Record<string, unknown>;
  /** A person's notes on where it came from and how it was checked, or null. */
  notes: string | null;
  /** Its text is a person's transcription of the file (a scan, a photo), not read from the file itself. */
  transcribed: boolean;
  /** The OCR program that read its text off the scan or photo ('tesseract 5.3.0 (rus+eng)'), or null. */
  readByOcr: string | null;
  /** Its OCR is queued or running: its text comes when it ends. */
  ocrPending: boolean;
  /** How a browser shows its original beside the text (`GET /api/v1/sources/:id/media`), or null: downloaded. */
  browserView: BrowserView | null;
  children: SourceSummary[];
  /**
   * What it holds that was stored before it, from elsewhere — an attachment first received with another letter, an
   * archive's file given on its own before: each is that source, whose own parent is where it first came
   * (captures.ts). Those the reader may see.
   */
  childrenStoredBefore: SourceSummary[];
  /** Each later time its bytes came in, oldest first (captures.ts): those the reader may see, at most 100. */
  captures: SourceCapture[];
  /** How many of those there are in all. */
  capturesTotal: number;
  nearDuplicates: SourceSummary[];
  /**
   * Why it is a near-duplicate, when by wording mostly shared (a report republished with changes): the source it
   * matched and the share of the shorter one's five-word phrases found in the other. Null for a copy of the same
   * text, or no near-duplicate.
   */
  similarWording: NearDuplicateReason | null;
}

/** What a receipt of a source's bytes (captures.ts) says of itself: when, under what name, and what was given. */
export interface ReceiptFields {
  capturedAt: string;
  fileName: string | null;
  relation: string | null;
  title: string | null;
  publisher: string | null;
  author: string | null;
  url: string | null;
  publishedAt: string | null;
}

/** A `source_captures` row's own fields as the API and the exports name them. */
export function receiptFields(row: Selectable<SourceCapturesTable>): ReceiptFields {
  return {
    capturedAt: row.captured_at,
    fileName: row.file_name,
    relation: row.relation,
    title: row.title,
    publisher: row.publisher,
    author: row.author,
    url: row.url,
    publishedAt: row.published_at,
  };
}

/** A later receipt of a source's bytes, with the letter or archive it came in as the reader may see it. */
export interface SourceCapture extends ReceiptFields {
  /** The letter or archive they came in, or null: a file given on its own. */
  container: { id: string; title: string | null; fileName: string | null } | null;
}

/** The most captures a source's page lists; `capturesTotal` counts them all. */
const CAPTURES_LISTED = 100;

/**
 * The file's own name in a source's stored file name, which may hold its folders and, for an archive entry or an
 * attachment, its container (`bundle.zip!2024/ufa.txt` → `ufa.txt`).
 */
export function ownFileName(fileName: string | null): string | null {
  return fileName === null ? null : (fileName.split(/[\\/!]/).pop() ?? fileName);
}

export function toSourceSummary(row: Selectable<SourcesTable>): SourceSummary {
  return {
    id: row.id,
    sha256: row.sha256,
    mediaType: row.media_type,
    byteSize: Number(row.byte_size),
    fileName: row.file_name,
    title: row.title,
    publisher: row.publisher,
    author: row.author,
    url: row.url,
    language: row.language,
    publishedAt: row.published_at,
    capturedAt: row.captured_at,
    confidentiality: row.confidentiality,
    reliability: row.reliability,
    parentId: row.parent_id,
    relation: row.relation,
    nearDuplicateOf: row.near_duplicate_of,
    needsOcr: row.needs_ocr === 1,
  };
}

/** The cases of one letter, with ё and е alike as in name keys: `letterCases('д')` → ['д', 'Д']. */
function letterCases(ch: string): string[] {
  const lower = ch.toLowerCase();
  const forms = lower === 'е' || lower === 'ё' ? ['е', 'ё'] : [ch, lower];
  const all = forms.flatMap((f) => [f, f.toLowerCase(), f.toUpperCase()]);
  // A case mapping that changes the length (ß → SS, İ → i̇) has no one-character class member.
  return [...new Set(all.filter((f) => [...f].length === 1))];
}

/**
 * A pattern that finds `text` anywhere in a value, in any letter case, for SQLite's GLOB or PostgreSQL's `~`: each
 * letter becomes the class of its cases, anything else stands for itself. Case is folded here rather than by the
 * database, as name keys are: SQLite's lower() folds only ASCII, and what PostgreSQL's ILIKE folds depends on the
 * database's ctype. The pattern is a bound parameter, never SQL text.
 * `anyCasePattern('Мемо (ru)', 'sqlite')` → '*[Мм][еЕёЁ][мМ][оО] ([rR][uU])*';
 * `anyCasePattern('Мемо (ru)', 'postgres')` → '[Мм][еЕёЁ][мМ][оО]\ \([rR][uU]\)' (a backslash before each
 * character that is neither letter nor digit).
 */
export function anyCasePattern(text: string, dialect: DialectName): string {
  let pattern = '';
  for (const ch of text.normalize('NFC')) {
    const cases = letterCases(ch);
    if (cases.length > 1) pattern += `[${cases.join('')}]`;
    else if (dialect === 'postgres') pattern += /[\p{L}\p{N}]/u.test(ch) ? ch : `\\${ch}`;
    // GLOB's own wildcards as one-character classes; every other character is literal there.
    else pattern += ch === '*' || ch === '?' || ch === '[' ? `[${ch}]` : ch;
  }
  return dialect === 'postgres' ? pattern : `*${pattern}*`;
}

export interface ListSourcesOptions {
  language?: string;
  /** Any part of the publisher's name, in any letter case: `demo` finds «Demo Monitor (invented)». */
  publisher?: string;
  from?: string;
  to?: string;
  needsOcr?: boolean;
  /** Only sources of this confidentiality: `restricted` lists those the reader may see that are restricted. */
  confidentiality?: 'public' | 'internal' | 'restricted';
  /** Only sources judged this reliable (A–F); `none`: not judged yet. */
  reliability?: string;
  limit?: number;
  offset?: number;
  scope?: SourceScope;
  /** Any further condition on `sources` rows, from another domain (the record's `sourceInState`). */
  filter?: SourceScope;
}

/** Newest first, with the total for paging. */
export async function listSources(
  db: Kysely<Database>,
  options: ListSourcesOptions = {},
): Promise<{ total: number; items: SourceSummary[] }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const offset = Math.max(options.offset ?? 0, 0);
  let query = db.selectFrom('sources').where('deleted_at', 'is', null);
  if (options.scope) query = query.where(options.scope);
  if (options.filter) query = query.where(options.filter);
  if (options.language) query = query.where('language', '=', options.language);
  const publisher = options.publisher?.trim();
  if (publisher) {
    const dialect = dialectOf(db);
    const pattern = anyCasePattern(publisher, dialect);
    query = query.where(
      dialect === 'postgres' ? sql<SqlBool>`publisher ~ ${pattern}` : sql<SqlBool>`publisher GLOB ${pattern}`,
    );
  }
  if (options.from) query = query.where('published_at', '>=', options.from);
  if (options.to) query = query.where('published_at', '<=', `${options.to}\uffff`);
  if (options.needsOcr !== undefined) query = query.where('needs_ocr', '=', options.needsOcr ? 1 : 0);
  if (options.confidentiality) query = query.where('confidentiality', '=', options.confidentiality);
  if (options.reliability === 'none') query = query.where('reliability', 'is', null);
  else if (options.reliability) query = query.where('reliability', '=', options.reliability);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('captured_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const shown = await visibleAmong(
    db,
    rows.flatMap((row) => [row.parent_id, row.near_duplicate_of]),
    options.scope,
  );
  const named = (other: string | null) => (other !== null && shown.has(other) ? other : null);
  return {
    total: Number(total.n),
    items: rows.map((row) =>
      toSourceSummary({ ...row, parent_id: named(row.parent_id), near_duplicate_of: named(row.near_duplicate_of) }),
    ),
  };
}

/** The source a near-duplicate copies, as a list names it; `byWording`: mostly the same wording, not the same text. */
export interface CopyOf {
  sourceId: string;
  title: string | null;
  fileName: string | null;
  byWording: boolean;
}

/**
 * For those of `ids` that are near-duplicates of a source the reader may see, that source (their root), for a list of
 * results to say which are copies of which: `await copiesAmong(db, ['01J…', '01K…'], scope)` →
 * `Map { '01K…' => { sourceId: '01J…', title: 'Задержание в Саратове', fileName: 'a.txt', byWording: true } }`.
 */
export async function copiesAmong(
  db: Kysely<Database>,
  ids: readonly string[],
  scope?: SourceScope,
): Promise<Map<string, CopyOf>> {
  if (ids.length === 0) return new Map();
  const copies = await db
    .selectFrom('sources')
    .select(['id', 'near_duplicate_of'])
    .where('id', 'in', ids)
    .where('near_duplicate_of', 'is not', null)
    .execute();
  if (copies.length === 0) return new Map();
  const shown = await visibleAmong(
    db,
    copies.map((copy) => copy.near_duplicate_of),
    scope,
  );
  const byWording = await similarTextReasons(
    db,
    copies.map((copy) => copy.id),
  );
  const found = new Map<string, CopyOf>();
  for (const copy of copies) {
    const root = shown.get(copy.near_duplicate_of!);
    if (root)
      found.set(copy.id, {
        sourceId: copy.near_duplicate_of!,
        title: root.title,
        fileName: root.file_name,
        byWording: byWording.has(copy.id),
      });
  }
  return found;
}

/**
 * Of the sources `ids` name (a parent, a near-duplicate's root), those the reader may see and not deleted, with the
 * title and file a list names them by: a source a reader may not see is not named to them, not even by its id.
 */
async function visibleAmong(
  db: Kysely<Database>,
  ids: ReadonlyArray<string | null>,
  scope: SourceScope | undefined,
): Promise<Map<string, { title: string | null; file_name: string | null }>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  let query = db
    .selectFrom('sources')
    .select(['id', 'title', 'file_name'])
    .where('id', 'in', wanted)
    .where('deleted_at', 'is', null);
  if (scope) query = query.where(scope);
  return new Map((await query.execute()).map(({ id, ...named }) => [id, named]));
}

async function requireSource(db: Kysely<Database>, id: string, scope?: SourceScope): Promise<Selectable<SourcesTable>> {
  let query = db.selectFrom('sources').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  if (scope) query = query.where(scope);
  const row = await query.executeTakeFirst();
  // Hidden and absent answer alike, so ids leak nothing.
  if (!row) throw new ChronicleError('NOT_FOUND', `no source ${id}`);
  return row;
}

export async function getSource(db: Kysely<Database>, id: string, scope?: SourceScope): Promise<SourceDetail> {
  const row = await requireSource(db, id, scope);
  const related = (q: ReturnType<typeof db.selectFrom<'sources'>>) =>
    (scope ? q.where(scope) : q).where('deleted_at', 'is', null);
  const children = await related(db.selectFrom('sources'))
    .selectAll()
    .where('parent_id', '=', id)
    .orderBy('id')
    .execute();
  const storedBefore = await related(db.selectFrom('sources'))
    .selectAll()
    .where('id', 'in', db.selectFrom('source_captures').select('source_id').where('parent_id', '=', id))
    .where('id', '!=', id)
    .orderBy('id')
    .execute();
  const { captures, capturesTotal } = await capturesOf(db, id, scope);
  const root = row.near_duplicate_of ?? row.id;
  const near = await related(db.selectFrom('sources'))
    .selectAll()
    .where((eb) => eb.or([eb('near_duplicate_of', '=', root), eb('id', '=', root)]))
    .where('id', '!=', id)
    .orderBy('id')
    .limit(100)
    .execute();
  const metadata = jsonObjectOf(row.metadata);
  const text = await db
    .selectFrom('source_texts')
    .select(['extractor', 'extractor_version'])
    .where('source_id', '=', id)
    .executeTakeFirst();
  const ocrPending = row.needs_ocr === 1 && (await ocrPendingAmong(db, [id])).has(id);
  // That a hidden report holds this text, or holds this attachment, is the hidden report's own.
  const reason = row.near_duplicate_of ? (await similarTextReasons(db, [id])).get(id) : undefined;
  const shown = await visibleAmong(db, [row.parent_id, row.near_duplicate_of, reason?.similarTo ?? null], scope);
  const named = (other: string | null) => (other !== null && shown.has(other) ? other : null);
  return {
    ...toSourceSummary({ ...row, parent_id: named(row.parent_id), near_duplicate_of: named(row.near_duplicate_of) }),
    metadata,
    notes: row.notes ?? null,
    transcribed: text?.extractor === TRANSCRIPTION_EXTRACTOR,
    ocrPending,
    readByOcr: text?.extractor === OCR_EXTRACTOR ? text.extractor_version : null,
    browserView: browserViewOf(row.media_type),
    children: children.map(toSourceSummary),
    childrenStoredBefore: storedBefore.map(toSourceSummary),
    captures,
    capturesTotal,
    nearDuplicates: near.map(toSourceSummary),
    similarWording: reason && named(row.near_duplicate_of) && named(reason.similarTo) ? reason : null,
  };
}

/**
 * A source's later receipts, oldest first: those that came in a letter or archive the reader may not see are left out
 * (that a hidden letter carried it, and when, is the hidden letter's own).
 */
async function capturesOf(
  db: Kysely<Database>,
  id: string,
  scope: SourceScope | undefined,
): Promise<{ captures: SourceCapture[]; capturesTotal: number }> {
  const rows = await db
    .selectFrom('source_captures')
    .selectAll()
    .where('source_id', '=', id)
    .orderBy('captured_at')
    .orderBy('id')
    .execute();
  const containers = await visibleAmong(
    db,
    rows.map((row) => row.parent_id),
    scope,
  );
  const shown = rows.filter((row) => row.parent_id === null || containers.has(row.parent_id));
  return {
    capturesTotal: shown.length,
    captures: shown.slice(0, CAPTURES_LISTED).map((row) => {
      const container = row.parent_id === null ? undefined : containers.get(row.parent_id);
      return {
        ...receiptFields(row),
        container: container ? { id: row.parent_id!, title: container.title, fileName: container.file_name } : null,
      };
    }),
  };
}

/**
 * Which of these sources are queued or being read by OCR, so a list can say "being read" rather than "to transcribe"
 * while a scan's text is on its way: `await ocrPendingAmong(db, ['01J…', '01K…'])` → `Set { '01J…' }`.
 */
export async function ocrPendingAmong(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const keys = new Map(ids.map((id) => [ocrJobKey(id), id]));
  const jobs = await db
    .selectFrom('jobs')
    .select('dedupe_key')
    .where('dedupe_key', 'in', [...keys.keys()])
    .where('status', 'in', ['queued', 'running'])
    .execute();
  return new Set(jobs.map((job) => keys.get(job.dedupe_key as string) as string));
}

/** The plain text every offset of this source refers to. */
export async function getSourceText(db: Kysely<Database>, id: string, scope?: SourceScope): Promise<string> {
  await requireSource(db, id, scope);
  const row = await db.selectFrom('source_texts').select('text').where('source_id', '=', id).executeTakeFirst();
  return row?.text ?? '';
}

/** The original bytes, verified against their SHA-256. */
export async function getSourceOriginal(
  db: Kysely<Database>,
  id: string,
  cipher: BlobCipher | null,
  scope?: SourceScope,
): Promise<{ bytes: Buffer; mediaType: string; fileName: string | null; sha256: string }> {
  const row = await requireSource(db, id, scope);
  return {
    bytes: await getBlob(db, row.sha256, cipher),
    mediaType: row.media_type,
    fileName: row.file_name,
    sha256: row.sha256,
  };
}

/** A JSON column (a source's metadata, a job's payload) as an object: {} for none, or for what is no JSON object. */
export function jsonObjectOf(stored: string | null): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(stored ?? '{}');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
