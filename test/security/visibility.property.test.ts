import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, sourceScope, visibleScope } from '../../src/auth/index.js';
import type { Confidentiality } from '../../src/db/schema.js';
import { searchSources } from '../../src/search/index.js';
import { newId } from '../../src/shared/ids.js';
import { getSource, listSources } from '../../src/sources/index.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';
import {
  describeExportsProperty,
  EXPORT_RUNS,
  GROUPS,
  insertUser,
  oracle,
  type Row,
  word,
} from './exports-property.js';
import { insertSource } from './harness.js';

const dialects = await testDialects();
// fast-check runs per dialect. 10,000 datasets would take the better part of an hour on this shared machine;
// 200 (SQLite) and 60 (PostgreSQL) random datasets still vary roles, memberships and confidentiality widely.
const RUNS = { sqlite: 200, postgres: 60 } as const;

const dataset = fc.record({
  users: fc.array(
    fc.record({
      role: fc.constantFrom(...ROLES),
      groups: fc.uniqueArray(fc.integer({ min: 0, max: GROUPS - 1 }), { maxLength: GROUPS }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  records: fc.array(
    fc.record({
      confidentiality: fc.constantFrom<Confidentiality | 'unknown'>(
        'public',
        'internal',
        'restricted',
        'restricted',
        'unknown',
      ),
      groups: fc.uniqueArray(fc.integer({ min: 0, max: GROUPS - 1 }), { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

describe.each(dialects)('nothing restricted reaches a user without access, on %s (property)', (dialect) => {
  let t: TestWorkspace;
  const groupIds: string[] = [];
  const sources: Row[] = [];
  const persons: Row[] = [];

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    // Thousands of small commits: skip the per-commit fsync of synchronous=FULL in this throwaway workspace.
    if (dialect === 'sqlite') await sql`PRAGMA synchronous = OFF`.execute(t.workspace.db);
    for (let g = 0; g < GROUPS; g++) {
      const id = newId();
      groupIds.push(id);
      await t.workspace.db
        .insertInto('groups')
        .values({ id, name: `group-${g}` })
        .execute();
    }
  });
  afterAll(async () => t?.dispose());

  it('in lists, counts, search results, single reads and person counts', { timeout: 300_000 }, async () => {
    const { db } = t.workspace;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(dataset, async ({ users, records }) => {
        const marker = word(run++);
        for (const r of records) {
          const conf = r.confidentiality as Confidentiality;
          const id = await insertSource(t, {
            text: `Report ${marker} about a detention`,
            title: marker,
            confidentiality: conf,
            groups: r.groups.map((g) => groupIds[g]!),
          });
          sources.push({ id, confidentiality: r.confidentiality, groups: r.groups });
          const personId = newId();
          const now = new Date().toISOString();
          await db
            .insertInto('persons')
            .values({
              id: personId,
              display_name: `Person ${marker}`,
              confidentiality: conf,
              created_at: now,
              updated_at: now,
            } as never)
            .execute();
          for (const g of r.groups)
            await db
              .insertInto('record_groups')
              .values({ record_table: 'persons', record_id: personId, group_id: groupIds[g]! })
              .execute();
          persons.push({ id: personId, confidentiality: r.confidentiality, groups: r.groups });
        }
        for (const u of users) {
          const user = await insertUser(
            db,
            `u-${newId().toLowerCase()}`,
            u.role,
            u.groups.map((g) => groupIds[g]!),
          );
          const scope = sourceScope(user);
          const visible = new Set(sources.filter((s) => oracle(u, s)).map((s) => s.id));

          const list = await listSources(db, { scope, limit: 500 });
          expect(list.total).toBe(visible.size);
          for (const item of list.items) expect(visible.has(item.id)).toBe(true);

          const found = await searchSources(db, dialect, marker, { scope, limit: 100 });
          const expected = sources.slice(-records.length).filter((s) => visible.has(s.id));
          expect(found.total).toBe(expected.length);
          expect(found.results.map((r) => r.sourceId).sort()).toEqual(expected.map((s) => s.id).sort());

          for (const s of sources.slice(-records.length)) {
            const got = await getSource(db, s.id, scope).then(
              () => true,
              (e: { code: string }) => (e.code === 'NOT_FOUND' ? false : Promise.reject(e)),
            );
            expect(got).toBe(visible.has(s.id));
          }

          const personCount = await db
            .selectFrom('persons')
            .where(visibleScope(user, 'persons'))
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          expect(Number(personCount.n)).toBe(persons.filter((p) => oracle(u, p)).length);
        }
      }),
      { numRuns: RUNS[dialect], seed: 20261125 },
    );
  });
});

describeExportsProperty('sqlite', { runs: EXPORT_RUNS.sqlite, seed: 20261202, enabled: true });
