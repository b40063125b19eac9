/**
 * Media type by content (DESIGN.md §5 item 1: "detect type by content, not extension"). Magic numbers first, then a
 * look at the text; the file name only breaks ties between equally plausible text types (.md vs .txt).
 */
import CFB from 'cfb';
import { compressedMediaType, isTar, TAR_MEDIA_TYPE } from './compressed-kind.js';
import { decodeText } from './decode-text.js';
import { IMAGE_MEDIA_TYPES, imageMediaType, tooSmallForDocument } from './image-kind.js';
import { RAR4_MAGIC, RAR5_MAGIC, startsWith } from './magic.js';
import { isBinaryPlist, looksLikeWebArchive } from './parsers/binary-plist.js';
import { DJVU_MEDIA_TYPE, isDjvu } from './parsers/djvu.js';
import { emlxLetter } from './parsers/emlx.js';
import { looksLikeMbox } from './parsers/mbox.js';
import { SPREADSHEET_MEDIA_TYPES } from './parsers/spreadsheet.js';
import { looksLikeTelegramAccountExport, looksLikeTelegramExport } from './parsers/telegram.js';
import { looksLikeWhatsAppChat } from './parsers/whatsapp.js';
import { RECORDING_MEDIA_TYPES, recordingMediaType } from './recording-kind.js';
import { isZip, listZipEntries, readZipEntry, type ZipEntryInfo } from './zip-reader.js';

export const MEDIA_TYPES = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  eml: 'message/rfc822',
  /** A letter as Apple Mail keeps it (`.emlx`): its length, the letter, Apple's flags (parsers/emlx.ts). */
  emlx: 'message/x-emlx',
  /** A mailbox (mbox: Thunderbird's folders, Gmail's Takeout): letters one after another, each a source. */
  mbox: 'application/mbox',
  /** A web page saved whole (.mht, .mhtml): MIME, but a page rather than a letter (parsers/mhtml.ts). */
  mhtml: 'multipart/related',
  /** A web page saved by Safari (.webarchive): a binary property list holding the page (parsers/webarchive.ts). */
  webarchive: 'application/x-webarchive',
  rtf: 'application/rtf',
  /** OpenDocument text (LibreOffice): a ZIP whose `mimetype` entry says so. */
  odt: 'application/vnd.oasis.opendocument.text',
  /** Presentations: PowerPoint's (a ZIP with `ppt/presentation.xml`) and LibreOffice Impress's (its `mimetype`). */
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odp: 'application/vnd.oasis.opendocument.presentation',
  /** The same in one XML file (.fodt, LibreOffice's "Flat XML ODF Text Document"). */
  fodt: 'application/vnd.oasis.opendocument.text-flat-xml',
  /** Workbooks: Excel's (a ZIP with `xl/workbook.xml`; 97–2003: an OLE container with a Workbook stream) and
   * LibreOffice Calc's (its `mimetype` entry says so). */
  ...SPREADSHEET_MEDIA_TYPES,
  /** An Outlook item saved as a file: an OLE container of MAPI property streams. */
  msg: 'application/vnd.ms-outlook',
  /** A Telegram chat or channel exported by Telegram Desktop as JSON (`result.json`): a message a source. */
  telegram: 'application/x-telegram-export+json',
  /** A whole Telegram account's export: refused (parsers/telegram.ts says why). */
  telegramAccount: 'application/x-telegram-account-export+json',
  /** The same, exported as HTML pages (Telegram Desktop's default): `messages.html`, `messages2.html`, … */
  telegramHtml: 'application/x-telegram-export+html',
  /** A WhatsApp chat exported from a phone (`WhatsApp Chat with …txt`): a day of it a source. */
  whatsapp: 'text/x-whatsapp-chat',
  /** DjVu scans: kept for OCR, as a photo of a page is (parsers/djvu.ts). */
  djvu: DJVU_MEDIA_TYPE,
  /** Word 97–2003: an OLE container with a WordDocument stream. */
  doc: 'application/msword',
  /** Photos and scans of pages: kept, flagged as needing OCR, with what the file says of itself (parsers/image). */
  ...IMAGE_MEDIA_TYPES,
  /** Recordings (a voice message, a video): kept, flagged as needing a transcription (parsers/recording). */
  ...RECORDING_MEDIA_TYPES,
  zip: 'application/zip',
  /** RAR 4 and 5: kept as a ZIP is, each file in it a source (parsers/rar.ts); its volumes read together (volumes.ts). */
  rar: 'application/vnd.rar',
  /** 7z: kept and read the same way (parsers/sevenzip.ts). */
  sevenZip: 'application/x-7z-compressed',
  /** Tar (ustar and GNU): read the same way (parsers/compressed.ts). */
  tar: TAR_MEDIA_TYPE,
  /** One file compressed (`letter.eml.gz`), or a tar compressed (`case.tar.gz`): its files are the children. */
  gzip: 'application/gzip',
  bzip2: 'application/x-bzip2',
  xz: 'application/x-xz',
  zstd: 'application/zstd',
  unixCompress: 'application/x-compress',
  /** Anything else: parseDocument refuses it with UNSUPPORTED_TYPE. */
  unknown: 'application/octet-stream',
} as const;

