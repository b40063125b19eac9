import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { SEARCH_PLANNER_SETTINGS, searchReaderOf } from '../db/search-reader.js';
import { ChronicleError } from '../shared/errors.js';
import { fieldTerms, WORD_MARK } from './document-terms.js';
import {
  FILTER_COLUMNS,
  PAGE_COLUMNS,
  type RankedPage,
  type RankedRow,
  type ResolvedOptions,
  rankedRows,
  rankWindow,
  sourceFilter,
  type VisibleSources,
} from './filters.js';
import type { QueryNode, TermNode } from './query.js';
import { pairLexeme, quoteLexeme, type SourceVectors, tsvectorsOf } from './tsvector.js';

/**
 * The tables of migrations 0002, 0011, 0019 (`source_search`, with `toast_pad`, which only its default writes; its
 * index since 0021 holds the rows of sources not deleted only) and 0020 (`source_search_rank`) on PostgreSQL; kept here
 * because only the search domain reads them.
 */
type PostgresSearchTables = {
  source_search_rank: { doc: number; vector: string };
  source_search: {
    source_id: string;
    doc: number;
    vector: string;
    deleted_at: string | null;
    language: string | null;
    published_at: string | null;
    confidentiality: string;
  };
};

/** ts_rank weights {D, C, B, A}: body is D, title is A — three times the body, as bm25 on SQLite. */
const RANK_WEIGHTS = '{0.1, 0.2, 0.4, 0.3}';
/** ts_rank normalization 1: divide by 1 + log(document length), so long reports do not win by size alone (as bm25). */
const RANK_NORMALIZATION = 1;

/**
 * Index rows are numbered by `doc` in blocks of 2^10 and 2^15 rows, and each vector holds the lexemes of its two
 * blocks (`~f97`, `~c2`: a tilde never starts a word). A page then asks the GIN index for the matches in the newest
 * few blocks (`rankedPage`) and reads only their rows, where sorting every match by `doc` had cost 20–40 ms for a
 * word in half of 100,000 reports.
 */
const FINE_BLOCKS = { mark: '~f', bits: 10 } as const;
const COARSE_BLOCKS = { mark: '~c', bits: 15 } as const;
type BlockSize = typeof FINE_BLOCKS | typeof COARSE_BLOCKS;

/** A block's lexeme: its size's mark, then the `doc` of its rows shifted right by the size's bits. */
function blockLexeme(size: BlockSize, block: number): string {
  return `${size.mark}${block}`;
}

/** The block of a size that a row's `doc` is in, as `blockLexemes` numbers it. */
function blockOf(size: BlockSize, doc: number): number {
  return Math.floor(doc / 2 ** size.bits);
}

/** How many rows blocks `first` to the newest row's hold: from the first row of `first` to `newest`. */
function rowsFrom(size: BlockSize, first: number, newest: number): number {
  return newest - first * 2 ** size.bits + 1;
}

/** `tsquery` within blocks `first` to `last` of a size: `(…) & ('~f96' | '~f97')`. */
function withinBlocks(tsquery: string, size: BlockSize, first: number, last: number): string {
  const blocks = Array.from({ length: last - first + 1 }, (_, i) => quoteLexeme(blockLexeme(size, first + i)));
  return `(${tsquery}) & (${blocks.join(' | ')})`;
}

function blockLexemes(doc: Expression<unknown>) {
  const lexeme = (size: BlockSize) => sql`${sql.lit(size.mark)} || (${doc} >> ${sql.lit(size.bits)})`;
  return sql`array_to_tsvector(ARRAY[${lexeme(FINE_BLOCKS)}, ${lexeme(COARSE_BLOCKS)}])`;
}

/** A source's vector and the lexemes of its `doc`'s blocks, as SQL, for the index's writers (and migration 0019). */
export function indexedVector(vector: Expression<unknown>, doc: Expression<unknown>) {
  return sql`(${vector} || ${blockLexemes(doc)})`;
}

