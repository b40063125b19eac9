import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import { auditRestrictedListRead } from '../../../auth/index.js';
import { recordHistory } from '../../../record/index.js';
import { ErrorBody } from '../../schemas.js';
import { assertVisible } from './persons.js';
import { PersonParams, RecordHistory, RecordHistoryQuery } from './schema.js';

/** The records whose pages show an edit history, each under its own path. */
const HISTORIES = [
  { table: 'persons', noun: 'person', summary: "A person's" },
  { table: 'cases', noun: 'case', summary: "A case's" },
  { table: 'events', noun: 'event', summary: "An event's" },
] as const;

/**
 * `/api/v1/persons|cases|events/:id/history`: who changed what in a record, and when — the edit history of the
 * person, case and event pages.
 */
export async function recordHistoryRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  for (const { table, noun, summary } of HISTORIES) {
    app.get(`/api/v1/${table}/:id/history`, {
      config: { access: 'viewer' },
      schema: {
        tags: [table],
        summary: `${summary} versions, newest first: who made each, when, by which action, and the fields it changed`,
        params: PersonParams,
        querystring: RecordHistoryQuery,
        response: { 200: RecordHistory, 400: ErrorBody, 404: ErrorBody },
      },
      handler: async (request) => {
        const { id } = request.params as { id: string };
        const { limit, offset } = request.query as { limit?: number; offset?: number };
        const user = request.user;
        // The same gate as the record's page: a record this user may not see is as missing as one that never was.
        await assertVisible(db, user, table, id, noun);
        const now = await db
          .selectFrom(table as 'persons')
          .select('confidentiality')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        // Who may read it restricted now passed the gate above; open now, only an admin read it when it was closed.
        const history = await recordHistory(db, table, id, {
          limit: limit ?? 50,
          offset: offset ?? 0,
          withholdRestricted: now.confidentiality !== 'restricted' && user?.role !== 'admin',
        });
        // Old versions hold what the page shows (names, notes): reading them is a read of a restricted record.
        await auditRestrictedListRead(db, user, table, [id], 'history');
        return history;
      },
    });
  }
}
