/**
 * HEIC photos — what an iPhone's camera takes, and what a relative sends of a court ruling when the photo goes by
 * mail, AirDrop or a cloud folder rather than a messenger that turns it into JPEG — as a picture Tesseract reads,
 * which HEIC is not. Decoded by libheif compiled to WebAssembly (heic-decode), in a parse worker, so that a hostile
 * file costs a worker, never the process (`grayscaleInWorker`). The picture comes out as 8-bit grayscale PGM: what
 * Leptonica reads, a third of the size of colour, and all OCR needs.
 */
import { createRequire } from 'node:module';
import { ChronicleError, describeError } from '../shared/errors.js';

interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, four bytes a pixel, row after row. */
  data: Uint8ClampedArray;
}

type HeicDecode = (input: { buffer: Uint8Array }) => Promise<DecodedImage>;

/**
 * The photo's primary image as a binary PGM (P5): `heicToGrayscale(iphonePhoto)` → `P5\n4032 3024\n255\n…`.
 * Transparent pixels count as white paper.
 */
export async function heicToGrayscale(bytes: Uint8Array): Promise<Uint8Array> {
  // CommonJS without types; its WebAssembly is loaded on first use, in the worker that decodes.
  const decode = createRequire(import.meta.url)('heic-decode') as HeicDecode;
  let image: DecodedImage;
  try {
    image = await decode({ buffer: bytes });
  } catch (error) {
    throw new ChronicleError('PARSE_FAILED', `the HEIC photo could not be decoded (${describeError(error)})`);
  }
  const { width, height, data } = image;
  if (!width || !height || data.length < width * height * 4)
    throw new ChronicleError('PARSE_FAILED', 'the HEIC photo decoded to no picture');
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const pgm = new Uint8Array(header.length + width * height);
  pgm.set(header);
  for (let pixel = 0, at = header.length; pixel < width * height; pixel++, at++) {
    const i = pixel * 4;
    // ITU-R BT.601 luma, in integers, composited over white by the pixel's alpha.
    const luma = (299 * data[i]! + 587 * data[i + 1]! + 114 * data[i + 2]!) / 1000;
    const alpha = data[i + 3]!;
    pgm[at] = Math.round((luma * alpha + 255 * (255 - alpha)) / 255);
  }
  return pgm;
}
