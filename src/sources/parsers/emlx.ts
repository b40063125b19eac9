/**
 * Apple Mail's own files of its letters (`.emlx`, under `~/Library/Mail/…/Messages/`), as they come in a copy of a
 * Mac's mail folder or a device's extraction: the letter's length in bytes on the first line, the letter itself
 * (RFC 5322) after it, and Apple's property list of flags after that. The letter is read as an e-mail is; the
 * original keeps all three.
 */
import { ChronicleError } from '../../shared/errors.js';
import type { ParseLimits, ParserResult } from '../parse-types.js';

/** Where the letter stands in an `.emlx`: after its length's line, for that many bytes; null if this is no `.emlx`. */
export function emlxLetter(bytes: Uint8Array): { start: number; length: number } | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 32));
  const line = /^(\d{1,12})[ \t]*\r?\n/.exec(head);
  if (!line) return null;
  const length = Number(line[1]);
  const start = line[0].length;
  // Apple Mail writes the letter whole: a length past the file's end is some other text that starts with a number.
  if (length === 0 || start + length > bytes.length) return null;
  return { start, length };
}

export async function parseEmlx(bytes: Uint8Array, limits: ParseLimits): Promise<ParserResult> {
  const letter = emlxLetter(bytes);
  if (!letter) throw new ChronicleError('PARSE_FAILED', 'the Apple Mail letter does not begin with its length');
  const { parseEml } = await import('./eml.js');
  const read = await parseEml(bytes.subarray(letter.start, letter.start + letter.length), limits);
  return { ...read, metadata: { ...read.metadata, savedBy: 'Apple Mail (.emlx)' } };
}
