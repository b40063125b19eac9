import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Runtime } from '../../../app/runtime.js';
import { auditRestrictedRead, auditRestrictedReads, type PolicyUser, visibleIds } from '../../../auth/index.js';
import type { Database } from '../../../db/schema.js';
import {
  assertEventLinks,
  deleteEvent,
  type EventRecordInput,
  type EventView,
  getCase,
  getEvent,
  loadProposals,
  restoreEvent,
  updateEvent,
} from '../../../record/index.js';
import { datesInOrder, ErrorBody } from '../../schemas.js';
import { assertVisible } from '../persons/persons.js';
import { withVisibleEvidence } from '../review/visible-evidence.js';
import { type EventFilters, eventFacets, eventLabels, eventPlaces, filteredEvents } from './browse.js';
import {
  Event,
  EventChanges,
  EventDetail,
  EventList,
  EventParams,
  EventPlaces,
  EventPlacesQuery,
  EventsQuery,
} from './schema.js';

/** Events as this user may see them: hidden participants left out, evidence only from visible sources. */
async function visibleEvents(db: Kysely<Database>, user: PolicyUser | null, views: EventView[]) {
  const proposals = await withVisibleEvidence(
    db,
    user,
    await loadProposals(
      db,
      views.map((v) => ({ id: v.id, kind: 'event' as const })),
    ),
  );
  const refs = views.flatMap((v) => v.participants);
  const persons = await visibleIds(
    db,
    user,
    'persons',
    refs.filter((p) => p.entityType === 'persons').map((p) => p.entityId),
  );
  const organizations = await visibleIds(
    db,
    user,
    'organizations',
    refs.filter((p) => p.entityType === 'organizations').map((p) => p.entityId),
  );
  return views.map((v) => ({
    ...v,
    participants: v.participants.filter((p) => (p.entityType === 'persons' ? persons : organizations).has(p.entityId)),
    evidence: proposals.find((p) => p.id === v.id)?.evidence ?? [],
  }));
}

/**
 * An event as its page shows it: the names of the list (place, case, visible people), and what the list leaves out —
 * the case's articles, and whether the case and each person were accepted by a reviewer.
 */
async function eventDetail<T extends EventView>(db: Kysely<Database>, user: PolicyUser | null, event: T) {
  const labels = (await eventLabels(db, user, [event])).get(event.id);
  const personIds = (labels?.persons ?? []).map((p) => p.id);
  const reviewed = new Map(
    personIds.length === 0
      ? []
      : (await db.selectFrom('persons').select(['id', 'review_status']).where('id', 'in', personIds).execute()).map(
          (p) => [p.id, p.review_status] as const,
        ),
  );
  const caseView = labels?.case ? await getCase(db, labels.case.id) : null;
  return {
    ...event,
    place: labels?.place ?? null,
    case: caseView
      ? { id: caseView.id, name: caseView.name, reviewStatus: caseView.reviewStatus, articles: caseView.articles }
      : null,
    persons: (labels?.persons ?? []).map((p) => ({ ...p, reviewStatus: reviewed.get(p.id) ?? 'proposed' })),
  };
}

/** `/api/v1/events`: accepted events under the one access policy. */
export async function eventsRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  app.addSchema(Event);

  app.get('/api/v1/events', {
    config: { access: 'viewer' },
    schema: {
      tags: ['events'],
      summary:
        'Accepted events, newest first; filtered by person, case, place, type, dates and region, with facet counts',
      querystring: EventsQuery,
      response: { 200: EventList, 400: ErrorBody },
    },
    preHandler: datesInOrder,
    handler: async (request) => {
      const q = request.query as EventFilters & { limit?: number; offset?: number };
      const query = filteredEvents(db, request.user, q);
      const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      const rows = await query
        .select('events.id')
        .orderBy('events.date', 'desc')
        .orderBy('events.id', 'desc')
        .limit(q.limit ?? 50)
        .offset(q.offset ?? 0)
        .execute();
      const views: EventView[] = [];
      for (const row of rows) views.push(await getEvent(db, row.id));
      const visible = await visibleEvents(db, request.user, views);
      await auditRestrictedReads(db, request.user, 'events', visible, 'list');
      const labels = await eventLabels(db, request.user, visible);
      return {
        total: Number(count?.n ?? 0),
        items: visible.map((v) => ({ ...v, ...labels.get(v.id) })),
        facets: await eventFacets(db, request.user, q),
      };
    },
  });

  app.get('/api/v1/events/places', {
    config: { access: 'viewer' },
    schema: {
      tags: ['events'],
      summary: 'Filtered events counted by place, for places with coordinates (the map)',
      querystring: EventPlacesQuery,
      response: { 200: EventPlaces, 400: ErrorBody },
    },
    preHandler: datesInOrder,
    handler: async (request) => eventPlaces(db, request.user, request.query as EventFilters),
  });

  app.get('/api/v1/events/:id', {
    config: { access: 'viewer' },
    schema: {
      tags: ['events'],
      summary: 'One event with its participants and evidence, its place, case and people named',
      params: EventParams,
      response: { 200: EventDetail, 404: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      await assertVisible(db, request.user, 'events', id, 'event');
      const view = await getEvent(db, id);
      await auditRestrictedRead(db, request.user, 'events', view);
      const [visible] = await visibleEvents(db, request.user, [view]);
      return eventDetail(db, request.user, visible as EventView);
    },
  });

  const change = (
    summary: string,
    apply: (trx: Kysely<Database>, id: string, userId: string | null, body: unknown) => Promise<EventView>,
    check?: (user: PolicyUser | null, body: unknown) => Promise<void>,
  ) => ({
    config: { access: 'editor' as const },
    schema: {
      tags: ['events'],
      summary,
      params: EventParams,
      response: { 200: Type.Ref('Event'), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request: { params: unknown; body: unknown; user: PolicyUser | null }) => {
      const { id } = request.params as { id: string };
      await assertVisible(db, request.user, 'events', id, 'event');
      await check?.(request.user, request.body);
      const view = await db.transaction().execute((trx) => apply(trx, id, request.user?.id ?? null, request.body));
      const [visible] = await visibleEvents(db, request.user, [view]);
      return visible;
    },
  });
  const patch = change(
    'Change fields of an event (a new version; its subjects’ status follows)',
    (trx, id, userId, body) => updateEvent(trx, id, body as Partial<EventRecordInput>, userId),
    (user, body) => assertEventLinks(db, user, body as Partial<EventRecordInput>),
  );
  const rules =
    "datePrecision is the date's own (derived when only date is sent); dateEnd is not before date and is cleared " +
    'with it; a date more than a day ahead is refused except for hearings, meetings and other events; caseId and ' +
    'placeId must name a case the user may see and a place that exists (404 otherwise)';
  app.patch('/api/v1/events/:id', { ...patch, schema: { ...patch.schema, description: rules, body: EventChanges } });
  app.delete(
    '/api/v1/events/:id',
    change('Soft-delete an event (kept with history; restorable)', (trx, id, userId) => deleteEvent(trx, id, userId)),
  );
  app.post(
    '/api/v1/events/:id/restore',
    change('Undo the soft delete of an event', (trx, id, userId) => restoreEvent(trx, id, userId)),
  );
}
