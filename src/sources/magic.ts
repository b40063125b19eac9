/** Reading a file's first bytes (and a ZIP's last) for the signatures that say its format. */

/** Whether the bytes begin with `magic`. `startsWith(pngBytes, [0x89, 0x50, 0x4e, 0x47])` → true. */
export function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Bytes `from`–`to` as Latin-1 text, '' where the file is shorter. `asciiAt(webpBytes, 8, 12)` → 'WEBP'. */
export function asciiAt(bytes: Uint8Array, from: number, to: number): string {
  if (bytes.length < to) return '';
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** `Rar!` and its version: RAR 1.5–4 (…07 00) and RAR 5 (…07 01 00). */
export const RAR4_MAGIC = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00];
export const RAR5_MAGIC = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00];

/**
 * Where a ZIP's end-of-central-directory record starts (`PK 05 06`), or -1: in the last 22 bytes, or before a comment
 * of at most 65,535 bytes that follows it. The nearest the end is taken.
 */
export function zipDirectoryEnd(bytes: Uint8Array): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) return at;
  return -1;
}

/**
 * RAR 5's variable-length integers (7 bits a byte, low first) from `at`, at most `count`, each with the offset just
 * past it; fewer where the bytes end or one runs past five bytes. `readVints(Uint8Array.of(3, 0x85, 1), 0, 2)` →
 * [{ value: 3, end: 1 }, { value: 133, end: 3 }].
 */
export function readVints(bytes: Uint8Array, at: number, count: number): Array<{ value: number; end: number }> {
  const values: Array<{ value: number; end: number }> = [];
  while (values.length < count && at < bytes.length) {
    let value = 0;
    let done = false;
    for (let shift = 0; shift < 35 && at < bytes.length; shift += 7) {
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) {
        done = true;
        break;
      }
    }
    if (!done) break;
    values.push({ value, end: at });
  }
  return values;
}
