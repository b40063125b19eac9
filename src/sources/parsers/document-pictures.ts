/**
 * The photographs inside a word-processor document. Families and activists often send a court's decision as
 * photos of its pages pasted into a Word file: the document's own text is a line ("see the decision attached") and
 * what matters is in the pictures. Each picture large enough to show a page becomes a part of the document, a
 * source of its own flagged for OCR, as an e-mail's photographed attachment is; logos, icons and decorations (less
 * than 300 px on a side) and drawings (EMF, WMF) stay in the document.
 */
import { ChronicleError } from '../../shared/errors.js';
import { imageDimensions, imageMediaType, tooSmallForDocument } from '../image-kind.js';
import type { ChildDocument } from '../parse-types.js';
import { checkDeclaredSizes, type ExpansionBudget, readZipEntry, type ZipEntryInfo } from '../zip-reader.js';

/** More pictures than this in one document are left in it: a photo album, not a case file. */
export const MAX_DOCUMENT_PICTURES = 200;

/**
 * The pictures in `folder` of a document's ZIP (`word/media/` in DOCX, `Pictures/` in ODT), in their numbered order,
 * within the document's expansion budget.
 */
export function documentPictures(
  bytes: Uint8Array,
  entries: ZipEntryInfo[],
  folder: string,
  budget: ExpansionBudget,
): ChildDocument[] {
  const inFolder = entries
    .filter((entry) => !entry.isDirectory && entry.name.startsWith(folder))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
    .slice(0, MAX_DOCUMENT_PICTURES);
  checkDeclaredSizes(inFolder, budget);
  const pictures: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const entry of inFolder) {
    let data: Uint8Array;
    try {
      data = readZipEntry(bytes, entry, budget);
    } catch (error) {
      // A damaged picture stays in the document, whose text is read; a bomb stops everything.
      if (error instanceof ChronicleError && error.code !== 'DECOMPRESSION_LIMIT') continue;
      throw error;
    }
    pictures.push({ name: entry.name.slice(folder.length) || entry.name, bytes: data });
  }
  return pictureParts(pictures);
}

/**
 * The pictures that may show a page, as parts of their document: photos, not logos, icons or drawings. A picture
 * whose size cannot be read is left in the document too: unlike a file sent on its own, it is not a report by itself.
 */
export function pictureParts(pictures: Array<{ name: string; bytes: Uint8Array }>): ChildDocument[] {
  return pictures
    .filter(
      (picture) =>
        imageDimensions(picture.bytes) !== null &&
        imageMediaType(picture.bytes) !== null &&
        tooSmallForDocument(picture.bytes) === null,
    )
    .slice(0, MAX_DOCUMENT_PICTURES)
    .map((picture) => ({ ...picture, relation: 'part' as const }));
}

/**
 * The record types of OfficeArt's pictures (MS-ODRAW 2.2.23) that hold a photo as its file, with the `recInstance`
 * values that say the record has one UID before the picture (the other value of each pair: two). Metafiles (EMF,
 * WMF, PICT) are drawings, and a DIB has no file header: both stay in the document.
 */
const BLIPS: Array<{ type: number; oneUid: number[]; twoUids: number[] }> = [
  { type: 0xf01d, oneUid: [0x46a, 0x6e2], twoUids: [0x46b, 0x6e3] }, // JPEG (RGB, CMYK)
  { type: 0xf01e, oneUid: [0x6e0], twoUids: [0x6e1] }, // PNG
  { type: 0xf029, oneUid: [0x6e4], twoUids: [0x6e5] }, // TIFF
  { type: 0xf02a, oneUid: [0x6e2], twoUids: [0x6e3] }, // JPEG (CMYK)
];

/**
 * The pictures in a Word 97–2003 document's `Data` stream, where Word keeps what is pasted into the text as OfficeArt
 * records: each found by its record header, its length checked against the stream, and taken only if what it holds
 * begins as a picture file does. `image1.jpeg`, `image2.png`, … in the stream's order.
 */
export function officeArtPictures(stream: Uint8Array): ChildDocument[] {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const found: Array<{ name: string; bytes: Uint8Array }> = [];
  for (let at = 0; at + 8 <= stream.length && found.length < MAX_DOCUMENT_PICTURES; ) {
    const instance = view.getUint16(at, true) >> 4;
    const type = view.getUint16(at + 2, true);
    const length = view.getUint32(at + 4, true);
    const blip = BLIPS.find((b) => b.type === type);
    const uids = blip?.oneUid.includes(instance) ? 1 : blip?.twoUids.includes(instance) ? 2 : 0;
    const end = at + 8 + length;
    if (uids === 0 || end > stream.length) {
      at++;
      continue;
    }
    const picture = stream.subarray(at + 8 + 16 * uids + 1, end);
    const kind = imageMediaType(picture);
    if (kind) found.push({ name: `image${found.length + 1}.${kind.split('/')[1]}`, bytes: picture });
    at = kind ? end : at + 1;
  }
  return pictureParts(found);
}
