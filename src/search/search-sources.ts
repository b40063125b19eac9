import { type Compilable, type Kysely, sql } from 'kysely';
import type { DialectName } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { readOffThread } from '../db/sqlite-reader.js';
import { ChronicleError } from '../shared/errors.js';
import { expandAcrossScripts, expandSurnameForms } from './cross-script.js';
import {
  facetOrder,
  filtersLanguageOrDate,
  type ResolvedOptions,
  resolveOptions,
  type SearchFacets,
  type SearchOptions,
  type VisibleSources,
  withoutFacet,
} from './filters.js';
import { indexPostgres, matchesPostgres, preferIndex, removePostgres, searchPostgres } from './postgres.js';
import { parseSearchQuery, type SearchQuery } from './query.js';
import { buildSnippet, type Span } from './snippet.js';
import { indexSqlite, matchesSqlite, removeSqlite, searchSqlite } from './sqlite.js';
import type { IndexVectors } from './tsvector.js';

export interface IndexableSource {
  sourceId: string;
  title: string | null;
  /** The source's plain text, as stored in source_texts.text (snippet and match offsets refer to it). */
  text: string;
  language: string | null;
  /**
   * `ftsFieldText(fieldTerms(text))` for SQLite, when the caller computed it already (ingestion's parse worker does
   * for a SQLite workspace).
   */
  ftsBody?: string;
  /**
   * `indexVectors(title, bodyTerms)` for PostgreSQL, when the caller computed them already (ingestion's parse
   * worker does for a PostgreSQL workspace); used only if made for this source's title.
   */
  indexVectors?: IndexVectors;
}

export interface SearchHit {
  sourceId: string;
  title: string | null;
  /** The name of the file the source came from (`ufa.txt`, `bundle.zip!a.txt`): what names an untitled source. */
  fileName: string | null;
  /** ~200 characters of the original text around the best match, whitespace collapsed, «…» where cut. */
  snippet: string;
  /** Higher is better: −bm25 on SQLite, ts_rank on PostgreSQL (not comparable across dialects). */
  score: number;
  /** The matched words, as offsets in `snippet`. */
  highlights: Span[];
  /** The matched words, as offsets in the source text (source_texts.text), at most 200. */
  matches: Span[];
  language: string | null;
  publishedAt: string | null;
}

export interface SearchResult {
  total: number;
  results: SearchHit[];
}

async function inTransaction(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<void>): Promise<void> {
  // A caller's transaction is used as it is (the index row commits or rolls back with the source); a plain handle
  // gets its own, so a reader never sees a source half-indexed.
  if (db.isTransaction) await work(db);
  else await db.transaction().execute(work);
}

/**
 * Indexes one source's title and text, replacing its previous index row. Call it inside the transaction that
 * writes the source, so the index cannot drift from the data.
 * `await indexSource(trx, 'sqlite', { sourceId: '01J…', title: 'Задержания в Уфе', text: '…', language: 'ru' })`.
 */
export async function indexSource(db: Kysely<Database>, dialect: DialectName, doc: IndexableSource): Promise<void> {
  if (typeof doc.text !== 'string') throw new ChronicleError('VALIDATION', 'a source to index needs its text');
  await inTransaction(db, (tx) => (dialect === 'postgres' ? indexPostgres(tx, doc) : indexSqlite(tx, doc)));
}

/** Removes a source from the index (no-op when it is not indexed). `await removeSourceFromIndex(trx, 'postgres', '01J…')`. */
export async function removeSourceFromIndex(
  db: Kysely<Database>,
  dialect: DialectName,
  sourceId: string,
): Promise<void> {
  await inTransaction(db, (tx) => (dialect === 'postgres' ? removePostgres(tx, sourceId) : removeSqlite(tx, sourceId)));
}

/** A query as both dialects search it (surname forms, other-script spellings) and its checked options. */
function prepare(query: string, options: SearchOptions) {
  const typed: SearchQuery = parseSearchQuery(query);
  const withSurnames = expandSurnameForms(typed, query);
  const parsed = options.crossScript === false ? withSurnames : expandAcrossScripts(withSurnames, query);
  return { parsed, root: parsed.root, resolved: resolveOptions(options) };
}

/**
 * Full-text search over visible, not deleted sources, ranked, with snippets cut from the original text.
 * `await searchSources(db, 'sqlite', 'задержан Уфа', { limit: 10 })` →
 * `{ total: 3, results: [{ sourceId: '01J…', title: '…', snippet: '…в Уфе задержали…', score: 4.2,
 *   highlights: [{ start: 6, end: 15 }], matches: [{ start: 812, end: 821 }], language: 'ru', publishedAt: '2022-03-10' }] }`.
 * Throws ChronicleError VALIDATION for a query or option that cannot be searched; never an SQL error for user text.
 */
