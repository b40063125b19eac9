import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import { auditRestrictedListRead } from '../../../auth/index.js';
import { recordHistory } from '../../../record/index.js';
import { ErrorBody } from '../../schemas.js';
import { assertVisible } from './persons.js';
import { PersonHistory, PersonHistoryQuery, PersonParams } from './schema.js';

/** `/api/v1/persons/:id/history`: who changed what in a person, and when — the person page's edit history. */
export async function personHistoryRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;

  app.get('/api/v1/persons/:id/history', {
    config: { access: 'viewer' },
    schema: {
      tags: ['persons'],
      summary: "A person's versions, newest first: who made each, when, by which action, and the fields it changed",
      params: PersonParams,
      querystring: PersonHistoryQuery,
      response: { 200: PersonHistory, 400: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      const { limit, offset } = request.query as { limit?: number; offset?: number };
      const user = request.user;
      // The same gate as the person page: a person this user may not see is as missing as one that never was.
      await assertVisible(db, user, 'persons', id, 'person');
      const history = await recordHistory(db, 'persons', id, { limit: limit ?? 50, offset: offset ?? 0 });
      // Old versions hold what the person page shows (names, notes): reading them is a read of a restricted person.
      await auditRestrictedListRead(db, user, 'persons', [id], 'history');
      return history;
    },
  });
}
