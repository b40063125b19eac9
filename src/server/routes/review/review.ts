import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Runtime } from '../../../app/runtime.js';
import { auditRestrictedListRead, type PolicyUser, visibleIds, visibleScope } from '../../../auth/index.js';
import type { Database } from '../../../db/schema.js';
import {
  correctProposal,
  type DecisionResult as Decided,
  decideProposals,
  findProposal,
  loadProposals,
  PROPOSAL_TABLES,
  type ProposalKind,
  pageProposalRefs,
  reopenProposals,
} from '../../../record/index.js';
import { ChronicleError } from '../../../shared/errors.js';
import { ErrorBody } from '../../schemas.js';
import {
  AcceptAll,
  CorrectedProposal,
  Correction,
  DecisionResult,
  Decisions,
  Evidence,
  PROPOSAL_KINDS,
  Proposal,
  ProposalList,
  ProposalParams,
  Reopen,
  Reopened,
  ReviewQuery,
} from './schema.js';
import { withVisibleEvidence } from './visible-evidence.js';

interface QueueOptions {
  kind?: ProposalKind;
  sourceId?: string;
  status: 'proposed' | 'accepted' | 'rejected' | 'all';
  limit: number;
  offset: number;
}

/**
 * The ids of the review queue this user may see, oldest first, with the total. The domain's listProposals lists
 * every proposal; the API must leave out records (and sources) the policy hides, so the page is chosen here
 * under the policy's scope and the views are then loaded by the domain.
 */
async function visibleQueue(
  db: Kysely<Database>,
  user: PolicyUser | null,
  options: QueueOptions,
): Promise<{ total: number; refs: Array<{ id: string; kind: ProposalKind }> }> {
  return pageProposalRefs(db, {
    kind: options.kind,
    sourceId: options.sourceId,
    statuses: options.status === 'all' ? ['proposed', 'accepted', 'rejected'] : [options.status],
    scope: (table) => visibleScope(user, table),
    limit: options.limit,
    offset: options.offset,
  });
}

/** The proposal's table, when this user may see it; otherwise the same answer as for an id that does not exist. */
async function visibleProposal(db: Kysely<Database>, user: PolicyUser | null, id: string) {
  const found = await findProposal(db, id);
  if (!(await visibleIds(db, user, found.table, [id])).has(id))
    throw new ChronicleError('NOT_FOUND', `no proposal ${id}`);
  return found;
}

