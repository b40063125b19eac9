/**
 * DOCX → raw text through mammoth. mammoth unzips with JSZip, which inflates whole entries at once, so the archive
 * is first opened by our bounded reader (declared sizes checked, bytes counted while inflating); only the XML parts
 * mammoth reads are kept, refused if they carry a DTD (OOXML never needs one; a DTD is how entity-expansion bombs
 * such as "billion laughs" arrive), and handed to mammoth re-packed without compression.
 */
import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { ChronicleError } from '../../shared/errors.js';
import { toIsoDate } from '../iso-date.js';
import type { ParseLimits } from '../parse-types.js';
import { normalizeProducedText, type ParserResult } from '../parse-types.js';
import { checkDeclaredSizes, type ExpansionBudget, listZipEntries, readZipEntry } from '../zip-reader.js';

const XML_PART = /\.(xml|rels)$/i;
const DTD = /<!DOCTYPE|<!ENTITY/i;

export async function parseDocx(bytes: Uint8Array, limits: ParseLimits): Promise<ParserResult> {
  const entries = listZipEntries(bytes, limits.maxArchiveEntries).filter(
    (e) => !e.isDirectory && XML_PART.test(e.name),
  );
  const budget: ExpansionBudget = {
    remainingBytes: limits.maxExpandedBytes,
    maxExpansionRatio: limits.maxExpansionRatio,
    inputBytes: bytes.length,
    expandedBytes: 0,
    remainingEntries: limits.maxArchiveEntries,
  };
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
    throw new ChronicleError('PARSE_FAILED', `DOCX could not be read (${describe(error)})`);
  }

  const core = parts['docProps/core.xml'] ? decoder.decode(parts['docProps/core.xml']) : '';
  const title = xmlField(core, 'dc:title');
  const author = xmlField(core, 'dc:creator');
  const created = xmlField(core, 'dcterms:created');
  const modified = xmlField(core, 'dcterms:modified');
  return {
    text: normalizeProducedText(raw),
    title,
    author,
    encoding: null,
    metadata: {
      ...(created ? { created: toIsoDate(created) ?? created } : {}),
      ...(modified ? { modified: toIsoDate(modified) ?? modified } : {}),
      ...(xmlField(core, 'cp:lastModifiedBy') ? { lastModifiedBy: xmlField(core, 'cp:lastModifiedBy') } : {}),
    },
    warnings,
  };
}

function xmlField(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]{0,2000})</${tag}>`).exec(xml);
  if (!match) return null;
  const value = match[1]!
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return value || null;
}

function describe(error: unknown): string {
  return ((error as Error)?.message ?? String(error)).split('\n')[0] ?? 'unknown error';
}
