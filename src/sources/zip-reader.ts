/**
 * A ZIP reader for hostile archives (ZIP and DOCX). It reads the central directory (APPNOTE.TXT 6.3, §4.3.12–16,
 * with the ZIP64 records of §4.3.14–15 and extra field 0x0001), refuses archives whose declared sizes exceed the
 * limits before inflating anything, then inflates each entry through fflate's streaming `Inflate` in small chunks,
 * counting output bytes, so an entry that lies about its size is stopped a few megabytes past the lie.
 */
import { Inflate } from 'fflate';
import { ChronicleError } from '../shared/errors.js';
import { sizeInWords } from '../shared/sizes.js';
import { decodeStrictUtf8 } from './decode-text.js';
import { zipDirectoryEnd } from './magic.js';
import type { ParseLimits } from './parse-types.js';

export interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  isDirectory: boolean;
}

export interface ExpansionBudget {
  /** Bytes the whole parse may still produce (shared by nested archives). */
  remainingBytes: number;
  maxExpansionRatio: number;
  /** Size of the outermost input: the ratio is measured against what the user handed us. */
  inputBytes: number;
  expandedBytes: number;
  remainingEntries: number;
}

/**
 * The whole budget of one input as the limits give it, nothing spent yet: shared by everything nested in it. An
 * archive split into parts is one input, of all its parts' bytes.
 */
export function expansionBudget(input: Uint8Array | readonly Uint8Array[], limits: ParseLimits): ExpansionBudget {
  return {
    remainingBytes: limits.maxExpandedBytes,
    maxExpansionRatio: limits.maxExpansionRatio,
    inputBytes: input instanceof Uint8Array ? input.length : input.reduce((sum, part) => sum + part.length, 0),
    expandedBytes: 0,
    remainingEntries: limits.maxArchiveEntries,
  };
}

/**
 * The most bytes one stream may still unpack to under the budget: what is left of the expansion limit, and of the
 * ratio to the input (never less than its 1 MB floor).
 */
export function expansionLimit(budget: ExpansionBudget): number {
  const byRatio = Math.max(RATIO_FLOOR_BYTES, budget.inputBytes * budget.maxExpansionRatio) - budget.expandedBytes;
  return Math.max(0, Math.min(budget.remainingBytes, byRatio));
}

