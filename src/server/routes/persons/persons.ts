import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Runtime } from '../../../app/runtime.js';
import {
  auditRestrictedRead,
  auditRestrictedReads,
  caseScope,
  eventScope,
  type PolicyUser,
  personScope,
  restrictedAmong,
  type ScopedTable,
  visibleIds,
} from '../../../auth/index.js';
import type { Database } from '../../../db/schema.js';
import {
  deletePerson,
  getPerson,
  listVersions,
  loadPersonEvents,
  type PersonInput,
  type PersonStatus,
  type PersonTableOptions,
  queryPersonTable,
  recordMemo,
  restorePerson,
  setStatusOverride,
  updatePerson,
} from '../../../record/index.js';
import { ChronicleError } from '../../../shared/errors.js';
import { keepJson, sendKept } from '../../kept-json.js';
import { datesInOrder, ErrorBody } from '../../schemas.js';
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

/** A person with status (and the event that set it), timeline with evidence, cases and versions. */
async function personDetail(db: Kysely<Database>, user: PolicyUser | null, id: string) {
  const person = await getPerson(db, id);
  // The person's events once, for the status (from all of them) and the timeline (those this user may see).
  const { status, timeline: events, restrictedEvents } = await loadPersonEvents(db, person, eventScope(user));
  const timeline = await withVisibleEvidence(db, user, events);
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
    detail: {
      person,
      status: { ...status, event: timeline.find((e) => e.id === status.eventId) ?? null },
      timeline,
      cases,
      versions,
    },
    restrictedEvents,
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
      summary:
        'The people table: reviewed people filtered (name, status, region, case, article, event dates), sorted and paged, with facet counts',
      querystring: PersonsQuery,
      response: { 200: PersonList, 400: ErrorBody },
    },
    preHandler: datesInOrder,
    handler: async (request, reply) => {
      const { case: caseId, ...q } = request.query as Omit<PersonTableOptions, 'limit' | 'offset' | 'caseId'> & {
        case?: string;
        limit?: number;
        offset?: number;
      };
      const user = request.user;
      const memo = await recordMemo(db, user);
      // The page's JSON is kept with the figures under it (the same audience, until the record changes): a kept page
      // then costs a look-up, where serializing fifty people cost more than the look-ups behind them.
      const kept = await memo('persons.response', request.query, async () => {
        const page = await queryPersonTable(
          db,
          { persons: personScope(user), events: eventScope(user), cases: caseScope(user) },
          { ...q, ...(caseId ? { caseId } : {}), limit: q.limit ?? 50, offset: q.offset ?? 0 },
          memo,
        );
        return {
          body: keepJson(reply, page),
          restricted: page.items.filter((p) => p.confidentiality === 'restricted'),
        };
      });
      // A list that shows a group member restricted people is a read of each of them, every time (DESIGN §8).
      await auditRestrictedReads(db, user, 'persons', kept.restricted, 'list');
      return sendKept(request, reply, kept.body);
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
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const user = request.user;
      // Kept per audience until the record changes, with its JSON: a page read again (a family checking, a list
      // opened in tabs) costs no queries beyond the audits of what it shows. Whether the person is visible is part of
      // what is kept: the audience sees the same records until the record changes.
      const memo = await recordMemo(db, user);
      const kept = await memo('person.response', id, async () => {
        await assertVisible(db, user, 'persons', id, 'person');
        const { detail, restrictedEvents } = await personDetail(db, user, id);
        // The timeline and case list show restricted events and cases to a member: reads of those too.
        return {
          body: keepJson(reply, detail),
          person: { id: detail.person.id, confidentiality: detail.person.confidentiality },
          events: restrictedEvents,
          cases: await restrictedAmong(
            db,
            'cases',
            detail.cases.map((c) => c.id),
          ),
        };
      });
      await auditRestrictedRead(db, user, 'persons', kept.person);
      await auditRestrictedReads(db, user, 'events', kept.events, 'timeline');
      await auditRestrictedReads(db, user, 'cases', kept.cases, 'person');
      return sendKept(request, reply, kept.body);
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
