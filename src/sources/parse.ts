/**
 * The document parsers' public door: bytes of any report → plain text plus metadata. Pure (no database, no files);
 * `parseDocument` runs the parse in a worker thread with a heap limit and a timeout, so a hostile file can cost a
 * worker, never the process (DESIGN.md §8: "size and decompression limits, timeouts on parsers").
 */
import { isAfterToday } from '../shared/dates.js';
import { ChronicleError, isChronicleError } from '../shared/errors.js';
import { detectLanguage } from '../shared/language.js';
import { sizeInWords } from '../shared/sizes.js';
import { isCompressedMediaType } from './compressed-kind.js';
import { describeUnsupported, detectMediaType, MEDIA_TYPES } from './detect.js';
import { isImageMediaType } from './image-kind.js';
import {
  type ParsedDocument,
  type ParseLimits,
  type ParseOptions,
  type ParserResult,
  resolveLimits,
} from './parse-types.js';
import { parseMarkdown, parseText } from './parsers/text.js';
import { isRecordingMediaType } from './recording-kind.js';
import { volumeOf } from './volumes.js';
import { runInWorker } from './worker-pool.js';

export { decodeText } from './decode-text.js';
export { detectMediaType } from './detect.js';
export { repairLineBreaks } from './line-repair.js';
export {
  type ChildDocument,
  DEFAULT_PARSE_LIMITS,
  type ParsedDocument,
  type ParseLimits,
  type ParseOptions,
} from './parse-types.js';
export { closeParseWorkers } from './worker-pool.js';

/** Plain text this small is decoded in the calling thread: a worker would cost more than the parse. */
export const IN_PROCESS_TEXT_BYTES = 1024 * 1024;

/**
 * Parses any supported document in an isolated worker with the limits applied.
 * `await parseDocument(utf8('Сегодня в Уфе задержали…'))` →
 * `{ mediaType: 'text/plain', text: 'Сегодня в Уфе задержали…', language: 'ru', encoding: 'utf-8', … }`.
 * Throws ChronicleError TOO_LARGE, UNSUPPORTED_TYPE, PARSE_FAILED, PARSE_TIMEOUT or DECOMPRESSION_LIMIT.
 */
