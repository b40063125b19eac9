/**
 * Pictures a browser or Tesseract does not take as they are, turned into ones they do, in a parse worker so that a
 * hostile file costs a worker, never the process (`pictureInWorker`):
 * - HEIC photos — what an iPhone's camera takes, and what a relative sends of a court ruling when the photo goes by
 *   mail, AirDrop or a cloud folder rather than a messenger that turns it into JPEG. Tesseract does not read them and
 *   only Safari shows them. Decoded by libheif compiled to WebAssembly (heic-decode).
 * - AVIF photos (an option of newer Android phones): browsers show them, Tesseract does not read them. Decoded by
 *   libavif with dav1d compiled to WebAssembly (@jsquash/avif, from Google's Squoosh).
 * - TIFF scans, one page at a time: Tesseract reads them, but no browser shows them. Decoded by UTIF (utif2), fax
 *   compression (CCITT Group 3 and 4) included.
 * - A DjVu page, once djvulibre's ddjvu has drawn it as a PPM (browser-view.ts): for a browser, which shows no DjVu.
 * For OCR a picture comes out as 8-bit grayscale PGM: what Leptonica reads, a third of the size of colour, and all OCR
 * needs; for the page a person transcribes beside, as a JPEG a browser shows.
 */
import { readFile } from 'node:fs/promises';
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

/**
 * Decoding a photo of 48 megapixels takes a few seconds. Its pixels live outside V8's heap (WebAssembly's memory, typed
 * arrays), so the parse's heap limit stands, and the worker ingestion keeps warm serves it rather than being replaced
 * by one with other limits.
 */
export const PICTURE_LIMITS: ParseLimits = { ...DEFAULT_PARSE_LIMITS, timeoutMs: 120_000 };

/** A picture ddjvu drew: binary PPM (P6), eight bits a channel. */
export const PPM_MEDIA_TYPE = 'image/x-portable-pixmap';

/** A picture to convert: a HEIC or AVIF photo, a page of a TIFF (from 1), or a PPM ddjvu drew. */
export interface PictureRequest {
  mediaType: string;
  output: 'pgm' | 'jpeg';
  page?: number;
}

/** The types converted here for a browser, which shows neither. */
export const SHOWN_CONVERTED: ReadonlySet<string> = new Set([
  IMAGE_MEDIA_TYPES.heic,
  IMAGE_MEDIA_TYPES.heif,
  IMAGE_MEDIA_TYPES.tiff,
]);

/** The types converted here for Tesseract, which does not read them (it reads TIFF itself). */
export const READ_CONVERTED: ReadonlySet<string> = new Set([
  IMAGE_MEDIA_TYPES.heic,
  IMAGE_MEDIA_TYPES.heif,
  IMAGE_MEDIA_TYPES.avif,
]);

/**
 * The picture as a binary PGM (P5) for OCR, or as a JPEG at most `PREVIEW_SIDE_PX` on its longer side for a browser.
 * `await convertPicture(iphonePhoto, { mediaType: 'image/heic', output: 'pgm' })` → `P5\n4032 3024\n255\n…`.
 */
export async function convertPicture(bytes: Uint8Array, request: PictureRequest): Promise<Uint8Array> {
  const image = await decodePicture(bytes, request);
  return request.output === 'pgm' ? grayscalePgm(image) : await previewJpeg(image);
}

async function decodePicture(bytes: Uint8Array, { mediaType, page = 1 }: PictureRequest): Promise<DecodedImage> {
  switch (mediaType) {
    case IMAGE_MEDIA_TYPES.tiff:
      return decodeTiffPage(bytes, page);
    case IMAGE_MEDIA_TYPES.avif:
      return decodeAvif(bytes);
    case IMAGE_MEDIA_TYPES.heic:
    case IMAGE_MEDIA_TYPES.heif:
      return decodeHeic(bytes);
    case PPM_MEDIA_TYPE:
      return decodePpm(bytes);
    default:
      throw new ChronicleError('UNSUPPORTED_TYPE', `${mediaType} is not converted here`);
  }
}

/** A preview's longer side: a page photographed whole stays legible to transcribe. */
export const PREVIEW_SIDE_PX = 2400;

function refuseOverSize(width: number, height: number, what: string): void {
  if (width * height > MAX_DECODED_PIXELS)
    throw new ChronicleError(
      'TOO_LARGE',
      `${what} is ${width} × ${height} pixels, more than is decoded (${MAX_DECODED_PIXELS / 1e6} million)`,
    );
}

