/**
 * Word 97–2003 (.doc) → text. Lawyers and courts still send them, and they were refused as "legacy Office document".
 * word-extractor reads the body, footnotes and endnotes from the OLE container (with its Unicode filter off: it would
 * turn dashes and typographic quotes into ASCII, and the stored text must be what the document says); headers and
 * footers are left out, as for DOCX and PDF. Notes follow the body unnumbered: a note's paragraphs end as notes do
 * in the text word-extractor gives, so where one note ends and the next begins is not known. The title, author and
 * dates come from the container's SummaryInformation property set (MS-OLEPS), read through cfb, and the photos
 * pasted into it from its Data stream (parts of their own, for OCR, as in a DOCX).
 */
import CFB from 'cfb';
import iconv from 'iconv-lite';
import WordExtractor from 'word-extractor';
import { ChronicleError, describeError } from '../../shared/errors.js';
import { iconvNameOfCodePage } from '../decode-text.js';
import { normalizeProducedText, type ParserResult } from '../parse-types.js';
import { officeArtPictures } from './document-pictures.js';

/** word-extractor's accessors take this option; its typings do not declare it. */
const UNFILTERED = { filterUnicode: false } as Record<string, unknown>;

type WordDocument = Awaited<ReturnType<WordExtractor['extract']>>;
type Accessor = (options?: Record<string, unknown>) => string;

export async function parseDoc(bytes: Uint8Array): Promise<ParserResult> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let document: WordDocument;
  try {
    document = await new WordExtractor().extract(buffer);
  } catch (error) {
    throw new ChronicleError('PARSE_FAILED', `Word document could not be read (${describeError(error)})`);
  }
  const read = (accessor: Accessor, options: Record<string, unknown> = {}) =>
    normalizeProducedText(accessor.call(document, { ...UNFILTERED, ...options }));
  const body = read(document.getBody as Accessor);
  const boxes = read(document.getTextboxes as Accessor, { includeHeadersAndFooters: false });
  const notes = [read(document.getFootnotes as Accessor), read(document.getEndnotes as Accessor)].filter(Boolean);
  const warnings: string[] = [];
  let properties: SummaryProperties = {};
  try {
    properties = summaryProperties(buffer);
  } catch (error) {
    warnings.push(`the document's properties could not be read (${describeError(error)})`);
  }
  const pictures = pastedPictures(buffer);
  return {
    // Paragraphs are one line each in a .doc's text; a blank line between them, as in every other format we read.
    text: normalizeProducedText([body, boxes, ...notes].filter(Boolean).join('\n').replace(/\n/g, '\n\n')),
    title: properties.title ?? null,
    author: properties.author ?? null,
    encoding: null,
    ...(pictures.length > 0 ? { children: pictures } : {}),
    metadata: {
      ...(properties.subject ? { subject: properties.subject } : {}),
      ...(properties.lastAuthor ? { lastModifiedBy: properties.lastAuthor } : {}),
      ...(properties.created ? { created: properties.created } : {}),
      ...(properties.modified ? { modified: properties.modified } : {}),
    },
    warnings,
  };
}

/** The photos pasted into the document (its `Data` stream), as parts; none when the stream cannot be read. */
function pastedPictures(buffer: Buffer) {
  try {
    const data = CFB.find(CFB.read(buffer, { type: 'buffer' }), 'Data');
    return data?.content ? officeArtPictures(Uint8Array.from(data.content as ArrayLike<number>)) : [];
  } catch {
    return [];
  }
}

interface SummaryProperties {
  title?: string;
  subject?: string;
  author?: string;
  lastAuthor?: string;
  created?: string;
  modified?: string;
}

const STRING_PROPERTIES: Record<number, keyof SummaryProperties> = {
  2: 'title',
  3: 'subject',
  4: 'author',
  8: 'lastAuthor',
};
const DATE_PROPERTIES: Record<number, keyof SummaryProperties> = { 12: 'created', 13: 'modified' };
const VT_I2 = 0x02;
const VT_LPSTR = 0x1e;
const VT_LPWSTR = 0x1f;
const VT_FILETIME = 0x40;
/** 100-nanosecond intervals from 1601-01-01 (FILETIME's epoch) to 1970-01-01. */
const FILETIME_UNIX_EPOCH = 116_444_736_000_000_000n;

/**
 * The SummaryInformation stream's first section (MS-OLEPS 2.21): a table of (property id, offset), then each value
 * as a type and its bytes. Strings are in the section's code page (property 1), which Word sets to the system's
 * (1251 on Russian Windows). Every offset is checked against the stream: the container is as untrusted as the text.
 */
function summaryProperties(buffer: Buffer): SummaryProperties {
  const container = CFB.read(buffer, { type: 'buffer' });
  const entry = CFB.find(container, '\u0005SummaryInformation');
  if (!entry?.content || entry.content.length < 48) return {};
  const stream = Buffer.from(entry.content as Uint8Array);
  const sectionAt = stream.readUInt32LE(44);
  if (sectionAt + 8 > stream.length) return {};
  const count = Math.min(stream.readUInt32LE(sectionAt + 4), 1000);
  const entries: Array<{ id: number; at: number }> = [];
  for (let i = 0; i < count; i++) {
    const row = sectionAt + 8 + i * 8;
    if (row + 8 > stream.length) break;
    const at = sectionAt + stream.readUInt32LE(row + 4);
    if (at + 8 <= stream.length) entries.push({ id: stream.readUInt32LE(row), at });
  }
  const codePageEntry = entries.find((e) => e.id === 1 && stream.readUInt16LE(e.at) === VT_I2);
  const codePage = codePageEntry ? stream.readUInt16LE(codePageEntry.at + 4) : 1252;
  const properties: SummaryProperties = {};
  for (const { id, at } of entries) {
    const type = stream.readUInt16LE(at);
    const stringName = STRING_PROPERTIES[id];
    const dateName = DATE_PROPERTIES[id];
    if (stringName && (type === VT_LPSTR || type === VT_LPWSTR)) {
      const units = stream.readUInt32LE(at + 4);
      const length = type === VT_LPWSTR ? units * 2 : units;
      if (length > 64 * 1024 || at + 8 + length > stream.length) continue;
      const raw = stream.subarray(at + 8, at + 8 + length);
      const value = (type === VT_LPWSTR ? raw.toString('utf16le') : decodeCodePage(raw, codePage))
        .replace(/\u0000[\s\S]*$/, '')
        .trim();
      if (value) properties[stringName] = value;
    } else if (dateName && type === VT_FILETIME) {
      const ticks = stream.readBigUInt64LE(at + 4);
      const millis = Number((ticks - FILETIME_UNIX_EPOCH) / 10_000n);
      // Word writes an unset date as zero, and an edit time (not a date) in the same type under other ids.
      if (ticks > FILETIME_UNIX_EPOCH && millis < Date.UTC(9999, 0))
        properties[dateName] = new Date(millis).toISOString();
    }
  }
  return properties;
}

function decodeCodePage(raw: Buffer, codePage: number): string {
  return iconv.decode(raw, iconvNameOfCodePage(codePage) ?? 'cp1252');
}
