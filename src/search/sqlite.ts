import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { readOffThread } from '../db/sqlite-reader.js';
import { ChronicleError } from '../shared/errors.js';
import { fieldTerms, ftsFieldText, WORD_MARK } from './document-terms.js';
import {
  FILTER_COLUMNS,
  filtersLanguageOrDate,
  PAGE_COLUMNS,
  type RankedPage,
  type ResolvedOptions,
  rankedRows,
  rankWindow,
  sourceFilter,
  type VisibleSources,
} from './filters.js';
import type { QueryNode, TermNode } from './query.js';

/** The tables of migration 0002 on SQLite; kept here because only the search domain reads them. */
type SqliteSearchTables = {
  source_search_keys: {
    doc: number;
    source_id: string;
    deleted_at: string | null;
    language: string | null;
    published_at: string | null;
    confidentiality: string;
  };
  source_search: { rowid: number; title: string; body: string };
};

/** bm25 column weights: a word in the title counts three times a word in the body. */
const BM25 = sql`bm25(source_search, 3.0, 1.0)`;

/** Writes (or replaces) the FTS5 row of one source. Runs on whatever executor it is given, so inside the caller's transaction. */
export async function indexSqlite(
  db: Kysely<Database>,
  doc: { sourceId: string; title: string | null; text: string },
): Promise<void> {
  // One upsert gives the source's FTS5 rowid whether it is new or indexed before, with the source's filter columns
  // (later changes reach them through migration 0011's trigger); contentless_delete=1 tables take INSERT OR REPLACE,
  // so re-indexing replaces the row in place. Two statements per source.
  const key = await sql<{
    doc: number;
  }>`INSERT INTO source_search_keys (source_id, deleted_at, language, published_at, confidentiality)
    SELECT id, deleted_at, language, published_at, confidentiality FROM sources WHERE id = ${doc.sourceId}
    ON CONFLICT (source_id) DO UPDATE SET deleted_at = excluded.deleted_at, language = excluded.language,
      published_at = excluded.published_at, confidentiality = excluded.confidentiality
    RETURNING doc`.execute(db);
  if (key.rows.length === 0) throw new ChronicleError('NOT_FOUND', `source ${doc.sourceId} not found`);
  const rowid = key.rows[0]!.doc;
  await sql`INSERT OR REPLACE INTO source_search (rowid, title, body)
    VALUES (${rowid}, ${ftsFieldText(fieldTerms(doc.title))}, ${ftsFieldText(fieldTerms(doc.text))})`.execute(db);
}

export async function removeSqlite(db: Kysely<Database>, sourceId: string): Promise<void> {
  const sdb = db.withTables<SqliteSearchTables>();
  const existing = await sdb
    .selectFrom('source_search_keys')
    .select('doc')
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  if (!existing) return;
  await sql`DELETE FROM source_search WHERE rowid = ${existing.doc}`.execute(db);
  await sdb.deleteFrom('source_search_keys').where('doc', '=', existing.doc).execute();
}

function quote(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** A stem, or for a prefix the marked word's beginning (`ftsFieldText`): no column filter, which FTS5 pays per match. */
function termExpression(term: TermNode): string {
  return term.prefix ? `${quote(WORD_MARK + term.word)}*` : quote(term.stem);
}

/**
 * The FTS5 MATCH expression for a parsed query. Every term is a quoted string, so no user text is ever read as FTS5
 * syntax. `(задержан OR арест) -домашний` → `((("задержа") OR ("арест"))) NOT ("домашн")`; `задерж*` → `("=задерж"*)`.
 */
export function toFts5(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return `(${termExpression(node)})`;
    case 'phrase': {
      const last = node.terms[node.terms.length - 1]!;
      const words = node.terms.map((t) => (t === last && t.prefix ? t.word : t.stem));
      return `(${quote(words.join(' '))}${last.prefix ? '*' : ''})`;
    }
    case 'or':
      return `(${node.any.map(toFts5).join(' OR ')})`;
    case 'and': {
      let expr = `(${node.must.map(toFts5).join(' AND ')})`;
      for (const n of node.not) expr = `(${expr} NOT ${toFts5(n)})`;
      return expr;
    }
  }
}

