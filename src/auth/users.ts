import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { Database, UsersTable } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { checkPasswordPolicy, decoyHash, generatePassword, hashPassword, verifyPassword } from './passwords.js';
import { isRole, type Role } from './policy.js';
import { ACCOUNT_LOCK, type AddressLimiter } from './rate-limit.js';
import { createSession, type SessionTimeouts } from './sessions.js';
import { base32Encode, generateTotpSecret, totpUri, verifyTotp } from './totp.js';

/** An account as shown to administrators: never the password hash, TOTP secret or recovery codes. */
export interface UserSummary {
  id: string;
  username: string;
  role: string;
  disabled: boolean;
  totp: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

const USERNAME = /^[a-z0-9][a-z0-9_.@-]{0,63}$/;

function toSummary(row: UsersTable): UserSummary {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    disabled: row.disabled === 1,
    totp: row.totp_secret !== null,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

/** `normalizeUsername(' Anna ')` → 'anna'; throws VALIDATION for anything but letters, digits and `_.@-`. */
export function normalizeUsername(name: string): string {
  const username = name.trim().toLowerCase();
  if (!USERNAME.test(username))
    throw new ChronicleError(
      'VALIDATION',
      'a username is 1–64 letters, digits or _.@- and starts with a letter or digit',
    );
  return username;
}

function checkRole(role: string): Role {
  if (!isRole(role)) throw new ChronicleError('VALIDATION', 'role must be admin, editor, reviewer or viewer');
  return role;
}

async function requireUser(db: Kysely<Database>, username: string): Promise<UsersTable> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', normalizeUsername(username))
    .executeTakeFirst();
  if (!row) throw new ChronicleError('NOT_FOUND', `no user ${username}`);
  return row;
}

/**
 * Creates an account; the change and its audit entry commit together. Without a password one is generated and
 * returned (shown once). `createUser(db, null, { username: 'anna', role: 'editor' })` → `{ user, password: 'x7…' }`.
 */
export async function createUser(
  db: Kysely<Database>,
  actorId: string | null,
  input: { username: string; role: string; password?: string },
): Promise<{ user: UserSummary; password: string | null }> {
  const username = normalizeUsername(input.username);
  const role = checkRole(input.role);
  const generated = input.password === undefined ? generatePassword() : null;
  const password = input.password ?? (generated as string);
  checkPasswordPolicy(password);
  const hash = await hashPassword(password);
  const row: UsersTable = {
    id: newId(),
    username,
    password_hash: hash,
    role,
    disabled: 0,
    totp_secret: null,
    recovery_codes: null,
    totp_pending: null,
    failed_attempts: 0,
    locked_until: null,
    created_at: new Date().toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (existing) throw new ChronicleError('CONFLICT', `user ${username} exists`);
    await trx.insertInto('users').values(row).execute();
    await appendAudit(trx, {
      userId: actorId,
      action: 'user.add',
      target: `users/${row.id}`,
      after: { username, role },
    });
  });
  return { user: toSummary(row), password: generated };
}

export async function listUsers(db: Kysely<Database>): Promise<UserSummary[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toSummary);
}

export async function getUser(db: Kysely<Database>, username: string): Promise<UserSummary> {
  return toSummary(await requireUser(db, username));
}

async function changeUser(
  db: Kysely<Database>,
  actorId: string | null,
  username: string,
  action: string,
  set: Partial<UsersTable>,
  audit: { before?: unknown; after?: unknown },
  options: { endSessions: boolean } = { endSessions: true },
): Promise<UserSummary> {
  const row = await requireUser(db, username);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set(set).where('id', '=', row.id).execute();
    // Any change to who someone is or what they may do ends their open sessions.
    if (options.endSessions)
      await trx
        .updateTable('sessions')
        .set({ revoked_at: new Date().toISOString() })
        .where('user_id', '=', row.id)
        .where('revoked_at', 'is', null)
        .execute();
    await appendAudit(trx, {
      userId: actorId,
      action,
      target: `users/${row.id}`,
      before: audit.before,
      after: audit.after,
    });
  });
  return toSummary({ ...row, ...set });
}

/** Disables (or, with `disabled: false`, re-enables) an account and ends its sessions. */
export async function setUserDisabled(
  db: Kysely<Database>,
  actorId: string | null,
  username: string,
  disabled: boolean,
): Promise<UserSummary> {
  return changeUser(
    db,
    actorId,
    username,
    disabled ? 'user.disable' : 'user.enable',
    { disabled: disabled ? 1 : 0 },
    { after: { disabled } },
  );
}

export async function setUserRole(
  db: Kysely<Database>,
  actorId: string | null,
  username: string,
  role: string,
): Promise<UserSummary> {
  const next = checkRole(role);
  const row = await requireUser(db, username);
  return changeUser(
    db,
    actorId,
    username,
    'user.role',
    { role: next },
    { before: { role: row.role }, after: { role: next } },
  );
}

