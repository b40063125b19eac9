/**
 * Raw 8-bit header text in an e-mail (RFC 5322 wants it encoded as `=?windows-1251?B?…?=`, but older Russian mail
 * clients and gateways wrote Windows-1251 or KOI8-R bytes as they were): postal-mime reads header bytes as UTF-8,
 * so a subject «Обыск в Омске» became the source's title as «����� � �����», the sender's name likewise, and an
 * attachment's file name. Such header lines are re-encoded as UTF-8 before the message is parsed — in the charset
 * their own part declares, else the message's, else as a text of unknown encoding is guessed. Bodies are never
 * touched: their bytes are decoded by their part's charset as sent. The original is kept as received.
 */
import { isUtf8 } from 'node:buffer';
import { decodeText, decodeWithCharset } from '../decode-text.js';

const CHARSET = /charset\s*=\s*"?([^";\s]+)"?/i;
const BOUNDARY = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i;

/**
 * `message` with its header lines in UTF-8, or `message` itself when no header line holds other 8-bit bytes. Body
 * lines are only looked at for a boundary, never copied line by line: a message of 8-bit text may be large.
 */
export function withUtf8Headers(message: Uint8Array): Uint8Array {
  if (isUtf8(message)) return message;
  const out: Uint8Array[] = [];
  const boundaries = new Set<string>();
  let messageCharset: string | null = null;
  let copiedTo = 0;
  let at = 0;
  let inHeaders = true;
  while (at < message.length) {
    if (!inHeaders) {
      const line = lineAt(message, at);
      // A part's headers follow its boundary line (not the closing `--boundary--`).
      if (message[at] === 0x2d && message[at + 1] === 0x2d) {
        const marker = latin1(message.subarray(at + 2, line.contentEnd)).trimEnd();
        if (boundaries.has(marker)) inHeaders = true;
      }
      at = line.end;
      continue;
    }
    const block: Line[] = [];
    while (at < message.length) {
      const line = lineAt(message, at);
      at = line.end;
      // The blank line that ends the headers.
      if (line.contentEnd === line.start) break;
      block.push(line);
    }
    const blockText = block.map((line) => latin1(message.subarray(line.start, line.contentEnd))).join('\n');
    const boundary = BOUNDARY.exec(blockText);
    if (boundary) boundaries.add(boundary[1] ?? boundary[2]!);
    const charset = CHARSET.exec(blockText)?.[1] ?? null;
    messageCharset ??= charset;
    for (const line of block) {
      const content = message.subarray(line.start, line.contentEnd);
      if (isUtf8(content)) continue;
      const declared = charset ?? messageCharset;
      const text = declared ? decodeWithCharset(content, declared).text : decodeText(content).text;
      out.push(message.subarray(copiedTo, line.start), new TextEncoder().encode(text));
      copiedTo = line.contentEnd;
    }
    inHeaders = false;
  }
  if (out.length === 0) return message;
  out.push(message.subarray(copiedTo));
  return new Uint8Array(Buffer.concat(out));
}

/** A line's start, where its content ends (before CR LF or LF), and where the next line starts. */
interface Line {
  start: number;
  contentEnd: number;
  end: number;
}

function lineAt(bytes: Uint8Array, start: number): Line {
  const newline = bytes.indexOf(0x0a, start);
  if (newline < 0) return { start, contentEnd: bytes.length, end: bytes.length };
  const contentEnd = newline > start && bytes[newline - 1] === 0x0d ? newline - 1 : newline;
  return { start, contentEnd, end: newline + 1 };
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
