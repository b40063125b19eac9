import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import {
  createUser,
  getUser,
  listUsers,
  resetPassword,
  setUserDisabled,
  setUserRole,
  unlockUser,
} from '../../../auth/index.js';
import { ErrorBody } from '../../schemas.js';
import { ChangeUserBody, CreateUserBody, ResetPasswordBody, UserParams, UserSummary } from './schema.js';

/**
 * `/api/v1/users`: accounts, for administrators (the CLI's `chronicle user` over HTTP). Changes are audited
 * under the acting admin and end the sessions of the changed account — all but an unlock, which changes neither who
 * the account is nor its password.
 */
export async function usersRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;

  app.get('/api/v1/users', {
    config: { access: 'admin' },
    schema: {
      tags: ['users'],
      summary: 'All accounts',
      response: { 200: Type.Object({ items: Type.Array(UserSummary) }) },
    },
    handler: async () => ({ items: await listUsers(db) }),
  });

  app.post('/api/v1/users', {
    config: { access: 'admin' },
    schema: {
      tags: ['users'],
      summary: 'Create an account; without a password one is generated and returned once',
      body: CreateUserBody,
      response: {
        200: Type.Object({ user: UserSummary, password: Type.Union([Type.String(), Type.Null()]) }),
        400: ErrorBody,
        409: ErrorBody,
      },
    },
    handler: async (request, reply) => {
      const body = request.body as { username: string; role: string; password?: string };
      void reply.header('cache-control', 'no-store');
      return createUser(db, request.user?.id ?? null, body);
    },
  });

  app.patch('/api/v1/users/:username', {
    config: { access: 'admin' },
    schema: {
      tags: ['users'],
      summary: 'Change the role of an account, or disable / re-enable it',
      params: UserParams,
      body: ChangeUserBody,
      response: { 200: UserSummary, 400: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const { username } = request.params as { username: string };
      const body = request.body as { role?: string; disabled?: boolean };
      const actor = request.user?.id ?? null;
      if (body.role !== undefined) await setUserRole(db, actor, username, body.role);
      if (body.disabled !== undefined) await setUserDisabled(db, actor, username, body.disabled);
      return getUser(db, username);
    },
  });

  app.post('/api/v1/users/:username/password', {
    config: { access: 'admin' },
    schema: {
      tags: ['users'],
      summary:
        'Reset the password of an account (without one, a generated one is returned once); clears a lock-out and ' +
        'ends its sessions',
      params: UserParams,
      body: ResetPasswordBody,
      response: {
        200: Type.Object({ user: UserSummary, password: Type.Union([Type.String(), Type.Null()]) }),
        400: ErrorBody,
        404: ErrorBody,
      },
    },
    // The body is optional (a bare POST generates the password); a schema alone would refuse a missing one.
    preValidation: async (request) => {
      request.body ??= {};
    },
    handler: async (request, reply) => {
      const { username } = request.params as { username: string };
      const body = request.body as { password?: string };
      void reply.header('cache-control', 'no-store');
      return resetPassword(db, request.user?.id ?? null, username, body.password);
    },
  });

  app.post('/api/v1/users/:username/unlock', {
    config: { access: 'admin' },
    schema: {
      tags: ['users'],
      summary: 'Clear the lock-out of an account after failed sign-ins, keeping its password and sessions',
      params: UserParams,
      response: { 200: UserSummary, 400: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const { username } = request.params as { username: string };
      return unlockUser(db, request.user?.id ?? null, username);
    },
  });
}
