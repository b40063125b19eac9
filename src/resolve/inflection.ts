/**
 * Russian name declension undone by rules on endings, fast enough for millions of mentions and valid for names no
 * dictionary holds. Each word gets candidate readings (nominative, gender, cases); `parseName` picks the reading
 * on which all words of a name agree. Rules follow the standard paradigms (Розенталь, «Справочник по правописанию
 * и стилистике», §§ on surnames):
 *
 *   -ов/-ев/-ин/-ын  m: Гайнуллина (gen/acc), Гайнуллину (dat), Гайнуллиным (ins), Гайнуллине (prep)
 *                    f: Гайнуллина (nom), Гайнуллиной (gen/dat/ins/prep), Гайнуллину (acc)
 *   -ский/-цкий      m: -ского, -скому, -ским, -ском;  f: -ская, -ской, -скую
 *   patronymics      -ович(а|у|ем|е), -овна/-овны/-овне/-овну/-овной (and -евич, -ич, -ична)
 *   given names      Ринат → Рината, Ринату, Ринатом, Ринате; Алексей → Алексея…; Тамара → Тамары, Тамаре…
 */
import { lookupGivenName } from './given-names.js';

export type Gender = 'm' | 'f';
export type GrammaticalCase = 'nom' | 'gen' | 'dat' | 'acc' | 'ins' | 'pre';

export interface Reading {
  /** Lower-case nominative. */
  readonly nominative: string;
  /** undefined: either gender. */
  readonly gender: Gender | undefined;
  /** Cases this form can be in; empty means any case (indeclinable). */
  readonly cases: readonly GrammaticalCase[];
  /** Prior plausibility, higher is better. */
  readonly prior: number;
}

const ANY: readonly GrammaticalCase[] = [];

type Rule = readonly [ending: string, gender: Gender, cases: readonly GrammaticalCase[], nominativeEnding: string];

const SURNAME_RULES: Rule[] = [];
for (const stem of ['ов', 'ев', 'ин', 'ын']) {
  SURNAME_RULES.push(
    [stem, 'm', ['nom'], stem],
    [`${stem}а`, 'm', ['gen', 'acc'], stem],
    [`${stem}у`, 'm', ['dat'], stem],
    [`${stem}ым`, 'm', ['ins'], stem],
    [`${stem}е`, 'm', ['pre'], stem],
    [`${stem}а`, 'f', ['nom'], `${stem}а`],
    [`${stem}ой`, 'f', ['gen', 'dat', 'ins', 'pre'], `${stem}а`],
    [`${stem}у`, 'f', ['acc'], `${stem}а`],
  );
}
for (const stem of ['ск', 'цк']) {
  SURNAME_RULES.push(
    [`${stem}ий`, 'm', ['nom'], `${stem}ий`],
    [`${stem}ого`, 'm', ['gen', 'acc'], `${stem}ий`],
    [`${stem}ому`, 'm', ['dat'], `${stem}ий`],
    [`${stem}им`, 'm', ['ins'], `${stem}ий`],
    [`${stem}ом`, 'm', ['pre'], `${stem}ий`],
    [`${stem}ая`, 'f', ['nom'], `${stem}ая`],
    [`${stem}ой`, 'f', ['gen', 'dat', 'ins', 'pre'], `${stem}ая`],
    [`${stem}ую`, 'f', ['acc'], `${stem}ая`],
  );
}
// Adjectival surnames in -ой/-ый (Толстой, Белый): -ого/-ому/-ым/-ом; feminine -ая/-ой/-ую.
SURNAME_RULES.push(['ый', 'm', ['nom'], 'ый'], ['ая', 'f', ['nom'], 'ая'], ['ую', 'f', ['acc'], 'ая']);
SURNAME_RULES.sort((a, b) => b[0].length - a[0].length);

const VOWELS = 'аеёиоуыэюяь';
/** Surnames that never decline: Шевченко, Черных, Гоглидзе, Рамишвили, Гюго-like vowel endings. */
const INDECLINABLE = /(?:ко|их|ых|швили|дзе|ия|у|ю|и|э|е|о)$/u;
const PATRONYMIC_M = /^(.+(?:ович|евич|ич))(|а|у|ем|е)$/u;
const PATRONYMIC_F = /^(.+(?:овн|евн|ичн))(а|ы|е|у|ой)$/u;

const PATRONYMIC_M_CASES: Record<string, readonly GrammaticalCase[]> = {
  '': ['nom'],
  а: ['gen', 'acc'],
  у: ['dat'],
  ем: ['ins'],
  е: ['pre'],
};
const PATRONYMIC_F_CASES: Record<string, readonly GrammaticalCase[]> = {
  а: ['nom'],
  ы: ['gen'],
  е: ['dat', 'pre'],
  у: ['acc'],
  ой: ['ins'],
};

