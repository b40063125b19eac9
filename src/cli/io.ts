import { readFile } from 'node:fs/promises';
import { ChronicleError } from '../shared/errors.js';

/** Reads a whole file, or standard input when the path is `-`. */
export async function readInput(path: string): Promise<Buffer> {
  if (path !== '-') return readFile(path);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Text from reports made safe for a terminal. Titles, file names and quotes come from files anyone may have written:
 * an escape sequence in a web page's <title> would otherwise reach the terminal when a researcher searches — to
 * recolour or clear it, retitle the window, or, on some terminals, write to the clipboard (OSC 52). Control
 * characters and the bidirectional overrides that reorder what is shown ("Trojan Source") become U+FFFD; line
 * breaks become spaces, so a value cannot forge a line of output.
 * `terminalSafe('Evil \x1b[31mred')` → 'Evil �[31mred'.
 */
export function terminalSafe(text: string): string {
  return text
    .replace(/[\n\r\v\f\u0085\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}

/** Writes one line of output (made `terminalSafe`); data goes to stdout, diagnostics to stderr. */
export function printLine(line: string): void {
  process.stdout.write(`${terminalSafe(line)}\n`);
}

/** A diagnostic line on stderr, made `terminalSafe`. */
export function printError(line: string): void {
  process.stderr.write(`${terminalSafe(line)}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** A warning on stderr, which is never parsed: `chronicle: warning: …`. */
export function printWarning(message: string): void {
  printError(`chronicle: warning: ${message}`);
}

/** A whole-number option, or a usage error naming it: `countOption('--limit', '20', 1, 500)` → 20. */
export function countOption(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max)
    throw new ChronicleError('USAGE', `${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}
