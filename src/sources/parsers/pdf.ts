/**
 * PDF → the text layer through unpdf (pdf.js), with printed line breaks repaired. pdf.js marks the end of each
 * printed line (`hasEOL`) and gives baselines, so lines and paragraph gaps come from the layout rather than from
 * guessing on joined text. A PDF without a text layer (a scan) is kept and flagged needsOcr, not refused.
 */
import { extractTextItems, getDocumentProxy, getMeta, type StructuredTextItem } from 'unpdf';
import { isCalendarDay } from '../../shared/dates.js';
import { ChronicleError } from '../../shared/errors.js';
import { repairLineBreaks } from '../line-repair.js';
import { type ChildDocument, normalizeProducedText, type ParserResult } from '../parse-types.js';
import { judgeTextLayer } from '../text-layer.js';
import { pagePhotos } from './pdf-page-photos.js';

/** A page with fewer visible characters than this has no text layer to speak of. */
const MIN_CHARS_PER_PAGE = 3;
/** `2`, `- 2 -`, `Page 2 of 5`, `p. 2`, `2/5`, `Страница 2 из 5`, `стр. 2`, `с. 2`. */
const PAGE_NUMBER_LINE =
  /^\s*(?:[-–—]\s*)?(?:(?:page|p\.|страница|стр\.?|с\.)\s*)?\d{1,4}(?:\s*(?:of|из|\/)\s*\d{1,4})?(?:\s*[-–—])?\s*$/i;
/** A line at the head or foot of at least this many pages, and of half of them, is the document's running line. */
const MIN_RUNNING_PAGES = 3;
/**
 * On two pages a running line must also say more than a date or a one-word title: «12 марта 2024 года» or
 * «ЗАЯВЛЕНИЕ» atop both pages is as likely each page's own heading as a running one.
 */
const MIN_WORDS_OF_TWO_PAGE_RUNNING_LINE = 3;
/** Type sizes this far apart (points) are different sizes; pdf.js works sizes out of the text matrix, in fractions. */
const MIN_TYPE_SIZE_DIFFERENCE = 0.5;

/** A printed line of a page: its text ('' for the gap of a paragraph break) and its type size in points. */
interface PrintedLine {
  text: string;
  size: number;
}

