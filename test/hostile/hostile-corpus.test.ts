/**
 * A corpus of hostile and broken files, generated here: every one must either parse or fail with one of the
 * parser's error codes, within its limits, and the test process must live to the end. Files are made one at a time
 * so the corpus never sits in memory whole.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ChronicleError } from '../../src/shared/errors.js';
import { parseDocument } from '../../src/sources/parse.js';
import { closeParseWorkers } from '../../src/sources/worker-pool.js';
import {
  base64Lines,
  mailWithAttachments,
  makeDocx,
  makeMbox,
  makePdf,
  makeRar,
  makeTar,
  makeTnef,
  makeWebArchive,
  makeZip,
  utf8,
} from '../fixtures/documents.js';
import { makeMsg } from '../fixtures/outlook-msg.js';
import {
  buildZip,
  declaredTenGigabyteBomb,
  deflatedZeros,
  lyingSizeBomb,
  overlappingBomb,
  storedEntry,
} from '../fixtures/zip-bombs.js';
import { NAUGHTY_STRINGS } from './naughty-strings.js';

// VALIDATION: an empty file, or one of blank space only, is refused as holding no report.
const ALLOWED = new Set([
  'TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'PARSE_FAILED',
  'PARSE_TIMEOUT',
  'DECOMPRESSION_LIMIT',
  'VALIDATION',
]);
/** Tighter than the defaults so a pathological file costs seconds, not half a minute. */
const LIMITS = { timeoutMs: 15_000, maxMemoryMb: 256 };

interface HostileFile {
  name: string;
  bytes: () => Uint8Array | Promise<Uint8Array>;
  /** When known: the code it must fail with. */
  expectCode?: string;
}

/** mulberry32: a seeded generator, so the "random" files are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(seed: number, length: number): Uint8Array {
  const next = random(seed);
  return new Uint8Array(length).map(() => Math.floor(next() * 256));
}

let cachedPdf: Uint8Array | null = null;
async function basePdf(): Promise<Uint8Array> {
  cachedPdf ??= await makePdf({
    title: 'Hostile base',
    pages: [
      ['Police detained Oleg Inventov in Kazan on Monday.', 'The court fined him.'],
      ['Second page with more text about a hearing.'],
    ],
  });
  return cachedPdf;
}

/** `make()`'s bytes cut at each fraction of their length, named by `name(fraction)`. */
function cutShort(
  name: (fraction: number) => string,
  make: () => Uint8Array,
  fractions: number[],
  expectCode?: string,
): HostileFile[] {
  return fractions.map((fraction) => ({
    name: name(fraction),
    bytes: () => {
      const whole = make();
      return whole.subarray(0, Math.floor(whole.length * fraction));
    },
    ...(expectCode ? { expectCode } : {}),
  }));
}

/**
 * For each seed, `make(seed)`'s bytes with `flips(seed)` of them past the first `keep` (a signature left whole, so the
 * right reader gets the damage) set to random values from `random(seed * seedFactor + seedOffset)`.
 */
function flipped(
  name: (seed: number) => string,
  make: (seed: number) => Uint8Array,
  seeds: number[],
  options: { keep: number; flips: (seed: number) => number; seedFactor: number; seedOffset?: number },
): HostileFile[] {
  return seeds.map((seed) => ({
    name: name(seed),
    bytes: () => {
      const copy = make(seed);
      const next = random(seed * options.seedFactor + (options.seedOffset ?? 0));
      for (let k = 0; k < options.flips(seed); k++)
        copy[options.keep + Math.floor(next() * (copy.length - options.keep))] = Math.floor(next() * 256);
      return copy;
    },
  }));
}

