import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Audience, audienceScope, eventInVisibleCaseScope } from '../../src/auth/index.js';
import type { Database } from '../../src/db/schema.js';
import type { ArticleInput } from '../../src/record/extraction-input.js';
import { articleLabel, computeStats, personRow, placeRow, STAT_TYPES } from '../../src/record/index.js';
import type { Bucket, RecordStats } from '../../src/record/stats.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

/*
 * computeStats counts in SQL (GROUP BY with COUNT DISTINCT, articles unnested from cases.articles, the latest
 * sentence by a window function). The implementation it replaced counted in JavaScript over every event and its
 * subjects; it is kept here, verbatim, as the reference: over random small records the two must agree exactly —
 * date precision, from/to, the audience, deleted persons and events, events without place or case, articles as
 * strings and as {code, article, part}, one person in two cases under the same article.
 */

const dialects = await testDialects();
const RUNS = { sqlite: 40, postgres: 25 } as const;

const CONFIDENTIALITY = ['public', 'internal', 'restricted'] as const;
const ARTICLES: Array<ArticleInput | string> = [
  'УК РФ 212.2',
  { code: 'УК РФ', article: '212.2', part: null },
  { code: 'УК РФ', article: '280.3', part: 1 },
  { code: 'УК РФ', article: '280.3', part: 2 },
  { code: null, article: '207.3', part: 2 },
  { code: '', article: '318', part: null },
  'КоАП 20.3.3',
];
const DATES: Array<[date: string | null, precision: string | null]> = [
  [null, null],
  ['2023', 'year'],
  ['2024', 'year'],
  ['2024-03', 'month'],
  ['2024-03', null],
  ['2023-11-05', 'day'],
  ['2024-03-15', 'day'],
  ['2024-03-15', 'year'],
  ['2024-07-01', null],
];
const BOUNDS = [undefined, '2023', '2023-12', '2024-03', '2024-03-15', '2024-06'] as const;

const dataset = fc.record({
  persons: fc.array(
    fc.record({
      confidentiality: fc.constantFrom(...CONFIDENTIALITY),
      consent: fc.constantFrom(0, 1),
      deleted: fc.boolean(),
    }),
    { minLength: 1, maxLength: 7 },
  ),
  places: fc.array(fc.constantFrom('Башкортостан', 'Татарстан', 'unknown', null), { maxLength: 3 }),
  cases: fc.array(
    fc.record({
      confidentiality: fc.constantFrom(...CONFIDENTIALITY),
      articles: fc.subarray(ARTICLES, { maxLength: 3 }),
    }),
    { maxLength: 4 },
  ),
  events: fc.array(
    fc.record({
      type: fc.constantFrom(...STAT_TYPES, 'hearing'),
      accepted: fc.boolean(),
      deleted: fc.boolean(),
      confidentiality: fc.constantFrom(...CONFIDENTIALITY),
      date: fc.constantFrom(...DATES),
      place: fc.option(fc.nat(3)),
      case: fc.option(fc.nat(4)),
      years: fc.option(fc.integer({ min: 0, max: 20 }).map((n) => n / 2)),
      subjects: fc.uniqueArray(fc.nat(6), { maxLength: 3 }),
      victims: fc.uniqueArray(fc.nat(6), { maxLength: 1 }),
    }),
    { maxLength: 14 },
  ),
  from: fc.constantFrom(...BOUNDS),
  to: fc.constantFrom(...BOUNDS),
  user: fc.constantFrom<Array<Audience | undefined>>(
    undefined,
    null,
    { public: true },
    { id: 'viewer-1', role: 'viewer' },
    { id: 'admin-1', role: 'admin' },
  ),
});
type Dataset = typeof dataset extends fc.Arbitrary<infer T> ? T : never;