/** Microsoft's Compound File (OLE): Word 97–2003, and Excel, PowerPoint and Outlook files, which we do not read. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Known binary formats we do not read, so they are never mistaken for text in a lucky code page. Two-letter magics
 * that start ordinary words ("MZ") are left to the control-character test, which real executables fail.
 */
const BINARY_MAGIC: Array<[number[], string]> = [
  [[0x7f, 0x45, 0x4c, 0x46], 'ELF executable'],
  [[0xcf, 0xfa, 0xed, 0xfe], 'Mach-O executable'],
  [[0xca, 0xfe, 0xba, 0xbe], 'Mach-O or Java class'],
  [[0x62, 0x70, 0x6c, 0x69, 0x73, 0x74, 0x30, 0x30], 'Apple property list other than a Safari web archive'],
  [OLE_MAGIC, 'legacy Office document that is damaged, or neither Word, Excel nor Outlook (a presentation)'],
  [[0x00, 0x61, 0x73, 0x6d], 'WebAssembly module'],
  [[0x25, 0x21, 0x50, 0x53], 'PostScript'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'SQLite database'],
];

const TEXT_SAMPLE_BYTES = 64 * 1024;

/** Describes why bytes are not a supported document, for UNSUPPORTED_TYPE messages; null when they are. */
export function describeUnsupported(bytes: Uint8Array): string {
  for (const [magic, label] of BINARY_MAGIC)
    if (startsWith(bytes, magic)) return `${label} is not a supported document`;
  // A gzip stream compressed by other than deflate: no program writes one.
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip file of an unknown compression method is not a supported document';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]))
    return 'RIFF file other than WAV, AVI or WebP (a MIDI tune, a CorelDRAW drawing) is not a supported document';
  if (isZip(bytes))
    return isIWork((zipEntries(bytes) ?? []).map((entry) => entry.name))
      ? 'Apple Pages, Numbers or Keynote document is not read: export it as Word, Excel, PowerPoint or PDF ' +
          '(File › Export To) and add that'
      : 'ZIP-based format other than DOCX, ODT, XLSX, ODS, PPTX and ODP (an e-book, a drawing) is not supported';
  return 'binary content is not a supported document';
}

/**
 * Why a file inside another (an attachment, an archive's entry) is not read as a document of its own, or null: a type
 * we do not read, or an image too small to show a page (a signature's logo, an icon).
 */
export function whyNotADocument(bytes: Uint8Array, name: string): string | null {
  const mediaType = detectMediaType(bytes, name);
  if (mediaType === MEDIA_TYPES.unknown) return describeUnsupported(bytes);
  return tooSmallForDocument(bytes);
}

/**
 * Media type by content. `detectMediaType(new TextEncoder().encode('# Title\n\n- item'), 'notes.md')` →
 * 'text/markdown'; `detectMediaType(pngBytes, 'report.txt')` → 'image/png'; `detectMediaType(elfBytes)` →
 * 'application/octet-stream'.
 */
