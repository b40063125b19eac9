import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { createHarness, type Harness, PASSWORD } from '../../../../test/security/harness.js';
import { base32Decode, totp } from '../../../auth/index.js';

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
