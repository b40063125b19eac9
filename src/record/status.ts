import type { Kysely } from 'kysely';
import { parameterChunks } from '../db/parameter-chunks.js';
import type { Database } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { changeRecord } from './versions.js';

/** DESIGN §4: a person's status, derived from events and overridable. */
export const PERSON_STATUSES = [
  'at_liberty',
  'detained',
  'in_custody',
  'house_arrest',
  'sentenced',
  'released',
  'emigrated',
  'deceased',
] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export interface StatusEvent {
  id: string;
  type: string;
  date: string | null;
  createdAt: string;
  /** The event's own words (description and evidence quotes), read for «домашний арест» / "house arrest". */
  text?: string | null;
}

export interface DerivedStatus {
  /**
   * Null when no event says anything: that nothing was reported of a person is not news that they are at liberty, so
   * the record claims nothing (the person page and the people table both say '—').
   */
  status: PersonStatus | null;
  /** The event that set it; null when no event says anything. */
  eventId: string | null;
}

const HOUSE_ARREST = /домашн\p{L}*\s+арест|house\s+arrest/iu;

/** What one event says about where its subject is now; null when it says nothing (a hearing, a search). */
export function statusFromEvent(event: Pick<StatusEvent, 'type' | 'text'>): PersonStatus | null {
  switch (event.type) {
    case 'detention':
      return 'detained';
    case 'arrest':
      return HOUSE_ARREST.test(event.text ?? '') ? 'house_arrest' : 'in_custody';
    case 'custody':
      return HOUSE_ARREST.test(event.text ?? '') ? 'house_arrest' : 'in_custody';
    case 'sentence':
      return 'sentenced';
    case 'release':
      return 'released';
    default:
      return null;
  }
}

/**
 * The status the latest status-bearing event sets. Events sort by date as written (an ISO prefix sorts before the
 * days inside it: '2024-03' < '2024-03-05'), undated ones first (we cannot place them), then by when recorded.
 * `deriveStatus([{type: 'detention', date: '2024-03-01'}, {type: 'release', date: '2024-03-02'}])` → released.
 */
export function deriveStatus(events: StatusEvent[]): DerivedStatus {
  const ordered = [...events].sort((a, b) => {
    const da = a.date ?? '';
    const db = b.date ?? '';
    if (da !== db) return da < db ? -1 : 1;
    return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
  });
  let derived: DerivedStatus = { status: null, eventId: null };
  for (const event of ordered) {
    const status = statusFromEvent(event);
    if (status) derived = { status, eventId: event.id };
  }
  return derived;
}

export interface PersonStatusView {
  personId: string;
  /** What the record shows: the override when there is one, else the derived status; null when nothing says. */
  status: PersonStatus | null;
  derived: PersonStatus | null;
  eventId: string | null;
  override: PersonStatus | null;
  reason: string | null;
}

/**
 * The accepted events each person is the subject of, with their words. `audience: 'public'` keeps the public events
 * alone: what the public list says of a person must stand on what it may publish.
 */
async function subjectEvents(
  db: Kysely<Database>,
  personIds: readonly string[],
  audience: 'record' | 'public' = 'record',
): Promise<Map<string, StatusEvent[]>> {
  const byPerson = new Map<string, StatusEvent[]>(personIds.map((id) => [id, []]));
  for (const chunk of parameterChunks(personIds, 1)) {
    let query = db
      .selectFrom('events')
      .innerJoin('event_participants', 'event_participants.event_id', 'events.id')
      .select([
        'event_participants.entity_id as person_id',
        'events.id',
        'events.type',
        'events.date',
        'events.created_at',
        'events.description',
      ])
      .where('event_participants.entity_type', '=', 'persons')
      .where('event_participants.entity_id', 'in', chunk)
      .where('event_participants.role', '=', 'subject')
      .where('events.status', '=', 'accepted')
      .where('events.deleted_at', 'is', null);
    if (audience === 'public') query = query.where('events.confidentiality', '=', 'public');
    const rows = await query.execute();
    const quotes = new Map<string, string[]>();
    for (const ids of parameterChunks([...new Set(rows.map((r) => r.id))], 1)) {
      const found = await db
        .selectFrom('evidence')
        .select(['target_id', 'quote'])
        .where('target_table', '=', 'events')
        .where('target_id', 'in', ids)
        .execute();
      for (const q of found) quotes.set(q.target_id, [...(quotes.get(q.target_id) ?? []), q.quote]);
    }
    for (const r of rows)
      byPerson.get(r.person_id)!.push({
        id: r.id,
        type: r.type,
        date: r.date,
        createdAt: r.created_at,
        text: [r.description, ...(quotes.get(r.id) ?? [])].filter(Boolean).join(' '),
      });
  }
  return byPerson;
}

