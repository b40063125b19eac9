import type { Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { auditEntryHash, GENESIS_HASH } from './chain.js';

export interface AuditVerification {
  ok: boolean;
  /** Entries checked before the first bad one (all of them when ok). */
  checked: number;
  /** The newest entry, when the chain is intact: write it down elsewhere to detect a rewrite of the whole log. */
  head?: { seq: number; hash: string };
  firstBad?: { seq: number; reason: string };
}

/** The anchor the 0003-security migration keeps: the seq and hash of the newest entry, moved only forward. */
interface AnchorTable {
  audit_anchor: { id: number; seq: number; hash: string };
}

/**
 * A streaming checker over entries in seq order. Detects an edited entry (its hash no longer matches), a removed
 * one (a gap in seq, or a prev_hash that points elsewhere), an inserted one (a duplicate or out-of-place seq, or
 * a broken link) and reordered ones (links no longer follow).
 */
export class ChainChecker {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  checked = 0;
  firstBad: { seq: number; reason: string } | undefined;

  /** Feeds the next entry; returns false once the chain is broken. */
  push(row: AuditLogTable): boolean {
    if (this.firstBad) return false;
    const seq = Number(row.seq);
    if (seq !== this.expectedSeq)
      return this.bad(
        seq,
        seq > this.expectedSeq ? `entry ${this.expectedSeq} is missing` : `entry ${seq} is out of order or duplicated`,
      );
    if (row.prev_hash !== this.prevHash)
      return this.bad(seq, 'prev_hash does not match the previous entry (entry removed, inserted or reordered)');
    const { hash: _hash, prev_hash: _prev, ...entry } = row;
    if (auditEntryHash(row.prev_hash, { ...entry, seq }) !== row.hash)
      return this.bad(seq, 'hash does not match the entry (entry edited)');
    this.prevHash = row.hash;
    this.expectedSeq = seq + 1;
    this.checked += 1;
    return true;
  }

  /** After the last entry: the chain must end where the anchor says, or its tail was cut or extended by hand. */
  finish(anchor: { seq: number; hash: string } | null): AuditVerification {
    if (!this.firstBad && anchor) {
      const lastSeq = this.expectedSeq - 1;
      if (Number(anchor.seq) > lastSeq)
        this.bad(lastSeq + 1, `entries ${lastSeq + 1}–${anchor.seq} are missing (log ends before its anchor)`);
      else if (Number(anchor.seq) < lastSeq)
        this.bad(Number(anchor.seq) + 1, 'entry was added without advancing the anchor');
      else if (anchor.hash !== this.prevHash) this.bad(lastSeq, 'the newest entry differs from the anchor');
    } else if (!this.firstBad && !anchor && this.checked > 0) {
      this.bad(this.expectedSeq - 1, 'the anchor of the log is missing');
    }
    if (this.firstBad) return { ok: false, checked: this.checked, firstBad: this.firstBad };
    return {
      ok: true,
      checked: this.checked,
      head: this.checked > 0 ? { seq: this.expectedSeq - 1, hash: this.prevHash } : undefined,
    };
  }

  private bad(seq: number, reason: string): false {
    this.firstBad = { seq, reason };
    return false;
  }
}

/** Checks entries held in memory (tests, exported logs). `verifyAuditEntries(rows, anchor)` → `{ ok: true, checked: 3, head }`. */
export function verifyAuditEntries(
  rows: Iterable<AuditLogTable>,
  anchor: { seq: number; hash: string } | null = null,
): AuditVerification {
  const checker = new ChainChecker();
  for (const row of rows) if (!checker.push(row)) break;
  return checker.finish(anchor);
}

const PAGE = 2000;

/**
 * Walks the whole audit log in seq order and checks every link and hash, then the anchor.
 * `await verifyAuditChain(db)` → `{ ok: true, checked: 10000, head: { seq: 10000, hash: '9f…' } }` or
 * `{ ok: false, checked: 41, firstBad: { seq: 42, reason: 'hash does not match the entry (entry edited)' } }`.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  const checker = new ChainChecker();
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) if (!checker.push(row)) return checker.finish(null);
    after = Number(rows[rows.length - 1]!.seq);
    if (rows.length < PAGE) break;
  }
  const anchor = await (db as unknown as Kysely<AnchorTable>)
    .selectFrom('audit_anchor')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return checker.finish(anchor ?? null);
}

export interface AuditPage {
  total: number;
  items: Array<{
    seq: number;
    at: string;
    userId: string | null;
    /** The actor's username, when the entry has one and the account still exists. */
    username: string | null;
    action: string;
    target: string | null;
    before: unknown;
    after: unknown;
    hash: string;
  }>;
}

