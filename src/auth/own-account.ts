import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { Database, UsersTable } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.js';
import { ACCOUNT_LOCK } from './rate-limit.js';

/**
 * What a signed-in user does to their own account only (the account is always the session's, never one named in
 * the request): change the password here, the second factor in totp-enrolment.ts. Every change ends the account's
 * other sessions and is audited (never with a password, secret or code); a wrong password or code counts towards
 * the same lock-out as a failed sign-in, so these forms cannot be used to guess.
 */

/** Who is acting: the session's own user and session (other sessions end when the account's secrets change). */
export interface SelfActor {
  userId: string;
  sessionId: string;
}

/** The session's account; with `forChange`, refused while locked out by wrong passwords or codes. */
export async function loadSelf(db: Kysely<Database>, userId: string, forChange = true): Promise<UsersTable> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row || row.disabled === 1) throw new ChronicleError('UNAUTHENTICATED');
  if (forChange && row.locked_until && Date.parse(row.locked_until) > Date.now())
    throw new ChronicleError(
      'RATE_LIMITED',
      'too many wrong passwords or codes; wait and try again later, or ask an administrator to unlock the account',
    );
  return row;
}

/**
 * Counts a wrong password or code like a failed sign-in (same lock-out) and audits it; returns the error to throw,
 * WRONG_CODE with `message` (the registry's 'wrong password or code' when absent).
 */
export async function refuse(
  db: Kysely<Database>,
  row: UsersTable,
  action: string,
  reason: string,
  message?: string,
): Promise<ChronicleError> {
  const failed = row.failed_attempts + 1;
  const lockedUntil =
    failed >= ACCOUNT_LOCK.maxFailures ? new Date(Date.now() + ACCOUNT_LOCK.lockMs).toISOString() : null;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_attempts: lockedUntil ? 0 : failed, locked_until: lockedUntil })
      .where('id', '=', row.id)
      .execute();
    await appendAudit(trx, { userId: row.id, action, target: `users/${row.id}`, after: { reason } });
  });
  return new ChronicleError('WRONG_CODE', message);
}

/** Writes a change to the account, ends its other sessions, and audits it — in one transaction. */
export async function changeSelf(
  db: Kysely<Database>,
  actor: SelfActor,
  action: string,
  set: Partial<UsersTable>,
  after?: unknown,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ ...set, failed_attempts: 0, locked_until: null })
      .where('id', '=', actor.userId)
      .execute();
    await trx
      .updateTable('sessions')
      .set({ revoked_at: new Date().toISOString() })
      .where('user_id', '=', actor.userId)
      .where('id', '!=', actor.sessionId)
      .where('revoked_at', 'is', null)
      .execute();
    await appendAudit(trx, { userId: actor.userId, action, target: `users/${actor.userId}`, after });
  });
}

/**
 * Changes the session's own password: the current one must be right (a stolen session alone cannot take the
 * account over), the new one meets the policy of new accounts. Other sessions end; this one goes on.
 * `changeOwnPassword(db, self, { currentPassword: 'old…', newPassword: 'a new passphrase' })` → void;
 * a wrong current password → WRONG_CODE (counted towards the lock-out), a short new one → VALIDATION.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  actor: SelfActor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const row = await loadSelf(db, actor.userId);
  // The policy first: a new password refused for its length says nothing about the current one, and costs no try.
  checkPasswordPolicy(input.newPassword);
  if (!(await verifyPassword(row.password_hash, input.currentPassword)))
    throw await refuse(db, row, 'user.password_change_failed', 'password', 'the current password is not right');
  await changeSelf(db, actor, 'user.password_change', { password_hash: await hashPassword(input.newPassword) });
}
