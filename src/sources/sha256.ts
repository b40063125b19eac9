import { hash } from 'node:crypto';

/**
 * `sha256Hex(Buffer.from('abc'))` → 'ba7816bf…'. A string is hashed as its UTF-8 bytes. A module of its own: the
 * parse worker hashes every report and must not load the blob store's database code to do it.
 */
export function sha256Hex(bytes: Uint8Array | string): string {
  // One call, without a Hash object: ingestion hashes two texts a report (the original and the near-duplicate key).
  return hash('sha256', bytes, 'hex');
}
