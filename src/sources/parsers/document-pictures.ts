/**
 * The photographs inside a word-processor document. Families and activists often send a court's decision as
 * photos of its pages pasted into a Word file: the document's own text is a line ("see the decision attached") and
 * what matters is in the pictures. Each picture large enough to show a page becomes a part of the document, a
 * source of its own flagged for OCR, as an e-mail's photographed attachment is; logos, icons and decorations (less
 * than 300 px on a side) and drawings (EMF, WMF) stay in the document.
 */
import { ChronicleError } from '../../shared/errors.js';
import { imageMediaType, tooSmallForDocument } from '../image-kind.js';
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
  const pictures: ChildDocument[] = [];
  for (const entry of inFolder) {
    let data: Uint8Array;
    try {
      data = readZipEntry(bytes, entry, budget);
    } catch (error) {
      // A damaged picture stays in the document, whose text is read; a bomb stops everything.
      if (error instanceof ChronicleError && error.code !== 'DECOMPRESSION_LIMIT') continue;
      throw error;
    }
    if (!imageMediaType(data) || tooSmallForDocument(data)) continue;
    pictures.push({ name: entry.name.slice(folder.length) || entry.name, bytes: data, relation: 'part' });
  }
  return pictures;
}
