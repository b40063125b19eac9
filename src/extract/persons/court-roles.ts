/**
 * The people of a court case named by their role — judge, clerk, prosecutor, lawyer, investigator — in one vocabulary,
 * from which each context that reads a role next to a name builds its pattern (extract.ts: a role before the name, a
 * court card's label, a seat on the bench, an official in an oblique case, a role in apposition after the name).
 *
 *   courtRolesRu([{ role: 'prosecutor', cases: ['gen'] }, { role: 'judge', cases: ['gen', 'gen.pl'] }])
 *     → 'прокурора|судьи|судей'
 */

/** A Russian noun's case; '.pl' for the plural, '.f' for a feminine noun of the same post («защитница»). */
export type RuForm =
  | 'nom'
  | 'gen'
  | 'dat'
  | 'acc'
  | 'ins'
  | 'loc'
  | 'nom.pl'
  | 'gen.pl'
  | 'dat.pl'
  | 'acc.pl'
  | 'ins.pl'
  | 'loc.pl'
  | 'nom.f';

interface CourtRole {
  /** What every Russian form opens with: a context that takes any form reads `stem\p{L}*`. */
  stem?: string;
  /** Russian forms by case, as regex source. */
  forms: Partial<Record<RuForm, string>>;
  /**
   * The words that make the title whole, which a context may take along or require: «секретарь судебного заседания»,
   * «государственный обвинитель». `before` agrees with the noun in case; 'any' goes with the stem.
   */
  title?: { before?: Partial<Record<RuForm | 'any', string>>; after?: string };
  /** English words for the role, as regex source. */
  en: readonly string[];
}

export const COURT_ROLES = {
  // No stem: «суд» opens «суд» and «судебный» as well.
  judge: {
    forms: {
      nom: 'судья',
      gen: 'судьи',
      dat: 'судье',
      acc: 'судью',
      ins: 'судь[её]й',
      loc: 'судье',
      'nom.pl': 'судьи',
      'gen.pl': 'судей',
      'dat.pl': 'судьям',
      'acc.pl': 'судей',
      'ins.pl': 'судьями',
      'loc.pl': 'судьях',
    },
    en: ['judge'],
  },
  presiding: {
    stem: 'председательствующ',
    forms: { nom: 'председательствующий', gen: 'председательствующего' },
    en: ['presiding\\s+judge'],
  },
  clerk: {
    stem: 'секретар',
    forms: { nom: 'секретарь', loc: 'секретаре' },
    title: { after: '\\s+судебного\\s+заседания' },
    en: ['secretary', 'clerk'],
  },
  prosecutor: { stem: 'прокурор', forms: { nom: 'прокурор', gen: 'прокурора' }, en: ['prosecutor'] },
  /** «государственный обвинитель»: the prosecutor who argues the case in court. */
  stateProsecutor: {
    stem: 'обвинител',
    forms: { nom: 'обвинитель', gen: 'обвинителя' },
    title: { before: { any: 'государственн\\p{L}*\\s+', nom: 'государственный\\s+' } },
    en: [],
  },
  defender: {
    stem: 'защитник',
    forms: { nom: 'защитник', gen: 'защитника', 'nom.f': 'защитница' },
    en: ['defen[cd]er', 'defen[cs]e\\s+counsel'],
  },
  lawyer: { stem: 'адвокат', forms: { nom: 'адвокат', gen: 'адвоката' }, en: ['lawyer', 'attorney'] },
  jurist: { forms: { nom: 'юрист' }, en: [] },
  investigator: { stem: 'следовател', forms: { nom: 'следователь' }, en: ['investigator'] },
} as const satisfies Record<string, CourtRole>;

export type CourtRoleName = keyof typeof COURT_ROLES;

/** Which forms of a role a context reads; `title`: whether the title's other words may or must go with it. */
export interface RoleTake {
  role: CourtRoleName;
  cases: 'any' | readonly RuForm[];
  title?: 'optional' | 'required';
}

/** The Russian forms a context takes, as one alternation's source (no group around it). */
export function courtRolesRu(takes: readonly RoleTake[]): string {
  return takes
    .map(({ role, cases, title }) => {
      const r: CourtRole = COURT_ROLES[role];
      const words =
        cases === 'any'
          ? [r.stem === undefined ? [...new Set(Object.values(r.forms))].join('|') : `${r.stem}\\p{L}*`]
          : [
              ...new Set(
                cases.map((c) => {
                  const form = r.forms[c];
                  if (form === undefined) throw new Error(`court role ${role} has no form ${c}`);
                  return form;
                }),
              ),
            ];
      const key = cases === 'any' ? 'any' : cases[0]!;
      // The words before agree with the noun in case, so they go with one case at a time.
      if (title && r.title?.before && cases !== 'any' && cases.length > 1)
        throw new Error(`court role ${role}: one case`);
      const before = title && r.title?.before?.[key];
      const after = title && r.title?.after;
      if (title && !before && !after) throw new Error(`court role ${role} has no title for ${key}`);
      const wrap = (s: string) => (title === 'required' ? s : `(?:${s})?`);
      const noun = words.length > 1 && (before || after) ? `(?:${words.join('|')})` : words.join('|');
      return `${before ? wrap(before) : ''}${noun}${after ? wrap(after) : ''}`;
    })
    .join('|');
}

/** The English words a context takes: every word of a role, or only the ones listed. */
export function courtRolesEn(
  takes: ReadonlyArray<CourtRoleName | { role: CourtRoleName; words: readonly string[] }>,
): string {
  return takes
    .flatMap((t) => {
      if (typeof t === 'string') return COURT_ROLES[t].en;
      const known: readonly string[] = COURT_ROLES[t.role].en;
      for (const w of t.words) if (!known.includes(w)) throw new Error(`court role ${t.role} has no English ${w}`);
      return t.words;
    })
    .join('|');
}