export function detectMediaType(bytes: Uint8Array, fileName?: string): string {
  if (bytes.length === 0) return MEDIA_TYPES.text;
  // PDF readers accept the header anywhere in the first 1024 bytes (PDF 32000-1 annex H.3, note 1).
  const pdfAt = indexOfAscii(bytes, '%PDF-', 1024);
  if (pdfAt === 0) return MEDIA_TYPES.pdf;
  // An archive storing a PDF uncompressed near its start holds that header too, after its own signature.
  if (isZip(bytes)) return zipFlavour(bytes);
  if (startsWith(bytes, RAR4_MAGIC) || startsWith(bytes, RAR5_MAGIC)) return MEDIA_TYPES.rar;
  if (startsWith(bytes, SEVEN_ZIP_MAGIC)) return MEDIA_TYPES.sevenZip;
  const compressed = compressedMediaType(bytes);
  if (compressed) return compressed;
  if (isTar(bytes)) return MEDIA_TYPES.tar;
  // Text that merely quotes "%PDF-" is not a PDF: a late header counts only after non-text junk.
  if (pdfAt > 0 && bytes.subarray(0, pdfAt).some((b) => b < 0x09 || b === 0x7f)) return MEDIA_TYPES.pdf;
  if (isBinaryPlist(bytes)) return looksLikeWebArchive(bytes) ? MEDIA_TYPES.webarchive : MEDIA_TYPES.unknown;
  if (isDjvu(bytes)) return MEDIA_TYPES.djvu;
  // RTF is 7-bit text that would pass for plain text; Word writes it under .rtf and .doc alike.
  if (isRtf(bytes)) return MEDIA_TYPES.rtf;
  if (startsWith(bytes, OLE_MAGIC)) {
    const kind = oleKind(bytes);
    if (kind) return kind;
  }
  const image = imageMediaType(bytes);
  if (image) return image;
  const recording = recordingMediaType(bytes);
  if (recording) return recording;
  for (const [magic] of BINARY_MAGIC) if (startsWith(bytes, magic)) return MEDIA_TYPES.unknown;
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46])) return MEDIA_TYPES.unknown;

  // A mailbox is told by its letters' separator lines, looked for over the whole file (a first letter with its
  // attachments is longer than any sample), and only in a file that begins as one does.
  if (startsWith(bytes, FROM_SPACE) && looksLikeMbox(bytes, fileName)) return MEDIA_TYPES.mbox;
  const sample = bytes.subarray(0, TEXT_SAMPLE_BYTES);
  const { text } = decodeText(sample);
  if (!looksLikeText(text)) return MEDIA_TYPES.unknown;
  if (looksLikeTelegramExport(text.slice(0, 4096))) return MEDIA_TYPES.telegram;
  if (looksLikeTelegramAccountExport(text.slice(0, 4096))) return MEDIA_TYPES.telegramAccount;
  if (looksLikeWhatsAppChat(text.slice(0, 4096))) return MEDIA_TYPES.whatsapp;
  const flat = flatOdfType(text.slice(0, 16 * 1024));
  if (flat) return flat;
  const emlx = emlxLetter(bytes);
  if (
    emlx &&
    looksLikeEmail(
      headerBlock(decodeText(bytes.subarray(emlx.start, emlx.start + Math.min(emlx.length, 16 * 1024))).text),
    )
  )
    return MEDIA_TYPES.emlx;
  const header = headerBlock(text);
  if (looksLikeEmail(header)) return looksLikeSavedPage(header.fields) ? MEDIA_TYPES.mhtml : MEDIA_TYPES.eml;
  if (looksLikeHtml(text))
    return looksLikeTelegramHtml(text.slice(0, 16 * 1024)) ? MEDIA_TYPES.telegramHtml : MEDIA_TYPES.html;
  const ext = extensionOf(fileName);
  if (ext === 'md' || ext === 'markdown') return MEDIA_TYPES.markdown;
  if (ext === 'txt' || ext === 'text') return MEDIA_TYPES.text;
  if (ext === 'eml') return MEDIA_TYPES.eml;
  if (ext === 'html' || ext === 'htm') return MEDIA_TYPES.html;
  return markdownScore(text) >= 2 ? MEDIA_TYPES.markdown : MEDIA_TYPES.text;
}

const SEVEN_ZIP_MAGIC = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
const FROM_SPACE = [...Buffer.from('From ', 'latin1')];
const WORD_STREAM_NAME = Buffer.from('WordDocument', 'utf16le');
const OUTLOOK_STREAM_PREFIX = Buffer.from('__substg1.0_', 'utf16le');
const WORKBOOK_STREAM_NAME = Buffer.from('Workbook', 'utf16le');

/**
 * Word 97–2003 or an Outlook item, by the streams at the container's root: Word's `WordDocument`, Outlook's
 * properties (`__substg1.0_<tag>`, MS-OXMSG 2.1.3). Only the root counts: a letter with a .doc attached holds the
 * document's streams inside its attachment's, and a document may embed a letter. Excel's workbook is told by its
 * `Workbook` stream; PowerPoint's is none of these (null).
 */
