import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import { auditRestrictedRead } from '../../../auth/index.js';
import {
  keepApart,
  listMergeProposals,
  listMerges,
  type MergeProposalView,
  mergeProposal,
  proposeMerges,
  type SplitInput,
  splitPerson,
  undoMerge,
} from '../../../record/index.js';
import { ErrorBody } from '../../schemas.js';
import {
  HistoryQuery,
  IdParams,
  Merge,
  MergeBody,
  MergeList,
  MergeProposal,
  MergeResult,
  ProposalList,
  ProposalsQuery,
  RefreshResult,
  SplitBody,
  SplitResult,
} from './schema.js';

/**
 * `/api/v1/merges`: the merge queue (issues 4–5). Pairs of persons the names resolver proposes as one, with the
 * explanation and evidence; merge, keep apart, undo; split a person. Reading needs a session (viewer); deciding
 * needs the editor role. A proposal involving a person the user may not see answers 404, like a missing one.
 */
export async function mergesRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  app.addSchema(MergeProposal);
  app.addSchema(Merge);

  const auditReads = async (user: Parameters<typeof auditRestrictedRead>[1], items: MergeProposalView[]) => {
    for (const p of items)
      for (const side of [p.a, p.b]) await auditRestrictedRead(db, user, 'persons', side, 'merge-proposal');
  };

  app.get('/api/v1/merges', {
    config: { access: 'viewer' },
    schema: {
      tags: ['merges'],
      summary: 'Merge proposals (pending by default), strongest first, each with both persons, evidence and why',
      querystring: ProposalsQuery,
      response: { 200: ProposalList },
    },
    handler: async (request) => {
      const q = request.query as { status?: 'pending' | 'merged' | 'kept_apart'; limit?: number; offset?: number };
      const result = await listMergeProposals(db, request.user, { ...q, limit: q.limit ?? 20, offset: q.offset ?? 0 });
      await auditReads(request.user, result.items);
      return result;
    },
  });

  app.get('/api/v1/merges/history', {
    config: { access: 'viewer' },
    schema: {
      tags: ['merges'],
      summary: 'Merges and splits done, newest first (undone ones with undone=true)',
      querystring: HistoryQuery,
      response: { 200: MergeList },
    },
    handler: async (request) => {
      const q = request.query as { limit?: number; offset?: number; undone?: boolean };
      return listMerges(db, request.user, { limit: q.limit ?? 20, offset: q.offset ?? 0, includeUndone: q.undone });
    },
  });

  app.post('/api/v1/merges/refresh', {
    config: { access: 'editor' },
    schema: {
      tags: ['merges'],
      summary: 'Run the names resolver over the persons you may see and refresh the pending proposals',
      response: { 200: RefreshResult },
    },
    handler: async (request) => proposeMerges(db, { user: request.user }),
  });

  app.post('/api/v1/merges/proposals/:id/merge', {
    config: { access: 'editor' },
    schema: {
      tags: ['merges'],
      summary: 'Merge the two persons of a proposal (reversible with /merges/:id/undo)',
      params: IdParams,
      body: MergeBody,
      response: { 200: MergeResult, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      const body = (request.body ?? {}) as { keepId?: string; reason?: string | null };
      return mergeProposal(db, request.user, id, body);
    },
  });

  app.post('/api/v1/merges/proposals/:id/keep-apart', {
    config: { access: 'editor' },
    schema: {
      tags: ['merges'],
      summary: 'Record that the two persons of a proposal are different people (never proposed again)',
      params: IdParams,
      response: { 200: MergeProposal, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      return keepApart(db, request.user, id);
    },
  });

  app.post('/api/v1/merges/:id/undo', {
    config: { access: 'editor' },
    schema: {
      tags: ['merges'],
      summary: 'Undo a merge or split: every moved row goes back where it was',
      params: IdParams,
      response: { 200: Merge, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      return undoMerge(db, request.user, id);
    },
  });

  app.post('/api/v1/persons/:id/split', {
    config: { access: 'editor' },
    schema: {
      tags: ['persons', 'merges'],
      summary: 'Move chosen names and event participations of a person to a new person (reversible)',
      params: IdParams,
      body: SplitBody,
      response: { 200: SplitResult, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      return splitPerson(db, request.user, id, request.body as SplitInput);
    },
  });
}