function corpus(): HostileFile[] {
  const files: HostileFile[] = [];
  // Naughty strings, as plain text and inside an HTML page.
  NAUGHTY_STRINGS.forEach((s, i) => {
    files.push({ name: `naughty-${i}.txt`, bytes: () => utf8(s) });
  });
  NAUGHTY_STRINGS.filter((_, i) => i % 3 === 0).forEach((s, i) => {
    files.push({
      name: `naughty-${i}.html`,
      bytes: () =>
        utf8(
          `<!doctype html><html><head><title>${s}</title><meta name="author" content="${s}"></head><body><p>${s}</p></body></html>`,
        ),
    });
  });
  // Truncated and corrupted PDFs.
  for (const fraction of [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99]) {
    files.push({
      name: `truncated-${fraction}.pdf`,
      bytes: async () => {
        const pdf = await basePdf();
        return pdf.subarray(0, Math.floor(pdf.length * fraction));
      },
    });
  }
  for (let seed = 1; seed <= 25; seed++) {
    files.push({
      name: `corrupt-${seed}.pdf`,
      bytes: async () => {
        const pdf = new Uint8Array(await basePdf());
        const next = random(seed);
        for (let k = 0; k < 5 + seed * 3; k++)
          pdf[8 + Math.floor(next() * (pdf.length - 8))] = Math.floor(next() * 256);
        return pdf;
      },
    });
  }
  files.push({ name: 'header-only.pdf', bytes: () => utf8('%PDF-1.7\n') });
  files.push({
    name: 'header-garbage.pdf',
    bytes: () => new Uint8Array([...utf8('%PDF-1.4\n'), ...randomBytes(7, 5000)]),
  });
  files.push({
    name: 'xref-loop.pdf',
    bytes: () =>
      utf8(
        '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\nxref\n0 2\ntrailer << /Root 1 0 R /Prev 9 >>\nstartxref\n9\n%%EOF',
      ),
  });
  // Archives.
  files.push({ name: 'ten-gigabytes.zip', bytes: declaredTenGigabyteBomb, expectCode: 'DECOMPRESSION_LIMIT' });
  files.push({ name: 'lying-size.zip', bytes: () => lyingSizeBomb(4), expectCode: 'DECOMPRESSION_LIMIT' });
  files.push({ name: 'overlapping.zip', bytes: () => overlappingBomb(1000), expectCode: 'DECOMPRESSION_LIMIT' });
  files.push({
    name: 'nested-depth-6.zip',
    bytes: () => {
      let z = makeZip({ 'bottom.txt': 'дно' });
      for (let d = 0; d < 5; d++) z = makeZip({ [`level-${d}.zip`]: z });
      return z;
    },
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  files.push({
    name: 'nested-bomb.zip',
    bytes: () => {
      // 10 inner archives, each of 10 MB of zeros: fine alone, too much together under a 50:1 budget.
      const inner = buildZip([{ name: 'z.bin', data: deflatedZeros(10), method: 8, declaredSize: 10 * 1024 * 1024 }]);
      const entries: Record<string, Uint8Array> = {};
      for (let i = 0; i < 10; i++) entries[`inner-${i}.zip`] = inner;
      return makeZip(entries, 0);
    },
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  files.push({
    name: 'many-entries.zip',
    bytes: () => buildZip(Array.from({ length: 12_000 }, (_, i) => storedEntry(`e${i}.txt`, 'x'))),
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  files.push({ name: 'empty.zip', bytes: () => buildZip([]) });
  files.push({ name: 'zip-signature-only.zip', bytes: () => new Uint8Array([0x50, 0x4b, 0x03, 0x04]) });
  for (let seed = 1; seed <= 10; seed++) {
    files.push({
      name: `corrupt-${seed}.zip`,
      bytes: () => {
        const zip = makeZip({ 'a.txt': 'отчёт '.repeat(500), 'b.html': '<p>second</p>'.repeat(100) });
        const next = random(seed * 31);
        for (let k = 0; k < seed * 4; k++) zip[4 + Math.floor(next() * (zip.length - 4))] = Math.floor(next() * 256);
        return zip;
      },
    });
  }
  // DOCX.
  const laughs =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
    ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>';
  files.push({
    name: 'billion-laughs.docx',
    bytes: () => makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': laughs }),
    expectCode: 'PARSE_FAILED',
  });
  // A presentation nested past any editor, in its slide.
  files.push({
    name: 'deep-slide.pptx',
    bytes: () =>
      makeZip({
        '[Content_Types].xml': '<Types/>',
        'ppt/presentation.xml': '<p:presentation xmlns:p="x"/>',
        'ppt/slides/slide1.xml': `<a:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${'<a:r>'.repeat(200_000)}${'</a:r>'.repeat(200_000)}</a:p>`,
      }),
  });
  // Pictures in a document: 20 MB of zeros behind a PNG's signature, and 300 pictures (only 200 are looked at).
  const docxBody =
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Фото.</w:t></w:r></w:p></w:body></w:document>';
  files.push({
    name: 'picture-bomb.docx',
    bytes: () => {
      const picture = new Uint8Array(20 * 1024 * 1024);
      picture.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      return makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': docxBody, 'word/media/a.png': picture });
    },
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  files.push({
    name: 'many-pictures.docx',
    bytes: () => {
      const png = readFileSync(new URL('../fixtures/images/scan.png', import.meta.url));
      const media = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`word/media/image${i}.png`, png]));
      return makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': docxBody, ...media });
    },
  });
  files.push({
    name: 'bomb.docx',
    bytes: () =>
      buildZip([
        storedEntry('[Content_Types].xml', '<Types/>'),
        { name: 'word/document.xml', data: deflatedZeros(4), method: 8, declaredSize: 100 },
      ]),
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  for (const fraction of [0.3, 0.6, 0.9]) {
    files.push({
      name: `truncated-${fraction}.docx`,
      bytes: async () => {
        const docx = await makeDocx({ paragraphs: ['Обыск у Анны Вымышленной.', 'Second paragraph.'] });
        return docx.subarray(0, Math.floor(docx.length * fraction));
      },
    });
  }
  // HTML.
  // RTF: groups past any depth Word writes, lying or truncated binary runs, broken escapes, a picture of 20 MB.
  files.push({
    name: 'deep-groups.rtf',
    bytes: () => utf8(`{\\rtf1 ${'{'.repeat(1_000_000)}x`),
    expectCode: 'PARSE_FAILED',
  });
  files.push({ name: 'lying-bin.rtf', bytes: () => utf8('{\\rtf1 before\\bin999999999 abc}') });
  files.push({ name: 'extra-closing.rtf', bytes: () => utf8(`{\\rtf1 text${'}'.repeat(10_000)} after`) });
  files.push({
    name: 'broken-escapes.rtf',
    bytes: () => utf8("{\\rtf1 \\'zz\\'4\\u99999999999 \\uc-5\\u-70000 \\ansicpg99999 \\'e0}"),
  });
  files.push({
    name: 'huge-picture.rtf',
    bytes: () => utf8(`{\\rtf1\\ansi Фото:{\\pict\\pngblip ${'89ab'.repeat(5_000_000)}} конец}`),
  });
  for (const fraction of [0.3, 0.6]) {
    files.push({
      name: `truncated-${fraction}.rtf`,
      bytes: () => {
        const rtf = utf8(
          "{\\rtf1\\ansi\\ansicpg1251{\\fonttbl{\\f0\\fcharset204 Times;}}\\f0 \\'c2 \\'d3\\'f4\\'e5 {\\b \\'e7\\'e0\\'e4\\'e5\\'f0\\'e6\\'e0\\'eb\\'e8}\\par}",
        );
        return rtf.subarray(0, Math.floor(rtf.length * fraction));
      },
    });
  }
  // Word 97–2003: cut short, and with bytes flipped across the container and its text.
  const wordLetter = () => new Uint8Array(readFileSync(new URL('../fixtures/office/letter.doc', import.meta.url)));
  for (const fraction of [0.2, 0.5, 0.9]) {
    files.push({
      name: `truncated-${fraction}.doc`,
      bytes: () => {
        const doc = wordLetter();
        return doc.subarray(0, Math.floor(doc.length * fraction));
      },
    });
  }
  for (let seed = 1; seed <= 5; seed++) {
    files.push({
      name: `corrupt-${seed}.doc`,
      bytes: () => {
        const doc = wordLetter();
        const noise = randomBytes(seed, 64);
        // Past the OLE signature, so the file is still taken for a Word document.
        for (let i = 0; i < noise.length; i++) doc[8 + ((noise[i]! * 97 + i * 181) % (doc.length - 8))] = noise[i]!;
        return doc;
      },
    });
  }
  // OpenDocument text: cut short, nested past any editor, and an entity bomb behind the ODF mimetype.
  const odfText = 'application/vnd.oasis.opendocument.text';
  const odtLetter = () => new Uint8Array(readFileSync(new URL('../fixtures/office/letter.odt', import.meta.url)));
  for (const fraction of [0.3, 0.7]) {
    files.push({
      name: `truncated-${fraction}.odt`,
      bytes: () => {
        const odt = odtLetter();
        return odt.subarray(0, Math.floor(odt.length * fraction));
      },
    });
  }
  files.push({
    name: 'deep-spans.odt',
    bytes: () =>
      makeZip({
        mimetype: odfText,
        'content.xml': `<t:p xmlns:t="urn:oasis:names:tc:opendocument:xmlns:text:1.0">${'<t:span>'.repeat(200_000)}x${'</t:span>'.repeat(200_000)}</t:p>`,
      }),
  });
  files.push({
    name: 'billion-laughs.odt',
    bytes: () =>
      makeZip({
        mimetype: odfText,
        'content.xml': `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "${'a'.repeat(10)}">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('')}]><l>&j;</l>`,
      }),
    expectCode: 'PARSE_FAILED',
  });
  // Spreadsheets: entities in the shared strings, a cell at the sheet's far corner, a value repeated into millions
  // of cells, a sheet part left empty, rows cut off mid-cell.
  const sheetMain = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const workbook = (sheetXml: string, extra: Record<string, string> = {}) =>
    makeZip({
      '[Content_Types].xml': '<Types/>',
      'xl/workbook.xml': `<workbook xmlns="${sheetMain}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="a" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels':
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml': sheetXml,
      ...extra,
    });
  files.push({
    name: 'billion-laughs.xlsx',
    bytes: () =>
      workbook(`<worksheet xmlns="${sheetMain}"><sheetData/></worksheet>`, {
        'xl/sharedStrings.xml': `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "${'a'.repeat(10)}">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('')}]><sst xmlns="${sheetMain}"><si><t>&j;</t></si></sst>`,
      }),
    expectCode: 'PARSE_FAILED',
  });
  files.push({
    name: 'far-corner.xlsx',
    bytes: () =>
      workbook(
        `<worksheet xmlns="${sheetMain}"><sheetData>${Array.from({ length: 2000 }, (_, i) => `<row r="${1_048_576 - 2000 + i}"><c r="XFD${1_048_576 - 2000 + i}" t="inlineStr"><is><t>x</t></is></c></row>`).join('')}</sheetData></worksheet>`,
      ),
  });
  files.push({
    name: 'cut-off.xlsx',
    bytes: () => workbook(`<worksheet xmlns="${sheetMain}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Обыск`),
    expectCode: 'PARSE_FAILED',
  });
  files.push({ name: 'empty-sheet-part.xlsx', bytes: () => workbook('') });
  files.push({
    name: 'repeated-millions.ods',
    bytes: () =>
      makeZip({
        mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
        'content.xml': `<o:document-content xmlns:o="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:x="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><o:body><o:spreadsheet>${'<t:table><t:table-row t:number-rows-repeated="1048576"><t:table-cell t:number-columns-repeated="16384"><x:p>x</x:p></t:table-cell></t:table-row></t:table>'.repeat(5)}</o:spreadsheet></o:body></o:document-content>`,
      }),
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  // Flat OpenDocument (one XML file): cut short, an entity bomb behind its mimetype, millions of repeated cells,
  // spans nested past any editor, a picture in base64 of 20 MB.
  const flatRoot = (kind: string, body: string, prolog = '') =>
    utf8(
      `<?xml version="1.0"?>${prolog}<o:document xmlns:o="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:x="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:d="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" o:mimetype="application/vnd.oasis.opendocument.${kind}"><o:body>${body}</o:body></o:document>`,
    );
  const savedFlat = readFileSync(new URL('../fixtures/office/letter-saved.fodt', import.meta.url));
  for (const fraction of [0.2, 0.6, 0.95]) {
    files.push({
      name: `truncated-${fraction}.fodt`,
      bytes: () => new Uint8Array(savedFlat.subarray(0, Math.floor(savedFlat.length * fraction))),
      expectCode: 'PARSE_FAILED',
    });
  }
  const flatLaughs = `<!DOCTYPE l [<!ENTITY a "${'a'.repeat(10)}">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('')}]>`;
  files.push({
    name: 'billion-laughs.fodt',
    bytes: () => flatRoot('text', '<o:text><x:p>&j;</x:p></o:text>', flatLaughs),
    expectCode: 'PARSE_FAILED',
  });
  files.push({
    name: 'billion-laughs.fods',
    bytes: () => flatRoot('spreadsheet', '<o:spreadsheet/>', flatLaughs),
    expectCode: 'PARSE_FAILED',
  });
  files.push({
    name: 'repeated-millions.fods',
    bytes: () =>
      flatRoot(
        'spreadsheet',
        `<o:spreadsheet>${'<t:table><t:table-row t:number-rows-repeated="1048576"><t:table-cell t:number-columns-repeated="16384"><x:p>x</x:p></t:table-cell></t:table-row></t:table>'.repeat(5)}</o:spreadsheet>`,
      ),
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  // Nested past any editor, in 2 MB that no ZIP ratio limit stops: refused at once, not read for minutes.
  files.push({
    name: 'deep-spans.fodt',
    bytes: () =>
      flatRoot('text', `<o:text><x:p>${'<x:span>'.repeat(200_000)}x${'</x:span>'.repeat(200_000)}</x:p></o:text>`),
    expectCode: 'PARSE_FAILED',
  });
  files.push({
    name: 'deep-cells.fods',
    bytes: () =>
      flatRoot(
        'spreadsheet',
        `<o:spreadsheet><t:table><t:table-row><t:table-cell><x:p>${'<x:span>'.repeat(200_000)}x${'</x:span>'.repeat(200_000)}</x:p></t:table-cell></t:table-row></t:table></o:spreadsheet>`,
      ),
    expectCode: 'PARSE_FAILED',
  });
  files.push({
    name: 'big-picture.fodt',
    bytes: () =>
      flatRoot(
        'text',
        `<o:text><x:p>Обыск.<d:frame><d:image><o:binary-data>${'QUFB'.repeat(5_000_000)}</o:binary-data></d:image></d:frame></x:p></o:text>`,
      ),
  });
  // RAR archives: a file claiming 10 GB unpacked, more files than an archive may hold, cut short, bytes flipped in
  // its headers and data, a RAR inside a RAR inside a RAR.
  files.push({
    name: 'declared-ten-gigabytes.rar',
    bytes: () => makeRar([{ name: 'a.txt', data: 'Обыск.', declaredSize: 10 * 1024 ** 3 }]),
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  files.push({
    name: 'twenty-thousand-files.rar',
    bytes: () => makeRar(Array.from({ length: 20_000 }, (_, i) => ({ name: `${i}.txt`, data: 'x' }))),
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  const rarCase = () =>
    makeRar([
      { name: 'протокол.txt', data: 'Протокол обыска у Петра Вымышленного. '.repeat(40) },
      { name: 'ходатайство.txt', data: 'Прошу отменить меру пресечения. '.repeat(40) },
    ]);
  files.push(
    ...cutShort((fraction) => `truncated-${fraction}.rar`, rarCase, [0.05, 0.5, 0.9], 'PARSE_FAILED'),
    ...flipped((seed) => `corrupt-${seed}.rar`, rarCase, [1, 2, 3, 4, 5, 6], {
      keep: 8,
      flips: (seed) => seed * 3,
      seedFactor: 71,
    }),
  );
  files.push({
    name: 'nested.rar',
    bytes: () => makeRar([{ name: 'b.rar', data: makeRar([{ name: 'c.rar', data: rarCase() }]) }]),
  });
  // 7z archives: 300 MB of zeros in 44 KB, cut short, bytes flipped.
  const archiveFixture = (name: string) =>
    new Uint8Array(readFileSync(new URL(`../fixtures/archives/${name}`, import.meta.url)));
  files.push({
    name: 'zeros-bomb.7z',
    bytes: () => archiveFixture('zeros-bomb.7z'),
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  files.push(
    ...cutShort(
      (fraction) => `truncated-${fraction}.7z`,
      () => archiveFixture('case.7z'),
      [0.1, 0.5, 0.9],
      'PARSE_FAILED',
    ),
    ...flipped(
      (seed) => `corrupt-${seed}.7z`,
      (seed) => archiveFixture(seed % 2 === 0 ? 'case.7z' : 'mixed.7z'),
      [1, 2, 3, 4, 5, 6],
      { keep: 6, flips: (seed) => seed * 3, seedFactor: 89 },
    ),
  );
  // Tar and compressed files: bombs in each format, cut short and flipped, a tar of more files than an archive may
  // hold, one lying about a file's size, names that climb out of the archive, a gzip header whose lengths lie.
  for (const name of ['zeros.bz2', 'zeros.xz', 'zeros.zst'])
    files.push({ name, bytes: () => archiveFixture(name), expectCode: 'DECOMPRESSION_LIMIT' });
  files.push({
    name: 'zeros.gz',
    bytes: () => gzipSync(new Uint8Array(20 * 1024 * 1024), { level: 9 }),
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  const compressedCases = ['case.tar.gz', 'letter.eml.bz2', 'protocol.txt.xz', 'summary.md.zst', 'download.gz'];
  for (const [index, name] of compressedCases.entries())
    files.push(
      ...cutShort(
        (fraction) => `truncated-${fraction}-${name}`,
        () => archiveFixture(name),
        [0.3, 0.8],
      ),
      ...flipped(
        () => `corrupt-${name}`,
        () => archiveFixture(name),
        [index],
        {
          keep: 4,
          flips: () => 6,
          seedFactor: 53,
          seedOffset: 7,
        },
      ),
    );
  files.push({
    name: 'twenty-thousand-files.tar',
    bytes: () => makeTar(Array.from({ length: 20_000 }, (_, i) => ({ name: `${i}.txt`, data: 'x' }))),
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  files.push({
    name: 'lying-size.tar',
    bytes: () => makeTar([{ name: 'a.txt', data: 'Обыск у Веры Условной.', declaredSize: 8 * 1024 ** 3 - 1 }]),
  });
  files.push({
    name: 'climbing-names.tar.gz',
    bytes: () =>
      gzipSync(
        makeTar([
          { name: '../../etc/passwd', data: 'root:x:0:0' },
          { name: '/abs/\u202eevil.txt', data: 'Задержан.' },
          { name: '..', data: 'x', type: '5' },
        ]),
      ),
  });
  files.push({
    name: 'gzip-extra-past-end.gz',
    bytes: () => Uint8Array.of(0x1f, 0x8b, 0x08, 0x0c, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0x61, 0x62),
    expectCode: 'PARSE_FAILED',
  });
  files.push({
    name: 'tar-in-gzip-in-gzip.gz',
    bytes: () => gzipSync(gzipSync(makeTar([{ name: 'a.txt', data: 'Обыск.' }]))),
  });
  // Apple Mail's .emlx: a length of one byte, of the whole file, and of more digits than a number holds.
  const emlxLetter = 'From: a@example.org\nTo: b@example.org\nSubject: Обыск\n\nОбыск у Веры Условной.\n';
  for (const length of ['1', String(utf8(emlxLetter).length + 40), '999999999999'])
    files.push({ name: `length-${length.slice(0, 6)}.emlx`, bytes: () => utf8(`${length}\n${emlxLetter}<plist/>\n`) });
  // DjVu scans: cut short, bytes flipped, a chunk claiming 4 GB, and a document of 100,000 empty chunks.
  const djvu = () => new Uint8Array(readFileSync(new URL('../fixtures/images/scan-2-pages.djvu', import.meta.url)));
  files.push(
    ...cutShort((fraction) => `truncated-${fraction}.djvu`, djvu, [0.02, 0.5]),
    ...flipped((seed) => `corrupt-${seed}.djvu`, djvu, [1, 2, 3], {
      keep: 16,
      flips: (seed) => seed * 4,
      seedFactor: 97,
    }),
  );
  files.push({
    name: 'four-gigabyte-chunk.djvu',
    bytes: () => {
      const copy = djvu();
      new DataView(copy.buffer).setUint32(20, 0xffff_fff0);
      return copy;
    },
  });
  files.push({
    name: 'hundred-thousand-chunks.djvu',
    bytes: () => {
      const chunks = new Uint8Array(100_000 * 8);
      for (let i = 0; i < 100_000; i++) chunks.set(utf8('INFO'), i * 8);
      const head = Uint8Array.from([...utf8('AT&TFORM'), 0, 0, 0, 0, ...utf8('DJVM')]);
      new DataView(head.buffer).setUint32(8, 4 + chunks.length);
      return Buffer.concat([head, chunks]);
    },
  });
  // Safari web archives: cut short, bytes flipped, a page of naughty strings, and property lists whose objects
  // refer to each other in circles, or to one another twice a level forty levels deep.
  const webArchive = () =>
    makeWebArchive({
      data: '<html><head><title>Обыск</title></head><body><p>В Казани прошёл обыск у Веры Условной.</p></body></html>',
      encoding: 'UTF-8',
      resources: 2,
    });
  files.push(
    ...cutShort((fraction) => `truncated-${fraction}.webarchive`, webArchive, [0.2, 0.6, 0.95]),
    ...flipped((seed) => `corrupt-${seed}.webarchive`, webArchive, [1, 2, 3, 4], {
      keep: 8,
      flips: (seed) => seed * 4,
      seedFactor: 41,
    }),
  );
  files.push({
    name: 'naughty.webarchive',
    bytes: () => makeWebArchive({ data: `<p>${NAUGHTY_STRINGS.join('</p><p>')}</p>`, url: NAUGHTY_STRINGS[7] }),
  });
  const plist = (objects: number[][]) => {
    const table = 8 + objects.reduce((total, object) => total + object.length, 0);
    const trailer = new Uint8Array(32);
    trailer[6] = 2;
    trailer[7] = 1;
    new DataView(trailer.buffer).setBigUint64(8, BigInt(objects.length));
    new DataView(trailer.buffer).setBigUint64(24, BigInt(table));
    let at = 8;
    const offsets = objects.flatMap((object) => {
      const offset = at;
      at += object.length;
      return [offset >> 8, offset & 0xff];
    });
    return Uint8Array.from([...utf8('bplist00'), ...objects.flat(), ...offsets, ...trailer]);
  };
  const key = [0x5f, 0x10, 15, ...utf8('WebMainResource')];
  files.push({
    name: 'circular.webarchive',
    // {WebMainResource: itself}
    bytes: () => plist([[0xd1, 1, 0], key]),
    expectCode: 'PARSE_FAILED',
  });
  files.push({
    name: 'laughs.webarchive',
    bytes: () => plist([[0xd1, 1, 2], key, ...Array.from({ length: 40 }, (_, i) => [0xa2, i + 3, i + 3]), [0x40]]),
    expectCode: 'PARSE_FAILED',
  });
  // Letters with a winmail.dat: its lengths flipped, cut short, claiming 4 GB, and 20,000 attachments in it.
  const winmail = () =>
    makeTnef([{ title: 'a.txt', longName: 'Ходатайство.txt', data: 'Адвокат просит изменить меру пресечения.' }]);
  const withWinmail = (bytes: Uint8Array) =>
    utf8(
      mailWithAttachments({
        subject: 'Ходатайство',
        body: 'Во вложении.',
        attachments: [{ name: 'winmail.dat', type: 'application/ms-tnef', bytes }],
      }),
    );
  for (let seed = 1; seed <= 6; seed++) {
    files.push({
      name: `winmail-corrupt-${seed}.eml`,
      bytes: () => {
        const copy = winmail();
        const next = random(seed * 97);
        for (let k = 0; k < seed * 2; k++) copy[6 + Math.floor(next() * (copy.length - 6))] = Math.floor(next() * 256);
        return withWinmail(copy);
      },
    });
  }
  files.push({
    name: 'winmail-claims-4gb.eml',
    bytes: () => {
      const copy = winmail();
      copy.set([0xff, 0xff, 0xff, 0xff], 6 + 5);
      return withWinmail(copy);
    },
  });
  files.push({
    name: 'winmail-many.eml',
    bytes: () => withWinmail(makeTnef(Array.from({ length: 20_000 }, (_, i) => ({ title: `${i}.txt`, data: 'x' })))),
  });
  // Mailboxes: more letters than an archive may hold, separators with nothing between them, a letter cut short,
  // and a separator followed by random bytes.
  files.push({
    name: 'twenty-thousand-letters.mbox',
    bytes: () => makeMbox(Array.from({ length: 20_000 }, (_, i) => `Subject: ${i}\n\nx`)),
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  files.push({
    name: 'empty-letters.mbox',
    bytes: () => utf8('From - Mon Mar  4 10:00:00 2024\nSubject: a\n\nFrom - Mon Mar  4 10:00:00 2024\nX: y\n'),
  });
  files.push({
    name: 'cut-short.mbox',
    bytes: () => {
      const box = makeMbox([
        `Subject: Обыск\nContent-Type: text/plain; charset=utf-8\n\n${'Обыск. '.repeat(500)}`,
        'Subject: b\n\nb',
      ]);
      return box.subarray(0, Math.floor(box.length * 0.6));
    },
  });
  files.push({
    name: 'random-letter.mbox',
    bytes: () => {
      const next = random(4155);
      const noise = Uint8Array.from({ length: 50_000 }, () => Math.floor(next() * 256));
      return new Uint8Array([...utf8('From - Mon Mar  4 10:00:00 2024\nSubject: x\n\n'), ...noise]);
    },
  });
  // Excel 97–2003 workbooks with bytes flipped in their records and their compound file, and cut short.
  const xls = readFileSync(new URL('../fixtures/spreadsheets/long-names.xls', import.meta.url));
  for (let seed = 1; seed <= 8; seed++) {
    files.push({
      name: `corrupt-${seed}.xls`,
      bytes: () => {
        const copy = new Uint8Array(xls);
        const next = random(seed * 53);
        for (let k = 0; k < seed * 6; k++)
          copy[512 + Math.floor(next() * (copy.length - 512))] = Math.floor(next() * 256);
        return copy;
      },
    });
  }
  files.push({ name: 'cut-short.xls', bytes: () => new Uint8Array(xls.subarray(0, 9000)) });
  // Outlook items: cut short, with bytes flipped, and with an attachment table claiming more than it holds.
  const outlookLetter = () =>
    makeMsg({
      subject: 'Обыск',
      senderName: 'Анна',
      senderEmail: 'anna@example.org',
      to: [{ name: 'Desk', email: 'desk@example.org' }],
      body: 'Сегодня у активиста прошёл обыск.',
      attachments: [{ name: 'a.txt', data: utf8('Заявление.') }],
    });
  for (const fraction of [0.4, 0.8]) {
    files.push({
      name: `truncated-${fraction}.msg`,
      bytes: () => {
        const msg = outlookLetter();
        return msg.subarray(0, Math.floor(msg.length * fraction));
      },
    });
  }
  for (let seed = 1; seed <= 3; seed++) {
    files.push({
      name: `corrupt-${seed}.msg`,
      bytes: () => {
        const msg = outlookLetter();
        const noise = randomBytes(seed + 100, 48);
        for (let i = 0; i < noise.length; i++) msg[8 + ((noise[i]! * 131 + i * 173) % (msg.length - 8))] = noise[i]!;
        return msg;
      },
    });
  }
  // Photos and scans: cut short, flipped, with EXIF and TIFF directories that loop or point past the end, and sizes
  // no screen has.
  const image = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/images/${name}`, import.meta.url)));
  for (const name of ['scan.jpg', 'scan-2-pages.tif', 'scan.heic', 'scan.webp']) {
    for (const fraction of [0.05, 0.5]) {
      files.push({
        name: `truncated-${fraction}-${name}`,
        bytes: () => {
          const bytes = image(name);
          return bytes.subarray(0, Math.max(16, Math.floor(bytes.length * fraction)));
        },
      });
    }
    files.push({
      name: `corrupt-${name}`,
      bytes: () => {
        const bytes = image(name);
        const noise = randomBytes(name.length + 200, 64);
        for (let i = 0; i < noise.length; i++)
          bytes[12 + ((noise[i]! * 97 + i * 131) % (bytes.length - 12))] = noise[i]!;
        return bytes;
      },
    });
  }
  files.push({
    // A JPEG whose EXIF block says its first directory holds 65,535 entries, each pointing far past the file.
    name: 'exif-lies.jpg',
    bytes: () => {
      const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0xff, 0xff, ...Array.from({ length: 48 }, () => 0xff)];
      const app1 = [...utf8('Exif'), 0, 0, ...tiff];
      const length = app1.length + 2;
      return new Uint8Array([0xff, 0xd8, 0xff, 0xe1, length >> 8, length & 0xff, ...app1, 0xff, 0xd9]);
    },
  });
  files.push({
    // A TIFF whose directories chain into a loop of two.
    name: 'looping-directories.tif',
    bytes: () => new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0, 0, 14, 0, 0, 0, 0, 0, 8, 0, 0, 0]),
  });
  files.push({
    // A PNG header claiming 2³¹ − 1 pixels each way.
    name: 'enormous.png',
    bytes: () =>
      new Uint8Array([
        ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52],
        ...[0x7f, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 8, 0, 0, 0, 0, 0, 0, 0, 0],
      ]),
  });
  files.push({
    // An ISO box claiming four gigabytes of brands.
    name: 'endless-brands.heic',
    bytes: () =>
      new Uint8Array([0xff, 0xff, 0xff, 0xff, ...utf8('ftypmif1'), 0, 0, 0, 0, ...utf8('mif1heic'.repeat(2000))]),
  });

  // Recordings: cut short, flipped, an ID3 tag claiming 256 MB, an MP4 box claiming more than the file.
  const recording = (name: string) =>
    new Uint8Array(readFileSync(new URL(`../fixtures/recordings/${name}`, import.meta.url)));
  for (const name of ['voice.ogg', 'account.mp3', 'clip.mp4', 'clip.webm']) {
    files.push({ name: `truncated-${name}`, bytes: () => recording(name).subarray(0, 100) });
    files.push({
      name: `corrupt-${name}`,
      bytes: () => {
        const bytes = recording(name);
        const noise = randomBytes(name.length + 300, 64);
        for (let i = 0; i < noise.length; i++)
          bytes[12 + ((noise[i]! * 89 + i * 151) % (bytes.length - 12))] = noise[i]!;
        return bytes;
      },
    });
  }
  files.push({
    name: 'huge-id3.mp3',
    bytes: () => new Uint8Array([...utf8('ID3'), 4, 0, 0, 0x7f, 0x7f, 0x7f, 0x7f, ...new Uint8Array(64)]),
  });
  files.push({
    name: 'lying-box.m4a',
    bytes: () =>
      new Uint8Array([
        0,
        0,
        0,
        0x18,
        ...utf8('ftypM4A '),
        0,
        0,
        2,
        0,
        ...utf8('isom'),
        0xff,
        0xff,
        0xff,
        0xff,
        ...utf8('moov'),
      ]),
  });

  // WhatsApp chats: more days than entries allowed, dates no calendar has, a message line a megabyte long, and a
  // million lines of nothing but time stamps.
  files.push({
    name: 'WhatsApp Chat with endless.txt',
    bytes: () =>
      utf8(
        Array.from({ length: 12_000 }, (_, i) => {
          const day = new Date(Date.UTC(1990, 0, 1 + i)).toISOString().slice(0, 10).split('-').reverse().join('.');
          return `${day}, 10:00 - А: день ${i}`;
        }).join('\n'),
      ),
    expectCode: 'DECOMPRESSION_LIMIT',
  });
  files.push({
    name: 'WhatsApp Chat with impossible dates.txt',
    bytes: () =>
      utf8('31.02.2026, 10:00 - А: нет такого дня\n99.99.2026, 99:99 - Б: и такого\n30.02.2026, 10:00 - В: ещё\n'),
  });
  files.push({
    name: 'WhatsApp Chat with long line.txt',
    bytes: () => utf8(`05.12.2026, 10:00 - А: ${'задержан '.repeat(120_000)}\n05.12.2026, 10:01 - Б: да`),
  });
  files.push({
    name: 'WhatsApp Chat with stamps only.txt',
    bytes: () => utf8('05.12.2026, 10:00 - \n'.repeat(1_000_000)),
  });

  // Telegram exports: nested past any chat, and with every field of the wrong type.
  files.push({
    name: 'deep-telegram.json',
    bytes: () =>
      utf8(
        `{"name": "x", "type": "public_channel", "messages": [{"type": "message", "text": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`,
      ),
  });
  files.push({
    name: 'wrong-types-telegram.json',
    bytes: () =>
      utf8(
        '{"name": 5, "type": "public_channel", "id": {}, "messages": [null, 7, {"type": "message", "id": "x", "date": 3, "date_unixtime": "-1", "from": [], "text": {"a": 1}}, {"type": "message", "text": [null, 5, {"text": 9}, "ok"]}]}',
      ),
  });
  files.push({
    name: 'deep-telegram.html',
    bytes: () =>
      utf8(
        `<html><body><div class="page_wrap"><div class="message default" id="message1"><div class="body"><div class="text">${'<div>'.repeat(50_000)}x</div></div></div></div></body></html>`,
      ),
  });
  files.push({
    name: 'deep-div.html',
    bytes: () => utf8(`<html><body>${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}</body></html>`),
  });
  files.push({
    name: 'deep-unclosed.html',
    bytes: () => utf8(`<html><body>${'<b><i><span>'.repeat(10_000)}x</body></html>`),
  });
  files.push({
    name: 'deep-table.html',
    bytes: () => utf8(`<html><body>${'<table><tr><td>'.repeat(3000)}x</body></html>`),
  });
  files.push({
    name: 'huge-attribute.html',
    bytes: () => utf8(`<html><body><p title="${'a'.repeat(2_000_000)}">x</p></body></html>`),
  });
  files.push({
    name: 'comment-storm.html',
    bytes: () => utf8(`<html><body>${'<!-- c -->'.repeat(200_000)}<p>x</p></body></html>`),
  });
  files.push({
    name: 'bad-json-ld.html',
    bytes: () =>
      utf8(
        `<html><head><script type="application/ld+json">${'['.repeat(100_000)}</script></head><body><p>x</p></body></html>`,
      ),
  });
  files.push({
    name: 'entity-storm.html',
    bytes: () => utf8(`<html><body><p>${'&amp;&#x41;&#65;&nbsp;&bogus;'.repeat(100_000)}</p></body></html>`),
  });
  // E-mail.
  files.push({
    name: 'deep-multipart.eml',
    bytes: () => {
      let body = 'Content-Type: text/plain\r\n\r\ninnermost\r\n';
      for (let i = 0; i < 300; i++) {
        body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}--b${i}--\r\n`;
      }
      return utf8(`From: a@example.org\r\nTo: b@example.org\r\nSubject: deep\r\nMIME-Version: 1.0\r\n${body}`);
    },
  });
  files.push({
    name: 'many-attachments.eml',
    bytes: () => {
      const parts = Array.from(
        { length: 2000 },
        (_, i) =>
          `--B\r\nContent-Type: text/plain; charset=koi8-r\r\nContent-Disposition: attachment; filename="a${i}.txt"\r\n\r\nx\r\n`,
      );
      return utf8(
        `From: a@example.org\r\nTo: b@example.org\r\nSubject: many\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n${parts.join('')}--B--\r\n`,
      );
    },
  });
  files.push({
    name: 'garbage-base64.eml',
    bytes: () =>
      utf8(
        `From: a@example.org\r\nTo: b@example.org\r\nSubject: =?UTF-8?B?!!!notbase64?=\r\nDate: not a date\r\nContent-Type: text/plain; charset=x-unknown\r\nContent-Transfer-Encoding: base64\r\n\r\n${'@@@@'.repeat(1000)}\r\n`,
      ),
  });
  files.push({
    name: 'huge-header.eml',
    bytes: () => utf8(`From: a@example.org\r\nTo: b@example.org\r\nSubject: ${'x'.repeat(3_000_000)}\r\n\r\nbody`),
  });
  files.push({
    name: 'attachment-zip-bomb.eml',
    bytes: () =>
      utf8(
        `From: a@example.org\r\nTo: b@example.org\r\nSubject: bomb\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--B\r\nContent-Type: application/zip\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="bomb.zip"\r\n\r\n${base64Lines(declaredTenGigabyteBomb())}\r\n--B--\r\n`,
      ),
  });
  // Text edge cases.
  files.push({ name: 'empty', bytes: () => new Uint8Array() });
  files.push({ name: 'single-line-50mb.txt', bytes: () => new Uint8Array(50 * 1024 * 1024).fill(0x61) });
  files.push({ name: 'nul-1k', bytes: () => new Uint8Array(1024) });
  files.push({ name: 'nul-sprinkled.txt', bytes: () => utf8('Задержан\u0000 активист\u0000.'.repeat(200)) });
  files.push({ name: 'over-limit.bin', bytes: () => new Uint8Array(101 * 1024 * 1024), expectCode: 'TOO_LARGE' });
  const invalidUtf8: number[][] = [
    [0xc0, 0xaf],
    [0xe0, 0x80, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xff, 0xfe, 0xfd],
    [0x80, 0x80, 0x80],
    [0xe2, 0x82],
    [0xf0, 0x9f, 0x98],
  ];
  invalidUtf8.forEach((seq, i) => {
    files.push({
      name: `invalid-utf8-${i}.txt`,
      bytes: () => new Uint8Array([...utf8('Суд над Олегом '), ...seq, ...utf8(' продолжается.')]),
    });
    files.push({
      name: `invalid-utf8-only-${i}.txt`,
      bytes: () => new Uint8Array(Array.from({ length: 64 }, () => seq).flat()),
    });
  });
  for (let seed = 1; seed <= 25; seed++) {
    const sizes = [1, 3, 17, 256, 1024, 4096, 65_536, 1_500_000];
    files.push({ name: `random-${seed}.bin`, bytes: () => randomBytes(seed, sizes[seed % sizes.length]!) });
  }
  files.push({ name: 'utf16-odd-length.txt', bytes: () => new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]) });
  files.push({ name: 'bom-only.txt', bytes: () => new Uint8Array([0xef, 0xbb, 0xbf]) });
  files.push({ name: 'long-lines-markdown.md', bytes: () => utf8(`# ${'#'.repeat(100_000)}\n${'['.repeat(100_000)}`) });
  return files;
}

afterAll(async () => {
  await closeParseWorkers();
});

describe('hostile corpus', () => {
  const files = corpus();

  it('has at least 200 files', () => {
    expect(files.length).toBeGreaterThanOrEqual(200);
  });

  it('parses every file safely or refuses it with a parser error code', { timeout: 170_000 }, async () => {
    const outcomes: Array<{ name: string; outcome: string; ms: number }> = [];
    let index = 0;
    // Two at a time, as the worker pool allows, so slow files overlap.
    const run = async (): Promise<void> => {
      while (index < files.length) {
        const file = files[index++]!;
        const started = performance.now();
        let outcome: string;
        try {
          const doc = await parseDocument(await file.bytes(), { fileName: file.name, limits: LIMITS });
          expect(typeof doc.text).toBe('string');
          expect(Array.isArray(doc.children)).toBe(true);
          outcome = 'parsed';
        } catch (error) {
          if (!(error instanceof ChronicleError))
            throw new Error(`${file.name}: not a ChronicleError: ${String(error)}`);
          expect(ALLOWED.has(error.code), `${file.name}: ${error.code}`).toBe(true);
          expect(error.message).not.toContain('\n');
          outcome = error.code;
        }
        if (file.expectCode) expect(outcome, file.name).toBe(file.expectCode);
        outcomes.push({ name: file.name, outcome, ms: Math.round(performance.now() - started) });
      }
    };
    await Promise.all([run(), run()]);
    expect(outcomes.length).toBe(files.length);
    const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 5);
    const tally: Record<string, number> = {};
    for (const o of outcomes) tally[o.outcome] = (tally[o.outcome] ?? 0) + 1;
    console.info('hostile corpus outcomes', tally, 'slowest', slowest);
    // The process is alive and its heap is not bloated by what the workers held.
    expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);
  });
});
