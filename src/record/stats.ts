import { type Kysely, sql } from 'kysely';
import { type Audience, audienceScope, eventInVisibleCaseScope } from '../auth/index.js';
import { dialectOf } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import type { ArticleInput } from './extraction-input.js';
import { recordMemo } from './generation-cache.js';

/** The event types statistics count (DESIGN §1: "how many people were detained in Ufa in March?"). */
export const STAT_TYPES = ['detention', 'arrest', 'search', 'sentence'] as const;

export interface Bucket {
  key: string;
  type: string;
  events: number;
  /** Distinct persons: one person reported by three sources counts once. */
  persons: number;
}

export interface RecordStats {
  totals: Record<string, { events: number; persons: number }>;
  byMonth: Bucket[];
  byRegion: Bucket[];
  byCase: Array<Bucket & { caseName: string | null }>;
  byArticle: Bucket[];
  /** Each person's latest sentence in each case, summed: the same verdict from two sources counts once. */
  sentences: { persons: number; totalYears: number };
}

/** «ч. 2 ст. 205.5 УК РФ» stored as {code, article, part} → 'УК РФ 205.5 ч. 2'. */
export function articleLabel(a: ArticleInput | string): string {
  if (typeof a === 'string') return a;
  return [a.code, a.article, a.part != null ? `ч. ${a.part}` : null].filter(Boolean).join(' ');
}

/**
 * Counts of accepted events by month, region (places.region), case and article, with unique persons and total
 * sentence years. `computeStats(db, { from: '2024-01', to: '2024-12', user })` → `{ totals: { detention: { events: 12,
 * persons: 9 } }, byMonth: [{ key: '2024-03', type: 'detention', events: 4, persons: 3 }], … }`.
 *
 * `user` is whom the figures are for, under the one policy inside the SQL: only events this user may see (and
 * not of a case hidden from them) are counted, and only persons they may see are counted among persons — a
 * hidden record never changes a figure they get. `{ public: true }` counts only what the public list may
 * publish. Without `user` the whole record is counted, as the workspace owner (an admin) sees it.
 */
