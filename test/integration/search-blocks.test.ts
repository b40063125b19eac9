import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import { indexSources, type SearchOptions, searchSources } from '../../src/search/index.js';
import { lexemeStats } from '../../src/search/postgres.js';
import { insertPlainSources, type PlainSource } from '../helpers/sources.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

/** Writes reports as ingestion leaves them (blob, source, text) and indexes them, in one transaction. */
async function insertReports(db: Kysely<Database>, reports: PlainSource[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertPlainSources(trx, reports);
    await indexSources(
      trx,
      'postgres',
      reports.map((r) => ({ sourceId: r.id, title: null, text: r.text, language: r.language ?? null })),
    );
  });
}

const reports = (prefix: string, count: number, text: (i: number) => string): PlainSource[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(5, '0')}`,
    text: text(i),
    language: i % 5 === 0 ? 'en' : 'ru',
  }));

const QUERIES: Array<[string, SearchOptions]> = [
  ['приговор', {}],
  ['приговор', { offset: 1990, limit: 20 }],
  ['приговор', { language: 'en' }],
  ['штраф', {}],
  ['штраф', { offset: 1995, limit: 10 }],
  ['задержан', {}],
  ['приговор OR штраф', {}],
  ['"вынес приговор"', {}],
  ['приговор -штраф', {}],
  // ANDs: words that always meet, which the statistics judge; and, measured in the newest rows when analyzed (the
  // statistics cannot judge them), words that meet in a third of the newest rows and words that meet only among
  // older rows.
  ['суд приговор', {}],
  ['приговор штраф', {}],
  ['штраф участникам', {}],
];

// Analyzed, a page first looks among as many rows as the statistics say hold a window of matches; unanalyzed (a new
// workspace), among the newest fine blocks.
describe.runIf((await testDialects()).includes('postgres')).each([
  ['unanalyzed', false],
  ['analyzed', true],
])('the newest matches by blocks on PostgreSQL, %s', (_, analyzed) => {
  let t: TestWorkspace;
  let db: Kysely<Database>;
  const answer = async () => {
    const out: unknown[] = [];
    for (const [q, options] of QUERIES) {
      const r = await searchSources(db, 'postgres', q, options);
      out.push({ q, options, total: r.total, results: r.results.map((h) => [h.sourceId, h.score]) });
    }
    return out;
  };

  beforeAll(async () => {
    t = await createTestWorkspace('postgres');
    db = t.workspace.db;
    // Old reports, far behind; a middle run of fines, each named twice (so they rank above the newest); the newest,
    // every one a sentence and every third a fine. So «приговор» has a window of matches in the newest fine blocks,
    // «штраф» only once its density has been read from them (the second look), «задержан» among all rows only.
    await insertReports(
      db,
      reports('old', 1500, (i) => `Задержан участник акции номер ${i}.`),
    );
    await sql`SELECT setval('source_search_doc_seq', 300000)`.execute(db);
    await insertReports(
      db,
      reports('mid', 2000, (i) => `Суд назначил штраф ${i} участникам, штраф оплачен.`),
    );
    await sql`SELECT setval('source_search_doc_seq', 310000)`.execute(db);
    await insertReports(
      db,
      reports('new', 2100, (i) => `Суд вынес приговор ${i}${i % 3 === 0 ? ' и назначил штраф' : ''}.`),
    );
    if (analyzed) await sql`ANALYZE source_search`.execute(db);
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('writes the lexemes of each row’s own blocks, once, also when a source is indexed again', async () => {
    const again = { sourceId: 'new-00007', title: null, text: 'Суд вынес приговор 7 повторно.', language: 'ru' };
    await db.transaction().execute((trx) => indexSources(trx, 'postgres', [again]));
    const wrong = await sql<{ n: string }>`SELECT count(*) AS n FROM source_search
      WHERE NOT vector @@ quote_literal('~f' || (doc >> 10))::tsquery OR NOT vector @@ quote_literal('~c' || (doc >> 15))::tsquery
        OR cardinality(ARRAY(SELECT lexeme FROM unnest(vector) WHERE lexeme LIKE '~%')) <> 2`.execute(db);
    expect(Number(wrong.rows[0]!.n)).toBe(0);
  });

  it.runIf(analyzed)('reads how many rows hold each common lexeme from the statistics', async () => {
    const stats = await lexemeStats(db);
    expect(stats?.shares.get('приговор')).toBeCloseTo(2100 / 5600, 2);
    expect(stats?.shares.get('штраф')).toBeCloseTo(2700 / 5600, 2);
    expect(stats?.shares.get('вынес приговор')).toBeCloseTo(2100 / 5600, 2);
  });

  it('answers as a reading of every match does: the same totals, pages and scores', async () => {
    const byBlocks = await answer();
    const totals = Object.fromEntries(
      QUERIES.map(([q, options], i) => [`${q} ${JSON.stringify(options)}`, (byBlocks[i] as { total: number }).total]),
    );
    expect(totals).toMatchObject({
      'приговор {}': 2100,
      'приговор {"language":"en"}': 420,
      'задержан {}': 1500,
      '"вынес приговор" {}': 2100,
    });
    expect(totals['штраф {}']).toBe(2700);
    // Every row moved to a block no query names: each page is then read from all matches (the lexemes' count, and
    // with it each score, unchanged).
    await sql`UPDATE source_search SET vector = ts_delete(vector, ARRAY(SELECT lexeme FROM unnest(vector) WHERE lexeme LIKE '~%'))
      || array_to_tsvector(ARRAY['~f999999', '~c999999'])`.execute(db);
    expect(await answer()).toEqual(byBlocks);
  });
});
