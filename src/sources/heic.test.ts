import { readFileSync } from 'node:fs';
import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';
import { shownCopy } from './browser-view.js';
import { convertHeic, HEIC_LIMITS, PREVIEW_SIDE_PX } from './heic.js';
import { heicInWorker } from './worker-pool.js';

const image = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/images/${name}`, import.meta.url)));

describe('HEIC photos', () => {
  it('become an 8-bit grayscale PGM of their full size for OCR, white paper staying white', async () => {
    const pgm = await convertHeic(image('ocr-ru.heic'), 'pgm');
    const header = 'P5\n1200 420\n255\n';
    expect(new TextDecoder().decode(pgm.subarray(0, header.length))).toBe(header);
    expect(pgm.length).toBe(header.length + 1200 * 420);
    // The page's top-left corner is paper; somewhere in it is ink.
    expect(pgm[header.length]).toBeGreaterThan(240);
    expect(pgm.subarray(header.length).some((gray) => gray < 60)).toBe(true);
  });

  it('become a JPEG a browser shows, scaled down past the preview size', async () => {
    const small = await convertHeic(image('scan.heic'), 'jpeg');
    expect(imageSize(small)).toMatchObject({ type: 'jpg', width: 600, height: 800 });
    const wide = await convertHeic(image('wide.heic'), 'jpeg');
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
    await expect(convertHeic(huge, 'jpeg')).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: 'the HEIC photo is 60000 × 60000 pixels, more than is decoded (100 million)',
    });
  });

  it('fail with the decoder’s reason, in the worker as here', async () => {
    const cut = image('ocr-ru.heic').slice(0, 2000);
    await expect(convertHeic(cut, 'pgm')).rejects.toMatchObject({
      code: 'PARSE_FAILED',
      message: expect.stringMatching(/^the HEIC photo could not be decoded \(.+\)$/),
    });
    await expect(heicInWorker(cut, 'jpeg', HEIC_LIMITS)).rejects.toMatchObject({ code: 'PARSE_FAILED' });
    expect(imageSize(await heicInWorker(image('scan.heic'), 'jpeg', HEIC_LIMITS))).toMatchObject({ width: 600 });
  });

  it('are made once for a browser while asked again, and the last few kept', async () => {
    const photo = { bytes: image('scan.heic'), sha256: 'a'.repeat(64) };
    const first = shownCopy(photo);
    expect(shownCopy(photo)).toBe(first);
    expect(imageSize(await first)).toMatchObject({ type: 'jpg', width: 600, height: 800 });
    // Eight other photos later, it is made again.
    const others = Array.from({ length: 8 }, (_, i) =>
      shownCopy({ bytes: image('scan.heic'), sha256: `${i}`.repeat(64) }),
    );
    expect(shownCopy(photo)).not.toBe(first);
    await Promise.all(others);
  });
});
