import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personScope } from '../../src/auth/policy.js';
import { personRow } from '../../src/record/index.js';
import { newId } from '../../src/shared/ids.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();
const PERSONS = 5_000;

/**
 * Migration 0009: a page of the person list is read in name order from the `persons_listed` index instead of
 * sorting every person (the API latency benchmark, bench/api.ts, found the sort dominating at 100,000 people).
 */
describe.each(dialects)('person list index on %s', (dialect) => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    const now = new Date().toISOString();
    const rows = Array.from({ length: PERSONS }, (_, i) =>
      personRow(newId(), `Вымышленный ${String((i * 7919) % PERSONS).padStart(5, '0')}`, now),
    );
    for (let i = 0; i < rows.length; i += 1000)
      await t.workspace.db
        .insertInto('persons')
        .values(rows.slice(i, i + 1000))
        .execute();
    await sql`ANALYZE`.execute(t.workspace.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('reads a page of people in name order from the index, without sorting them all', async () => {
    const page = t.workspace.db
      .selectFrom('persons')
      .where('review_status', '=', 'accepted')
      .where('merged_into', 'is', null)
      .where('deleted_at', 'is', null)
      .where(personScope({ id: 'viewer', role: 'viewer' } as never))
      .select(['id', 'display_name'])
      .orderBy('display_name')
      .orderBy('id')
      .limit(50)
      .offset(100);
    const compiled = page.compile();
    const plan = await t.workspace.db.executeQuery({
      ...compiled,
      sql: `${dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${compiled.sql}`,
    });
    const text = plan.rows.map((r) => Object.values(r as Record<string, unknown>).join(' ')).join('\n');
    // persons_listed (0009) or persons_display_name (0008, name and id): either gives the page in order; PostgreSQL's
    // planner picks the narrower one.
    expect(text).toMatch(/persons_listed|persons_display_name/);
    expect(text).not.toMatch(/TEMP B-TREE FOR ORDER BY|Sort Key/);
    const names = (await page.execute()).map((r) => r.display_name);
    expect(names[0]).toBe('Вымышленный 00100');
    expect(names).toHaveLength(50);
  });
});
