import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { ChronicleError } from '../shared/errors.js';

/**
 * The backup container: `CHRONICLE-BACKUP 1\n` ‖ salt (16) ‖ nonce (12) ‖ AES-256-GCM(ciphertext) ‖ tag (16), the
 * header bound as additional data. Key: scrypt(CHRONICLE_KEY, label ‖ salt) — a fresh salt per backup, so two
 * backups never share a key/nonce pair. Plaintext: u32 manifest length ‖ manifest JSON ‖ database bytes, where
 * the manifest records the SHA-256 and size of the database bytes, checked before anything is restored.
 */
const MAGIC = Buffer.from('CHRONICLE-BACKUP 1\n');
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KDF_LABEL = 'chronicle/backup-key/v1/';

export interface BackupManifest {
  format: 'chronicle-backup';
  version: 1;
  createdAt: string;
  dialect: 'sqlite';
  database: { file: string; bytes: number; sha256: string };
  /** Row counts at backup time, compared after a restore. */
  counts: Record<string, number>;
  auditHead: { seq: number; hash: string } | null;
}

function deriveKey(secret: string, salt: Buffer): Buffer {
  return scryptSync(secret, Buffer.concat([Buffer.from(KDF_LABEL), salt]), 32, {
    N: 1 << 15,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024,
  });
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Seals a manifest and the database bytes into one backup file's bytes. */
export function sealBackup(secret: string, manifest: BackupManifest, database: Buffer): Buffer {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([MAGIC, salt, nonce]);
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(manifestBytes.length);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, salt), nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([
    cipher.update(length),
    cipher.update(manifestBytes),
    cipher.update(database),
    cipher.final(),
  ]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/**
 * Opens a backup and checks it: the GCM tag (wrong key or any changed byte → BAD_KEY), then the manifest's
 * SHA-256 and size of the database bytes (→ VALIDATION). Nothing is written anywhere.
 */
export function openBackup(secret: string, file: Buffer): { manifest: BackupManifest; database: Buffer } {
  if (
    file.length < MAGIC.length + SALT_BYTES + NONCE_BYTES + TAG_BYTES ||
    !file.subarray(0, MAGIC.length).equals(MAGIC)
  ) {
    throw new ChronicleError('VALIDATION', 'not a Chronicle backup file');
  }
  const salt = file.subarray(MAGIC.length, MAGIC.length + SALT_BYTES);
  const nonce = file.subarray(MAGIC.length + SALT_BYTES, MAGIC.length + SALT_BYTES + NONCE_BYTES);
  const header = file.subarray(0, MAGIC.length + SALT_BYTES + NONCE_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, salt), nonce);
  decipher.setAAD(header);
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(file.subarray(header.length, file.length - TAG_BYTES)), decipher.final()]);
  } catch (error) {
    throw new ChronicleError('BAD_KEY', 'the backup cannot be decrypted: wrong key (CHRONICLE_KEY) or damaged file', {
      cause: error,
    });
  }
  const length = plain.readUInt32BE(0);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(plain.subarray(4, 4 + length).toString('utf8')) as BackupManifest;
  } catch (error) {
    throw new ChronicleError('VALIDATION', 'the backup manifest is unreadable', { cause: error });
  }
  if (manifest.format !== 'chronicle-backup' || manifest.version !== 1)
    throw new ChronicleError('VALIDATION', 'unsupported backup format');
  const database = plain.subarray(4 + length);
  if (database.length !== manifest.database.bytes || sha256(database) !== manifest.database.sha256) {
    throw new ChronicleError('VALIDATION', 'the backup contents do not match their manifest (SHA-256)');
  }
  return { manifest, database };
}
