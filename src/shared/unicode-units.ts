/**
 * What each UTF-16 unit is by itself — a letter or digit (`\p{L}`, `\p{N}`), a combining mark (`\p{M}`), half of a
 * surrogate pair, or none of these — in one table built once from those classes. Scanning a report with it finds
 * its words three to four times faster than a Unicode regular expression does, and both search's tokenizer and the
 * near-duplicate key scan every report ingested. A text with surrogates (characters past U+FFFF) is left to the
 * expressions, which read those as code points.
 */
export const OTHER_UNIT = 0;
export const LETTER_OR_DIGIT = 1;
export const MARK = 2;
export const SURROGATE = 3;

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
