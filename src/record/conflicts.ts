import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface SupportingSource {
  sourceId: string;
  title: string | null;
  /** The source this one re-posts (same text), if any: re-posts are not independent corroboration. */
  nearDuplicateOf: string | null;
}

export interface SourceSupport {
  sources: SupportingSource[];
  /** Distinct reports once re-posts are folded into their original. */
  independent: number;
}

async function supportFor(db: Kysely<Database>, sourceIds: string[]): Promise<SourceSupport> {
  const unique = [...new Set(sourceIds)];
  if (unique.length === 0) return { sources: [], independent: 0 };
  const rows = await db
    .selectFrom('sources')
    .select(['id', 'title', 'near_duplicate_of'])
    .where('id', 'in', unique)
    .orderBy('id')
    .execute();
  const roots = new Set(rows.map((r) => r.near_duplicate_of ?? r.id));
  return {
    sources: rows.map((r) => ({ sourceId: r.id, title: r.title, nearDuplicateOf: r.near_duplicate_of })),
    independent: roots.size,
  };
}

/**
 * The sources that back one record and how many are independent.
 * `supportingSources(db, 'events', id)` → `{ sources: [{ sourceId: A }, { sourceId: B, nearDuplicateOf: A }], independent: 1 }`.
 */
export async function supportingSources(db: Kysely<Database>, table: string, id: string): Promise<SourceSupport> {
  const rows = await db
    .selectFrom('evidence')
    .select('source_id')
    .where('target_table', '=', table)
    .where('target_id', '=', id)
    .execute();
  return supportFor(
    db,
    rows.map((r) => r.source_id),
  );
}

/** One fact of the record: the accepted events (from any number of sources) that agree on what happened to a person. */
export interface Fact extends SourceSupport {
  personId: string;
  type: string;
  caseId: string | null;
  date: string | null;
  sentenceYears: number | null;
  eventIds: string[];
}

export interface Conflict {
  personId: string;
  type: string;
  /** What the facts disagree on. */
  fields: Array<'date' | 'sentenceYears'>;
  facts: Fact[];
}

interface EventRow {
  id: string;
  type: string;
  date: string | null;
  case_id: string | null;
  sentence_years: number | null;
  personId: string;
}

/** Two dates agree when one is the other at a coarser precision ('2024-03' and '2024-03-12') or one is unknown. */
export function datesAgree(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  return a.startsWith(b) || b.startsWith(a);
}

function agrees(
  fact: { date: string | null; sentenceYears: number | null; caseId: string | null },
  e: EventRow,
): boolean {
  const sameCase = !fact.caseId || !e.case_id || fact.caseId === e.case_id;
  const sameYears =
    fact.sentenceYears == null || e.sentence_years == null || Math.abs(fact.sentenceYears - e.sentence_years) < 1e-9;
  return sameCase && sameYears && datesAgree(fact.date, e.date);
}

/** The more precise of two agreeing values. */
function finer(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return b.length > a.length ? b : a;
}

async function personEvents(db: Kysely<Database>, personId?: string): Promise<EventRow[]> {
  let query = db
    .selectFrom('events')
    .innerJoin('event_participants', 'event_participants.event_id', 'events.id')
    .select([
      'events.id',
      'events.type',
      'events.date',
      'events.case_id',
      'events.sentence_years',
      'event_participants.entity_id as personId',
    ])
    .where('events.status', '=', 'accepted')
    .where('events.deleted_at', 'is', null)
    .where('event_participants.entity_type', '=', 'persons')
    .where('event_participants.role', '=', 'subject');
  if (personId) query = query.where('event_participants.entity_id', '=', personId);
  return query
    .orderBy('event_participants.entity_id')
    .orderBy('events.type')
    .orderBy('events.date')
    .orderBy('events.id')
    .execute();
}

/**
 * The accepted facts about persons, each with the events that report it and their sources: several sources
 * reporting one arrest are one fact with several sources (re-posts counted once), not several arrests.
 */
export async function corroboration(db: Kysely<Database>, options: { personId?: string } = {}): Promise<Fact[]> {
  const rows = await personEvents(db, options.personId);
  const facts: Array<Omit<Fact, 'sources' | 'independent'>> = [];
  for (const e of rows) {
    const fact = facts.find((f) => f.personId === e.personId && f.type === e.type && agrees(f, e));
    if (fact) {
      fact.eventIds.push(e.id);
      fact.date = finer(fact.date, e.date);
      fact.sentenceYears ??= e.sentence_years;
      fact.caseId ??= e.case_id;
    } else {
      facts.push({
        personId: e.personId,
        type: e.type,
        caseId: e.case_id,
        date: e.date,
        sentenceYears: e.sentence_years,
        eventIds: [e.id],
      });
    }
  }
  const evidence = rows.length
    ? await db
        .selectFrom('evidence')
        .select(['target_id', 'source_id'])
        .where('target_table', '=', 'events')
        .where(
          'target_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const out: Fact[] = [];
  for (const fact of facts) {
    const ids = new Set(fact.eventIds);
    out.push({
      ...fact,
      ...(await supportFor(
        db,
        evidence.filter((e) => ids.has(e.target_id)).map((e) => e.source_id),
      )),
    });
  }
  return out;
}

/** Event types that happen once per person and case: two disagreeing accounts of one are a conflict, not two events. */
const ONCE_PER_CASE = new Set(['arrest', 'charge', 'sentence']);

/**
 * Accepted accounts that disagree: two dates for one arrest, 6 vs 6.5 years for one sentence. Surfaced, never
 * silently resolved (DESIGN §2.4). `findConflicts(db)` → `[{ personId, type: 'sentence', fields: ['sentenceYears'], facts: [...] }]`.
 */
export async function findConflicts(db: Kysely<Database>, options: { personId?: string } = {}): Promise<Conflict[]> {
  const facts = await corroboration(db, options);
  const groups = new Map<string, Fact[]>();
  for (const fact of facts) {
    if (!ONCE_PER_CASE.has(fact.type)) continue;
    const key = `${fact.personId}/${fact.type}`;
    groups.set(key, [...(groups.get(key) ?? []), fact]);
  }
  const conflicts: Conflict[] = [];
  for (const group of groups.values()) {
    // Facts in different cases are different events; within one case (or where one case is unknown) they disagree.
    const clusters: Fact[][] = [];
    for (const fact of group) {
      const cluster = clusters.find((c) => c.some((f) => !f.caseId || !fact.caseId || f.caseId === fact.caseId));
      if (cluster) cluster.push(fact);
      else clusters.push([fact]);
    }
    for (const cluster of clusters) {
      if (cluster.length < 2) continue;
      const fields: Conflict['fields'] = [];
      if (cluster.some((a) => cluster.some((b) => !datesAgree(a.date, b.date)))) fields.push('date');
      if (
        cluster.some((a) =>
          cluster.some(
            (b) => a.sentenceYears != null && b.sentenceYears != null && a.sentenceYears !== b.sentenceYears,
          ),
        )
      )
        fields.push('sentenceYears');
      conflicts.push({ personId: cluster[0]!.personId, type: cluster[0]!.type, fields, facts: cluster });
    }
  }
  return conflicts;
}
