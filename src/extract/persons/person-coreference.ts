/**
 * Which person mentions of one document name the same person when their spellings differ: a surname under another
 * transliteration (Gaynullin, Gainullin, Гайнуллин), a given name's variant (Yevgeniy, Evgeny; Nastya, Anastasia),
 * and a name given in brackets as another spelling of the one before it («Hanna Zhurauskaya (Anna Zhuravskaya in
 * Russian spelling)», «(также Сергей Лапко)»). Genders stay apart because the fold keeps a feminine ending
 * (Ivanov ≠ Ivanova), and so do brothers because their given names differ.
 */
import { givenIdentity } from '../../resolve/blocking.js';
import { foldName, foldSimilarity } from '../../resolve/normalize.js';

/** Keys under which a surname matches another mention's: as written (lower-case, ё → е) and by transliteration. */
export function surnameKeys(surname: string): string[] {
  const plain = surname.toLowerCase().replace(/ё/gu, 'е');
  const folded = foldName(surname);
  const keys = folded ? [plain, `~${folded}`] : [plain];
  // «Береговой» reads as Берегова (like Ивановой) until a nominative «Береговая» shows the adjectival surname.
  if (/\p{Script=Cyrillic}(?:ов|ев|ин)ая$/u.test(plain)) keys.push(plain.slice(0, -1));
  return keys;
}

/**
 * The cluster's name with its surname replaced by an adjectival feminine spelling a later mention shows:
 * `adjectivalSurnameName('Ирина Берегова', 'Береговая')` → 'Ирина Береговая'; otherwise the name unchanged.
 */
export function adjectivalSurnameName(name: string, surname: string): string {
  if (!/(?:ов|ев|ин)ая$/u.test(surname)) return name;
  const short = surname.slice(0, -1);
  const words = name.split(' ');
  if (words.at(-1) !== short) return name;
  words[words.length - 1] = surname;
  return words.join(' ');
}

/** Whether two given names (any script, any common variant) are one: Yevgeniy = Evgeny, Nastya = Anastasia. */
export function sameGivenName(a: string, b: string): boolean {
  const fa = a.toLowerCase().replace(/ё/gu, 'е');
  const fb = b.toLowerCase().replace(/ё/gu, 'е');
  if (fa === fb) return true;
  const ia = givenIdentity(a);
  return ia !== '' && ia === givenIdentity(b);
}

/**
 * Whether a person known by `givens` answers to a given name written alone in the same script, as written or as a
 * variant or diminutive: `answersToGivenName(['Павел'], 'паша')` → true. «Саида» in brackets after "Saida Omarova"
 * is her name's other spelling, not a second mention of someone.
 */
export function answersToGivenName(givens: readonly string[], word: string): boolean {
  const latin = /\p{Script=Latin}/u.test(word);
  return givens.some((g) => /\p{Script=Latin}/u.test(g) === latin && sameGivenName(g, word));
}

/** A patronymic in the nominative: Ильинична, Андреевич, Ильич. */
const PATRONYMIC = /(?:ович|евич|ич|овна|евна|ична|инична)$/u;

/**
 * Whether a name without a surname («Тамара Ильинична», nominative parts) fits a person named `name` who answers to
 * `givens`: the given name is one of them (or a variant), and a patronymic, where both have one, is the same.
 * `givenAndPatronymicFit(['Тамара', 'Ильинична'], 'Тамара Ильинична Гогуа', ['Тамара'])` → true.
 */
export function givenAndPatronymicFit(parts: readonly string[], name: string, givens: readonly string[]): boolean {
  const words = parts.filter((p) => !p.endsWith('.'));
  const given = words[0];
  if (!given || !givens.some((g) => sameGivenName(g, given))) return false;
  const own = words.slice(1).find((w) => PATRONYMIC.test(w.toLowerCase()));
  const theirs = name
    .split(' ')
    .slice(1)
    .find((w) => PATRONYMIC.test(w.toLowerCase()));
  return !own || !theirs || own.toLowerCase() === theirs.toLowerCase();
}