/** True for a Cyrillic or Latin patronymic in any case: Рашидович, Рашидовичу, Rashidovna, Ильинична. */
export function looksLikePatronymic(word: string): boolean {
  const lower = word.toLowerCase();
  return (
    PATRONYMIC_M.test(lower) ||
    PATRONYMIC_F.test(lower) ||
    /(?:ovi(?:ch|č|tch)|evi(?:ch|č|tch)|ovna|evna|i(?:ch|č)na|ovych|ivna|yi(?:ch|č)|ji(?:ch|č)|il(?:ich|ič))$/.test(
      lower,
    )
  );
}

/** Readings of a patronymic. `patronymicReadings("рашидовича")` → [{ nominative: "рашидович", gender: "m", cases: ["gen","acc"] }]. */
export function patronymicReadings(word: string): Reading[] {
  const lower = word.toLowerCase();
  const out: Reading[] = [];
  const m = PATRONYMIC_M.exec(lower);
  if (m) out.push({ nominative: m[1] ?? lower, gender: 'm', cases: PATRONYMIC_M_CASES[m[2] ?? ''] ?? ANY, prior: 1 });
  const f = PATRONYMIC_F.exec(lower);
  if (f) out.push({ nominative: `${f[1]}а`, gender: 'f', cases: PATRONYMIC_F_CASES[f[2] ?? ''] ?? ANY, prior: 1 });
  if (out.length === 0) {
    const gender: Gender | undefined = /(?:vna|chna)$/.test(lower)
      ? 'f'
      : /(?:ich|itch|ych)$/.test(lower)
        ? 'm'
        : undefined;
    out.push({ nominative: lower, gender, cases: ['nom'], prior: 0.5 });
  }
  return out;
}

/** Readings of a Cyrillic surname. `surnameReadings("гайнуллина")` → Гайнуллин m gen/acc and Гайнуллина f nom. */
export function surnameReadings(word: string): Reading[] {
  const lower = word.toLowerCase();
  const out: Reading[] = [];
  for (const [ending, gender, cases, nominativeEnding] of SURNAME_RULES) {
    if (lower.length > ending.length + 1 && lower.endsWith(ending)) {
      out.push({
        nominative: lower.slice(0, lower.length - ending.length) + nominativeEnding,
        gender,
        cases,
        prior: 1,
      });
    }
  }
  if (out.length > 0) return out;
  // A man's consonant-stem surname in an oblique case (Киме ← Ким, Гуревичу ← Гуревич); only wins when the
  // given name agrees on the case.
  const stem1 = lower.slice(0, -1);
  if (stem1.length >= 2 && !VOWELS.includes(stem1.at(-1) ?? 'а')) {
    const last1 = lower.at(-1);
    if (last1 === 'а') out.push({ nominative: stem1, gender: 'm', cases: ['gen', 'acc'], prior: 0.4 });
    if (last1 === 'у') out.push({ nominative: stem1, gender: 'm', cases: ['dat'], prior: 0.4 });
    if (last1 === 'е') out.push({ nominative: stem1, gender: 'm', cases: ['pre'], prior: 0.4 });
  }
  if (/[^аеиоуыэюя](?:ом|ем)$/.test(lower) && lower.length > 4) {
    out.push({ nominative: lower.slice(0, -2), gender: 'm', cases: ['ins'], prior: 0.4 });
  }
  if (INDECLINABLE.test(lower)) return [{ nominative: lower, gender: undefined, cases: ANY, prior: 0.8 }, ...out];
  if (out.length > 0 && VOWELS.includes(lower.at(-1) ?? '')) {
    return [...out, { nominative: lower, gender: undefined, cases: ANY, prior: 0.5 }];
  }
  const last = lower.at(-1) ?? '';
  if (!VOWELS.includes(last)) {
    // Consonant stem (Гуревич, Пашинян, Шнайдер): declines for men, not for women.
    return [
      { nominative: lower, gender: 'm', cases: ['nom'], prior: 0.8 },
      { nominative: lower, gender: 'f', cases: ANY, prior: 0.6 },
      ...out,
    ];
  }
  out.push({ nominative: lower, gender: undefined, cases: ANY, prior: 0.5 });
  return out;
}

