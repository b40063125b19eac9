import type { Kysely } from 'kysely';
import { type PolicyUser, visibleIds } from '../auth/index.js';
import type { Confidentiality, Database, EventsTable, ReviewStatus } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { settleEventDates } from './event-dates.js';
import { settleEventDefendants } from './event-defendants.js';
import type { EventType } from './extraction-input.js';
import { toColumns } from './fields.js';
import { refreshPersonStatus } from './status.js';
import {
  changeRecord,
  loadSnapshot,
  type RecordSnapshot,
  recordCreation,
  restoreDeleted,
  softDelete,
} from './versions.js';

export interface ParticipantRef {
  entityType: 'persons' | 'organizations';
  entityId: string;
  role: 'subject' | 'agent' | 'witness';
}

export interface EventInput {
  type: EventType;
  date?: string | null;
  datePrecision?: 'day' | 'month' | 'year' | null;
  dateEnd?: string | null;
  placeId?: string | null;
  caseId?: string | null;
  sentenceYears?: number | null;
  fineAmount?: number | null;
  description?: string | null;
  confidentiality?: Confidentiality;
  participants?: ParticipantRef[];
}

export interface EventView {
  id: string;
  type: string;
  date: string | null;
  datePrecision: string | null;
  dateEnd: string | null;
  placeId: string | null;
  caseId: string | null;
  sentenceYears: number | null;
  fineAmount: number | null;
  description: string | null;
  status: string;
  confidence: number | null;
  confidentiality: Confidentiality;
  sourceId: string | null;
  participants: ParticipantRef[];
  version: number;
  deletedAt: string | null;
}

export function toEventView(snapshot: RecordSnapshot): EventView {
  const r = snapshot.row as unknown as EventsTable;
  return {
    id: r.id,
    type: r.type,
    date: r.date,
    datePrecision: r.date_precision,
    dateEnd: r.date_end,
    placeId: r.place_id,
    caseId: r.case_id,
    sentenceYears: r.sentence_years,
    fineAmount: r.fine_amount,
    description: r.description,
    status: r.status,
    confidence: r.confidence,
    confidentiality: r.confidentiality,
    sourceId: r.source_id,
    participants: (snapshot.participants ?? []).map(
      (p) => ({ entityType: p.entity_type, entityId: p.entity_id, role: p.role }) as ParticipantRef,
    ),
    version: r.version,
    deletedAt: r.deleted_at,
  };
}

async function setParticipants(trx: Kysely<Database>, eventId: string, participants: ParticipantRef[]): Promise<void> {
  await trx.deleteFrom('event_participants').where('event_id', '=', eventId).execute();
  const unique = new Map(
    participants.map((p) => [
      `${p.entityType}/${p.entityId}/${p.role}`,
      { event_id: eventId, entity_type: p.entityType, entity_id: p.entityId, role: p.role },
    ]),
  );
  if (unique.size > 0)
    await trx
      .insertInto('event_participants')
      .values([...unique.values()])
      .execute();
}

async function refreshSubjectsOf(trx: Kysely<Database>, ...lists: ParticipantRef[][]): Promise<void> {
  const ids = new Set(
    lists
      .flat()
      .filter((p) => p.entityType === 'persons' && p.role === 'subject')
      .map((p) => p.entityId),
  );
  for (const id of ids) await refreshPersonStatus(trx, id);
}

/** `createEvent(trx, { type: 'detention', date: '2024-03-12', participants: [{ entityType: 'persons', entityId, role: 'subject' }] }, userId)`. */
export async function createEvent(trx: Kysely<Database>, input: EventInput, userId: string | null): Promise<EventView> {
  const given = toColumns('events', { ...input, participants: undefined });
  const type = given.type;
  if (typeof type !== 'string') throw new ChronicleError('VALIDATION', 'type is required');
  const columns = settleEventDates(null, given);
  if (typeof columns.case_id === 'string') await assertCaseInRecord(trx, columns.case_id, 'accepted');
  const id = newId();
  const now = new Date().toISOString();
  await trx
    .insertInto('events')
    .values({
      id,
      type,
      date: null,
      date_precision: null,
      date_end: null,
      place_id: null,
      case_id: null,
      sentence_years: null,
      fine_amount: null,
      description: null,
      status: 'accepted',
      confidence: null,
      confidentiality: 'internal',
      source_id: null,
      version: 1,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      ...columns,
    })
    .execute();
  await setParticipants(trx, id, input.participants ?? []);
  const snapshot = await recordCreation(trx, 'events', id, userId, 'event.create');
  await refreshSubjectsOf(trx, input.participants ?? []);
  return toEventView(snapshot);
}

/**
 * The case and place a change links an event to, checked before anything is written: a case this user may not see,
 * or one deleted, answers as one that never existed (`no case …`, NOT_FOUND), or linking would write into a
 * restricted case's timeline and 200 against a database error would tell a hidden case from a missing one. A case
 * rejected in review is refused (`assertCaseInRecord`). Places carry no confidentiality, so only their existence is
 * checked.
 */
