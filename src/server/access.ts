import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Who may call a route. Every /api route declares one in its `config.access`; the server refuses to start with a
 * route that declares none (see app.ts), so a forgotten guard cannot ship.
 */
export type RouteAccess = 'public' | 'viewer' | 'reviewer' | 'editor' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The signed-in user, set by the authentication guard; null on public routes without a session. */
    user: { id: string; username: string; role: string } | null;
  }
}

/**
 * The guard run before every handler. Until accounts exist (the security work), it admits every request; it is
 * the one place where authentication and role checks are added.
 */
export async function guardRequest(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  request.user = null;
}
