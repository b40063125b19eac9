import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../db/connection.js';
import type { AuditLogTable, Database } from '../db/schema.js';

/** The hash that precedes the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Serialized so that only one writer at a time extends the chain on PostgreSQL (any number of processes). */
const AUDIT_LOCK_KEY = 0x6368726f; // 'chro'

/**
 * Audited actions that change nothing another user could see: reads of restricted records and sessions. Every
 * other action raises the record generation; a new action is counted as a change until it is listed here, so a
 * forgotten one costs a recount, never a stale figure.
 */
const UNCHANGING_ACTIONS: ReadonlySet<string> = new Set([
  'record.read',
  'session.sign_in',
  'session.sign_in_failed',
  'session.sign_out',
]);

export interface AuditEntryInput {
  userId: string | null;
  action: string;
  /** What was touched: `sources/01J…`, `persons/01J…`. */
  target: string | null;
  before?: unknown;
  after?: unknown;
}

/** The bytes an entry's hash covers, besides the previous hash: every field but the hash itself. */
export function auditEntryPayload(entry: Omit<AuditLogTable, 'hash' | 'prev_hash'>): string {
  return JSON.stringify([entry.seq, entry.at, entry.user_id, entry.action, entry.target, entry.before, entry.after]);
}

/** `hash = SHA-256(prev_hash ‖ entry)`, hex. */
export function auditEntryHash(prevHash: string, entry: Omit<AuditLogTable, 'hash' | 'prev_hash'>): string {
  return createHash('sha256').update(prevHash).update('\n').update(auditEntryPayload(entry)).digest('hex');
}

/**
 * Takes the audit chain's turn until the transaction ends (PostgreSQL; SQLite has one writer at a time), as every
 * audited change does when it appends its entry. A change that must see what the audited changes before it wrote,
 * and be seen by those after (linking a text to those worded alike), takes it before it reads: one lock for all,
 * always taken first, so that no two transactions wait for each other in a ring.
 */
export async function takeAuditTurn(trx: Kysely<Database>): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
}

/**
 * Appends one entry to the hash-chained audit log. Must run inside the transaction of the change it records, so
 * the change and its audit entry commit together or not at all. The sequence number is the previous one plus one
 * under the primary key, so two writers can never fork the chain: the second one fails and its transaction rolls back.
 */
export async function appendAudit(trx: Kysely<Database>, input: AuditEntryInput): Promise<AuditLogTable> {
  await takeAuditTurn(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const entry = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    user_id: input.userId,
    action: input.action,
    target: input.target,
    before: input.before === undefined ? null : JSON.stringify(input.before),
    after: input.after === undefined ? null : JSON.stringify(input.after),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row: AuditLogTable = { ...entry, prev_hash: prevHash, hash: auditEntryHash(prevHash, entry) };
  await trx.insertInto('audit_log').values(row).execute();
  // Every change is audited in its own transaction, so this is the one place that knows the record changed; the
  // generation commits (or rolls back) with the change. No new contention: writers already queue for the chain.
  if (!UNCHANGING_ACTIONS.has(input.action))
    await trx
      .updateTable('record_generation')
      .set((eb) => ({ generation: eb('generation', '+', 1) }))
      .where('id', '=', 1)
      .execute();
  return row;
}

/** The current record generation (see `appendAudit`): equal generations, unchanged record. */
export async function recordGeneration(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('record_generation').select('generation').where('id', '=', 1).executeTakeFirst();
  return Number(row?.generation ?? 0);
}
