import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import { cachedStats, type RecordStats, topCases } from '../../../record/index.js';
import { Stats, StatsQuery } from './schema.js';

interface Serialized {
  json: string;
  gzip: Buffer | null;
}

/** The JSON of kept figures, as it is and gzipped, with the top cases or all of them; dropped with the figures. */
const serialized = new WeakMap<RecordStats, { top?: Serialized; all?: Serialized }>();

/** Whether the client takes gzip (`Accept-Encoding: gzip, br`; not `gzip;q=0`). */
function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    return coding?.trim() === 'gzip' && !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
  });
}

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
        body = {
          json: JSON.stringify(topCases(stats, cases === 'all' ? Number.POSITIVE_INFINITY : undefined)),
          gzip: null,
        };
        kept[cases] = body;
      }
      reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
      if (!acceptsGzip(request.headers['accept-encoding'])) return reply.send(body.json);
      body.gzip ??= gzipSync(body.json);
      return reply.header('content-encoding', 'gzip').send(body.gzip);
    },
  });
}
