import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import { cachedStats } from '../../../record/index.js';
import { Stats, StatsQuery } from './schema.js';

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
    handler: async (request) => {
      const { from, to } = request.query as { from?: string; to?: string };
      // Counted under the policy: records hidden from this user never change the figures they get; kept only for
      // users who see the same records, until the record changes.
      return cachedStats(db, { from, to, user: request.user });
    },
  });
}
