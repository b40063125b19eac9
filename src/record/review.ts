import { type Kysely, type Selectable, sql } from 'kysely';
import { can, type PolicyUser, visibleIds } from '../auth/index.js';
import type { Database, EventParticipantsTable, EventsTable, EvidenceTable, ReviewStatus } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { settleEventDates } from './event-dates.js';
import { addEventDefendants, DEFENDANT_EVENTS, removeEventDefendants } from './event-defendants.js';
import { assertEventLinks } from './events.js';
import { checkEvidenceSpans, type EvidenceSpanChange, moveEvidenceSpans } from './evidence-spans.js';
import { toColumns } from './fields.js';
import { mergePersons } from './merges.js';
import { setNameKeys } from './name-keys.js';
import { planRetype, retypeRecord } from './retype.js';
import { refreshPersonStatus } from './status.js';
import { changeRecord, type RecordTable } from './versions.js';

/** Where a record stands in review: extraction proposes, a reviewer accepts or rejects. */
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['proposed', 'accepted', 'rejected'];

export type ProposalKind = 'event' | 'person' | 'organization' | 'case';
type ReviewTable = 'events' | 'persons' | 'organizations' | 'cases';

/** The table each kind of proposal lives in. */
export const PROPOSAL_TABLES: Readonly<Record<ProposalKind, ReviewTable>> = {
  event: 'events',
  person: 'persons',
  organization: 'organizations',
  case: 'cases',
};
const KIND_OF: Record<ReviewTable, ProposalKind> = {
  events: 'event',
  persons: 'person',
  organizations: 'organization',
  cases: 'case',
};

export interface EvidenceView {
  id: string;
  sourceId: string;
  start: number;
  end: number;
  quote: string;
}

export interface ParticipantView {
  role: string;
  entityType: string;
  entityId: string;
  name: string | null;
  status: string | null;
}

export interface ProposalView {
  id: string;
  kind: ProposalKind;
  status: ReviewStatus;
  /** A one-line summary: the name, or the event type and date. */
  label: string;
  confidence: number | null;
  createdAt: string;
  event?: {
    type: string;
    date: string | null;
    datePrecision: string | null;
    place: { id: string; name: string } | null;
    case: { id: string; name: string } | null;
    sentenceYears: number | null;
    fineAmount: number | null;
    description: string | null;
    participants: ParticipantView[];
  };
  evidence: EvidenceView[];
}

export interface ListProposalsOptions {
  kind?: ProposalKind;
  sourceId?: string;
  limit?: number;
  offset?: number;
}

export interface ProposalQuery {
  kind?: ProposalKind;
  /** Only proposals staged from this source. */
  sourceId?: string;
  /** Review states to list; default only 'proposed'. */
  statuses?: ReviewStatus[];
  /** The security policy's filter on a table's visible rows, applied inside the query so totals hide nothing. */
  scope?: (table: ReviewTable) => unknown;
  limit?: number;
  offset?: number;
}

/**
 * The queue's page of ids, oldest first, with the total over every matching table.
 * `pageProposalRefs(db, { kind: 'event', limit: 20 })` → `{ total: 57, refs: [{ id: '01J…', kind: 'event' }, …] }`.
 */
