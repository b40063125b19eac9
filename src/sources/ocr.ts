/**
 * Optical character recognition of scans and photos with the machine's own Tesseract (Debian: `apt install
 * tesseract-ocr-rus tesseract-ocr-eng`, and `poppler-utils` for PDFs). Nothing is downloaded: without the program,
 * or with CHRONICLE_OCR=off, there is no engine and scans wait for a person's transcription, as before.
 *
 * The original never touches the disk decrypted: it goes to the programs on standard input and its pages come back on
 * standard output. Each program runs with a time limit and bounded output, as a parser does in its worker.
 */
import { ChronicleError } from '../shared/errors.js';
import { imageDimensions, MAX_DECODED_PIXELS } from './image-kind.js';
import { DJVU_MEDIA_TYPE, djvuPageCount, djvuTextLayer, joinPageTexts } from './parsers/djvu.js';
import { PICTURE_LIMITS, READ_CONVERTED } from './pictures.js';
import { onPath, runProgram as run } from './programs.js';
import { pictureInWorker } from './worker-pool.js';

/** `source_texts.extractor` of a text an OCR program read off the original. */
export const OCR_EXTRACTOR = 'ocr';
/** The job kind that reads a source by OCR (src/record/ocr-job.ts), and its one job a source: `ocr:<source id>`. */
export const OCR_JOB = 'ocr';
export const ocrJobKey = (sourceId: string) => `${OCR_JOB}:${sourceId}`;

/** Tesseract's names of the languages Chronicle reads, in the order they are given to it. */
const LANGUAGES = ['rus', 'eng'];
/** A scan longer than this is read in part; the rest waits for a person (the text says where it stops). */
export const MAX_OCR_PAGES = 300;
const PAGE_TIMEOUT_MS = 120_000;
const MAX_PAGE_TEXT_BYTES = 1024 * 1024;
const MAX_PAGE_IMAGE_BYTES = 64 * 1024 * 1024;
/**
 * A PDF's page is drawn with its longer side this many pixels: an A4 page at 300 dpi, what Tesseract reads best. A
 * fixed size rather than a resolution, so a page declared a hundred metres wide cannot make a picture of gigabytes.
 */
const PAGE_LONGER_SIDE_PX = 3508;
/** The largest picture given to Tesseract, in pixels (image-kind.ts says why). */
export const MAX_OCR_PIXELS = MAX_DECODED_PIXELS;

/** What Tesseract reads directly (Leptonica's formats); HEIC and AVIF are decoded first (pictures.ts). */
const TESSERACT_IMAGES = new Set(['image/jpeg', 'image/png', 'image/tiff', 'image/webp', 'image/bmp', 'image/gif']);

export interface OcrEngine {
  /** 'tesseract 5.3.0 (rus+eng)': recorded with each text it read. */
  name: string;
  version: string;
  languages: string[];
  tesseract: string;
  /**
   * Tesseract's orientation data (`osd`) is installed: each page is turned upright before it is read. A phone's
   * photo taken upright is often stored on its side with an EXIF tag saying so, which Tesseract does not read, and a
   * page is scanned upside down as often as not; read as they lie, both gave noise.
   */
  turnsPages: boolean;
  /** poppler's pdftocairo and pdfinfo, when installed: PDFs are read too. */
  poppler: { pdftocairo: string; pdfinfo: string } | null;
  /** djvulibre's ddjvu, when installed: DjVu scans are read too. */
  ddjvu: string | null;
  /** djvulibre's djvutxt, which comes with ddjvu: a DjVu page's own text layer is taken instead of reading it. */
  djvutxt: string | null;
}

/**
 * The machine's OCR engine, or null without one: `tesseract` (CHRONICLE_TESSERACT names another) with Russian or
 * English data. CHRONICLE_OCR=off turns it off.
 */
export async function findOcrEngine(env: NodeJS.ProcessEnv = process.env): Promise<OcrEngine | null> {
  if (/^(off|false|0|no)$/i.test(env.CHRONICLE_OCR ?? '')) return null;
  const tesseract = env.CHRONICLE_TESSERACT || 'tesseract';
  let version: string;
  let available: string[];
  try {
    version =
      /tesseract\s+v?([\d.]+)/i.exec((await run(tesseract, ['--version'], null, 10_000)).toString())?.[1] ?? '?';
    available = (await run(tesseract, ['--list-langs'], null, 10_000)).toString().split(/\s+/);
  } catch {
    return null;
  }
  const languages = LANGUAGES.filter((language) => available.includes(language));
  if (languages.length === 0) return null;
  const poppler =
    (await runs('pdftocairo', ['-v'])) && (await runs('pdfinfo', ['-v']))
      ? { pdftocairo: 'pdftocairo', pdfinfo: 'pdfinfo' }
      : null;
  return {
    name: `tesseract ${version} (${languages.join('+')})`,
    version,
    languages,
    tesseract,
    turnsPages: available.includes('osd'),
    poppler,
    ddjvu: onPath('ddjvu', env) ? 'ddjvu' : null,
    djvutxt: onPath('djvutxt', env) ? 'djvutxt' : null,
  };
}

