/**
 * What each UTF-16 unit is by itself — a letter or digit (`\p{L}`, `\p{N}`), a combining mark (`\p{M}`), half of a
 * surrogate pair, or none of these — in one table built once from those classes. Scanning a report with it finds
 * its words three to four times faster than a Unicode regular expression does, and both search's tokenizer and the
 * near-duplicate key scan every report ingested. A text with surrogates (characters past U+FFFF) is left to the
 * expressions, which read those as code points.
 */
export const OTHER_UNIT = 0;
/** Kinds are bits, so a scan can ask for runs of several (`LETTER_OR_DIGIT | MARK`). */
export const LETTER_OR_DIGIT = 1;
export const MARK = 2;
export const SURROGATE = 4;

let kinds: Uint8Array | null = null;

/** `unitKinds()[0x0416]` (Ж) → LETTER_OR_DIGIT. Built on first use (about 10 ms). */
export function unitKinds(): Uint8Array {
  if (kinds) return kinds;
  const table = new Uint8Array(0x10000);
  const wordUnit = /[\p{L}\p{N}\p{M}]/u;
  const mark = /\p{M}/u;
  for (let unit = 0; unit < table.length; unit++) {
    if (unit >= 0xd800 && unit <= 0xdfff) table[unit] = SURROGATE;
    else {
      const char = String.fromCharCode(unit);
      if (wordUnit.test(char)) table[unit] = mark.test(char) ? MARK : LETTER_OR_DIGIT;
    }
  }
  kinds = table;
  return table;
}

/**
 * Calls `run(start, end)` for each run of units whose kinds are among `kinds`, in text order. Stops at the first
 * surrogate, which only the Unicode expressions read right, and returns where to go on from: the start of the run
 * it was in, or the surrogate itself; -1 once the whole text is read.
 * `forEachRun('«суд», 5', LETTER_OR_DIGIT, f)` calls `f(1, 4)` and `f(7, 8)`, and returns -1.
 */
export function forEachRun(text: string, kinds: number, run: (start: number, end: number) => void): number {
  const table = unitKinds();
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const kind = i < text.length ? table[text.charCodeAt(i)]! : OTHER_UNIT;
    if ((kind & kinds) !== 0) {
      if (start < 0) start = i;
    } else if (kind === SURROGATE) {
      return start < 0 ? i : start;
    } else if (start >= 0) {
      run(start, i);
      start = -1;
    }
  }
  return -1;
}
