import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ChronicleError, ERROR_CODES } from '../shared/errors.js';

/** One error shape for every route: `{ "error": { "code": "NOT_FOUND", "message": "…" } }`. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof ChronicleError) {
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
  if (status >= 500) request.log.error(error);
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
  const allowed = new Map<string, unknown[]>();
  for (const failure of failures) {
    if (failure.keyword === 'anyOf') continue;
    if (failure.keyword !== 'const') return error.message;
    const values = allowed.get(failure.instancePath) ?? [];
    values.push((failure.params as { allowedValue?: unknown }).allowedValue);
    allowed.set(failure.instancePath, values);
  }
  if (allowed.size === 0) return error.message;
  const context = error.validationContext ?? 'request';
  return [...allowed]
    .map(([path, values]) => `${context}${path} must be one of ${values.map((v) => String(v)).join(', ')}`)
    .join('; ');
}
