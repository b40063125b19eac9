/**
 * What a PDF's text layer says when its fonts lie. Two faults are common in Russian court papers and press releases
 * made by old office software:
 * - a Cyrillic font that declares the Latin (WinAnsi) encoding: its text comes out as Windows-1251 codes read as
 *   Latin-1 letters ("Ñóä àðåñòîâàë" for «Суд арестовал»). The codes are all there, so the text is read back;
 * - a font embedded without any map from its glyphs to characters: its text comes out as glyph numbers (control
 *   characters, private-use code points). Nothing can be read back: the page is for OCR.
 */
import iconv from 'iconv-lite';

/** A page with fewer letters than this is too short to judge. */
const MIN_LETTERS = 10;

/**
 * Of a page's letters, this share or more in Latin-1's upper half (À–ÿ) is Windows-1251 read as Latin-1: no language
 * written in Latin letters puts half of them there (French and German, a few in a hundred; Icelandic, about ten),
 * while Russian read so puts all of them there.
 */
const MOJIBAKE_SHARE = 0.5;

/** Of a page's visible characters, more than this share of glyph numbers makes its text layer unreadable. */
const GLYPH_NUMBER_SHARE = 0.3;

/**
 * What Windows-1251 text looks like read as Windows-1252: А–я (C0–FF), Ё and ё (A8, B8), № (B9). Runs of these are
 * read back; other characters are the same in both code pages (ASCII, «», dashes, the ellipsis).
 */
const CP1251_AS_LATIN = /[\u00a8\u00b8\u00b9\u00c0-\u00ff]+/g;

export type TextLayerVerdict =
  | { kind: 'readable'; text: string }
  /** Windows-1251 codes under a Latin font, read back as Cyrillic. */
  | { kind: 'repaired'; text: string }
  /** Glyph numbers: no text to keep, the page needs OCR. */
  | { kind: 'unreadable' };

/**
 * `judgeTextLayer('Ñóä àðåñòîâàë Ïåòðà')` → `{ kind: 'repaired', text: 'Суд арестовал Петра' }`;
 * `judgeTextLayer('\u0001\u0002\u0003 …')` → `{ kind: 'unreadable' }`; a French `café` stays as it is.
 */
export function judgeTextLayer(text: string): TextLayerVerdict {
  const visible = text.replace(/\s/g, '');
  if (visible.length > 0) {
    const glyphNumbers = visible.match(/[\u0000-\u001f\u007f-\u009f\ue000-\uf8ff\ufffd]/g)?.length ?? 0;
    if (visible.length >= MIN_LETTERS && glyphNumbers > visible.length * GLYPH_NUMBER_SHARE)
      return { kind: 'unreadable' };
  }
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const latinUpperHalf = text.match(/[\u00c0-\u00ff]/g)?.length ?? 0;
  if (letters < MIN_LETTERS || latinUpperHalf < letters * MOJIBAKE_SHARE) return { kind: 'readable', text };
  return {
    kind: 'repaired',
    text: text.replace(CP1251_AS_LATIN, (run) => iconv.decode(iconv.encode(run, 'windows-1252'), 'windows-1251')),
  };
}
