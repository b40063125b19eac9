import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Runtime } from '../../../app/runtime.js';
import {
  auditRestrictedRead,
  type PolicyUser,
  personScope,
  type ScopedTable,
  visibleIds,
} from '../../../auth/index.js';
import type { Database } from '../../../db/schema.js';
import {
  deletePerson,
  getPerson,
  getPersonStatus,
  listVersions,
  loadProposals,
  normalizeName,
  type PersonInput,
  type PersonStatus,
  type PersonView,
  type RecordSnapshot,
  restorePerson,
  setStatusOverride,
  toPersonView,
  updatePerson,
} from '../../../record/index.js';
import { ChronicleError } from '../../../shared/errors.js';
import { ErrorBody } from '../../schemas.js';
import { withVisibleEvidence } from '../review/visible-evidence.js';
import {
  Person,
  PersonChanges,
  PersonDetail,
  PersonList,
  PersonParams,
  PersonsQuery,
  StatusOverride,
  StatusOverrideResult,
} from './schema.js';

/** Throws the not-found every missing id gets unless the policy lets this user see the record. */
export async function assertVisible(
  db: Kysely<Database>,
  user: PolicyUser | null,
  table: ScopedTable,
  id: string,
  noun: string,
): Promise<void> {
  if (!(await visibleIds(db, user, table, [id])).has(id)) throw new ChronicleError('NOT_FOUND', `no ${noun} ${id}`);
}

/** `'50%_x'` → `'50\%\_x'`: a search text is matched literally inside LIKE. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Accepted people this user may see, by name, optionally matching a name fragment and a status. */
async function listVisiblePersons(
  db: Kysely<Database>,
  user: PolicyUser | null,
  options: { q?: string; status?: string; limit: number; offset: number },
) {
  let query = db
    .selectFrom('persons')
    .where('review_status', '=', 'accepted')
    .where('merged_into', 'is', null)
    .where('deleted_at', 'is', null)
    .where(personScope(user));
  if (options.status) query = query.where('status', '=', options.status);
  const key = options.q ? normalizeName(options.q) : '';
  if (key) {
    const pattern = `%${likeLiteral(key)}%`;
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('name_keys')
        .select('record_id')
        .where('record_table', '=', 'persons')
        .where(sql<boolean>`name_key LIKE ${pattern} ESCAPE '\\'`),
    );
  }
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await query
    .select('id')
    .orderBy('display_name')
    .orderBy('id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return {
    total: Number(count?.n ?? 0),
    items: await personsByIds(
      db,
      rows.map((r) => r.id),
    ),
  };
}

/**
 * The people of one page in two queries (rows, then names) rather than two per person, in the page's order: a page
 * of 50 was 100 round trips, which under 50 concurrent connections dominated the list (bench/api.ts).
 */
async function personsByIds(db: Kysely<Database>, ids: string[]): Promise<PersonView[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('persons').selectAll().where('id', 'in', ids).execute();
  const names = await db
    .selectFrom('person_names')
    .select(['id', 'name', 'script', 'kind', 'source_id', 'person_id'])
    .where('person_id', 'in', ids)
    .orderBy('id')
    .execute();
  const namesOf = new Map<string, NonNullable<RecordSnapshot['names']>>();
  for (const { person_id, ...name } of names) namesOf.set(person_id, [...(namesOf.get(person_id) ?? []), name]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toPersonView({ row: { ...row }, names: namesOf.get(id) ?? [] })] : [];
  });
}