export async function parseDocument(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedDocument> {
  const limits = resolveLimits(options.limits);
  checkSize(bytes, limits);
  const laterVolumes = options.laterVolumes ?? [];
  if (laterVolumes.length > 0) return runInWorker(bytes, { fileName: options.fileName, limits, laterVolumes });
  if (bytes.length <= IN_PROCESS_TEXT_BYTES) {
    const type = detectMediaType(bytes, options.fileName);
    // The type is passed on, not detected again: detection decodes a sample, which for a small report is all of it.
    if (type === MEDIA_TYPES.text || type === MEDIA_TYPES.markdown) return parseDetected(type, bytes, limits);
    if (type === MEDIA_TYPES.unknown) throw new ChronicleError('UNSUPPORTED_TYPE', describeUnsupported(bytes));
  }
  return runInWorker(bytes, { fileName: options.fileName, limits });
}

/**
 * The same parse without a worker: used inside the worker, and by callers that already isolate the work or only
 * parse small plain text. No timeout or heap limit applies here.
 * `await parseDocumentInProcess(pdfBytes)` → `{ mediaType: 'application/pdf', text: '…', needsOcr: false, … }`.
 */
export async function parseDocumentInProcess(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedDocument> {
  const limits = resolveLimits(options.limits);
  checkSize(bytes, limits);
  const mediaType = detectMediaType(bytes, options.fileName);
  const laterVolumes = options.laterVolumes ?? [];
  if (laterVolumes.length === 0) return parseDetected(mediaType, bytes, limits, options.fileName);
  const spanned = options.fileName ? volumeOf(options.fileName, bytes)?.kind === 'zip-span' : false;
  if (mediaType !== MEDIA_TYPES.rar && !spanned)
    throw new ChronicleError(
      'UNSUPPORTED_TYPE',
      'only a RAR or a split ZIP archive is read from parts given beside it',
    );
  const read = spanned ? MEDIA_TYPES.zip : MEDIA_TYPES.rar;
  try {
    return complete(
      read,
      spanned
        ? await (await import('./parsers/sevenzip.js')).parseSevenZip(bytes, limits, laterVolumes)
        : await (await import('./parsers/rar.js')).parseRar(bytes, limits, laterVolumes),
    );
  } catch (error) {
    throw asChronicleError(error, read);
  }
}

export async function parseDetected(
  mediaType: string,
  bytes: Uint8Array,
  limits: ParseLimits,
  /** Only a format whose name says what the file cannot (a WhatsApp chat's, its chat) reads it. */
  fileName?: string,
): Promise<ParsedDocument> {
  if (bytes.length === 0) throw new ChronicleError('VALIDATION', 'the file is empty (0 bytes): nothing to store');
  let result: ParserResult;
  try {
    result = await parseAs(mediaType, bytes, limits, fileName);
  } catch (error) {
    throw asChronicleError(error, mediaType);
  }
  // Plain text of blank space is no report (a PDF without text, an e-mail with attachments only, stay: their bytes
  // say something that OCR or their children read).
  if ((mediaType === MEDIA_TYPES.text || mediaType === MEDIA_TYPES.markdown) && result.text.trim() === '')
    throw new ChronicleError('VALIDATION', 'the file holds only blank space: nothing to store');
  return complete(mediaType, result);
}

/**
 * Format parsers are imported on first use: pdf.js, mammoth, linkedom and postal-mime together take seconds to load
 * on a busy machine, and a worker that only reads e-mail should not pay for pdf.js.
 */
async function parseAs(
  mediaType: string,
  bytes: Uint8Array,
  limits: ParseLimits,
  fileName: string | undefined,
): Promise<ParserResult> {
  switch (mediaType) {
    case MEDIA_TYPES.text:
      return parseText(bytes);
    case MEDIA_TYPES.markdown:
      return parseMarkdown(bytes);
    case MEDIA_TYPES.html:
      return (await import('./parsers/html.js')).parseHtml(bytes);
    case MEDIA_TYPES.pdf:
      return (await import('./parsers/pdf.js')).parsePdf(bytes);
    case MEDIA_TYPES.docx:
      return (await import('./parsers/docx.js')).parseDocx(bytes, limits);
    case MEDIA_TYPES.eml:
      return (await import('./parsers/eml.js')).parseEml(bytes, limits);
    case MEDIA_TYPES.emlx:
      return (await import('./parsers/emlx.js')).parseEmlx(bytes, limits);
    case MEDIA_TYPES.mbox:
      return (await import('./parsers/mbox.js')).parseMbox(bytes, limits, fileName);
    case MEDIA_TYPES.mhtml:
      return (await import('./parsers/mhtml.js')).parseMhtml(bytes);
    case MEDIA_TYPES.webarchive:
      return (await import('./parsers/webarchive.js')).parseWebArchive(bytes);
    case MEDIA_TYPES.odt:
      return (await import('./parsers/odt.js')).parseOdt(bytes, limits);
    case MEDIA_TYPES.pptx:
      return (await import('./parsers/pptx.js')).parsePptx(bytes, limits);
    case MEDIA_TYPES.odp:
      return (await import('./parsers/odt.js')).parseOdt(bytes, limits, { pictures: false });
    case MEDIA_TYPES.fodt:
      return (await import('./parsers/odt.js')).parseFlatOdt(bytes);
    case MEDIA_TYPES.fods:
      return (await import('./parsers/spreadsheet.js')).parseFlatOds(bytes);
    case MEDIA_TYPES.xlsx:
      return (await import('./parsers/spreadsheet.js')).parseXlsx(bytes, limits);
    case MEDIA_TYPES.ods:
      return (await import('./parsers/spreadsheet.js')).parseOds(bytes, limits);
    case MEDIA_TYPES.xls:
      return (await import('./parsers/xls.js')).parseXls(bytes, limits);
    case MEDIA_TYPES.telegram:
      return (await import('./parsers/telegram.js')).parseTelegramExport(bytes, limits);
    case MEDIA_TYPES.telegramAccount:
      throw new ChronicleError('UNSUPPORTED_TYPE', (await import('./parsers/telegram.js')).TELEGRAM_ACCOUNT_REFUSAL);
    case MEDIA_TYPES.telegramHtml:
      return (await import('./parsers/telegram-html.js')).parseTelegramHtml(bytes, limits);
    case MEDIA_TYPES.whatsapp:
      return (await import('./parsers/whatsapp.js')).parseWhatsAppChat(bytes, limits, fileName);
    case MEDIA_TYPES.msg:
      return (await import('./parsers/msg.js')).parseMsg(bytes, limits);
    case MEDIA_TYPES.doc:
      return (await import('./parsers/doc.js')).parseDoc(bytes);
    case MEDIA_TYPES.rtf:
      return (await import('./parsers/rtf.js')).parseRtf(bytes);
    case MEDIA_TYPES.sevenZip:
      return (await import('./parsers/sevenzip.js')).parseSevenZip(bytes, limits);
    case MEDIA_TYPES.rar:
      return (await import('./parsers/rar.js')).parseRar(bytes, limits);
    case MEDIA_TYPES.zip:
      return (await import('./parsers/zip.js')).parseZip(bytes, limits);
    case MEDIA_TYPES.djvu:
      return (await import('./parsers/djvu.js')).parseDjvu(bytes, limits);
    case MEDIA_TYPES.tar:
      return (await import('./parsers/compressed.js')).parseTar(bytes, limits);
    default:
      if (isCompressedMediaType(mediaType))
        return (await import('./parsers/compressed.js')).parseCompressed(bytes, mediaType, limits, fileName);
      if (isImageMediaType(mediaType)) return (await import('./parsers/image.js')).parseImage(bytes, mediaType);
      if (isRecordingMediaType(mediaType))
        return (await import('./parsers/recording.js')).parseRecording(bytes, mediaType);
      throw new ChronicleError('UNSUPPORTED_TYPE', describeUnsupported(bytes));
  }
}

/**
 * A date a document gives itself that lies in the future (a placeholder in a page's template, a PDF made on a machine
 * whose clock was wrong) is not its publication date: stored, it would put the report outside every dated search
 * and timeline. It is kept in the metadata as declared, and said in the warnings.
 */
function publicationDate(result: ParserResult): {
  publishedAt: string | null;
  metadata: Record<string, unknown>;
  warnings: string[];
} {
  const declared = result.publishedAt ?? null;
  const metadata = result.metadata ?? {};
  const warnings = result.warnings ?? [];
  if (declared === null || !isAfterToday(declared)) return { publishedAt: declared, metadata, warnings };
  return {
    publishedAt: null,
    metadata: { ...metadata, declaredPublishedAt: declared },
    warnings: [
      ...warnings,
      `the document dates itself ${declared.slice(0, 10)}, in the future: not taken as its publication date`,
    ],
  };
}

function complete(mediaType: string, result: ParserResult): ParsedDocument {
  const dated = publicationDate(result);
  return {
    mediaType,
    // PostgreSQL's text holds no NUL, which a text file or a PDF's text layer may: U+FFFD takes its place, one UTF-16
    // unit for one, so every offset into the text stays where it was. The original keeps its bytes.
    text: withoutNul(result.text),
    title: metadataLine(result.title),
    author: metadataLine(result.author),
    publisher: metadataLine(result.publisher),
    publishedAt: dated.publishedAt,
    url: metadataLine(result.url),
    language: result.isContainer ? 'other' : detectLanguage(result.text),
    needsOcr: result.needsOcr ?? false,
    encoding: result.encoding ?? null,
    metadata: dated.metadata,
    children: result.children ?? [],
    isContainer: result.isContainer ?? false,
    warnings: dated.warnings,
  };
}

/** `withoutNul('a\u0000b')` → 'a\ufffdb'. */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\ufffd') : text;
}

/**
 * A file's name as it is kept: its control characters — an escape sequence that recolours a terminal, a bell, a line
 * break that splits a CSV row or a log line — each become U+FFFD, so the name shows that something stood there
 * without doing it to whoever lists, exports or prints it. `storedFileName('a\u001b[31m.txt')` → 'a\ufffd[31m.txt'.
 */
export function storedFileName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

/**
 * A field the file says about itself, as one clean line: its text stays in the original, but a <title> or a PDF's
 * author may carry control characters (escape sequences, NULs) and line breaks, which become one space; blank is null.
 */
function metadataLine(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const line = value
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line === '' ? null : line;
}

function checkSize(bytes: Uint8Array, limits: ParseLimits): void {
  if (bytes.length > limits.maxBytes) {
    throw new ChronicleError(
      'TOO_LARGE',
      `file is ${sizeInWords(bytes.length)}; the limit is ${sizeInWords(limits.maxBytes)}`,
    );
  }
}

/** Library failures (a RangeError deep in a parser, a pdf.js exception) become PARSE_FAILED with one line. */
function asChronicleError(error: unknown, mediaType: string): ChronicleError {
  if (isChronicleError(error)) return error;
  const message = ((error as Error)?.message ?? String(error)).split('\n')[0] ?? 'unknown error';
  const kind = mediaType.split('/').at(-1) ?? mediaType;
  if (error instanceof RangeError && /call stack|Invalid array length|Invalid string length/i.test(message)) {
    return new ChronicleError('PARSE_FAILED', `${kind} is too deeply nested or too large to read (${message})`, {
      cause: error,
    });
  }
  return new ChronicleError('PARSE_FAILED', `${kind} could not be read (${message})`, { cause: error });
}
