import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Runtime } from '../../../app/runtime.js';
import { auditRestrictedRead, caseScope, type PolicyUser, visibleIds } from '../../../auth/index.js';
import type { Database } from '../../../db/schema.js';
import { type CaseView, getCase } from '../../../record/index.js';
import { ErrorBody } from '../../schemas.js';
import { assertVisible } from '../persons/persons.js';
import { Case, CaseList, CaseParams, CasesQuery } from './schema.js';

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
}