/** `/api/v1/review`: the queue of what extraction proposed, and the decisions on it (each audited by the domain). */
export async function reviewRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  app.addSchema(Evidence);
  app.addSchema(Proposal);

  app.get('/api/v1/review', {
    config: { access: 'viewer' },
    schema: {
      tags: ['review'],
      summary: 'Proposals (by default those waiting for a decision), oldest first, with their evidence',
      querystring: ReviewQuery,
      response: { 200: ProposalList, 404: ErrorBody },
    },
    handler: async (request) => {
      const q = request.query as Partial<QueueOptions>;
      if (q.sourceId && !(await visibleIds(db, request.user, 'sources', [q.sourceId])).has(q.sourceId))
        throw new ChronicleError('NOT_FOUND', `no source ${q.sourceId}`);
      const { total, refs } = await visibleQueue(db, request.user, {
        kind: q.kind,
        sourceId: q.sourceId,
        status: q.status ?? 'proposed',
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      // A queue page that shows a group member restricted proposals is a read of each of them (DESIGN §8).
      for (const [kind, table] of Object.entries(PROPOSAL_TABLES)) {
        const ids = refs.filter((r) => r.kind === kind).map((r) => r.id);
        await auditRestrictedListRead(db, request.user, table, ids, 'review');
      }
      return { total, items: await withVisibleEvidence(db, request.user, await loadProposals(db, refs)) };
    },
  });

  app.post('/api/v1/review/decisions', {
    config: { access: 'reviewer' },
    schema: {
      tags: ['review'],
      summary: 'Accept and reject proposals by id; accepting an event accepts its proposed participants and case',
      body: Decisions,
      response: { 200: DecisionResult, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const { accept = [], reject = [] } = request.body as { accept?: string[]; reject?: string[] };
      const both = accept.filter((id) => reject.includes(id));
      if (both.length > 0) throw new ChronicleError('VALIDATION', `${both[0]} is both accepted and rejected`);
      for (const id of [...accept, ...reject]) await visibleProposal(db, request.user, id);
      const userId = request.user?.id ?? null;
      return db.transaction().execute(async (trx) => {
        const accepted = await decideProposals(trx, accept, 'accept', userId);
        const rejected = await decideProposals(trx, reject, 'reject', userId);
        return { accepted: accepted.accepted, rejected: rejected.rejected };
      });
    },
  });

  app.post('/api/v1/review/reopen', {
    config: { access: 'reviewer' },
    schema: {
      tags: ['review'],
      summary:
        'Put accepted or rejected proposals back in the queue as proposed (the undo of a decision); refused (409) ' +
        'for an accepted one that was edited, merged or named by another accepted event since',
      body: Reopen,
      response: { 200: Reopened, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const { ids } = request.body as { ids: string[] };
      for (const id of ids) await visibleProposal(db, request.user, id);
      const userId = request.user?.id ?? null;
      return db.transaction().execute((trx) => reopenProposals(trx, ids, userId));
    },
  });

  app.post('/api/v1/review/accept-all', {
    config: { access: 'reviewer' },
    schema: {
      tags: ['review'],
      summary: 'Accept every proposal this reviewer can see (optionally of one source)',
      body: AcceptAll,
      response: { 200: DecisionResult, 404: ErrorBody },
    },
    handler: async (request) => {
      const { sourceId } = (request.body ?? {}) as { sourceId?: string };
      if (sourceId && !(await visibleIds(db, request.user, 'sources', [sourceId])).has(sourceId))
        throw new ChronicleError('NOT_FOUND', `no source ${sourceId}`);
      const userId = request.user?.id ?? null;
      // As the domain's acceptAllProposals, but only over what this user may see (the policy's scope).
      return db.transaction().execute(async (trx) => {
        const result: Decided = { accepted: [], rejected: [] };
        const seen = new Set<string>();
        for (const kind of PROPOSAL_KINDS) {
          for (;;) {
            const { refs } = await visibleQueue(trx, request.user, {
              kind,
              sourceId,
              status: 'proposed',
              limit: 500,
              offset: 0,
            });
            const ids = refs.map((r) => r.id).filter((id) => !seen.has(id));
            if (ids.length === 0) break;
            for (const id of ids) seen.add(id);
            // An event naming a rejected record stays in the queue, where accepting it alone says why.
            const decided = await decideProposals(trx, ids, 'accept', userId, { leaveBlocked: true });
            result.accepted.push(...decided.accepted);
          }
        }
        return { accepted: [...new Set(result.accepted)], rejected: [] };
      });
    },
  });

  app.post('/api/v1/review/:id/correct', {
    config: { access: 'reviewer' },
    schema: {
      tags: ['review'],
      summary:
        "Accept a proposal with a reviewer's corrections (the machine's version is kept): its fields, its evidence's " +
        'spans, its participants, its kind (a person that is an organization, or back), or (editors) the existing ' +
        'person it is',
      params: ProposalParams,
      body: Correction,
      response: { 200: CorrectedProposal, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      await visibleProposal(db, request.user, id);
      const changes = request.body as Parameters<typeof correctProposal>[2];
      // The domain decides what the user may link and merge (the policy's checks), in the correction's transaction.
      const view = await db.transaction().execute((trx) => correctProposal(trx, id, changes, request.user));
      const [visible] = await withVisibleEvidence(db, request.user, [view]);
      return visible;
    },
  });
}
