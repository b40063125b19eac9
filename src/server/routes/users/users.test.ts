import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createHarness, type Harness } from '../../../../test/security/harness.js';

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
});