/** Endings of given names by declension type: [ending, nominative ending, gender, cases]. */
const GIVEN_RULES: ReadonlyArray<readonly [string, string, Gender, readonly GrammaticalCase[]]> = [
  // Masculine consonant stems: Ринат.
  ['а', '', 'm', ['gen', 'acc']],
  ['у', '', 'm', ['dat']],
  ['ом', '', 'm', ['ins']],
  ['е', '', 'm', ['pre']],
  // Masculine -й: Алексей, Евгений.
  ['я', 'й', 'm', ['gen', 'acc']],
  ['ю', 'й', 'm', ['dat']],
  ['ем', 'й', 'm', ['ins']],
  ['е', 'й', 'm', ['pre']],
  ['и', 'й', 'm', ['pre']],
  // Masculine -ь: Игорь.
  ['я', 'ь', 'm', ['gen', 'acc']],
  ['ю', 'ь', 'm', ['dat']],
  ['ем', 'ь', 'm', ['ins']],
  ['е', 'ь', 'm', ['pre']],
  // -а nouns, either gender: Тамара, Никита.
  ['ы', 'а', 'f', ['gen']],
  ['и', 'а', 'f', ['gen']],
  ['е', 'а', 'f', ['dat', 'pre']],
  ['у', 'а', 'f', ['acc']],
  ['ой', 'а', 'f', ['ins']],
  ['ы', 'а', 'm', ['gen']],
  ['и', 'а', 'm', ['gen']],
  ['е', 'а', 'm', ['dat', 'pre']],
  ['у', 'а', 'm', ['acc']],
  ['ой', 'а', 'm', ['ins']],
  // -я nouns: Мария, Илья, Наталья.
  ['и', 'я', 'f', ['gen', 'dat', 'pre']],
  ['е', 'я', 'f', ['dat', 'pre']],
  ['ю', 'я', 'f', ['acc']],
  ['ей', 'я', 'f', ['ins']],
  ['и', 'я', 'm', ['gen']],
  ['е', 'я', 'm', ['dat', 'pre']],
  ['ю', 'я', 'm', ['acc']],
  ['ей', 'я', 'm', ['ins']],
  // -ь feminine: Любовь → Любови.
  ['и', 'ь', 'f', ['gen', 'dat', 'pre']],
  ['ью', 'ь', 'f', ['ins']],
];

/** Case sets of a nominative form itself. */
const NOMINATIVE: readonly GrammaticalCase[] = ['nom'];

/**
 * Readings of a Cyrillic given name. Known names (see given-names.ts) are preferred; unknown words are read in
 * the nominative first, with weak oblique readings for the cases where the whole name agrees on them.
 * `givenReadings("рината")` → Ринат m gen/acc (known) before рината (unknown nominative).
 */
export function givenReadings(word: string): Reading[] {
  const lower = word.toLowerCase();
  const out: Reading[] = [];
  // The fold merges Григорий and Григории (-ий/-ии), so a Cyrillic word must equal the listed form itself.
  const plain = (x: string): string => x.toLowerCase().replace(/ё/g, 'е');
  const direct = lookupGivenName(lower).filter((h) =>
    h.via === 'name'
      ? plain(h.entry.name) === lower
      : h.via === 'diminutive' && h.entry.diminutives.some((d) => plain(d) === lower),
  );
  for (const hit of direct) {
    const form = hit.via === 'name' ? hit.entry.name.toLowerCase().replace(/ё/g, 'е') : lower;
    // Masculine -а names (Никита, Илья) keep their own gender.
    const prior = hit.entry.rare ? 1.4 : hit.via === 'name' ? 2 : 1.5;
    out.push({ nominative: form, gender: hit.entry.gender, cases: NOMINATIVE, prior });
  }
  for (const [ending, nomEnding, gender, cases] of GIVEN_RULES) {
    if (!lower.endsWith(ending) || lower.length <= ending.length + 1) continue;
    const nominative = lower.slice(0, lower.length - ending.length) + nomEnding;
    const known = lookupGivenName(nominative).find((h) => h.via === 'name' && h.entry.gender === gender);
    if (known) out.push({ nominative, gender, cases, prior: 1.8 });
  }
  if (out.length === 0) {
    const last = lower.at(-1) ?? '';
    const gender: Gender | undefined = last === 'а' || last === 'я' ? 'f' : VOWELS.includes(last) ? undefined : 'm';
    out.push({ nominative: lower, gender, cases: NOMINATIVE, prior: 0.8 });
    // An unknown consonant-stem name in the genitive (Азамата): only if the rest of the name agrees.
    if (last === 'а' && !VOWELS.includes(lower.at(-2) ?? 'а')) {
      out.push({ nominative: lower.slice(0, -1), gender: 'm', cases: ['gen', 'acc'], prior: 0.5 });
    }
    if (last === 'у' && !VOWELS.includes(lower.at(-2) ?? 'а')) {
      out.push({ nominative: lower.slice(0, -1), gender: 'm', cases: ['dat'], prior: 0.4 });
    }
  }
  return out;
}

