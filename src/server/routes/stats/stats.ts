import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Runtime } from '../../../app/runtime.js';
import { eventScope, type PolicyUser, personScope, roleAtLeast } from '../../../auth/index.js';
import type { Database } from '../../../db/schema.js';
import { computeStats, STAT_TYPES } from '../../../record/index.js';
import { ChronicleError } from '../../../shared/errors.js';
import { ErrorBody } from '../../schemas.js';
import { Stats, StatsQuery } from './schema.js';

/**
 * Whether some counted event, or some person it counts, is hidden from this user. computeStats counts the whole
 * record; until it takes the policy's scope, a user who may not see all of it gets no counts rather than counts
 * that reveal hidden records.
 */
async function hidesCountedRecords(db: Kysely<Database>, user: PolicyUser | null): Promise<boolean> {
  if (roleAtLeast(user, 'admin')) return false;
  const counted = db
    .selectFrom('events')
    .where('events.status', '=', 'accepted')
    .where('events.deleted_at', 'is', null)
    .where('events.type', 'in', [...STAT_TYPES]);
  const hiddenEvent = await counted
    .select('events.id')
    .where((eb) => eb.not(eventScope(user)(eb)))
    .limit(1)
    .executeTakeFirst();
  if (hiddenEvent) return true;
  const hiddenPerson = await db
    .selectFrom('persons')
    .select('persons.id')
    .where('persons.deleted_at', 'is', null)
    .where('persons.id', 'in', (eb) =>
      eb
        .selectFrom('event_participants')
        .select('entity_id')
        .where('entity_type', '=', 'persons')
        .where('role', '=', 'subject')
        .where('event_id', 'in', counted.select('events.id')),
    )
    .where((eb) => eb.not(personScope(user)(eb)))
    .limit(1)
    .executeTakeFirst();
  return hiddenPerson !== undefined;
}

/** `/api/v1/stats`: detentions, arrests, searches and sentences by month, region, case and article. */
export async function statsRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  app.get('/api/v1/stats', {
    config: { access: 'viewer' },
    schema: {
      tags: ['stats'],
      summary: 'Accepted events and distinct persons by month, region, case and article (as `chronicle stats`)',
      querystring: StatsQuery,
      response: { 200: Stats, 404: ErrorBody },
    },
    handler: async (request) => {
      const { from, to } = request.query as { from?: string; to?: string };
      if (await hidesCountedRecords(db, request.user))
        throw new ChronicleError('NOT_FOUND', 'statistics are not available to users who cannot see every record');
      return computeStats(db, { from, to });
    },
  });
}
