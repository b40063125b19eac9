import type { Kysely } from 'kysely';
import { type Audience, audienceScope, eventInVisibleCaseScope } from '../auth/index.js';
import type { Database } from '../db/schema.js';
import type { ArticleInput } from './extraction-input.js';

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
