import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Runtime } from '../../../app/runtime.js';

/** `/healthz`: answers without a session, for load balancers and `npm start` checks. */
export async function healthRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  app.get('/healthz', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(runtime.workspace.db);
        return { status: 'ok', database: runtime.workspace.dialect };
      } catch {
        return reply.status(503).send({ status: 'unavailable' });
      }
    },
  });
}
