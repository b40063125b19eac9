import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import {
  changeOwnPassword,
  confirmTotpEnrolment,
  disableOwnTotp,
  regenerateRecoveryCodes,
  type SelfActor,
  startTotpEnrolment,
  totpStatus,
} from '../../../auth/index.js';
import { ChronicleError } from '../../../shared/errors.js';
import { ErrorBody } from '../../schemas.js';
import {
  AccountInfo,
  ChangePasswordBody,
  CodeBody,
  DisableBody,
  EmptyBody,
  Enrolment,
  RecoveryCodes,
} from './schema.js';

/** The session's own account — never one named in the request, so nobody can enrol or disarm someone else. */
function self(request: FastifyRequest): SelfActor {
  if (!request.session) throw new ChronicleError('UNAUTHENTICATED');
  return { userId: request.session.user.id, sessionId: request.session.id };
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 429: ErrorBody };

/**
 * `/api/v1/account`: what any signed-in user may do to their own account — change the password, and two-factor
 * sign-in (TOTP) enrolment, confirmation, turning it off and new recovery codes. Guards: session → CSRF on every
 * POST (the access guard) → schema → the domain checks the code or password. Secrets and recovery codes are answered once, never cached.
 */
export async function accountRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;

  app.get('/api/v1/account', {
    config: { access: 'viewer' },
    schema: {
      tags: ['account'],
      summary: 'Your account and its second factor',
      response: { 200: AccountInfo, 401: ErrorBody },
    },
    handler: async (request) => totpStatus(db, self(request).userId),
  });

  app.post('/api/v1/account/password', {
    config: { access: 'viewer' },
    schema: {
      tags: ['account'],
      summary: 'Change your password (the current one and a new one); your other sessions end, this one goes on',
      body: ChangePasswordBody,
      response: { 204: { type: 'null' }, ...errors },
    },
    handler: async (request, reply) => {
      await changeOwnPassword(db, self(request), request.body as { currentPassword: string; newPassword: string });
      return reply.status(204).send();
    },
  });

  app.post('/api/v1/account/totp', {
    config: { access: 'viewer' },
    schema: {
      tags: ['account'],
      summary: 'Start TOTP enrolment: a new secret and its otpauth URI, pending until confirmed',
      body: EmptyBody,
      response: { 200: Enrolment, ...errors },
    },
    handler: async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return startTotpEnrolment(db, self(request));
    },
  });

  app.post('/api/v1/account/totp/confirm', {
    config: { access: 'viewer' },
    schema: {
      tags: ['account'],
      summary: 'Confirm enrolment with a code from the app; returns the recovery codes once',
      body: CodeBody,
      response: { 200: RecoveryCodes, ...errors },
    },
    handler: async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return confirmTotpEnrolment(db, self(request), (request.body as { code: string }).code);
    },
  });

  app.post('/api/v1/account/totp/disable', {
    config: { access: 'viewer' },
    schema: {
      tags: ['account'],
      summary: 'Turn TOTP off (password and a current code)',
      body: DisableBody,
      response: { 204: { type: 'null' }, ...errors },
    },
    handler: async (request, reply) => {
      await disableOwnTotp(db, self(request), request.body as { password: string; code: string });
      return reply.status(204).send();
    },
  });

  app.post('/api/v1/account/totp/recovery-codes', {
    config: { access: 'viewer' },
    schema: {
      tags: ['account'],
      summary: 'Replace the recovery codes (a current code); returns the new ones once',
      body: CodeBody,
      response: { 200: RecoveryCodes, ...errors },
    },
    handler: async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return regenerateRecoveryCodes(db, self(request), (request.body as { code: string }).code);
    },
  });
}
