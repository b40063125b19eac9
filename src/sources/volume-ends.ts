/**
 * Whether the parts of a split archive stored so far reach its end: parts that come at different times (a letter a
 * day) wait until they do, and are read then (waiting-parts.ts). Each format says it differently: a RAR volume's
 * closing header whether more volumes follow, a split ZIP's last part is the one with the central directory, and a
 * file 7-Zip cut into parts is whole when the format of the file joined says it ends there. Node only: volumes.ts,
 * which the upload form uses too, reads names and first bytes alone.
 */
import { crc32 } from 'node:zlib';
import { asciiAt, RAR4_MAGIC, RAR5_MAGIC, readVints, startsWith, zipDirectoryEnd } from './magic.js';
import type { VolumeName } from './volumes.js';

/**
 * Whether a part is the last of its set, from its own bytes: true or false where its format says, null where only
 * the file joined from all the parts can tell (a part of a file 7-Zip cut, `joinedFileEnds`).
 */
export function isLastPart(volume: VolumeName, bytes: Uint8Array): boolean | null {
  if (volume.kind === 'zip-span') return zipDirectoryEnd(bytes) >= 0;
  if (volume.kind === 'rar') return rarEndsSet(bytes);
  return null;
}

/**
 * Whether a RAR volume is the last of its set, from the header that closes it: RAR 5's end-of-archive header and RAR
 * 4's end block each carry a flag saying another volume follows. Null when the volume ends in no such header (cut).
 */
export function rarEndsSet(bytes: Uint8Array): boolean | null {
  if (startsWith(bytes, RAR5_MAGIC)) {
    // CRC32 of the rest, the header's size, type 5, header flags, end-of-archive flags (0x0001: more follow); a few
    // bytes in all, found by the checksum that must cover exactly the bytes to the end.
    for (let at = bytes.length - 7; at >= Math.max(RAR5_MAGIC.length, bytes.length - 32); at--) {
      const header = bytes.subarray(at + 4);
      const stored = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
      const fields = readVints(header, 0, 5);
      if (fields.length < 4 || fields[0]!.end + fields[0]!.value !== header.length) continue;
      if (fields[1]!.value !== 5 || crc32(header) !== stored) continue;
      const headerFlags = fields[2]!.value;
      // Extra-area and data sizes, where the header flags say they are there, come before the end flags.
      const endFlags = fields[3 + (headerFlags & 1) + ((headerFlags >> 1) & 1)]?.value;
      return endFlags === undefined ? null : (endFlags & 1) === 0;
    }
    return null;
  }
  if (startsWith(bytes, RAR4_MAGIC)) {
    // CRC16 (the low half of CRC32 over the rest), type 0x7b, flags (0x0001: more follow), the block's size.
    for (let at = bytes.length - 7; at >= Math.max(RAR4_MAGIC.length, bytes.length - 48); at--) {
      if (bytes[at + 2] !== 0x7b || at + (bytes[at + 5]! | (bytes[at + 6]! << 8)) !== bytes.length) continue;
      if ((crc32(bytes.subarray(at + 2)) & 0xffff) !== (bytes[at]! | (bytes[at + 1]! << 8))) continue;
      return ((bytes[at + 3]! | (bytes[at + 4]! << 8)) & 0x0001) === 0;
    }
  }
  return null;
}

/**
 * Whether a file joined from the parts stored so far is whole, where its format tells: a 7-Zip archive gives its
 * length in its first bytes, a ZIP and a PDF end in their closing records, a RAR archive in its end header. Null for
 * a format that does not say (it is read as it is, and fails if it is cut).
 */
export function joinedFileEnds(joined: Uint8Array): boolean | null {
  if (startsWith(joined, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) && joined.length >= 32) {
    // The start header: the next header's offset and size, after the 32 bytes of the signature header.
    const view = new DataView(joined.buffer, joined.byteOffset, joined.byteLength);
    const end = 32 + Number(view.getBigUint64(12, true)) + Number(view.getBigUint64(20, true));
    return joined.length >= end;
  }
  if (startsWith(joined, [0x50, 0x4b, 0x03, 0x04])) return zipDirectoryEnd(joined) >= 0;
  if (asciiAt(joined, 0, 5) === '%PDF-') {
    const tail = joined.subarray(Math.max(0, joined.length - 1024));
    return new TextDecoder('latin1').decode(tail).includes('%%EOF');
  }
  if (startsWith(joined, RAR5_MAGIC) || startsWith(joined, RAR4_MAGIC)) return rarEndsSet(joined);
  return null;
}