export async function parsePdf(bytes: Uint8Array): Promise<ParserResult> {
  // pdf.js takes ownership of the buffer it is given; hand it a copy so the caller's bytes stay intact.
  const data = new Uint8Array(bytes);
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(data, { isEvalSupported: false, stopAtErrors: false, verbosity: 0 });
  } catch (error) {
    throw pdfError(error);
  }
  try {
    const warnings: string[] = [];
    let info: Record<string, unknown> = {};
    try {
      info = (await getMeta(pdf)).info ?? {};
    } catch {
      warnings.push('PDF metadata could not be read');
    }
    let pages: StructuredTextItem[][];
    try {
      pages = (await extractTextItems(pdf)).items;
    } catch (error) {
      throw pdfError(error);
    }
    const repairedPages: number[] = [];
    const unreadablePages: number[] = [];
    const pageTexts = withoutRunningLines(pages.map(pageToLines)).map((lines, index) => {
      const verdict = judgeTextLayer(lines.map((line) => line.text).join('\n'));
      if (verdict.kind === 'unreadable') {
        unreadablePages.push(index + 1);
        return '';
      }
      if (verdict.kind === 'repaired') repairedPages.push(index + 1);
      return verdict.text;
    });
    const textless = pageTexts.flatMap((t, index) =>
      t.replace(/\s/g, '').length < MIN_CHARS_PER_PAGE ? [index + 1] : [],
    );
    const pagesWithoutText = textless.length;
    // Pages are joined with a single line break so a sentence running over a page boundary is repaired too.
    const text = normalizeProducedText(repairLineBreaks(pageTexts.filter((t) => t.trim()).join('\n')));
    const needsOcr = text.length === 0 || pagesWithoutText > pdf.numPages / 2;
    if (repairedPages.length > 0)
      warnings.push(
        `the text layer of ${pagesSaid(repairedPages)} was written in Windows-1251 under a Latin font ("Ñóä" for «Суд»): read back as Cyrillic`,
      );
    if (unreadablePages.length > 0)
      warnings.push(
        `the text layer of ${pagesSaid(unreadablePages)} gives glyph numbers, not letters (a font without a Unicode map): left out${needsOcr ? '' : '; check those pages against the original'}`,
      );
    let photos = new Map<number, ChildDocument>();
    if (needsOcr) warnings.push('PDF has no text layer on most pages; OCR is needed');
    else {
      // A scanned page among typed ones (a signed last page, an enclosed protocol): its words are not in the text,
      // so its photo, where the PDF holds one as a JPEG, is a part of its own for OCR.
      const scanned = textless.filter((page) => !unreadablePages.includes(page));
      if (scanned.length > 0) photos = await pagePhotos(bytes, scanned);
      const unread = scanned.filter((page) => !photos.has(page));
      if (photos.size > 0)
        warnings.push(
          `${pagesSaid([...photos.keys()])} of ${pdf.numPages}, a scan among typed pages, ${photos.size === 1 ? 'is a part' : 'are parts'} of ${photos.size === 1 ? 'its' : 'their'} own, for OCR`,
        );
      if (unread.length > 0)
        warnings.push(
          `${pagesSaid(unread)} of ${pdf.numPages} ${unread.length === 1 ? 'has' : 'have'} no text (a scan, or blank): read ${unread.length === 1 ? 'it' : 'them'} in the original`,
        );
    }

    const title = stringInfo(info.Title);
    const author = stringInfo(info.Author);
    const created = pdfDate(stringInfo(info.CreationDate));
    return {
      text,
      title,
      author,
      publishedAt: created,
      needsOcr,
      encoding: null,
      ...(photos.size > 0 ? { children: [...photos.values()] } : {}),
      metadata: {
        pageCount: pdf.numPages,
        pagesWithoutText,
        ...(repairedPages.length > 0 ? { pagesReadBackFromWindows1251: repairedPages } : {}),
        ...(unreadablePages.length > 0 ? { pagesWithUnreadableTextLayer: unreadablePages } : {}),
        ...(created ? { publishedAtSource: 'pdf-creation-date' } : {}),
        pdfInfo: pickInfo(info),
      },
      warnings,
    };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

/**
 * One page's items → lines. A line ends where pdf.js says so or where the baseline moves; a vertical gap clearly
 * larger than the page's usual line spacing is a paragraph break (a blank line). Page numbers are dropped so they
 * do not end up inside a sentence that runs over the page break.
 */
function pageToLines(items: StructuredTextItem[]): PrintedLine[] {
  const lines: Array<{ text: string; y: number; size: number }> = [];
  let current = '';
  let y: number | null = null;
  let size = 0;
  const endLine = (): void => {
    if (current.trim() || y !== null) lines.push({ text: current, y: y ?? 0, size });
    current = '';
    y = null;
  };
  for (const item of items) {
    if (y !== null && item.str && Math.abs(item.y - y) > Math.max(2, item.fontSize * 0.5)) endLine();
    if (item.str) {
      if (y === null) {
        y = item.y;
        size = item.fontSize;
      }
      current += item.str;
    }
    if (item.hasEOL) endLine();
  }
  endLine();
  const real = lines.filter((l) => l.text.trim());
  const gaps: number[] = [];
  for (let i = 1; i < real.length; i++) {
    const gap = real[i - 1]!.y - real[i]!.y;
    if (gap > 0) gaps.push(gap);
  }
  gaps.sort((a, b) => a - b);
  const usual = gaps.length >= 3 ? gaps[Math.floor(gaps.length / 2)]! : (real[0]?.size ?? 12) * 1.2;
  const out: PrintedLine[] = [];
  real.forEach((line, i) => {
    const previous = real[i - 1];
    if (previous && previous.y - line.y > usual * 1.5) out.push({ text: '', size: 0 });
    out.push({ text: line.text, size: line.size });
  });
  return withoutPageNumbers(out);
}

function withoutPageNumbers(lines: PrintedLine[]): PrintedLine[] {
  const out = [...lines];
  while (out.length && (PAGE_NUMBER_LINE.test(out.at(-1)!.text) || !out.at(-1)!.text.trim())) out.pop();
  while (out.length && (PAGE_NUMBER_LINE.test(out[0]!.text) || !out[0]!.text.trim())) out.shift();
  return out;
}

/**
 * Pages without their running head and foot: a line that heads (or ends) most pages, or both pages of two — a court's
 * name, a case number, a site's address, compared with their numbers masked (`Дело № 1-234/2024, лист 3`) — would
 * otherwise run into the sentence broken over each page (`доставлен в изо-` + head + `лятор`). The head stays on
 * the first page, where it is the document's heading, and the foot on the last; the original keeps every page as
 * printed.
 */
function withoutRunningLines(pages: PrintedLine[][]): PrintedLine[][] {
  if (pages.length < 2) return pages;
  const heads = runningLines(pages, (lines) => [lines[0], lines[1]]);
  const feet = runningLines(pages, (lines) => [lines.at(-1), lines.at(-2)]);
  return pages.map((lines, index) => {
    let out = lines;
    if (index > 0 && heads.has(runningKey(out[0]))) out = withoutPageNumbers(out.slice(1));
    if (index < pages.length - 1 && feet.has(runningKey(out.at(-1)))) out = withoutPageNumbers(out.slice(0, -1));
    return out;
  });
}

/**
 * The running lines (as runningKey) at one edge of the pages; `edge` gives a page's line at that edge and the line
 * next to it, towards the body. On three pages or more, repetition is the evidence: the line is at the edge of at
 * least three pages and half of them. Two pages repeat a line by chance more easily (two statements under one
 * title, two days of a chronicle under their dates), so there the line must be at that edge of both pages, say more
 * than a date or a title (MIN_WORDS_OF_TWO_PAGE_RUNNING_LINE), and on both pages be printed apart from the body —
 * a paragraph gap or a type size of its own, as a word processor sets its header — since a line in the body's type
 * and spacing may be a line of the body. The layout decides that rather than punctuation: a head may end with a
 * period («… бюллетень № 7, 2024 г.»), and a sentence broken at the page edge need not.
 */
function runningLines(
  pages: PrintedLine[][],
  edge: (lines: PrintedLine[]) => [PrintedLine | undefined, PrintedLine | undefined],
): Set<string> {
  if (pages.length === 2) {
    const ends = pages.map(edge);
    const line = ends[0]?.[0];
    const key = runningKey(line);
    const words = line?.text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length ?? 0;
    const apartOnBoth = ends.every(([end, next]) => end && next && runningKey(end) === key && setApart(end, next));
    return key && apartOnBoth && words >= MIN_WORDS_OF_TWO_PAGE_RUNNING_LINE ? new Set([key]) : new Set();
  }
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const key = runningKey(edge(lines)[0]);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const least = Math.max(MIN_RUNNING_PAGES, Math.ceil(pages.length / 2));
  return new Set([...counts].filter(([, n]) => n >= least).map(([line]) => line));
}

/** A line as running lines are compared: numbers masked, so `лист 2` and `лист 3` are the same line. */
function runningKey(line: PrintedLine | undefined): string {
  return line?.text.trim().replace(/\d+/g, '#').toLowerCase() ?? '';
}

/** Whether an edge line stands apart from `next`, the line beside it: a paragraph gap between, or another size. */
function setApart(line: PrintedLine, next: PrintedLine): boolean {
  return !next.text.trim() || Math.abs(line.size - next.size) >= MIN_TYPE_SIZE_DIFFERENCE;
}

/** `pagesSaid([3])` → 'page 3'; `pagesSaid([1, 2, 5])` → 'pages 1, 2, 5'; more than ten end with '…'. */
function pagesSaid(pages: number[]): string {
  const listed = pages.slice(0, 10).join(', ') + (pages.length > 10 ? ', …' : '');
  return `${pages.length === 1 ? 'page' : 'pages'} ${listed}`;
}

function pdfError(error: unknown): ChronicleError {
  if (error instanceof ChronicleError) return error;
  const name = (error as { name?: string })?.name ?? '';
  const message = (error as Error)?.message ?? String(error);
  if (name === 'PasswordException') return new ChronicleError('PARSE_FAILED', 'PDF is password-protected');
  return new ChronicleError('PARSE_FAILED', `PDF could not be read (${message.split('\n')[0]})`);
}

function stringInfo(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.replace(/\s+/g, ' ').trim();
  return v ? v.slice(0, 1000) : null;
}

function pickInfo(info: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate']) {
    const v = stringInfo(info[key]);
    if (v) out[key] = v;
  }
  return out;
}

/**
 * PDF date string (PDF 32000-1 §7.9.4) → ISO. `pdfDate("D:20240102030405+03'00'")` → '2024-01-02T00:04:05.000Z'.
 */
export function pdfDate(value: string | null): string | null {
  if (!value) return null;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{0,2}'?)?/.exec(value.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', tz] = m;
  // Date.parse would roll 30 February over into March, and 24:00 into the next day.
  if (!isCalendarDay(`${y}-${mo}-${d}`) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  let offset = 'Z';
  if (tz && tz !== 'Z') {
    const digits = tz.replace(/'/g, '');
    offset = `${digits.slice(0, 3)}:${(digits.slice(3, 5) || '00').padEnd(2, '0')}`;
  }
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1900 && year <= 2200 ? new Date(ms).toISOString() : null;
}
