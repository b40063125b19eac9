/**
 * The XML parts of an office file (XLSX, ODS, PPTX), read the one safe way: the archive opened by our bounded reader,
 * every declared size checked against the expansion budget first, a part with a DTD refused (none of these formats
 * needs one; a DTD is how entity-expansion bombs arrive), and each part walked by saxes, which expands no entity,
 * with nesting bounded.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ChronicleError, describeError } from '../../shared/errors.js';
import { MAX_XML_DEPTH, type ParseLimits } from '../parse-types.js';
import {
  checkDeclaredSizes,
  type ExpansionBudget,
  expansionBudget,
  listZipEntries,
  readZipEntry,
  type ZipEntryInfo,
} from '../zip-reader.js';

const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A DTD or an entity declaration in a part's first kilobytes. */
export const DTD = /<!DOCTYPE|<!ENTITY/i;

/** An office file's archive, its parts read by name: `new Parts(bytes, limits, 'XLSX').xml('xl/workbook.xml')`. */
export class Parts {
  private readonly byName: Map<string, ZipEntryInfo>;
  private readonly budget: ExpansionBudget;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly bytes: Uint8Array,
    limits: ParseLimits,
    private readonly format: string,
  ) {
    const entries = listZipEntries(bytes, limits.maxArchiveEntries);
    this.budget = expansionBudget(bytes, limits);
    checkDeclaredSizes(entries, this.budget);
    this.byName = new Map(entries.map((entry) => [entry.name.replace(/^\/+/, ''), entry]));
  }

  /** The names of the archive's parts. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /** A part's XML, or null if the archive has no such part. */
  xml(name: string): string | null {
    const entry = this.byName.get(name);
    if (!entry) return null;
    const xml = this.decoder.decode(readZipEntry(this.bytes, entry, this.budget));
    if (DTD.test(xml.slice(0, 4096)))
      throw new ChronicleError(
        'PARSE_FAILED',
        `${this.format} part ${name} declares a DTD, which the format never needs`,
      );
    return xml;
  }
}

/**
 * Runs saxes over a part with namespaces on, calling `open` and `close` with each element and `text` with each run
 * of characters; a malformed part fails with its name.
 */
export function walk(
  xml: string,
  part: string,
  format: string,
  handlers: { open?: (tag: SaxesTagNS) => void; close?: (tag: SaxesTagNS) => void; text?: (text: string) => void },
): void {
  const parser = new SaxesParser({ xmlns: true });
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (++depth > MAX_XML_DEPTH)
      throw new ChronicleError('PARSE_FAILED', `${format} part ${part} nests elements more than ${MAX_XML_DEPTH} deep`);
    handlers.open?.(tag);
  });
  parser.on('closetag', (tag) => {
    depth--;
    handlers.close?.(tag);
  });
  if (handlers.text) parser.on('text', handlers.text);
  try {
    parser.write(xml).close();
  } catch (error) {
    // A limit a handler met (too many cells) is that limit, not a fault of the XML.
    if (error instanceof ChronicleError) throw error;
    throw new ChronicleError('PARSE_FAILED', `${format} part ${part} is not well-formed XML: ${describeError(error)}`);
  }
}

/** A relationships part's targets by id, resolved against `base` ("worksheets/sheet1.xml" → "xl/worksheets/…"). */
export function readRelationships(xml: string, part: string, format: string, base: string): Map<string, string> {
  const targets = new Map<string, string>();
  if (xml === '') return targets;
  walk(xml, part, format, {
    open: (tag) => {
      if (tag.local !== 'Relationship' || (tag.uri !== PACKAGE_REL_NS && tag.uri !== '')) return;
      const id = tag.attributes.Id?.value;
      const target = tag.attributes.Target?.value;
      if (id && target && tag.attributes.TargetMode?.value !== 'External') targets.set(id, resolvePart(base, target));
    },
  });
  return targets;
}

/** `resolvePart('xl/', '../xl/worksheets/a.xml')` → 'xl/worksheets/a.xml'; an absolute target is from the root. */
function resolvePart(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
