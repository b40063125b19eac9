import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Runtime } from '../../../app/runtime.js';
import {
  auditRestrictedRead,
  auditRestrictedReads,
  caseScope,
  type PolicyUser,
  visibleIds,
} from '../../../auth/index.js';
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
import { Case, CaseChanges, CaseList, CaseParams, CasesQuery } from './schema.js';

/** A case as this user may see it: parties the policy hides are left out. */
async function visibleCase(db: Kysely<Database>, user: PolicyUser | null, view: CaseView): Promise<CaseView> {
  const persons = await visibleIds(
    db,
    user,
    'persons',
    view.parties.map((p) => p.personId),
  );
  return { ...view, parties: view.parties.filter((p) => persons.has(p.personId)) };
}

/** `/api/v1/cases`: reviewed cases under the one access policy. */
export async function casesRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  app.addSchema(Case);

  app.get('/api/v1/cases', {
    config: { access: 'viewer' },
    schema: {
      tags: ['cases'],
      summary: 'Reviewed cases by name',
      querystring: CasesQuery,
      response: { 200: CaseList },
    },
    handler: async (request) => {
      const { limit = 50, offset = 0 } = request.query as { limit?: number; offset?: number };
      const query = db
        .selectFrom('cases')
        .where('review_status', '=', 'accepted')
        .where('deleted_at', 'is', null)
        .where(caseScope(request.user));
      const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      const rows = await query.select('id').orderBy('name').orderBy('id').limit(limit).offset(offset).execute();
      const items: CaseView[] = [];
      for (const row of rows) items.push(await visibleCase(db, request.user, await getCase(db, row.id)));
      await auditRestrictedReads(db, request.user, 'cases', items, 'list');
      return { total: Number(count?.n ?? 0), items };
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
