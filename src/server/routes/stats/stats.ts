import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import { cachedStats, type RecordStats } from '../../../record/index.js';
import { Stats, StatsQuery } from './schema.js';

/** The JSON of kept figures, dropped with them. */
const serialized = new WeakMap<RecordStats, string>();

/** `/api/v1/stats`: detentions, arrests, searches and sentences by month, region, case and article. */
export async function statsRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  app.get('/api/v1/stats', {
    config: { access: 'viewer' },
    schema: {
      tags: ['stats'],
      summary:
        'Accepted events and distinct persons by month, region, case and article (as `chronicle stats`), counting only records this user may see',
      querystring: StatsQuery,
      response: { 200: Stats },
    },
    handler: async (request, reply) => {
      const { from, to } = request.query as { from?: string; to?: string };
      // Counted under the policy: records hidden from this user never change the figures they get; kept only for
      // users who see the same records, until the record changes.
      const stats = await cachedStats(db, { from, to, user: request.user });
      // Kept figures are the same object until the record changes, so their JSON (a megabyte at 3,000 cases,
      // longer to serialize than to look up) is made once for them; a string with a JSON type is sent as it is.
      let body = serialized.get(stats);
      if (body === undefined) {
        body = JSON.stringify(stats);
        serialized.set(stats, body);
      }
      return reply.type('application/json; charset=utf-8').send(body);
    },
  });
}
