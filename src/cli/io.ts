import { readFile } from 'node:fs/promises';

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