/** Gender from a Latin-script surname's ending: Ivanova → f, Sokolovsky → m, Gainullin → m, Kim → undefined. */
export function latinSurnameGender(word: string): Gender | undefined {
  const lower = word.toLowerCase();
  if (/(?:ova|eva|yova|iova|ina|yna|skaya|skaia|skaja|tskaya|aya|aia)$/.test(lower)) return 'f';
  if (/(?:ov|ev|yov|in|yn|sky|skiy|skii|skij|ski|off|eff)$/.test(lower)) return 'm';
  return undefined;
}

/** Gender from a Cyrillic surname in the nominative: Иванова → f, Соколовский → m. */
export function cyrillicSurnameGender(nominative: string): Gender | undefined {
  if (/(?:ова|ева|ёва|ина|ына|ская|цкая|ая)$/.test(nominative)) return 'f';
  if (/(?:ов|ев|ёв|ин|ын|ский|цкий|ый|ой)$/.test(nominative)) return 'm';
  return undefined;
}

const HUSHING_OR_VELAR = 'гкхжшчщ';

/**
 * A Russian surname in the given case (the forward paradigm, for search expansion and test data).
 * `declineSurname("гайнуллин", "m", "gen") === "гайнуллина"`, `declineSurname("соколовская", "f", "ins") === "соколовской"`.
 */
export function declineSurname(nominative: string, gender: Gender, grammaticalCase: GrammaticalCase): string {
  const w = nominative;
  if (grammaticalCase === 'nom') return w;
  const c = grammaticalCase;
  if (gender === 'm') {
    if (/(?:ов|ев|ин|ын)$/.test(w)) return w + { gen: 'а', acc: 'а', dat: 'у', ins: 'ым', pre: 'е' }[c];
    if (/(?:ский|цкий)$/.test(w))
      return w.slice(0, -2) + { gen: 'ого', acc: 'ого', dat: 'ому', ins: 'им', pre: 'ом' }[c];
    if (/ый$/.test(w)) return w.slice(0, -2) + { gen: 'ого', acc: 'ого', dat: 'ому', ins: 'ым', pre: 'ом' }[c];
    // «Тополь» → «Тополя», «Гай» → «Гая»: a soft stem takes the soft endings.
    if (/(?:ь|[ауеэояю]й)$/.test(w)) return w.slice(0, -1) + { gen: 'я', acc: 'я', dat: 'ю', ins: 'ем', pre: 'е' }[c];
    if (INDECLINABLE.test(w) || VOWELS.includes(w.at(-1) ?? '')) return w;
    return w + { gen: 'а', acc: 'а', dat: 'у', ins: 'ом', pre: 'е' }[c];
  }
  if (/(?:ова|ева|ина|ына)$/.test(w))
    return w.slice(0, -1) + { gen: 'ой', acc: 'у', dat: 'ой', ins: 'ой', pre: 'ой' }[c];
  if (/ая$/.test(w)) return w.slice(0, -2) + { gen: 'ой', acc: 'ую', dat: 'ой', ins: 'ой', pre: 'ой' }[c];
  return w;
}

/**
 * A Russian given name or patronymic in the given case. `declineGiven("ринат", "m", "gen") === "рината"`,
 * `declineGiven("ольга", "f", "gen") === "ольги"`, `declineGiven("рашидович", "m", "dat") === "рашидовичу"`.
 */
export function declineGiven(nominative: string, gender: Gender, grammaticalCase: GrammaticalCase): string {
  const w = nominative;
  const c = grammaticalCase;
  if (c === 'nom') return w;
  const last = w.at(-1) ?? '';
  const stem = w.slice(0, -1);
  if (last === 'а') {
    const gen = HUSHING_OR_VELAR.includes(stem.at(-1) ?? '') ? 'и' : 'ы';
    return stem + { gen, acc: 'у', dat: 'е', ins: 'ой', pre: 'е' }[c];
  }
  if (last === 'я') {
    if (w.endsWith('ия')) return stem + { gen: 'и', acc: 'ю', dat: 'и', ins: 'ей', pre: 'и' }[c];
    return stem + { gen: 'и', acc: 'ю', dat: 'е', ins: 'ей', pre: 'е' }[c];
  }
  if (gender === 'f') return w;
  if (last === 'й') {
    const pre = w.endsWith('ий') ? 'и' : 'е';
    return stem + { gen: 'я', acc: 'я', dat: 'ю', ins: 'ем', pre }[c];
  }
  if (last === 'ь') return stem + { gen: 'я', acc: 'я', dat: 'ю', ins: 'ем', pre: 'е' }[c];
  if (VOWELS.includes(last)) return w;
  const ins = /[жшчщц]$/.test(w) ? 'ем' : 'ом';
  return w + { gen: 'а', acc: 'а', dat: 'у', ins, pre: 'е' }[c];
}