/** `isoInstant('2024-03-01', 1)` → '2024-03-02T00:00:00.000Z' (a bare date plus `days`); a timestamp as it is. */
function isoInstant(value: string, days: number): string {
  const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const time = Date.parse(bareDate ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) throw new ChronicleError('VALIDATION', `not a date: ${value}`);
  return new Date(time + (bareDate ? days * 86_400_000 : 0)).toISOString();
}

/** What the administrators' view filters on; every field optional, all given ones must match. */
export interface AuditFilter {
  limit?: number;
  offset?: number;
  /** Exact action, e.g. `user.add`. */
  action?: string;
  /** The acting account's username. */
  actor?: string;
  /** The record type of the target, e.g. `persons` (targets are `table/id`). */
  targetType?: string;
  /** The record id of the target; with `targetType` an exact target, alone any type. */
  targetId?: string;
  /** ISO date or timestamp: entries at or after it. */
  from?: string;
  /** ISO date or timestamp: entries before the end of it (a bare date includes that whole day). */
  to?: string;
}

/**
 * Newest first, for the administrators' log view, with the actor's username.
 * `listAudit(db, { actor: 'anna', targetType: 'persons', from: '2024-03-01' })` → `{ total: 2, items: [...] }`.
 */
export async function listAudit(db: Kysely<Database>, options: AuditFilter = {}): Promise<AuditPage> {
  let query = db.selectFrom('audit_log').leftJoin('users', 'users.id', 'audit_log.user_id');
  if (options.action) query = query.where('audit_log.action', '=', options.action);
  if (options.actor) query = query.where('users.username', '=', options.actor.trim().toLowerCase());
  if (options.targetType && options.targetId)
    query = query.where('audit_log.target', '=', `${options.targetType}/${options.targetId}`);
  else if (options.targetType)
    // A range instead of LIKE, whose `_` would be a wildcard: '/' + 1 is '0'.
    query = query
      .where('audit_log.target', '>=', `${options.targetType}/`)
      .where('audit_log.target', '<', `${options.targetType}0`);
  else if (options.targetId) query = query.where('audit_log.target', 'like', `%/${options.targetId}`);
  // Compared as full ISO timestamps of one shape, so any collation orders them as time.
  if (options.from) query = query.where('audit_log.at', '>=', isoInstant(options.from, 0));
  if (options.to) query = query.where('audit_log.at', '<', isoInstant(options.to, 1));
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('audit_log')
    .select('users.username')
    .orderBy('audit_log.seq', 'desc')
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 500))
    .offset(Math.max(options.offset ?? 0, 0))
    .execute();
  const parse = (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown));
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      userId: r.user_id,
      username: r.username ?? null,
      action: r.action,
      target: r.target,
      before: parse(r.before),
      after: parse(r.after),
      hash: r.hash,
    })),
  };
}

/**
 * The actions the log holds, in order, for the audit page's Action filter: a list to pick from in words, where the
 * filter took only the exact code, which the log now shows under its words. `await auditActions(db)` →
 * `['case.create', 'person.update', 'session.sign_in', …]`.
 */
export async function auditActions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().execute();
  // Sorted here: PostgreSQL's collation would put `sign-out` and `sign_in` in another order than SQLite's.
  return rows.map((r) => r.action).sort();
}
