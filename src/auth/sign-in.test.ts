import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../../test/helpers/workspaces.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { can, roleAtLeast } from './policy.js';
import { ACCOUNT_LOCK, AddressLimiter } from './rate-limit.js';
import {
  hashToken,
  readSessionCookie,
  resolveSession,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  sessionCookie,
} from './sessions.js';
import { base32Decode, totp } from './totp.js';
import {
  createUser,
  enableTotp,
  resetPassword,
  SIGN_IN_FAILED,
  setUserDisabled,
  setUserRole,
  signIn,
  signOut,
} from './users.js';

const dialects = await testDialects();
const PASSWORD = 'correct horse battery staple';

describe('passwords', () => {
  it('hashes with a salt and verifies only the right password', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\$(scrypt|argon2id)\$/);
    expect(await verifyPassword(a, PASSWORD)).toBe(true);
    expect(await verifyPassword(a, `${PASSWORD}!`)).toBe(false);
    expect(await verifyPassword('garbage', PASSWORD)).toBe(false);
  });
});

describe('policy: roles nest admin ⊃ editor ⊃ reviewer ⊃ viewer', () => {
  it.each([
    ['viewer', ['records.read']],
    ['reviewer', ['records.read', 'proposals.review']],
    ['editor', ['records.read', 'proposals.review', 'records.write', 'sources.upload']],
    [
      'admin',
      [
        'records.read',
        'proposals.review',
        'records.write',
        'sources.upload',
        'users.manage',
        'settings.manage',
        'audit.read',
      ],
    ],
  ] as const)('%s may do exactly %j', (role, allowed) => {
    for (const action of [
      'records.read',
      'proposals.review',
      'records.write',
      'sources.upload',
      'users.manage',
      'settings.manage',
      'audit.read',
    ] as const) {
      expect(can({ id: 'u', role }, action), `${role} ${action}`).toBe((allowed as readonly string[]).includes(action));
    }
  });
  it('denies nobody and unknown roles everything', () => {
    expect(can(null, 'records.read')).toBe(false);
    expect(roleAtLeast({ id: 'u', role: 'superuser' }, 'viewer')).toBe(false);
  });
});