export async function computeStats(
  db: Kysely<Database>,
  options: { from?: string; to?: string; user?: Audience } = {},
): Promise<RecordStats> {
  const everything = options.user === undefined;
  const audience = options.user ?? null;
  // The counted events: one row per event and visible subject, or one with persons.id null if it has none.
  const counted = () => {
    let query = db
      .selectFrom('events')
      // The subjects each event names, among the persons this audience may see, joined (not a list of event ids
      // as parameters: that breaks beyond 32,766 (SQLite) or 65,535 (PostgreSQL) events). The conditions are in
      // the ON clauses so an event without a (visible) subject still counts; the primary keys serve both joins.
      .leftJoin('event_participants as s', (join) =>
        join.onRef('s.event_id', '=', 'events.id').on('s.entity_type', '=', 'persons').on('s.role', '=', 'subject'),
      )
      .leftJoin('persons', (join) => {
        const on = join.onRef('persons.id', '=', 's.entity_id').on('persons.deleted_at', 'is', null);
        return everything ? on : on.on((eb) => audienceScope(audience, 'persons')(eb as never));
      })
      .where('events.status', '=', 'accepted')
      .where('events.deleted_at', 'is', null)
      .where('events.type', 'in', [...STAT_TYPES]);
    if (!everything) query = query.where((eb) => eventInVisibleCaseScope(audience)(eb as never));
    if (options.from) query = query.where('events.date', '>=', options.from);
    if (options.to) query = query.where('events.date', '<=', `${options.to}\uffff`);
    return query;
  };
  // The database counts: distinct events and distinct persons per (key, type). An event repeats once per subject
  // in the join, hence DISTINCT on the events too.
  const events = sql<number | string>`COUNT(DISTINCT events.id)`.as('events');
  const persons = sql<number | string>`COUNT(DISTINCT persons.id)`.as('persons');
  const month = sql<string>`CASE WHEN events.date IS NOT NULL AND (events.date_precision IS NULL OR events.date_precision <> 'year') AND length(events.date) >= 7 THEN substr(events.date, 1, 7) ELSE 'unknown' END`;
  const region = sql<string>`COALESCE(places.region, 'unknown')`;
  const postgres = dialectOf(db) === 'postgres';
  // Each case's article labels (articleLabel in SQL: a string as it is; {code, article, part} → 'code article ч.
  // part' without the empty parts), so one person in two cases under the same article counts once.
  const caseArticles = postgres
    ? sql<{
        case_id: string;
        label: string;
      }>`(SELECT DISTINCT cases.id AS case_id, CASE WHEN jsonb_typeof(je.value) = 'string' THEN je.value #>> '{}' ELSE substr(COALESCE(' ' || NULLIF(je.value ->> 'code', ''), '') || COALESCE(' ' || NULLIF(je.value ->> 'article', ''), '') || COALESCE(' ч. ' || (je.value ->> 'part'), ''), 2) END AS label FROM cases CROSS JOIN LATERAL jsonb_array_elements(cases.articles::jsonb) AS je(value))`
    : sql<{
        case_id: string;
        label: string;
      }>`(SELECT DISTINCT cases.id AS case_id, CASE WHEN je.type = 'text' THEN je.value ELSE substr(COALESCE(' ' || NULLIF(json_extract(je.value, '$.code'), ''), '') || COALESCE(' ' || NULLIF(json_extract(je.value, '$.article'), ''), '') || COALESCE(' ч. ' || json_extract(je.value, '$.part'), ''), 2) END AS label FROM cases, json_each(cases.articles) AS je)`;
  const [totalRows, monthRows, regionRows, caseRows, articleRows, sentenceRows] = await Promise.all([
    counted().select(['events.type as type', events, persons]).groupBy('events.type').execute(),
    counted()
      .select([month.as('key'), 'events.type as type', events, persons])
      .groupBy([month, 'events.type'])
      .execute(),
    counted()
      .leftJoin('places', 'places.id', 'events.place_id')
      .select([region.as('key'), 'events.type as type', events, persons])
      .groupBy([region, 'events.type'])
      .execute(),
    counted()
      .leftJoin('cases', 'cases.id', 'events.case_id')
      .where('events.case_id', 'is not', null)
      .select(['events.case_id as key', 'cases.name as case_name', 'events.type as type', events, persons])
      .groupBy(['events.case_id', 'cases.name', 'events.type'])
      .execute(),
    counted()
      .innerJoin(caseArticles.as('ca'), (join) => join.onRef('ca.case_id' as never, '=', 'events.case_id'))
      .select([sql<string>`ca.label`.as('key'), 'events.type as type', events, persons])
      .groupBy([sql`ca.label`, 'events.type'])
      .execute(),
    // Each person's latest sentence in each case (by date, then by when it was recorded), summed.
    db
      .selectFrom(
        counted()
          .where('events.type', '=', 'sentence')
          .where('events.sentence_years', 'is not', null)
          .where('persons.id', 'is not', null)
          .select([
            'persons.id as person',
            'events.sentence_years as years',
            sql<number>`ROW_NUMBER() OVER (PARTITION BY persons.id, COALESCE(events.case_id, '') ORDER BY COALESCE(events.date, '') DESC, events.created_at DESC)`.as(
              'latest',
            ),
          ])
          .as('sentences'),
      )
      .where('sentences.latest', '=', 1)
      .select([
        sql<number | string>`COUNT(DISTINCT sentences.person)`.as('persons'),
        sql<number | string | null>`SUM(sentences.years)`.as('years'),
      ])
      .execute(),
  ]);
  type Row = { key: string | null; type: string; events: number | string; persons: number | string };
  const buckets = (rows: Row[]): Bucket[] =>
    rows
      .map((r) => ({ key: r.key ?? '', type: r.type, events: Number(r.events), persons: Number(r.persons) }))
      .sort((a, b) => (a.key === b.key ? (a.type < b.type ? -1 : 1) : a.key < b.key ? -1 : 1));
  const totals: RecordStats['totals'] = {};
  for (const type of STAT_TYPES) totals[type] = { events: 0, persons: 0 };
  for (const r of totalRows) totals[r.type] = { events: Number(r.events), persons: Number(r.persons) };
  const caseNames = new Map(caseRows.map((r) => [r.key, r.case_name ?? null]));
  const sentences = sentenceRows[0];
  return {
    totals,
    byMonth: buckets(monthRows),
    byRegion: buckets(regionRows),
    byCase: buckets(caseRows).map((b) => ({ ...b, caseName: caseNames.get(b.key) ?? null })),
    byArticle: buckets(articleRows),
    sentences: { persons: Number(sentences?.persons ?? 0), totalYears: Number(sentences?.years ?? 0) },
  };
}

/**
 * `computeStats` for a user (or the public), reusing the figures counted for anyone who sees exactly the same
 * records over the same dates while the record has not changed since (`recordMemo`). Counting reads every event,
 * seconds at a million; a kept answer costs two small queries.
 */
export async function cachedStats(
  db: Kysely<Database>,
  options: { from?: string; to?: string; user: Audience },
): Promise<RecordStats> {
  const memo = await recordMemo(db, options.user);
  return memo('stats', [options.from ?? null, options.to ?? null], () => computeStats(db, options));
}
