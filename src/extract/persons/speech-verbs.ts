/**
 * The verbs that tell who speaks — «рассказала», "told" — in one vocabulary, from which each context that reads a
 * speaker or a report's own date builds its pattern (extract.ts: the speaker named after a quote, a pronoun for the
 * speaker, a speaker before a subject, the day a report was made).
 *
 *   speechVerbsRu({ сообщить: ['past', 'present'], говорить: ['present'] })   → 'сообщил\p{L}*|сообщает|говорит'
 *   speechVerbsEn({ say: ['past', 'present'], tell: ['past'] })                → 'said|says|told'
 */

export type Tense = 'past' | 'present';

/**
 * Russian verbs by their infinitive: the past as its stem, which every gender and number opens with («сообщил» →
 * сообщила, сообщили), and the third person singular present.
 */
export const SPEECH_VERBS_RU = {
  сообщить: { past: 'сообщил', present: 'сообщает' },
  заявить: { past: 'заявил' },
  рассказать: { past: 'рассказал' },
  сказать: { past: 'сказал' },
  написать: { past: 'написал', present: 'пишет' },
  отметить: { past: 'отметил' },
  добавить: { past: 'добавил' },
  пояснить: { past: 'пояснил' },
  обратиться: { past: 'обратил' },
  говорить: { present: 'говорит' },
  вспоминать: { present: 'вспоминает' },
  считать: { present: 'считает' },
} as const satisfies Record<string, Partial<Record<Tense, string>>>;

/** English verbs by their infinitive: the past and the third person singular present, as whole words. */
export const SPEECH_VERBS_EN = {
  say: { past: 'said', present: 'says' },
  tell: { past: 'told' },
  write: { past: 'wrote', present: 'writes' },
  add: { past: 'added' },
  explain: { past: 'explained' },
  recall: { past: 'recalled' },
  recount: { past: 'recounted' },
  report: { past: 'reported' },
  post: { past: 'posted' },
  talk: { past: 'talked' },
  speak: { past: 'spoke' },
  believe: { present: 'believes' },
  complain: { past: 'complained' },
  ask: { past: 'asked' },
  appeal: { past: 'appealed' },
} as const satisfies Record<string, Partial<Record<Tense, string>>>;

type Takes<V> = { [K in keyof V]?: readonly (keyof V[K] & Tense)[] };

function forms(
  table: Record<string, Partial<Record<Tense, string>>>,
  takes: Record<string, readonly Tense[] | undefined>,
) {
  return Object.entries(takes).flatMap(([verb, tenses]) =>
    (tenses ?? []).map((tense) => {
      const form = table[verb]?.[tense];
      if (form === undefined) throw new Error(`speech verb ${verb} has no ${tense}`);
      return { tense, form };
    }),
  );
}

/**
 * The Russian forms a context takes, as one alternation's source (no group around it). The past reads any ending;
 * `anyEnding` lets the present read one too («говорится»), for a context that does not close the word after it.
 */
export function speechVerbsRu(takes: Takes<typeof SPEECH_VERBS_RU>, options: { anyEnding?: boolean } = {}): string {
  return forms(SPEECH_VERBS_RU, takes)
    .map(({ tense, form }) => (tense === 'past' || options.anyEnding ? `${form}\\p{L}*` : form))
    .join('|');
}

/** The English forms a context takes, as one alternation's source (no group around it). */
export function speechVerbsEn(takes: Takes<typeof SPEECH_VERBS_EN>): string {
  return forms(SPEECH_VERBS_EN, takes)
    .map(({ form }) => form)
    .join('|');
}