function oleKind(bytes: Uint8Array): typeof MEDIA_TYPES.doc | typeof MEDIA_TYPES.msg | typeof MEDIA_TYPES.xls | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let paths: string[];
  try {
    paths = CFB.read(buffer, { type: 'buffer' }).FullPaths;
  } catch {
    // Damaged: its names, wherever they are, say what it was meant to be, so that its parser says what is wrong.
    if (buffer.includes(OUTLOOK_STREAM_PREFIX)) return MEDIA_TYPES.msg;
    if (buffer.includes(WORD_STREAM_NAME)) return MEDIA_TYPES.doc;
    if (buffer.includes(WORKBOOK_STREAM_NAME)) return MEDIA_TYPES.xls;
    return null;
  }
  const rootNames = paths.map((path) => /^[^/]*\/([^/]+)$/.exec(path)?.[1]).filter((name) => name !== undefined);
  if (rootNames.includes('WordDocument')) return MEDIA_TYPES.doc;
  if (rootNames.some((name) => name.startsWith('__substg1.0_'))) return MEDIA_TYPES.msg;
  // Excel 97–2003 names its stream Workbook; Excel 5/95 named it Book (its parser says it is not read).
  if (rootNames.includes('Workbook') || rootNames.includes('Book')) return MEDIA_TYPES.xls;
  return null;
}

/** `{\rtf` first, after a byte-order mark or blank space if any. */
function isRtf(bytes: Uint8Array): boolean {
  let at = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (at < 64 && at < bytes.length && (bytes[at] === 0x20 || (bytes[at]! >= 0x09 && bytes[at]! <= 0x0d))) at++;
  return indexOfAscii(bytes.subarray(at), '{\\rtf', 0) === 0;
}

function zipFlavour(bytes: Uint8Array): string {
  const entries = zipEntries(bytes);
  // A damaged archive is still an archive: the ZIP parser reports what is wrong with it.
  if (!entries) return MEDIA_TYPES.zip;
  const names = entries.map((e) => e.name);
  // Apple's iWork keeps its text in its own compressed protobuf: unread, it is a document, not an archive of one
  // thumbnail and files that fail.
  if (isIWork(names)) return MEDIA_TYPES.unknown;
  if (names.includes('word/document.xml')) return MEDIA_TYPES.docx;
  if (names.includes('xl/workbook.xml')) return MEDIA_TYPES.xlsx;
  if (names.includes('ppt/presentation.xml')) return MEDIA_TYPES.pptx;
  const mimetype = entries.find((e) => e.name === 'mimetype');
  const odf = mimetype ? odfMediaType(bytes, mimetype) : null;
  if (odf === MEDIA_TYPES.odt || odf === MEDIA_TYPES.ods || odf === MEDIA_TYPES.odp) return odf;
  // Other OOXML (Visio, XPS) and ODF/EPUB ('mimetype' first) are documents we cannot read, not archives of reports.
  if (names.includes('[Content_Types].xml') || names[0] === 'mimetype') return MEDIA_TYPES.unknown;
  return MEDIA_TYPES.zip;
}

/** Pages, Numbers and Keynote since 2013: `Index/Document.iwa` and its like (IWA: Snappy-framed protobuf). */
function isIWork(names: string[]): boolean {
  return names.some((name) => /^Index\/[^/]+\.iwa$/.test(name)) || names.includes('Index.zip');
}

/** A ZIP's central directory, or null when it cannot be read. */
function zipEntries(bytes: Uint8Array): ZipEntryInfo[] | null {
  try {
    return listZipEntries(bytes, 100_000);
  } catch {
    return null;
  }
}

/** What an OpenDocument archive's `mimetype` entry says it is (a line of ASCII), or null if it cannot be read. */
function odfMediaType(bytes: Uint8Array, entry: ZipEntryInfo): string | null {
  if (entry.uncompressedSize > 256) return null;
  const budget = {
    remainingBytes: 256,
    maxExpansionRatio: 1000,
    inputBytes: bytes.length,
    expandedBytes: 0,
    remainingEntries: 1,
  };
  try {
    return new TextDecoder('latin1').decode(readZipEntry(bytes, entry, budget)).trim();
  } catch {
    return null;
  }
}

/**
 * Text when control characters (other than tab, line breaks, form feed, escape) are rare. Random bytes decode to
 * ~12 % controls in any single-byte code page.
 */
export function looksLikeText(text: string): boolean {
  if (text.length === 0) return true;
  let control = 0;
  let replacement = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) || c === 0x7f) control++;
    else if (c === 0xfffd) replacement++;
  }
  return control <= Math.max(1, text.length * 0.01) && replacement <= Math.max(2, text.length * 0.05);
}

/**
 * The header fields of a message, if it is one: what precedes the first blank line within the first 16 KB, and
 * whether that blank line came.
 */
