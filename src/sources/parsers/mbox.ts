/**
 * A mailbox file (mbox, RFC 4155): the letters of a folder one after another, each opened by a "From " line. This is
 * what Thunderbird keeps a folder in, what Gmail's Takeout and Apple Mail export, and how a lawyer or a group hands
 * over a whole correspondence. Each letter becomes a message of the mailbox, read as the e-mail it is (with its own
 * subject, sender, date and attachments); the mailbox is kept byte for byte as the source they came from. Exported
 * again later, the letters already stored are duplicates and only new ones are stored.
 *
 * A letter's own lines beginning "From " were written ">From " (mboxrd: one more ">" before each), and are read back
 * with one ">" less. A "From " line opens a letter only when it carries the sender's date and time as mbox writers
 * put them (`From - Mon Mar  4 10:00:00 2024`, `From 1791@xxx Mon Mar 04 10:00:00 +0000 2024`) and a header field
 * follows it, so that a letter whose "From the court…" a careless writer left unescaped is not cut in two.
 */
import { ChronicleError } from '../../shared/errors.js';
import type { ChildDocument, ParseLimits, ParserResult } from '../parse-types.js';

/** The separator line: "From ", the envelope sender (or "-"), then a date with a time and a four-digit year. */
const FROM_LINE = /^From \S+ [^\r\n]*\b\d{1,2}:\d{2}(?::\d{2})?\b[^\r\n]*\b\d{4}\b[^\r\n]*$/;
/** Longer than any separator line a mail program writes (an address and a date). */
const MAX_FROM_LINE = 300;
const FROM = Buffer.from('From ', 'latin1');
const NEWLINE_FROM = Buffer.from('\nFrom ', 'latin1');
/** A header field's first line: a name of printable characters other than the colon, then a colon. */
const HEADER_FIELD = /^[!-9;-~]+:/;

/**
 * Whether the bytes are a mailbox: a separator line first, then a header field, and another separator later (or,
 * for a file named `.mbox`, or `mbox` as in the folder Apple Mail exports, one letter only). A letter saved alone by
 * Thunderbird also starts with a "From - …" line, and stays a letter.
 */
export function looksLikeMbox(bytes: Uint8Array, fileName?: string): boolean {
  const starts = letterStarts(asBuffer(bytes), 2);
  if (starts.length === 0 || starts[0] !== 0) return false;
  return starts.length > 1 || /(\.|^|[\\/])mbox$/i.test(fileName ?? '');
}

export function parseMbox(bytes: Uint8Array, limits: ParseLimits, fileName?: string): ParserResult {
  const file = asBuffer(bytes);
  const starts = letterStarts(file, limits.maxArchiveEntries + 1);
  if (starts.length === 0 || starts[0] !== 0)
    throw new ChronicleError('PARSE_FAILED', 'the mailbox does not begin with a "From " line');
  if (starts.length > limits.maxArchiveEntries)
    throw new ChronicleError(
      'DECOMPRESSION_LIMIT',
      `the mailbox holds more than ${limits.maxArchiveEntries} letters: export the folder in parts`,
    );
  const children: ChildDocument[] = [];
  for (const [index, start] of starts.entries()) {
    // One letter at a time as latin1, one character a byte, so its bytes come back as they were.
    const letter = unescapeFromLines(
      withoutSeparator(file.toString('latin1', start, starts[index + 1] ?? file.length)),
    );
    if (letter.trim() === '') continue;
    children.push({
      name: `letter-${index + 1}.eml`,
      bytes: new Uint8Array(Buffer.from(letter, 'latin1')),
      relation: 'message',
    });
  }
  const mailbox = mailboxName(fileName);
  return {
    // The mailbox's own text is its name, so that it is found by it; its letters are the reports.
    text: mailbox ?? '',
    title: mailbox ? `Mailbox: ${mailbox}` : 'Mailbox',
    encoding: null,
    metadata: { mailbox, letterCount: children.length },
    children,
    warnings: [],
  };
}

/**
 * Where each letter begins (its separator line's byte offset), up to `max` of them. Found in the bytes, so a file
 * that only begins as a mailbox is not decoded whole to be told apart; only candidate lines are.
 */
function letterStarts(file: Buffer, max: number): number[] {
  const starts: number[] = [];
  let at = 0;
  while (at < file.length && starts.length < max) {
    const lineEnd = endOfLine(file, at);
    // A separator is short; a long line is not tested at all, so no line makes the pattern backtrack for long.
    const candidate =
      lineEnd - at <= MAX_FROM_LINE &&
      lineEnd - at >= FROM.length &&
      file.compare(FROM, 0, FROM.length, at, at + FROM.length) === 0;
    if (candidate && FROM_LINE.test(file.toString('latin1', at, lineEnd).replace(/\r$/, ''))) {
      const next = file.toString(
        'latin1',
        lineEnd + 1,
        Math.min(endOfLine(file, lineEnd + 1), lineEnd + 1 + MAX_FROM_LINE),
      );
      if (HEADER_FIELD.test(next)) starts.push(at);
    }
    const found = file.indexOf(NEWLINE_FROM, lineEnd);
    if (found < 0) break;
    at = found + 1;
  }
  return starts;
}

function endOfLine(file: Buffer, from: number): number {
  const end = file.indexOf(0x0a, from);
  return end < 0 ? file.length : end;
}

/**
 * The letter without its separator line, ending in one line end of its own kind: mbox writers put a blank line
 * before the next letter and none after the last, and a letter must be the same bytes wherever it stands in the
 * mailbox, or a later export would store it again.
 */
function withoutSeparator(chunk: string): string {
  const separatorEnd = chunk.indexOf('\n');
  const letter = (separatorEnd < 0 ? '' : chunk.slice(separatorEnd + 1)).replace(/[\r\n]+$/, '');
  return letter === '' ? '' : `${letter}${letter.includes('\r\n') ? '\r\n' : '\n'}`;
}

/** mboxrd's escape taken off: ">From " → "From ", ">>From " → ">From ". */
function unescapeFromLines(letter: string): string {
  return letter.replace(/^>(>*From )/gm, '$1');
}

/** The mailbox's name from its file's: `Inbox.mbox` → 'Inbox', Thunderbird's `Inbox` → 'Inbox'. */
function mailboxName(fileName: string | undefined): string | null {
  const base = fileName
    ?.split(/[\\/!]/)
    .pop()
    ?.replace(/\.(mbox|mbx|mbs)$/i, '')
    .trim();
  return base ? base : null;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
