import { existsSync } from 'node:fs';
import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { Runtime } from '../app/runtime.js';
import { isCalendarDate } from '../shared/dates.js';
import { ChronicleError } from '../shared/errors.js';
import { DEFAULT_PARSE_LIMITS } from '../sources/index.js';
import { createAccessGuard, recordRoutes, trustProxyFromEnv } from './access.js';
import { clientErrorHandler, errorHandler, errorLogOptions } from './errors.js';
import { accountRoutes } from './routes/account/account.js';
import { auditRoutes } from './routes/audit/audit.js';
import { casesRoutes } from './routes/cases/cases.js';
import { eventsRoutes } from './routes/events/events.js';
import { exportRoutes } from './routes/export/export.js';
import { groupsRoutes } from './routes/groups/groups.js';
import { healthRoutes } from './routes/health/health.js';
import { jobsRoutes } from './routes/jobs/jobs.js';
import { mergesRoutes } from './routes/merges/merges.js';
import { personsRoutes } from './routes/persons/persons.js';
import { recordHistoryRoutes } from './routes/persons/record-history.js';
import { publicRoutes } from './routes/public/public.js';
import { relationshipsRoutes } from './routes/relationships/relationships.js';
import { reviewRoutes } from './routes/review/review.js';
import { searchRoutes } from './routes/search/search.js';
import { sessionRoutes } from './routes/session/session.js';
import { SourceSummary } from './routes/sources/schema.js';
import { sourcesRoutes, UPLOAD_LIMITS, UPLOAD_TOTAL_BYTES } from './routes/sources/sources.js';
import { statsRoutes } from './routes/stats/stats.js';
import { usersRoutes } from './routes/users/users.js';
import { ErrorBody } from './schemas.js';

export interface ServerOptions {
  runtime: Runtime;
  /** Where internal errors are written, one JSON line each (`errorLogOptions`); absent: nowhere. */
  errorLog?: { write(line: string): void };
  /** The built web UI to serve at `/`; absent or missing: only the API. */
  webRoot?: string | null;
  /** The largest file an upload may hold (default: the parsers' limit, 100 MB). */
  maxUploadBytes?: number;
  /** The most all files of one upload may hold together (`UPLOAD_TOTAL_BYTES`, or `maxUploadBytes` if larger). */
  maxUploadTotalBytes?: number;
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
};

/**
 * Every API answer is what one session may see — a testimony, its original, a search for a name, a list of people —
 * so none is kept by a shared browser's cache or a proxy after sign-out (RFC 9111 §5.2.2.5). A route with a policy
 * of its own (a media file's `private, no-store`) sets it, which replaces this; the web UI's files keep theirs
 * (`staticCacheControl`).
 */
const API_CACHE_CONTROL = 'no-store';

/** The HTTP adapter: routes translate requests into domain calls; every /api route must declare who may call it. */
/**
 * Vite names every built asset after its content hash, so a browser may keep one for good and a screen opened
 * again costs no request; the shell (index.html) names the current assets and is revalidated every time, so a new
 * version is picked up on the next load.
 */