/** Sets a new password (generated when absent, returned once), clears a lock-out, ends sessions. */
export async function resetPassword(
  db: Kysely<Database>,
  actorId: string | null,
  username: string,
  password?: string,
): Promise<{ user: UserSummary; password: string | null }> {
  const generated = password === undefined ? generatePassword() : null;
  const next = password ?? (generated as string);
  checkPasswordPolicy(next);
  const user = await changeUser(
    db,
    actorId,
    username,
    'user.reset_password',
    { password_hash: await hashPassword(next), failed_attempts: 0, locked_until: null },
    {},
  );
  return { user, password: generated };
}

/**
 * Clears a lock-out (and the count of failures towards the next one) without touching the password. Sessions stay
 * open: a lock-out only ever stopped new sign-ins, and who the account is has not changed.
 * `unlockUser(db, adminId, 'anna')` → `{ username: 'anna', lockedUntil: null, … }`.
 */
export async function unlockUser(db: Kysely<Database>, actorId: string | null, username: string): Promise<UserSummary> {
  const row = await requireUser(db, username);
  return changeUser(
    db,
    actorId,
    username,
    'user.unlock',
    { failed_attempts: 0, locked_until: null },
    { before: { lockedUntil: row.locked_until, failedAttempts: row.failed_attempts } },
    { endSessions: false },
  );
}

/** Recovery codes are stored as SHA-256 of their letters and digits, so `abcde-12345` matches `ABCDE12345`. */
export const hashCode = (code: string) =>
  createHash('sha256')
    .update(code.toUpperCase().replace(/[^A-Z0-9]/g, ''))
    .digest('hex');

/** Ten single-use recovery codes like `K7Q2M-X9D4A`, shown once; store only their `hashCode`s. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const code = base32Encode(randomBytes(7)).slice(0, 10);
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** Turns on TOTP for an account: a new secret and ten single-use recovery codes, all shown once. */
export async function enableTotp(
  db: Kysely<Database>,
  actorId: string | null,
  username: string,
): Promise<{ secret: string; uri: string; recoveryCodes: string[] }> {
  const row = await requireUser(db, username);
  const secret = generateTotpSecret();
  const recoveryCodes = newRecoveryCodes();
  await changeUser(
    db,
    actorId,
    username,
    'user.totp_enable',
    { totp_secret: secret, totp_pending: null, recovery_codes: JSON.stringify(recoveryCodes.map(hashCode)) },
    {},
  );
  return { secret, uri: totpUri(secret, row.username), recoveryCodes };
}

export async function disableTotp(
  db: Kysely<Database>,
  actorId: string | null,
  username: string,
): Promise<UserSummary> {
  return changeUser(
    db,
    actorId,
    username,
    'user.totp_disable',
    { totp_secret: null, totp_pending: null, recovery_codes: null },
    {},
  );
}

export interface SignInInput {
  username: string;
  password: string;
  /** The current TOTP code, when the account has a second factor. */
  totp?: string;
  /** A single-use recovery code, instead of a TOTP code. */
  recoveryCode?: string;
  /** The client's address, for the per-address limit and the audit log. */
  address: string;
}