/**
 * Writes (or replaces) index rows from `tsvectorsOf`, on the caller's executor (so inside its transaction): each
 * source's row of `source_search`, which carries its filter columns (later changes reach them through migration
 * 0011's trigger), and its rank vector in `source_search_rank` under the same `doc`. A source indexed again keeps its
 * `doc`, a new one takes the next. One statement for both tables. Returns how many sources were written.
 */
export async function writeIndexRows(
  db: Kysely<Database>,
  rows: ReadonlyArray<{ sourceId: string } & SourceVectors>,
): Promise<number> {
  if (rows.length === 0) return 0;
  // Typed where they are bound, so PostgreSQL reads the vectors' bytes as tsvectors (`tsvectorrecv`), not as text.
  const values = rows.map((row) => sql`(${row.sourceId}, ${row.vector}::tsvector, ${row.rank}::tsvector)`);
  // OFFSET 0 keeps the inner query whole, so each row draws `nextval` once for both its doc and its blocks. The rank
  // rows' foreign key is checked at the statement's end, once the index rows are written.
  const written = await sql`WITH v (id, vector, rank) AS (VALUES ${sql.join(values)}),
    written AS (
      INSERT INTO source_search (source_id, doc, vector, deleted_at, language, published_at, confidentiality)
      SELECT x.id, x.doc, ${indexedVector(sql.ref('x.vector'), sql.ref('x.doc'))}, x.deleted_at, x.language, x.published_at, x.confidentiality
      FROM (
        SELECT s.id, COALESCE(k.doc, nextval('source_search_doc_seq')) AS doc, v.vector,
          s.deleted_at, s.language, s.published_at, s.confidentiality
        FROM v JOIN sources AS s ON s.id = v.id
        LEFT JOIN source_search AS k ON k.source_id = s.id
        OFFSET 0
      ) AS x
      ON CONFLICT (source_id) DO UPDATE SET vector = excluded.vector, deleted_at = excluded.deleted_at,
        language = excluded.language, published_at = excluded.published_at, confidentiality = excluded.confidentiality
      RETURNING source_id, doc
    )
    INSERT INTO source_search_rank (doc, vector)
    SELECT written.doc, v.rank FROM written JOIN v ON v.id = written.source_id
    ON CONFLICT (doc) DO UPDATE SET vector = excluded.vector`.execute(db);
  return Number(written.numAffectedRows ?? 0);
}

/** Writes (or replaces) the index row of one source, on the caller's executor (so inside its transaction). */
export async function indexPostgres(
  db: Kysely<Database>,
  doc: { sourceId: string; title: string | null; text: string },
): Promise<void> {
  const vectors = tsvectorsOf(fieldTerms(doc.title), fieldTerms(doc.text));
  if ((await writeIndexRows(db, [{ sourceId: doc.sourceId, ...vectors }])) === 0)
    throw new ChronicleError('NOT_FOUND', `source ${doc.sourceId} not found`);
}

export async function removePostgres(db: Kysely<Database>, sourceId: string): Promise<void> {
  await db.withTables<PostgresSearchTables>().deleteFrom('source_search').where('source_id', '=', sourceId).execute();
}

function termQuery(term: TermNode): string {
  return term.prefix ? `${quoteLexeme(WORD_MARK + term.word)}:*` : quoteLexeme(term.stem);
}

/**
 * A phrase as pairs of adjacent stems (`tsvectorsOf` indexes each pair at its first word's position), each pair
 * one position after the one before, so the GIN index finds a two-word phrase exactly and narrows a longer one to
 * the reports holding all its pairs before their positions are compared. A prefix last word follows the last whole
 * word: `"суд продлил арест"` → `('суд продл' <-> 'продл арест')`, `"суд прод*"` → `('суд' <-> 'прод':*)`.
 */