/** A person with status (and the event that set it), timeline with evidence, cases and versions. */
async function personDetail(db: Kysely<Database>, user: PolicyUser | null, id: string) {
  const person = await getPerson(db, id);
  const status = await getPersonStatus(db, id);
  // The ids of the person's accepted events, newest first (as listEvents orders them): the timeline below loads each
  // event as a proposal, so loading them here as well (listEvents reads every event whole) was work thrown away.
  const events = await db
    .selectFrom('events')
    .select('id')
    .where('status', '=', 'accepted')
    .where('deleted_at', 'is', null)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('event_participants')
        .select('event_id')
        .where('entity_type', '=', 'persons')
        .where('entity_id', '=', id),
    )
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  const visibleEvents = await visibleIds(
    db,
    user,
    'events',
    events.map((e) => e.id),
  );
  const timeline = await withVisibleEvidence(
    db,
    user,
    await loadProposals(
      db,
      events
        .filter((e) => visibleEvents.has(e.id))
        .reverse()
        .map((e) => ({ id: e.id, kind: 'event' as const })),
    ),
  );
  const parties = await db
    .selectFrom('case_parties')
    .innerJoin('cases', 'cases.id', 'case_parties.case_id')
    .select(['cases.id', 'cases.name', 'case_parties.role'])
    .where('case_parties.person_id', '=', id)
    .where('cases.deleted_at', 'is', null)
    .execute();
  const caseNames = new Map<string, { name: string; roles: Set<string> }>();
  for (const p of parties) {
    const entry = caseNames.get(p.id) ?? { name: p.name, roles: new Set<string>() };
    entry.roles.add(p.role);
    caseNames.set(p.id, entry);
  }
  for (const e of timeline)
    if (e.event?.case && !caseNames.has(e.event.case.id))
      caseNames.set(e.event.case.id, { name: e.event.case.name, roles: new Set() });
  const visibleCases = await visibleIds(db, user, 'cases', [...caseNames.keys()]);
  const cases = [...caseNames.entries()]
    .filter(([caseId]) => visibleCases.has(caseId))
    .map(([caseId, c]) => ({ id: caseId, name: c.name, roles: [...c.roles].sort() }));
  const versions = (await listVersions(db, 'persons', id)).map((v) => ({
    version: v.version,
    at: v.at,
    userId: v.userId,
  }));
  return {
    person,
    status: { ...status, event: timeline.find((e) => e.id === status.eventId) ?? null },
    timeline,
    cases,
    versions,
  };
}

/** `/api/v1/persons`: the reviewed people, each read and change under the one access policy. */
export async function personsRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  app.addSchema(Person);
  const one = { params: PersonParams };

  app.get('/api/v1/persons', {
    config: { access: 'viewer' },
    schema: {
      tags: ['persons'],
      summary: 'Reviewed people by name, with search text and status filter',
      querystring: PersonsQuery,
      response: { 200: PersonList },
    },
    handler: async (request) => {
      const q = request.query as { q?: string; status?: string; limit?: number; offset?: number };
      return listVisiblePersons(db, request.user, { ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
    },
  });

  app.get('/api/v1/persons/:id', {
    config: { access: 'viewer' },
    schema: {
      tags: ['persons'],
      summary: 'One person: names, status with the event that set it, timeline with evidence, cases, versions',
      ...one,
      response: { 200: PersonDetail, 404: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      await assertVisible(db, request.user, 'persons', id, 'person');
      const detail = await personDetail(db, request.user, id);
      await auditRestrictedRead(db, request.user, 'persons', detail.person);
      return detail;
    },
  });

  app.patch('/api/v1/persons/:id', {
    config: { access: 'editor' },
    schema: {
      tags: ['persons'],
      summary: 'Change fields of a person (a new version)',
      ...one,
      body: PersonChanges,
      response: { 200: Type.Ref('Person'), 400: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      await assertVisible(db, request.user, 'persons', id, 'person');
      const changes = request.body as Partial<PersonInput>;
      return db.transaction().execute((trx) => updatePerson(trx, id, changes, request.user?.id ?? null));
    },
  });

  app.delete('/api/v1/persons/:id', {
    config: { access: 'editor' },
    schema: {
      tags: ['persons'],
      summary: 'Soft-delete a person (kept with history; restorable)',
      ...one,
      response: { 200: Type.Ref('Person'), 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      await assertVisible(db, request.user, 'persons', id, 'person');
      return db.transaction().execute((trx) => deletePerson(trx, id, request.user?.id ?? null));
    },
  });

  app.post('/api/v1/persons/:id/restore', {
    config: { access: 'editor' },
    schema: {
      tags: ['persons'],
      summary: 'Undo the soft delete of a person',
      ...one,
      response: { 200: Type.Ref('Person'), 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      await assertVisible(db, request.user, 'persons', id, 'person');
      return db.transaction().execute((trx) => restorePerson(trx, id, request.user?.id ?? null));
    },
  });

  app.post('/api/v1/persons/:id/status-override', {
    config: { access: 'editor' },
    schema: {
      tags: ['persons'],
      summary: 'Set (or with status null, clear) a manual status with its reason',
      ...one,
      body: StatusOverride,
      response: { 200: StatusOverrideResult, 400: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      await assertVisible(db, request.user, 'persons', id, 'person');
      const body = request.body as { status: PersonStatus | null; reason?: string | null };
      return db
        .transaction()
        .execute((trx) =>
          setStatusOverride(trx, id, { status: body.status, reason: body.reason ?? null }, request.user?.id ?? null),
        );
    },
  });
}
