/**
 * Tar archives and compressed files (gzip, bzip2, xz, Zstandard, Unix compress): which a file is, by its first bytes,
 * kept apart from their reader (parsers/compressed.ts, with 7-Zip and modern-tar) so that detection loads nothing.
 */
import { startsWith } from './magic.js';

export const TAR_MEDIA_TYPE = 'application/x-tar';

/** The compressed formats read, by media type, with 7-Zip's name for each and the name a person knows it by. */
export const COMPRESSED_FORMATS = {
  'application/gzip': { sevenZipType: 'gzip', label: 'gzip' },
  'application/x-bzip2': { sevenZipType: 'bzip2', label: 'bzip2' },
  'application/x-xz': { sevenZipType: 'xz', label: 'xz' },
  'application/zstd': { sevenZipType: 'zstd', label: 'Zstandard' },
  /** Unix `compress` (LZW), as old Unix servers and mail archives kept files, `.Z` and `.tar.Z`. */
  'application/x-compress': { sevenZipType: 'Z', label: 'Unix compress' },
} as const;

export type CompressedMediaType = keyof typeof COMPRESSED_FORMATS;

export function isCompressedMediaType(mediaType: string): mediaType is CompressedMediaType {
  return Object.hasOwn(COMPRESSED_FORMATS, mediaType);
}

/**
 * What a compressed file's bytes begin with. bzip2's "BZh" would begin a line of text, so its first block's own
 * signature (π's digits, 31 41 59 26 53 59) or the end of an empty stream must follow the block size.
 */
export function compressedMediaType(bytes: Uint8Array): CompressedMediaType | null {
  if (startsWith(bytes, [0x1f, 0x8b, 0x08])) return 'application/gzip';
  if (startsWith(bytes, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'application/x-xz';
  if (startsWith(bytes, [0x28, 0xb5, 0x2f, 0xfd])) return 'application/zstd';
  // compress's magic, then its flags: the largest code size (9–16 bits) in the low five.
  const codeBits = (bytes[2] ?? 0) & 0x1f;
  if (startsWith(bytes, [0x1f, 0x9d]) && codeBits >= 9 && codeBits <= 16) return 'application/x-compress';
  const blockSize = bytes[3] ?? 0;
  if (
    startsWith(bytes, [0x42, 0x5a, 0x68]) &&
    blockSize >= 0x31 &&
    blockSize <= 0x39 &&
    (startsWith(bytes.subarray(4), [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) ||
      startsWith(bytes.subarray(4), [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]))
  )
    return 'application/x-bzip2';
  return null;
}

/**
 * A tar archive: POSIX ustar or GNU tar (the magic "ustar" at 257), its first header's checksum right. Tar from
 * before 1988 has no magic and is not recognised.
 */
export function isTar(bytes: Uint8Array): boolean {
  if (bytes.length < 512) return false;
  if (String.fromCharCode(...bytes.subarray(257, 262)) !== 'ustar') return false;
  const recorded = Number.parseInt(String.fromCharCode(...bytes.subarray(148, 156)).replace(/[\0 ]/g, ''), 8);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : bytes[i]!;
  return sum === recorded;
}
