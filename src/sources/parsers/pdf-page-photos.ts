/**
 * The photographs of the pages without text in a typed PDF. A court file is often a typed ruling with scanned pages
 * bound into it (a protocol, a signed receipt); those pages have no words in the text layer, and OCR of the whole
 * PDF would replace the typed pages' own text, whose offsets are evidence. So each such page's picture, when the PDF
 * holds it as a JPEG (DCTDecode: the file's bytes as they are), becomes a part of its own, flagged for OCR, as a
 * photo pasted into a Word file is. Pictures in other encodings (fax, JBIG2, raw pixels) are left in the PDF.
 */
import { PDFArray, type PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import type { ChildDocument } from '../parse-types.js';
import { pictureParts } from './document-pictures.js';

/**
 * The largest JPEG each of `pages` (numbered from 1) draws, by page, as a part `page-7.jpg` when it may show a page;
 * none when the PDF cannot be read here.
 */
export async function pagePhotos(bytes: Uint8Array, pages: number[]): Promise<Map<number, ChildDocument>> {
  const photos = new Map<number, ChildDocument>();
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
    });
  } catch {
    return photos;
  }
  const all = document.getPages();
  for (const number of pages) {
    const page = all[number - 1];
    const objects = page?.node.Resources()?.lookup(PDFName.of('XObject'));
    if (!objects || !('entries' in objects)) continue;
    let largest: Uint8Array | null = null;
    for (const [, ref] of (objects as PDFDict).entries()) {
      const stream = document.context.lookup(ref as PDFRef);
      if (!(stream instanceof PDFRawStream) || !isJpegImage(stream.dict)) continue;
      if (!largest || stream.contents.length > largest.length) largest = stream.contents;
    }
    const [part] = largest ? pictureParts([{ name: `page-${number}.jpg`, bytes: largest }]) : [];
    if (part) photos.set(number, part);
  }
  return photos;
}

/** An image XObject whose only filter is DCTDecode: its stream is a JPEG file. */
function isJpegImage(dict: PDFDict): boolean {
  if (dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) return false;
  const filter = dict.get(PDFName.of('Filter'));
  if (filter instanceof PDFArray) return filter.size() === 1 && filter.get(0) === PDFName.of('DCTDecode');
  return filter === PDFName.of('DCTDecode');
}
