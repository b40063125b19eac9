import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOffThread } from '../../src/db/sqlite-reader.js';
import { placeRow } from '../../src/record/index.js';
import { createTestWorkspace, type TestWorkspace } from '../helpers/workspaces.js';

/**
 * The SQLite reader thread (src/db/sqlite-reader.ts) on a real, encrypted workspace: what it reads, that the main
 * thread runs while it reads, that a transaction's own reads stay on its connection, and its errors.
 */
/** A read of a few hundred milliseconds, whatever the workspace holds. */
const long = sql<{
  n: number;
}>`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 3000000) SELECT count(*) AS n FROM k`;
const place = (id: string, name: string, region: string) =>
  placeRow(id, name, '2026-01-01T00:00:00.000Z', { kind: 'city', country: 'RU', region });

describe('reads in the SQLite reader thread', () => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace('sqlite', { key: 'reader thread test key' });
    await t.workspace.db
      .insertInto('places')
      .values(place('pl-1', 'Уфа', 'Башкортостан'))
      .execute();
  });
  afterAll(() => t?.dispose());

  it('reads committed rows of an encrypted workspace, with parameters', async () => {
    const db = t.workspace.db;
    const query = db.selectFrom('places').select(['id', 'name']).where('region', '=', 'Башкортостан').compile();
    expect(await readOffThread(db, query)).toEqual([{ id: 'pl-1', name: 'Уфа' }]);
  });

  it('leaves the main thread free while a long read runs', async () => {
    const db = t.workspace.db;
    const order: string[] = [];
    const read = readOffThread(db, long.compile(db)).then((rows) => {
      order.push('read');
      return rows;
    });
    // On the server's own connection the whole read would run before the main thread could do anything else.
    setImmediate(() => order.push('main thread'));
    expect(await read).toEqual([{ n: 3_000_000 }]);
    expect(order).toEqual(['main thread', 'read']);
  });

  it('answers a short read while a long one runs: a count of seconds never holds up a page', async () => {
    const db = t.workspace.db;
    const order: string[] = [];
    const longRead = readOffThread(db, long.compile(db), 'long').then(() => order.push('long'));
    // Started after the long read and queued behind it were there one thread: it must still end first.
    const shortRead = readOffThread(db, db.selectFrom('places').select('name').compile(), 'short').then((rows) => {
      order.push('short');
      return rows;
    });
    expect(await shortRead).toEqual([{ name: 'Уфа' }]);
    await longRead;
    expect(order).toEqual(['short', 'long']);
  });

  it('reads a transaction on its own connection, where its uncommitted rows are', async () => {
    const db = t.workspace.db;
    const count = sql<{ n: number }>`SELECT count(*) AS n FROM places`;
    await db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('places')
          .values(place('pl-2', 'Казань', 'Татарстан'))
          .execute();
        expect(await readOffThread(trx, count.compile(trx))).toEqual([{ n: 2 }]);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await readOffThread(db, count.compile(db))).toEqual([{ n: 1 }]);
  });

  it('reports a bad statement as a database error and goes on reading', async () => {
    const db = t.workspace.db;
    await expect(readOffThread(db, sql`SELECT * FROM no_such_table`.compile(db))).rejects.toMatchObject({
      code: 'DATABASE',
      message: expect.stringContaining('no_such_table'),
    });
    expect(await readOffThread(db, sql<{ n: number }>`SELECT 1 AS n`.compile(db))).toEqual([{ n: 1 }]);
  });

  it('refuses to read once the workspace is closed', async () => {
    const other = await createTestWorkspace('sqlite');
    const db = other.workspace.db;
    expect(await readOffThread(db, sql<{ n: number }>`SELECT 1 AS n`.compile(db))).toEqual([{ n: 1 }]);
    await other.dispose();
    await expect(readOffThread(db, sql`SELECT 1`.compile(db))).rejects.toThrow('the workspace is closed');
  });
});
