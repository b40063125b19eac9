import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { ChronicleError } from '../shared/errors.js';

/**
 * Originals at rest: AES-256-GCM with a fresh 96-bit nonce per blob (NIST SP 800-38D), under a key derived from
 * the workspace secret (CHRONICLE_KEY) with scrypt, so a passphrase is as good a secret as a random key.
 * Stored layout: nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes).
 */
export const BLOB_ENCRYPTION = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KDF_SALT = 'chronicle/blob-key/v1';

export interface BlobCipher {
  readonly name: typeof BLOB_ENCRYPTION;
  seal(plain: Uint8Array): Buffer;
  open(sealed: Uint8Array): Buffer;
}

const cache = new Map<string, BlobCipher>();

/** A cipher for blobs from the workspace secret; the same secret gives the same key in every process. */
export function blobCipherFromSecret(secret: string): BlobCipher {
  const cached = cache.get(secret);
  if (cached) return cached;
  const key = scryptSync(secret, KDF_SALT, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const cipher: BlobCipher = {
    name: BLOB_ENCRYPTION,
    seal(plain) {
      const nonce = randomBytes(NONCE_BYTES);
      const c = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([nonce, body, c.getAuthTag()]);
    },
    open(sealed) {
      const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      if (buf.length < NONCE_BYTES + TAG_BYTES) throw new ChronicleError('BAD_KEY', 'stored original is truncated');
      const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, NONCE_BYTES));
      d.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
      try {
        return Buffer.concat([d.update(buf.subarray(NONCE_BYTES, buf.length - TAG_BYTES)), d.final()]);
      } catch (error) {
        throw new ChronicleError('BAD_KEY', 'stored original cannot be decrypted: wrong key or tampered bytes', {
          cause: error,
        });
      }
    },
  };
  cache.set(secret, cipher);
  return cipher;
}
