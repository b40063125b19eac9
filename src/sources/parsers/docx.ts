/**
 * DOCX → raw text through mammoth. mammoth unzips with JSZip, which inflates whole entries at once, so the archive
 * is first opened by our bounded reader (declared sizes checked, bytes counted while inflating); only the XML parts
 * mammoth reads are kept, refused if they carry a DTD (OOXML never needs one; a DTD is how entity-expansion bombs
 * such as "billion laughs" arrive), and handed to mammoth re-packed without compression.
 */
import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { ChronicleError, describeError } from '../../shared/errors.js';
import { toIsoDate } from '../iso-date.js';
import type { ParseLimits } from '../parse-types.js';
import { normalizeProducedText, type ParserResult } from '../parse-types.js';
import { checkDeclaredSizes, expansionBudget, listZipEntries, readZipEntry } from '../zip-reader.js';
import { documentPictures } from './document-pictures.js';
import { DTD } from './office-xml.js';

const XML_PART = /\.(xml|rels)$/i;

export async function parseDocx(bytes: Uint8Array, limits: ParseLimits): Promise<ParserResult> {
  const all = listZipEntries(bytes, limits.maxArchiveEntries);
  const entries = all.filter((e) => !e.isDirectory && XML_PART.test(e.name));
  const budget = expansionBudget(bytes, limits);
  checkDeclaredSizes(entries, budget);
  const parts: Record<string, Uint8Array> = {};
  const decoder = new TextDecoder('utf-8');
  for (const entry of entries) {
    const data = readZipEntry(bytes, entry, budget);
    // The DTD, if any, precedes the root element: the first kilobytes are enough to see it.
    if (DTD.test(decoder.decode(data.subarray(0, 4096)))) {
      throw new ChronicleError('PARSE_FAILED', `DOCX part ${entry.name} declares a DTD, which Word never writes`);
    }
    parts[entry.name] = data;
  }
  if (!parts['word/document.xml']) throw new ChronicleError('PARSE_FAILED', 'DOCX has no word/document.xml');

  let raw: string;
  const warnings: string[] = [];
  try {
    const repacked = zipSync(parts, { level: 0 });
    const result = await mammoth.extractRawText({ buffer: Buffer.from(repacked) });
    raw = result.value;
    for (const m of result.messages.slice(0, 20)) if (m.type === 'error') warnings.push(`DOCX: ${m.message}`);
  } catch (error) {
    if (error instanceof ChronicleError) throw error;
    throw new ChronicleError('PARSE_FAILED', `DOCX could not be read (${describeError(error)})`);
  }

  const core = parts['docProps/core.xml'] ? decoder.decode(parts['docProps/core.xml']) : '';
  const title = xmlField(core, 'dc:title');
  const author = xmlField(core, 'dc:creator');
  const created = xmlField(core, 'dcterms:created');
  const modified = xmlField(core, 'dcterms:modified');
  const notes = [noteTexts(parts['word/footnotes.xml'], 'footnote'), noteTexts(parts['word/endnotes.xml'], 'endnote')]
    .filter((block) => block.length > 0)
    .map((block) => block.map((note, i) => `[${i + 1}] ${note}`).join('\n\n'));
  const pictures = documentPictures(bytes, all, 'word/media/', budget);
  return {
    text: normalizeProducedText([raw, ...notes].join('\n\n')),
    title,
    author,
    encoding: null,
    ...(pictures.length > 0 ? { children: pictures } : {}),
    metadata: {
      ...(created ? { created: toIsoDate(created) ?? created } : {}),
      ...(modified ? { modified: toIsoDate(modified) ?? modified } : {}),
      ...(xmlField(core, 'cp:lastModifiedBy') ? { lastModifiedBy: xmlField(core, 'cp:lastModifiedBy') } : {}),
    },
    warnings,
  };
}

/**
 * The text of a document's footnotes or endnotes, one string per note in the order the part lists them. mammoth's
 * raw text leaves them out, and in a lawyer's or a court's document they hold the citations, articles and dates:
 * they follow the body, numbered in order ("[1] …"). Word's separator notes (its horizontal rules) are not notes.
 */
function noteTexts(part: Uint8Array | undefined, element: 'footnote' | 'endnote'): string[] {
  if (!part) return [];
  const notes: string[] = [];
  // Split at closing tags rather than matched lazily: a hostile part of unclosed openings stays linear.
  for (const chunk of new TextDecoder('utf-8').decode(part).split(`</w:${element}>`)) {
    const note = afterLastOpening(chunk, `w:${element}`);
    if (note === null || /^[^>]*w:type="(separator|continuationSeparator|continuationNotice)"/.test(note)) continue;
    const paragraphs = note
      .split('</w:p>')
      .map((piece) => afterLastOpening(piece, 'w:p'))
      .filter((paragraph): paragraph is string => paragraph !== null)
      .map((paragraph) => runText(paragraph).trim());
    const text = paragraphs.filter(Boolean).join('\n');
    if (text) notes.push(text);
  }
  return notes;
}

/** What follows the last `<tag ` or `<tag>` in `xml` (its attributes, then its content), or null without one. */
function afterLastOpening(xml: string, tag: string): string | null {
  for (let at = xml.lastIndexOf(`<${tag}`); at >= 0; at = xml.lastIndexOf(`<${tag}`, at - 1)) {
    const next = xml[at + tag.length + 1];
    if (next === ' ' || next === '>' || next === '/') return xml.slice(at + tag.length + 1);
    if (at === 0) break;
  }
  return null;
}

/** The text of a paragraph's runs: `<w:t>` text, tabs and line breaks, XML entities decoded. */
function runText(paragraph: string): string {
  let out = '';
  for (const piece of paragraph.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>|<w:tab\/>|<w:br\b[^>]*\/>/g))
    out += piece[1] !== undefined ? decodeXmlText(piece[1]) : piece[0].startsWith('<w:tab') ? '\t' : '\n';
  return out;
}

/** XML's five named entities and its character references, in one pass (so `&amp;lt;` stays `&lt;`). */
function decodeXmlText(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[name] ?? entity;
  });
}

/** A core property's text (`dc:title`), as Office writes it in `docProps/core.xml`; null when absent or blank. */
export function xmlField(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]{0,2000})</${tag}>`).exec(xml);
  if (!match) return null;
  const value = decodeXmlText(match[1]!).replace(/\s+/g, ' ').trim();
  return value || null;
}
