import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyLoggerOptions, FastifyReply, FastifyRequest } from 'fastify';
import { ChronicleError, ERROR_CODES } from '../shared/errors.js';

/**
 * The server's log, for what went wrong on its side only: `level: 'error'` leaves out Fastify's line per request
 * (which would name every search and every record read), and the serializers name what a line may hold rather than
 * what it may not, so nothing is let out by a field added later. A request is its method and route template
 * (`GET /api/v1/sources/:id`): never its URL (a search's words, a record's id), address, headers (the session cookie,
 * the CSRF token) or body (a password, a testimony). An error is its type, code, message and stack: not the rest of
 * its fields, where PostgreSQL puts a failing row's values ("Failing row contains (…)").
 * `errorLogOptions(process.stderr)` → one JSON line a 500: `{"level":50,…,"req":{"method":"POST","route":…},"err":…}`.
 */
export function errorLogOptions(stream: { write(line: string): void }): FastifyLoggerOptions {
  return {
    level: 'error',
    stream,
    serializers: {
      req: (request) => ({
        method: request.method,
        route: (request as unknown as FastifyRequest).routeOptions?.url ?? null,
      }),
      err: (error) => ({
        type: error.name,
        code: error.code,
        message: error.message,
        stack: error.stack ?? '',
      }),
    },
  };
}

/** One error shape for every route: `{ "error": { "code": "NOT_FOUND", "message": "…" } }`. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof ChronicleError) {
    // A wrong key or a failing database is the server's to mend, and an operator's only trace of it.
    if (error.status >= 500) request.log.error({ req: request, err: error }, 'internal error');
    const message = error.code === 'FORBIDDEN' ? ERROR_CODES.NOT_FOUND.message : error.message;
    const code = error.code === 'FORBIDDEN' ? 'NOT_FOUND' : error.code;
    void reply.status(error.status).send({ error: { code, message } });
    return;
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    void reply.status(400).send({ error: { code: 'VALIDATION', message: validationMessage(fastifyError) } });
    return;
  }
  const status = fastifyError.statusCode && fastifyError.statusCode < 500 ? fastifyError.statusCode : 500;
  if (status === 413) {
    void reply.status(413).send({ error: { code: 'TOO_LARGE', message: fastifyError.message } });
    return;
  }
  if (status >= 500) request.log.error({ req: request, err: error }, 'internal error');
  void reply.status(status).send({
    error: {
      code: status >= 500 ? 'INTERNAL' : 'VALIDATION',
      message: status >= 500 ? 'internal error' : fastifyError.message,
    },
  });
}

/**
 * A schema error as one line a person can act on. A field that must be one of a list of words fails each word's
 * `const` and then their `anyOf`, which Fastify writes as "querystring/state must be equal to constant" once per
 * word; those become "querystring/state must be one of queued, running, …".
 */
function validationMessage(error: FastifyError): string {
  const failures = error.validation ?? [];
  const context = error.validationContext ?? 'request';
  // Ajv's "body must NOT have additional properties" names neither the field nor that it may be a slip of the pen.
  const [unknown] = failures;
  if (failures.length === 1 && unknown?.keyword === 'additionalProperties') {
    const name = JSON.stringify((unknown.params as { additionalProperty?: unknown }).additionalProperty);
    if (context === 'querystring' && unknown.instancePath === '')
      return `unknown query parameter ${name}: this route does not take it (see /api/v1/openapi.json)`;
    return `${context}${unknown.instancePath} has an unknown field ${name}`;
  }
  const allowed = new Map<string, unknown[]>();
  // A choice that may also be null (a reliability cleared) fails its null branch beside its values.
  const nullable = new Set<string>();
  for (const failure of failures) {
    if (failure.keyword === 'anyOf') continue;
    if (failure.keyword === 'type' && (failure.params as { type?: unknown }).type === 'null') {
      nullable.add(failure.instancePath);
      continue;
    }
    if (failure.keyword !== 'const') return error.message;
    const values = allowed.get(failure.instancePath) ?? [];
    values.push((failure.params as { allowedValue?: unknown }).allowedValue);
    allowed.set(failure.instancePath, values);
  }
  if (allowed.size === 0 || [...nullable].some((path) => !allowed.has(path))) return error.message;
  return [...allowed]
    .map(
      ([path, values]) =>
        `${context}${path} must be one of ${values.map((v) => String(v)).join(', ')}${nullable.has(path) ? ', or null to clear it' : ''}`,
    )
    .join('; ');
}

/**
 * What Node's HTTP parser refuses never reaches a route, and Fastify's own answer to it ("Client Error", in another
 * shape) says neither what was wrong nor how to mend it. The commonest case is a Cyrillic word pasted into a URL —
 * `curl 'http://…/api/v1/search?q=задержан'` — which a browser would have percent-encoded.
 */
export function clientErrorHandler(error: Error & { code?: string; reason?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = clientErrorAnswer(error);
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy();
}

function clientErrorAnswer(error: { code?: string; reason?: string }): [number, string, string] {
  switch (error.code) {
    case 'HPE_INVALID_URL':
      return [
        400,
        'VALIDATION',
        'the address has characters that must be percent-encoded (letters outside ASCII, spaces): encode them, ' +
          "as a browser does, e.g. curl -G --data-urlencode 'q=задержан' https://…/api/v1/search",
      ];
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'TOO_LARGE', 'the request headers are too large'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'VALIDATION', 'the request was not received in time'];
    default:
      return [400, 'VALIDATION', `the request is not valid HTTP${error.reason ? ` (${error.reason})` : ''}`];
  }
}
