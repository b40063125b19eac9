import type { Kysely } from 'kysely';

/**
 * Self-service TOTP enrolment (issue 6): a secret handed to the user waits in `totp_pending` until they prove, with
 * a code from their app, that they stored it. Only then does it become `totp_secret` and sign-in asks for a code,
 * so a half-finished enrolment can never lock anyone out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_pending', 'text').execute();
}
