import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Runtime } from '../app/runtime.js';
import {
  type ActiveSession,
  csrfMatches,
  isRole,
  readSessionCookie,
  resolveSession,
  roleAtLeast,
} from '../auth/index.js';
import { ChronicleError } from '../shared/errors.js';

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
    /** The session behind the cookie, when there is a live one. */
    session: ActiveSession | null;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The one state-changing request that cannot carry a CSRF token yet: signing in creates the session. */
const SIGN_IN = 'POST /api/v1/session';

/**
 * The one gate, run on every request before its body is read (onRequest): authenticate from the session cookie
 * → refuse signed-out callers (401) unless the route is public → CSRF token on state-changing requests (403) →
 * the route's declared role (an insufficient role answers 404, like a missing record, so routes leak nothing).
 * Decided from the session on the server, never from a value in the request.
 */
export function createAccessGuard(runtime: Runtime) {
  const { db } = runtime.workspace;
  return async function guardRequest(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    request.user = null;
    request.session = null;
    const token = readSessionCookie(request.headers.cookie);
    if (token) {
      const session = await resolveSession(db, token);
      if (session) {
        request.session = session;
        request.user = session.user;
      }
    }
    const routeUrl = request.routeOptions.url;
    const declared = request.routeOptions.config?.access;
    const path = request.url.split('?')[0] ?? '';
    // Routes outside /api without a declaration are the web UI's static files (the shell must load to sign in);
    // they hold no data. Anything else undeclared — an unknown /api path — is treated as needing a session.
    const access: RouteAccess | undefined =
      declared ??
      (!path.startsWith('/api/') && (request.method === 'GET' || request.method === 'HEAD') ? 'public' : undefined);
    const signIn = `${request.method} ${routeUrl}` === SIGN_IN;

    if (access === 'public' && (!STATE_CHANGING.has(request.method) || signIn)) return;
    if (!request.session) throw new ChronicleError('UNAUTHENTICATED');
    if (
      STATE_CHANGING.has(request.method) &&
      !signIn &&
      !csrfMatches(request.session, request.headers['x-csrf-token'])
    ) {
      throw new ChronicleError('CSRF');
    }
    if (access === undefined || access === 'public') return;
    if (!isRole(access) || !roleAtLeast(request.session.user, access)) throw new ChronicleError('FORBIDDEN');
  };
}

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

const routeTables = new WeakMap<object, RouteEntry[]>();

/**
 * An onRoute hook keeping the server's route table, so the authorization matrix test enumerates every route the
 * server really has (a route added later is in the matrix without anyone remembering to add it).
 */
export function recordRoutes(app: object) {
  const table: RouteEntry[] = [];
  routeTables.set(app, table);
  return (route: { method: string | string[]; url: string; config?: { access?: RouteAccess } }) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method])
      table.push({ method, url: route.url, access: route.config?.access });
  };
}

/** Every route registered on a server built by buildServer, with its declared access. */
export function routeTable(app: object): readonly RouteEntry[] {
  return routeTables.get(app) ?? [];
}

/**
 * Behind a reverse proxy (the recommended set-up: TLS ends there), the client's address and scheme come from
 * X-Forwarded-For / X-Forwarded-Proto, and only a trusted proxy may set them. CHRONICLE_TRUST_PROXY names it:
 * `1` or `true` (the nearest hop), a hop count, or the proxies' exact addresses (`127.0.0.1,::1`). Unset: the
 * headers are ignored. Without it behind a proxy, every client shares the proxy's address (one sign-in limit for
 * all) and cookies lose their Secure flag. `trustProxyFromEnv('2')('10.0.0.1', 1)` → true.
 */
export function trustProxyFromEnv(
  value = process.env.CHRONICLE_TRUST_PROXY,
): (address: string, hop: number) => boolean {
  if (!value || value === '0' || value === 'false') return () => false;
  if (value === 'true') return (_address, hop) => hop < 1;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  const trusted = new Set(
    value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return (address) => trusted.has(address) || trusted.has(address.replace(/^::ffff:/, ''));
}
