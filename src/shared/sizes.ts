const MEGABYTE = 1024 * 1024;

/**
 * A size as a person reads it in a message, the one way every limit and file is said:
 * `sizeInWords(268435456)` → '256 MB', `sizeInWords(2500)` → '2,500 bytes', `sizeInWords(100 * 1024 * 1024 + 1)` →
 * '100.1 MB'. Rounded up to a tenth, so a file just over a limit of 100 MB is never said to be 100 MB as well.
 */
export function sizeInWords(bytes: number): string {
  if (bytes < MEGABYTE) return `${bytes.toLocaleString('en')} bytes`;
  const tenths = Math.ceil((bytes / MEGABYTE) * 10 - 1e-9) / 10;
  return `${tenths.toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
}
