/**
 * HEIC photos — what an iPhone's camera takes, and what a relative sends of a court ruling when the photo goes by
 * mail, AirDrop or a cloud folder rather than a messenger that turns it into JPEG — as a picture Tesseract reads,
 * which HEIC is not. Decoded by libheif compiled to WebAssembly (heic-decode), in a parse worker, so that a hostile
 * file costs a worker, never the process (`heicInWorker`). For OCR the picture comes out as 8-bit grayscale PGM: what
 * Leptonica reads, a third of the size of colour, and all OCR needs; for the page a person transcribes beside, as a
 * JPEG a browser shows.
 */
import { createRequire } from 'node:module';
import { ChronicleError, describeError } from '../shared/errors.js';
import { IMAGE_MEDIA_TYPES, imageDimensions, MAX_DECODED_PIXELS } from './image-kind.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './parse-types.js';

interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, four bytes a pixel, row after row. */
  data: Uint8ClampedArray;
}

type HeicDecode = (input: { buffer: Uint8Array }) => Promise<DecodedImage>;

/** Decoding a photo of 48 megapixels takes a few seconds and a few hundred megabytes. */
export const HEIC_LIMITS: ParseLimits = { ...DEFAULT_PARSE_LIMITS, timeoutMs: 120_000, maxMemoryMb: 1024 };

/** What a HEIC photo is turned into: grayscale PGM for Tesseract, or a JPEG a browser shows. */
export type HeicOutput = 'pgm' | 'jpeg';

/**
 * The photo's primary image as a binary PGM (P5) for OCR, or as a JPEG at most `PREVIEW_SIDE_PX` on its longer side
 * for a browser, which shows no HEIC. `await convertHeic(iphonePhoto, 'pgm')` → `P5\n4032 3024\n255\n…`.
 */
export async function convertHeic(bytes: Uint8Array, output: HeicOutput): Promise<Uint8Array> {
  const image = await decodeHeic(bytes);
  return output === 'pgm' ? grayscalePgm(image) : await previewJpeg(image);
}

/** A preview's longer side: a page photographed whole stays legible to transcribe. */
export const PREVIEW_SIDE_PX = 2400;

async function decodeHeic(bytes: Uint8Array): Promise<DecodedImage> {
  const declared = imageDimensions(bytes, IMAGE_MEDIA_TYPES.heic);
  if (declared && declared.width * declared.height > MAX_DECODED_PIXELS)
    throw new ChronicleError(
      'TOO_LARGE',
      `the HEIC photo is ${declared.width} × ${declared.height} pixels, more than is decoded (${MAX_DECODED_PIXELS / 1e6} million)`,
    );
  // CommonJS without types; its WebAssembly is loaded on first use, in the worker that decodes.
  const decode = createRequire(import.meta.url)('heic-decode') as HeicDecode;
  let image: DecodedImage;
  try {
    image = await decode({ buffer: bytes });
  } catch (error) {
    throw new ChronicleError('PARSE_FAILED', `the HEIC photo could not be decoded (${describeError(error)})`);
  }
  if (!image.width || !image.height || image.data.length < image.width * image.height * 4)
    throw new ChronicleError('PARSE_FAILED', 'the HEIC photo decoded to no picture');
  return image;
}

/** Transparent pixels count as white paper. */
function grayscalePgm({ width, height, data }: DecodedImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const pgm = new Uint8Array(header.length + width * height);
  pgm.set(header);
  for (let pixel = 0, at = header.length; pixel < width * height; pixel++, at++) {
    const i = pixel * 4;
    // ITU-R BT.601 luma, composited over white by the pixel's alpha.
    const luma = (299 * data[i]! + 587 * data[i + 1]! + 114 * data[i + 2]!) / 1000;
    const alpha = data[i + 3]!;
    pgm[at] = Math.round((luma * alpha + 255 * (255 - alpha)) / 255);
  }
  return pgm;
}

/** Scaled down by averaging each output pixel's square of input pixels, then encoded by jpeg-js. */
async function previewJpeg(image: DecodedImage): Promise<Uint8Array> {
  const { encode } = await import('jpeg-js');
  const step = Math.max(1, Math.ceil(Math.max(image.width, image.height) / PREVIEW_SIDE_PX));
  const width = Math.floor(image.width / step) || 1;
  const height = Math.floor(image.height / step) || 1;
  const scaled = new Uint8Array(width * height * 4);
  const area = step * step;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < step; dy++)
        for (let dx = 0; dx < step; dx++) {
          const i = ((y * step + dy) * image.width + x * step + dx) * 4;
          const alpha = image.data[i + 3]! / 255;
          r += image.data[i]! * alpha + 255 * (1 - alpha);
          g += image.data[i + 1]! * alpha + 255 * (1 - alpha);
          b += image.data[i + 2]! * alpha + 255 * (1 - alpha);
        }
      const o = (y * width + x) * 4;
      scaled[o] = r / area;
      scaled[o + 1] = g / area;
      scaled[o + 2] = b / area;
      scaled[o + 3] = 255;
    }
  return new Uint8Array(encode({ data: scaled, width, height }, 85).data);
}
