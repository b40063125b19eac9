import { readFileSync } from 'node:fs';
import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';
import { shownCopy } from './browser-view.js';
import { convertPicture, PICTURE_LIMITS, PPM_MEDIA_TYPE, PREVIEW_SIDE_PX } from './pictures.js';
import { pictureInWorker } from './worker-pool.js';

const image = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/images/${name}`, import.meta.url)));
const HEIC = 'image/heic';
const TIFF = 'image/tiff';

/** The share of a picture's gray values under 100: ink on the page. */
function inkIn(pgm: Uint8Array, headerLength: number): number {
  const pixels = pgm.subarray(headerLength);
  return pixels.filter((gray) => gray < 100).length / pixels.length;
}

describe('HEIC photos', () => {
  it('become an 8-bit grayscale PGM of their full size for OCR, white paper staying white', async () => {
    const pgm = await convertPicture(image('ocr-ru.heic'), { mediaType: HEIC, output: 'pgm' });
    const header = 'P5\n1200 420\n255\n';
    expect(new TextDecoder().decode(pgm.subarray(0, header.length))).toBe(header);
    expect(pgm.length).toBe(header.length + 1200 * 420);
    // The page's top-left corner is paper; some of it is ink.
    expect(pgm[header.length]).toBeGreaterThan(240);
    expect(inkIn(pgm, header.length)).toBeGreaterThan(0.005);
  });

  it('become a JPEG a browser shows, scaled down past the preview size', async () => {
    const small = await convertPicture(image('scan.heic'), { mediaType: HEIC, output: 'jpeg' });
    expect(imageSize(small)).toMatchObject({ type: 'jpg', width: 600, height: 800 });
    const wide = await convertPicture(image('wide.heic'), { mediaType: HEIC, output: 'jpeg' });
    const size = imageSize(wide);
    expect(size.type).toBe('jpg');
    expect(Math.max(size.width!, size.height!)).toBeLessThanOrEqual(PREVIEW_SIDE_PX);
    expect(size.width! / size.height!).toBeCloseTo(5000 / 3000, 1);
  });

  it('refuse a photo that declares more pixels than is decoded, before decoding it', async () => {
    const huge = image('wide.heic');
    // Each 'ispe' box (ISO/IEC 23008-12 §6.5.3) gives an image's size after its version and flags.
    const ispe = Buffer.from(huge).indexOf('ispe');
    new DataView(huge.buffer).setUint32(ispe + 8, 60_000);
    new DataView(huge.buffer).setUint32(ispe + 12, 60_000);
    await expect(convertPicture(huge, { mediaType: HEIC, output: 'jpeg' })).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: 'the HEIC photo is 60000 × 60000 pixels, more than is decoded (100 million)',
    });
  });

  it('fail with the decoder’s reason, in the worker as here', async () => {
    const cut = image('ocr-ru.heic').slice(0, 2000);
    await expect(convertPicture(cut, { mediaType: HEIC, output: 'pgm' })).rejects.toMatchObject({
      code: 'PARSE_FAILED',
      message: expect.stringMatching(/^the HEIC photo could not be decoded \(.+\)$/),
    });
    await expect(pictureInWorker(cut, { mediaType: HEIC, output: 'jpeg' }, PICTURE_LIMITS)).rejects.toMatchObject({
      code: 'PARSE_FAILED',
    });
    const shown = await pictureInWorker(image('scan.heic'), { mediaType: HEIC, output: 'jpeg' }, PICTURE_LIMITS);
    expect(imageSize(shown)).toMatchObject({ width: 600 });
  });
});

describe('TIFF scans', () => {
  it('become a JPEG of the page asked for, fax compression decoded', async () => {
    const scan = image('scan-2-pages.tif');
    const pages = await Promise.all(
      [1, 2].map((page) => convertPicture(scan, { mediaType: TIFF, output: 'jpeg', page })),
    );
    for (const page of pages) expect(imageSize(page)).toMatchObject({ type: 'jpg', width: 600, height: 800 });
    // The two pages say different things: their pictures differ.
    expect(Buffer.compare(Buffer.from(pages[0]!), Buffer.from(pages[1]!))).not.toBe(0);
    const pgm = await convertPicture(scan, { mediaType: TIFF, output: 'pgm', page: 2 });
    expect(inkIn(pgm, 'P5\n600 800\n255\n'.length)).toBeGreaterThan(0);
  });

  it('say how many pages there are when asked for one past the last, and refuse damage with the reason', async () => {
    await expect(
      convertPicture(image('scan-2-pages.tif'), { mediaType: TIFF, output: 'jpeg', page: 3 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'the TIFF has 2 pages, not 3' });
    const damaged = image('scan-2-pages.tif').slice(0, 40);
    await expect(
      pictureInWorker(damaged, { mediaType: TIFF, output: 'jpeg', page: 1 }, PICTURE_LIMITS),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(PARSE_FAILED|NOT_FOUND)$/) });
  });
});

describe('pages ddjvu drew', () => {
  const ppm = (header: string, pixels: number[]) => Uint8Array.from([...new TextEncoder().encode(header), ...pixels]);

  it('become a JPEG from a binary PPM, its colours kept', async () => {
    const red = ppm('P6\n2 1\n255\n', [255, 0, 0, 255, 0, 0]);
    const jpeg = await convertPicture(red, { mediaType: PPM_MEDIA_TYPE, output: 'jpeg' });
    expect(imageSize(jpeg)).toMatchObject({ type: 'jpg', width: 2, height: 1 });
    const gray = await convertPicture(red, { mediaType: PPM_MEDIA_TYPE, output: 'pgm' });
    expect(new TextDecoder().decode(gray.subarray(0, 11))).toBe('P5\n2 1\n255\n');
  });

  it('refuse a picture of other depth, one cut short, and one larger than is decoded', async () => {
    const convert = (bytes: Uint8Array) => convertPicture(bytes, { mediaType: PPM_MEDIA_TYPE, output: 'jpeg' });
    await expect(convert(ppm('P6\n1 1\n65535\n', [0, 0, 0, 0, 0, 0]))).rejects.toThrow(/no picture of eight bits/);
    await expect(convert(ppm('P5\n1 1\n255\n', [0]))).rejects.toMatchObject({ code: 'PARSE_FAILED' });
    await expect(convert(ppm('P6\n4 4\n255\n', [1, 2, 3]))).rejects.toThrow('the drawn page is cut short');
    await expect(convert(ppm('P6\n20000 20000\n255\n', []))).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });
});

describe('pictures shown to a browser', () => {
  it('are made once while asked again, by page, and the last few kept', async () => {
    const photo = { bytes: image('scan.heic'), sha256: 'a'.repeat(64), mediaType: HEIC };
    const first = shownCopy(photo);
    expect(shownCopy(photo)).toBe(first);
    expect(imageSize(await first)).toMatchObject({ type: 'jpg', width: 600, height: 800 });
    const scan = { bytes: image('scan-2-pages.tif'), sha256: 'b'.repeat(64), mediaType: TIFF };
    expect(shownCopy(scan, 2)).not.toBe(shownCopy(scan, 1));
    // Eight other pictures later, the photo's is made again.
    const others = Array.from({ length: 8 }, (_, i) =>
      shownCopy({ bytes: image('scan.heic'), sha256: `${i}`.repeat(64), mediaType: HEIC }),
    );
    expect(shownCopy(photo)).not.toBe(first);
    await Promise.all([...others, shownCopy(scan, 1), shownCopy(scan, 2)]);
  });
});