async function load(db: Kysely<Database>, d: Dataset): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ['event_participants', 'events', 'persons', 'cases', 'places'] as const)
      await trx.deleteFrom(table).execute();
    const at = (n: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString();
    const personIds = d.persons.map((_, i) => `p${i}`);
    if (d.persons.length)
      await trx
        .insertInto('persons')
        .values(
          d.persons.map((p, i) =>
            personRow(personIds[i]!, `Персона ${i}`, at(0), {
              confidentiality: p.confidentiality,
              consent_to_publish: p.consent,
              deleted_at: p.deleted ? at(1) : null,
            }),
          ),
        )
        .execute();
    if (d.places.length)
      await trx
        .insertInto('places')
        .values(d.places.map((region, i) => placeRow(`pl${i}`, `Место ${i}`, at(0), { region })))
        .execute();
    if (d.cases.length)
      await trx
        .insertInto('cases')
        .values(
          d.cases.map((c, i) => ({
            id: `c${i}`,
            name: `дело ${i}`,
            jurisdiction: null,
            articles: JSON.stringify(c.articles),
            opened_on: null,
            status: null,
            court: null,
            notes: null,
            confidentiality: c.confidentiality,
            review_status: 'accepted' as const,
            version: 1,
            created_at: at(0),
            updated_at: at(0),
            deleted_at: null,
          })),
        )
        .execute();
    const participants: Array<Database['event_participants'] extends infer R ? R : never> = [];
    for (const [i, e] of d.events.entries()) {
      await trx
        .insertInto('events')
        .values({
          id: `e${i}`,
          type: e.type,
          date: e.date[0],
          date_precision: e.date[1],
          date_end: null,
          place_id: e.place !== null && e.place < d.places.length ? `pl${e.place}` : null,
          case_id: e.case !== null && e.case < d.cases.length ? `c${e.case}` : null,
          sentence_years: e.years,
          fine_amount: null,
          description: null,
          status: e.accepted ? ('accepted' as const) : ('proposed' as const),
          confidence: null,
          confidentiality: e.confidentiality,
          source_id: null,
          version: 1,
          // Distinct, so "the latest sentence" has one answer when two share a date.
          created_at: at(10 + i),
          updated_at: at(10 + i),
          deleted_at: e.deleted ? at(2) : null,
        })
        .execute();
      for (const s of e.subjects)
        if (s < personIds.length)
          participants.push({ event_id: `e${i}`, entity_type: 'persons', entity_id: personIds[s]!, role: 'subject' });
      for (const v of e.victims)
        if (v < personIds.length)
          participants.push({ event_id: `e${i}`, entity_type: 'persons', entity_id: personIds[v]!, role: 'victim' });
    }
    if (participants.length)
      await trx
        .insertInto('event_participants')
        .values(participants as never)
        .execute();
  });
}

describe.each(dialects)('statistics in SQL agree with the in-memory reference on %s', (dialect) => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
  });
  afterAll(async () => t.dispose());

  it('gives the same figures over random records, filters and audiences', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (d) => {
        await load(t.workspace.db, d);
        const options = { from: d.from, to: d.to, ...(d.user !== undefined ? { user: d.user } : {}) };
        const expected = await referenceStats(t.workspace.db, options);
        const actual = await computeStats(t.workspace.db, options);
        expect(actual).toEqual(expected);
      }),
      { numRuns: RUNS[dialect] },
    );
  }, 300_000);

  it('counts one person in two cases under the same article once', async () => {
    await load(t.workspace.db, {
      persons: [{ confidentiality: 'public', consent: 1, deleted: false }],
      places: [],
      cases: [
        { confidentiality: 'public', articles: ['УК РФ 212.2'] },
        { confidentiality: 'public', articles: [{ code: 'УК РФ', article: '212.2', part: null }] },
      ],
      events: [0, 1].map((c) => ({
        type: 'arrest',
        accepted: true,
        deleted: false,
        confidentiality: 'public' as const,
        date: ['2024-03-15', 'day'] as [string, string],
        place: null,
        case: c,
        years: null,
        subjects: [0],
        victims: [],
      })),
      from: undefined,
      to: undefined,
      user: undefined,
    });
    const stats = await computeStats(t.workspace.db);
    expect(stats.byArticle).toEqual([{ key: 'УК РФ 212.2', type: 'arrest', events: 2, persons: 1 }]);
    expect(stats.byCase.map((b) => b.persons)).toEqual([1, 1]);
  });

  it('takes one latest sentence when two share their date and the moment they were recorded: the greater id', async () => {
    for (const [first, second] of [
      [3, 5],
      [5, 3],
    ] as const) {
      await load(t.workspace.db, {
        persons: [{ confidentiality: 'public', consent: 1, deleted: false }],
        places: [],
        cases: [{ confidentiality: 'public', articles: [] }],
        events: [first, second].map((years) => ({
          type: 'sentence',
          accepted: true,
          deleted: false,
          confidentiality: 'public' as const,
          date: ['2024-03-15', 'day'] as [string, string],
          place: null,
          case: 0,
          years,
          subjects: [0],
          victims: [],
        })),
        from: undefined,
        to: undefined,
        user: undefined,
      });
      await t.workspace.db.updateTable('events').set({ created_at: '2025-01-01T00:00:00.000Z' }).execute();
      expect((await computeStats(t.workspace.db)).sentences).toEqual({ persons: 1, totalYears: second });
    }
  });
});