function headerBlock(text: string): { fields: string; ended: boolean } {
  const head = text.slice(0, 16 * 1024).replace(/^\s+/, '');
  const end = head.search(/\r?\n\r?\n/);
  return end < 0 ? { fields: head, ended: false } : { fields: head.slice(0, end), ended: true };
}

/** RFC 5322: the message starts with header fields; require two known ones before the first blank line. */
function looksLikeEmail(header: { fields: string; ended: boolean }): boolean {
  const lines = header.fields.split(/\r?\n/);
  if (!/^[A-Za-z][A-Za-z0-9-]*:/.test(lines[0] ?? '') && !/^From \S/.test(lines[0] ?? '')) return false;
  let known = 0;
  for (const line of lines) {
    if (/^[ \t]/.test(line)) continue; // folded continuation
    if (!/^[!-9;-~]+:/.test(line) && !/^From \S/.test(line)) return false;
    if (
      /^(from|to|subject|date|message-id|mime-version|received|return-path|delivered-to|cc|reply-to|content-type):/i.test(
        line,
      )
    ) {
      known++;
    }
  }
  return known >= 2 && header.ended;
}

/**
 * A saved page rather than a letter: a browser's snapshot headers, or a multipart/related message that was never
 * sent (no recipient, no relay, no message id). `looksLikeSavedPage('From: <Saved by Blink>\r\n…')` → true.
 */
export function looksLikeSavedPage(headerBlock: string): boolean {
  const headers = new Map<string, string>();
  for (const line of headerBlock.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  if (headers.has('snapshot-content-location') || headers.has('x-maf-information')) return true;
  if (/saved by/i.test(headers.get('from') ?? '')) return true;
  const sent = ['to', 'cc', 'bcc', 'received', 'message-id', 'return-path', 'delivered-to'].some((h) => headers.has(h));
  return !sent && /^multipart\/related\b/i.test(headers.get('content-type') ?? '');
}

/**
 * A flat OpenDocument file (.fodt, .fods) by its root element's `office:mimetype`, which ODF requires there: the
 * text and spreadsheet kinds, which are read; other kinds (a flat presentation or drawing) are not told apart from
 * XML, and are kept as text.
 */
function flatOdfType(head: string): string | null {
  const root =
    /<([\w.-]+:)?document\b[^>]*?\bmimetype\s*=\s*["']application\/vnd\.oasis\.opendocument\.(text|spreadsheet)["']/.exec(
      head,
    );
  if (!root) return null;
  return root[2] === 'text' ? MEDIA_TYPES.fodt : MEDIA_TYPES.fods;
}

/** The page a Telegram Desktop export writes: its wrapper and its first messages, within the first 16 KB. */
function looksLikeTelegramHtml(head: string): boolean {
  return /<div class="page_wrap">/.test(head) && /<div class="message (default|service)/.test(head);
}

function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\s+/, '');
  if (/^<!doctype\s+html/i.test(head) || /^<html[\s>]/i.test(head)) return true;
  if (/^<\?xml[^>]*>\s*(<!doctype\s+html|<html[\s>])/i.test(head)) return true;
  if (/^<!--/.test(head) && /<html[\s>]/i.test(head)) return true;
  // A fragment that starts with markup and closes block elements ("<p>…</p>") is HTML; a line of naughty text
  // like "<script>alert(1)</script>" alone is not.
  return /^</.test(head) && /<\/(p|div|body|head|title|article|section|table|h[1-6]|ul|ol|li|span|a)>/i.test(head);
}

function markdownScore(text: string): number {
  const head = text.slice(0, 16 * 1024);
  let score = 0;
  if (/^#{1,6} \S/m.test(head)) score++;
  if (/^```/m.test(head)) score++;
  if (/\[[^\]\n]+\]\([^)\s]+\)/.test(head)) score++;
  if (/^\s{0,3}[-*+] \S/m.test(head) && /^\s{0,3}[-*+] \S.*\n\s{0,3}[-*+] \S/m.test(head)) score++;
  if (/\*\*[^*\n]+\*\*|__[^_\n]+__/.test(head)) score++;
  if (/^>\s\S/m.test(head)) score++;
  return score;
}

function extensionOf(fileName: string | undefined): string {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '');
  return match ? match[1]!.toLowerCase() : '';
}

function indexOfAscii(bytes: Uint8Array, needle: string, within: number): number {
  const limit = Math.min(bytes.length - needle.length, within);
  outer: for (let i = 0; i <= limit; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}
