/**
 * Russian vs English by counting letters of each script. General-purpose detectors (eld, franc) call short Russian
 * sentences Bulgarian or Belarusian (../shared/DEPENDENCIES.md); for the two languages Chronicle reads, the script
 * decides. `detectLanguage('Сегодня в Уфе задержали…')` → 'ru'.
 */
export const LANGUAGES = ['ru', 'en', 'other'] as const;
export type Language = (typeof LANGUAGES)[number];

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const SAMPLE_LIMIT = 20_000;

export function detectLanguage(text: string): Language {
  let cyrillic = 0;
  let latin = 0;
  const sample = text.length > SAMPLE_LIMIT ? text.slice(0, SAMPLE_LIMIT) : text;
  for (const ch of sample) {
    // ASCII and the Cyrillic block (whose only non-Cyrillic code points are the combining marks U+0485–U+0486) are
    // nearly every character of a report; the Unicode script tables are only consulted for the rest.
    const code = ch.charCodeAt(0);
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
    } else if (code >= 0x400 && code <= 0x4ff && code !== 0x485 && code !== 0x486) cyrillic++;
    else if (CYRILLIC.test(ch)) cyrillic++;
    else if (LATIN.test(ch)) latin++;
  }
  const letters = cyrillic + latin;
  if (letters < 3) return 'other';
  // Russian reports quote Latin names and URLs, English reports quote Cyrillic ones: the majority script wins.
  if (cyrillic >= latin) return 'ru';
  return 'en';
}
