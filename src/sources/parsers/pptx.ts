/**
 * PowerPoint presentations (.pptx): a group's report on a trial or a year of detentions, shown and then sent. The
 * slides are read in the order the presentation lists them (`ppt/presentation.xml`, through its relationships),
 * each paragraph a line and each slide apart by a blank line; speaker notes, layouts and masters are not the slides'
 * text. The archive is opened by our bounded reader and each part read with saxes, no DTD, nesting bounded.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ChronicleError, describeError } from '../../shared/errors.js';
import { MAX_XML_DEPTH, normalizeProducedText, type ParseLimits, type ParserResult } from '../parse-types.js';
import { checkDeclaredSizes, expansionBudget, listZipEntries, readZipEntry } from '../zip-reader.js';
import { xmlField } from './docx.js';

const DRAWING_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const DTD = /<!DOCTYPE|<!ENTITY/i;

export function parsePptx(bytes: Uint8Array, limits: ParseLimits): ParserResult {
  const entries = listZipEntries(bytes, limits.maxArchiveEntries).filter((entry) => !entry.isDirectory);
  const budget = expansionBudget(bytes, limits);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const part = (name: string): string | null => {
    const entry = byName.get(name);
    if (!entry) return null;
    checkDeclaredSizes([entry], budget);
    const xml = new TextDecoder('utf-8').decode(readZipEntry(bytes, entry, budget));
    if (DTD.test(xml.slice(0, 4096)))
      throw new ChronicleError('PARSE_FAILED', `PPTX part ${name} declares a DTD, which PowerPoint never writes`);
    return xml;
  };
  const slides = slideOrder(part('ppt/presentation.xml'), part('ppt/_rels/presentation.xml.rels'), [...byName.keys()]);
  const texts = slides.map((name) => slideText(part(name) ?? '', name));
  const core = part('docProps/core.xml') ?? '';
  return {
    text: normalizeProducedText(texts.filter((text) => text.trim()).join('\n\n')),
    title: xmlField(core, 'dc:title'),
    author: xmlField(core, 'dc:creator'),
    encoding: null,
    metadata: { slideCount: slides.length },
    warnings: [],
  };
}

/**
 * The slides' part names in the presentation's order: its `p:sldId` list resolved through its relationships, else
 * (a presentation without them) the slide parts in the order of their numbers.
 */
function slideOrder(presentation: string | null, relationships: string | null, names: string[]): string[] {
  const targets = new Map<string, string>();
  for (const match of (relationships ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(match[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(match[0])?.[1];
    if (id && target) targets.set(id, `ppt/${target.replace(/^\/?ppt\//, '').replace(/^\.\//, '')}`);
  }
  const listed = [...(presentation ?? '').matchAll(/<p:sldId\b[^>]*\br:id="([^"]+)"/g)]
    .map((match) => targets.get(match[1]!))
    .filter((name): name is string => name !== undefined && names.includes(name));
  if (listed.length > 0) return listed;
  return names
    .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** A slide's text: `a:t` runs, a line a paragraph (`a:p`), `a:br` a line break, a table cell's text apart by a tab. */
function slideText(xml: string, name: string): string {
  const parser = new SaxesParser({ xmlns: true });
  let text = '';
  let depth = 0;
  let inRun = false;
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++depth > MAX_XML_DEPTH) throw new Error(`elements are nested more than ${MAX_XML_DEPTH} deep`);
    if (tag.uri !== DRAWING_NS) return;
    if (tag.local === 't') inRun = true;
    else if (tag.local === 'br') text += '\n';
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    depth--;
    if (tag.uri !== DRAWING_NS) return;
    if (tag.local === 't') inRun = false;
    else if (tag.local === 'p') text += '\n';
    else if (tag.local === 'tc') text += '\t';
  });
  parser.on('text', (run: string) => {
    if (inRun) text += run;
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    throw new ChronicleError('PARSE_FAILED', `PPTX part ${name} could not be read (${describeError(error)})`);
  }
  return text;
}
