import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { Database, UsersTable } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { changeSelf, loadSelf, refuse, type SelfActor } from './own-account.js';
import { verifyPassword } from './passwords.js';
import { generateTotpSecret, totpUri, verifyTotp } from './totp.js';
import { consumeTotpStep, hashCode, newRecoveryCodes } from './users.js';

/**
 * Self-service second factor: a signed-in user turns TOTP on and off for their own account only (the account is
 * always the session's, never one named in the request). Enrolment is two steps — `startTotpEnrolment` hands out a
 * secret kept as pending, `confirmTotpEnrolment` activates it once a code from the app proves it was stored — so a
 * secret lost half-way never locks anyone out. Every step is audited (never with the secret or codes); a wrong
 * password or code counts towards the same lock-out as a failed sign-in.
 */
export interface TotpStatus {
  username: string;
  role: string;
  totp: boolean;
  /** An enrolment was started and awaits its confirming code. */
  pending: boolean;
  recoveryCodesLeft: number;
}

function codesLeft(row: UsersTable): number {
  return row.recovery_codes ? (JSON.parse(row.recovery_codes) as string[]).length : 0;
}

/** `totpStatus(db, id)` → `{ username: 'anna', totp: false, pending: false, recoveryCodesLeft: 0, … }`. */
export async function totpStatus(db: Kysely<Database>, userId: string): Promise<TotpStatus> {
  const row = await loadSelf(db, userId, false);
  return {
    username: row.username,
    role: row.role,
    totp: row.totp_secret !== null,
    pending: row.totp_pending !== null,
    recoveryCodesLeft: codesLeft(row),
  };
}

/** Checks a code against the active secret (or, with `pending`, the pending one), refusing replays. */
async function checkCode(
  db: Kysely<Database>,
  row: UsersTable,
  code: string,
  options: { pending?: boolean; failAction: string },
): Promise<void> {
  const secret = options.pending ? row.totp_pending : row.totp_secret;
  const step = secret ? verifyTotp(secret, code) : null;
  if (step === null) throw await refuse(db, row, options.failAction, 'totp');
  if (!consumeTotpStep(row.id, step)) throw await refuse(db, row, options.failAction, 'totp_replay');
}

/**
 * Step 1: a new secret, kept pending (sign-in does not ask for a code yet). Starting again replaces the pending
 * secret. CONFLICT when TOTP is already on: turn it off first.
 * `startTotpEnrolment(db, self)` → `{ secret: 'JBSW…', uri: 'otpauth://totp/Chronicle:anna?secret=JBSW…' }`.
 */
export async function startTotpEnrolment(
  db: Kysely<Database>,
  actor: SelfActor,
): Promise<{ secret: string; uri: string }> {
  const row = await loadSelf(db, actor.userId);
  if (row.totp_secret) throw new ChronicleError('CONFLICT', 'two-factor sign-in is already on; turn it off first');
  const secret = generateTotpSecret();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ totp_pending: secret }).where('id', '=', row.id).execute();
    await appendAudit(trx, { userId: row.id, action: 'user.totp_enrol_start', target: `users/${row.id}` });
  });
  return { secret, uri: totpUri(secret, row.username) };
}

/**
 * Step 2: a valid code for the pending secret turns TOTP on and returns ten recovery codes, shown this once.
 * WRONG_CODE for a wrong code; CONFLICT when no enrolment is pending.
 */
export async function confirmTotpEnrolment(
  db: Kysely<Database>,
  actor: SelfActor,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const row = await loadSelf(db, actor.userId);
  if (row.totp_secret) throw new ChronicleError('CONFLICT', 'two-factor sign-in is already on');
  if (!row.totp_pending) throw new ChronicleError('CONFLICT', 'no enrolment was started');
  await checkCode(db, row, code, { pending: true, failAction: 'user.totp_enrol_failed' });
  const recoveryCodes = newRecoveryCodes();
  await changeSelf(db, actor, 'user.totp_enable', {
    totp_secret: row.totp_pending,
    totp_pending: null,
    recovery_codes: JSON.stringify(recoveryCodes.map(hashCode)),
  });
  return { recoveryCodes };
}

/** Turns TOTP off; needs the account's password and a current code (a stolen session alone cannot do it). */
export async function disableOwnTotp(
  db: Kysely<Database>,
  actor: SelfActor,
  input: { password: string; code: string },
): Promise<void> {
  const row = await loadSelf(db, actor.userId);
  if (!row.totp_secret) throw new ChronicleError('CONFLICT', 'two-factor sign-in is not on');
  if (!(await verifyPassword(row.password_hash, input.password)))
    throw await refuse(db, row, 'user.totp_disable_failed', 'password');
  await checkCode(db, row, input.code, { failAction: 'user.totp_disable_failed' });
  await changeSelf(db, actor, 'user.totp_disable', { totp_secret: null, totp_pending: null, recovery_codes: null });
}

/** Replaces all recovery codes (the old ones stop working); needs a current code. Returns the new ones once. */
export async function regenerateRecoveryCodes(
  db: Kysely<Database>,
  actor: SelfActor,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const row = await loadSelf(db, actor.userId);
  if (!row.totp_secret) throw new ChronicleError('CONFLICT', 'two-factor sign-in is not on');
  await checkCode(db, row, code, { failAction: 'user.recovery_codes_failed' });
  const recoveryCodes = newRecoveryCodes();
  await changeSelf(db, actor, 'user.recovery_codes', { recovery_codes: JSON.stringify(recoveryCodes.map(hashCode)) });
  return { recoveryCodes };
}
