import type { MergeProposal } from '../api/merges.js';

type Why = MergeProposal['why'];
type WhyPart = Why['parts'][number];

/** A message to translate: an i18n key and its values (names are shown as written, never translated). */
export interface Phrase {
  key: string;
  values: Record<string, string>;
  /** Values that are themselves i18n keys, to translate before they go in (the genders). */
  translatedValues?: readonly string[];
}

/** The resolver's statuses (src/resolve/compare.ts PartStatus) that have a phrase of their own. */
const STATUSES = new Set([
  'exact',
  'transliteration',
  'spelling variant',
  'diminutive',
  'equivalent',
  'initial',
  'absent',
  'different',
  'swapped',
  'ambiguous',
]);

const PARTS: Record<string, string> = {
  surname: 'surname',
  'given name': 'given',
  patronymic: 'patronymic',
  gender: 'gender',
  order: 'order',
  reading: 'reading',
};

/** The i18n key of a part's label («Фамилия», "Surname"), or null for a part this UI does not know. */
export function partLabelKey(part: string): string | null {
  const key = PARTS[part];
  return key === undefined ? null : `merges.parts.${key}`;
}

/**
 * How one part of the two names compares, as a phrase in the UI's language. The resolver explains itself in
 * English (its notes name transliteration schemes and similarities, which the English UI shows as they are); other
 * languages get a phrase built from the part's status and the two names, so nothing in the queue is left in English.
 * `{part: 'surname', a: 'Гайнуллин', b: 'Gainullin', status: 'transliteration'}` in Russian →
 * `{key: 'merges.status.transliteration', values: {a: 'Гайнуллин', b: 'Gainullin'}}`.
 */
export function partPhrase(p: WhyPart, language: string): Phrase | { text: string } {
  if (language === 'en' && p.note !== '') return { text: p.note };
  const values = { a: p.a ?? '—', b: p.b ?? '—' };
  if (p.part === 'gender') {
    const gender = (g: string | undefined) => (g === 'm' || g === 'f' ? `merges.genders.${g}` : 'merges.genders.unknown');
    return {
      key: p.status === 'exact' ? 'merges.status.genderSame' : 'merges.status.genderDifferent',
      values: { a: gender(p.a), b: gender(p.b) },
      translatedValues: ['a', 'b'],
    };
  }
  if (!STATUSES.has(p.status)) return { text: p.note };
  return { key: `merges.status.${p.status.replace(' ', '-')}`, values };
}

/** A phrase in the UI's language, given i18next's `t`. */
export function renderPhrase(phrase: Phrase | { text: string }, t: (key: string, values?: Record<string, string>) => string): string {
  if ('text' in phrase) return phrase.text;
  const values = { ...phrase.values };
  for (const name of phrase.translatedValues ?? []) values[name] = t(values[name]!);
  return t(phrase.key, values);
}

/** Whether the resolver called the pair one person: kept with the proposal, read from the summary for older ones. */
export function isMatch(why: Why): boolean {
  return why.match ?? why.summary.startsWith('same person');
}

/** The verdict beside a pair's score: "the same person" / «один и тот же человек». */
export function summaryPhrase(why: Why): Phrase {
  return { key: isMatch(why) ? 'merges.verdict.same' : 'merges.verdict.different', values: {} };
}
