import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ChronicleError } from '../shared/errors.js';

/**
 * Password hashing behind one interface. The design asks for argon2id (`@node-rs/argon2`, DEPENDENCIES.md); when
 * that package is installed it is used, otherwise scrypt (RFC 7914, N=2^15, r=8, p=1 — OWASP's minimum) from
 * node:crypto. Both formats are self-describing, so hashes of either kind verify after the other becomes available.
 */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, keyLength: 32, maxmem: 64 * 1024 * 1024 };

interface Argon2Module {
  hash(password: string, options?: Record<string, unknown>): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

let argon2: Argon2Module | null | undefined;

async function loadArgon2(): Promise<Argon2Module | null> {
  if (argon2 !== undefined) return argon2;
  const name = '@node-rs/argon2';
  try {
    argon2 = (await import(name)) as Argon2Module;
  } catch {
    argon2 = null;
  }
  return argon2;
}

/** The scheme new hashes use here: 'argon2id' or 'scrypt'. */
export async function passwordScheme(): Promise<'argon2id' | 'scrypt'> {
  return (await loadArgon2()) ? 'argon2id' : 'scrypt';
}

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, SCRYPT.keyLength, { N, r, p, maxmem: SCRYPT.maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `await hashPassword('correct horse')` → '$argon2id$v=19$m=19456,t=2,p=1$…' or '$scrypt$N=32768,r=8,p=1$<salt>$<key>'. */
export async function hashPassword(password: string): Promise<string> {
  const native = await loadArgon2();
  // algorithm 2 = argon2id; OWASP parameters (19 MiB, 2 passes).
  if (native)
    return native.hash(password.normalize('NFC'), { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return `$scrypt$N=${SCRYPT.N},r=${SCRYPT.r},p=${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Constant-time check of a password against a stored hash; false (never a throw) for a malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) {
    const native = await loadArgon2();
    if (!native) return false;
    try {
      return await native.verify(stored, password.normalize('NFC'));
    } catch {
      return false;
    }
  }
  const m = /^\$scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$/.exec(stored);
  if (!m) return false;
  const expected = Buffer.from(m[5]!, 'base64');
  const key = await scryptAsync(password, Buffer.from(m[4]!, 'base64'), Number(m[1]), Number(m[2]), Number(m[3]));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random password: verifying against it costs the same as a real check, so unknown users take as long. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/** A random password for generated accounts: 20 characters of base64url, ~120 bits. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it costs nothing unusual. */
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * The one password policy, for new accounts, resets and changes alike: `checkPasswordPolicy('short')` throws
 * VALIDATION 'a password has at least 12 characters'.
 */
export function checkPasswordPolicy(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new ChronicleError('VALIDATION', `a password has at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new ChronicleError('VALIDATION', `a password has at most ${MAX_PASSWORD_LENGTH} characters`);
}
