import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A response body made once and sent to many callers: kept figures, a kept page of the people table. Serializing a
 * page of fifty people costs more than looking it up, and so does compressing it, so both happen once per body.
 */
export class KeptJson {
  #gzip: Buffer | null = null;
  #sent = 0;

  constructor(readonly json: string) {}

  /** The JSON gzipped, compressed on first demand. */
  get gzip(): Buffer {
    this.#gzip ??= gzipSync(this.json);
    return this.#gzip;
  }

  /**
   * Counts a send, and says whether it should be gzipped (to a client that takes gzip): always for a large body; a small one (a person's page) only from its second
   * send on. Compressing costs a fixed ~50 µs whatever the size (zlib sets up its window each time), a tenth of a
   * first read's work on the server's thread, and most pages are read once; one read again is compressed once for
   * all the reads after it.
   */
  worthGzip(): boolean {
    this.#sent++;
    return this.#gzip !== null || this.#sent > 1 || this.json.length >= GZIP_AT_ONCE_BYTES;
  }
}

/** Bodies this large are gzipped from their first send: the bytes saved outweigh the time. */
const GZIP_AT_ONCE_BYTES = 16 * 1024;

/** Whether the client takes gzip (`Accept-Encoding: gzip, br`; not `gzip;q=0`). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    return coding?.trim() === 'gzip' && !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
  });
}

/**
 * The JSON of `payload` as the route's response schema writes it (`reply.serialize`: unknown properties dropped,
 * exactly as a returned object would be), to keep and send with `sendKept`.
 */
export function keepJson(reply: FastifyReply, payload: unknown): KeptJson {
  return new KeptJson(reply.serialize(payload) as string);
}

/** Sends a kept body, gzipped to a client that takes gzip. A string or buffer with a JSON type goes as it is. */
export function sendKept(request: FastifyRequest, reply: FastifyReply, body: KeptJson): FastifyReply {
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  const worthGzip = body.worthGzip();
  if (!worthGzip || !acceptsGzip(request.headers['accept-encoding'])) return reply.send(body.json);
  return reply.header('content-encoding', 'gzip').send(body.gzip);
}
