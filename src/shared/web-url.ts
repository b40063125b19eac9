/**
 * An address a reader can open: `http:` or `https:` only. A report's address is shown as a link, so `javascript:`,
 * `data:` or `file:` must never be stored as one. `webUrl(' https://example.org/a ')` → 'https://example.org/a';
 * `webUrl('javascript:alert(1)')` → null.
 */
export function webUrl(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