/** Languages whose spelling of a name a bracket may give as a label: "(Belarusian: …)", "(Ukrainian: …)". */
const SPELLING_LANGUAGES = 'Belarusian|Russian|Ukrainian|Kazakh|Tatar|Crimean Tatar|Azerbaijani|Georgian|Armenian';
/** Words in or around a bracket that say it holds another spelling of the name before it. */
const SPELLING_CUE = new RegExp(
  [
    String.raw`\b(?:spell\w*|transliterat\w*|written|writes?|aka|a\.k\.a|also|née|nee)`,
    String.raw`\bin\s+(?:russian|belarusian|ukrainian|kazakh|tatar|crimean tatar|latin|cyrillic)\b`,
    // "(Belarusian: Andrei Hainullin)": the language's name as a label.
    String.raw`^\s*\(\s*(?:${SPELLING_LANGUAGES})\s*:`,
    String.raw`\bin\s+(?:the\s+)?(?:court\s+|official\s+|case\s+)?(?:documents|papers|records|files)\b|\bofficially\b`,
    String.raw`в\s+(?:документах|материалах\s+дела)|по\s+паспорту`,
    String.raw`написани|транслит|по-(?:русски|белорусски|украински)|в\s+русск|также|урожд`,
  ].join('|'),
  'iu',
);
/**
 * What may stand between a name and the bracketed spelling: "(", "(also spelled ", «(в русском написании »,
 * "(Belarusian: ". Case-sensitive: under the i flag \p{Lu} would match any letter.
 */
const BRACKET_OPEN = new RegExp(`^\\s*\\(\\s*(?:(?:${SPELLING_LANGUAGES}):\\s*)?[^()\\p{Lu}\\p{N}]{0,40}$`, 'u');
/**
 * What separates two spellings inside one bracket: «; sometimes transliterated », ", also " — after the first
 * spelling, or (UNREAD) after the bracket's opening and a spelling not read as a name (Cyrillic in English text).
 */
const BRACKET_NEXT = /^\s*[;,]\s*[^()\p{Lu}\p{N}]{0,40}$/u;
const BRACKET_NEXT_UNREAD = /^\s*\([^()\n]{1,60}[;,]\s*[^()\p{Lu}\p{N}]{0,40}$/u;

/**
 * Whether the mention at `start..end` is a bracketed other spelling of the person mentioned just before, at
 * `previousSurname` (ending at `previousEnd`): the bracket opens right after that name with nothing but lower-case
 * words, and either a word says it is a spelling or the surnames are near each other by their fold (Lapko / Lapko,
 * Zhurauskaya / Zhuravskaya). "Oleg Petrov (Ivan Sidorov's lawyer)" and "Oleg Petrov (Ivan Sidorov)" are no spelling.
 */
export function isBracketedSpelling(
  text: string,
  previousEnd: number,
  previousSurname: string | null,
  start: number,
  end: number,
  surname: string | null,
): boolean {
  if (previousEnd > start) return false;
  const gap = text.slice(previousEnd, start);
  // "Zaur Kodzokov (Заур Кодзоков; sometimes transliterated Kodzakov)": a second spelling in the same bracket.
  const sameBracket =
    BRACKET_NEXT_UNREAD.test(gap) ||
    (BRACKET_NEXT.test(gap) && /\([^()\n]{0,80}$/u.test(text.slice(Math.max(0, previousEnd - 80), previousEnd)));
  if (!BRACKET_OPEN.test(gap) && !sameBracket) return false;
  const close = text.indexOf(')', end);
  if (close < 0 || close - end > 60) return false;
  const inside = gap + text.slice(end, close);
  if (/[()]/u.test(text.slice(end, close))) return false;
  if (SPELLING_CUE.test(inside)) return true;
  if (!previousSurname || !surname) return false;
  const similarity = foldSimilarity(foldName(previousSurname), foldName(surname));
  // A bracket that holds the name alone, "Sviatlana Tsikhanouskaya (Svetlana Tikhanovskaya)", is read as a spelling
  // unless the surnames are plainly two families (Petrov / Sidorov).
  const alone = /^\s*\(\s*$/u.test(gap) && /^\s*$/u.test(text.slice(end, close));
  return similarity >= (alone ? 0.65 : 0.8);
}
