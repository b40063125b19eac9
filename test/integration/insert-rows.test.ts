import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../src/db/insert-rows.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();

/** Blob rows as the blob store writes them, `n` of them, told apart by `tag`. */
function blobRows(tag: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    sha256: `${tag}-${String(i).padStart(5, '0')}`,
    bytes: Buffer.from(`${i} «Суд»`),
    byte_size: i,
    encryption: i % 2 === 0 ? 'none' : 'xchacha20poly1305',
    created_at: `2026-12-05T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
  }));
}

describe.each(dialects)('insertRows on %s', (dialect) => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
  });
  afterAll(async () => t.dispose());

  const stored = async (prefix: string) =>
    (
      await t.workspace.db
        .selectFrom('blobs')
        .select(['sha256', 'bytes', 'byte_size', 'encryption', 'created_at'])
        .where('sha256', 'like', `${prefix}-%`)
        .orderBy('sha256')
        .execute()
    ).map((row) => ({ ...row, bytes: Buffer.from(row.bytes), byte_size: Number(row.byte_size) }));

  it('stores what Kysely’s insert of the same rows stores, each value in its column, for every batch of a shape', async () => {
    const { db } = t.workspace;
    await db.insertInto('blobs').values(blobRows('kysely', 7)).execute();
    // The same shape twice: the second batch binds its own values to the statement compiled for the first.
    await insertRows(db, 'blobs', blobRows('rows', 7));
    await insertRows(db, 'blobs', blobRows('again', 7));
    const rename = (rows: Awaited<ReturnType<typeof stored>>) =>
      rows.map((row) => ({ ...row, sha256: row.sha256.slice(-5) }));
    expect(rename(await stored('rows'))).toEqual(rename(await stored('kysely')));
    expect(await stored('again')).toEqual(blobRows('again', 7));
  });

  it('writes more rows than one statement binds, in chunks, and leaves rows already there with ignoreConflictOn', async () => {
    const { db } = t.workspace;
    const rows = blobRows('many', 7_000);
    await insertRows(db, 'blobs', rows.slice(0, 10));
    const first = rows[0]!;
    await insertRows(db, 'blobs', [{ ...first, byte_size: 999 }, ...rows.slice(10)], { ignoreConflictOn: 'sha256' });
    const all = await stored('many');
    expect(all).toHaveLength(7_000);
    expect(all[0]!.byte_size).toBe(0);
    expect(all.at(-1)).toEqual(rows.at(-1));
  });

  it('refuses rows of different columns or with an undefined value rather than store a shape it did not compile', async () => {
    const { db } = t.workspace;
    const [a, b] = blobRows('odd', 2);
    const { encryption: _, ...withoutEncryption } = b!;
    // The types refuse both; rows built at run time (or cast) could still bring them.
    await expect(insertRows(db, 'blobs', [a!, withoutEncryption as never])).rejects.toThrow(/differ in columns/);
    await expect(insertRows(db, 'blobs', [a!, { ...b!, encryption: undefined } as never])).rejects.toThrow(/undefined/);
    expect(await stored('odd')).toEqual([]);
  });
});
