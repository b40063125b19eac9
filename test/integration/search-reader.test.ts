import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import { searchReaderOf } from '../../src/db/search-reader.js';
import { indexSources, searchSources } from '../../src/search/index.js';
import { preferIndex } from '../../src/search/postgres.js';
import { insertPlainSources } from '../helpers/sources.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

/**
 * A PostgreSQL workspace's search connections (src/db/search-reader.ts): searches plan with the GIN index and no
 * parallel workers without a transaction to say so, and the workspace's other connections keep PostgreSQL's defaults.
 * On a table this small PostgreSQL would scan every row, so the plan shows which settings a statement ran under.
 */
const countPlan = sql<{
  'QUERY PLAN': string;
}>`EXPLAIN SELECT count(*) FROM source_search WHERE vector @@ '''задержа'''::tsquery AND deleted_at IS NULL`;
const planOf = async (db: Kysely<Database>) =>
  (await countPlan.execute(db)).rows.map((row) => row['QUERY PLAN']).join('\n');

describe.runIf((await testDialects()).includes('postgres'))('search connections on PostgreSQL', () => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace('postgres');
    const reports = Array.from({ length: 40 }, (_, i) => ({
      id: `src-${String(i).padStart(3, '0')}`,
      text: i % 2 ? `В Уфе задержан активист ${i}.` : `Суд вынес приговор по делу ${i}.`,
      language: 'ru',
    }));
    await t.workspace.db.transaction().execute(async (trx) => {
      await insertPlainSources(trx, reports);
      await indexSources(
        trx,
        'postgres',
        reports.map((r) => ({ sourceId: r.id, title: null, text: r.text, language: r.language })),
      );
    });
    await sql`ANALYZE source_search`.execute(t.workspace.db);
  });
  afterAll(() => t?.dispose());

  it('plans a search with the index and no parallel workers, and leaves the other connections as they were', async () => {
    const { db } = t.workspace;
    expect(searchReaderOf(db)).toBeDefined();
    const searchPlan = await preferIndex(db, planOf);
    expect(searchPlan).toContain('Bitmap Index Scan on source_search_live');
    expect(searchPlan).not.toContain('Seq Scan');
    const workers = await preferIndex(db, (reader) =>
      sql<{ value: string }>`SELECT current_setting('max_parallel_workers_per_gather') AS value`.execute(reader),
    );
    expect(workers.rows).toEqual([{ value: '0' }]);
    expect(await planOf(db)).toContain('Seq Scan on source_search');
  });

  it('finds and counts through them what a reading of every row finds', async () => {
    const result = await searchSources(t.workspace.db, 'postgres', 'задержали', { limit: 5 });
    expect(result.total).toBe(20);
    expect(result.results).toHaveLength(5);
    expect(result.results.every((hit) => hit.snippet.includes('задержан'))).toBe(true);
  });

  it('sets them for one transaction on a Kysely opened without search connections', async () => {
    const pool = new pg.Pool({ connectionString: t.url!, max: 1 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      expect(searchReaderOf(db)).toBeUndefined();
      expect(await preferIndex(db, planOf)).not.toContain('Seq Scan');
      // The pool's one connection, after the transaction: PostgreSQL's defaults again.
      expect(await planOf(db)).toContain('Seq Scan on source_search');
    } finally {
      await db.destroy();
    }
  });

  it('searches again after the server cut its idle connections, and says so', async () => {
    const { db } = t.workspace;
    await searchSources(db, 'postgres', 'приговор');
    const said: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => said.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      const name = new URL(t.url!).pathname.slice(1);
      const admin = new pg.Client({ connectionString: t.url!.replace(/\/[^/]*$/, '/postgres') });
      await admin.connect();
      const cut = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'`,
        [name],
      );
      await admin.end();
      // Every idle connection of both pools says so as its error arrives; a search before the last one has would be
      // handed that dead connection.
      const lost = () => said.filter((line) => line.includes('database connection lost')).length;
      await vi.waitFor(() => expect(lost()).toBe(cut.rowCount));
    } finally {
      process.stderr.write = write;
    }
    expect((await searchSources(db, 'postgres', 'приговор')).total).toBe(20);
  });

  it('plans inside a caller transaction as that transaction has it', async () => {
    const plan = await t.workspace.db.transaction().execute((trx) => preferIndex(trx, planOf));
    expect(plan).toContain('Seq Scan on source_search');
  });
});
