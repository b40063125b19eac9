/**
 * What ingestion computes from a plain-text file before it writes anything: the parse, the hashes and the search
 * terms. For a window of small files this runs in the parse worker (`prepareTextsInWorker`), so on the writer's thread
 * only the database work is left and the next window is read while the previous one commits.
 */
// The database-free door of search: this module runs in the parse worker, which should start fast.
import { fieldTerms, ftsFieldText, type IndexVectors, indexVectors } from '../search/terms.js';
import { describeError, type ErrorCode, isChronicleError } from '../shared/errors.js';
import { forEachRun, LETTER_OR_DIGIT } from '../shared/unicode-units.js';
import { detectMediaType, MEDIA_TYPES } from './detect.js';
import { parseDetected } from './parse.js';
import { type ParsedDocument, type ParseLimits, sourceTitle } from './parse-types.js';
import { sha256Hex } from './sha256.js';

/**
 * A source's hashes and its body in the form the workspace's search index takes, computed where it was parsed: the
 * writer thread then neither makes terms nor takes them apart.
 */
export interface PreparedTerms {
  /** SHA-256 of the original bytes. */
  sha256: string;
  /** `nearDuplicateKey` of the text. */
  textKey: string | null;
  /** The body as its FTS5 column (`ftsFieldText(fieldTerms(text))`), when the workspace is on SQLite. */
  ftsBody?: string;
  /** The PostgreSQL index vectors (`indexVectors`), when the workspace is on PostgreSQL. */
  indexVectors?: IndexVectors;
}

/** A small file to read as plain text, with the title its source will have if given one (`--title`, a form). */
export interface TextFile {
  bytes: Uint8Array;
  fileName: string;
  title?: string | null | undefined;
}

export type PreparedFile =
  | { kind: 'parsed'; document: ParsedDocument; terms: PreparedTerms }
  | { kind: 'failed'; code: ErrorCode; message: string }
  /** Not plain text or Markdown: parsed the usual way, one file per worker request. */
  | { kind: 'other' };

/**
 * Case, white space and punctuation do not make two texts different reports: the key is the SHA-256 of the text's
 * runs of letters and digits, lower-cased, ё as е, one space between them. Stored with every source
 * (`text_sha256`), so it must not change.
 */
export function nearDuplicateKey(text: string): string | null {
  const folded = lettersAndDigits(text.toLowerCase().replaceAll('ё', 'е'));
  return folded.length === 0 ? null : sha256Hex(folded);
}

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/**
 * `text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()` by `forEachRun` (a mark separates, as there): four
 * times faster for a report, most of this key's time in ingestion. `lettersAndDigits('«суд», 5 лет!')` → 'суд 5 лет'.
 */
function lettersAndDigits(text: string): string {
  const runs: string[] = [];
  const rest = forEachRun(text, LETTER_OR_DIGIT, (start, end) => runs.push(text.slice(start, end)));
  return rest >= 0 ? text.replace(NOT_LETTER_OR_DIGIT, ' ').trim() : runs.join(' ');
}

/**
 * A text's hashes and its body as SQLite's index takes it; with `indexTitle` (the title its source will have), as
 * PostgreSQL's does instead. `prepareTerms(bytes, 'Суд продлил арест')` →
 * `{ sha256: '9f…', textKey: '41…', ftsBody: 'суд продл арест =суд =продлил =арест' }`.
 */
export function prepareTerms(bytes: Uint8Array, text: string, indexTitle?: { title: string | null }): PreparedTerms {
  const body = fieldTerms(text);
  return {
    sha256: sha256Hex(bytes),
    textKey: nearDuplicateKey(text),
    ...(indexTitle ? { indexVectors: indexVectors(indexTitle.title, body) } : { ftsBody: ftsFieldText(body) }),
  };
}

/**
 * Reads each file as plain text when it is plain text or Markdown; a file that fails fails alone. With `postgres`,
 * each also gets its PostgreSQL index vectors, for the title its source will have (its own, else the text's).
 */
export async function prepareTexts(
  files: readonly TextFile[],
  limits: ParseLimits,
  options: { postgres?: boolean } = {},
): Promise<PreparedFile[]> {
  const prepared: PreparedFile[] = [];
  for (const file of files) {
    const type = detectMediaType(file.bytes, file.fileName);
    if (type !== MEDIA_TYPES.text && type !== MEDIA_TYPES.markdown) {
      prepared.push({ kind: 'other' });
      continue;
    }
    try {
      const document = await parseDetected(type, file.bytes, limits);
      const indexTitle = options.postgres ? { title: sourceTitle(file.title, document) } : undefined;
      prepared.push({ kind: 'parsed', document, terms: prepareTerms(file.bytes, document.text, indexTitle) });
    } catch (error) {
      // The reason as `expand` words it for a file parsed in the writer thread: its first line.
      prepared.push({
        kind: 'failed',
        code: isChronicleError(error) ? error.code : 'PARSE_FAILED',
        message: describeError(error),
      });
    }
  }
  return prepared;
}