export async function assertEventLinks(
  db: Kysely<Database>,
  user: PolicyUser | null,
  links: { caseId?: unknown; placeId?: unknown },
): Promise<void> {
  const { caseId, placeId } = links;
  if (typeof caseId === 'string') {
    if (!(await visibleIds(db, user, 'cases', [caseId])).has(caseId))
      throw new ChronicleError('NOT_FOUND', `no case ${caseId}`);
    await assertCaseInRecord(db, caseId, null);
  }
  if (typeof placeId === 'string') {
    const place = await db.selectFrom('places').select('id').where('id', '=', placeId).executeTakeFirst();
    if (!place) throw new ChronicleError('NOT_FOUND', `no place ${placeId}`);
  }
}

/**
 * Whether an event in review state `eventStatus` (null: not known yet) may name this case. A deleted case answers as
 * a missing one (NOT_FOUND). A case rejected in review is not in the record, and an event naming it would present
 * it as fact once accepted (CONFLICT). An accepted event may not name a case still proposed either: accepting an
 * event in review accepts its proposed case with it, a change of an accepted event is not a review.
 * `assertCaseInRecord(trx, caseId, 'accepted')` → nothing, or CONFLICT `case 01J… is still a proposal: …`.
 */
async function assertCaseInRecord(
  db: Kysely<Database>,
  caseId: string,
  eventStatus: ReviewStatus | null,
): Promise<void> {
  const row = await db
    .selectFrom('cases')
    .select(['review_status', 'deleted_at'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!row || row.deleted_at !== null) throw new ChronicleError('NOT_FOUND', `no case ${caseId}`);
  if (row.review_status === 'rejected')
    throw new ChronicleError('CONFLICT', `case ${caseId} was rejected in review: reopen it before an event names it`);
  if (row.review_status === 'proposed' && eventStatus === 'accepted')
    throw new ChronicleError(
      'CONFLICT',
      `case ${caseId} is still a proposal: accept it in review before an accepted event names it`,
    );
}

/** SQLite's and PostgreSQL's (SQLSTATE 23503) refusal of a reference to a row that is not there. */
function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}

/**
 * Callers check the case and place first (the route with the user's visibility); a reference that still fails,
 * e.g. from a caller that did not, is the request's fault and must not surface as a 500.
 */
async function writeEventColumns(trx: Kysely<Database>, id: string, columns: Record<string, unknown>): Promise<void> {
  try {
    await trx.updateTable('events').set(columns).where('id', '=', id).execute();
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    const links = [
      columns.case_id == null ? null : `case ${columns.case_id}`,
      columns.place_id == null ? null : `place ${columns.place_id}`,
    ].filter(Boolean);
    const named = links.join(' or ') || 'record';
    throw new ChronicleError('VALIDATION', `event ${id} names a ${named} that does not exist`, { cause: error });
  }
}

export async function updateEvent(
  trx: Kysely<Database>,
  id: string,
  changes: Partial<EventInput>,
  userId: string | null,
): Promise<EventView> {
  const columns = toColumns('events', { ...changes, participants: undefined });
  let before: ParticipantRef[] = [];
  const snapshot = await changeRecord(trx, 'events', id, userId, 'event.update', async (b) => {
    before = toEventView(b).participants;
    const settled = settleEventDates(b.row as unknown as EventsTable, columns);
    if (typeof settled.case_id === 'string' && settled.case_id !== b.row.case_id)
      await assertCaseInRecord(trx, settled.case_id, (b.row as unknown as EventsTable).status);
    if (Object.keys(settled).length > 0) await writeEventColumns(trx, id, settled);
    if (changes.participants) await setParticipants(trx, id, changes.participants);
  });
  const view = toEventView(snapshot);
  await settleEventDefendants(trx, id, userId);
  await refreshSubjectsOf(trx, before, view.participants);
  return view;
}

export async function getEvent(db: Kysely<Database>, id: string): Promise<EventView> {
  const snapshot = await loadSnapshot(db, 'events', id);
  if (!snapshot) throw new ChronicleError('NOT_FOUND', `no event ${id}`);
  return toEventView(snapshot);
}

/** Accepted events, newest first; with `personId`, those the person took part in. */
export async function listEvents(
  db: Kysely<Database>,
  options: { personId?: string; caseId?: string; limit?: number; offset?: number; includeDeleted?: boolean } = {},
): Promise<{ total: number; items: EventView[] }> {
  let query = db.selectFrom('events').where('status', '=', 'accepted');
  if (!options.includeDeleted) query = query.where('deleted_at', 'is', null);
  if (options.caseId) query = query.where('case_id', '=', options.caseId);
  if (options.personId) {
    const personId = options.personId;
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('event_participants')
        .select('event_id')
        .where('entity_type', '=', 'persons')
        .where('entity_id', '=', personId),
    );
  }
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await query
    .select('id')
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(options.limit ?? 50, 500))
    .offset(options.offset ?? 0)
    .execute();
  const items: EventView[] = [];
  for (const row of rows) items.push(await getEvent(db, row.id));
  return { total: Number(count?.n ?? 0), items };
}

export async function deleteEvent(trx: Kysely<Database>, id: string, userId: string | null): Promise<EventView> {
  const view = toEventView(await softDelete(trx, 'events', id, userId));
  await settleEventDefendants(trx, id, userId);
  await refreshSubjectsOf(trx, view.participants);
  return view;
}

export async function restoreEvent(trx: Kysely<Database>, id: string, userId: string | null): Promise<EventView> {
  const view = toEventView(await restoreDeleted(trx, 'events', id, userId));
  await settleEventDefendants(trx, id, userId);
  await refreshSubjectsOf(trx, view.participants);
  return view;
}
