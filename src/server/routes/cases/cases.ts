import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Runtime } from '../../../app/runtime.js';
import { auditRestrictedListRead, auditRestrictedRead, type PolicyUser } from '../../../auth/index.js';
import type { Database } from '../../../db/schema.js';
import {
  type CaseRecordInput,
  type CaseView,
  deleteCase,
  getCase,
  restoreCase,
  updateCase,
} from '../../../record/index.js';
import { ErrorBody } from '../../schemas.js';
import { assertVisible } from '../persons/persons.js';
import { browseCases, type CaseFilters, caseDetail, visibleCase } from './browse.js';
import { Case, CaseChanges, CaseDetail, CaseList, CaseParams, CasesQuery } from './schema.js';

/** `/api/v1/cases`: reviewed cases under the one access policy. */
export async function casesRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  app.addSchema(Case);

  app.get('/api/v1/cases', {
    config: { access: 'viewer' },
    schema: {
      tags: ['cases'],
      summary: 'Reviewed cases with filters, facet counts and sorting',
      querystring: CasesQuery,
      response: { 200: CaseList },
    },
    handler: async (request) => {
      const q = request.query as Omit<CaseFilters, 'limit' | 'offset'> & { limit?: number; offset?: number };
      const page = await browseCases(db, request.user, { ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
      // A list that shows a group member restricted cases is a read of each of them (DESIGN §8).
      await auditRestrictedListRead(
        db,
        request.user,
        'cases',
        page.items.map((c) => c.id),
      );
      return page;
    },
  });

  app.get('/api/v1/cases/:id/detail', {
    config: { access: 'viewer' },
    schema: {
      tags: ['cases'],
      summary: 'One case for its page: parties with status, events with evidence, next hearing',
      params: CaseParams,
      response: { 200: CaseDetail, 404: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      await assertVisible(db, request.user, 'cases', id, 'case');
      const detail = await caseDetail(db, request.user, id);
      await auditRestrictedRead(db, request.user, 'cases', detail.case);
      return detail;
    },
  });

  app.get('/api/v1/cases/:id', {
    config: { access: 'viewer' },
    schema: {
      tags: ['cases'],
      summary: 'One case with its parties',
      params: CaseParams,
      response: { 200: Case, 404: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      await assertVisible(db, request.user, 'cases', id, 'case');
      const view = await getCase(db, id);
      await auditRestrictedRead(db, request.user, 'cases', view);
      return visibleCase(db, request.user, view);
    },
  });

  const change = (
    summary: string,
    apply: (trx: Kysely<Database>, id: string, userId: string | null, body: unknown) => Promise<CaseView>,
  ) => ({
    config: { access: 'editor' as const },
    schema: {
      tags: ['cases'],
      summary,
      params: CaseParams,
      response: { 200: Type.Ref('Case'), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request: { params: unknown; body: unknown; user: PolicyUser | null }) => {
      const { id } = request.params as { id: string };
      await assertVisible(db, request.user, 'cases', id, 'case');
      const view = await db.transaction().execute((trx) => apply(trx, id, request.user?.id ?? null, request.body));
      return visibleCase(db, request.user, view);
    },
  });
  const patch = change('Change fields of a case (a new version)', (trx, id, userId, body) =>
    updateCase(trx, id, body as Partial<CaseRecordInput>, userId),
  );
  app.patch('/api/v1/cases/:id', { ...patch, schema: { ...patch.schema, body: CaseChanges } });
  app.delete(
    '/api/v1/cases/:id',
    change('Soft-delete a case (kept with history; restorable)', (trx, id, userId) => deleteCase(trx, id, userId)),
  );
  app.post(
    '/api/v1/cases/:id/restore',
    change('Undo the soft delete of a case', (trx, id, userId) => restoreCase(trx, id, userId)),
  );
}
