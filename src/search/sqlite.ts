import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { fieldTerms } from './document-terms.js';
import { type RankedPage, type ResolvedOptions, rankWindow, sourceFilter } from './filters.js';
import type { QueryNode, TermNode } from './query.js';

/** The tables of migration 0002 on SQLite; kept here because only the search domain reads them. */
type SqliteSearchTables = {
  source_search_keys: { doc: number; source_id: string };
  source_search: { rowid: number; title: string; body: string; title_words: string; body_words: string };
};

const STEM_COLUMNS = '{title body}';
const WORD_COLUMNS = '{title_words body_words}';
/** bm25 column weights: a word in the title counts three times a word in the body. */
const BM25 = sql`bm25(source_search, 3.0, 1.0, 3.0, 1.0)`;

/** Writes (or replaces) the FTS5 row of one source. Runs on whatever executor it is given, so inside the caller's transaction. */
export async function indexSqlite(
  db: Kysely<Database>,
  doc: { sourceId: string; title: string | null; text: string },
): Promise<void> {
  const title = fieldTerms(doc.title);
  const body = fieldTerms(doc.text);
  // One upsert gives the source's FTS5 rowid whether it is new or indexed before; contentless_delete=1 tables take
  // INSERT OR REPLACE, so re-indexing replaces the row in place. Two statements per source.
  const key = await sql<{ doc: number }>`INSERT INTO source_search_keys (source_id) VALUES (${doc.sourceId})
    ON CONFLICT (source_id) DO UPDATE SET source_id = excluded.source_id RETURNING doc`.execute(db);
  const rowid = key.rows[0]!.doc;
  await sql`INSERT OR REPLACE INTO source_search (rowid, title, body, title_words, body_words)
    VALUES (${rowid}, ${title.stems.join(' ')}, ${body.stems.join(' ')}, ${title.words.join(' ')}, ${body.words.join(' ')})`.execute(
    db,
  );
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

function termExpression(term: TermNode): string {
  return term.prefix ? `${WORD_COLUMNS} : ${quote(term.word)}*` : `${STEM_COLUMNS} : ${quote(term.stem)}`;
}

/**
 * The FTS5 MATCH expression for a parsed query. Every term is a quoted string restricted to its columns, so no
 * user text is ever read as FTS5 syntax. `(задержан OR арест) -домашний` →
 * `((({title body} : "задержа") OR ({title body} : "арест"))) NOT ({title body} : "домашн")`.
 */
export function toFts5(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return `(${termExpression(node)})`;
    case 'phrase': {
      const last = node.terms[node.terms.length - 1]!;
      const words = node.terms.map((t) => (t === last && t.prefix ? t.word : t.stem));
      return `(${STEM_COLUMNS} : ${quote(words.join(' '))}${last.prefix ? '*' : ''})`;
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

/**
 * One statement: the visible matches (for the total), the newest `rankWindow` of them, their bm25 scores, the page.
 * bm25() only works while FTS5 drives a scan with MATCH, so matching and scoring are materialized CTEs over
 * source_search alone; scoring is limited by rowid to the window, so its cost does not grow with the hit count.
 */
export async function searchSqlite(
  db: Kysely<Database>,
  root: QueryNode,
  options: ResolvedOptions,
): Promise<RankedPage> {
  const sdb = db.withTables<SqliteSearchTables>();
  const match = toFts5(root);
  const query = sdb
    .with(
      (cte) => cte('matched').materialized(),
      (q) =>
        q
          .selectFrom('source_search')
          .select('source_search.rowid as doc')
          .where(sql<SqlBool>`source_search MATCH ${match}`),
    )
    .with(
      (cte) => cte('visible').materialized(),
      (q) =>
        q
          .selectFrom('matched')
          .innerJoin('source_search_keys', 'source_search_keys.doc', 'matched.doc')
          .innerJoin('sources', 'sources.id', 'source_search_keys.source_id')
          .where(
            (eb) =>
              sourceFilter(eb as unknown as ExpressionBuilder<Database, 'sources'>, options) as Expression<SqlBool>,
          )
          .select(['matched.doc as doc', 'sources.id as id']),
    )
    .with('candidates', (q) =>
      q.selectFrom('visible').select(['doc', 'id']).orderBy('doc', 'desc').limit(rankWindow(options)),
    )
    .with(
      (cte) => cte('ranked').materialized(),
      (q) =>
        q
          .selectFrom('source_search')
          .select(['source_search.rowid as doc', sql<number>`-${BM25}`.as('score')])
          .where(sql<SqlBool>`source_search MATCH ${match}`)
          .where('source_search.rowid', '>=', (eb) =>
            eb.selectFrom('candidates').select((e) => e.fn.min('doc').as('d')),
          ),
    )
    .selectFrom('candidates')
    .innerJoin('ranked', 'ranked.doc', 'candidates.doc')
    .innerJoin('sources', 'sources.id', 'candidates.id')
    .select((eb) => [
      'sources.id as sourceId',
      'sources.title as title',
      'sources.language as language',
      'sources.published_at as publishedAt',
      'ranked.score as score',
      eb
        .selectFrom('visible')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('total'),
    ])
    .orderBy('score', 'desc')
    .orderBy('sources.id')
    .limit(options.limit)
    .offset(options.offset);
  const rows = await query.execute();
  let total = rows[0]?.total;
  if (total === undefined || total === null) {
    total = options.offset === 0 ? 0 : await countSqlite(sdb, match, options);
  }
  return {
    total: Number(total),
    rows: rows.map((r) => ({
      sourceId: r.sourceId,
      title: r.title,
      language: r.language,
      publishedAt: r.publishedAt,
      score: Number(r.score),
    })),
  };
}

async function countSqlite(
  sdb: Kysely<Database & SqliteSearchTables>,
  match: string,
  options: ResolvedOptions,
): Promise<number> {
  const row = await sdb
    .with(
      (cte) => cte('matched').materialized(),
      (q) =>
        q
          .selectFrom('source_search')
          .select('source_search.rowid as doc')
          .where(sql<SqlBool>`source_search MATCH ${match}`),
    )
    .selectFrom('matched')
    .innerJoin('source_search_keys', 'source_search_keys.doc', 'matched.doc')
    .innerJoin('sources', 'sources.id', 'source_search_keys.source_id')
    .where(
      (eb) => sourceFilter(eb as unknown as ExpressionBuilder<Database, 'sources'>, options) as Expression<SqlBool>,
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