/** The in-memory implementation computeStats replaced (before the counting moved into SQL), unchanged. */
async function referenceStats(
  db: Kysely<Database>,
  options: { from?: string; to?: string; user?: Audience } = {},
): Promise<RecordStats> {
  const everything = options.user === undefined;
  const audience = options.user ?? null;
  let query = db
    .selectFrom('events')
    .leftJoin('places', 'places.id', 'events.place_id')
    .leftJoin('cases', 'cases.id', 'events.case_id')
    .select([
      'events.id',
      'events.type',
      'events.date',
      'events.date_precision',
      'events.sentence_years',
      'events.case_id',
      'events.created_at',
      'places.region',
      'cases.name as case_name',
      'cases.articles',
    ])
    .where('events.status', '=', 'accepted')
    .where('events.deleted_at', 'is', null)
    .where('events.type', 'in', [...STAT_TYPES]);
  if (!everything) query = query.where((eb) => eventInVisibleCaseScope(audience)(eb as never));
  if (options.from) query = query.where('events.date', '>=', options.from);
  if (options.to) query = query.where('events.date', '<=', `${options.to}\uffff`);
  const events = await query.execute();
  // The subjects of the same events, by a join with the same filters: a list of event ids as parameters breaks
  // beyond 32,766 (SQLite) or 65,535 (PostgreSQL) events, which a few years of a group's record exceed.
  let subjectsQuery = db
    .selectFrom('event_participants')
    .innerJoin('persons', 'persons.id', 'event_participants.entity_id')
    .innerJoin('events', 'events.id', 'event_participants.event_id')
    .select(['event_participants.event_id', 'event_participants.entity_id'])
    .where('event_participants.entity_type', '=', 'persons')
    .where('event_participants.role', '=', 'subject')
    .where('persons.deleted_at', 'is', null)
    .where('persons.review_status', '=', 'accepted')
    .where('events.status', '=', 'accepted')
    .where('events.deleted_at', 'is', null)
    .where('events.type', 'in', [...STAT_TYPES]);
  if (!everything)
    subjectsQuery = subjectsQuery
      .where((eb) => eventInVisibleCaseScope(audience)(eb as never))
      .where((eb) => audienceScope(audience, 'persons')(eb as never));
  if (options.from) subjectsQuery = subjectsQuery.where('events.date', '>=', options.from);
  if (options.to) subjectsQuery = subjectsQuery.where('events.date', '<=', `${options.to}\uffff`);
  const subjects = events.length ? await subjectsQuery.execute() : [];
  const personsOf = new Map<string, string[]>();
  for (const s of subjects) personsOf.set(s.event_id, [...(personsOf.get(s.event_id) ?? []), s.entity_id]);

  type Acc = { events: Set<string>; persons: Set<string>; caseName?: string | null };
  const tables = {
    month: new Map<string, Acc>(),
    region: new Map<string, Acc>(),
    case: new Map<string, Acc>(),
    article: new Map<string, Acc>(),
    total: new Map<string, Acc>(),
  };
  const add = (
    table: Map<string, Acc>,
    key: string,
    type: string,
    eventId: string,
    persons: string[],
    caseName?: string | null,
  ) => {
    const k = `${key}\u0000${type}`;
    const acc = table.get(k) ?? { events: new Set(), persons: new Set(), caseName };
    acc.events.add(eventId);
    for (const p of persons) acc.persons.add(p);
    table.set(k, acc);
  };
  const latestSentence = new Map<string, { date: string; created: string; years: number }>();
  for (const e of events) {
    const persons = personsOf.get(e.id) ?? [];
    add(tables.total, '', e.type, e.id, persons);
    add(
      tables.month,
      e.date && e.date_precision !== 'year' && e.date.length >= 7 ? e.date.slice(0, 7) : 'unknown',
      e.type,
      e.id,
      persons,
    );
    add(tables.region, e.region ?? 'unknown', e.type, e.id, persons);
    if (e.case_id) {
      add(tables.case, e.case_id, e.type, e.id, persons, e.case_name);
      for (const a of JSON.parse(e.articles ?? '[]') as Array<ArticleInput | string>)
        add(tables.article, articleLabel(a), e.type, e.id, persons);
    }
    if (e.type === 'sentence' && e.sentence_years != null) {
      for (const p of persons) {
        const key = `${p}/${e.case_id ?? ''}`;
        const prev = latestSentence.get(key);
        const date = e.date ?? '';
        if (!prev || date > prev.date || (date === prev.date && e.created_at > prev.created))
          latestSentence.set(key, { date, created: e.created_at, years: e.sentence_years });
      }
    }
  }
  const buckets = (table: Map<string, Acc>): Array<Bucket & { caseName?: string | null }> =>
    [...table.entries()]
      .map(([k, acc]) => {
        const [key, type] = k.split('\u0000') as [string, string];
        return {
          key,
          type,
          events: acc.events.size,
          persons: acc.persons.size,
          ...(acc.caseName !== undefined ? { caseName: acc.caseName } : {}),
        };
      })
      .sort((a, b) => (a.key === b.key ? (a.type < b.type ? -1 : 1) : a.key < b.key ? -1 : 1));
  const totals: RecordStats['totals'] = {};
  for (const type of STAT_TYPES) totals[type] = { events: 0, persons: 0 };
  for (const b of buckets(tables.total)) totals[b.type] = { events: b.events, persons: b.persons };
  const sentenced = new Set([...latestSentence.keys()].map((k) => k.split('/')[0]));
  return {
    totals,
    byMonth: buckets(tables.month),
    byRegion: buckets(tables.region),
    byCase: buckets(tables.case).map((b) => ({ ...b, caseName: b.caseName ?? null })),
    byArticle: buckets(tables.article),
    sentences: {
      persons: sentenced.size,
      totalYears: [...latestSentence.values()].reduce((sum, s) => sum + s.years, 0),
    },
  };
}
