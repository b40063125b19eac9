/**
 * PowerPoint presentations (.pptx): a group's report on a trial or a year of detentions, shown and then sent. The
 * slides are read in the order the presentation lists them (`ppt/presentation.xml`, through its relationships),
 * each paragraph a line and each slide apart by a blank line; speaker notes, layouts and masters are not the slides'
 * text. The archive is opened by our bounded reader and each part read with saxes, no DTD, nesting bounded.
 */
import { normalizeProducedText, type ParseLimits, type ParserResult } from '../parse-types.js';
import { xmlField } from './docx.js';
import { Parts, readRelationships, walk } from './office-xml.js';

const DRAWING_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';

export function parsePptx(bytes: Uint8Array, limits: ParseLimits): ParserResult {
  const parts = new Parts(bytes, limits, 'PPTX');
  const slides = slideOrder(parts);
  const texts = slides.map((name) => slideText(parts.xml(name) ?? '', name));
  const core = parts.xml('docProps/core.xml') ?? '';
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
function slideOrder(parts: Parts): string[] {
  const rels = 'ppt/_rels/presentation.xml.rels';
  const targets = readRelationships(parts.xml(rels) ?? '', rels, 'PPTX', 'ppt/');
  const names = parts.names();
  const listed = [...(parts.xml('ppt/presentation.xml') ?? '').matchAll(/<p:sldId\b[^>]*\br:id="([^"]+)"/g)]
    .map((match) => targets.get(match[1]!))
    .filter((name): name is string => name !== undefined && names.includes(name));
  if (listed.length > 0) return listed;
  return names
    .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** A slide's text: `a:t` runs, a line a paragraph (`a:p`), `a:br` a line break, a table cell's text apart by a tab. */
function slideText(xml: string, name: string): string {
  let text = '';
  let inRun = false;
  walk(xml, name, 'PPTX', {
    open: (tag) => {
      if (tag.uri !== DRAWING_NS) return;
      if (tag.local === 't') inRun = true;
      else if (tag.local === 'br') text += '\n';
    },
    close: (tag) => {
      if (tag.uri !== DRAWING_NS) return;
      if (tag.local === 't') inRun = false;
      else if (tag.local === 'p') text += '\n';
      else if (tag.local === 'tc') text += '\t';
    },
    text: (run) => {
      if (inRun) text += run;
    },
  });
  return text;
}
