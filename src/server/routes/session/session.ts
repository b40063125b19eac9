import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import { AddressLimiter, clearedSessionCookie, sessionCookie, signIn, signOut } from '../../../auth/index.js';
import { ChronicleError } from '../../../shared/errors.js';
import { ErrorBody } from '../../schemas.js';
import { SessionInfo, SignInBody } from './schema.js';

/**
 * `/api/v1/session` (DESIGN §7 contract): POST signs in (sets the HttpOnly cookie, returns the CSRF token),
 * GET returns the current session (so a reloaded page finds its CSRF token again), DELETE signs out.
 * Guards: per-address and per-account limits inside signIn → schema validation → session.
 */
export async function sessionRoutes(
  app: FastifyInstance,
  runtime: Runtime,
  limiter = new AddressLimiter(),
): Promise<void> {
  const { db } = runtime.workspace;

  app.post('/api/v1/session', {
    config: { access: 'public' },
    schema: {
      tags: ['session'],
      summary: 'Sign in',
      body: SignInBody,
      response: { 200: SessionInfo, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const body = request.body as { username: string; password: string; totp?: string; recoveryCode?: string };
      const result = await signIn(db, limiter, { ...body, address: request.ip });
      void reply.header('set-cookie', sessionCookie(result.token, { secure: request.protocol === 'https' }));
      void reply.header('cache-control', 'no-store');
      return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
    },
  });

  app.get('/api/v1/session', {
    config: { access: 'viewer' },
    schema: {
      tags: ['session'],
      summary: 'The current session and its CSRF token',
      response: { 200: SessionInfo, 401: ErrorBody },
    },
    handler: async (request, reply) => {
      const session = request.session;
      if (!session) throw new ChronicleError('UNAUTHENTICATED');
      void reply.header('cache-control', 'no-store');
      return { user: session.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  });

  app.delete('/api/v1/session', {
    config: { access: 'viewer' },
    schema: { tags: ['session'], summary: 'Sign out', response: { 204: { type: 'null' }, 401: ErrorBody } },
    handler: async (request, reply) => {
      const session = request.session;
      if (!session) throw new ChronicleError('UNAUTHENTICATED');
      await signOut(db, { id: session.id, userId: session.user.id }, request.ip);
      return reply
        .header('set-cookie', clearedSessionCookie({ secure: request.protocol === 'https' }))
        .status(204)
        .send();
    },
  });
}
