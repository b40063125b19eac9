import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import type { BlobCipher } from './blob-cipher.js';

/** `sha256Hex(Buffer.from('abc'))` → 'ba7816bf…'. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Content-addressed, immutable originals. A blob is written once under the SHA-256 of its plain bytes and never
 * changed; writing the same bytes again is a no-op. Encrypted when the workspace has a secret.
 */
export async function putBlob(db: Kysely<Database>, bytes: Uint8Array, cipher: BlobCipher | null): Promise<string> {
  const sha256 = sha256Hex(bytes);
  // One statement: an existing blob is left as it is (immutable), a new one is written.
  await db
    .insertInto('blobs')
    .values({
      sha256,
      bytes: cipher ? cipher.seal(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      byte_size: bytes.byteLength,
      encryption: cipher ? cipher.name : 'none',
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return sha256;
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
