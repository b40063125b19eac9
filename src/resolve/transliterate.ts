/**
 * Transliteration both ways under the schemes people actually meet, over `iuliia` (which implements the standards;
 * it leaves ё alone under BGN/PCGN and GOST 7.79, so ё is folded to е first), plus the loose press styles that no
 * standard describes. Matching does not depend on these spellings (see `foldName`); they serve explanations
 * ("Фёдор ~ Fedor via BGN/PCGN"), search expansion and the synthetic benchmark.
 */
import {
  ALA_LC,
  BGN_PCGN,
  GOST_779,
  GOST_779_ALT,
  ICAO_DOC_9303,
  MOSMETRO,
  SCIENTIFIC,
  type Schema,
  TELEGRAM,
  translate,
  WIKIPEDIA,
  YANDEX_MAPS,
} from 'iuliia';

/** Scheme names, each with the standard it implements. */
export const TRANSLITERATION_SCHEMES = {
  /** ICAO Doc 9303, Russian passports since 2013: Iuliia, Gainullin, Evgenii. */
  ICAO: ICAO_DOC_9303,
  /** BGN/PCGN 1947: Yuliya, Gaynullin, Yevgeniy, Mosal’skaya. */
  BGN_PCGN: BGN_PCGN,
  /** ISO 9:1995 = GOST 7.79-2000 System A (diacritics): Ûliâ, Gajnullin, Ščukin → Ŝukin. */
  ISO_9: GOST_779,
  /** GOST 7.79-2000 System B (ASCII): Yuliya, Gajnullin, Shhukin. */
  GOST_779_B: GOST_779_ALT,
  /** ALA-LC, the Library of Congress romanization. */
  LIBRARY_OF_CONGRESS: ALA_LC,
  /** The scientific (linguistic) system: Julija, Ščukin. */
  SCIENTIFIC: SCIENTIFIC,
  /** Wikipedia's English style: Yulia, Yevgeny. */
  WIKIPEDIA: WIKIPEDIA,
  /** Moscow Metro signage: Schukin, Evgeny. */
  MOSMETRO: MOSMETRO,
  /** Informal chat style: Scukin, Jukov. */
  TELEGRAM: TELEGRAM,
  /** Yandex Maps: Yevgeniy, Schukin. */
  YANDEX_MAPS: YANDEX_MAPS,
} as const satisfies Record<string, Schema>;

export type TransliterationScheme = keyof typeof TRANSLITERATION_SCHEMES;

/** Human-readable scheme names for explanations. */
export const SCHEME_LABELS: Record<TransliterationScheme, string> = {
  ICAO: 'ICAO 9303',
  BGN_PCGN: 'BGN/PCGN',
  ISO_9: 'ISO 9 / GOST 7.79 A',
  GOST_779_B: 'GOST 7.79 B',
  LIBRARY_OF_CONGRESS: 'Library of Congress',
  SCIENTIFIC: 'scientific',
  WIKIPEDIA: 'Wikipedia style',
  MOSMETRO: 'Moscow Metro style',
  TELEGRAM: 'informal style',
  YANDEX_MAPS: 'Yandex Maps style',
};

const SCHEME_NAMES = Object.keys(TRANSLITERATION_SCHEMES) as TransliterationScheme[];

/** Cyrillic → Latin under one scheme, ё folded to е first.
 * `transliterate("Фёдор Щукин", "BGN_PCGN") === "Fedor Shchukin"`; `transliterate("Юлия", "ICAO") === "Iuliia"`. */
export function transliterate(text: string, scheme: TransliterationScheme): string {
  return translate(text.replace(/ё/g, 'е').replace(/Ё/g, 'Е'), TRANSLITERATION_SCHEMES[scheme]);
}

