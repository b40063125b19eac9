import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type Audience, audienceScope, eventInVisibleCaseScope } from '../auth/index.js';
import { dialectOf } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { readOffThread } from '../db/sqlite-reader.js';
import type { ArticleInput } from './extraction-input.js';
import { recordMemo } from './generation-cache.js';

/**
 * The event types statistics count (DESIGN §1: "how many people were detained in Ufa in March?"). Custody is one:
 * a court's «арест» as a measure of restraint is custody (GLOSSARY), and left out, a court arrest extracted from a
 * report counted nowhere while the same arrest imported from a spreadsheet counted as an arrest.
 */
export const STAT_TYPES = ['detention', 'arrest', 'search', 'custody', 'sentence'] as const;

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
  const postgres = dialectOf(db) === 'postgres';
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
      // Only reviewed persons are counted: a proposal, or one a reviewer rejected, is not a fact of the record.
      .leftJoin('persons', (join) => {
        const on = join
          .onRef('persons.id', '=', 's.entity_id')
          .on('persons.deleted_at', 'is', null)
          .on('persons.review_status', '=', 'accepted');
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
  const month = sql<string>`CASE WHEN events.date IS NOT NULL AND (events.date_precision IS NULL OR events.date_precision <> 'year') AND length(events.date) >= 7 THEN substr(events.date, 1, 7) ELSE 'unknown' END`;
  const region = sql<string>`COALESCE(places.region, 'unknown')`;
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
  // One pass over the events, kept (MATERIALIZED) and grouped six ways in one statement: the join of events,
  // subjects and the policy is most of the cost, and six statements had paid for it six times (a minute at a
  // million events on SQLite). Each row: an event and one visible subject (or none), with what it is grouped by.
  // What is counted distinct, per group, six ways: on SQLite the integer rowids of events and persons, which its
  // temporary b-trees compare and store for less than 26-character ids (570,000 rows grouped by month: 0.95 s with
  // ids, 0.36 s with rowids; the whole statement at a million events 13.5 → 10.8 s). PostgreSQL tables have no
  // rowid; there the ids are counted.
  const eventKey = sql<string | number>`${postgres ? sql`events.id` : sql`events.rowid`}`;
  const personKey = sql<string | number | null>`${postgres ? sql`persons.id` : sql`persons.rowid`}`;
  // Kept narrow, as it is written to a temporary table row by row: what only sentences need is NULL on other events,
  // and a case's name is looked up once per case after grouping, not once per event.
  const forSentences = <T>(value: RawBuilder<T>) => sql<T | null>`CASE WHEN events.type = 'sentence' THEN ${value} END`;
  const rows = counted()
    .leftJoin('places', 'places.id', 'events.place_id')
    .select([
      eventKey.as('event_key'),
      personKey.as('person_key'),
      'events.type as type',
      month.as('month'),
      region.as('region'),
      'events.case_id as case_id',
      forSentences(sql<string>`events.id`).as('event_id'),
      forSentences(sql<number | null>`events.sentence_years`).as('years'),
      forSentences(sql<string>`COALESCE(events.date, '')`).as('date_key'),
      forSentences(sql<string>`events.created_at`).as('created_at'),
    ]);
  const counts = sql`COUNT(DISTINCT c.event_key) AS events, COUNT(DISTINCT c.person_key) AS persons`;
  // The first branch names the columns' types for PostgreSQL, where an untyped NULL or literal would not do.
  const text = (value: string | null) => sql`CAST(${value === null ? sql`NULL` : sql.lit(value)} AS TEXT)`;
  const groupedQuery = sql<{
    dim: 'total' | 'month' | 'region' | 'case' | 'article' | 'sentences';
    key: string | null;
    case_name: string | null;
    type: string | null;
    events: number | string | null;
    persons: number | string;
  }>`WITH c AS MATERIALIZED ${rows}
    SELECT ${text('total')} AS dim, ${text(null)} AS key, ${text(null)} AS case_name, c.type AS type, ${counts} FROM c GROUP BY c.type
    UNION ALL SELECT ${text('month')}, c.month, NULL, c.type, ${counts} FROM c GROUP BY c.month, c.type
    UNION ALL SELECT ${text('region')}, c.region, NULL, c.type, ${counts} FROM c GROUP BY c.region, c.type
    UNION ALL SELECT ${text('case')}, g.case_id, (SELECT cases.name FROM cases WHERE cases.id = g.case_id), g.type, g.events, g.persons FROM (
      SELECT c.case_id, c.type, ${counts} FROM c WHERE c.case_id IS NOT NULL GROUP BY c.case_id, c.type
    ) AS g
    UNION ALL SELECT ${text('article')}, ca.label, NULL, c.type, ${counts} FROM c INNER JOIN ${caseArticles} AS ca ON ca.case_id = c.case_id GROUP BY ca.label, c.type
    -- Each person's latest sentence in each case: by date, then the later recorded, then the greater id.
    UNION ALL SELECT ${text('sentences')}, NULL, NULL, NULL, SUM(s.years), COUNT(DISTINCT s.person_key) FROM (
      SELECT c.person_key, c.years, ROW_NUMBER() OVER (PARTITION BY c.person_key, COALESCE(c.case_id, '') ORDER BY c.date_key DESC, c.created_at DESC, c.event_id DESC) AS latest
      FROM c WHERE c.type = 'sentence' AND c.years IS NOT NULL AND c.person_key IS NOT NULL
    ) AS s WHERE s.latest = 1`.compile(db);
  // Seconds at a million events: on SQLite counted in the reader thread, so the server answers others meanwhile.
  const grouped = await readOffThread(db, groupedQuery);
  const of = (dim: (typeof grouped)[number]['dim']) =>
    grouped.filter((r) => r.dim === dim).map((r) => ({ ...r, type: r.type ?? '', events: r.events ?? 0 }));
  const totalRows = of('total');
  const monthRows = of('month');
  const regionRows = of('region');
  const caseRows = of('case');
  const articleRows = of('article');
  const sentenceRows = of('sentences').map((r) => ({ persons: r.persons, years: r.events }));
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

/** Statistics as the API sends them: `byCase` may hold only the cases with the most events (see `topCases`). */
export interface StatsPage extends RecordStats {
  /** How many cases the figures count, whether or not `byCase` holds them all. */
  caseCount: number;
  /** Per type, the events of the cases `byCase` leaves out (empty when it holds them all). Persons do not add up. */
  byCaseOther: Array<{ type: string; events: number }>;
}

/** How many cases `topCases` keeps by default: a chart shows ten, a table a hundred reads. */
export const TOP_CASES = 100;

/**
 * `stats` with `byCase` cut to the `limit` cases with the most events (all types; ties by case id), and the events of
 * the rest per type. At 33,000 cases every case's figures are 13 MB of JSON and 130,000 table rows, which no page
 * should load to draw ten bars. `topCases(stats, 100)`; `topCases(stats, Infinity)` keeps every case.
 */
export function topCases(stats: RecordStats, limit: number = TOP_CASES): StatsPage {
  const eventsByCase = new Map<string, number>();
  for (const b of stats.byCase) eventsByCase.set(b.key, (eventsByCase.get(b.key) ?? 0) + b.events);
  const caseCount = eventsByCase.size;
  if (caseCount <= limit) return { ...stats, caseCount, byCaseOther: [] };
  const kept = new Set(
    [...eventsByCase.entries()]
      .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .slice(0, limit)
      .map(([key]) => key),
  );
  const other = new Map<string, number>();
  for (const b of stats.byCase) if (!kept.has(b.key)) other.set(b.type, (other.get(b.type) ?? 0) + b.events);
  return {
    ...stats,
    byCase: stats.byCase.filter((b) => kept.has(b.key)),
    caseCount,
    byCaseOther: [...other.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, events]) => ({ type, events })),
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
