/**
 * DjVu (`.djvu`, `.djv`): scanned documents as archives, libraries and older court scans in Russian often keep them.
 * Kept as a scan is: no text of its own here (its hidden text layer, where a scanner's OCR left one, is compressed
 * with DjVu's own BZZ coder, which nothing on npm reads), flagged as needing OCR, which djvulibre's `ddjvu` renders page
 * by page for Tesseract where it is installed (ocr.ts). The pages are counted here from the file's IFF structure.
 */
import { ChronicleError } from '../../shared/errors.js';
import type { ParserResult } from '../parse-types.js';

export const DJVU_MEDIA_TYPE = 'image/vnd.djvu';

/** `AT&T` then an IFF `FORM` of a single page (`DJVU`) or of a document (`DJVM`). */
export function isDjvu(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  const head = String.fromCharCode(...bytes.subarray(0, 16));
  return head.startsWith('AT&TFORM') && (head.endsWith('DJVU') || head.endsWith('DJVM'));
}

/**
 * The pages of a bundled DjVu document: each page is a `FORM:DJVU` among the document's chunks (shared shapes are
 * `FORM:DJVI`, thumbnails `FORM:THUM`). An indirect document, whose pages are files of their own beside it, holds
 * none. `djvuPageCount(singlePage)` → 1.
 */
export function djvuPageCount(bytes: Uint8Array): number {
  if (!isDjvu(bytes)) throw new ChronicleError('PARSE_FAILED', 'the file is not a DjVu document');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) === 'DJVU') return 1;
  const end = Math.min(bytes.length, 12 + view.getUint32(8));
  let pages = 0;
  // Chunks follow the form's type, each an id, a big-endian length and its data padded to an even length.
  for (let at = 16; at + 8 <= end; ) {
    const id = String.fromCharCode(...bytes.subarray(at, at + 4));
    const length = view.getUint32(at + 4);
    if (id === 'FORM' && at + 12 <= end && String.fromCharCode(...bytes.subarray(at + 8, at + 12)) === 'DJVU') pages++;
    at += 8 + length + (length % 2);
  }
  return pages;
}

export function parseDjvu(bytes: Uint8Array): ParserResult {
  const pageCount = djvuPageCount(bytes);
  if (pageCount === 0)
    throw new ChronicleError(
      'UNSUPPORTED_TYPE',
      'an indirect DjVu document: its pages are files beside it. Bundle it (djvmcvt -b) and add the bundled file',
    );
  return {
    text: '',
    needsOcr: true,
    encoding: null,
    metadata: { pageCount },
    warnings: ['a scanned document (DjVu): its text needs OCR or a transcription'],
  };
}
