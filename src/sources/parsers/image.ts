/**
 * A photo or scan of a document (a court decision photographed in the corridor, a summons sent from a phone, a
 * scanner's TIFF): kept byte for byte and flagged needsOcr, as a PDF without a text layer is, so that it can be
 * transcribed. Its text is empty; what the file says of itself — size, pages, when and with what it was taken, and
 * where, if the camera wrote it — goes into the metadata.
 */
import exifr from 'exifr';
import { isCalendarDay } from '../../shared/dates.js';
import { IMAGE_MEDIA_TYPES, type ImageMediaType, imageDimensions, tiffPageCount } from '../image-kind.js';
import { toIsoDate } from '../iso-date.js';
import type { ParserResult } from '../parse-types.js';

/** Formats that carry EXIF where exifr reads it; for the others it throws "Unknown file format". */
const EXIF_FORMATS = new Set<string>([
  IMAGE_MEDIA_TYPES.jpeg,
  IMAGE_MEDIA_TYPES.tiff,
  IMAGE_MEDIA_TYPES.heic,
  IMAGE_MEDIA_TYPES.heif,
  IMAGE_MEDIA_TYPES.avif,
  IMAGE_MEDIA_TYPES.png,
]);

interface ExifFields {
  DateTimeOriginal?: unknown;
  OffsetTimeOriginal?: unknown;
  CreateDate?: unknown;
  Make?: unknown;
  Model?: unknown;
  Software?: unknown;
  latitude?: unknown;
  longitude?: unknown;
}

export async function parseImage(bytes: Uint8Array, mediaType: ImageMediaType): Promise<ParserResult> {
  const warnings = ['an image: its text needs OCR or a transcription'];
  const size = imageDimensions(bytes);
  if (!size) warnings.push('the image is damaged or truncated: its size could not be read');
  const exif = EXIF_FORMATS.has(mediaType) ? await readExif(bytes, warnings) : {};

  const taken = takenAt(exif);
  const camera = [text(exif.Make), text(exif.Model)].filter(Boolean).join(' ') || null;
  const location = gpsLocation(exif);
  if (location)
    warnings.push(
      'the image records where it was taken (GPS): that place is in its metadata and its original, ' +
        'which can identify whoever took it',
    );
  const pageCount = mediaType === IMAGE_MEDIA_TYPES.tiff ? tiffPageCount(bytes) : null;
  return {
    text: '',
    needsOcr: true,
    encoding: null,
    publishedAt: taken?.publishedAt ?? null,
    metadata: {
      ...(size ? { width: size.width, height: size.height } : {}),
      ...(pageCount !== null && pageCount > 1 ? { pageCount } : {}),
      ...(taken ? { takenAt: taken.declared, publishedAtSource: 'exif-date-taken' } : {}),
      ...(camera ? { camera } : {}),
      ...(text(exif.Software) ? { software: text(exif.Software) } : {}),
      ...(location ? { location } : {}),
    },
    warnings,
  };
}

async function readExif(bytes: Uint8Array, warnings: string[]): Promise<ExifFields> {
  try {
    const fields: ExifFields | undefined = await exifr.parse(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
      {
        tiff: true,
        exif: true,
        gps: true,
        xmp: false,
        icc: false,
        iptc: false,
        jfif: false,
        ihdr: false,
        // Dates as written ('2026:11:03 14:05:09'): revived, they would be read in this server's time zone.
        reviveValues: false,
        translateValues: false,
        mergeOutput: true,
      },
    );
    return fields ?? {};
  } catch {
    warnings.push('the image metadata (EXIF) could not be read');
    return {};
  }
}

/**
 * When the picture was taken, by the camera's clock. With the offset the camera wrote, a moment; without one only the
 * day is sure, since the camera's time zone is unknown. `2026:11:03 14:05:09` with `+03:00` →
 * publishedAt '2026-11-03T11:05:09.000Z'; without → '2026-11-03'.
 */
function takenAt(exif: ExifFields): { declared: string; publishedAt: string | null } | null {
  const declared = text(exif.DateTimeOriginal) ?? text(exif.CreateDate);
  const m = declared ? /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(declared) : null;
  if (!declared || !m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isCalendarDay(day)) return { declared, publishedAt: null };
  const offset = text(exif.OffsetTimeOriginal);
  if (offset && /^[+-]\d{2}:\d{2}$/.test(offset))
    return { declared: `${declared}${offset}`, publishedAt: toIsoDate(`${day}T${m[4]}:${m[5]}:${m[6]}${offset}`) };
  return { declared, publishedAt: day };
}

function gpsLocation(exif: ExifFields): { latitude: number; longitude: number } | null {
  const { latitude, longitude } = exif;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180 || (latitude === 0 && longitude === 0)) return null;
  return { latitude: Number(latitude.toFixed(6)), longitude: Number(longitude.toFixed(6)) };
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\u0000+$/, '').trim();
  return trimmed === '' ? null : trimmed;
}
