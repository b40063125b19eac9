import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, PASSWORD } from '../../../../test/security/harness.js';
import { base32Decode, enableTotp, totp } from '../../../auth/index.js';
import { buildServer } from '../../app.js';

describe('POST/GET/DELETE /api/v1/session', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('sqlite');
  });
  afterAll(async () => h?.close());

  const signIn = (payload: object, headers: Record<string, string> = {}, app = h.app) =>
    app.inject({ method: 'POST', url: '/api/v1/session', payload, headers });

  it('signs in, finds its CSRF token again after a reload, and signs out', async () => {
    const res = await signIn({ username: 'viewer-user', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const { csrfToken, user } = res.json();
    expect(user).toMatchObject({ username: 'viewer-user', role: 'viewer' });
    expect(user).not.toHaveProperty('password_hash');
    const again = await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    expect(again.json().csrfToken).toBe(csrfToken);
    // Sign-out is state-changing: it needs the CSRF token too.
    expect((await h.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(
      403,
    );
    expect(
      (await h.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, 'x-csrf-token': csrfToken } }))
        .statusCode,
    ).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('rejects a forged or malformed cookie', async () => {
    for (const cookie of [
      'chronicle_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'chronicle_session=../../etc',
      'chronicle_session=',
    ]) {
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/sources', headers: { cookie } })).statusCode).toBe(401);
    }
  });

  it('marks the cookie Secure when a trusted proxy says the request came over TLS, and only then', async () => {
    const untrusted = await signIn({ username: 'viewer-user', password: PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(String(untrusted.headers['set-cookie'])).not.toContain('Secure');
    process.env.CHRONICLE_TRUST_PROXY = '1';
    const behindProxy = await buildServer({ runtime: h.runtime });
    delete process.env.CHRONICLE_TRUST_PROXY;
    try {
      const res = await signIn(
        { username: 'viewer-user', password: PASSWORD },
        { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' },
        behindProxy,
      );
      expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Max-Age=\d+; Secure/);
      const audit = await h.t.workspace.db
        .selectFrom('audit_log')
        .select('after')
        .where('action', '=', 'session.sign_in')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after!).address).toBe('198.51.100.7');
    } finally {
      await behindProxy.close();
    }
  });

  it('asks for the TOTP code of an account that has one, and accepts a right one', async () => {
    const { secret } = await enableTotp(h.t.workspace.db, null, 'reviewer-user');
    const without = await signIn({ username: 'reviewer-user', password: PASSWORD });
    expect(without.statusCode).toBe(401);
    expect(without.json().error.code).toBe('TOTP_REQUIRED');
    expect(without.headers['set-cookie']).toBeUndefined();
    const wrongCode = await signIn({ username: 'reviewer-user', password: PASSWORD, totp: '000000' });
    expect(wrongCode.json().error.code).toBe('UNAUTHENTICATED');
    const right = await signIn({
      username: 'reviewer-user',
      password: PASSWORD,
      totp: totp(base32Decode(secret), Date.now()),
    });
    expect(right.statusCode).toBe(200);
  });

  it('rate-limits sign-in per address: 429 once an address has failed too often, even with the right password', async () => {
    const from = { 'x-forwarded-for': '203.0.113.50' };
    process.env.CHRONICLE_TRUST_PROXY = '1';
    const app = await buildServer({ runtime: h.runtime });
    delete process.env.CHRONICLE_TRUST_PROXY;
    try {
      let status = 0;
      let attempts = 0;
      while (status !== 429 && attempts < 40) {
        attempts += 1;
        status = (await signIn({ username: `nobody${attempts}`, password: 'wrong password here' }, from, app))
          .statusCode;
        if (status !== 429) expect(status).toBe(401);
      }
      expect(status).toBe(429);
      expect(attempts).toBe(21);
      expect((await signIn({ username: 'admin-user', password: PASSWORD }, from, app)).statusCode).toBe(429);
      expect(
        (await signIn({ username: 'admin-user', password: PASSWORD }, { 'x-forwarded-for': '203.0.113.51' }, app))
          .statusCode,
      ).toBe(200);
    } finally {
      await app.close();
    }
  });
});