function looseLatin(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’‘`´ʹʺʼ]/g, '');
}

/**
 * The schemes under which a Cyrillic word is written as the given Latin word (case and apostrophes ignored).
 * `schemesProducing("Фёдор", "Fedor")` includes "BGN_PCGN" and "ICAO".
 */
export function schemesProducing(cyrillic: string, latin: string): TransliterationScheme[] {
  const target = looseLatin(latin);
  return SCHEME_NAMES.filter((s) => looseLatin(transliterate(cyrillic, s)) === target);
}

/** Loose press alternatives per Cyrillic letter, beyond the standards (issue 4: Щ → shch/sch/sc, Ж → zh/j, …). */
const PRESS_LETTERS: Record<string, readonly string[]> = {
  щ: ['shch', 'sch', 'sc'],
  ж: ['zh', 'j'],
  х: ['kh', 'h'],
  й: ['y', 'i', 'j'],
  я: ['ya', 'ia', 'ja'],
  ю: ['yu', 'iu', 'ju'],
  ц: ['ts', 'tz'],
  ё: ['e', 'yo'],
  э: ['e'],
};

/**
 * Latin spellings of a Cyrillic name part: every standard scheme plus loose press styles (-ий → -y/-iy/-ii/-ij,
 * initial Е → E/Ye), capped at `limit`. `latinVariants("Щукин")` includes Shchukin, Ščukin, Schukin, Scukin.
 */
export function latinVariants(cyrillic: string, limit = 24): string[] {
  const out = new Set<string>();
  for (const s of SCHEME_NAMES) out.add(transliterate(cyrillic, s));
  const lower = cyrillic.toLowerCase();
  // Press style: ICAO-like base with one alternative letter at a time, and the usual -ий endings.
  const base = transliterate(cyrillic, 'WIKIPEDIA');
  for (const [letter, alts] of Object.entries(PRESS_LETTERS)) {
    if (!lower.includes(letter)) continue;
    for (const alt of alts) {
      const spelled = [...lower].map((ch) => (ch === letter ? alt : ch)).join('');
      const latin = transliterate(spelled, 'WIKIPEDIA');
      out.add(capitalize(latin));
    }
  }
  if (/ий$|ый$/.test(lower)) {
    const stem = transliterate(cyrillic.slice(0, -2), 'WIKIPEDIA');
    const vowel = lower.endsWith('ый') ? '' : 'i';
    for (const end of ['y', 'iy', 'ii', 'ij', 'i']) out.add(stem + (vowel === '' && end === 'ii' ? 'yi' : end));
  }
  // Some schemes write an initial е as E (Elena); the base already writes Ye (Yelena), which is not to be doubled.
  if (/^е/.test(lower)) out.add(/^Ye/.test(base) ? base : `Ye${base.slice(1)}`);
  return [...out].slice(0, limit);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Latin digraphs and letters → Cyrillic, longest first (reverse of BGN/PCGN, ICAO and press styles). */
const LATIN_TO_CYRILLIC: Array<[string, string]> = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['dzh', 'дж'],
  ['tch', 'ч'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['yu', 'ю'],
  ['iu', 'ю'],
  ['ju', 'ю'],
  ['ya', 'я'],
  ['ia', 'я'],
  ['ja', 'я'],
  ['yo', 'ё'],
  ['ye', 'е'],
  ['a', 'а'],
  ['b', 'б'],
  ['c', 'к'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['h', 'х'],
  ['i', 'и'],
  ['j', 'й'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['q', 'к'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['v', 'в'],
  ['w', 'в'],
  ['x', 'кс'],
  ['y', 'ы'],
  ['z', 'з'],
];

/**
 * A Cyrillic spelling of a Latin-written Russian name part, for search and display: the inverse of the common
 * schemes, with й after a vowel, -ий/-ый endings and initial Е/Э resolved by Russian spelling habits.
 * `cyrillicSpelling("Gaynullin") === "Гайнуллин"`, `cyrillicSpelling("Yevgeniy") === "Евгений"`.
 */
export function cyrillicSpelling(latin: string): string {
  const s = latin
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´ʹʺʼ]/g, 'ь');
  let out = '';
  let i = 0;
  const isVowel = (c: string | undefined): boolean => c !== undefined && 'аеёиоуыэюя'.includes(c);
  while (i < s.length) {
    const rest = s.slice(i);
    // -iy / -y / -ii / -ij endings of adjectival surnames and names (Sokolovsky, Yevgeniy).
    if (/^(iy|ii|ij|y)$/.test(rest) && out.length > 1) {
      const last = out[out.length - 1] ?? '';
      out += 'кгхжшчщ'.includes(last) || rest !== 'y' ? 'ий' : 'ый';
      break;
    }
    if ((rest.startsWith('y') || rest.startsWith('i') || rest.startsWith('j')) && isVowel(out[out.length - 1])) {
      const next = rest[1];
      if (next === undefined || !'aeiouy'.includes(next)) {
        out += 'й';
        i += 1;
        continue;
      }
    }
    if (i === 0 && rest.startsWith('e')) {
      out += 'е';
      i += 1;
      continue;
    }
    const hit = LATIN_TO_CYRILLIC.find(([l]) => rest.startsWith(l));
    if (hit) {
      out += hit[1];
      i += hit[0].length;
    } else {
      out += s[i] ?? '';
      i += 1;
    }
  }
  return out.charAt(0).toUpperCase() + out.slice(1);
}