const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** Feed the inflater this much compressed data at a time: one push can expand ~1032× (DEFLATE's maximum). */
const INFLATE_CHUNK = 4 * 1024;
/** Below this many output bytes a high ratio is normal (a page of repeated characters compresses 300:1). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6) || (bytes[2] === 7 && bytes[3] === 8))
  );
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function fail(message: string): never {
  throw new ChronicleError('PARSE_FAILED', message);
}

/** Lists entries from the central directory. Throws PARSE_FAILED on a damaged directory. */
export function listZipEntries(bytes: Uint8Array, maxEntries: number): ZipEntryInfo[] {
  const dv = view(bytes);
  const n = bytes.length;
  const eocd = zipDirectoryEnd(bytes);
  if (eocd < 0) fail('ZIP archive has no central directory (truncated or damaged)');
  let count = dv.getUint16(eocd + 10, true);
  let dirSize = dv.getUint32(eocd + 12, true);
  let dirOffset = dv.getUint32(eocd + 16, true);
  if ((count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) && eocd >= 20) {
    const loc = eocd - 20;
    if (dv.getUint32(loc, true) === ZIP64_LOCATOR_SIGNATURE) {
      const z64 = readUint64(dv, loc + 8);
      if (z64 + 56 > n || dv.getUint32(z64, true) !== ZIP64_EOCD_SIGNATURE) fail('ZIP64 directory is damaged');
      count = readUint64(dv, z64 + 32);
      dirSize = readUint64(dv, z64 + 40);
      dirOffset = readUint64(dv, z64 + 48);
    }
  }
  if (count > maxEntries) {
    throw new ChronicleError('DECOMPRESSION_LIMIT', `archive has ${count} entries; the limit is ${maxEntries}`);
  }
  if (dirOffset + dirSize > n) fail('ZIP central directory points outside the file (truncated or damaged)');
  const entries: ZipEntryInfo[] = [];
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || dv.getUint32(p, true) !== CENTRAL_SIGNATURE) fail('ZIP central directory entry is damaged');
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let uncompressedSize = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let localHeaderOffset = dv.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen > n) fail('ZIP central directory entry is damaged');
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = entryName(nameBytes, flags);
    // ZIP64 extended information (extra field 0x0001) carries the sizes that overflowed 32 bits, in this order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = dv.getUint16(e, true);
      const size = dv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff && q + 8 <= extraEnd) {
          uncompressedSize = readUint64(dv, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= extraEnd) {
          compressedSize = readUint64(dv, q);
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff && q + 8 <= extraEnd) localHeaderOffset = readUint64(dv, q);
      }
      e += 4 + size;
    }
    entries.push({
      name,
      method,
      flags,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      isDirectory: name.endsWith('/'),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function readUint64(dv: DataView, offset: number): number {
  const value = dv.getBigUint64(offset, true);
  // Beyond 2^53 the number is already absurd; clamp so comparisons with limits still refuse it.
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** Refuses, from declared sizes alone, an archive that would expand past the budget. Nothing is inflated. */
export function checkDeclaredSizes(
  entries: Array<Pick<ZipEntryInfo, 'uncompressedSize' | 'compressedSize'>>,
  budget: ExpansionBudget,
): void {
  let declared = 0;
  for (const entry of entries) {
    declared += entry.uncompressedSize;
    if (
      entry.uncompressedSize > RATIO_FLOOR_BYTES &&
      entry.uncompressedSize > Math.max(entry.compressedSize, 1) * budget.maxExpansionRatio
    ) {
      throw new ChronicleError(
        'DECOMPRESSION_LIMIT',
        `archive entry declares a ${ratio(entry.uncompressedSize, entry.compressedSize)}:1 expansion; the limit is ${budget.maxExpansionRatio}:1`,
      );
    }
  }
  if (declared > budget.remainingBytes) {
    throw new ChronicleError(
      'DECOMPRESSION_LIMIT',
      `archive declares ${sizeInWords(declared)} uncompressed; the limit is ${sizeInWords(budget.remainingBytes)}`,
    );
  }
  const total = budget.expandedBytes + declared;
  if (total > RATIO_FLOOR_BYTES && total > budget.inputBytes * budget.maxExpansionRatio) {
    throw new ChronicleError(
      'DECOMPRESSION_LIMIT',
      `archive declares a ${ratio(total, budget.inputBytes)}:1 expansion; the limit is ${budget.maxExpansionRatio}:1`,
    );
  }
}

/**
 * Inflates one entry, counting bytes as they come out: stops when the entry exceeds its declared size, the shared
 * budget, or the ratio limit. Encrypted entries and methods other than store/deflate throw UNSUPPORTED_TYPE.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntryInfo, budget: ExpansionBudget): Uint8Array {
  if (entry.flags & 0x1) throw new ChronicleError('UNSUPPORTED_TYPE', `archive entry ${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ChronicleError(
      'UNSUPPORTED_TYPE',
      `archive entry ${entry.name} uses compression method ${entry.method}; only store and deflate are read`,
    );
  }
  const dv = view(bytes);
  const p = entry.localHeaderOffset;
  if (p + 30 > bytes.length || dv.getUint32(p, true) !== LOCAL_SIGNATURE) fail('ZIP local header is damaged');
  const start = p + 30 + dv.getUint16(p + 26, true) + dv.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) fail('ZIP entry data runs past the end of the file (truncated)');
  const compressed = bytes.subarray(start, end);

  // The declared size is a promise: allow a little slack for sloppy writers, then stop.
  const entryLimit = Math.min(budget.remainingBytes, entry.uncompressedSize + 64 * 1024);
  const chunks: Uint8Array[] = [];
  let produced = 0;
  const account = (length: number): void => {
    produced += length;
    const total = budget.expandedBytes + produced;
    if (produced > budget.remainingBytes) {
      throw new ChronicleError('DECOMPRESSION_LIMIT', `archive expands past ${sizeInWords(budget.remainingBytes)}`);
    }
    if (produced > entryLimit) {
      throw new ChronicleError(
        'DECOMPRESSION_LIMIT',
        `archive entry expands past its declared ${entry.uncompressedSize} bytes`,
      );
    }
    if (total > RATIO_FLOOR_BYTES && total > budget.inputBytes * budget.maxExpansionRatio) {
      throw new ChronicleError(
        'DECOMPRESSION_LIMIT',
        `archive expands more than ${budget.maxExpansionRatio}:1 (${ratio(total, budget.inputBytes)}:1)`,
      );
    }
  };

  if (entry.method === 0) {
    account(compressed.length);
    chunks.push(compressed.slice());
  } else {
    let finished = false;
    const inflater = new Inflate((chunk, final) => {
      account(chunk.length);
      chunks.push(chunk);
      if (final) finished = true;
    });
    try {
      for (let i = 0; i < compressed.length && !finished; i += INFLATE_CHUNK) {
        const last = i + INFLATE_CHUNK >= compressed.length;
        inflater.push(compressed.subarray(i, i + INFLATE_CHUNK), last);
      }
      if (compressed.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (error) {
      if (error instanceof ChronicleError) throw error;
      fail(`archive entry ${entry.name} is damaged (${(error as Error).message})`);
    }
  }
  budget.remainingBytes -= produced;
  budget.expandedBytes += produced;
  return concat(chunks, produced);
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function ratio(a: number, b: number): number {
  return Math.round(a / Math.max(b, 1));
}

const cp866 = new TextDecoder('ibm866');
const latin1 = new TextDecoder('latin1');

/**
 * An entry's name: UTF-8 when the archive says so (flag bit 11) or when its bytes are UTF-8 (7-Zip and others write it
 * without the flag); otherwise the DOS code page the archiver used, which on Russian Windows (Explorer, WinRAR) is
 * CP866 — taken when every byte past ASCII is a CP866 letter (А–Я, а–я, Ё, ё) or №; else Latin-1, as before.
 * `entryName(Uint8Array.of(0x8e, 0xe2, 0xe7, 0xf1, 0xe2), 0)` → 'Отчёт'.
 */
export function entryName(bytes: Uint8Array, flags: number): string {
  if (flags & 0x800) return new TextDecoder('utf-8').decode(bytes);
  const utf8 = decodeStrictUtf8(bytes);
  if (utf8 !== null) return utf8;
  const cyrillic = bytes.every((b) => b < 0x80 || b <= 0xaf || (b >= 0xe0 && b <= 0xf1) || b === 0xfc);
  return (cyrillic ? cp866 : latin1).decode(bytes);
}