function phraseQuery(terms: readonly TermNode[]): string {
  const last = terms[terms.length - 1]!;
  const whole = last.prefix ? terms.slice(0, -1) : terms;
  const parts: string[] = [];
  if (whole.length === 1) parts.push(quoteLexeme(whole[0]!.stem));
  for (let i = 0; i + 1 < whole.length; i++) parts.push(quoteLexeme(pairLexeme(whole[i]!.stem, whole[i + 1]!.stem)));
  // The last pair stands at the last whole word but one: the prefix word comes two positions after it.
  if (last.prefix) {
    const prefix = `${quoteLexeme(last.word)}:*`;
    if (parts.length === 0) return prefix;
    return `(${parts.join(' <-> ')} ${whole.length === 1 ? '<->' : '<2>'} ${prefix})`;
  }
  return parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`;
}

/**
 * The tsquery text for a parsed query, built from quoted lexemes only (never from user syntax) and cast with
 * `::tsquery`, so PostgreSQL does not re-stem it. `"суд продлил" OR арест*` → `('суд' <-> 'продл' | '=арест':*)`.
 */
export function toTsquery(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return termQuery(node);
    case 'phrase':
      return phraseQuery(node.terms);
    case 'or':
      return `(${node.any.map(toTsquery).join(' | ')})`;
    case 'and':
      return `(${[...node.must.map(toTsquery), ...node.not.map((n) => `!${toTsquery(n)}`)].join(' & ')})`;
  }
}

/** A word by its stem; a prefix by as much of its word as its stem keeps (`задержан*` → `'задержа':*`). */
function rankTerm(term: TermNode): string {
  if (!term.prefix) return quoteLexeme(term.stem);
  let shared = 0;
  while (shared < term.word.length && term.word[shared] === term.stem[shared]) shared++;
  return `${quoteLexeme(term.word.slice(0, Math.max(1, shared)))}:*`;
}

/**
 * The tsquery that ranks a query's matches, by their rank vectors (stems only, `tsvectorsOf`): words by stem,
 * prefixes by stem prefix, a phrase's words in sequence. Without the NOT parts, which no match holds: with them
 * ts_rank scores every match of `арест -домашний` 1e-20, and the page came out by id.
 * `toRankTsquery(parse('"суд продлил" OR задерж* -штраф'))` → `(('суд' <-> 'продл') | 'задерж':*)`.
 */
export function toRankTsquery(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return rankTerm(node);
    case 'phrase':
      return node.terms.length === 1 ? rankTerm(node.terms[0]!) : `(${node.terms.map(rankTerm).join(' <-> ')})`;
    case 'or':
      return `(${node.any.map(toRankTsquery).join(' | ')})`;
    case 'and':
      // The parser gives every AND a positive part (a NOT alone is refused).
      return node.must.length === 1 ? toRankTsquery(node.must[0]!) : `(${node.must.map(toRankTsquery).join(' & ')})`;
  }
}

/**
 * The visible matches of `tsquery`: the GIN index finds them and each index row's filter columns (migration 0011)
 * are read under the name `sources`, so `sourceFilter` and the policy's scope apply without a join to `sources`.
 */
function visibleMatches(sdb: Kysely<Database & PostgresSearchTables>, tsquery: string, options: ResolvedOptions) {
  return sdb
    .selectFrom((eb) =>
      eb
        .selectFrom('source_search')
        .select([
          'source_search.doc as doc',
          'source_search.source_id as id',
          'source_search.vector',
          ...FILTER_COLUMNS,
        ])
        .as('sources'),
    )
    .where(sql<SqlBool>`sources.vector @@ ${tsquery}::tsquery`)
    .where(
      (eb) => sourceFilter(eb as unknown as ExpressionBuilder<Database, 'sources'>, options) as Expression<SqlBool>,
    );
}

/**
 * Two statements on two connections at once (each through `preferIndex`): the page (`rankedPage`) and the count of
 * the visible matches (the total). The count visits the row of every match (a common word: half the table; about
 * 130 bytes a row with the page's overhead since migration 0019), the page those in the blocks it reads, so side by
 * side a search takes the longer of the two rather than their sum. What sizes the page's first look
 * (`sizeFirstLook`) is read before either starts. Inside a caller's transaction all run on its connection, one after
 * the other. As on SQLite, a source committed between the two starts may be counted and not ranked, or the reverse.
 */
export async function searchPostgres(
  db: Kysely<Database>,
  root: QueryNode,
  options: ResolvedOptions,
): Promise<RankedPage> {
  const tsquery = toTsquery(root);
  const stats = db.isTransaction ? null : await lexemeStats(db);
  const share = stats ? matchShare(root, stats) : null;
  // Read before the two start rather than as the page's first statements: a round trip beside a running count waited
  // for a core (1.2 ms in the median at 100k reports, against 0.2 ms for the statement), and the page is the longer.
  const look = await preferIndex(db, (tx) =>
    sizeFirstLook(tx.withTables<PostgresSearchTables>(), tsquery, options, share, shareToSample(root, stats)),
  );
  const [rows, total] = await Promise.all([
    preferIndex(db, (tx) => rankedPage(tx, tsquery, toRankTsquery(root), options, look)),
    preferIndex(db, (tx) => countMatches(tx.withTables<PostgresSearchTables>(), tsquery, options)),
  ]);
  return { total, rows };
}

async function countMatches(
  sdb: Kysely<Database & PostgresSearchTables>,
  tsquery: string,
  options: ResolvedOptions,
): Promise<number> {
  const row = await visibleMatches(sdb, tsquery, options)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Runs `work` where the planner neither scans the whole index table for a query nor starts parallel workers for one
 * (`SEARCH_PLANNER_SETTINGS`, which say why): on the workspace's search connections, opened with those settings
 * (`searchReaderOf`), so each statement is one round trip; on a Kysely without them, in a transaction that sets them
 * (`SET LOCAL`, three more round trips); inside a caller's transaction the planner is left as it is.
 */
export async function preferIndex<T>(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  const reader = searchReaderOf(db);
  if (reader) return work(reader);
  return db.transaction().execute(async (tx) => {
    const settings = Object.entries(SEARCH_PLANNER_SETTINGS).map(
      ([name, value]) => sql`set_config(${name}, ${value}, true)`,
    );
    await sql`SELECT ${sql.join(settings)}`.execute(tx);
    return work(tx);
  });
}

/**
 * How often the index vectors' most common lexemes occur, from PostgreSQL's statistics of the column (ANALYZE keeps
 * the 1,000 most common with the share of rows holding each), and the smallest share listed: a lexeme not listed
 * is rarer than that.
 */
export interface LexemeStats {
  shares: ReadonlyMap<string, number>;
  least: number;
}

/** Statistics change only when the table is analyzed (autovacuum, after many writes): read once a minute at most. */
const STATS_TTL_MS = 60_000;
const statsCache = new WeakMap<object, { readAt: number; stats: Promise<LexemeStats | null> }>();

/** The workspace's `LexemeStats`, or null before the index was first analyzed. */
export async function lexemeStats(db: Kysely<Database>): Promise<LexemeStats | null> {
  const cached = statsCache.get(db);
  if (cached && performance.now() - cached.readAt < STATS_TTL_MS) return cached.stats;
  const stats = sql<{
    elems: string[] | null;
    shares: number[] | null;
  }>`SELECT most_common_elems::text::text[] AS elems,
      most_common_elem_freqs AS shares
    FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'source_search' AND attname = 'vector'`
    .execute(db)
    .then(({ rows }) => {
      const { elems, shares } = rows[0] ?? { elems: null, shares: null };
      if (!elems || !shares || elems.length === 0) return null;
      // After one share per lexeme PostgreSQL lists the least and greatest share and the share of empty vectors.
      const listed = new Map(elems.map((lexeme, i) => [lexeme, Number(shares[i])]));
      return { shares: listed, least: Math.min(...listed.values()) };
    })
    .catch(() => null);
  statsCache.set(db, { readAt: performance.now(), stats });
  return stats;
}

/**
 * About what share of the rows match `node`, by `LexemeStats`, taking words to occur independently: a word its
 * listed share (an unlisted one half the least listed), a prefix the listed words it begins (at most all rows), a
 * phrase its rarest pair, AND the product, OR the union, NOT the rest. Only chooses how many rows a page first looks
 * among (`rankedPage`): a share too high costs one more look, never a wrong page.
 * `matchShare(parseSearchQuery('задержан').root, stats)` → 0.53 (on the benchmark's corpus).
 */
export function matchShare(node: QueryNode, stats: LexemeStats): number {
  const share = (lexeme: string) => stats.shares.get(lexeme) ?? stats.least / 2;
  const prefixShare = (prefix: string) => {
    let sum = 0;
    for (const [lexeme, listed] of stats.shares) if (lexeme.startsWith(prefix)) sum += listed;
    return Math.min(1, sum || stats.least / 2);
  };
  switch (node.kind) {
    case 'term':
      return node.prefix ? prefixShare(WORD_MARK + node.word) : share(node.stem);
    case 'phrase': {
      const last = node.terms[node.terms.length - 1]!;
      const whole = last.prefix ? node.terms.slice(0, -1) : node.terms;
      const parts = whole.length === 1 ? [share(whole[0]!.stem)] : [];
      for (let i = 0; i + 1 < whole.length; i++) parts.push(share(pairLexeme(whole[i]!.stem, whole[i + 1]!.stem)));
      if (last.prefix) parts.push(prefixShare(last.word));
      return Math.min(...parts);
    }
    case 'or':
      return 1 - node.any.reduce((none, n) => none * (1 - matchShare(n, stats)), 1);
    case 'and':
      return (
        node.must.reduce((all, n) => all * matchShare(n, stats), 1) *
        node.not.reduce((rest, n) => rest * (1 - matchShare(n, stats)), 1)
      );
  }
}

/** How many of the newest fine blocks a page first reads the matches of (about 8,000 rows). */
const FIRST_FINE_BLOCKS = 8;
/**
 * The most fine blocks a query names; past them, coarse blocks. The GIN index tests each row of the named blocks
 * against the whole query: at 100k reports a narrow query took 2.7 ms within 14 fine blocks, 14.6 ms within 41, and
 * 7.5 ms within the 3 coarse blocks that hold more rows than those 41.
 */
const MAX_FINE_BLOCKS = 16;
/** How many of the newest fine blocks an AND's share is measured in (`shareToSample`): about 2,000 rows, 0.3 ms. */
const SAMPLE_FINE_BLOCKS = 2;
/**
 * How many windows of matches a look spans by an estimated share (the statistics', or the density a first look
 * found), and by a share measured in the newest rows, where only the sample's noise needs a margin.
 */
const ESTIMATE_MARGIN = 1.5;
const MEASURED_MARGIN = 1.25;

/**
 * The share of rows an AND could match at most (its rarest part's, `matchShare`), when that is further above the share
 * `matchShare` takes for it than a look's margin covers (`ESTIMATE_MARGIN`): the statistics cannot say which is
 * nearer, so it is measured in the newest rows (`sizeFirstLook`). Taken as the product, «приговор колонии» looked
 * among 67,000 rows at 100k where 12,000 held a window (page 14 → 8 ms); taken as the rarest part, «detained Kazan»
 * (English, while its Russian spellings never meet «detained») looked among too few and again (15 → 30 ms). Null
 * for anything else, or without statistics.
 */
function shareToSample(root: QueryNode, stats: LexemeStats | null): number | null {
  if (!stats || root.kind !== 'and' || root.must.length + root.not.length < 2) return null;
  const rarest = Math.min(...root.must.map((part) => matchShare(part, stats)));
  return rarest > ESTIMATE_MARGIN * matchShare(root, stats) ? rarest : null;
}

/** What a page's first look is sized by: the newest row's `doc`, and the share of rows matching, if known. */
interface FirstLook {
  newest: number;
  share: number | null;
  /** The share was counted in the newest rows (`shareToSample`), not estimated from the statistics. */
  measured: boolean;
}

/**
 * The newest row's `doc` and the share `rankedPage` sizes its first look by: the statistics' `estimate`, or, for an
 * AND they cannot judge (`sample`: its rarest part's share, `shareToSample`), the share of its matches in the newest
 * two fine blocks.
 */
async function sizeFirstLook(
  sdb: Kysely<Database & PostgresSearchTables>,
  tsquery: string,
  options: ResolvedOptions,
  estimate: number | null,
  sample: number | null,
): Promise<FirstLook> {
  const row = await sdb
    .selectFrom('source_search')
    .select((eb) => eb.fn.max('doc').as('doc'))
    .executeTakeFirst();
  const newest = Number(row?.doc ?? 0);
  const lastFine = blockOf(FINE_BLOCKS, newest);
  if (sample === null || lastFine < SAMPLE_FINE_BLOCKS || (ESTIMATE_MARGIN * rankWindow(options)) / sample >= newest)
    return { newest, share: estimate, measured: false };
  const firstSampled = lastFine - SAMPLE_FINE_BLOCKS + 1;
  const found = await countMatches(sdb, withinBlocks(tsquery, FINE_BLOCKS, firstSampled, lastFine), options);
  // None found: taken as half a match, so the look spans (nearly) every row rather than dividing by zero.
  return { newest, share: Math.max(found, 0.5) / rowsFrom(FINE_BLOCKS, firstSampled, newest), measured: true };
}

/**
 * The page: the newest `rankWindow` visible matches by `doc`, ts_rank over those only (ranking reads the rank vector
 * of every match it scores, so its cost must not grow with the hit count), the page of them, then `sources` for the
 * page's rows. The newest matches are looked for first in the blocks (`blockLexemes`) of as many of the newest rows
 * as the first look's share (`sizeFirstLook`) says hold a window and a half — a window and a quarter when it was
 * measured in the newest rows — at least the newest 8 fine blocks; too few there, and in as many as the density
 * found says, then among all. Once the blocks hold a whole window of matches, the newest of them are the newest of
 * all. Without the estimate a word in a fifth of the rows took two looks (3–7 ms wasted on the first).
 */
async function rankedPage(
  db: Kysely<Database>,
  tsquery: string,
  rankQuery: string,
  options: ResolvedOptions,
  { newest, share, measured }: FirstLook,
): Promise<RankedRow[]> {
  const sdb = db.withTables<PostgresSearchTables>();
  const window = rankWindow(options);
  // How many of the newest rows to look among: a window and a half of matches where the statistics say how many rows
  // hold one, a window and a quarter where the newest rows were sampled, never fewer than the first fine blocks.
  let span = FIRST_FINE_BLOCKS * 2 ** FINE_BLOCKS.bits;
  if (share !== null)
    span = Math.max(span, Math.ceil(((measured ? MEASURED_MARGIN : ESTIMATE_MARGIN) * window) / share));
  // A share measured in the newest rows, whose window the fine blocks hold without the margin: read them rather than
  // coarse blocks for the margin's sake (at 100k those are two, 34,500 rows, against 16,384).
  const fineRows = MAX_FINE_BLOCKS * 2 ** FINE_BLOCKS.bits;
  if (measured && share !== null && window / share <= fineRows) span = Math.min(span, fineRows);
  for (let attempt = 0; attempt < 2; attempt++) {
    const size = span <= fineRows ? FINE_BLOCKS : COARSE_BLOCKS;
    const last = blockOf(size, newest);
    // The block of the span's oldest row: the newest block may be partly filled, so the blocks hold at least `span`
    // rows.
    const first = blockOf(size, newest - span + 1);
    // The blocks would hold every row: reading them all is one query.
    if (first <= 0) break;
    const among = withinBlocks(tsquery, size, first, last);
    const page = await rankedAmong(sdb, rankQuery, among, options, window, window);
    if (page.candidates >= window) return page.rows;
    span = Math.ceil((ESTIMATE_MARGIN * window * rowsFrom(size, first, newest)) / Math.max(1, page.candidates));
  }
  return (await rankedAmong(sdb, rankQuery, tsquery, options, window, 0)).rows;
}

/**
 * The page among the visible matches of `among` (the query, or the query within some blocks), ranked by `rankQuery`
 * over their rank vectors (`source_search_rank`: the stems alone, about a quarter of the index vector, kept inline,
 * so ranking 2,000 matches reads no TOAST table: 10 → 4 ms), with how many matches were ranked. Ordered by
 * `doc + 0`, which keeps the planner off an index scan of `doc` that would read the vector of each row it passes to
 * test it (it costs that as nothing; 130 ms for a common word).
 * Ranks only when at least `rankFrom` matches were found: blocks that hold too few are read again over a wider span,
 * so ranking them (7–10 ms for a word in a fifth of the rows) would be thrown away; unranked, such a try costs 3 ms.
 */
async function rankedAmong(
  sdb: Kysely<Database & PostgresSearchTables>,
  rankQuery: string,
  among: string,
  options: ResolvedOptions,
  window: number,
  rankFrom: number,
): Promise<{ rows: RankedRow[]; candidates: number }> {
  // A match without a rank vector (written by no indexer here) is ranked last rather than left out.
  const rank = sql<number>`coalesce(ts_rank(${RANK_WEIGHTS}::float4[], ranks.vector, ${rankQuery}::tsquery, ${sql.lit(RANK_NORMALIZATION)}), 0)`;
  const rows = await sdb
    .with(
      (cte) => cte('candidates').materialized(),
      () =>
        visibleMatches(sdb, among, options)
          .select(['sources.doc as doc', 'sources.id as id'])
          .orderBy(sql`sources.doc + 0`, 'desc')
          .limit(window),
    )
    .with('found', (q) => q.selectFrom('candidates').select((eb) => eb.fn.countAll<number>().as('n')))
    // Ranked and paged before `sources` is joined, so only the page's rows are read from it.
    .with('page', (q) =>
      q
        .selectFrom('candidates')
        .leftJoin('source_search_rank as ranks', 'ranks.doc', 'candidates.doc')
        .select(['candidates.id as id', rank.as('score')])
        // Uncorrelated, so PostgreSQL tests it once, before reading (or ranking) any candidate.
        .where(sql<SqlBool>`(SELECT n FROM found) >= ${rankFrom}`)
        .orderBy('score', 'desc')
        .orderBy('candidates.id')
        .limit(options.limit)
        .offset(options.offset),
    )
    // The count comes back even when nothing was ranked: one row of it, joined to the page's rows if any.
    .selectFrom('found')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('page')
          .innerJoin('sources', 'sources.id', 'page.id')
          .select([...PAGE_COLUMNS, 'page.score as score'])
          .as('ranked'),
      (join) => join.onTrue(),
    )
    .select([
      'found.n as candidates',
      'ranked.sourceId',
      'ranked.title',
      'ranked.fileName',
      'ranked.language',
      'ranked.publishedAt',
      'ranked.score',
    ])
    .orderBy('ranked.score', 'desc')
    .orderBy('ranked.sourceId')
    .execute();
  const ranked = rows.filter((row): row is typeof row & { sourceId: string; score: number } => row.sourceId !== null);
  return { candidates: Number(rows[0]?.candidates ?? 0), rows: rankedRows(ranked) };
}

/**
 * The visible matches of a parsed query, as rows of `sources` (the index rows' filter columns under that name), for
 * whatever is counted over them (`searchFacets`).
 */
export function matchesPostgres(db: Kysely<Database>, root: QueryNode, options: ResolvedOptions): VisibleSources {
  return visibleMatches(db.withTables<PostgresSearchTables>(), toTsquery(root), options) as unknown as VisibleSources;
}
