import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import { getJob, type JobStatus, listJobs, retryJobs } from '../../../jobs/index.js';
import { ErrorBody, Id, nullable, Offset } from '../../schemas.js';
import { visibleJobs } from './visible-jobs.js';

const Job = Type.Object(
  {
    id: Type.String(),
    kind: Type.String(),
    payload: Type.Unknown(),
    status: Type.String(),
    attempts: Type.Integer(),
    maxAttempts: Type.Integer(),
    leaseUntil: nullable(Type.String()),
    workerId: nullable(Type.String()),
    error: nullable(Type.String()),
    result: Type.Unknown(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    withheld: Type.Optional(
      Type.Literal(true, {
        description: 'The job concerns a source the reader may not read: its payload, result and error are withheld',
      }),
    ),
  },
  { $id: 'Job' },
);

/**
 * `/api/v1/jobs`: the ingestion queue made visible, so work never stalls silently. Editors only: a job's payload
 * names the file and its metadata, and of a job about a source the editor may not read that is withheld
 * (`visibleJobs`).
 */
export async function jobsRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  app.addSchema(Job);
  app.get('/api/v1/jobs', {
    config: { access: 'editor' },
    schema: {
      tags: ['jobs'],
      summary: 'Queued, running, done and failed jobs with their reasons',
      querystring: Type.Object({
        status: Type.Optional(Type.Union(['queued', 'running', 'done', 'failed'].map((s) => Type.Literal(s)))),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        offset: Offset,
      }),
      response: {
        200: Type.Object({
          counts: Type.Object({
            queued: Type.Integer(),
            running: Type.Integer(),
            done: Type.Integer(),
            failed: Type.Integer(),
          }),
          items: Type.Array(Type.Ref('Job')),
          health: Type.Object(
            {
              oldestQueuedAt: nullable(Type.String()),
              expiredLeases: Type.Integer(),
              stalled: Type.Boolean(),
            },
            {
              description:
                'Whether the queue moves: since when the longest-waiting job is queued, running jobs whose worker ' +
                'stopped renewing its lease (the next worker takes them again), and stalled when work has waited ' +
                'two minutes with no worker on any job',
            },
          ),
        }),
      },
    },
    handler: async (request) => {
      const { status, limit, offset } = request.query as { status?: JobStatus; limit?: number; offset?: number };
      const listed = await listJobs(db, { status, limit, offset });
      return { ...listed, items: await visibleJobs(db, request.user, listed.items) };
    },
  });
  app.get('/api/v1/jobs/:id', {
    config: { access: 'editor' },
    schema: { tags: ['jobs'], params: Type.Object({ id: Id }), response: { 200: Type.Ref('Job'), 404: ErrorBody } },
    handler: async (request) => {
      const job = await getJob(db, (request.params as { id: string }).id);
      return (await visibleJobs(db, request.user, [job]))[0];
    },
  });
  app.post('/api/v1/jobs/retry', {
    config: { access: 'editor' },
    schema: {
      tags: ['jobs'],
      summary: 'Queue failed jobs again (all, or the ids given)',
      // Without `ids` every failed job is retried: a misspelt `id` or `{"all": false}` must not be read as that.
      body: Type.Object({ ids: Type.Optional(Type.Array(Id, { maxItems: 10_000 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ retried: Type.Integer() }) },
    },
    handler: async (request) => ({ retried: await retryJobs(db, (request.body as { ids?: string[] }).ids) }),
  });
}