/**
 * One page of a TIFF, its size checked before its pixels are decoded. UTIF gives bilevel and grayscale pages as RGBA
 * too, white as white.
 */
function decodeTiffPage(bytes: Uint8Array, page: number): DecodedImage {
  const UTIF = createRequire(import.meta.url)('utif2') as typeof import('utif2');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    // Thumbnails and other images a page carries are in sub-directories: UTIF lists pages at the top level.
    const pages = UTIF.decode(buffer).filter((ifd) => ifd.t256 !== undefined && ifd.t257 !== undefined);
    const ifd = pages[page - 1];
    if (!ifd)
      throw new ChronicleError(
        'NOT_FOUND',
        `the TIFF has ${pages.length} page${pages.length === 1 ? '' : 's'}, not ${page}`,
      );
    refuseOverSize(Number((ifd.t256 as number[])[0]), Number((ifd.t257 as number[])[0]), `page ${page} of the TIFF`);
    UTIF.decodeImage(buffer, ifd);
    const data = new Uint8ClampedArray(UTIF.toRGBA8(ifd).buffer);
    if (!ifd.width || !ifd.height || data.length < ifd.width * ifd.height * 4)
      throw new ChronicleError('PARSE_FAILED', `page ${page} of the TIFF decoded to no picture`);
    return { width: ifd.width, height: ifd.height, data };
  } catch (error) {
    if (error instanceof ChronicleError) throw error;
    throw new ChronicleError('PARSE_FAILED', `the TIFF could not be decoded (${describeError(error)})`);
  }
}

/** A binary PPM: `P6`, its width, height and largest value (≤ 255) apart by blank space, then RGB row after row. */
function decodePpm(bytes: Uint8Array): DecodedImage {
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 64)));
  if (!header || Number(header[3]) > 255 || Number(header[3]) === 0)
    throw new ChronicleError('PARSE_FAILED', 'the page was drawn as no picture of eight bits a channel');
  const width = Number(header[1]);
  const height = Number(header[2]);
  refuseOverSize(width, height, 'the drawn page');
  const start = header[0].length;
  if (bytes.length < start + width * height * 3)
    throw new ChronicleError('PARSE_FAILED', 'the drawn page is cut short');
  const data = new Uint8ClampedArray(width * height * 4);
  for (let pixel = 0, at = start; pixel < width * height; pixel++, at += 3) {
    data[pixel * 4] = bytes[at]!;
    data[pixel * 4 + 1] = bytes[at + 1]!;
    data[pixel * 4 + 2] = bytes[at + 2]!;
    data[pixel * 4 + 3] = 255;
  }
  return { width, height, data };
}

async function decodeAvif(bytes: Uint8Array): Promise<DecodedImage> {
  const declared = imageDimensions(bytes, IMAGE_MEDIA_TYPES.avif);
  if (declared) refuseOverSize(declared.width, declared.height, 'the AVIF photo');
  const { default: decode, init } = await import('@jsquash/avif/decode.js');
  // Emscripten would fetch its WebAssembly by URL, which Node's fetch does not take for a file: it is handed over.
  avifReady ??= readFile(createRequire(import.meta.url).resolve('@jsquash/avif/codec/dec/avif_dec.wasm')).then(
    (wasmBinary) =>
      init({
        wasmBinary: wasmBinary.buffer.slice(
          wasmBinary.byteOffset,
          wasmBinary.byteOffset + wasmBinary.byteLength,
        ) as ArrayBuffer,
      }),
  );
  await avifReady;
  let image: { width: number; height: number; data: Uint8ClampedArray } | null;
  try {
    image = await decode(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    throw new ChronicleError('PARSE_FAILED', `the AVIF photo could not be decoded (${describeError(error)})`);
  }
  if (!image?.width || !image.height || image.data.length < image.width * image.height * 4)
    throw new ChronicleError('PARSE_FAILED', 'the AVIF photo decoded to no picture');
  return image;
}

let avifReady: Promise<void> | null = null;

async function decodeHeic(bytes: Uint8Array): Promise<DecodedImage> {
  const declared = imageDimensions(bytes, IMAGE_MEDIA_TYPES.heic);
  if (declared) refuseOverSize(declared.width, declared.height, 'the HEIC photo');
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
