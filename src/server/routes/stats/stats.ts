import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import { cachedStats, type RecordStats, topCases } from '../../../record/index.js';
import { KeptJson, sendKept } from '../../kept-json.js';
import { datesInOrder, ErrorBody } from '../../schemas.js';
import { Stats, StatsQuery } from './schema.js';

/** The JSON of kept figures with the top cases or all of them; dropped with the figures. */
const serialized = new WeakMap<RecordStats, { top?: KeptJson; all?: KeptJson }>();

/** `/api/v1/stats`: detentions, arrests, searches, custody orders and sentences by month, region, case and article. */
export async function statsRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  app.get('/api/v1/stats', {
    config: { access: 'viewer' },
    schema: {
      tags: ['stats'],
      summary:
        'Accepted events and distinct persons by month, region, case and article (as `chronicle stats`), counting only records this user may see',
      querystring: StatsQuery,
      response: { 200: Stats, 400: ErrorBody },
    },
    preHandler: datesInOrder,
    handler: async (request, reply) => {
      const { from, to, cases = 'top' } = request.query as { from?: string; to?: string; cases?: 'top' | 'all' };
      // Counted under the policy: records hidden from this user never change the figures they get; kept only for
      // users who see the same records, until the record changes.
      const stats = await cachedStats(db, { from, to, user: request.user });
      // Kept figures are the same object until the record changes, so their JSON (a megabyte and a half at 3,000
      // cases: longer to serialize and send than to look up) is made, and gzipped, once for them. A string or a
      // buffer with a JSON type is sent as it is. By default only the top cases go (`topCases`): the page draws ten
      // and lists a hundred; its CSV asks for all.
      let kept = serialized.get(stats);
      if (kept === undefined) {
        kept = {};
        serialized.set(stats, kept);
      }
      let body = kept[cases];
      if (body === undefined) {
        body = new KeptJson(JSON.stringify(topCases(stats, cases === 'all' ? Number.POSITIVE_INFINITY : undefined)));
        kept[cases] = body;
      }
      return sendKept(request, reply, body);
    },
  });
}
