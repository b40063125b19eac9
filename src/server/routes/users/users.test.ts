import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createHarness, type Harness, PASSWORD } from '../../../../test/security/harness.js';
import { ACCOUNT_LOCK } from '../../../auth/index.js';

describe('/api/v1/users', () => {
  let h: Harness;
  let admin: Agent;
  beforeAll(async () => {
    h = await createHarness('sqlite');
    admin = await h.signIn('admin');
  });
  afterAll(async () => h?.close());

  const call: Harness['call'] = (...request) => h.call(...request);

  it('lets an admin create, list, change and disable accounts, audited under the admin, without secrets', async () => {
    const created = await call('POST', '/api/v1/users', admin, { username: 'Elena', role: 'viewer' });
    expect(created.statusCode).toBe(200);
    expect(created.json().user).toMatchObject({ username: 'elena', role: 'viewer', disabled: false });
    expect(created.json().password).toMatch(/^\S{16,}$/);
    const list = await call('GET', '/api/v1/users', admin);
    expect(list.json().items.map((u: { username: string }) => u.username)).toContain('elena');
    expect(list.body).not.toMatch(/scrypt|argon2|password_hash|totp_secret|recovery/);
    const changed = await call('PATCH', '/api/v1/users/elena', admin, { role: 'editor', disabled: true });
    expect(changed.json()).toMatchObject({ role: 'editor', disabled: true });
    const audit = await h.t.workspace.db
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('action', 'in', ['user.add', 'user.role', 'user.disable'])
      .where('user_id', '=', admin.userId)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['user.add', 'user.disable', 'user.role']);
  });

  it('validates input: unknown roles, extra fields, bad names, short passwords', async () => {
    expect((await call('POST', '/api/v1/users', admin, { username: 'x', role: 'root' })).statusCode).toBe(400);
    expect(
      (await call('POST', '/api/v1/users', admin, { username: 'x', role: 'viewer', admin: true })).statusCode,
    ).toBe(400);
    expect(
      (await call('POST', '/api/v1/users', admin, { username: "x'; DROP TABLE users; --", role: 'viewer' })).statusCode,
    ).toBe(400);
    expect(
      (await call('POST', '/api/v1/users', admin, { username: 'x', role: 'viewer', password: 'short' })).statusCode,
    ).toBe(400);
    expect((await call('PATCH', '/api/v1/users/nobody', admin, { role: 'viewer' })).statusCode).toBe(404);
    expect((await call('PATCH', '/api/v1/users/elena', admin, {})).statusCode).toBe(400);
  });

  const signInAs = (username: string, password: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
  const lockOut = async (username: string) => {
    for (let i = 0; i < ACCOUNT_LOCK.maxFailures; i += 1)
      expect((await signInAs(username, 'a wrong password here')).statusCode).toBe(401);
  };
  const auditOf = (action: string) =>
    h.t.workspace.db
      .selectFrom('audit_log')
      .select(['user_id', 'target', 'before', 'after'])
      .where('action', '=', action)
      .execute();

  it('resets a password to a generated one, returned once: the lock-out cleared, the sessions ended, audited', async () => {
    const viewer = await h.signIn('viewer');
    await lockOut('viewer-user');
    expect((await signInAs('viewer-user', PASSWORD)).statusCode).toBe(401);
    const reset = await call('POST', '/api/v1/users/viewer-user/password', admin, {});
    expect(reset.statusCode).toBe(200);
    expect(reset.headers['cache-control']).toBe('no-store');
    const { user, password } = reset.json();
    expect(user).toMatchObject({ username: 'viewer-user', lockedUntil: null });
    expect(password).toMatch(/^\S{16,}$/);
    expect((await call('GET', '/api/v1/account', viewer)).statusCode).toBe(401);
    expect((await signInAs('viewer-user', PASSWORD)).statusCode).toBe(401);
    expect((await signInAs('viewer-user', password)).statusCode).toBe(200);
    const audit = await auditOf('user.reset_password');
    expect(audit).toEqual([expect.objectContaining({ user_id: admin.userId, target: `users/${h.users.viewer.id}` })]);
    expect(JSON.stringify(await h.t.workspace.db.selectFrom('audit_log').selectAll().execute())).not.toContain(
      password,
    );
    await call('POST', '/api/v1/users/viewer-user/password', admin, { password: PASSWORD });
  });

  it('resets to a password the admin gives, held to the policy of new accounts; 404 for an unknown account', async () => {
    const given = await call('POST', '/api/v1/users/reviewer-user/password', admin, {
      password: 'a password the admin chose',
    });
    expect(given.statusCode).toBe(200);
    expect(given.json().password).toBeNull();
    expect((await signInAs('reviewer-user', 'a password the admin chose')).statusCode).toBe(200);
    for (const body of [
      { password: 'short' },
      { password: 'x'.repeat(1025) },
      { password: 'long enough here', role: 'admin' },
    ])
      expect((await call('POST', '/api/v1/users/reviewer-user/password', admin, body)).statusCode).toBe(400);
    expect((await signInAs('reviewer-user', 'a password the admin chose')).statusCode).toBe(200);
    expect((await call('POST', '/api/v1/users/reviewer-user/password', admin, { password: PASSWORD })).statusCode).toBe(
      200,
    );
    // The body may be left out altogether, as for a generated password.
    const bare = await call('POST', '/api/v1/users/reviewer-user/password', admin);
    expect(bare.statusCode, bare.body).toBe(200);
    expect(bare.json().password).toMatch(/^\S{16,}$/);
    expect((await call('POST', '/api/v1/users/reviewer-user/password', admin, { password: PASSWORD })).statusCode).toBe(
      200,
    );
    const unknown = await call('POST', '/api/v1/users/nobody-here/password', admin, {});
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    expect((await call('POST', '/api/v1/users/nobody-here/unlock', admin)).statusCode).toBe(404);
  });

  it('unlocks an account without changing its password or ending its sessions, audited', async () => {
    const editor = await h.signIn('editor');
    await lockOut('editor-user');
    const listed = (await call('GET', '/api/v1/users', admin)).json().items as Array<{
      username: string;
      lockedUntil: string | null;
    }>;
    expect(listed.find((u) => u.username === 'editor-user')?.lockedUntil).not.toBeNull();
    const unlocked = await call('POST', '/api/v1/users/editor-user/unlock', admin);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ username: 'editor-user', lockedUntil: null });
    expect((await call('GET', '/api/v1/account', editor)).statusCode).toBe(200);
    expect((await signInAs('editor-user', PASSWORD)).statusCode).toBe(200);
    const audit = await auditOf('user.unlock');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: admin.userId, target: `users/${h.users.editor.id}` });
    // What the lock was is kept; the count of failures restarts from nothing.
    const row = await h.t.workspace.db
      .selectFrom('users')
      .select(['failed_attempts', 'locked_until'])
      .where('id', '=', h.users.editor.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_attempts: 0, locked_until: null });
  });

  it('keeps resets and unlocks to admins: other roles get the not-found answer, signed out 401, no CSRF 403', async () => {
    for (const role of ['editor', 'reviewer', 'viewer'] as const) {
      const agent = await h.signIn(role);
      for (const [url, body] of [
        ['/api/v1/users/admin-user/password', { password: 'taken over by a non-admin' }],
        ['/api/v1/users/admin-user/unlock', undefined],
      ] as const) {
        const res = await call('POST', url, agent, body);
        expect(res.statusCode, `${role} ${url}`).toBe(404);
        expect(res.json().error).toEqual({ code: 'NOT_FOUND', message: 'not found' });
      }
    }
    expect((await call('POST', '/api/v1/users/admin-user/password', null, {})).statusCode).toBe(401);
    expect((await call('POST', '/api/v1/users/admin-user/unlock', null)).statusCode).toBe(401);
    const noCsrf = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users/viewer-user/unlock',
      headers: { cookie: admin.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await signInAs('admin-user', PASSWORD)).statusCode).toBe(200);
  });
});
