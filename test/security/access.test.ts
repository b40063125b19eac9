import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role, roleAtLeast } from '../../src/auth/index.js';
import { routeTable } from '../../src/server/access.js';
import { testDialects } from '../helpers/workspaces.js';
import { type Agent, createGroup, createHarness, type Harness, insertSource, PASSWORD } from './harness.js';

const dialects = await testDialects();
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe.each(dialects)('access control over HTTP on %s', (dialect) => {
  let h: Harness;
  const agents = {} as Record<Role, Agent>;

  beforeAll(async () => {
    h = await createHarness(dialect);
    for (const role of ROLES) agents[role] = await h.signIn(role);
  });
  afterAll(async () => h?.close());

  const call = (method: string, url: string, agent: Agent | null, payload?: unknown) =>
    h.app.inject({
      method: method as 'GET',
      url,
      headers: agent
        ? { cookie: agent.cookie, ...(STATE_CHANGING.has(method) ? { 'x-csrf-token': agent.csrf } : {}) }
        : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('authorization matrix: every route × every role × signed out', async () => {
    const routes = routeTable(h.app).filter((r) => r.method !== 'OPTIONS');
    // The table is the server's own: it must hold at least the routes this issue guards.
    const names = routes.map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'POST /api/v1/session',
      'DELETE /api/v1/session',
      'GET /api/v1/sources',
      'GET /api/v1/search',
      'GET /api/v1/audit',
      'GET /healthz',
      'GET /api/v1/public/persons',
    ]) {
      expect(names).toContain(expected);
    }
    // DESIGN §7: signed out, only sign-in, /healthz, the public list and the web UI's shell answer.
    for (const route of routes.filter((r) => r.access === 'public')) {
      const name = `${route.method} ${route.url}`;
      const open =
        name === 'POST /api/v1/session' ||
        route.url === '/healthz' ||
        route.url.startsWith('/api/v1/public/') ||
        !route.url.startsWith('/api/');
      expect(open, `${name} is open to anyone`).toBe(true);
    }
    let checked = 0;
    for (const route of routes) {
      const url = route.url.replace(/:[A-Za-z]+/g, 'NONEXISTENT01').replace('*', 'x');
      const payload = STATE_CHANGING.has(route.method) ? {} : undefined;
      // Signed out: 401 everywhere but public routes.
      const anonymous = await call(route.method, url, null, payload);
      if (route.access === 'public')
        expect(anonymous.statusCode, `${route.method} ${route.url} signed out`).not.toBe(401);
      else expect(anonymous.statusCode, `${route.method} ${route.url} signed out`).toBe(401);
      for (const role of ROLES) {
        // Sign-out ends the session it is called with: give it a session of its own.
        const agent =
          route.method === 'DELETE' && route.url === '/api/v1/session' ? await h.signIn(role) : agents[role];
        const res = await call(route.method, url, agent, payload);
        if (route.method === 'HEAD') {
          // A HEAD answer has no body to tell a guard's 404 from a handler's: it must answer as its GET does.
          expect(res.statusCode, `HEAD ${route.url} as ${role}`).toBe((await call('GET', url, agent)).statusCode);
          checked += 1;
          continue;
        }
        const deniedByGuard =
          res.statusCode === 404 && (res.json() as { error: { message: string } }).error.message === 'not found';
        const allowed =
          route.access === 'public' || route.access === undefined || roleAtLeast({ id: '', role }, route.access);
        expect(res.statusCode, `${route.method} ${route.url} as ${role}`).not.toBe(401);
        expect(res.statusCode, `${route.method} ${route.url} as ${role}`).not.toBe(403);
        expect(
          deniedByGuard,
          `${route.method} ${route.url} as ${role}: ${res.statusCode} ${res.body.slice(0, 200)}`,
        ).toBe(!allowed);
        checked += 1;
      }
    }
    expect(checked).toBe(routes.length * ROLES.length);
  });

  it('refuses a state-changing request without the CSRF token, and with a wrong one', async () => {
    const agent = agents.editor;
    const missing = await h.app.inject({
      method: 'POST',
      url: '/api/v1/jobs/retry',
      headers: { cookie: agent.cookie },
      payload: {},
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF');
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/v1/jobs/retry',
      headers: {
        cookie: agent.cookie,
        'x-csrf-token': `${agent.csrf.slice(0, -1)}${agent.csrf.endsWith('A') ? 'B' : 'A'}`,
      },
      payload: {},
    });
    expect(wrong.statusCode).toBe(403);
    const other = await h.app.inject({
      method: 'POST',
      url: '/api/v1/jobs/retry',
      headers: { cookie: agent.cookie, 'x-csrf-token': agents.viewer.csrf },
      payload: {},
    });
    expect(other.statusCode).toBe(403);
    const right = await h.app.inject({
      method: 'POST',
      url: '/api/v1/jobs/retry',
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf },
      payload: {},
    });
    expect(right.statusCode).toBe(200);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, Secure over TLS, and returns the CSRF token', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'viewer-user', password: PASSWORD },
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^chronicle_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    expect(res.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const tls = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'viewer-user', password: PASSWORD },
      headers: {},
      remoteAddress: '127.0.0.1',
      ...({ protocol: 'https' } as object),
    });
    // inject cannot fake TLS; the flag follows request.protocol, checked in session.test.ts.
    expect(tls.statusCode).toBe(200);
  });

  it('signs out: the old cookie no longer works', async () => {
    const agent = await h.signIn('viewer');
    expect((await call('GET', '/api/v1/sources', agent)).statusCode).toBe(200);
    const out = await call('DELETE', '/api/v1/session', agent);
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await call('GET', '/api/v1/sources', agent)).statusCode).toBe(401);
  });

  it('answers a failed sign-in with one generic error, whatever failed', async () => {
    const wrongPassword = await call('POST', '/api/v1/session', null, {
      username: 'viewer-user',
      password: 'not the password',
    });
    const unknownUser = await call('POST', '/api/v1/session', null, {
      username: 'nobody-here',
      password: 'not the password',
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownUser.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownUser.json());
  });

  it('hides restricted sources from users outside their groups: lists, counts, search, get, text, original', async () => {
    const group = await createGroup(h.t, `g-${dialect}`, [agents.reviewer.userId]);
    const secret = await insertSource(h.t, {
      text: 'Zorblax restricted witness statement',
      title: 'Zorblax',
      confidentiality: 'restricted',
      groups: [group],
    });
    const open = await insertSource(h.t, {
      text: 'Zorblax internal note',
      title: 'Zorblax open',
      confidentiality: 'internal',
    });
    const forViewer = await call('GET', '/api/v1/sources?limit=500', agents.viewer);
    const ids = (forViewer.json() as { items: Array<{ id: string }> }).items.map((s) => s.id);
    expect(ids).toContain(open);
    expect(ids).not.toContain(secret);
    const search = await call('GET', '/api/v1/search?q=zorblax', agents.viewer);
    expect(search.json().total).toBe(1);
    expect(search.json().results.map((r: { sourceId: string }) => r.sourceId)).toEqual([open]);
    for (const suffix of ['', '/text', '/original']) {
      const res = await call('GET', `/api/v1/sources/${secret}${suffix}`, agents.viewer);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(
        (await call('GET', `/api/v1/sources/01NONEXISTENT${suffix}`, agents.viewer)).json().error ? res.json() : null,
      );
    }
    // Members of the group and admins see it; each read of it is audited.
    for (const role of ['reviewer', 'admin'] as const) {
      expect((await call('GET', `/api/v1/search?q=zorblax`, agents[role])).json().total).toBe(2);
      expect((await call('GET', `/api/v1/sources/${secret}/text`, agents[role])).json().text).toContain('witness');
    }
    const reads = await h.t.workspace.db
      .selectFrom('audit_log')
      .select(['user_id', 'target'])
      .where('action', '=', 'record.read')
      .execute();
    expect(reads).toEqual(
      expect.arrayContaining([
        { user_id: agents.reviewer.userId, target: `sources/${secret}` },
        { user_id: agents.admin.userId, target: `sources/${secret}` },
      ]),
    );
  });

  it('SQL injection strings in parameters do nothing', async () => {
    const before = await h.t.workspace.db
      .selectFrom('sources')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const attacks = [
      "' OR 1=1 --",
      "'; DROP TABLE sources; --",
      '" OR ""="',
      '1) UNION SELECT password_hash FROM users --',
      "x' AND (SELECT count(*) FROM users) > 0 --",
      '%27%20OR%201%3D1',
    ];
    for (const attack of attacks) {
      const q = encodeURIComponent(attack);
      for (const url of [
        `/api/v1/search?q=${q}`,
        `/api/v1/sources?publisher=${q}`,
        `/api/v1/sources?language=${q.slice(0, 8)}`,
        `/api/v1/sources/${q}`,
        `/api/v1/audit?action=${q}`,
      ]) {
        const res = await call('GET', url, agents.admin);
        expect(res.statusCode, url).toBeLessThan(500);
        expect(res.body).not.toMatch(/\$scrypt|\$argon2/);
      }
      const signIn = await call('POST', '/api/v1/session', null, { username: attack.slice(0, 64), password: attack });
      expect(signIn.statusCode).toBeGreaterThanOrEqual(400);
      expect(signIn.statusCode).toBeLessThan(500);
    }
    const after = await h.t.workspace.db
      .selectFrom('sources')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const restricted = await call(
      'GET',
      `/api/v1/sources?publisher=${encodeURIComponent("' OR confidentiality='restricted' --")}`,
      agents.viewer,
    );
    expect(restricted.json().total).toBe(0);
  });

  it('sends the security headers and the CSP without inline script on every answer, even a 401', async () => {
    for (const res of [
      await call('GET', '/healthz', null),
      await call('GET', '/api/v1/sources', null),
      await call('GET', '/public', null),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('tells browsers and proxies to keep no API answer, found or not, signed in or out', async () => {
    const source = await insertSource(h.t, { text: 'Показание свидетеля Квазимодова', confidentiality: 'internal' });
    const routes = routeTable(h.app).filter((r) => r.method === 'GET' && r.url.startsWith('/api/'));
    const urls = [
      ...routes.map((r) => r.url.replace(/:[A-Za-z]+/g, 'NONEXISTENT01')),
      `/api/v1/sources/${source}`,
      `/api/v1/sources/${source}/text`,
      `/api/v1/sources/${source}/original`,
      `/api/v1/search?q=${encodeURIComponent('Квазимодова')}`,
    ];
    for (const url of urls)
      for (const agent of [agents.viewer, agents.admin, null]) {
        const res = await call('GET', url, agent);
        expect(res.headers['cache-control'], `${url} ${res.statusCode}`).toBe('no-store');
      }
    expect((await call('GET', `/api/v1/sources/${source}/original`, agents.viewer)).statusCode).toBe(200);
    const signIn = await call('POST', '/api/v1/session', null, { username: 'viewer-user', password: PASSWORD });
    expect(signIn.headers['cache-control']).toBe('no-store');
  });

  it('refuses a NUL character anywhere in the input as bad input, never as an internal error', async () => {
    // PostgreSQL's text takes no NUL: these reached a statement and came back as 500s there.
    const nul = encodeURIComponent('x\u0000y');
    const requests: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/sources?publisher=${nul}`],
      ['GET', `/api/v1/persons?q=${nul}`],
      ['GET', `/api/v1/relationship-targets?q=${nul}`],
      ['GET', `/api/v1/search?q=${nul}`],
      ['GET', `/api/v1/persons/${nul}`],
      ['PATCH', '/api/v1/persons/01NONEXISTENT', { name: 'Иван\u0000Вымышленный' }],
      ['POST', '/api/v1/session', { username: 'viewer-user', password: 'p\u0000' }],
    ];
    for (const [method, url, payload] of requests) {
      const res = await call(method, url, agents.admin, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json().error, `${method} ${url}`).toEqual({
        code: 'VALIDATION',
        message: 'no field may hold a NUL character (U+0000)',
      });
    }
  });

  it('limits request sizes and validates bodies', async () => {
    const huge = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'x', password: 'p'.repeat(2 * 1024 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
    const extra = await call('POST', '/api/v1/session', null, {
      username: 'viewer-user',
      password: PASSWORD,
      role: 'admin',
    });
    expect(extra.statusCode).toBe(400);
    const badType = await call('POST', '/api/v1/session', null, { username: { $ne: '' }, password: PASSWORD });
    expect(badType.statusCode).toBe(400);
  });
});
