import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, generateTotpSecret, hotp, totp, verifyTotp } from './totp.js';

// RFC 6238 Appendix B: the seeds are ASCII "12345678901234567890" repeated to the hash's key length.
const SEED = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;

const VECTORS: Array<[number, string, string, string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('matches the RFC 6238 test vectors at T=%i', (seconds, sha1, sha256, sha512) => {
    expect(totp(SEED.sha1, seconds * 1000, { digits: 8 })).toBe(sha1);
    expect(totp(SEED.sha256, seconds * 1000, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
    expect(totp(SEED.sha512, seconds * 1000, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
  });

  it('matches the RFC 4226 HOTP vectors', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    for (const [counter, code] of expected.entries()) expect(hotp(SEED.sha1, counter)).toBe(code);
  });

  it('round-trips base32', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
  });

  it('accepts the current code and one step of drift, and nothing else', () => {
    const secret = generateTotpSecret();
    const key = base32Decode(secret);
    const now = 1_700_000_000_000;
    expect(verifyTotp(secret, totp(key, now), now)).not.toBeNull();
    expect(verifyTotp(secret, totp(key, now - 30_000), now)).not.toBeNull();
    expect(verifyTotp(secret, totp(key, now - 90_000), now)).toBeNull();
    expect(verifyTotp(secret, '000000x', now)).toBeNull();
    expect(verifyTotp(secret, '', now)).toBeNull();
  });
});