export function staticCacheControl(path: string): string {
  return /[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.(?:js|css|svg|png|woff2?|json)$/.test(path)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

/**
 * Query strings, paths and headers are text, so their numbers and booleans are coerced from it; a JSON body is typed
 * already, and coercing it is wrong: `"sentenceYears": null` became 0 under a nullable number, and `0` would become
 * null under a schema that lists null first. Bodies are validated as sent.
 */
function validatorsByPart(): ValidatorFactory {
  const pool = AjvCompiler();
  return (externalSchemas, options) => {
    const build = (coerceTypes: 'array' | false) =>
      pool(externalSchemas, {
        ...options,
        customOptions: { ...(options?.customOptions as object | undefined), coerceTypes },
      } as typeof options);
    const coercing = build('array');
    const exact = build(false);
    return (route) => (route.httpPart === 'body' ? exact : coercing)(route);
  };
}

/**
 * Whether any string in a request's parameters, query or JSON body holds U+0000: PostgreSQL's text cannot, and the
 * statement would fail as an internal error (500) rather than as the bad input it is. Uploads are read part by part:
 * their fields are refused likewise (routes/sources), their file names stored with U+FFFD (`withoutNul`).
 */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  if (Array.isArray(value)) return value.some((item) => holdsNul(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || holdsNul(item, depth + 1));
}

/**
 * A misspelt filter (`?regoin=…`, `?confidentialty=…`) was ignored, and the list, count or export answered for
 * everything: a researcher asking how many were detained in one region got the whole country's number. Every /api/
 * route refuses a query parameter it does not name; one that names none takes none.
 */
function refuseUnknownQueryParameters(route: RouteOptions): void {
  if (!route.url.startsWith('/api/')) return;
  route.schema ??= {};
  const { schema } = route;
  const query = schema.querystring as { additionalProperties?: unknown } | undefined;
  if (query === undefined) schema.querystring = { type: 'object', properties: {}, additionalProperties: false };
  else if (query.additionalProperties === undefined) schema.querystring = { ...query, additionalProperties: false };
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_PARSE_LIMITS.maxBytes;
  const app = Fastify({
    logger: options.errorLog ? errorLogOptions(options.errorLog) : false,
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxyFromEnv(),
    ajv: { customOptions: { removeAdditional: false, allErrors: false, formats: { 'calendar-date': isCalendarDate } } },
    schemaController: { compilersFactory: { buildValidator: validatorsByPart() } },
    clientErrorHandler,
  });

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access policy (config.access)`);
    }
  });
  app.addHook('onRoute', refuseUnknownQueryParameters);
  app.addHook('onRoute', recordRoutes(app));
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    if (request.url.startsWith('/api/')) reply.header('cache-control', API_CACHE_CONTROL);
  });
  app.addHook('onRequest', createAccessGuard(options.runtime));
  app.addHook('preValidation', async (request) => {
    if (holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body))
      throw new ChronicleError('VALIDATION', 'no field may hold a NUL character (U+0000)');
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Chronicle API',
        version: '1',
        description: 'Reports, extracted facts, people, cases and events, with their evidence.',
      },
      servers: [],
    },
  });
  app.addSchema(ErrorBody);
  app.addSchema(SourceSummary);
  await app.register(multipart, {
    limits: { fileSize: maxUploadBytes, ...UPLOAD_LIMITS },
  });

  await healthRoutes(app, options.runtime);
  await sourcesRoutes(app, options.runtime, {
    maxUploadBytes,
    maxUploadTotalBytes: Math.max(options.maxUploadTotalBytes ?? UPLOAD_TOTAL_BYTES, maxUploadBytes),
  });
  await searchRoutes(app, options.runtime);
  await jobsRoutes(app, options.runtime);
  await sessionRoutes(app, options.runtime);
  await auditRoutes(app, options.runtime);
  await publicRoutes(app, options.runtime);
  await reviewRoutes(app, options.runtime);
  await personsRoutes(app, options.runtime);
  await recordHistoryRoutes(app, options.runtime);
  await relationshipsRoutes(app, options.runtime);
  await casesRoutes(app, options.runtime);
  await eventsRoutes(app, options.runtime);
  await statsRoutes(app, options.runtime);
  await exportRoutes(app, options.runtime);
  await usersRoutes(app, options.runtime);
  await groupsRoutes(app, options.runtime);
  await accountRoutes(app, options.runtime);
  await mergesRoutes(app, options.runtime);

  // The description names every route, filter and field of the team's record: DESIGN §7 leaves only sign-in,
  // /healthz and the public list open to anyone.
  app.get('/api/v1/openapi.json', {
    config: { access: 'viewer' },
    schema: { hide: true },
    handler: async () => app.swagger(),
  });

  if (options.webRoot && existsSync(options.webRoot)) {
    await app.register(fastifyStatic, {
      root: options.webRoot,
      prefix: '/',
      index: ['index.html'],
      wildcard: false,
      setHeaders: (reply, path) => reply.header('cache-control', staticCacheControl(path)),
    });
    // Client-side routes of the single-page app fall back to its shell.
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/'))
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'no such route' } });
      return reply.sendFile('index.html');
    });
  }
  await app.ready();
  return app;
}
