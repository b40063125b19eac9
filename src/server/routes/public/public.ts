import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import { listPublicPersons, publicPersonsCsv, publicPersonsHtml } from '../../../publish/index.js';
import { nullable } from '../../schemas.js';

const PublicPersons = Type.Object({
  items: Type.Array(
    Type.Object(
      {
        name: Type.String(),
        status: nullable(Type.String()),
        case: nullable(Type.String()),
        articles: nullable(Type.String()),
        region: nullable(Type.String()),
      },
      { additionalProperties: false },
    ),
  ),
});

/** The public list (no session needed): `/public` as HTML, `/api/v1/public/persons[.json|.csv]`. */
export async function publicRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  const json = {
    config: { access: 'public' as const },
    // The response schema doubles as an allow-list: fast-json-stringify drops any field not named here.
    schema: { tags: ['public'], summary: 'People and cases published with consent', response: { 200: PublicPersons } },
    handler: async () => ({ items: await listPublicPersons(db) }),
  };
  app.get('/api/v1/public/persons', json);
  app.get('/api/v1/public/persons.json', { ...json, schema: { ...json.schema, hide: true } });
  app.get('/api/v1/public/persons.csv', {
    config: { access: 'public' },
    schema: { tags: ['public'], summary: 'The public list as CSV' },
    handler: async (_request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="chronicle-public.csv"')
        .send(publicPersonsCsv(await listPublicPersons(db))),
  });
  app.get('/public', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: async (_request, reply) =>
      reply.header('content-type', 'text/html; charset=utf-8').send(publicPersonsHtml(await listPublicPersons(db))),
  });
}
