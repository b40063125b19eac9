/** Where in a source's text a quote came from: offsets as the evidence gives them, end exclusive. */
export interface SourceSpan {
  start: number;
  end: number;
}

const SPAN = /^(\d{1,9})-(\d{1,9})$/;

/**
 * The address of a source opened at the words a fact rests on: the source page marks them and brings them into view.
 * `sourceSpanLink('01H…', { start: 12, end: 40 })` → '/sources/01H…?span=12-40'.
 */
export function sourceSpanLink(sourceId: string, span: SourceSpan): string {
  return `/sources/${encodeURIComponent(sourceId)}?span=${span.start}-${span.end}`;
}

/**
 * The span of a source's address (`?span=12-40`), or null when there is none or it cannot be one (typed by hand,
 * empty, backwards): a wrong address opens the source as it is rather than marking nothing or failing.
 * `readSourceSpan('12-40')` → { start: 12, end: 40 }; `readSourceSpan('40-12')` → null.
 */
export function readSourceSpan(value: string | null): SourceSpan | null {
  const match = value ? SPAN.exec(value) : null;
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return start < end ? { start, end } : null;
}
