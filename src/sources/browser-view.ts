/**
 * How a browser can show a source's original beside its text: the formats every browser the web UI supports decodes
 * as a picture or plays as sound or video, and PDF, whose pages the web UI draws with pdf.js (never the browser's own
 * viewer: the route sends a PDF as an attachment). A HEIC photo, which only Safari shows, and a TIFF scan's pages,
 * which no browser shows, are sent as JPEGs made from them (`shownConverted`), as is a DjVu document's page, drawn by
 * djvulibre's ddjvu where it is installed. AMR, 3GP, QuickTime, Matroska and AVI are downloaded instead. One list for
 * the route that serves them (GET /api/v1/sources/:id/media) and the page that shows them.
 */
import { ChronicleError } from '../shared/errors.js';
import { IMAGE_MEDIA_TYPES } from './image-kind.js';
import { DJVU_MEDIA_TYPE, djvuPageCount } from './parsers/djvu.js';
import { PICTURE_LIMITS, PPM_MEDIA_TYPE, PREVIEW_SIDE_PX, SHOWN_CONVERTED } from './pictures.js';
import { onPathNow, runProgram } from './programs.js';
import { pictureInWorker } from './worker-pool.js';

const BROWSER_VIEWS: Readonly<Record<string, BrowserView>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'image/avif': 'image',
  'image/bmp': 'image',
  'image/heic': 'image',
  'image/heif': 'image',
  'image/tiff': 'image',
  'audio/ogg': 'audio',
  'audio/mpeg': 'audio',
  'audio/wav': 'audio',
  'audio/mp4': 'audio',
  'audio/flac': 'audio',
  'video/mp4': 'video',
  'video/webm': 'video',
};

export type BrowserView = 'image' | 'audio' | 'video' | 'pdf';

/** `browserViewOf('audio/ogg')` → 'audio'; `browserViewOf('application/zip')` → null. */
export function browserViewOf(mediaType: string): BrowserView | null {
  if (mediaType === DJVU_MEDIA_TYPE) return onPathNow('ddjvu') ? 'image' : null;
  return Object.hasOwn(BROWSER_VIEWS, mediaType) ? BROWSER_VIEWS[mediaType]! : null;
}

/** Types a browser is sent a JPEG of rather than the original: `shownConverted('image/heic')` → true. */
export function shownConverted(mediaType: string): boolean {
  return SHOWN_CONVERTED.has(mediaType) || mediaType === DJVU_MEDIA_TYPE;
}

/** Types shown a page at a time (`?page=N` on the media route). */
export function shownByPage(mediaType: string): boolean {
  return mediaType === IMAGE_MEDIA_TYPES.tiff || mediaType === DJVU_MEDIA_TYPE;
}

/**
 * The JPEG a browser is shown of a HEIC photo or a TIFF's page, made in a parse worker. The last few are kept in
 * memory (never on disk), and a picture asked for again while its JPEG is being made waits for that one: a page
 * reloaded, or a viewer asking again and again, would otherwise hold the parse worker that ingestion needs.
 */
export function shownCopy(
  original: { bytes: Uint8Array; sha256: string; mediaType: string },
  page = 1,
): Promise<Uint8Array> {
  const key = `${original.sha256}:${page}`;
  const kept = shownCopies.get(key);
  if (kept) {
    shownCopies.delete(key);
    shownCopies.set(key, kept);
    return kept;
  }
  const made =
    original.mediaType === DJVU_MEDIA_TYPE
      ? djvuPageJpeg(original.bytes, page)
      : pictureInWorker(original.bytes, { mediaType: original.mediaType, output: 'jpeg', page }, PICTURE_LIMITS);
  shownCopies.set(key, made);
  made.catch(() => shownCopies.delete(key));
  for (const oldest of shownCopies.keys()) {
    if (shownCopies.size <= SHOWN_COPIES_KEPT) break;
    shownCopies.delete(oldest);
  }
  return made;
}

const SHOWN_COPIES_KEPT = 8;
const shownCopies = new Map<string, Promise<Uint8Array>>();

/** A DjVu page drawn by ddjvu, in colour at the preview's size, then made a JPEG in a parse worker. */
async function djvuPageJpeg(bytes: Uint8Array, page: number): Promise<Uint8Array> {
  const pages = djvuPageCount(bytes);
  if (page > pages)
    throw new ChronicleError('NOT_FOUND', `the DjVu document has ${pages} page${pages === 1 ? '' : 's'}, not ${page}`);
  const side = `${PREVIEW_SIDE_PX}x${PREVIEW_SIDE_PX}`;
  const drawn = await runProgram(
    'ddjvu',
    ['-format=ppm', `-page=${page}`, `-size=${side}`, '-', '-'],
    bytes,
    PICTURE_LIMITS.timeoutMs,
    PREVIEW_SIDE_PX * PREVIEW_SIDE_PX * 3 + 64,
  );
  return pictureInWorker(drawn, { mediaType: PPM_MEDIA_TYPE, output: 'jpeg' }, PICTURE_LIMITS);
}