describe('cookies', () => {
  it('are HttpOnly and SameSite=Strict, Secure only over TLS', () => {
    expect(sessionCookie('t', { secure: true })).toMatch(/HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    expect(sessionCookie('t', { secure: false })).not.toContain('Secure');
    expect(readSessionCookie('a=1; chronicle_session=xyz; b=2')).toBe('xyz');
    expect(readSessionCookie('a=1')).toBeNull();
  });
});

describe.each(dialects)('sign-in and sessions on %s', (dialect) => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    await createUser(t.workspace.db, null, { username: 'anna', role: 'editor', password: PASSWORD });
  });
  afterAll(async () => t?.dispose());

  const attempt = (limiter: AddressLimiter, input: Partial<Parameters<typeof signIn>[2]>, now?: Date) =>
    signIn(
      t.workspace.db,
      limiter,
      { username: 'anna', password: PASSWORD, address: '198.51.100.1', ...input },
      now,
    ).catch((e: { code: string; message: string }) => e);

  it('opens a session whose token is stored only as a hash', async () => {
    const result = await signIn(t.workspace.db, new AddressLimiter(), {
      username: 'Anna',
      password: PASSWORD,
      address: '198.51.100.1',
    });
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await t.workspace.db.selectFrom('sessions').select('id').execute();
    expect(rows.map((r) => r.id)).toContain(hashToken(result.token));
    expect(rows.map((r) => r.id)).not.toContain(result.token);
    expect((await resolveSession(t.workspace.db, result.token))?.user.username).toBe('anna');
  });

  it('expires a session after the idle timeout and at the absolute limit, and on sign-out', async () => {
    const start = new Date('2030-01-01T00:00:00Z');
    const { token } = await signIn(
      t.workspace.db,
      new AddressLimiter(),
      { username: 'anna', password: PASSWORD, address: 'x' },
      start,
    );
    const at = (ms: number) => new Date(start.getTime() + ms);
    expect(await resolveSession(t.workspace.db, token, at(SESSION_IDLE_MS - 1000))).not.toBeNull();
    expect(await resolveSession(t.workspace.db, token, at(2 * SESSION_IDLE_MS - 2000))).not.toBeNull(); // kept alive by use
    expect(await resolveSession(t.workspace.db, token, at(4 * SESSION_IDLE_MS))).toBeNull(); // idle
    const second = await signIn(
      t.workspace.db,
      new AddressLimiter(),
      { username: 'anna', password: PASSWORD, address: 'x' },
      start,
    );
    let now = start.getTime();
    while (now + SESSION_IDLE_MS / 2 < start.getTime() + SESSION_ABSOLUTE_MS) {
      now += SESSION_IDLE_MS / 2;
      expect(await resolveSession(t.workspace.db, second.token, new Date(now))).not.toBeNull();
    }
    expect(await resolveSession(t.workspace.db, second.token, at(SESSION_ABSOLUTE_MS))).toBeNull(); // absolute
    const third = await signIn(t.workspace.db, new AddressLimiter(), {
      username: 'anna',
      password: PASSWORD,
      address: 'x',
    });
    const session = await resolveSession(t.workspace.db, third.token);
    await signOut(t.workspace.db, { id: session!.id, userId: session!.user.id }, 'x');
    expect(await resolveSession(t.workspace.db, third.token)).toBeNull();
  });

  it('ends sessions when the account is disabled, its role changes or its password is reset', async () => {
    await createUser(t.workspace.db, null, { username: 'boris', role: 'viewer', password: PASSWORD });
    for (const change of [
      () => setUserRole(t.workspace.db, null, 'boris', 'reviewer'),
      () => resetPassword(t.workspace.db, null, 'boris', PASSWORD),
      () => setUserDisabled(t.workspace.db, null, 'boris', true),
    ]) {
      const { token } = await signIn(t.workspace.db, new AddressLimiter(), {
        username: 'boris',
        password: PASSWORD,
        address: 'y',
      });
      await change();
      expect(await resolveSession(t.workspace.db, token)).toBeNull();
    }
    expect(await attempt(new AddressLimiter(), { username: 'boris' })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('locks an account after repeated failures, with the same generic error, and unlocks after the lock period', async () => {
    await createUser(t.workspace.db, null, { username: 'clara', role: 'viewer', password: PASSWORD });
    const now = new Date('2031-01-01T00:00:00Z');
    const errors = [];
    // A fresh limiter per attempt: this is the per-account limit, not the per-address one.
    for (let i = 0; i < ACCOUNT_LOCK.maxFailures; i++)
      errors.push(await attempt(new AddressLimiter(), { username: 'clara', password: 'wrong wrong wrong' }, now));
    const locked = await attempt(new AddressLimiter(), { username: 'clara' }, now);
    expect(locked).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((locked as { message: string }).message).toBe((errors[0] as { message: string }).message);
    const unknown = await attempt(new AddressLimiter(), { username: 'nobody' }, now);
    expect((unknown as { message: string }).message).toBe((locked as { message: string }).message);
    const later = await attempt(
      new AddressLimiter(),
      { username: 'clara' },
      new Date(now.getTime() + ACCOUNT_LOCK.lockMs + 1000),
    );
    expect(later).toHaveProperty('token');
  });

  it('tells someone locked out who types the right password that the account may be locked, and what to do', async () => {
    await createUser(t.workspace.db, null, { username: 'clara-locked', role: 'viewer', password: PASSWORD });
    const now = new Date('2031-02-01T00:00:00Z');
    for (let i = 0; i < ACCOUNT_LOCK.maxFailures; i++)
      await attempt(new AddressLimiter(), { username: 'clara-locked', password: 'wrong wrong wrong' }, now);
    const locked = (await attempt(new AddressLimiter(), { username: 'clara-locked' }, now)) as { message: string };
    // Generic still (no username or lock-out is disclosed), but it no longer reads as "your password is wrong" alone.
    expect(locked.message).toBe(SIGN_IN_FAILED);
    expect(locked.message).toContain('locked for 15 minutes after 5 failed attempts');
    expect(locked.message).toMatch(/wait and try again, or ask an administrator to unlock it/);
  });

  it('limits failures per address across accounts', async () => {
    const limiter = new AddressLimiter({ maxPerWindow: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++)
      expect(await attempt(limiter, { username: `ghost${i}`, address: '203.0.113.9' })).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    // Even the right password is refused from that address now; another address is unaffected.
    expect(await attempt(limiter, { address: '203.0.113.9' })).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await attempt(limiter, { address: '203.0.113.10' })).toHaveProperty('token');
  });

  it('requires the TOTP code once enabled, and takes each recovery code once', async () => {
    await createUser(t.workspace.db, null, { username: 'dana', role: 'viewer', password: PASSWORD });
    const { secret, recoveryCodes } = await enableTotp(t.workspace.db, null, 'dana');
    const limiter = new AddressLimiter();
    expect(await attempt(limiter, { username: 'dana' })).toMatchObject({ code: 'TOTP_REQUIRED' });
    const now = Date.now();
    const wrong = totp(base32Decode(secret), now - 10 * 60_000);
    expect(await attempt(limiter, { username: 'dana', totp: wrong })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await attempt(limiter, { username: 'dana', totp: totp(base32Decode(secret), now) })).toHaveProperty('token');
    // The same code again (replay) is refused.
    expect(await attempt(limiter, { username: 'dana', totp: totp(base32Decode(secret), now) })).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(await attempt(limiter, { username: 'dana', recoveryCode: recoveryCodes[0] })).toHaveProperty('token');
    expect(await attempt(limiter, { username: 'dana', recoveryCode: recoveryCodes[0] })).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(
      await attempt(limiter, {
        username: 'dana',
        password: 'wrong wrong wrong',
        totp: totp(base32Decode(secret), now),
      }),
    ).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('audits sign-in, failed sign-in, sign-out and user changes without secrets', async () => {
    const rows = await t.workspace.db.selectFrom('audit_log').select(['action', 'before', 'after']).execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'user.add',
      'session.sign_in',
      'session.sign_in_failed',
      'session.sign_out',
      'user.role',
      'user.reset_password',
      'user.disable',
      'user.totp_enable',
    ])
      expect(actions).toContain(a);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/\$scrypt|\$argon2/);
  });
});