/**
 * The status the public list shows of each person: their override, else what their public accepted events say —
 * never what a restricted or internal event says (a sentence known only from a family's testimony). Null when no
 * public event says anything, as `deriveStatus`.
 * `publicStatuses(db, [{ id, statusOverride: null }])` → Map { id → 'detained' }.
 */
export async function publicStatuses(
  db: Kysely<Database>,
  persons: ReadonlyArray<{ id: string; statusOverride: string | null }>,
): Promise<Map<string, PersonStatus | null>> {
  const events = await subjectEvents(
    db,
    persons.filter((p) => p.statusOverride === null).map((p) => p.id),
    'public',
  );
  const derived = (id: string) => deriveStatus(events.get(id)!).status;
  return new Map(persons.map((p) => [p.id, (p.statusOverride as PersonStatus | null) ?? derived(p.id)]));
}

/** The person's status with the event that set it and any override: `getPersonStatus(db, id)` → `{status: 'sentenced', …}`. */
export async function getPersonStatus(db: Kysely<Database>, personId: string): Promise<PersonStatusView> {
  const person = await db
    .selectFrom('persons')
    .select(['id', 'status_override', 'status_reason'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) throw new ChronicleError('NOT_FOUND', `no person ${personId}`);
  return statusView(
    { id: personId, statusOverride: person.status_override, statusReason: person.status_reason },
    (await subjectEvents(db, [personId])).get(personId)!,
  );
}

/**
 * The status view from a person's override and every accepted event they are the subject of, as a caller that read
 * those events already has them (whoever will see the status: it is the record's, not the reader's).
 */
export function statusView(
  person: { id: string; statusOverride: string | null; statusReason: string | null },
  subjectEvents: StatusEvent[],
): PersonStatusView {
  const derived = deriveStatus(subjectEvents);
  const override = (person.statusOverride as PersonStatus | null) ?? null;
  return {
    personId: person.id,
    status: override ?? derived.status,
    derived: derived.status,
    eventId: derived.eventId,
    override,
    reason: person.statusReason,
  };
}

/** Recomputes and stores `persons.status` after the person's events changed. Returns the shown status. */
export async function refreshPersonStatus(trx: Kysely<Database>, personId: string): Promise<PersonStatus | null> {
  const view = await getPersonStatus(trx, personId);
  await trx.updateTable('persons').set({ status: view.status }).where('id', '=', personId).execute();
  return view.status;
}

/**
 * Sets (or with status null, clears) a manual status with its reason, e.g. emigrated or deceased, which no event
 * type records. Versioned and audited. `setStatusOverride(trx, id, { status: 'emigrated', reason: 'left for Georgia, per family' }, userId)`.
 */
export async function setStatusOverride(
  trx: Kysely<Database>,
  personId: string,
  input: { status: PersonStatus | null; reason: string | null },
  userId: string | null,
): Promise<PersonStatusView> {
  if (input.status !== null && !PERSON_STATUSES.includes(input.status))
    throw new ChronicleError('VALIDATION', `unknown status ${input.status}`);
  if (input.status !== null && !input.reason?.trim())
    throw new ChronicleError('VALIDATION', 'a manual status needs a reason');
  const person = await trx
    .selectFrom('persons')
    .select(['deleted_at', 'merged_into'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) throw new ChronicleError('NOT_FOUND', `no person ${personId}`);
  // As merge and split refuse them: a deleted or merged-away person's status is no one's to set.
  if (person.merged_into !== null)
    throw new ChronicleError('CONFLICT', `person ${personId} is merged into ${person.merged_into}`);
  if (person.deleted_at !== null) throw new ChronicleError('CONFLICT', `person ${personId} is deleted`);
  // A version like any edit, so the person's history says who set the status by hand, when, and on what grounds.
  await changeRecord(trx, 'persons', personId, userId, 'person.status-override', async () => {
    await trx
      .updateTable('persons')
      .set({
        status_override: input.status,
        status_reason: input.status === null ? null : (input.reason?.trim() ?? null),
      })
      .where('id', '=', personId)
      .execute();
    await refreshPersonStatus(trx, personId);
  });
  return getPersonStatus(trx, personId);
}
