/** Reading a file's first bytes for the signatures that say its format. */

/** Whether the bytes begin with `magic`. `startsWith(pngBytes, [0x89, 0x50, 0x4e, 0x47])` → true. */
export function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Bytes `from`–`to` as Latin-1 text, '' where the file is shorter. `asciiAt(webpBytes, 8, 12)` → 'WEBP'. */
export function asciiAt(bytes: Uint8Array, from: number, to: number): string {
  if (bytes.length < to) return '';
  return String.fromCharCode(...bytes.subarray(from, to));
}