export interface SignInResult {
  user: { id: string; username: string; role: string };
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/** The newest TOTP step each account used, so an overheard code cannot be replayed. */
const lastTotpStep = new Map<string, number>();

/**
 * RFC 6238 §5.2: a code is accepted once. Records `step` for the account and returns false when that step (or a
 * later one) was already used — by a sign-in or by a change to the second factor.
 */
export function consumeTotpStep(userId: string, step: number): boolean {
  if ((lastTotpStep.get(userId) ?? -1) >= step) return false;
  lastTotpStep.set(userId, step);
  return true;
}

/**
 * The one answer to every failed sign-in, so nobody learns which usernames exist or which ones are locked. It names
 * the lock-out as a possible cause, so that someone locked out who types the right password is not left believing
 * it is wrong, and says what to do about it.
 */
export const SIGN_IN_FAILED =
  'wrong username, password or code — or the account is locked for ' +
  `${Math.round(ACCOUNT_LOCK.lockMs / 60_000)} minutes after ${ACCOUNT_LOCK.maxFailures} failed attempts in a row: ` +
  'wait and try again, or ask an administrator to unlock it';

/**
 * Checks credentials and opens a session. Guards, in order: per-address limit (RATE_LIMITED), then account
 * lock-out, disabled account, password, second factor — all of which fail with the same UNAUTHENTICATED error and
 * cost the same password-hash time. A correct password on an account with TOTP but no code gives TOTP_REQUIRED.
 * Every outcome is written to the audit log.
 */
export async function signIn(
  db: Kysely<Database>,
  limiter: AddressLimiter,
  input: SignInInput,
  now: Date = new Date(),
  timeouts: SessionTimeouts = {},
): Promise<SignInResult> {
  const fail = async (userId: string | null, reason: string, lock?: { failed: number; lockedUntil: string | null }) => {
    limiter.recordFailure(input.address, now.getTime());
    await db.transaction().execute(async (trx) => {
      if (userId && lock)
        await trx
          .updateTable('users')
          .set({ failed_attempts: lock.failed, locked_until: lock.lockedUntil })
          .where('id', '=', userId)
          .execute();
      await appendAudit(trx, {
        userId,
        action: 'session.sign_in_failed',
        target: userId ? `users/${userId}` : null,
        after: { username: input.username.slice(0, 64), address: input.address, reason },
      });
    });
    return new ChronicleError('UNAUTHENTICATED', SIGN_IN_FAILED);
  };

  if (limiter.blocked(input.address, now.getTime())) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        userId: null,
        action: 'session.sign_in_failed',
        target: null,
        after: { username: input.username.slice(0, 64), address: input.address, reason: 'address_rate_limited' },
      }).then(() => {}),
    );
    throw new ChronicleError('RATE_LIMITED', 'too many failed sign-ins from this address; try again later');
  }
  let username: string | null;
  try {
    username = normalizeUsername(input.username);
  } catch {
    username = null;
  }
  const row = username
    ? await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()
    : undefined;
  if (!row) {
    await verifyPassword(await decoyHash(), input.password);
    throw await fail(null, 'unknown_user');
  }
  if (row.locked_until && Date.parse(row.locked_until) > now.getTime()) {
    await verifyPassword(await decoyHash(), input.password);
    throw await fail(row.id, 'locked');
  }
  if (row.disabled === 1) {
    await verifyPassword(await decoyHash(), input.password);
    throw await fail(row.id, 'disabled');
  }
  const failure = (reason: string) => {
    const failed = row.failed_attempts + 1;
    const lockedUntil =
      failed >= ACCOUNT_LOCK.maxFailures ? new Date(now.getTime() + ACCOUNT_LOCK.lockMs).toISOString() : null;
    return fail(row.id, reason, { failed: lockedUntil ? 0 : failed, lockedUntil });
  };
  if (!(await verifyPassword(row.password_hash, input.password))) throw await failure('password');

  let remainingCodes: string | null | undefined;
  if (row.totp_secret) {
    if (input.totp) {
      const step = verifyTotp(row.totp_secret, input.totp, now.getTime());
      if (step === null) throw await failure('totp');
      // RFC 6238 §5.2: a code is accepted once. Remembered per process (see docs/security.md).
      if (!consumeTotpStep(row.id, step)) throw await failure('totp_replay');
    } else if (input.recoveryCode) {
      const codes = JSON.parse(row.recovery_codes ?? '[]') as string[];
      const hashed = hashCode(input.recoveryCode);
      if (!codes.includes(hashed)) throw await failure('recovery_code');
      remainingCodes = JSON.stringify(codes.filter((c) => c !== hashed));
    } else {
      throw new ChronicleError('TOTP_REQUIRED', 'enter the code from your authenticator app');
    }
  }

  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        failed_attempts: 0,
        locked_until: null,
        ...(remainingCodes !== undefined ? { recovery_codes: remainingCodes } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    const session = await createSession(trx, row.id, now, timeouts);
    await appendAudit(trx, {
      userId: row.id,
      action: 'session.sign_in',
      target: `users/${row.id}`,
      after: {
        address: input.address,
        secondFactor: row.totp_secret ? (remainingCodes !== undefined ? 'recovery_code' : 'totp') : null,
      },
    });
    limiter.reset(input.address);
    return {
      user: { id: row.id, username: row.username, role: row.role },
      token: session.token,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    };
  });
}

/** Ends a session and records the sign-out. */
export async function signOut(
  db: Kysely<Database>,
  session: { id: string; userId: string },
  address: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('sessions')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', session.id)
      .execute();
    await appendAudit(trx, {
      userId: session.userId,
      action: 'session.sign_out',
      target: `users/${session.userId}`,
      after: { address },
    });
  });
}

/**
 * First run: when no account exists, creates `admin` with CHRONICLE_ADMIN_PASSWORD or a random password that the
 * caller prints once. Returns null when accounts already exist.
 */
export async function ensureInitialAdmin(
  db: Kysely<Database>,
  env: { CHRONICLE_ADMIN_PASSWORD?: string } = process.env,
): Promise<{ username: string; password: string; generated: boolean } | null> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const given = env.CHRONICLE_ADMIN_PASSWORD;
  const { password } = await createUser(db, null, { username: 'admin', role: 'admin', password: given || undefined });
  return { username: 'admin', password: given || (password as string), generated: !given };
}
