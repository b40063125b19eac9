/**
 * Photos and scans of documents: which image format a file is, by its first bytes, and how large it is. Kept apart
 * from the image parser so that detection and the filtering of attachments need neither EXIF reading nor a worker.
 */
import { imageSize } from 'image-size';
import { asciiAt, startsWith } from './magic.js';

export const IMAGE_MEDIA_TYPES = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  webp: 'image/webp',
  /** iPhones' default since 2017: HEVC in an ISO-BMFF box (`ftypheic`). */
  heic: 'image/heic',
  /** The same container with another codec or none named (`ftypmif1`). */
  heif: 'image/heif',
  avif: 'image/avif',
  gif: 'image/gif',
  bmp: 'image/bmp',
} as const;

export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[keyof typeof IMAGE_MEDIA_TYPES];

const IMAGE_TYPE_SET = new Set<string>(Object.values(IMAGE_MEDIA_TYPES));

export function isImageMediaType(mediaType: string): mediaType is ImageMediaType {
  return IMAGE_TYPE_SET.has(mediaType);
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
/** The sizes of the Windows bitmap headers that BMP files carry (BITMAPCOREHEADER … BITMAPV5HEADER). */
const BMP_INFO_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

/**
 * The image format of the bytes, or null. `imageMediaType(jpegBytes)` → 'image/jpeg'. Two-letter magics (BMP's
 * "BM") would match ordinary text, so BMP counts only when the size it declares is the file's.
 */
export function imageMediaType(bytes: Uint8Array): ImageMediaType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return IMAGE_MEDIA_TYPES.jpeg;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return IMAGE_MEDIA_TYPES.png;
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return IMAGE_MEDIA_TYPES.tiff;
  if (asciiAt(bytes, 0, 4) === 'RIFF' && asciiAt(bytes, 8, 12) === 'WEBP') return IMAGE_MEDIA_TYPES.webp;
  if (asciiAt(bytes, 0, 6) === 'GIF87a' || asciiAt(bytes, 0, 6) === 'GIF89a') return IMAGE_MEDIA_TYPES.gif;
  if (asciiAt(bytes, 4, 8) === 'ftyp') return isoImageType(bytes);
  if (asciiAt(bytes, 0, 2) === 'BM' && bytes.length >= 26) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(2, true) === bytes.length && BMP_INFO_HEADER_SIZES.has(view.getUint32(14, true)))
      return IMAGE_MEDIA_TYPES.bmp;
  }
  return null;
}

/**
 * HEIC, HEIF or AVIF by the `ftyp` box's brands (ISO/IEC 14496-12 §4.3): the major brand, then the compatible ones,
 * for files whose major brand is the generic `mif1`. Other ISO-BMFF files (MP4 video, M4A audio) are not images.
 */
function isoImageType(bytes: Uint8Array): ImageMediaType | null {
  const boxSize = bytes.length >= 8 ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0) : 0;
  const end = Math.min(bytes.length, boxSize, 4096);
  const brands = [asciiAt(bytes, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(asciiAt(bytes, at, at + 4));
  if (AVIF_BRANDS.has(brands[0]!)) return IMAGE_MEDIA_TYPES.avif;
  if (HEIC_BRANDS.has(brands[0]!)) return IMAGE_MEDIA_TYPES.heic;
  if (brands[0] !== 'mif1' && brands[0] !== 'msf1') return null;
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return IMAGE_MEDIA_TYPES.avif;
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return IMAGE_MEDIA_TYPES.heic;
  return IMAGE_MEDIA_TYPES.heif;
}

export interface ImageDimensions {
  width: number;
  height: number;
}

/**
 * The largest picture decoded, for OCR or to show, in pixels: an A3 page at 600 dpi is 70 million. A file that
 * declares more (a decompression bomb, or no page at all) would take gigabytes to decode, and is left for a person.
 */
export const MAX_DECODED_PIXELS = 100_000_000;

/** Width and height in pixels as the file declares them (its first page or frame), or null if it cannot say. */
export function imageDimensions(bytes: Uint8Array, type = imageMediaType(bytes)): ImageDimensions | null {
  // image-size reads a TIFF only from a file on disk.
  if (type === IMAGE_MEDIA_TYPES.tiff) return tiffDimensions(bytes);
  try {
    const { width, height } = imageSize(bytes);
    return width && height && width > 0 && height > 0 ? { width, height } : null;
  } catch {
    return null;
  }
}

/** A TIFF's byte order and the offset of its first image directory (TIFF 6.0 §2), or null when too short. */
function tiffHeader(bytes: Uint8Array): { view: DataView; little: boolean; firstDirectory: number } | null {
  if (bytes.length < 8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  return { view, little, firstDirectory: view.getUint32(4, little) };
}

/** TIFF 6.0 §8: ImageWidth (tag 256) and ImageLength (257) of the first image directory, SHORT or LONG. */
function tiffDimensions(bytes: Uint8Array): ImageDimensions | null {
  const header = tiffHeader(bytes);
  if (!header || header.firstDirectory + 2 > bytes.length) return null;
  const { view, little, firstDirectory: directory } = header;
  const size = { width: 0, height: 0 };
  const entries = view.getUint16(directory, little);
  for (let i = 0; i < entries; i++) {
    const at = directory + 2 + i * 12;
    if (at + 12 > bytes.length) break;
    const tag = view.getUint16(at, little);
    const type = view.getUint16(at + 2, little);
    const value = type === 3 ? view.getUint16(at + 8, little) : type === 4 ? view.getUint32(at + 8, little) : 0;
    if (tag === 256) size.width = value;
    if (tag === 257) size.height = value;
  }
  return size.width > 0 && size.height > 0 ? size : null;
}

/** A scanner's multi-page TIFF past this many pages is counted no further. */
const MAX_COUNTED_PAGES = 10_000;

/**
 * Pages of a TIFF (a scanner's multi-page file): the chain of image directories (TIFF 6.0 §2), followed until it
 * ends, loops or leaves the file. Null when the header itself is unreadable.
 */
export function tiffPageCount(bytes: Uint8Array): number | null {
  const header = tiffHeader(bytes);
  if (!header) return null;
  const { view, little } = header;
  let offset = header.firstDirectory;
  const seen = new Set<number>();
  while (offset !== 0 && seen.size < MAX_COUNTED_PAGES) {
    if (seen.has(offset) || offset + 2 > bytes.length) break;
    seen.add(offset);
    const entries = view.getUint16(offset, little);
    const next = offset + 2 + entries * 12;
    if (next + 4 > bytes.length) break;
    offset = view.getUint32(next, little);
  }
  return seen.size;
}

/**
 * A page photographed or scanned at a size anyone could read takes hundreds of pixels each way; a logo in a
 * signature, an icon or a tracking pixel does not.
 */
export const MIN_DOCUMENT_IMAGE_SIDE = 300;

/**
 * Why an image inside a message or an archive is not taken as a document of its own, or null when it is (or is no
 * image). An image whose size cannot be read is taken: its parser says what is wrong with it.
 * `tooSmallForDocument(logoPng)` → 'an image of 32×32 px, too small to show a document (a logo or an icon)'.
 */
export function tooSmallForDocument(bytes: Uint8Array): string | null {
  const type = imageMediaType(bytes);
  if (!type) return null;
  const size = imageDimensions(bytes, type);
  if (!size || Math.min(size.width, size.height) >= MIN_DOCUMENT_IMAGE_SIDE) return null;
  return `an image of ${size.width}×${size.height} px, too small to show a document (a logo or an icon)`;
}
