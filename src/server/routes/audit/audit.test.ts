import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { type Agent, createHarness, type Harness } from '../../../../test/security/harness.js';
import { createPerson } from '../../../record/index.js';

const dialects = await testDialects();

describe.each(dialects)('/api/v1/audit for the audit view on %s', (dialect) => {
  let h: Harness;
  let admin: Agent;
  let viewer: Agent;
  beforeAll(async () => {
    h = await createHarness(dialect);
    admin = await h.signIn('admin');
    viewer = await h.signIn('viewer');
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { username: 'olga_test', role: 'viewer' },
    });
    expect(res.statusCode).toBe(200);
  });
  afterAll(async () => h?.close());

  const list = (query: string, agent: Agent = admin) =>
    h.app.inject({ method: 'GET', url: `/api/v1/audit${query}`, headers: { cookie: agent.cookie } });

  it('filters by actor, action, target type and id, and date range, with the actor’s name', async () => {
    const byAdmin = await list('?actor=admin-user&action=user.add');
    expect(byAdmin.statusCode).toBe(200);
    const body = byAdmin.json();
    expect(body.total).toBe(1);
    const entry = body.items[0];
    expect(entry).toMatchObject({ username: 'admin-user', action: 'user.add', after: { username: 'olga_test' } });
    const [type, id] = (entry.target as string).split('/');
    expect(type).toBe('users');
    expect((await list(`?targetType=users&targetId=${id}`)).json().items.map((i: { seq: number }) => i.seq)).toEqual([
      entry.seq,
    ]);
    expect((await list(`?targetId=${id}`)).json().total).toBe(1);
    // `_` in a type is no wildcard: `user_` matches no `users/…` target.
    expect((await list('?targetType=user_')).json().total).toBe(0);
    expect((await list('?targetType=users')).json().total).toBeGreaterThanOrEqual(5);
    expect((await list('?actor=viewer-user&action=user.add')).json().total).toBe(0);

    const day = (entry.at as string).slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await list(`?action=user.add&from=${day}&to=${day}`)).json().total).toBeGreaterThanOrEqual(1);
    expect((await list(`?action=user.add&from=${next}`)).json().total).toBe(0);
    expect((await list(`?action=user.add&to=2000-01-01`)).json().total).toBe(0);
    expect((await list('?from=yesterday')).statusCode).toBe(400);
    expect((await list("?actor=x'%20OR%201=1--")).statusCode).toBe(400);
  });

  it('lists the actions the log holds, once each and in order, to admins only', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/audit/actions', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    const { actions } = res.json() as { actions: string[] };
    expect(actions).toContain('user.add');
    expect(actions).toContain('session.sign_in');
    expect(new Set(actions).size).toBe(actions.length);
    expect([...actions].sort()).toEqual(actions);
    const refused = await h.app.inject({
      method: 'GET',
      url: '/api/v1/audit/actions',
      headers: { cookie: viewer.cookie },
    });
    expect(refused.statusCode).toBe(404);
  });

  it('filters by actions whose words are joined by hyphens, as the product writes them', async () => {
    const person = await h.t.workspace.db
      .transaction()
      .execute((trx) => createPerson(trx, { displayName: 'Инна Вымыслова' }, null));
    const override = await h.call('POST', `/api/v1/persons/${person.id}/status-override`, admin, {
      status: 'emigrated',
      reason: 'invented for the test',
    });
    expect(override.statusCode, override.body).toBe(200);
    const res = await list('?action=person.status-override');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBe(1);
    expect(res.json().items[0]).toMatchObject({ action: 'person.status-override', target: `persons/${person.id}` });
    // Every other action the product writes has the same alphabet; an unknown one is no error, just no entries.
    for (const action of [
      'record.import-csv',
      'review.correct-evidence',
      'person.merge-undo',
      'session.sign_in_failed',
    ])
      expect((await list(`?action=${action}`)).statusCode, action).toBe(200);
    for (const action of ['Person.update', 'person update', "x'--"])
      expect((await list(`?action=${encodeURIComponent(action)}`)).statusCode, action).toBe(400);
  });

  it('refuses a date range that ends before it starts', async () => {
    const reversed = await list('?from=2026-01-01&to=2024-01-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe('VALIDATION');
    expect((await list('?from=2024-03-01&to=2024-03-01')).statusCode).toBe(200);
  });

  it('pages newest first', async () => {
    const first = (await list('?limit=2&offset=0')).json();
    const second = (await list('?limit=2&offset=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0].seq).toBeGreaterThan(first.items[1].seq);
    expect(first.items[1].seq).toBeGreaterThan(second.items[0].seq);
    expect(second.total).toBe(first.total);
  });

  it('verifies the chain for admins; others get the same not-found answer as any hidden route', async () => {
    const ok = await h.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie: admin.cookie } });
    expect(ok.json()).toMatchObject({ ok: true });
    for (const url of ['/api/v1/audit', '/api/v1/audit/verify']) {
      const res = await h.app.inject({ method: 'GET', url, headers: { cookie: viewer.cookie } });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });
});