export async function pageProposalRefs(
  db: Kysely<Database>,
  options: ProposalQuery = {},
): Promise<{ total: number; refs: Array<{ id: string; kind: ProposalKind }> }> {
  const statuses = options.statuses ?? ['proposed'];
  const kinds = options.kind ? [options.kind] : (['event', 'person', 'organization', 'case'] as const);
  const parts = kinds.map((kind) => {
    const table = PROPOSAL_TABLES[kind];
    const statusColumn = table === 'events' ? 'status' : 'review_status';
    let q = db
      .selectFrom(table as 'persons')
      .select(['id', 'created_at', sql<string>`${sql.lit(kind)}`.as('kind')])
      .where(statusColumn as 'review_status', 'in', statuses)
      .where('deleted_at', 'is', null);
    if (options.scope) q = q.where(options.scope(table) as never);
    if (options.sourceId) {
      const sourceId = options.sourceId;
      q = q.where('id', 'in', (eb) =>
        eb
          .selectFrom('staged_records')
          .select('record_id')
          .where('source_id', '=', sourceId)
          .where('record_table', '=', table),
      );
    }
    return q;
  });
  let total = 0;
  for (const part of parts) {
    const row = await db
      .selectFrom(part.as('p'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    total += Number(row?.n ?? 0);
  }
  let union = parts[0]!;
  for (const part of parts.slice(1)) union = union.unionAll(part);
  const page = await db
    .selectFrom(union.as('u'))
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .limit(Math.min(options.limit ?? 100, 1000))
    .offset(options.offset ?? 0)
    .execute();
  return { total, refs: page.map((r) => ({ id: r.id, kind: r.kind as ProposalKind })) };
}

/**
 * The proposals waiting for a decision, oldest first, each with its evidence (and for events their place, case
 * and participants). `listProposals(db, { limit: 20 })` → `{ total: 57, items: [{ id, kind: 'event', label:
 * 'detention 2024-03-12', evidence: [{ quote: 'В Уфе … задержала Ивана Петрова.' }] }, …] }`.
 */
export async function listProposals(
  db: Kysely<Database>,
  options: ListProposalsOptions = {},
): Promise<{ total: number; items: ProposalView[] }> {
  const { total, refs } = await pageProposalRefs(db, options);
  return { total, items: await loadProposals(db, refs) };
}

/** Full views of the given records, in the given order. */
export async function loadProposals(
  db: Kysely<Database>,
  refs: Array<{ id: string; kind: ProposalKind }>,
): Promise<ProposalView[]> {
  if (refs.length === 0) return [];
  const ids = refs.map((r) => r.id);
  const evidenceRows = await db
    .selectFrom('evidence')
    .selectAll()
    .where('target_id', 'in', ids)
    .orderBy('source_id')
    .orderBy('start')
    .execute();
  const evidenceOf = (table: string, id: string): EvidenceView[] => evidenceViews(evidenceRows, table, id);

  const views = new Map<string, ProposalView>();
  const byKind = (kind: ProposalKind) => refs.filter((r) => r.kind === kind).map((r) => r.id);

  const eventIds = byKind('event');
  if (eventIds.length > 0) {
    const events = await db.selectFrom('events').selectAll().where('id', 'in', eventIds).execute();
    const participants = await db
      .selectFrom('event_participants')
      .selectAll()
      .where('event_id', 'in', eventIds)
      .execute();
    for (const view of await eventViews(db, events, participants, evidenceRows)) views.set(view.id, view);
  }
  for (const kind of ['person', 'organization', 'case'] as const) {
    const kindIds = byKind(kind);
    if (kindIds.length === 0) continue;
    const table = PROPOSAL_TABLES[kind];
    const names = await entityNames(
      db,
      kindIds.map((id) => ({ table, id })),
    );
    const rows = await db
      .selectFrom(table as 'organizations')
      .select(['id', 'created_at'])
      .where('id', 'in', kindIds)
      .execute();
    for (const row of rows) {
      const n = names.get(`${table}/${row.id}`);
      views.set(row.id, {
        id: row.id,
        kind,
        status: (n?.status ?? 'proposed') as ReviewStatus,
        label: n?.name ?? '',
        confidence: null,
        createdAt: row.created_at,
        evidence: evidenceOf(table, row.id),
      });
    }
  }
  return refs.map((r) => views.get(r.id)).filter((v): v is ProposalView => v !== undefined);
}

function evidenceViews(rows: readonly Selectable<EvidenceTable>[], table: string, id: string): EvidenceView[] {
  return rows
    .filter((e) => e.target_table === table && e.target_id === id)
    .map((e) => ({ id: e.id, sourceId: e.source_id, start: e.start, end: e.end, quote: e.quote }));
}

/**
 * Views of events already read, in their order, with their participants and evidence (rows of both for at least
 * these events); only the names of places, cases and participants are looked up. For a caller that read the events
 * for its own reasons — the person page reads a person's events once, for their status and their timeline.
 */
export async function eventViews(
  db: Kysely<Database>,
  events: readonly Selectable<EventsTable>[],
  participants: readonly Selectable<EventParticipantsTable>[],
  evidence: readonly Selectable<EvidenceTable>[],
): Promise<ProposalView[]> {
  const ids = new Set(events.map((e) => e.id));
  const ownParticipants = participants.filter((p) => ids.has(p.event_id));
  const names = await entityNames(db, [
    ...ownParticipants.map((p) => ({ table: p.entity_type, id: p.entity_id })),
    ...events.flatMap((e) => [
      ...(e.place_id ? [{ table: 'places', id: e.place_id }] : []),
      ...(e.case_id ? [{ table: 'cases', id: e.case_id }] : []),
    ]),
  ]);
  return events.map((e) => ({
    id: e.id,
    kind: 'event',
    status: e.status,
    label: [e.type, e.date].filter(Boolean).join(' '),
    confidence: e.confidence,
    createdAt: e.created_at,
    event: {
      type: e.type,
      date: e.date,
      datePrecision: e.date_precision,
      place: e.place_id ? { id: e.place_id, name: names.get(`places/${e.place_id}`)?.name ?? '' } : null,
      case: e.case_id ? { id: e.case_id, name: names.get(`cases/${e.case_id}`)?.name ?? '' } : null,
      sentenceYears: e.sentence_years,
      fineAmount: e.fine_amount,
      description: e.description,
      participants: ownParticipants
        .filter((p) => p.event_id === e.id)
        .sort((a, b) => (a.role === b.role ? 0 : a.role === 'subject' ? -1 : 1))
        .map((p) => {
          const n = names.get(`${p.entity_type}/${p.entity_id}`);
          return {
            role: p.role,
            entityType: p.entity_type,
            entityId: p.entity_id,
            name: n?.name ?? null,
            status: n?.status ?? null,
          };
        }),
    },
    evidence: evidenceViews(evidence, 'events', e.id),
  }));
}

/** Names and review statuses of mixed entities, keyed `table/id`. */
export async function entityNames(
  db: Kysely<Database>,
  refs: Array<{ table: string; id: string }>,
): Promise<Map<string, { name: string; status: string | null }>> {
  const out = new Map<string, { name: string; status: string | null }>();
  const group = (table: string) => [...new Set(refs.filter((r) => r.table === table).map((r) => r.id))];
  const persons = group('persons');
  if (persons.length > 0) {
    for (const r of await db
      .selectFrom('persons')
      .select(['id', 'display_name', 'review_status'])
      .where('id', 'in', persons)
      .execute()) {
      out.set(`persons/${r.id}`, { name: r.display_name, status: r.review_status });
    }
  }
  for (const table of ['organizations', 'cases'] as const) {
    const ids = group(table);
    if (ids.length === 0) continue;
    for (const r of await db
      .selectFrom(table as 'organizations')
      .select(['id', 'name', 'review_status'])
      .where('id', 'in', ids)
      .execute()) {
      out.set(`${table}/${r.id}`, { name: r.name, status: r.review_status });
    }
  }
  const places = group('places');
  if (places.length > 0) {
    for (const r of await db.selectFrom('places').select(['id', 'name']).where('id', 'in', places).execute())
      out.set(`places/${r.id}`, { name: r.name, status: null });
  }
  return out;
}

/** Which review table holds this id: ids are ULIDs, unique across tables. */
export async function findProposal(
  db: Kysely<Database>,
  id: string,
): Promise<{ table: ReviewTable; kind: ProposalKind; status: ReviewStatus }> {
  const event = await db
    .selectFrom('events')
    .select('status')
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (event) return { table: 'events', kind: 'event', status: event.status };
  for (const table of ['persons', 'organizations', 'cases'] as const) {
    const row = await db
      .selectFrom(table as 'persons')
      .select('review_status')
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (row) return { table, kind: KIND_OF[table], status: row.review_status };
  }
  throw new ChronicleError('NOT_FOUND', `no proposal ${id}`);
}

async function setReviewStatus(
  trx: Kysely<Database>,
  table: ReviewTable,
  id: string,
  status: ReviewStatus,
  userId: string | null,
  action: string,
): Promise<void> {
  await changeRecord(trx, table, id, userId, action, async () => {
    if (table === 'events') await trx.updateTable('events').set({ status }).where('id', '=', id).execute();
    else
      await trx
        .updateTable(table as 'persons')
        .set({ review_status: status })
        .where('id', '=', id)
        .execute();
  });
  if (table !== 'events')
    await trx
      .updateTable('mentions')
      .set({ status })
      .where('entity_id', '=', id)
      .where('status', '!=', status)
      .execute();
}

/**
 * The actions of a case's versions that accepting or taking back one of its events leaves: not a decision on the case,
 * so `assertNothingBuiltOn` looks past them to the case's own last change.
 */
const DEFENDANT_ACTIONS = ['review.defendant-added', 'review.defendant-removed'];

/** The word for a record an event names, in a message. */
const NAMED_KIND: Record<string, string> = { persons: 'person', organizations: 'organization', cases: 'case' };

/**
 * Accepting an event accepts what it asserts: its proposed participants and case (an accepted event naming an
 * unreviewed person would present a proposal as the record). Its subjects become defendants of its case, and
 * their status is derived again.
 */
async function acceptEvent(
  trx: Kysely<Database>,
  id: string,
  userId: string | null,
  action: string,
): Promise<string[]> {
  await setReviewStatus(trx, 'events', id, 'accepted', userId, action);
  return [id, ...(await acceptEventEffects(trx, id, userId, action))];
}

/**
 * What accepting an event implies for its participants, case and subjects' status; returns the ids it accepted.
 * A participant or case rejected in review is refused (CONFLICT naming it; the caller's transaction then changes
 * nothing): the accepted event would present it as the record again, in the event, the person lists and the
 * statistics. The reviewer accepts or reopens it first (or in the same request), or corrects the event.
 */
async function acceptEventEffects(
  trx: Kysely<Database>,
  id: string,
  userId: string | null,
  action: string,
): Promise<string[]> {
  const accepted: string[] = [];
  const event = await trx
    .selectFrom('events')
    .select(['type', 'case_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const participants = await trx.selectFrom('event_participants').selectAll().where('event_id', '=', id).execute();
  const refs = [
    ...participants.map((p) => ({ table: p.entity_type, id: p.entity_id })),
    ...(event.case_id ? [{ table: 'cases', id: event.case_id }] : []),
  ].filter((ref) => Object.hasOwn(NAMED_KIND, ref.table));
  const named = await entityNames(trx, refs);
  const rejected = rejectedAmong(refs, named);
  if (rejected) throw namesRejected(id, rejected);
  // A record named twice (subject and witness) is accepted once.
  const unique = new Map(refs.map((ref) => [`${ref.table}/${ref.id}`, ref]));
  for (const [key, ref] of unique) {
    if (named.get(key)?.status === 'proposed') {
      await setReviewStatus(trx, ref.table as ReviewTable, ref.id, 'accepted', userId, action);
      accepted.push(ref.id);
    }
  }
  if (event.case_id && DEFENDANT_EVENTS.includes(event.type)) {
    const subjects = participants.filter((p) => p.entity_type === 'persons' && p.role === 'subject');
    await addEventDefendants(
      trx,
      id,
      event.case_id,
      subjects.map((p) => p.entity_id),
      userId,
    );
  }
  await refreshSubjects(trx, id);
  return accepted;
}

/** The first of an event's participants and case that a reviewer rejected, or undefined. */
function rejectedAmong(
  refs: ReadonlyArray<{ table: string; id: string }>,
  named: ReadonlyMap<string, { status: string | null }>,
): { table: string; id: string } | undefined {
  return refs.find((ref) => named.get(`${ref.table}/${ref.id}`)?.status === 'rejected');
}

function namesRejected(eventId: string, rejected: { table: string; id: string }): ChronicleError {
  return new ChronicleError(
    'CONFLICT',
    `event ${eventId} names the ${NAMED_KIND[rejected.table]} ${rejected.id}, which was rejected in review: ` +
      'accept or reopen it first, or correct the event',
  );
}

/**
 * Whether the event names a participant or case a reviewer rejected, which accepting it would bring back into the
 * record: a bulk accept leaves such an event in the queue (`leaveBlocked`), where accepting it alone says why not.
 */
async function namesSomethingRejected(trx: Kysely<Database>, id: string): Promise<boolean> {
  const event = await trx.selectFrom('events').select('case_id').where('id', '=', id).executeTakeFirstOrThrow();
  const participants = await trx
    .selectFrom('event_participants')
    .select(['entity_type', 'entity_id'])
    .where('event_id', '=', id)
    .execute();
  const refs = [
    ...participants.map((p) => ({ table: p.entity_type, id: p.entity_id })),
    ...(event.case_id ? [{ table: 'cases', id: event.case_id }] : []),
  ];
  return rejectedAmong(refs, await entityNames(trx, refs)) !== undefined;
}

async function refreshSubjects(trx: Kysely<Database>, eventId: string): Promise<void> {
  const subjects = await trx
    .selectFrom('event_participants')
    .select('entity_id')
    .where('event_id', '=', eventId)
    .where('entity_type', '=', 'persons')
    .where('role', '=', 'subject')
    .execute();
  for (const s of subjects) await refreshPersonStatus(trx, s.entity_id);
}

export interface DecisionResult {
  accepted: string[];
  rejected: string[];
}

/**
 * Accepts or rejects proposals by id, each decision versioned and audited in the caller's transaction.
 * `decideProposals(trx, ['01J…'], 'accept', userId)` → `{ accepted: ['01J…', <its proposed subject>], rejected: [] }`.
 * An event naming a person, organization or case rejected in review is refused (CONFLICT); with `leaveBlocked`, as a
 * bulk accept of the whole queue, it is left proposed instead and the rest is decided.
 */
export async function decideProposals(
  trx: Kysely<Database>,
  ids: string[],
  decision: 'accept' | 'reject',
  userId: string | null,
  options: { leaveBlocked?: boolean } = {},
): Promise<DecisionResult> {
  const result: DecisionResult = { accepted: [], rejected: [] };
  for (const id of decision === 'accept' ? await eventsLast(trx, ids) : ids) {
    const { table, status } = await findProposal(trx, id);
    // Rejecting what is in the record takes it out again: not once later work rests on it.
    if (decision === 'reject' && status === 'accepted') await assertNothingBuiltOn(trx, table, id, new Set(ids));
    if (decision === 'accept') {
      if (table === 'events' && options.leaveBlocked && (await namesSomethingRejected(trx, id))) continue;
      if (table === 'events') result.accepted.push(...(await acceptEvent(trx, id, userId, 'review.accept')));
      else {
        await setReviewStatus(trx, table, id, 'accepted', userId, 'review.accept');
        result.accepted.push(id);
      }
    } else {
      await setReviewStatus(trx, table, id, 'rejected', userId, 'review.reject');
      if (table === 'events') {
        await removeEventDefendants(trx, id, userId);
        await refreshSubjects(trx, id);
      }
      result.rejected.push(id);
    }
  }
  return result;
}

/**
 * The ids with the events after the rest: accepting an event refuses a rejected person or case it names, unless the
 * reviewer accepts that one in the same request, which is then decided first whatever the order it was sent in.
 */
async function eventsLast(trx: Kysely<Database>, ids: readonly string[]): Promise<string[]> {
  const events = new Set<string>();
  for (const id of ids) if ((await findProposal(trx, id)).table === 'events') events.add(id);
  return [...ids.filter((id) => !events.has(id)), ...ids.filter((id) => events.has(id))];
}

/** The versions a review decision leaves: a record whose latest version is another was changed since. */
const REVIEW_ACTIONS = new Set(['review.accept', 'review.correct', 'review.reject', 'review.reopen']);

/**
 * Refuses (CONFLICT, saying why) to take a decided record out of the record when later work rests on it, which
 * taking it back would silently lose or leave pointing at a proposal: an edit, merge or status set by hand since
 * the decision (its latest version is not a review's), a person merged away, or an accepted event (not among
 * `batch`, the ids decided together) that names it as participant or case.
 */
async function assertNothingBuiltOn(
  trx: Kysely<Database>,
  table: ReviewTable,
  id: string,
  batch: ReadonlySet<string>,
): Promise<void> {
  const kind = KIND_OF[table];
  if (table === 'persons') await assertNotMergedAway(trx, id);
  const latest = await trx
    .selectFrom('record_versions')
    .select('action')
    .where('record_table', '=', table)
    .where('record_id', '=', id)
    .where((eb) => eb.or([eb('action', 'is', null), eb('action', 'not in', DEFENDANT_ACTIONS)]))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest?.action || !REVIEW_ACTIONS.has(latest.action))
    throw new ChronicleError(
      'CONFLICT',
      `${kind} ${id} was changed since it was decided (${latest?.action ?? 'not by review'}): ` +
        'taking it back would lose that change',
    );
  if (table === 'events') return;
  const naming =
    table === 'cases'
      ? trx.selectFrom('events').select('events.id').where('events.case_id', '=', id)
      : trx
          .selectFrom('events')
          .innerJoin('event_participants', 'event_participants.event_id', 'events.id')
          .select('events.id')
          .where('event_participants.entity_type', '=', table)
          .where('event_participants.entity_id', '=', id);
  const events = await naming.where('events.status', '=', 'accepted').where('events.deleted_at', 'is', null).execute();
  const other = events.find((e) => !batch.has(e.id));
  if (other)
    throw new ChronicleError(
      'CONFLICT',
      `${kind} ${id} is named by the accepted event ${other.id}: take that event back first`,
    );
}

/** A person merged into another lives on in that one: the merge is undone first, from the merge queue. */
async function assertNotMergedAway(trx: Kysely<Database>, id: string): Promise<void> {
  const person = await trx.selectFrom('persons').select('merged_into').where('id', '=', id).executeTakeFirst();
  if (person?.merged_into)
    throw new ChronicleError(
      'CONFLICT',
      `person ${id} was merged into ${person.merged_into} since: undo that merge first`,
    );
}

/**
 * Puts decided proposals back in the queue as proposed, each versioned and audited as `review.reopen` in the
 * caller's transaction: the undo of a decision. A rejected one always can be; an accepted one only while nothing
 * rests on it (`assertNothingBuiltOn`), else nothing changes. Ids already proposed are left as they are. An event's
 * subjects get their status derived again without it, and lose the defendant links its acceptance made
 * (`removeEventDefendants`).
 * `reopenProposals(trx, [eventId, personId], userId)` → `{ reopened: [eventId, personId] }`.
 */
export async function reopenProposals(
  trx: Kysely<Database>,
  ids: string[],
  userId: string | null,
): Promise<{ reopened: string[] }> {
  const batch = new Set(ids);
  const found = [];
  for (const id of batch) {
    const proposal = await findProposal(trx, id);
    if (proposal.status === 'proposed') continue;
    if (proposal.status === 'accepted') await assertNothingBuiltOn(trx, proposal.table, id, batch);
    else if (proposal.table === 'persons') await assertNotMergedAway(trx, id);
    found.push({ id, ...proposal });
  }
  for (const { id, table } of found) {
    await setReviewStatus(trx, table, id, 'proposed', userId, 'review.reopen');
    if (table === 'events') {
      await removeEventDefendants(trx, id, userId);
      await refreshSubjects(trx, id);
    }
  }
  return { reopened: found.map((f) => f.id) };
}

/**
 * Accepts every proposal (optionally only one source's): `chronicle review accept --all`. An event naming a record
 * rejected in review stays proposed (`decideProposals`' `leaveBlocked`).
 */
export async function acceptAllProposals(
  trx: Kysely<Database>,
  userId: string | null,
  options: { sourceId?: string } = {},
): Promise<DecisionResult> {
  const result: DecisionResult = { accepted: [], rejected: [] };
  const seen = new Set<string>();
  // Events first: accepting one accepts its participants, which then need no decision of their own.
  for (const kind of ['event', 'person', 'organization', 'case'] as const) {
    for (;;) {
      const { items } = await listProposals(trx, { kind, sourceId: options.sourceId, limit: 500 });
      const ids = items.map((i) => i.id).filter((id) => !seen.has(id));
      if (ids.length === 0) break;
      for (const id of ids) seen.add(id);
      const decided = await decideProposals(trx, ids, 'accept', userId, { leaveBlocked: true });
      result.accepted.push(...decided.accepted);
    }
  }
  return { accepted: [...new Set(result.accepted)], rejected: [] };
}

/** What a correction may hold besides the record's own fields (src/record/fields.ts). */
export interface CorrectionLinks {
  /** Events: the participants in that role, replacing the proposed ones; `type` is 'persons' unless given. */
  subjects?: Array<{ type?: string; id: string }>;
  agents?: Array<{ type?: string; id: string }>;
  /** New boundaries of the proposal's own evidence. */
  evidence?: EvidenceSpanChange[];
  /** Persons: the existing person this proposal is, which it is merged into once accepted. */
  samePersonAs?: string;
  /**
   * Persons and organizations: the kind of record the proposal really is. Another kind than its own makes a new
   * accepted record of that kind, which takes over the proposal's evidence, mentions and participations.
   */
  recordType?: 'person' | 'organization';
}

export interface CorrectedProposal extends ProposalView {
  /** Set when the proposal was linked to an existing person: the merge that folded it in (`undoMerge` separates them). */
  merged?: { mergeId: string; keptId: string };
  /** Set when `recordType` changed the kind: the proposal, now retired, that this new record replaces. */
  retypedFrom?: { id: string; kind: ProposalKind };
}

/** The tables an event participant may name, and the word for one of their rows in a not-found message. */
const PARTICIPANT_TABLES = { persons: 'person', organizations: 'organization' } as const;
type ParticipantTable = keyof typeof PARTICIPANT_TABLES;

/**
 * Which of `ids` are live records this user may see: not deleted, not merged away, not rejected in review (a
 * rejected proposal is not in the record). Anything else answers as an id that does not exist.
 * `assertLiveRecords(trx, reviewer, 'persons', [petrovId])` → nothing, or NOT_FOUND `no person 01J…`.
 */
async function assertLiveRecords(
  trx: Kysely<Database>,
  user: PolicyUser | null,
  table: ParticipantTable,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const visible = await visibleIds(trx, user, table, ids);
  let live = trx
    .selectFrom(table as 'persons')
    .select('id')
    .where('id', 'in', [...visible, ''])
    .where('deleted_at', 'is', null)
    .where('review_status', '!=', 'rejected');
  if (table === 'persons') live = live.where('merged_into', 'is', null);
  const found = new Set((await live.execute()).map((r) => r.id));
  for (const id of ids)
    if (!found.has(id)) throw new ChronicleError('NOT_FOUND', `no ${PARTICIPANT_TABLES[table]} ${id}`);
}

/** An event correction's participants by role, each checked to be a live record the user may see; none for other kinds. */
async function checkParticipants(
  trx: Kysely<Database>,
  user: PolicyUser | null,
  table: ReviewTable,
  links: Pick<CorrectionLinks, 'subjects' | 'agents'>,
): Promise<Map<'subject' | 'agent', Array<{ entity_type: ParticipantTable; entity_id: string }>>> {
  const roles = new Map<'subject' | 'agent', Array<{ entity_type: ParticipantTable; entity_id: string }>>();
  for (const [role, refs] of [
    ['subject', links.subjects],
    ['agent', links.agents],
  ] as const) {
    if (refs === undefined) continue;
    if (table !== 'events') throw new ChronicleError('VALIDATION', `only events have ${role}s`);
    const unique = new Map<string, { entity_type: ParticipantTable; entity_id: string }>();
    for (const ref of refs) {
      const type = ref.type ?? 'persons';
      if (!Object.hasOwn(PARTICIPANT_TABLES, type))
        throw new ChronicleError('VALIDATION', `a ${role} is a person or an organization, not ${type}`);
      unique.set(`${type}/${ref.id}`, { entity_type: type as ParticipantTable, entity_id: ref.id });
    }
    roles.set(role, [...unique.values()]);
  }
  const refs = [...roles.values()].flat();
  for (const entityTable of Object.keys(PARTICIPANT_TABLES) as ParticipantTable[])
    await assertLiveRecords(
      trx,
      user,
      entityTable,
      refs.filter((r) => r.entity_type === entityTable).map((r) => r.entity_id),
    );
  return roles;
}

/**
 * A link of a person proposal to the existing person it is: a merge, so it needs the merge permission, and its
 * target must be a live person this user may see (the merge checks again under its lock; this answers first, with
 * the not-found a missing id gets, before anything changes).
 */
async function checkSamePerson(
  trx: Kysely<Database>,
  user: PolicyUser | null,
  kind: ProposalKind,
  id: string,
  samePersonAs: string,
): Promise<void> {
  if (kind !== 'person')
    throw new ChronicleError('VALIDATION', `samePersonAs is only for person proposals; ${id} is a proposed ${kind}`);
  if (samePersonAs === id) throw new ChronicleError('VALIDATION', 'a proposal cannot be the same person as itself');
  if (!can(user, 'records.merge')) throw new ChronicleError('FORBIDDEN');
  await assertLiveRecords(trx, user, 'persons', [samePersonAs]);
}

/**
 * Accepts a proposal with a person's corrections. The machine's proposal stays in record_versions as the version
 * before, the corrected record is the version after, and the audit entry holds both. Everything is checked before
 * anything changes, and all of it runs in the caller's transaction, so a refused correction changes nothing.
 * `correctProposal(trx, eventId, { date: '2024-03-11', sentenceYears: 6.5 }, reviewer)` → the corrected view.
 * Events also take `subjects` / `agents` (refs to live persons or organizations) replacing the participants in that
 * role; any proposal takes `evidence` (new spans of its evidence, audited as `review.correct-evidence`, its mentions
 * at the old span moving along); a person proposal takes `samePersonAs`, and is then merged into that person
 * (`person_merges`, undone by `undoMerge`): `correctProposal(trx, personId, { samePersonAs: petrovId }, editor)` →
 * `{ …, status: 'accepted', merged: { mergeId, keptId: petrovId } }`.
 * A person or organization proposal takes `recordType`, the other kind, and becomes a new record of it (src/record/
 * retype.ts): `correctProposal(trx, personId, { recordType: 'organization', name: 'Мемориал' }, reviewer)` →
 * `{ id: <the new organization>, kind: 'organization', status: 'accepted', retypedFrom: { id: personId, kind: 'person' } }`;
 * the view and any link with `samePersonAs` (a person only) are then of the new record.
 */
export async function correctProposal(
  trx: Kysely<Database>,
  id: string,
  changes: Record<string, unknown> & CorrectionLinks,
  user: PolicyUser | null,
): Promise<CorrectedProposal> {
  const { table, kind } = await findProposal(trx, id);
  const { subjects, agents, evidence, samePersonAs, recordType, ...fields } = changes;
  const retype = recordType === undefined ? null : await planRetype(trx, { kind, id }, recordType, fields);
  // A change of kind checks the fields against the new kind (planRetype), the rest against the proposal's own.
  const columns = retype ? {} : toColumns(table as RecordTable, fields);
  const participants = await checkParticipants(trx, user, table, { subjects, agents });
  if (table === 'events') await assertEventLinks(trx, user, fields);
  const spans = await checkEvidenceSpans(trx, user, { table, id }, evidence ?? []);
  if (samePersonAs !== undefined && retype?.to.kind === 'organization')
    throw new ChronicleError(
      'VALIDATION',
      `samePersonAs links a person; recordType 'organization' makes ${id} an organization`,
    );
  if (samePersonAs !== undefined) await checkSamePerson(trx, user, retype?.to.kind ?? kind, id, samePersonAs);
  // As merges.ts's actor: the command line's user has no account to name.
  const userId = user?.id || null;

  if (retype) {
    const record = await retypeRecord(trx, retype, userId);
    // The evidence moved with the proposal to the new record, and its spans move there.
    await moveEvidenceSpans(trx, userId, record, spans);
    const [view] = await loadProposals(trx, [record]);
    return linkSamePerson(trx, user, { ...view!, retypedFrom: { id, kind } }, samePersonAs);
  }

  await changeRecord(trx, table, id, userId, 'review.correct', async (before) => {
    const status = table === 'events' ? { status: 'accepted' as const } : { review_status: 'accepted' as const };
    const settled = table === 'events' ? settleEventDates(before.row as unknown as EventsTable, columns) : columns;
    await trx
      .updateTable(table as 'persons')
      .set({ ...settled, ...status })
      .where('id', '=', id)
      .execute();
    for (const [role, refs] of participants) {
      await trx.deleteFrom('event_participants').where('event_id', '=', id).where('role', '=', role).execute();
      if (refs.length > 0)
        await trx
          .insertInto('event_participants')
          .values(refs.map((r) => ({ event_id: id, ...r, role })))
          .execute();
    }
    if (table === 'persons' && typeof columns.display_name === 'string') {
      await trx
        .insertInto('person_names')
        .values({
          id: newId(),
          person_id: id,
          name: columns.display_name,
          script: null,
          kind: 'alias',
          source_id: null,
        })
        .execute();
      const names = await trx.selectFrom('person_names').select('name').where('person_id', '=', id).execute();
      await setNameKeys(
        trx,
        'persons',
        id,
        names.map((n) => n.name),
      );
    }
    if ((table === 'organizations' || table === 'cases') && typeof columns.name === 'string')
      await setNameKeys(trx, table, id, [columns.name]);
  });
  await moveEvidenceSpans(trx, userId, { table, id }, spans);
  if (table === 'events') {
    // The accepted event's proposed participants are accepted with it, as with a plain accept.
    await acceptEventEffects(trx, id, userId, 'review.accept');
  } else await trx.updateTable('mentions').set({ status: 'accepted' }).where('entity_id', '=', id).execute();
  const [view] = await loadProposals(trx, [{ id, kind }]);
  return linkSamePerson(trx, user, view!, samePersonAs);
}

/**
 * Merges the corrected person proposal into the existing person it is, when the correction says so. Its view is
 * taken before, as the merge moves its names, mentions and evidence to that person.
 */
async function linkSamePerson(
  trx: Kysely<Database>,
  user: PolicyUser | null,
  view: CorrectedProposal,
  samePersonAs: string | undefined,
): Promise<CorrectedProposal> {
  if (samePersonAs === undefined) return view;
  const merge = await mergePersons(
    trx,
    user,
    samePersonAs,
    view.id,
    `linked in review: proposal ${view.retypedFrom?.id ?? view.id} is this person`,
  );
  return { ...view, merged: { mergeId: merge.mergeId, keptId: merge.keptId } };
}
