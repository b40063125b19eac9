import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import {
  createGroup,
  deleteGroup,
  listGroups,
  MAX_GROUP_NAME,
  recordGroups,
  renameGroup,
  roleAtLeast,
  SCOPED_TABLES,
  setGroupMember,
} from '../../../auth/index.js';
import { setRecordGroupsWithProposals } from '../../../record/index.js';
import { ErrorBody, Id } from '../../schemas.js';
import { assertVisible } from '../persons/persons.js';

const Group = Type.Object({
  id: Type.String(),
  name: Type.String(),
  members: Type.Union([Type.Array(Type.String()), Type.Null()], {
    description: "members' usernames; null unless the reader is an admin",
  }),
  records: Type.Integer({ minimum: 0, description: 'how many records the group may read when restricted' }),
});

const NamedGroup = Type.Object({ id: Type.String(), name: Type.String() });

const MemberParams = Type.Object({ id: Id, username: Type.String({ minLength: 1, maxLength: 100 }) });
const RecordParams = Type.Object({ id: Id });

/**
 * `/api/v1/groups`: access groups (src/auth/groups.ts). Admins make them and say who is in them; editors read their
 * names to give a record to them (`PUT /api/v1/{sources,persons,cases,events,organizations}/:id/groups`), never who is
 * in them.
 */
export async function groupsRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;

  app.get('/api/v1/groups', {
    config: { access: 'editor' },
    schema: {
      tags: ['groups'],
      summary: 'The access groups, by name (their members for admins)',
      response: { 200: Type.Object({ items: Type.Array(Group) }) },
    },
    handler: async (request) => {
      const admin = roleAtLeast(request.user, 'admin');
      const groups = await listGroups(db);
      return { items: groups.map((g) => ({ ...g, members: admin ? g.members : null })) };
    },
  });

  app.post('/api/v1/groups', {
    config: { access: 'admin' },
    schema: {
      tags: ['groups'],
      summary: 'Make an access group',
      body: Type.Object(
        { name: Type.String({ minLength: 1, maxLength: MAX_GROUP_NAME }) },
        { additionalProperties: false },
      ),
      response: { 200: Group, 400: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => createGroup(db, request.user?.id ?? null, (request.body as { name: string }).name),
  });

  app.patch('/api/v1/groups/:id', {
    config: { access: 'admin' },
    schema: {
      tags: ['groups'],
      summary: 'Rename a group',
      params: Type.Object({ id: Id }),
      body: Type.Object(
        { name: Type.String({ minLength: 1, maxLength: MAX_GROUP_NAME }) },
        { additionalProperties: false },
      ),
      response: { 200: Group, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) =>
      renameGroup(
        db,
        request.user?.id ?? null,
        (request.params as { id: string }).id,
        (request.body as { name: string }).name,
      ),
  });

  app.delete('/api/v1/groups/:id', {
    config: { access: 'admin' },
    schema: {
      tags: ['groups'],
      summary: 'Delete a group given no record, its members with it (409 while records are given to it)',
      params: Type.Object({ id: Id }),
      response: { 200: Group, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => deleteGroup(db, request.user?.id ?? null, (request.params as { id: string }).id),
  });

  for (const [method, member] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/api/v1/groups/:id/members/:username',
      config: { access: 'admin' },
      schema: {
        tags: ['groups'],
        summary: member ? 'Put an account in a group' : 'Take an account out of a group',
        params: MemberParams,
        response: { 200: Group, 404: ErrorBody },
      },
      handler: async (request) => {
        const { id, username } = request.params as { id: string; username: string };
        return setGroupMember(db, request.user?.id ?? null, id, username, member);
      },
    });
  }

  for (const table of SCOPED_TABLES) {
    app.get(`/api/v1/${table}/:id/groups`, {
      config: { access: 'viewer' },
      schema: {
        tags: ['groups'],
        summary: `The access groups that may read this one of ${table} when it is restricted`,
        params: RecordParams,
        response: { 200: Type.Object({ groups: Type.Array(NamedGroup) }), 404: ErrorBody },
      },
      handler: async (request) => {
        const { id } = request.params as { id: string };
        await assertVisible(db, request.user, table, id, 'record');
        return { groups: await recordGroups(db, table, id) };
      },
    });
    app.put(`/api/v1/${table}/:id/groups`, {
      config: { access: 'editor' },
      schema: {
        tags: ['groups'],
        summary: `Give this one of ${table} to exactly these access groups (ids or names): they may read it when restricted`,
        params: RecordParams,
        body: Type.Object(
          { groups: Type.Array(Type.String({ minLength: 1, maxLength: MAX_GROUP_NAME }), { maxItems: 100 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ groups: Type.Array(NamedGroup) }), 400: ErrorBody, 404: ErrorBody },
      },
      handler: async (request) => {
        const { id } = request.params as { id: string };
        await assertVisible(db, request.user, table, id, 'record');
        const { groups } = request.body as { groups: string[] };
        const after = await db
          .transaction()
          .execute((trx) => setRecordGroupsWithProposals(trx, request.user?.id ?? null, table, id, groups));
        return { groups: after };
      },
    });
  }
}
