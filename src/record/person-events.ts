import { type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { Database, EventParticipantsTable, EvidenceTable } from '../db/schema.js';
import { readOffThread } from '../db/sqlite-reader.js';
import { eventViews, type ProposalView } from './review.js';
import { type PersonStatusView, type StatusEvent, statusView } from './status.js';

/** The events a reader may see, as the caller's access policy writes it (`eventScope(user)`). */
type EventScope = (eb: ExpressionBuilder<Database, 'events'>) => Expression<SqlBool>;

export interface PersonEvents {
  /** The record's status for the person, from every event they are the subject of, seen or not by this reader. */
  status: PersonStatusView;
  /** The accepted events the reader may see, oldest first: the newest `limit` of them. */
  timeline: ProposalView[];
  /** The timeline's restricted events (a member reading them is audited). */
  restrictedEvents: Array<{ id: string; confidentiality: string }>;
}

/** Rows an `IN (…)` list carries at once: within every database's limit on parameters. */
const IN_CHUNK = 500;

/**
 * A person's accepted events read once for their page: the status derived from the events they are the subject of
 * and the timeline of those the scope lets through. Reading them once matters for the page's cost: the status and
 * the timeline had each looked up the same events, their participants and evidence, one random page of the events
 * table per event each time. On SQLite the events and their participants are read in the short-read thread
 * (`readOffThread`), the last committed state, while the server's thread answers other requests.
 * `loadPersonEvents(db, person, eventScope(viewer))` →
 * `{ status: { status: 'sentenced', eventId }, timeline: [{ id, event: { type: 'detention' … } }, …] }`.
 */
export async function loadPersonEvents(
  db: Kysely<Database>,
  person: { id: string; statusOverride: string | null; statusReason: string | null },
  scope: EventScope,
  limit = 500,
): Promise<PersonEvents> {
  // Newest first as the timeline has always been cut (each database places undated events where it sorts NULL).
  const rowsQuery = db
    .selectFrom('events')
    .selectAll()
    .select((eb) => sql<number>`CASE WHEN ${scope(eb)} THEN 1 ELSE 0 END`.as('visible'))
    .where('status', '=', 'accepted')
    .where('deleted_at', 'is', null)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('event_participants')
        .select('event_id')
        .where('entity_type', '=', 'persons')
        .where('entity_id', '=', person.id),
    )
    .orderBy('date', 'desc')
    .orderBy('id', 'desc');
  const rows = await readOffThread(db, rowsQuery.compile(), 'short');
  const participants: Selectable<EventParticipantsTable>[] = [];
  const evidence: Selectable<EvidenceTable>[] = [];
  for (let i = 0; i < rows.length; i += IN_CHUNK) {
    const ids = rows.slice(i, i + IN_CHUNK).map((r) => r.id);
    participants.push(
      ...(await readOffThread(
        db,
        db.selectFrom('event_participants').selectAll().where('event_id', 'in', ids).compile(),
        'short',
      )),
    );
    evidence.push(
      ...(await db
        .selectFrom('evidence')
        .selectAll()
        .where('target_table', '=', 'events')
        .where('target_id', 'in', ids)
        .orderBy('source_id')
        .orderBy('start')
        .execute()),
    );
  }

  const subjectOf = new Set(
    participants
      .filter((p) => p.entity_type === 'persons' && p.entity_id === person.id && p.role === 'subject')
      .map((p) => p.event_id),
  );
  const statusEvents: StatusEvent[] = rows
    .filter((r) => subjectOf.has(r.id))
    .map((r) => ({
      id: r.id,
      type: r.type,
      date: r.date,
      createdAt: r.created_at,
      text: [r.description, ...evidence.filter((e) => e.target_id === r.id).map((e) => e.quote)]
        .filter(Boolean)
        .join(' '),
    }));

  const shown = rows
    .filter((r) => Number(r.visible) === 1)
    .slice(0, limit)
    .reverse()
    .map(({ visible: _visible, ...event }) => event);
  // The event that set the status is named only to a reader who may read it: a hidden event's id must be no id.
  const status = statusView(person, statusEvents);
  if (status.eventId !== null && !rows.some((r) => r.id === status.eventId && Number(r.visible) === 1))
    status.eventId = null;
  return {
    status,
    timeline: await eventViews(db, shown, participants, evidence),
    restrictedEvents: shown
      .filter((e) => e.confidentiality === 'restricted')
      .map((e) => ({ id: e.id, confidentiality: e.confidentiality })),
  };
}
