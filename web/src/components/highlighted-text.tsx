import type { ReactNode } from 'react';

export interface Highlight {
  start: number;
  end: number;
  className?: string;
  title?: string;
}

/**
 * Splits `text` into React nodes at the given offsets, wrapping each span in <mark>. Text is never parsed as HTML,
 * so a report containing markup shows as the characters it is. Overlapping or out-of-range spans are dropped.
 * `('в Уфе задержали', [{ start: 6, end: 15 }])` → ['в Уфе ', <mark>задержали</mark>].
 */
export function HighlightedText({ text, highlights }: { text: string; highlights: readonly Highlight[] }) {
  const spans = [...highlights]
    .filter((h) => Number.isInteger(h.start) && Number.isInteger(h.end) && h.start >= 0 && h.end <= text.length && h.start < h.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const nodes: ReactNode[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue; // overlaps the previous span: keep the first, longest one
    if (span.start > at) nodes.push(text.slice(at, span.start));
    nodes.push(
      <mark key={`${span.start}-${span.end}`} className={span.className} title={span.title}>
        {text.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return <>{nodes}</>;
}
