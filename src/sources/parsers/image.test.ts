import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectMediaType, MEDIA_TYPES, whyNotADocument } from '../detect.js';
import { imageMediaType, tiffPageCount } from '../image-kind.js';
import { parseDocumentInProcess } from '../parse.js';

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../test/fixtures/images/${name}`, import.meta.url)));
}

describe('photos and scans of documents', () => {
  it.each([
    ['scan.jpg', MEDIA_TYPES.jpeg],
    ['scan.png', MEDIA_TYPES.png],
    ['scan-2-pages.tif', MEDIA_TYPES.tiff],
    ['scan.webp', MEDIA_TYPES.webp],
    ['scan.heic', MEDIA_TYPES.heic],
    ['scan.avif', MEDIA_TYPES.avif],
    ['scan.gif', MEDIA_TYPES.gif],
    ['scan.bmp', MEDIA_TYPES.bmp],
  ])('%s is told by its bytes, whatever it is called, and kept flagged as needing OCR', async (name, mediaType) => {
    const bytes = fixture(name);
    expect(detectMediaType(bytes, 'report.txt')).toBe(mediaType);
    const doc = await parseDocumentInProcess(bytes, { fileName: 'report.txt' });
    expect(doc).toMatchObject({ mediaType, text: '', needsOcr: true, language: 'other', isContainer: false });
    expect(doc.warnings).toContain('an image: its text needs OCR or a transcription');
    expect(doc.metadata).toMatchObject({ width: expect.any(Number), height: expect.any(Number) });
  });

  it('gives a photo the moment it was taken, its camera, and where it was taken, with a warning about the place', async () => {
    const doc = await parseDocumentInProcess(fixture('scan.jpg'));
    // The camera wrote 14:05:09 at +03:00.
    expect(doc.publishedAt).toBe('2026-11-03T11:05:09.000Z');
    expect(doc.metadata).toEqual({
      width: 600,
      height: 800,
      takenAt: '2026:11:03 14:05:09+03:00',
      publishedAtSource: 'exif-date-taken',
      camera: 'ExampleCam Model 7',
      software: 'Chronicle fixture',
      location: { latitude: 51.5331, longitude: 46.0342 },
    });
    expect(doc.warnings).toContain(
      'the image records where it was taken (GPS): that place is in its metadata and its original, ' +
        'which can identify whoever took it',
    );
  });

  it('takes only the day from a time the camera wrote without its zone', async () => {
    const doc = await parseDocumentInProcess(fixture('scan.heic'));
    expect(doc.publishedAt).toBe('2026-10-30');
    expect(doc.metadata).toMatchObject({ takenAt: '2026:10:30 09:15:00', camera: 'PhoneMaker' });
    expect(doc.metadata).not.toHaveProperty('location');
  });

  it("counts a scanner's TIFF pages, and stops at a chain of directories that loops", () => {
    expect(tiffPageCount(fixture('scan-2-pages.tif'))).toBe(2);
    // Header, then a directory of no entries whose "next" points back at itself.
    const looping = new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0, 0, 8, 0, 0, 0]);
    expect(tiffPageCount(looping)).toBe(1);
  });

  it('keeps a damaged image, saying that its size could not be read', async () => {
    const truncated = fixture('scan.jpg').subarray(0, 40);
    const doc = await parseDocumentInProcess(truncated);
    expect(doc).toMatchObject({ mediaType: MEDIA_TYPES.jpeg, needsOcr: true, metadata: {} });
    expect(doc.warnings).toContain('the image is damaged or truncated: its size could not be read');
  });

  it('is not taken from text that starts like a bitmap, nor from video in the same container as HEIC', () => {
    expect(detectMediaType(new TextEncoder().encode('BM25 was detained on Monday.'))).toBe(MEDIA_TYPES.text);
    const mp4 = new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypisom'), 0, 0, 2, 0]);
    expect(imageMediaType(mp4)).toBeNull();
  });

  it('inside a message or an archive, a page is a document and a logo is not', () => {
    expect(whyNotADocument(fixture('scan.png'), 'photo.png')).toBeNull();
    expect(whyNotADocument(fixture('logo.png'), 'logo.png')).toBe(
      'an image of 32×32 px, too small to show a document (a logo or an icon)',
    );
  });
});