export async function searchSources(
  db: Kysely<Database>,
  dialect: DialectName,
  query: string,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const { parsed, resolved } = prepare(query, options);
  const page = await asSearchError(() =>
    dialect === 'postgres' ? searchPostgres(db, parsed.root, resolved) : searchSqlite(db, parsed.root, resolved),
  );
  if (page.rows.length === 0) return { total: page.total, results: [] };
  const texts = await db
    .selectFrom('source_texts')
    .select(['source_id', 'text'])
    .where(
      'source_id',
      'in',
      page.rows.map((r) => r.sourceId),
    )
    .execute();
  const textById = new Map(texts.map((t) => [t.source_id, t.text]));
  const results = page.rows.map((row): SearchHit => {
    const { snippet, highlights, matches } = buildSnippet(textById.get(row.sourceId) ?? '', parsed);
    return { ...row, snippet, highlights, matches };
  });
  return { total: page.total, results };
}

/**
 * What the matches of `query` are, by language and by year of publication, counted under the same filters and scope
 * as `searchSources` (each facet without its own filter). `await searchFacets(db, 'sqlite', 'задержан', { scope })` →
 * `{ language: [{ value: 'ru', count: 120 }, { value: 'en', count: 30 }], year: [{ value: '2024', count: 80 }, …] }`.
 * One pass over the matches per facet, so a word found in half the sources costs what counting them does.
 */
export async function searchFacets(
  db: Kysely<Database>,
  dialect: DialectName,
  query: string,
  options: SearchOptions = {},
): Promise<SearchFacets> {
  const { root, resolved } = prepare(query, options);
  if (dialect === 'postgres')
    return preferIndex(db, (tx) =>
      countFacets(
        (o) => matchesPostgres(tx, root, o),
        resolved,
        (q) => q.execute(),
      ),
    );
  // In the reader thread of searches' counts: a word in half of a million reports takes tens of milliseconds to
  // count, which the server's thread spends answering others.
  return countFacets(
    (o) => matchesSqlite(db, root, o),
    resolved,
    (q) => readOffThread(db, q.compile(), 'count'),
  );
}

/** `searchFacets` over a dialect's visible matches, each grouped count read by `read`. */
async function countFacets(
  matches: (options: ResolvedOptions) => VisibleSources,
  resolved: ResolvedOptions,
  read: <R>(query: Compilable<R> & { execute(): Promise<R[]> }) => Promise<R[]>,
): Promise<SearchFacets> {
  const year = sql<string | null>`substr(sources.published_at, 1, 4)`;
  return asSearchError(async () => {
    if (!filtersLanguageOrDate(resolved)) {
      // No facet filtered: both count the same matches, so one pass grouped both ways serves them.
      const both = await read(
        matches(resolved)
          .select(['sources.language as language', year.as('year'), (e) => e.fn.countAll<number>().as('n')])
          .groupBy(['sources.language', year]),
      );
      const sum = (key: 'language' | 'year') => {
        const counts = new Map<string | null, number>();
        for (const row of both) counts.set(row[key], (counts.get(row[key]) ?? 0) + Number(row.n));
        return facetOrder([...counts].map(([value, n]) => ({ value, n })));
      };
      return { language: sum('language'), year: sum('year') };
    }
    const languages = await read(
      matches(withoutFacet(resolved, 'language'))
        .select(['sources.language as value', (e) => e.fn.countAll<number>().as('n')])
        .groupBy('sources.language'),
    );
    const years = await read(
      matches(withoutFacet(resolved, 'year'))
        .select([year.as('value'), (e) => e.fn.countAll<number>().as('n')])
        .groupBy(year),
    );
    return { language: facetOrder(languages), year: facetOrder(years) };
  });
}

/** Runs a search statement; a database failure becomes one DATABASE error naming the search (no SQL error leaks). */
async function asSearchError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ChronicleError) throw error;
    throw new ChronicleError('DATABASE', `search failed: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Indexes every source that has a text again, in batches of one transaction each: for a workspace whose sources were
 * ingested before migration 0002, or after a change to stemming. Returns how many sources were indexed.
 * `await rebuildSearchIndex(db, 'sqlite')` → 1250.
 */
export async function rebuildSearchIndex(
  db: Kysely<Database>,
  dialect: DialectName,
  options: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let after: string | null = null;
  let count = 0;
  for (;;) {
    let query = db
      .selectFrom('sources')
      .innerJoin('source_texts', 'source_texts.source_id', 'sources.id')
      .select([
        'sources.id as id',
        'sources.title as title',
        'sources.language as language',
        'source_texts.text as text',
      ])
      .orderBy('sources.id')
      .limit(batchSize);
    if (after !== null) query = query.where('sources.id', '>', after);
    const batch = await query.execute();
    if (batch.length === 0) return count;
    await inTransaction(db, async (tx) => {
      for (const row of batch) {
        const doc = { sourceId: row.id, title: row.title, text: row.text, language: row.language };
        await (dialect === 'postgres' ? indexPostgres(tx, doc) : indexSqlite(tx, doc));
      }
    });
    count += batch.length;
    after = batch[batch.length - 1]!.id;
  }
}
