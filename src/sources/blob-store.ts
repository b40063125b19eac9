import type { Kysely } from 'kysely';
import { insertRows } from '../db/insert-rows.js';
import type { Database } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import type { BlobCipher } from './blob-cipher.js';
import { sha256Hex } from './sha256.js';

/**
 * Content-addressed, immutable originals. A blob is written once under the SHA-256 of its plain bytes and never
 * changed; writing the same bytes again is a no-op. Encrypted when the workspace has a secret.
 */
export async function putBlob(db: Kysely<Database>, bytes: Uint8Array, cipher: BlobCipher | null): Promise<string> {
  const sha256 = sha256Hex(bytes);
  await putBlobs(db, [{ sha256, bytes }], cipher);
  return sha256;
}

/**
 * `putBlob` for many originals whose hashes the caller already computed, in as few statements as the driver's
 * parameter limit allows. `await putBlobs(trx, [{ sha256: 'ba78…', bytes }], null)`.
 */
export async function putBlobs(
  db: Kysely<Database>,
  blobs: ReadonlyArray<{ sha256: string; bytes: Uint8Array }>,
  cipher: BlobCipher | null,
): Promise<void> {
  const createdAt = new Date().toISOString();
  const rows = blobs.map(({ sha256, bytes }) => ({
    sha256,
    bytes: cipher ? cipher.seal(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    byte_size: bytes.byteLength,
    encryption: cipher ? cipher.name : 'none',
    created_at: createdAt,
  }));
  // An existing blob is left as it is (immutable), a new one is written.
  await insertRows(db, 'blobs', rows, { ignoreConflictOn: 'sha256' });
}

/** The original bytes, verified against their address: a tampered or corrupted blob is an error, never served. */
export async function getBlob(db: Kysely<Database>, sha256: string, cipher: BlobCipher | null): Promise<Buffer> {
  const row = await db
    .selectFrom('blobs')
    .select(['bytes', 'encryption'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (!row) throw new ChronicleError('NOT_FOUND', `no original with sha256 ${sha256}`);
  const stored = Buffer.from(row.bytes);
  let plain: Buffer;
  if (row.encryption === 'none') plain = stored;
  else if (!cipher)
    throw new ChronicleError('BAD_KEY', 'the original is encrypted and no key (CHRONICLE_KEY) was given');
  else plain = cipher.open(stored);
  if (sha256Hex(plain) !== sha256) throw new ChronicleError('INTERNAL', `original ${sha256} does not match its hash`);
  return plain;
}
