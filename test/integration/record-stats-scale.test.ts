import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeStats, personRow } from '../../src/record/index.js';
import { newId } from '../../src/shared/ids.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();

/** More events than either database takes parameters in one statement (SQLite 32,766; PostgreSQL 65,535). */
const EVENTS = 66_000;
const PERSONS = 1_000;
const TYPES = ['detention', 'arrest', 'search', 'sentence'] as const;

describe.each(dialects)('statistics over a large record on %s', (dialect) => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    const now = new Date().toISOString();
    const personIds = Array.from({ length: PERSONS }, () => newId());
    await t.workspace.db.transaction().execute(async (trx) => {
      for (let i = 0; i < PERSONS; i += 1000) {
        await trx
          .insertInto('persons')
          .values(personIds.slice(i, i + 1000).map((id, j) => personRow(id, `Персона ${i + j}`, now)))
          .execute();
      }
      for (let i = 0; i < EVENTS; i += 1500) {
        const ids = Array.from({ length: Math.min(1500, EVENTS - i) }, () => newId());
        await trx
          .insertInto('events')
          .values(
            ids.map((id, j) => ({
              id,
              type: TYPES[(i + j) % TYPES.length]!,
              date: '2024-03-01',
              date_precision: 'day',
              date_end: null,
              place_id: null,
              case_id: null,
              sentence_years: null,
              fine_amount: null,
              description: null,
              status: 'accepted' as const,
              confidence: null,
              confidentiality: 'internal' as const,
              source_id: null,
              version: 1,
              created_at: now,
              updated_at: now,
              deleted_at: null,
            })),
          )
          .execute();
        await trx
          .insertInto('event_participants')
          .values(
            ids.map((id, j) => ({
              event_id: id,
              entity_type: 'persons',
              entity_id: personIds[(i + j) % PERSONS]!,
              role: 'subject',
            })),
          )
          .execute();
      }
    });
  }, 120_000);
  afterAll(async () => t.dispose());

  it('counts events and unique persons of every event, however many there are', async () => {
    const stats = await computeStats(t.workspace.db);
    for (const type of TYPES) expect(stats.totals[type]).toEqual({ events: EVENTS / TYPES.length, persons: 250 });
    expect(stats.byMonth).toContainEqual({ key: '2024-03', type: 'detention', events: EVENTS / 4, persons: 250 });
  });
});