/** The index rows' keys and filter columns, as a query to be named `sources` (`sourceFilter` reads these names). */
function searchKeys(sdb: Kysely<Database & SqliteSearchTables>) {
  return sdb
    .selectFrom('source_search_keys')
    .select(['source_search_keys.doc as doc', 'source_search_keys.source_id as id', ...FILTER_COLUMNS]);
}

/**
 * The visible matches of `match`: FTS5 drives, each match's index row (its filter columns, migration 0011) is read by
 * rowid under the name `sources`, so `sourceFilter` and the policy's scope apply without a join to `sources`.
 */
function visibleMatches(sdb: Kysely<Database & SqliteSearchTables>, match: string, options: ResolvedOptions) {
  return sdb
    .selectFrom('source_search')
    .innerJoin(searchKeys(sdb).as('sources'), (join) => join.onRef('sources.doc', '=', 'source_search.rowid'))
    .where(sql<SqlBool>`source_search MATCH ${match}`)
    .where(
      (eb) => sourceFilter(eb as unknown as ExpressionBuilder<Database, 'sources'>, options) as Expression<SqlBool>,
    );
}

/** Whether a query has a prefix term (`задерж*`, `"продлил арест*"`): FTS5 merges the doclists of every word it covers. */
function hasPrefix(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
      return node.prefix;
    case 'phrase':
      return node.terms.some((t) => t.prefix);
    case 'or':
      return node.any.some(hasPrefix);
    case 'and':
      return node.must.some(hasPrefix) || node.not.some(hasPrefix);
  }
}

/**
 * At most this many hidden sources are taken off FTS5's own count one by one: each costs FTS5 a look-up per term
 * (≈ 60 µs for a common word at 100k sources), so a few are cheaper than reading every match's filter row, many are not.
 */
const HIDDEN_SUBTRACTED = 16;

/**
 * The index rows of the sources this search must not count — deleted, or refused by the scope — when there are at
 * most `max` of them and they can be found among the deleted and restricted rows alone (migration 0013's partial
 * index: no date or language filter, a scope that refuses only restricted sources); else null.
 */
async function hiddenDocs(
  sdb: Kysely<Database & SqliteSearchTables>,
  options: ResolvedOptions,
  max: number,
): Promise<number[] | null> {
  if (filtersLanguageOrDate(options) || !options.hiddenAreRestricted) return null;
  const rows = await sdb
    .selectFrom(
      searchKeys(sdb)
        // Written as the partial index's condition, so SQLite reads the index and not every row.
        .where(
          sql<SqlBool>`deleted_at IS NOT NULL OR confidentiality IS NULL OR confidentiality NOT IN ('public', 'internal')`,
        )
        .as('sources'),
    )
    .select('sources.doc')
    .where((eb) => eb.not(sourceFilter(eb as unknown as ExpressionBuilder<Database, 'sources'>, options) as never))
    .limit(max + 1)
    .execute();
  return rows.length > max ? null : rows.map((r) => Number(r.doc));
}

/**
 * The total: FTS5's own count less the hidden matches when the hidden sources are known and few (`hiddenDocs`),
 * else every visible match counted through its filter row.
 */
