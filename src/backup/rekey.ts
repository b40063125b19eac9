import { sql } from 'kysely';
import type { Workspace } from '../db/connection.js';
import { holdWorkspaceAlone } from '../db/workspace-lock.js';
import { ChronicleError } from '../shared/errors.js';
import { BLOB_ENCRYPTION, type BlobCipher, blobCipherFromSecret } from '../sources/index.js';

const PAGE = 200;

/**
 * Changes the workspace secret: every original is opened under the old key and sealed again under the new one in
 * one transaction, then (SQLite) the file is re-encrypted with `PRAGMA rekey`. SQLite cannot rekey inside a
 * transaction nor in WAL mode, so that last step runs alone, in rollback-journal mode; if it is interrupted, run
 * the command again with the same keys — blobs already under the new key are recognised and left as they are.
 * Refused, before anything changes, while another process has the SQLite workspace open: its connection would make
 * that last step fail, after the originals were resealed.
 * `await rekeyWorkspace(workspace, 'old secret', 'new secret')` → `{ blobs: 12, database: true }`.
 */
export async function rekeyWorkspace(
  workspace: Workspace,
  oldSecret: string | null,
  newSecret: string,
): Promise<{ blobs: number; database: boolean }> {
  if (!newSecret || newSecret.length < 16)
    throw new ChronicleError('VALIDATION', 'the new key must be at least 16 characters');
  if (oldSecret === newSecret) throw new ChronicleError('VALIDATION', 'the new key is the old key');
  const oldCipher = oldSecret ? blobCipherFromSecret(oldSecret) : null;
  const newCipher = blobCipherFromSecret(newSecret);
  const release =
    workspace.dialect === 'sqlite' && workspace.dataDir
      ? holdWorkspaceAlone(workspace.dataDir, 'chronicle rekey')
      : () => {};
  try {
    return await rekeyHeld(workspace, oldCipher, newCipher, newSecret);
  } finally {
    release();
  }
}

async function rekeyHeld(
  workspace: Workspace,
  oldCipher: BlobCipher | null,
  newCipher: BlobCipher,
  newSecret: string,
): Promise<{ blobs: number; database: boolean }> {
  let resealed = 0;
  await workspace.db.transaction().execute(async (trx) => {
    let after = '';
    for (;;) {
      const rows = await trx
        .selectFrom('blobs')
        .select(['sha256', 'bytes', 'encryption'])
        .where('sha256', '>', after)
        .orderBy('sha256')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        const stored = Buffer.from(row.bytes);
        let plain: Buffer;
        if (row.encryption === 'none') plain = stored;
        else {
          try {
            if (!oldCipher) throw new Error('no old key');
            plain = oldCipher.open(stored);
          } catch (error) {
            // Resealed by an earlier, interrupted run: it opens under the new key already.
            try {
              newCipher.open(stored);
              continue;
            } catch {
              // Opened without a key, rekey is given the benefit of an interrupted run; this one was not.
              if (!oldCipher)
                throw new ChronicleError(
                  'BAD_KEY',
                  'the originals in this workspace are encrypted and no key is set: set CHRONICLE_KEY to the workspace key',
                );
              throw new ChronicleError('BAD_KEY', `original ${row.sha256} opens under neither key`, { cause: error });
            }
          }
        }
        await trx
          .updateTable('blobs')
          .set({ bytes: newCipher.seal(plain), encryption: BLOB_ENCRYPTION })
          .where('sha256', '=', row.sha256)
          .execute();
        resealed += 1;
      }
      after = rows[rows.length - 1]!.sha256;
    }
  });
  if (workspace.dialect !== 'sqlite') return { blobs: resealed, database: false };
  const quoted = `'${newSecret.replaceAll("'", "''")}'`;
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(workspace.db);
  await sql`PRAGMA journal_mode = DELETE`.execute(workspace.db);
  try {
    await sql.raw(`PRAGMA rekey = ${quoted}`).execute(workspace.db);
  } finally {
    await sql`PRAGMA journal_mode = WAL`.execute(workspace.db);
  }
  return { blobs: resealed, database: true };
}
