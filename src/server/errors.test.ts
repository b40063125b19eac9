import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestWorkspace } from '../../test/helpers/workspaces.js';
import { PASSWORD, testRuntime } from '../../test/security/harness.js';
import { createUser } from '../auth/index.js';
import { buildServer } from './app.js';

/** The server's error log, as `chronicle serve` writes it to stderr: what a 500 leaves behind, and nothing else. */
describe('the error log', () => {
  let t: TestWorkspace;
  let app: FastifyInstance;
  const lines: string[] = [];
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    t = await createTestWorkspace('sqlite');
    // Storing a file fails as a full disk would: an error of the server's, not of the request.
    const runtime = {
      ...testRuntime(t),
      ingestContext: () => {
        throw new Error('ENOSPC: no space left on device');
      },
    };
    app = await buildServer({ runtime, errorLog: { write: (line) => void lines.push(line) } });
    await createUser(t.workspace.db, null, { username: 'editor-user', role: 'editor', password: PASSWORD });
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'editor-user', password: PASSWORD },
    });
    cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    csrf = (signIn.json() as { csrfToken: string }).csrfToken;
  });

  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const testimony = 'Тайное показание о пытках Сергея Смирнова в СИЗО-1.';

  it('holds a 500 with its route and cause, never the URL, cookie, CSRF token, password or body', async () => {
    const form = new FormData();
    form.append('title', 'Показание матери');
    form.append('file', new Blob([testimony], { type: 'text/plain' }), 'smirnov.txt');
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': request.headers.get('content-type')! },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 50,
      msg: 'internal error',
      req: { method: 'POST', route: '/api/v1/sources' },
      err: { type: 'Error', message: 'ENOSPC: no space left on device' },
    });
    expect((entry.err as { stack: string }).stack).toContain('errors.test.ts');
    // A URL can carry a search for a name; the route says where it failed without it.
    expect(Object.keys(entry.req as object).sort()).toEqual(['method', 'route']);
    for (const secret of [cookie.split('=')[1]!, csrf, PASSWORD, testimony, 'Показание матери', 'smirnov'])
      expect(lines[0], secret).not.toContain(secret);
  });

  it('holds no line for a request answered well or refused as the sender’s error', async () => {
    lines.length = 0;
    const search = await app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent('Смирнов')}`,
      headers: { cookie },
    });
    expect(search.statusCode).toBe(200);
    const refused = await app.inject({ method: 'GET', url: '/api/v1/sources?limit=0', headers: { cookie } });
    expect(refused.statusCode).toBe(400);
    expect(lines).toEqual([]);
  });
});
