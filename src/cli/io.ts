import { readFile } from 'node:fs/promises';
import { ChronicleError } from '../shared/errors.js';

/** Reads a whole file, or standard input when the path is `-`. */
export async function readInput(path: string): Promise<Buffer> {
  if (path !== '-') return readFile(path);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Writes one line of output; data goes to stdout, diagnostics to stderr. */
export function printLine(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** A warning on stderr, which is never parsed: `chronicle: warning: …`. */
export function printWarning(message: string): void {
  process.stderr.write(`chronicle: warning: ${message}\n`);
}

/** A whole-number option, or a usage error naming it: `countOption('--limit', '20', 1, 500)` → 20. */
export function countOption(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max)
    throw new ChronicleError('USAGE', `${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}
