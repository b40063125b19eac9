import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresDatabase,
  createTestWorkspace,
  type TestWorkspace,
  testDialects,
} from '../../test/helpers/workspaces.js';
import { openWorkspace } from '../db/connection.js';
import type { AuditLogTable } from '../db/schema.js';
import { appendAudit, auditEntryHash, GENESIS_HASH } from './chain.js';
import { verifyAuditChain, verifyAuditEntries } from './verify.js';

const dialects = await testDialects();

/** A valid chain of n entries built in memory, as appendAudit would write them. */
function buildChain(n: number): AuditLogTable[] {
  const rows: AuditLogTable[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry = {
      seq,
      at: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
      user_id: seq % 3 ? 'u1' : null,
      action: 'record.read',
      target: `sources/${seq}`,
      before: null,
      after: JSON.stringify({ n: seq }),
    };
    const hash = auditEntryHash(prev, entry);
    rows.push({ ...entry, prev_hash: prev, hash });
    prev = hash;
  }
  return rows;
}

/** Deterministic pseudo-random positions (xorshift), so a failure is reproducible. */
function positions(seed: number, count: number, max: number): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return Math.abs(x) % max;
  });
}

describe('audit chain tamper detection over a 10,000-entry log (in memory)', () => {
  const N = 10_000;
  const chain = buildChain(N);
  const anchor = { seq: N, hash: chain[N - 1]!.hash };
  // 50 random positions per kind of tampering (each trial re-verifies all 10,000 entries, ~40 ms).
  const TRIALS = 50;

  it('accepts the untouched log', () => {
    expect(verifyAuditEntries(chain, anchor)).toEqual({ ok: true, checked: N, head: anchor });
  });

  it.each([
    [
      'an edited entry',
      (rows: AuditLogTable[], i: number) => {
        rows[i] = { ...rows[i]!, action: 'record.write' };
      },
    ],
    [
      'an edited user',
      (rows: AuditLogTable[], i: number) => {
        rows[i] = { ...rows[i]!, user_id: 'someone-else' };
      },
    ],
    [
      'a removed entry',
      (rows: AuditLogTable[], i: number) => {
        rows.splice(i, 1);
      },
    ],
    [
      'an inserted entry with a recomputed hash',
      (rows: AuditLogTable[], i: number) => {
        const prev = rows[i - 1]?.hash ?? GENESIS_HASH;
        const entry = {
          seq: i + 1,
          at: rows[i]!.at,
          user_id: null,
          action: 'forged',
          target: null,
          before: null,
          after: null,
        };
        rows.splice(i, 0, { ...entry, prev_hash: prev, hash: auditEntryHash(prev, entry) });
      },
    ],
    [
      'two entries swapped',
      (rows: AuditLogTable[], i: number) => {
        const j = (i + 1 + (i % 7)) % rows.length;
        if (j === i) return;
        const a = rows[i]!;
        const b = rows[j]!;
        rows[i] = { ...b, seq: a.seq };
        rows[j] = { ...a, seq: b.seq };
      },
    ],
    [
      'entries reordered by seq',
      (rows: AuditLogTable[], i: number) => {
        const j = i === rows.length - 1 ? i - 1 : i + 1;
        [rows[i], rows[j]] = [rows[j]!, rows[i]!];
      },
    ],
  ])('detects %s at any position, every time', (_name, tamper) => {
    let detected = 0;
    for (const i of positions(0x9e3779b9, TRIALS, N)) {
      const rows = chain.slice();
      tamper(rows, Math.max(i, 1));
      if (!verifyAuditEntries(rows, anchor).ok) detected += 1;
    }
    expect(detected).toBe(TRIALS);
  });

  it('detects a cut tail through the anchor, and names the first bad entry', () => {
    const result = verifyAuditEntries(chain.slice(0, N - 3), anchor);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.seq).toBe(N - 2);
    const edited = chain.slice();
    edited[41] = { ...edited[41]!, target: 'sources/other' };
    expect(verifyAuditEntries(edited, anchor).firstBad).toEqual({ seq: 42, reason: expect.stringContaining('edited') });
  });
});

