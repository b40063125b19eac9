import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptAllProposals,
  computeStats,
  corroboration,
  findConflicts,
  stageExtraction,
  supportingSources,
} from '../../src/record/index.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';
import { ingestText, span, UFA_TEXT, ufaExtraction } from './record-fixtures.js';

const dialects = await testDialects();

describe.each(dialects)('corroboration, conflicts and statistics on %s', (dialect) => {
  let t: TestWorkspace;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    const { db } = t.workspace;
    ids.a = await ingestText(t.workspace, 'a.txt', UFA_TEXT);
    // The same report re-posted with different punctuation: a near-duplicate, not a second witness.
    ids.b = await ingestText(t.workspace, 'b.txt', `${UFA_TEXT} !!`);
    const c =
      'Суд приговорил Ивана Петрова к 6,5 годам колонии по делу «Башкирского кружка». В Уфе 12 марта 2024 года его задержали.';
    ids.c = await ingestText(t.workspace, 'c.txt', c);
    for (const id of [ids.a, ids.b]) {
      await db
        .transaction()
        .execute((trx) =>
          stageExtraction(trx, { sourceId: id!, extraction: ufaExtraction(), extractorVersion: '1', userId: null }),
        );
      await db.transaction().execute((trx) => acceptAllProposals(trx, null));
    }
    const extractionC = {
      language: 'ru',
      persons: [{ name: 'Иван Петров', mentions: [span(c, 'Ивана Петрова')] }],
      organizations: [],
      places: [{ name: 'Уфа', mentions: [span(c, 'Уфе')], geonameId: 479561 }],
      dates: [],
      cases: [{ name: 'дело «Башкирского кружка»', mentions: [span(c, '«Башкирского кружка»')] }],
      events: [
        {
          type: 'sentence' as const,
          date: '2024-03',
          subjects: ['Иван Петров'],
          case: 'дело «Башкирского кружка»',
          sentenceYears: 6.5,
          evidence: span(c, c.split('.')[0]!),
        },
        {
          type: 'detention' as const,
          date: '2024-03-12',
          places: ['Уфа'],
          subjects: ['Иван Петров'],
          evidence: span(c, 'В Уфе 12 марта 2024 года его задержали.'),
        },
      ],
    };
    await db
      .transaction()
      .execute((trx) =>
        stageExtraction(trx, { sourceId: ids.c!, extraction: extractionC, extractorVersion: '1', userId: null }),
      );
    await db.transaction().execute((trx) => acceptAllProposals(trx, null));
    await db.updateTable('places').set({ region: 'Башкортостан' }).execute();
  });
  afterAll(async () => t.dispose());

  it('folds the reports of one detention into one fact, counting a re-post once', async () => {
    const source = await t.workspace.db
      .selectFrom('sources')
      .select('near_duplicate_of')
      .where('id', '=', ids.b!)
      .executeTakeFirstOrThrow();
    expect(source.near_duplicate_of).toBe(ids.a);
    const facts = await corroboration(t.workspace.db);
    const detention = facts.filter((f) => f.type === 'detention');
    expect(detention).toHaveLength(1);
    expect(detention[0]!.eventIds).toHaveLength(3);
    expect(detention[0]!.sources.map((s) => s.sourceId).sort()).toEqual([ids.a, ids.b, ids.c].sort());
    expect(detention[0]!.independent).toBe(2);
    const person = await t.workspace.db
      .selectFrom('persons')
      .select('id')
      .where('display_name', '=', 'Иван Петров')
      .executeTakeFirstOrThrow();
    const support = await supportingSources(t.workspace.db, 'persons', person.id);
    expect(support.independent).toBe(2);
  });

  it('reports 6 against 6.5 years for one sentence as a conflict, with the sources of each side', async () => {
    const conflicts = await findConflicts(t.workspace.db);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ type: 'sentence', fields: ['sentenceYears'] });
    const sides = conflicts[0]!.facts.map((f) => [f.sentenceYears, f.independent]).sort();
    expect(sides).toEqual([
      [6, 1],
      [6.5, 1],
    ]);
  });

  it('counts detentions and sentences by month, region, case and article with unique persons', async () => {
    const stats = await computeStats(t.workspace.db);
    expect(stats.totals.detention).toEqual({ events: 3, persons: 1 });
    expect(stats.totals.sentence).toEqual({ events: 3, persons: 1 });
    expect(stats.byMonth).toContainEqual({ key: '2024-03', type: 'detention', events: 3, persons: 1 });
    expect(stats.byRegion).toContainEqual({ key: 'Башкортостан', type: 'detention', events: 3, persons: 1 });
    expect(stats.byCase.find((b) => b.type === 'sentence')).toMatchObject({
      caseName: 'дело «Башкирского кружка»',
      persons: 1,
    });
    // One person, one case: the latest account of the sentence counts, not the sum of three reports.
    expect(stats.sentences.persons).toBe(1);
    expect([6, 6.5]).toContain(stats.sentences.totalYears);
    expect((await computeStats(t.workspace.db, { from: '2025-01' })).totals.detention).toEqual({
      events: 0,
      persons: 0,
    });
  });
});
