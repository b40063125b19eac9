/**
 * DjVu (`.djvu`, `.djv`): scanned documents as archives, libraries and older court scans in Russian often keep them.
 * Its hidden text layer, where a scanner's OCR left one, is compressed with DjVu's own BZZ coder, which nothing on npm
 * reads: djvulibre's `djvutxt` prints it where it is installed (`djvuTextLayerPages` below reads what it prints). A
 * document whose every page has a layer is read from it here, as a PDF's text layer is; any other is kept as a scan,
 * flagged as needing OCR, and the OCR job (ocr.ts) takes the layer of the pages that have one and has `ddjvu` draw the
 * others for Tesseract. The pages are counted here from the file's IFF structure.
 */
import { ChronicleError } from '../../shared/errors.js';
import type { ParseLimits, ParserResult } from '../parse-types.js';
import { onPathNow, runProgram } from '../programs.js';

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

export async function parseDjvu(bytes: Uint8Array, limits: ParseLimits): Promise<ParserResult> {
  const pageCount = djvuPageCount(bytes);
  if (pageCount === 0)
    throw new ChronicleError(
      'UNSUPPORTED_TYPE',
      'an indirect DjVu document: its pages are files beside it. Bundle it (djvmcvt -b) and add the bundled file',
    );
  // Half the parse's time: past it, the page goes to OCR rather than the whole parse failing.
  const layer = onPathNow('djvutxt') ? await djvuTextLayer(bytes, limits.timeoutMs / 2) : [];
  if (layer.length === pageCount && layer.every((page) => page !== null && page.trim() !== ''))
    return {
      text: joinPageTexts(layer as string[]),
      encoding: null,
      metadata: { pageCount, textLayer: 'djvutxt' },
    };
  return {
    text: '',
    needsOcr: true,
    encoding: null,
    metadata: { pageCount },
    warnings: ['a scanned document (DjVu): its text needs OCR or a transcription'],
  };
}

/**
 * The text of each page from what `djvutxt --detail=page` prints: one S-expression a page, `(page x0 y0 x1 y1
 * "text")`, or `()` for a page without a text layer (null here). Strings are in djvulibre's own escaping (`\n`,
 * `\"`, octal bytes); the bytes are UTF-8.
 * `djvuTextLayerPages(utf8('(page 0 0 9 9 "Суд\\n")\n()'))` → ['Суд\n', null].
 */
export function djvuTextLayerPages(printed: Uint8Array): Array<string | null> {
  const pages: Array<string | null> = [];
  const utf8 = new TextDecoder('utf-8');
  const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, b: 8, a: 7 };
  let depth = 0;
  let page: number[] | null = null;
  for (let at = 0; at < printed.length; at++) {
    const byte = printed[at]!;
    if (byte === 0x28) {
      if (depth === 0) page = [];
      depth++;
    } else if (byte === 0x29) {
      depth = Math.max(0, depth - 1);
      if (depth === 0) {
        pages.push(page && page.length > 0 ? utf8.decode(Uint8Array.from(page)) : null);
        page = null;
      }
    } else if (byte === 0x22) {
      // A string: its bytes are the page's text (at `--detail=page`, the page holds one).
      for (at++; at < printed.length && printed[at] !== 0x22; at++) {
        let next = printed[at]!;
        if (next === 0x5c && at + 1 < printed.length) {
          const escaped = String.fromCharCode(printed[++at]!);
          const octal = /^[0-7]$/.test(escaped) ? /^[0-7]{1,3}/.exec(utf8.decode(printed.subarray(at, at + 3))) : null;
          if (octal) {
            next = Number.parseInt(octal[0], 8) & 0xff;
            at += octal[0].length - 1;
          } else next = ESCAPES[escaped] ?? printed[at]!;
        }
        page?.push(next);
      }
    }
  }
  return pages;
}

/**
 * Each page's text layer as djvutxt prints it (null for a page without one); none when it cannot print them (a
 * damaged file): the pages are then read by OCR.
 */
export async function djvuTextLayer(bytes: Uint8Array, timeoutMs: number): Promise<Array<string | null>> {
  try {
    return djvuTextLayerPages(await runProgram('djvutxt', ['--detail=page', '-'], bytes, timeoutMs, 64 * 1024 * 1024));
  } catch {
    return [];
  }
}

/**
 * Pages' texts as one, a blank line between pages, trailing blanks and runs of blank lines gone: a text layer's, or
 * what OCR read (ocr.ts).
 */
export function joinPageTexts(pages: readonly string[]): string {
  return pages
    .map((page) =>
      page
        .replace(/[ \t]+$/gm, '')
        .replace(/\n{3,}/g, '\n\n')
        .trim(),
    )
    .filter((page) => page !== '')
    .join('\n\n');
}
