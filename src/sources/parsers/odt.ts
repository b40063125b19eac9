/**
 * OpenDocument text (.odt: LibreOffice's and OpenOffice's own format) → text. The archive is opened by our bounded
 * reader, as DOCX's is; `content.xml` is read with saxes, a streaming XML parser that expands no entity a document
 * declares (and a DTD is refused before parsing, as in DOCX: ODF never needs one). What is text follows ODF 1.3 part
 * 3: paragraphs and headings, spaces written as `<text:s text:c="3"/>`, tabs, line breaks, list items, table cells,
 * text boxes; notes follow the body, numbered in order ("[1] …"), as DOCX's do; comments, tracked deletions and
 * generated indexes are not the document's text. The title, author and dates come from `meta.xml`.
 *
 * A flat ODT (.fodt, LibreOffice's "Flat XML ODF Text Document") is the same parts in one XML file, with the styles,
 * settings and embedded pictures (base64) beside the body: read with the same code, those left out as in the ZIP.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ChronicleError, describeError } from '../../shared/errors.js';
import { toIsoDate } from '../iso-date.js';
import { MAX_XML_DEPTH, normalizeProducedText, type ParseLimits, type ParserResult } from '../parse-types.js';
import { checkDeclaredSizes, expansionBudget, listZipEntries, readZipEntry } from '../zip-reader.js';
import { documentPictures } from './document-pictures.js';
import { DTD } from './office-xml.js';

const TEXT_NS = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const TABLE_NS = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
const OFFICE_NS = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
const DC_NS = 'http://purl.org/dc/elements/1.1/';
const META_NS = 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0';
const SVG_NS = 'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0';
const DRAW_NS = 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0';

/** Elements whose content is not the document's text (the namespace, then local names). */
const SKIPPED: Record<string, Set<string>> = {
  [OFFICE_NS]: new Set([
    'annotation',
    'annotation-end',
    'scripts',
    'font-face-decls',
    'automatic-styles',
    'forms',
    // In a flat document: the properties (read apart), the settings, the styles with the page headers (left out as
    // styles.xml is), and pictures as base64.
    'meta',
    'settings',
    'styles',
    'master-styles',
    'binary-data',
  ]),
  [TEXT_NS]: new Set([
    'tracked-changes',
    'note-citation',
    'sequence-decls',
    'variable-decls',
    'user-field-decls',
    'table-of-content',
    'alphabetical-index',
    'illustration-index',
    'table-index',
    'bibliography',
  ]),
  [SVG_NS]: new Set(['title', 'desc']),
  // An embedded chart or formula: its own document (inline in a flat file, a part of its own in the ZIP).
  [DRAW_NS]: new Set(['object']),
};

/** The parts read: the text and the properties; pictures and styles stay in the original. */
const PARTS = new Set(['content.xml', 'meta.xml']);

/**
 * An ODT, or an ODP (LibreOffice Impress: its slides' frames hold paragraphs as a text's body does). `pictures`
 * false: a presentation's photos illustrate it and are no pages to read.
 */
export async function parseOdt(
  bytes: Uint8Array,
  limits: ParseLimits,
  options: { pictures: boolean } = { pictures: true },
): Promise<ParserResult> {
  const all = listZipEntries(bytes, limits.maxArchiveEntries);
  const entries = all.filter((e) => PARTS.has(e.name));
  const budget = expansionBudget(bytes, limits);
  checkDeclaredSizes(entries, budget);
  const decoder = new TextDecoder('utf-8');
  const parts = new Map<string, string>();
  for (const entry of entries) {
    const xml = decoder.decode(readZipEntry(bytes, entry, budget));
    if (DTD.test(xml.slice(0, 4096)))
      throw new ChronicleError('PARSE_FAILED', `ODT part ${entry.name} declares a DTD, which ODF never needs`);
    parts.set(entry.name, xml);
  }
  const content = parts.get('content.xml');
  if (content === undefined) throw new ChronicleError('PARSE_FAILED', 'ODT has no content.xml');
  const result = odtResult(readContent(content), parts.has('meta.xml') ? readMeta(parts.get('meta.xml')!) : {});
  const pictures = options.pictures ? documentPictures(bytes, all, 'Pictures/', budget) : [];
  return pictures.length > 0 ? { ...result, children: pictures } : result;
}

/** A flat ODT (.fodt): one XML file holding what the ZIP's parts hold. */
export function parseFlatOdt(bytes: Uint8Array): ParserResult {
  const xml = new TextDecoder('utf-8').decode(bytes);
  if (DTD.test(xml.slice(0, 4096)))
    throw new ChronicleError('PARSE_FAILED', 'the flat ODT declares a DTD, which ODF never needs');
  // The properties come before the body: a file of pictures in base64 need not be read twice over.
  const body = xml.search(/<[\w.-]*:?body[\s>]/);
  return odtResult(readContent(xml), readMeta(body < 0 ? xml : xml.slice(0, body), body < 0));
}

