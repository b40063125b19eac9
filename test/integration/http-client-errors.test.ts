import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { createTestWorkspace, type TestWorkspace } from '../helpers/workspaces.js';
import { testRuntime } from '../security/harness.js';

/** Requests Node's HTTP parser refuses before any route sees them, sent as raw bytes (inject would not parse them). */
describe('requests the HTTP parser refuses', () => {
  let t: TestWorkspace;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    t = await createTestWorkspace('sqlite');
    app = await buildServer({ runtime: testRuntime(t) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  /** The raw answer to `request`: status, headers and body as the socket received them. */
  function send(request: Buffer): Promise<{ status: number; headers: string; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head = '', body = ''] = raw.split('\r\n\r\n');
        resolve({ status: Number(head.split(' ')[1]), headers: head, body });
      });
      socket.end(request);
    });
  }

  it('answers a URL with unencoded Cyrillic in the API’s error shape, saying how to encode it', async () => {
    const res = await send(Buffer.from('GET /api/v1/search?q=задержан HTTP/1.1\r\nHost: localhost\r\n\r\n', 'utf8'));
    expect(res.status).toBe(400);
    expect(res.headers).toMatch(/content-type: application\/json; charset=utf-8/i);
    const body = JSON.parse(res.body) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.message).toContain('percent-encoded');
    expect(body.error.message).toContain("--data-urlencode 'q=задержан'");
    expect(Buffer.byteLength(res.body)).toBe(Number(/content-length: (\d+)/i.exec(res.headers)?.[1]));
  });

  it('answers bytes that are not HTTP, and headers beyond the limit, in the same shape', async () => {
    const garbage = await send(Buffer.from('HELLO THERE\r\n\r\n'));
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body).error.message).toMatch(/^the request is not valid HTTP/);
    const huge = await send(
      Buffer.from(`GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`),
    );
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.body).error.code).toBe('TOO_LARGE');
  });

  it('goes on serving well-formed requests after them', async () => {
    await send(Buffer.from('GET /api/v1/search?q=обыск HTTP/1.1\r\nHost: localhost\r\n\r\n', 'utf8'));
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/search?q=${encodeURIComponent('задержан')}`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });
});