async function totalExpression(
  sdb: Kysely<Database & SqliteSearchTables>,
  root: QueryNode,
  match: string,
  options: ResolvedOptions,
) {
  // A prefix would be merged again for each hidden look-up (seconds for a few hundred), so only none may be hidden.
  const hidden = await hiddenDocs(sdb, options, hasPrefix(root) ? 0 : HIDDEN_SUBTRACTED);
  if (hidden === null) return visibleMatches(sdb, match, options).select((e) => e.fn.countAll<number>().as('n'));
  const all = sql<number>`(SELECT count(*) FROM source_search WHERE source_search MATCH ${match})`;
  if (hidden.length === 0) return all;
  // The rowids are written as literals: FTS5 ignored a bound `rowid IN (?)` (counting every match) when tried here.
  // They are integers read from the index, never user text.
  const rowids = hidden.map((doc) => {
    if (!Number.isSafeInteger(doc)) throw new ChronicleError('DATABASE', `search index row ${doc} is not an integer`);
    return sql.lit(doc);
  });
  return sql<number>`${all} - (SELECT count(*) FROM source_search WHERE source_search MATCH ${match} AND rowid IN (${sql.join(rowids)}))`;
}

/**
 * Two statements, side by side in the workspace's reader threads (`rank` and `count` lanes) when `db` is its own
 * instance: the page — the newest `rankWindow` visible matches, their bm25 scores, the page of them — and the count of
 * the visible matches (the total). Each reads the whole list of a common word (at a million reports 10–35 ms for
 * the count, and as much for bm25's document frequencies), so on two cores the answer takes the longer of the two, not
 * their sum, and the server's thread answers other requests meanwhile. The two may see different commits when a
 * source is committed between their starts: a total off by the reports committed in that instant.
 * bm25() only works while FTS5 drives a scan with MATCH, so scoring is a materialized CTE over source_search alone;
 * it is limited by rowid to the window, so its cost does not grow with the hit count.
 */
export async function searchSqlite(
  db: Kysely<Database>,
  root: QueryNode,
  options: ResolvedOptions,
): Promise<RankedPage> {
  const sdb = db.withTables<SqliteSearchTables>();
  const match = toFts5(root);
  const page = sdb
    // FTS5 walks its doclists in descending rowid order itself, so the newest window is read without sorting (or
    // materializing) every visible match: at 53k matches of 100k, that sort cost more than the count.
    .with(
      (cte) => cte('candidates').materialized(),
      () =>
        visibleMatches(sdb, match, options)
          .select(['sources.doc as doc', 'sources.id as id'])
          .orderBy('source_search.rowid', 'desc')
          .limit(rankWindow(options)),
    )
    .with(
      (cte) => cte('ranked').materialized(),
      (q) =>
        q
          .selectFrom('source_search')
          .select(['source_search.rowid as doc', sql<number>`-${BM25}`.as('score')])
          .where(sql<SqlBool>`source_search MATCH ${match}`)
          // An integer bound: FTS5 seeks to it (a real-valued one it ignores, reading every match).
          .where('source_search.rowid', '>=', (eb) =>
            eb.selectFrom('candidates').select((e) => e.fn.min('doc').as('d')),
          ),
    )
    .selectFrom('candidates')
    .innerJoin('ranked', 'ranked.doc', 'candidates.doc')
    .innerJoin('sources', 'sources.id', 'candidates.id')
    .select([...PAGE_COLUMNS, 'ranked.score as score'])
    .orderBy('score', 'desc')
    .orderBy('sources.id')
    .limit(options.limit)
    .offset(options.offset);
  const total = sdb.selectNoFrom(sql<number>`${await totalExpression(sdb, root, match, options)}`.as('n'));
  const [rows, counted] = await Promise.all([
    readOffThread(db, page.compile(), 'rank'),
    readOffThread(db, total.compile(), 'count'),
  ]);
  return {
    total: Number(counted[0]?.n ?? 0),
    rows: rankedRows(rows),
  };
}

/**
 * The visible matches of a parsed query, as rows of `sources` (the index rows' filter columns under that name), for
 * whatever is counted over them (`searchFacets`).
 */
export function matchesSqlite(db: Kysely<Database>, root: QueryNode, options: ResolvedOptions): VisibleSources {
  return visibleMatches(db.withTables<SqliteSearchTables>(), toFts5(root), options) as unknown as VisibleSources;
}