function odtResult({ body, notes }: { body: string; notes: string[] }, meta: OdtMeta): ParserResult {
  const created = toIsoDate(meta.created ?? null);
  const modified = toIsoDate(meta.modified ?? null);
  return {
    text: normalizeProducedText(
      [body, notes.map((note, i) => `[${i + 1}] ${note}`).join('\n\n')].filter((part) => part.trim()).join('\n\n'),
    ),
    title: meta.title ?? null,
    author: meta.author ?? null,
    encoding: null,
    metadata: {
      ...(meta.subject ? { subject: meta.subject } : {}),
      ...(meta.lastModifiedBy ? { lastModifiedBy: meta.lastModifiedBy } : {}),
      ...(created ? { created } : {}),
      ...(modified ? { modified } : {}),
    },
    warnings: [],
  };
}

/** The text of `content.xml`: the body, and each note's text apart. */
function readContent(xml: string): { body: string; notes: string[] } {
  const parser = new SaxesParser({ xmlns: true });
  let body = '';
  const notes: string[] = [];
  /** Open note bodies: text inside one goes to the innermost note, not the body. */
  const noteStack: number[] = [];
  let skippedDepth = 0;
  const append = (text: string) => {
    if (skippedDepth > 0) return;
    const note = noteStack.at(-1);
    if (note === undefined) body += text;
    else notes[note] += text;
  };
  /** Paragraphs and headings open: text outside them is the indentation of a pretty-printed (flat) file. */
  let paragraphDepth = 0;
  // Line breaks and tabs written in a paragraph are blank space (ODF 1.3 part 3, 6.1.2): a pretty-printed file's
  // paragraph reads as one line; `text:line-break` and `text:tab` are the document's own.
  const appendRun = (text: string) => {
    if (paragraphDepth > 0) append(text.replace(/[\t\r\n]+/g, ' '));
  };
  let depth = 0;
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++depth > MAX_XML_DEPTH) throw new Error(`elements are nested more than ${MAX_XML_DEPTH} deep`);
    if (skippedDepth > 0 || SKIPPED[tag.uri]?.has(tag.local)) {
      skippedDepth++;
      return;
    }
    if (tag.uri === TEXT_NS) {
      if (tag.local === 'p' || tag.local === 'h') paragraphDepth++;
      if (tag.local === 's') append(' '.repeat(Math.min(Number(tag.attributes['text:c']?.value ?? 1) || 1, 1000)));
      else if (tag.local === 'tab') append('\t');
      else if (tag.local === 'line-break') append('\n');
      else if (tag.local === 'note-body') {
        noteStack.push(notes.length);
        notes.push('');
      }
    }
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    depth--;
    if (skippedDepth > 0) {
      skippedDepth--;
      return;
    }
    if (tag.uri === TEXT_NS && (tag.local === 'p' || tag.local === 'h')) {
      paragraphDepth--;
      append('\n\n');
    } else if (tag.uri === TEXT_NS && tag.local === 'note-body') noteStack.pop();
    else if (tag.uri === TABLE_NS && tag.local === 'table-cell') append('\t');
    else if (tag.uri === TABLE_NS && tag.local === 'table-row') append('\n');
  });
  parser.on('text', appendRun);
  parser.on('cdata', appendRun);
  try {
    parser.write(xml).close();
  } catch (error) {
    throw new ChronicleError('PARSE_FAILED', `ODT content could not be read (${describeError(error)})`);
  }
  // A table cell's paragraphs end in a paragraph break each; within a row they read as one line of cells.
  body = body.replace(/\n\n\t/g, '\t');
  return { body, notes: notes.map((note) => normalizeProducedText(note)).filter(Boolean) };
}

interface OdtMeta {
  title?: string;
  subject?: string;
  author?: string;
  lastModifiedBy?: string;
  created?: string;
  modified?: string;
}

/**
 * `meta.xml`: Dublin Core and ODF's own fields; a document that cannot be read there keeps its text. `whole` false:
 * `xml` is a flat document's beginning, cut before its body, so its open elements are not an error.
 */
function readMeta(xml: string, whole = true): OdtMeta {
  const parser = new SaxesParser({ xmlns: true });
  const fields = new Map<string, string>();
  let current: string | null = null;
  let depth = 0;
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++depth > MAX_XML_DEPTH) throw new Error(`elements are nested more than ${MAX_XML_DEPTH} deep`);
    current = tag.uri === DC_NS || tag.uri === META_NS ? `${tag.uri === DC_NS ? 'dc' : 'meta'}:${tag.local}` : null;
  });
  parser.on('closetag', () => {
    depth--;
    current = null;
  });
  parser.on('text', (text: string) => {
    if (current) fields.set(current, (fields.get(current) ?? '') + text);
  });
  try {
    parser.write(xml);
    if (whole) parser.close();
  } catch {
    return {};
  }
  const field = (name: string) => fields.get(name)?.replace(/\s+/g, ' ').trim().slice(0, 1000) || undefined;
  return {
    title: field('dc:title'),
    subject: field('dc:subject'),
    author: field('meta:initial-creator') ?? field('dc:creator'),
    lastModifiedBy: field('dc:creator'),
    created: field('meta:creation-date'),
    modified: field('dc:date'),
  };
}
