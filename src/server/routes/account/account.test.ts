import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { createHarness, type Harness, PASSWORD } from '../../../../test/security/harness.js';
import { ACCOUNT_LOCK, base32Decode, changeOwnPassword, totp } from '../../../auth/index.js';

const dialects = await testDialects();

describe.each(dialects)('/api/v1/account TOTP enrolment on %s', (dialect) => {
  let h: Harness;
  // Each code is used once (RFC 6238 §5.2): the clock moves one 30-second step before every new code.
  let now = Date.parse('2026-03-01T10:00:00Z');
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    h = await createHarness(dialect);
  });
  afterAll(async () => {
    vi.useRealTimers();
    await h?.close();
  });
  afterEach(() => {
    now += 30_000;
    vi.setSystemTime(now);
  });

  const nextCode = (secret: string) => {
    now += 30_000;
    vi.setSystemTime(now);
    return totp(base32Decode(secret), now);
  };
  /** A six-digit code valid at none of the steps around now. */
  const wrongCode = (secret: string) => {
    const valid = [-1, 0, 1].map((s) => totp(base32Decode(secret), now + s * 30_000));
    for (let n = 0; ; n += 1) {
      const code = String(n).padStart(6, '0');
      if (!valid.includes(code)) return code;
    }
  };
  const call: Harness['call'] = (...request) => h.call(...request);
  const signIn = (payload: object) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'editor-user', password: PASSWORD, ...payload },
    });

  let secret = '';
  let recoveryCodes: string[] = [];

  it('starts an enrolment that is not active until confirmed, and rejects a wrong code', async () => {
    const editor = await h.signIn('editor');
    const started = await call('POST', '/api/v1/account/totp', editor, {});
    expect(started.statusCode).toBe(200);
    expect(started.headers['cache-control']).toBe('no-store');
    secret = started.json().secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.json().uri).toBe(
      `otpauth://totp/Chronicle:editor-user?secret=${secret}&issuer=Chronicle&algorithm=SHA1&digits=6&period=30`,
    );
    expect((await call('GET', '/api/v1/account', editor)).json()).toMatchObject({ totp: false, pending: true });
    // Pending only: sign-in still asks for the password alone.
    expect((await signIn({})).statusCode).toBe(200);

    const wrong = await call('POST', '/api/v1/account/totp/confirm', editor, { code: wrongCode(secret) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('WRONG_CODE');
    expect((await call('GET', '/api/v1/account', editor)).json()).toMatchObject({ totp: false, pending: true });
    expect((await signIn({})).statusCode).toBe(200);
    // A code for another secret is just as wrong.
    const other = await call('POST', '/api/v1/account/totp/confirm', editor, { code: nextCode('JBSWY3DPEHPK3PXP') });
    expect(other.statusCode).toBe(400);
  });

  it('confirms with a valid code: recovery codes once, sign-in then needs a code, other sessions end', async () => {
    const editor = await h.signIn('editor');
    const otherSession = await h.signIn('editor');
    const confirmed = await call('POST', '/api/v1/account/totp/confirm', editor, { code: nextCode(secret) });
    expect(confirmed.statusCode).toBe(200);
    recoveryCodes = confirmed.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await call('GET', '/api/v1/account', editor)).json()).toMatchObject({
      totp: true,
      pending: false,
      recoveryCodesLeft: 10,
    });
    expect((await call('GET', '/api/v1/account', otherSession)).statusCode).toBe(401);
    // Confirming again, or starting over while on, is refused.
    expect((await call('POST', '/api/v1/account/totp/confirm', editor, { code: nextCode(secret) })).statusCode).toBe(
      409,
    );
    expect((await call('POST', '/api/v1/account/totp', editor, {})).statusCode).toBe(409);

    const noCode = await signIn({});
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('TOTP_REQUIRED');
    expect((await signIn({ totp: wrongCode(secret) })).statusCode).toBe(401);
    expect((await signIn({ totp: nextCode(secret) })).statusCode).toBe(200);
  });

  it('takes a recovery code once', async () => {
    const code = recoveryCodes[0]!;
    expect((await signIn({ recoveryCode: code })).statusCode).toBe(200);
    expect((await signIn({ recoveryCode: code })).statusCode).toBe(401);
    expect((await signIn({ recoveryCode: recoveryCodes[1]!.toLowerCase() })).statusCode).toBe(200);
  });

  it('regenerates recovery codes with a current code; the old ones stop working', async () => {
    const session = await signIn({ totp: nextCode(secret) });
    const editor = {
      cookie: String(session.headers['set-cookie']).split(';')[0]!,
      csrf: session.json().csrfToken as string,
      userId: h.users.editor.id,
    };
    expect(
      (await call('POST', '/api/v1/account/totp/recovery-codes', editor, { code: wrongCode(secret) })).statusCode,
    ).toBe(400);
    const fresh = await call('POST', '/api/v1/account/totp/recovery-codes', editor, { code: nextCode(secret) });
    expect(fresh.statusCode).toBe(200);
    const codes = fresh.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect((await signIn({ recoveryCode: recoveryCodes[2]! })).statusCode).toBe(401);
    expect((await signIn({ recoveryCode: codes[0]! })).statusCode).toBe(200);
    recoveryCodes = codes;
  });

  it('turns TOTP off only with the password and a current code', async () => {
    const session = await signIn({ totp: nextCode(secret) });
    const editor = {
      cookie: String(session.headers['set-cookie']).split(';')[0]!,
      csrf: session.json().csrfToken as string,
      userId: h.users.editor.id,
    };
    const disable = (payload: object) => call('POST', '/api/v1/account/totp/disable', editor, payload);
    expect((await disable({ password: 'not the password', code: nextCode(secret) })).statusCode).toBe(400);
    expect((await disable({ password: PASSWORD, code: wrongCode(secret) })).statusCode).toBe(400);
    expect((await disable({ password: PASSWORD })).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/account', editor)).json().totp).toBe(true);
    expect((await disable({ password: PASSWORD, code: nextCode(secret) })).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/account', editor)).json()).toMatchObject({ totp: false, recoveryCodesLeft: 0 });
    expect((await signIn({})).statusCode).toBe(200);
  });

  it('acts on the session’s own account only: no user in the body, CSRF and a session required', async () => {
    const admin = await h.signIn('admin');
    const viewer = await h.signIn('viewer');
    expect((await call('POST', '/api/v1/account/totp', admin, { username: 'viewer-user' })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/account/totp', admin, { userId: h.users.viewer.id })).statusCode).toBe(400);
    const started = await call('POST', '/api/v1/account/totp', admin, {});
    expect(started.statusCode).toBe(200);
    expect((await call('GET', '/api/v1/account', viewer)).json()).toMatchObject({
      username: 'viewer-user',
      pending: false,
      totp: false,
    });
    // The admin's code does not confirm anything for the viewer.
    expect(
      (await call('POST', '/api/v1/account/totp/confirm', viewer, { code: nextCode(started.json().secret) }))
        .statusCode,
    ).toBe(409);
    const noCsrf = await h.app.inject({
      method: 'POST',
      url: '/api/v1/account/totp',
      headers: { cookie: viewer.cookie },
      payload: {},
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await call('POST', '/api/v1/account/totp', null, {})).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/account', null)).statusCode).toBe(401);
  });

  it('locks the account after repeated wrong codes, as after wrong passwords', async () => {
    const reviewer = await h.signIn('reviewer');
    const started = (await call('POST', '/api/v1/account/totp', reviewer, {})).json();
    for (let i = 0; i < 5; i += 1) {
      const res = await call('POST', '/api/v1/account/totp/confirm', reviewer, { code: wrongCode(started.secret) });
      expect(res.json().error.code).toBe('WRONG_CODE');
    }
    const locked = await call('POST', '/api/v1/account/totp/confirm', reviewer, { code: nextCode(started.secret) });
    expect(locked.statusCode).toBe(429);
    expect((await call('GET', '/api/v1/account', reviewer)).json()).toMatchObject({ totp: false, pending: true });
    const signIn = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'reviewer-user', password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(401);
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json', await h.signIn('viewer'))).json();
    for (const path of [
      '/api/v1/account',
      '/api/v1/account/totp',
      '/api/v1/account/totp/confirm',
      '/api/v1/account/totp/disable',
      '/api/v1/account/totp/recovery-codes',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
  });

  it('audits every step without the secret or the codes', async () => {
    const rows = await h.t.workspace.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('user_id', '=', h.users.editor.id)
      .execute();
    const actions = rows.map((r) => r.action);
    for (const action of [
      'user.totp_enrol_start',
      'user.totp_enrol_failed',
      'user.totp_enable',
      'user.recovery_codes',
      'user.totp_disable_failed',
      'user.totp_disable',
    ])
      expect(actions).toContain(action);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(secret);
    for (const code of recoveryCodes) expect(text).not.toContain(code);
  });
});

describe.each(dialects)('/api/v1/account/password on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  const call: Harness['call'] = (...request) => h.call(...request);
  const signInAs = (username: string, password: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
  const failures = async (userId: string) =>
    (
      await h.t.workspace.db
        .selectFrom('users')
        .select(['failed_attempts', 'locked_until'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
    ).failed_attempts;

  it('changes the password with the current one: other sessions end, this one goes on, audited without it', async () => {
    const editor = await h.signIn('editor');
    const other = await h.signIn('editor');
    const changed = await call('POST', '/api/v1/account/password', editor, {
      currentPassword: PASSWORD,
      newPassword: 'a brand new editor passphrase',
    });
    expect(changed.statusCode).toBe(204);
    expect((await call('GET', '/api/v1/account', editor)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/account', other)).statusCode).toBe(401);
    expect((await signInAs('editor-user', PASSWORD)).statusCode).toBe(401);
    expect((await signInAs('editor-user', 'a brand new editor passphrase')).statusCode).toBe(200);

    const rows = await h.t.workspace.db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'target', 'before', 'after'])
      .where('action', '=', 'user.password_change')
      .execute();
    expect(rows).toEqual([
      expect.objectContaining({ user_id: h.users.editor.id, target: `users/${h.users.editor.id}` }),
    ]);
    const all = JSON.stringify(await h.t.workspace.db.selectFrom('audit_log').selectAll().execute());
    expect(all).not.toContain('a brand new editor passphrase');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toMatch(/\$scrypt|\$argon2/);
  });

  it('refuses a new password against the policy of new accounts, without counting it as a wrong guess', async () => {
    const viewer = await h.signIn('viewer');
    for (const body of [
      { currentPassword: PASSWORD, newPassword: 'short' },
      { currentPassword: PASSWORD, newPassword: 'x'.repeat(1025) },
      { currentPassword: PASSWORD },
      { currentPassword: PASSWORD, newPassword: 'a long enough passphrase', username: 'admin-user' },
      { currentPassword: '', newPassword: 'a long enough passphrase' },
    ]) {
      const res = await call('POST', '/api/v1/account/password', viewer, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    expect(await failures(h.users.viewer.id)).toBe(0);
    // The domain holds to the policy too, for callers other than this route.
    const short = await changeOwnPassword(
      h.t.workspace.db,
      { userId: h.users.viewer.id, sessionId: 'none' },
      { currentPassword: PASSWORD, newPassword: 'eleven char' },
    ).catch((e: { code: string; message: string }) => e);
    expect(short).toMatchObject({ code: 'VALIDATION', message: 'a password has at least 12 characters' });
    expect((await signInAs('viewer-user', PASSWORD)).statusCode).toBe(200);
  });

  it('counts a wrong current password like a failed sign-in, and locks the account after as many', async () => {
    const reviewer = await h.signIn('reviewer');
    const wrong = { currentPassword: 'not the password at all', newPassword: 'a new reviewer passphrase' };
    const first = await call('POST', '/api/v1/account/password', reviewer, wrong);
    expect(first.statusCode).toBe(400);
    expect(first.json().error).toEqual({ code: 'WRONG_CODE', message: 'the current password is not right' });
    expect(await failures(h.users.reviewer.id)).toBe(1);
    for (let i = 1; i < ACCOUNT_LOCK.maxFailures; i += 1)
      expect((await call('POST', '/api/v1/account/password', reviewer, wrong)).statusCode).toBe(400);
    // Locked now: even the right password is refused here and at sign-in, until the lock passes or an admin lifts it.
    const locked = await call('POST', '/api/v1/account/password', reviewer, { ...wrong, currentPassword: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('RATE_LIMITED');
    expect((await signInAs('reviewer-user', PASSWORD)).statusCode).toBe(401);
    // The session itself goes on, and the password is unchanged.
    expect((await call('GET', '/api/v1/account', reviewer)).statusCode).toBe(200);
    const failed = await h.t.workspace.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'user.password_change_failed')
      .where('user_id', '=', h.users.reviewer.id)
      .execute();
    expect(failed).toHaveLength(ACCOUNT_LOCK.maxFailures);
    expect(JSON.stringify(failed)).not.toContain('not the password at all');
  });

  it('needs a session and the CSRF token, and acts on the session’s own account only', async () => {
    const body = { currentPassword: PASSWORD, newPassword: 'a long enough passphrase' };
    expect((await call('POST', '/api/v1/account/password', null, body)).statusCode).toBe(401);
    const admin = await h.signIn('admin');
    const noCsrf = await h.app.inject({
      method: 'POST',
      url: '/api/v1/account/password',
      headers: { cookie: admin.cookie },
      payload: body,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await signInAs('admin-user', PASSWORD)).statusCode).toBe(200);
  });

  it('describes the route in the OpenAPI document', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json', await h.signIn('admin'))).json();
    expect(Object.keys(doc.paths)).toContain('/api/v1/account/password');
  });
});
