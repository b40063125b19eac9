/**
 * `winmail.dat` (TNEF, MS-OXTNEF): how Outlook and Exchange wrap a letter's attachments when they send "rich text"
 * to a program that is not Outlook. The lawyer's documents are inside it, and a reader that does not open it sees
 * one file of unknown type. Only the attachments are read (their names and bytes): the letter's text is in the
 * message around it. Every length is checked against what is left, so a damaged or hostile file fails with a reason.
 */
import { ChronicleError } from '../../shared/errors.js';
import { decodeText, decodeWithCharset, iconvNameOfCodePage } from '../decode-text.js';

const SIGNATURE = 0x223e9f78;
const LEVEL_MESSAGE = 1;
const LEVEL_ATTACHMENT = 2;
/** Attribute ids (type in the high word, id in the low one). */
const ATT_OEM_CODEPAGE = 0x00069007;
const ATT_ATTACH_REND_DATA = 0x00069002;
const ATT_ATTACH_TITLE = 0x00018010;
const ATT_ATTACH_DATA = 0x0006800f;
const ATT_ATTACHMENT = 0x00069005;
/** MAPI: the attachment's long file name, and the property types that can hold it. */
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;

export interface TnefAttachment {
  name: string;
  bytes: Uint8Array;
}

/** TNEF starts with its signature, little-endian: 78 9F 3E 22. */
export function isTnef(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === SIGNATURE;
}

/** The attachments inside a `winmail.dat`, in order, named by their long file name where Outlook gave one. */
export function tnefAttachments(bytes: Uint8Array, maxAttachments: number): TnefAttachment[] {
  if (!isTnef(bytes)) throw new ChronicleError('PARSE_FAILED', 'not a TNEF file (winmail.dat)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: Array<{ title?: Uint8Array; longName?: string; data?: Uint8Array }> = [];
  let codePage: string | null = null;
  let at = 6; // the signature and the legacy key
  while (at < bytes.length) {
    if (at + 9 > bytes.length) throw cutShort();
    const level = view.getUint8(at);
    const id = view.getUint32(at + 1, true);
    const length = view.getUint32(at + 5, true);
    const start = at + 9;
    if (start + length + 2 > bytes.length) throw cutShort();
    const data = bytes.subarray(start, start + length);
    at = start + length + 2; // and the checksum
    if (level === LEVEL_MESSAGE && id === ATT_OEM_CODEPAGE && length >= 4)
      codePage = iconvNameOfCodePage(view.getUint32(start, true));
    if (level !== LEVEL_ATTACHMENT) continue;
    if (id === ATT_ATTACH_REND_DATA) {
      found.push({});
      if (found.length > maxAttachments)
        throw new ChronicleError('DECOMPRESSION_LIMIT', `winmail.dat holds more than ${maxAttachments} attachments`);
    }
    const current = found.at(-1);
    if (!current) continue;
    if (id === ATT_ATTACH_TITLE) current.title = data;
    else if (id === ATT_ATTACH_DATA) current.data = data;
    else if (id === ATT_ATTACHMENT) current.longName = longFileName(data) ?? undefined;
  }
  return found.flatMap((attachment, index) => {
    if (!attachment.data) return [];
    const title = attachment.title ? eightBit(attachment.title, codePage) : '';
    return [{ name: attachment.longName || title || `attachment-${index + 1}`, bytes: attachment.data }];
  });
}

function cutShort(): ChronicleError {
  return new ChronicleError('PARSE_FAILED', 'winmail.dat is cut short or damaged');
}

/** An 8-bit string up to its NUL, in the letter's code page (Outlook's, e.g. 1251), or guessed without one. */
function eightBit(bytes: Uint8Array, codePage: string | null): string {
  const end = bytes.indexOf(0);
  const text = end < 0 ? bytes : bytes.subarray(0, end);
  return (codePage ? decodeWithCharset(text, codePage, { asDeclared: true }) : decodeText(text)).text.trim();
}

/**
 * PR_ATTACH_LONG_FILENAME from an attachment's MAPI properties, or null. The properties are read in order, each
 * length checked; a type this reader does not know ends the search, since what follows cannot be found.
 */
function longFileName(props: Uint8Array): string | null {
  const view = new DataView(props.buffer, props.byteOffset, props.byteLength);
  const fits = (at: number, n: number) => at + n <= props.length;
  if (!fits(0, 4)) return null;
  const count = view.getUint32(0, true);
  let at = 4;
  for (let i = 0; i < count && i < 10_000; i++) {
    if (!fits(at, 4)) return null;
    const type = view.getUint16(at, true);
    const id = view.getUint16(at + 2, true);
    at += 4;
    if (id >= 0x8000) {
      // A named property: its set's GUID, then a number or a name.
      if (!fits(at, 20)) return null;
      const kind = view.getUint32(at + 16, true);
      at += 20;
      if (kind === 0) at += 4;
      else {
        if (!fits(at, 4)) return null;
        at += 4 + padded(view.getUint32(at, true));
      }
    }
    const multiple = (type & 0x1000) !== 0;
    const base = type & 0x0fff;
    const fixed = FIXED_SIZES[base];
    if (fixed !== undefined && !multiple) {
      at += fixed;
      continue;
    }
    if (!VARIABLE_TYPES.has(base) && fixed === undefined) return null;
    if (!fits(at, 4)) return null;
    const values = view.getUint32(at, true);
    at += 4;
    for (let v = 0; v < values && v < 10_000; v++) {
      let length = fixed ?? 0;
      if (fixed === undefined) {
        if (!fits(at, 4)) return null;
        length = view.getUint32(at, true);
        at += 4;
      }
      if (!fits(at, length)) return null;
      if (id === PR_ATTACH_LONG_FILENAME && v === 0 && (base === PT_STRING8 || base === PT_UNICODE)) {
        const value = props.subarray(at, at + length);
        const name = base === PT_UNICODE ? new TextDecoder('utf-16le').decode(value) : decodeText(value).text;
        return name.replace(/\u0000+$/, '').trim() || null;
      }
      at += padded(length);
    }
  }
  return null;
}

/** Values are padded to four bytes. */
function padded(length: number): number {
  return length + ((4 - (length % 4)) % 4);
}

/** Single values of fixed size, as stored (shorter ones padded to four bytes). */
const FIXED_SIZES: Record<number, number> = {
  2: 4, // PT_SHORT
  3: 4, // PT_LONG
  4: 4, // PT_FLOAT
  5: 8, // PT_DOUBLE
  6: 8, // PT_CURRENCY
  7: 8, // PT_APPTIME
  10: 4, // PT_ERROR
  11: 4, // PT_BOOLEAN
  20: 8, // PT_I8
  64: 8, // PT_SYSTIME
  72: 16, // PT_CLSID
};
/** Values with a length of their own: strings, binary, embedded objects. */
const VARIABLE_TYPES = new Set([PT_STRING8, PT_UNICODE, 0x0102, 0x000d]);
