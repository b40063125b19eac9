import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238, over HOTP of RFC 4226) with node:crypto only: 30-second steps,
 * 6 digits, HMAC-SHA-1 by default — what every authenticator app speaks.
 */
export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  algorithm?: TotpAlgorithm;
  digits?: number;
  /** Step length in seconds (RFC 6238 X). */
  period?: number;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding: `base32Encode(Buffer.from('foo'))` → 'MZXW6'. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** `base32Decode('MZXW6')` → <66 6f 6f>; spaces, dashes and padding are ignored, case-insensitive. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** HOTP (RFC 4226 §5.3): dynamic truncation of HMAC(key, counter). `hotp(key, 0)` with the RFC key → '755224'. */
export function hotp(key: Uint8Array, counter: number, options: TotpOptions = {}): string {
  const digits = options.digits ?? 6;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(options.algorithm ?? 'sha1', key)
    .update(message)
    .digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** TOTP at a moment (RFC 6238 §4): `totp(key, 59_000)` with the RFC SHA-1 key and 8 digits → '94287082'. */
export function totp(key: Uint8Array, atMs: number, options: TotpOptions = {}): string {
  return hotp(key, Math.floor(atMs / 1000 / (options.period ?? 30)), options);
}

/** A new shared secret, 160 bits as RFC 4226 recommends, base32 for authenticator apps. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/**
 * Checks a code against the current step and one step either side (clock drift, RFC 6238 §5.2), in constant time.
 * Returns the matched step so the caller can refuse a replay of the same step, or null.
 */
export function verifyTotp(
  secret: string,
  code: string,
  atMs: number = Date.now(),
  options: TotpOptions = {},
): number | null {
  const digits = options.digits ?? 6;
  const given = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(given)) return null;
  const key = base32Decode(secret);
  const step = Math.floor(atMs / 1000 / (options.period ?? 30));
  let matched: number | null = null;
  for (const s of [step - 1, step, step + 1]) {
    const expected = Buffer.from(hotp(key, s, options));
    if (timingSafeEqual(expected, Buffer.from(given)) && matched === null) matched = s;
  }
  return matched;
}

/** The otpauth:// URI authenticator apps read from a QR code. */
export function totpUri(secret: string, account: string, issuer = 'Chronicle'): string {
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
