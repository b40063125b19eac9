/** Contract of the document parsers: what a parse may cost, and what it produces. */
import type { ErrorCode } from '../shared/errors.js';
import type { Language } from '../shared/language.js';

export interface ParseLimits {
  /** Largest input accepted, in bytes. */
  maxBytes: number;
  /** Most bytes an archive (ZIP, DOCX) may expand to, over all entries and nesting levels. */
  maxExpandedBytes: number;
  /** Most expanded bytes per input byte, for an archive as a whole and for any entry over 1 MB. */
  maxExpansionRatio: number;
  /** ZIPs inside ZIPs: the outer archive is depth 1. */
  maxArchiveDepth: number;
  /** Entries over all nesting levels. */
  maxArchiveEntries: number;
  /** Wall-clock time for one parse, worker start-up excluded. */
  timeoutMs: number;
  /** V8 heap of the parsing worker. */
  maxMemoryMb: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = Object.freeze({
  maxBytes: 100 * 1024 * 1024,
  maxExpandedBytes: 500 * 1024 * 1024,
  maxExpansionRatio: 100,
  maxArchiveDepth: 3,
  maxArchiveEntries: 10_000,
  timeoutMs: 30_000,
  maxMemoryMb: 512,
});

/**
 * How deep an XML reader lets elements nest: deeper than any editor writes (LibreOffice, Word: a few dozen). saxes
 * looks a namespace prefix up through every open element, so a 2 MB file nested 200,000 deep took minutes to read;
 * past this depth it fails at once.
 */
export const MAX_XML_DEPTH = 2000;

export interface ChildDocument {
  name: string;
  bytes: Uint8Array;
  /**
   * `part`: a picture inside a word-processor document (parsers/document-pictures.ts); `joined-volumes`: the file
   * 7-Zip split into parts, joined again (ingest.ts).
   */
  relation: 'attachment' | 'archive-entry' | 'message' | 'part' | 'joined-volumes';
  /** What the container says of this child (a Telegram message's date and author): taken as given with the file. */
  metadata?: { title?: string | null; author?: string | null; publisher?: string | null; publishedAt?: string | null };
  /** An entry that could not be read (encrypted, damaged): no bytes, and the reason, which ingestion reports. */
  failure?: { code: ErrorCode; message: string };
  /**
   * Another export of the container may hold more or less of it: a chat's day, exported once in the middle of it
   * and again later. A stored source with its title and date whose text begins this one's (or is begun by it) is
   * such a copy, and ingestion links the two as near-duplicates.
   */
  growsAcrossExports?: boolean;
}

/**
 * A file a container keeps and Chronicle does not read, listed in the container's metadata (`notRead`) so the
 * source view can say what is there unread and why: an archive's entry
 * (`{ name: 'scans/logo.png', reason: 'an image of 88 × 31 px, too small to show a page' }`) or a message's
 * attachment, with its size. Ingestion adds the files it then fails to read.
 */
export interface KeptNotRead {
  name: string;
  reason: string;
  bytes?: number;
}

export interface ParsedDocument {
  mediaType: string;
  /** '' for a ZIP container. */
  text: string;
  title: string | null;
  author: string | null;
  publisher: string | null;
  /** ISO date or date-time. */
  publishedAt: string | null;
  url: string | null;
  language: Language;
  needsOcr: boolean;
  /** For text: 'utf-8', 'utf-16le', 'windows-1251', 'koi8-r' …; null when the format carries its own. */
  encoding: string | null;
  /** E-mail headers (from, to, cc, messageId, date), PDF info, page count, etc. */
  metadata: Record<string, unknown>;
  /** E-mail attachments, ZIP entries. */
  children: ChildDocument[];
  /** True for ZIP: the archive is kept as a source without text; its entries are its children. */
  isContainer: boolean;
  warnings: string[];
}

/**
 * The title a source gets: the one it was given (`--title`, a form field), else the one its file carries. The source's
 * row and the parse worker's PostgreSQL index literals both take it from here: literals made for another title are
 * not used, and would be made again in the writer thread.
 */
export function sourceTitle(given: string | null | undefined, parsed: Pick<ParsedDocument, 'title'>): string | null {
  return given ?? parsed.title ?? null;
}

export interface ParseOptions {
  fileName?: string;
  limits?: Partial<ParseLimits>;
  /** The volumes after the first of a RAR archive split into volumes, in order (volumes.ts gathers them). */
  laterVolumes?: readonly Uint8Array[];
}

/** What a format parser returns; parse.ts fills in language and defaults. */
export type ParserResult = Partial<Omit<ParsedDocument, 'mediaType' | 'language'>> & { text: string };

export function resolveLimits(limits: Partial<ParseLimits> | undefined): ParseLimits {
  const merged = { ...DEFAULT_PARSE_LIMITS };
  for (const [key, value] of Object.entries(limits ?? {})) {
    // A limit must be a positive number; anything else keeps the default rather than disabling the guard.
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) merged[key as keyof ParseLimits] = value;
  }
  return merged;
}

/**
 * Shapes text we produce (from every format but plain text and Markdown, whose offsets must equal the file): line
 * endings become \n, runs of spaces one space, lines are trimmed, and paragraph breaks are one blank line.
 * `normalizeProducedText('a  b\r\n\r\n\r\nc')` → 'a b\n\nc'.
 */
export function normalizeProducedText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
