import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePhotographedPdf } from '../../test/fixtures/documents.js';
import { findOcrEngine, type OcrEngine, ocrReads, recognize } from './ocr.js';

const image = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/images/${name}`, import.meta.url)));

// Tesseract is the machine's (apt: tesseract-ocr-rus, poppler-utils); CI installs it and must not skip these.
const engine = await findOcrEngine({});
if (!engine && process.env.CI === 'true') throw new Error('CI=true and no Tesseract with Russian data on this machine');
if (engine && !engine.turnsPages && process.env.CI === 'true')
  throw new Error('CI=true and no orientation data (tesseract-ocr-osd) for Tesseract on this machine');
if (engine && !(engine.ddjvu && engine.djvutxt) && process.env.CI === 'true')
  throw new Error('CI=true and no ddjvu or djvutxt (djvulibre-bin) here');

describe('finding the OCR program', () => {
  it('is off when asked, and absent when the program is', async () => {
    expect(await findOcrEngine({ CHRONICLE_OCR: 'off' })).toBeNull();
    expect(await findOcrEngine({ CHRONICLE_TESSERACT: '/nonexistent/tesseract' })).toBeNull();
  });
});

describe.skipIf(!engine)('reading scans with Tesseract', () => {
  let ocr: OcrEngine;
  beforeAll(() => {
    ocr = engine!;
  });

  it('names itself with the languages it reads', () => {
    expect(ocr.name).toMatch(/^tesseract \d+\.\d+(\.\d+)? \(rus(\+eng)?\)$/);
    expect([
      ocrReads(ocr, 'image/png'),
      ocrReads(ocr, 'image/heic'),
      ocrReads(ocr, 'image/avif'),
      ocrReads(ocr, 'audio/ogg'),
    ]).toEqual([true, true, true, false]);
  });

  it('reads a photographed page in Russian', async () => {
    const read = await recognize(ocr, image('ocr-ru.png'), 'image/png');
    expect(read).toMatchObject({ pages: 1, pagesLeft: 0 });
    expect(read.text).toContain('ПОСТАНОВЛЕНИЕ\nСуд арестовал Петра Вымышленного\nпо статье 280.3 УК РФ.');
  });

  it.skipIf(!engine?.turnsPages)(
    'turns a page upright before reading it: a phone photo on its side, a page upside down',
    async () => {
      // Stored on its side, with an EXIF tag saying to turn it 90° clockwise, as a phone stores a photo taken upright.
      const sideways = await recognize(ocr, image('ocr-ru-sideways.jpg'), 'image/jpeg');
      expect(sideways.text).toContain('Суд арестовал Петра Вымышленного');
      const upsideDown = await recognize(ocr, image('ocr-ru-upside-down.png'), 'image/png');
      expect(upsideDown.text).toContain('Суд арестовал Петра Вымышленного');
    },
  );

  it('reads HEIC and AVIF photos, decoded first in a worker since Tesseract reads neither', async () => {
    for (const [name, type] of [
      ['ocr-ru.heic', 'image/heic'],
      ['ocr-ru.avif', 'image/avif'],
    ] as const) {
      const read = await recognize(ocr, image(name), type);
      expect(read, name).toMatchObject({ pages: 1, pagesLeft: 0 });
      expect(read.text, name).toContain('Суд арестовал Петра Вымышленного');
    }
  });

  it('reads every page of a TIFF and of a PDF, a blank line between pages', async () => {
    const tiff = await recognize(ocr, image('scan-2-pages.tif'), 'image/tiff');
    expect(tiff.text.split('\n\n')).toHaveLength(2);
    expect(tiff.text).toMatch(/Page two$/);
    const pdf = await makePhotographedPdf([{ png: image('ocr-ru.png') }, { png: image('scan.png') }]);
    const read = await recognize(ocr, pdf, 'application/pdf');
    expect(read).toMatchObject({ pages: 2, pagesLeft: 0 });
    expect(read.text).toMatch(/^ПОСТАНОВЛЕНИЕ\n[\s\S]+\n\nInvented notice$/);
  });

  it.skipIf(!engine?.ddjvu)('reads every page of a DjVu document, drawn by ddjvu', async () => {
    const read = await recognize(ocr, image('scan-2-pages.djvu'), 'image/vnd.djvu');
    expect(read).toMatchObject({ pages: 2, pagesLeft: 0 });
    expect(read.text).toMatch(/^ПОСТАНОВЛЕНИЕ\nСуд арестовал Петра Вымышленного[\s\S]+\n\nInvented notice$/);
    const cut = image('scan-2-pages.djvu').slice(0, 600);
    await expect(recognize(ocr, cut, 'image/vnd.djvu')).rejects.toMatchObject({ code: 'PARSE_FAILED' });
  });

  it.skipIf(!engine?.djvutxt)('takes a DjVu page’s own text layer, and reads the pages without one', async () => {
    // Page 1 carries a text layer that says something other than its picture; page 2 has none.
    const read = await recognize(ocr, image('scan-text-layer.djvu'), 'image/vnd.djvu');
    expect(read).toMatchObject({
      pages: 2,
      pagesLeft: 0,
      reader: `${ocr.name} and djvutxt, from the DjVu file's own text layer`,
    });
    expect(read.text).toMatch(
      /^ПОСТАНОВЛЕНИЕ \(из текстового слоя\)\nСуд продлил арест Игнату Слоёву до 5 марта\.\n\nInvented notice$/,
    );
    const plain = await recognize(ocr, image('scan-2-pages.djvu'), 'image/vnd.djvu');
    expect(plain.reader).toBeUndefined();
  });

  it('fails with the reason on a file it cannot read, and refuses a type it does not read', async () => {
    // A PNG whose header is whole and whose picture is cut off: Tesseract's own refusal, with its reason.
    await expect(recognize(ocr, image('ocr-ru.png').slice(0, 200), 'image/png')).rejects.toMatchObject({
      code: 'PARSE_FAILED',
      message: expect.stringMatching(/^tesseract failed \(exit \d+\)/),
    });
    await expect(recognize(ocr, image('scan.gif'), 'image/x-icon')).rejects.toMatchObject({ code: 'UNSUPPORTED_TYPE' });
    const avif = image('ocr-ru.avif');
    await expect(recognize(ocr, avif.slice(0, avif.length - 3000), 'image/avif')).rejects.toMatchObject({
      code: 'PARSE_FAILED',
      message: expect.stringMatching(/^the AVIF photo (could not be decoded|decoded to no picture)/),
    });
    // A HEIC photo whose picture is cut off: the decoder's refusal, in the worker.
    const heic = image('ocr-ru.heic');
    await expect(recognize(ocr, heic.slice(0, heic.length - 4000), 'image/heic')).rejects.toMatchObject({
      code: 'PARSE_FAILED',
      message: expect.stringMatching(/^the HEIC photo could not be decoded/),
    });
    // A PNG that declares 20,000 × 20,000 pixels in a few bytes: refused before any program decodes it.
    const header = image('ocr-ru.png').slice(0, 33);
    new DataView(header.buffer).setUint32(16, 20_000);
    new DataView(header.buffer).setUint32(20, 20_000);
    await expect(recognize(ocr, header, 'image/png')).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: 'the image is 20000 × 20000 pixels, more than OCR reads (100 million)',
    });
  });
});