describe.each(dialects)('audit log in the database on %s', (dialect) => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
  });
  afterAll(async () => t?.dispose());

  it('refuses UPDATE and DELETE of entries (append-only triggers)', async () => {
    const { db } = t.workspace;
    await db.transaction().execute((trx) => appendAudit(trx, { userId: null, action: 'test.one', target: null }));
    await expect(db.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_anchor SET seq = 0`.execute(db)).rejects.toThrow(/forward/);
    await expect(sql`DELETE FROM audit_anchor`.execute(db)).rejects.toThrow(/forward/);
    if (dialect === 'postgres') await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('detects edit, delete, insert and reorder made with direct SQL after the triggers are dropped, in a 10,000-entry log', async () => {
    const { db } = t.workspace;
    const existing = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('m'))
      .executeTakeFirstOrThrow();
    const start = Number(existing.m ?? 0);
    // Bulk-build the log with the chain's own hash function (appendAudit 10,000 times is the same, only slower).
    const last = await db.selectFrom('audit_log').select('hash').where('seq', '=', start).executeTakeFirst();
    let prev = last?.hash ?? GENESIS_HASH;
    const rows: AuditLogTable[] = [];
    for (let seq = start + 1; seq <= 10_000; seq++) {
      const entry = {
        seq,
        at: new Date().toISOString(),
        user_id: null,
        action: 'bulk',
        target: `sources/${seq}`,
        before: null,
        after: null,
      };
      const hash = auditEntryHash(prev, entry);
      rows.push({ ...entry, prev_hash: prev, hash });
      prev = hash;
    }
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('audit_log')
        .values(rows.slice(i, i + 500))
        .execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 10_000 });

    if (dialect === 'postgres') {
      await sql`DROP TRIGGER audit_log_no_update ON audit_log`.execute(db);
      await sql`DROP TRIGGER audit_log_anchor ON audit_log`.execute(db);
    } else {
      await sql`DROP TRIGGER audit_log_no_update`.execute(db);
      await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
      await sql`DROP TRIGGER audit_log_anchor`.execute(db);
    }
    const tampers = ['edit', 'delete', 'insert', 'reorder'];
    const trials = positions(12345, 6, 9_998)
      .map((p) => p + 1)
      .concat([1, 9_999, 10_000]);
    let detected = 0;
    let total = 0;
    for (const name of tampers) {
      for (const seq of trials) {
        if (name === 'reorder' && seq === 10_000) continue;
        total += 1;
        // Each tamper runs in a transaction rolled back afterwards, so every trial starts from the intact log.
        await db
          .transaction()
          .execute(async (trx) => {
            await tamperIn(trx, name, seq);
            const result = await verifyAuditChain(trx);
            if (!result.ok) detected += 1;
            throw new Error('rollback');
          })
          .catch((e: Error) => {
            if (e.message !== 'rollback') throw e;
          });
      }
    }
    expect(detected).toBe(total);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    // The anchor catches a cut tail, and an emptied log.
    const cut: Array<number | undefined | boolean> = [];
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`DELETE FROM audit_log WHERE seq > 9990`.execute(trx);
        cut.push((await verifyAuditChain(trx)).firstBad?.seq);
        await sql`DELETE FROM audit_log`.execute(trx);
        cut.push((await verifyAuditChain(trx)).ok);
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
    expect(cut).toEqual([9991, false]);
  });
});

async function tamperIn(trx: Parameters<typeof verifyAuditChain>[0], name: string, seq: number): Promise<void> {
  if (name === 'edit') await sql`UPDATE audit_log SET action = 'forged' WHERE seq = ${seq}`.execute(trx);
  else if (name === 'delete') await sql`DELETE FROM audit_log WHERE seq = ${seq}`.execute(trx);
  else if (name === 'insert') {
    // Shift the tail up by one and put a forged entry, correctly linked and hashed, in the gap.
    await sql`UPDATE audit_log SET seq = -seq WHERE seq >= ${seq}`.execute(trx);
    await sql`UPDATE audit_log SET seq = 1 - seq WHERE seq < 0`.execute(trx);
    const prev = await trx
      .selectFrom('audit_log')
      .select('hash')
      .where('seq', '=', seq - 1)
      .executeTakeFirst();
    const entry = {
      seq,
      at: new Date().toISOString(),
      user_id: null,
      action: 'forged',
      target: null,
      before: null,
      after: null,
    };
    const prevHash = prev?.hash ?? GENESIS_HASH;
    await trx
      .insertInto('audit_log')
      .values({ ...entry, prev_hash: prevHash, hash: auditEntryHash(prevHash, entry) })
      .execute();
  } else {
    // Reorder: swap the contents of two neighbouring entries, keeping the seq column in order.
    await sql`UPDATE audit_log SET seq = -1 WHERE seq = ${seq}`.execute(trx);
    await sql`UPDATE audit_log SET seq = ${seq} WHERE seq = ${seq + 1}`.execute(trx);
    await sql`UPDATE audit_log SET seq = ${seq + 1} WHERE seq = -1`.execute(trx);
  }
}

describe.runIf(dialects.includes('postgres'))('concurrent writers on PostgreSQL', () => {
  it('never fork the chain: 8 connections × 25 transactions appending at once → verify ok', async () => {
    const database = await createPostgresDatabase();
    const workspaces = await Promise.all(
      Array.from({ length: 8 }, (_, i) => openWorkspace({ databaseUrl: database.url, poolSize: 2, migrate: i === 0 })),
    );
    try {
      await Promise.all(
        workspaces.map((w, worker) =>
          (async () => {
            for (let i = 0; i < 25; i++) {
              await w.db.transaction().execute(async (trx) => {
                await appendAudit(trx, {
                  userId: `worker-${worker}`,
                  action: 'record.write',
                  target: `persons/${worker}-${i}`,
                });
                await appendAudit(trx, {
                  userId: `worker-${worker}`,
                  action: 'record.read',
                  target: `persons/${worker}-${i}`,
                });
              });
            }
          })(),
        ),
      );
      const result = await verifyAuditChain(workspaces[0]!.db);
      expect(result).toMatchObject({ ok: true, checked: 400 });
    } finally {
      await Promise.all(workspaces.map((w) => w.close()));
      await database.drop();
    }
  });
});
