import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import { type AuditFilter, auditActions, listAudit, verifyAuditChain } from '../../../audit/index.js';
import { AUDIT_FILTER_MAX_LENGTH, AUDIT_FILTER_PATTERNS } from '../../../shared/audit-filters.js';
import { datesInOrder, ErrorBody, nullable, Offset } from '../../schemas.js';

const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Offset,
    action: Type.Optional(
      Type.String({
        maxLength: AUDIT_FILTER_MAX_LENGTH,
        pattern: AUDIT_FILTER_PATTERNS.action,
        description: 'The exact action, e.g. `person.status-override`; lower-case letters, digits, `.`, `_` and `-`',
      }),
    ),
    actor: Type.Optional(Type.String({ maxLength: AUDIT_FILTER_MAX_LENGTH, pattern: AUDIT_FILTER_PATTERNS.actor })),
    targetType: Type.Optional(
      Type.String({ maxLength: AUDIT_FILTER_MAX_LENGTH, pattern: AUDIT_FILTER_PATTERNS.targetType }),
    ),
    targetId: Type.Optional(
      Type.String({ maxLength: AUDIT_FILTER_MAX_LENGTH, pattern: AUDIT_FILTER_PATTERNS.targetId }),
    ),
    from: Type.Optional(Type.String({ maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+Z?)?$' })),
    to: Type.Optional(Type.String({ maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+Z?)?$' })),
  },
  { additionalProperties: false },
);

const AuditList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      at: Type.String(),
      userId: nullable(Type.String()),
      username: nullable(Type.String()),
      action: Type.String(),
      target: nullable(Type.String()),
      before: Type.Unknown(),
      after: Type.Unknown(),
      hash: Type.String(),
    }),
  ),
});

const Verification = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  head: Type.Optional(Type.Object({ seq: Type.Integer(), hash: Type.String() })),
  firstBad: Type.Optional(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
});

/** `/api/v1/audit`: the hash-chained log, newest first, for administrators only. */
export async function auditRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  app.get('/api/v1/audit', {
    config: { access: 'admin' },
    schema: {
      tags: ['audit'],
      summary: 'The audit log, newest first, paged; filter by actor, action, target type/id and date range',
      querystring: AuditQuery,
      response: { 200: AuditList, 400: ErrorBody },
    },
    preHandler: datesInOrder,
    handler: async (request) => listAudit(db, request.query as AuditFilter),
  });
  app.get('/api/v1/audit/actions', {
    config: { access: 'admin' },
    schema: {
      tags: ['audit'],
      summary: 'The actions the log holds, for a filter to pick from',
      response: { 200: Type.Object({ actions: Type.Array(Type.String()) }) },
    },
    handler: async () => ({ actions: await auditActions(db) }),
  });
  app.get('/api/v1/audit/verify', {
    config: { access: 'admin' },
    schema: { tags: ['audit'], summary: 'Check every link of the hash chain', response: { 200: Verification } },
    handler: async () => verifyAuditChain(db),
  });
}
