import type { ReactNode } from 'react';

export interface Highlight {
  start: number;
  end: number;
  className?: string;
  title?: string;
}

/**
 * Splits `text` into React nodes at the given offsets, wrapping each span in <mark>. Text is never parsed as HTML,
 * so a report containing markup shows as the characters it is. A span inside another (a place inside an
 * organization's name) is nested inside it; a span that only partly overlaps an earlier one, or falls outside the
 * text, is dropped.
 * `('в Уфе задержали', [{ start: 6, end: 15 }])` → ['в Уфе ', <mark>задержали</mark>].
 */
export function HighlightedText({ text, highlights }: { text: string; highlights: readonly Highlight[] }) {
  const spans = highlights
    .filter((h) => Number.isInteger(h.start) && Number.isInteger(h.end) && h.start >= 0 && h.end <= text.length && h.start < h.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  return <>{build(text, spans, 0, text.length)}</>;
}

/** The nodes for text[from, to), given the spans inside it sorted by start (longest first on a tie). */
function build(text: string, spans: readonly Highlight[], from: number, to: number): ReactNode[] {
  const nodes: ReactNode[] = [];
  let at = from;
  let i = 0;
  while (i < spans.length) {
    const span = spans[i] as Highlight;
    if (span.start < at) {
      i += 1; // partly overlaps the span before it
      continue;
    }
    const inner: Highlight[] = [];
    let j = i + 1;
    for (; j < spans.length && (spans[j] as Highlight).start < span.end; j += 1) {
      if ((spans[j] as Highlight).end <= span.end) inner.push(spans[j] as Highlight);
    }
    if (span.start > at) nodes.push(text.slice(at, span.start));
    nodes.push(
      <mark key={`${span.start}-${span.end}`} className={span.className} title={span.title}>
        {build(text, inner, span.start, span.end)}
      </mark>,
    );
    at = span.end;
    i = j;
  }
  if (at < to) nodes.push(text.slice(at, to));
  return nodes;
}