async function runs(command: string, args: string[]): Promise<boolean> {
  try {
    await run(command, args, null, 10_000);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `engine` reads files of `mediaType`: the images Tesseract reads, HEIC and AVIF photos once decoded, and
 * PDFs with poppler beside it.
 */
export function ocrReads(engine: OcrEngine, mediaType: string): boolean {
  return (
    TESSERACT_IMAGES.has(mediaType) ||
    READ_CONVERTED.has(mediaType) ||
    (mediaType === 'application/pdf' && engine.poppler !== null) ||
    (mediaType === DJVU_MEDIA_TYPE && engine.ddjvu !== null)
  );
}

export interface Recognized {
  /** The pages' texts, a blank line between pages; '' when nothing was read. */
  text: string;
  pages: number;
  /** Pages of a PDF past MAX_OCR_PAGES, not read. */
  pagesLeft: number;
  /**
   * What read the text, when not the engine alone: a DjVu document's own text layer, for some pages or all
   * (`DJVU_TEXT_LAYER`). Recorded with the text, as the engine's name is.
   */
  reader?: string;
}

/** How a text taken from a DjVu document's own text layer is said to have been read. */
export const DJVU_TEXT_LAYER = "djvutxt, from the DjVu file's own text layer";

/**
 * Reads the text off an image (every page of a TIFF) or a PDF's or a DjVu document's pages, page by page.
 * `await recognize(engine, png, 'image/png')` → `{ text: 'ПОСТАНОВЛЕНИЕ\nСуд арестовал…', pages: 1, pagesLeft: 0 }`.
 */
export async function recognize(engine: OcrEngine, bytes: Uint8Array, mediaType: string): Promise<Recognized> {
  if (!ocrReads(engine, mediaType))
    throw new ChronicleError('UNSUPPORTED_TYPE', `${engine.name} does not read ${mediaType}`);
  if (mediaType === DJVU_MEDIA_TYPE) return recognizeDjvu(engine, bytes);
  if (mediaType !== 'application/pdf') {
    const size = imageDimensions(bytes);
    if (!size)
      throw new ChronicleError('PARSE_FAILED', 'the image does not say its size: it is left for a person to read');
    if (size.width * size.height > MAX_OCR_PIXELS)
      throw new ChronicleError(
        'TOO_LARGE',
        `the image is ${size.width} × ${size.height} pixels, more than OCR reads (${MAX_OCR_PIXELS / 1e6} million)`,
      );
    const readable = READ_CONVERTED.has(mediaType)
      ? await pictureInWorker(bytes, { mediaType, output: 'pgm' }, PICTURE_LIMITS)
      : bytes;
    const text = await readImage(engine, readable);
    return { text, pages: 1, pagesLeft: 0 };
  }
  const poppler = engine.poppler!;
  const info = (await run(poppler.pdfinfo, ['-'], bytes, 30_000)).toString();
  const total = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  const side = String(PAGE_LONGER_SIDE_PX);
  return readDrawnPages(engine, total, (page) =>
    run(
      poppler.pdftocairo,
      ['-f', String(page), '-l', String(page), '-scale-to', side, '-gray', '-png', '-singlefile', '-', '-'],
      bytes,
      PAGE_TIMEOUT_MS,
      MAX_PAGE_IMAGE_BYTES,
    ),
  );
}

/**
 * A DjVu document's pages: each page's own text layer where it has one (a scanner's OCR, often better than ours, as
 * it read the page before it was compressed), the others drawn by ddjvu as grayscale at the size a PDF's page is drawn
 * and read. A text layer djvutxt cannot print (a damaged file) is as none: every page is read.
 */
async function recognizeDjvu(engine: OcrEngine, bytes: Uint8Array): Promise<Recognized> {
  const side = String(PAGE_LONGER_SIDE_PX);
  const total = djvuPageCount(bytes);
  const layer = engine.djvutxt ? await djvuTextLayer(bytes, PAGE_TIMEOUT_MS) : [];
  const ownText = (page: number) => {
    const text = layer[page - 1]?.trim();
    return text ? text : null;
  };
  const read = await readDrawnPages(
    engine,
    total,
    async (page) => {
      const image = await run(
        engine.ddjvu!,
        ['-format=pgm', `-page=${page}`, `-size=${side}x${side}`, '-', '-'],
        bytes,
        PAGE_TIMEOUT_MS,
        MAX_PAGE_IMAGE_BYTES,
      );
      if (image.length === 0) throw new ChronicleError('PARSE_FAILED', `ddjvu drew nothing of page ${page}`);
      return image;
    },
    ownText,
  );
  const fromLayer = Array.from({ length: read.pages }, (_, i) => ownText(i + 1)).filter((text) => text !== null);
  if (fromLayer.length === 0) return read;
  return {
    ...read,
    reader: fromLayer.length === read.pages ? DJVU_TEXT_LAYER : `${engine.name} and ${DJVU_TEXT_LAYER}`,
  };
}

/** The first MAX_OCR_PAGES of `total` pages, each drawn by `draw` and read in turn, a blank line between them. */
async function readDrawnPages(
  engine: OcrEngine,
  total: number,
  draw: (page: number) => Promise<Uint8Array>,
  /** A page's text where the file has it already: that page is neither drawn nor read. */
  given: (page: number) => string | null = () => null,
): Promise<Recognized> {
  const pages = Math.min(total, MAX_OCR_PAGES);
  const texts: string[] = [];
  for (let page = 1; page <= pages; page++) texts.push(given(page) ?? (await readImage(engine, await draw(page))));
  return { text: joinPageTexts(texts), pages, pagesLeft: total - pages };
}

async function readImage(engine: OcrEngine, image: Uint8Array): Promise<string> {
  const out = await run(
    engine.tesseract,
    // Page segmentation 1 is the default (3) with orientation and script detection first.
    ['stdin', 'stdout', '-l', engine.languages.join('+'), ...(engine.turnsPages ? ['--psm', '1'] : [])],
    image,
    PAGE_TIMEOUT_MS,
    MAX_PAGE_TEXT_BYTES,
  );
  // Tesseract ends each page of a TIFF with a form feed.
  return joinPageTexts(out.toString('utf8').split('\f'));
}
