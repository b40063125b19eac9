/**
 * Apple's binary property lists (`bplist00`, as CFBinaryPList.c writes them), read lazily: only the objects asked
 * for are decoded, by following references from the top. A plist is a graph, not a tree — one object may be
 * referenced from many places — and a reader that builds it whole (bplist-parser, which recurses without memory of
 * what it has built) turns thirty levels of arrays that each reference the next twice into a billion objects: a
 * "billion laughs" in 300 bytes. Every offset, reference and length here is checked against the file.
 */
import { ChronicleError } from '../../shared/errors.js';

const MAGIC = 'bplist00';
const TRAILER_BYTES = 32;

export function isBinaryPlist(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length + TRAILER_BYTES && String.fromCharCode(...bytes.subarray(0, 8)) === MAGIC;
}

/** The key of a Safari web archive's page (parsers/webarchive.ts). */
export const WEB_MAIN_RESOURCE = 'WebMainResource';

/** A binary property list that names a main resource: Safari's web archive. Here, so that detection loads no HTML. */
export function looksLikeWebArchive(bytes: Uint8Array): boolean {
  return isBinaryPlist(bytes) && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(WEB_MAIN_RESOURCE);
}

/** One object of the plist; a dictionary's or an array's members are read when asked for. */
export class PlistObject {
  constructor(
    private readonly plist: BinaryPlist,
    readonly ref: number,
  ) {}

  /** A dictionary's value under `key` (keys are strings), or null when this is no dictionary or has no such key. */
  get(key: string): PlistObject | null {
    const dict = this.plist.container(this.ref, 0xd);
    if (!dict) return null;
    for (let i = 0; i < dict.count; i++)
      if (this.plist.string(this.plist.refAt(dict.start, i)) === key)
        return new PlistObject(this.plist, this.plist.refAt(dict.start, dict.count + i));
    return null;
  }

  /** How many members an array holds (0 when this is no array). */
  get length(): number {
    return this.plist.container(this.ref, 0xa)?.count ?? 0;
  }

  item(index: number): PlistObject | null {
    const array = this.plist.container(this.ref, 0xa);
    if (!array || index < 0 || index >= array.count) return null;
    return new PlistObject(this.plist, this.plist.refAt(array.start, index));
  }

  /** The text of an ASCII or UTF-16 string object, else null. */
  string(): string | null {
    return this.plist.string(this.ref);
  }

  /** The bytes of a data object, else null. */
  data(): Uint8Array | null {
    return this.plist.data(this.ref);
  }
}

/** The parsed trailer and offset table of a binary plist: `root()` is where reading starts. */
export class BinaryPlist {
  private readonly offsetSize: number;
  private readonly refSize: number;
  private readonly objectCount: number;
  private readonly topObject: number;
  private readonly offsetTable: number;

  constructor(private readonly bytes: Uint8Array) {
    if (!isBinaryPlist(bytes)) fail('it does not begin as a binary property list does');
    const trailer = bytes.length - TRAILER_BYTES;
    this.offsetSize = bytes[trailer + 6]!;
    this.refSize = bytes[trailer + 7]!;
    this.objectCount = this.uint(trailer + 8, 8);
    this.topObject = this.uint(trailer + 16, 8);
    this.offsetTable = this.uint(trailer + 24, 8);
    if (![1, 2, 4, 8].includes(this.offsetSize) || ![1, 2, 4, 8].includes(this.refSize)) fail('its trailer is damaged');
    if (this.offsetTable < MAGIC.length || this.offsetTable + this.objectCount * this.offsetSize > trailer)
      fail('its table of objects lies outside the file');
    if (this.topObject >= this.objectCount) fail('its top object is not among its objects');
  }

  root(): PlistObject {
    return new PlistObject(this, this.topObject);
  }

  /** Where object `ref` starts, checked to lie among the objects. */
  offsetOf(ref: number): number {
    if (!Number.isInteger(ref) || ref < 0 || ref >= this.objectCount) fail('an object refers outside the list');
    const offset = this.uint(this.offsetTable + ref * this.offsetSize, this.offsetSize);
    if (offset < MAGIC.length || offset >= this.offsetTable) fail('an object lies outside the file');
    return offset;
  }

  /** The reference at position `index` of a container's reference list. */
  refAt(start: number, index: number): number {
    return this.uint(start + index * this.refSize, this.refSize);
  }

  /** A dictionary (0xD) or an array (0xA): its member count and where its references start; null for another type. */
  container(ref: number, type: 0xa | 0xd): { count: number; start: number } | null {
    const object = this.header(ref);
    if (object.type !== type) return null;
    const refs = type === 0xd ? object.count * 2 : object.count;
    if (object.start + refs * this.refSize > this.offsetTable) fail('a container runs past its objects');
    return { count: object.count, start: object.start };
  }

  string(ref: number): string | null {
    const object = this.header(ref);
    if (object.type === 0x5) return latin1.decode(this.span(object.start, object.count));
    if (object.type === 0x6) return utf16be.decode(this.span(object.start, object.count * 2));
    return null;
  }

  data(ref: number): Uint8Array | null {
    const object = this.header(ref);
    return object.type === 0x4 ? this.span(object.start, object.count) : null;
  }

  /** An object's type (the marker's high nibble), its count (length or members), and where its content starts. */
  private header(ref: number): { type: number; count: number; start: number } {
    const offset = this.offsetOf(ref);
    const marker = this.bytes[offset]!;
    const type = marker >> 4;
    let count = marker & 0xf;
    let start = offset + 1;
    // A count of 15 or more follows as an integer object: 0x1n and 2^n bytes.
    if (count === 0xf && [0x4, 0x5, 0x6, 0xa, 0xd].includes(type)) {
      const intMarker = this.bytes[start] ?? 0;
      if (intMarker >> 4 !== 0x1 || (intMarker & 0xf) > 3) fail('an object has a damaged length');
      const size = 1 << (intMarker & 0xf);
      count = this.uint(start + 1, size);
      start += 1 + size;
    }
    return { type, count, start };
  }

  private span(start: number, length: number): Uint8Array {
    if (start + length > this.offsetTable) fail('an object runs past the end of its list');
    return this.bytes.subarray(start, start + length);
  }

  /** A big-endian unsigned integer of `size` bytes, past 2^53 refused. */
  private uint(offset: number, size: number): number {
    if (offset < 0 || offset + size > this.bytes.length) fail('a number lies outside the file');
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + this.bytes[offset + i]!;
    if (!Number.isSafeInteger(value)) fail('a number is too large');
    return value;
  }
}

const latin1 = new TextDecoder('latin1');
const utf16be = new TextDecoder('utf-16be');

function fail(why: string): never {
  throw new ChronicleError('PARSE_FAILED', `the property list could not be read: ${why}`);
}
