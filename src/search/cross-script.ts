import { cyrillicSpelling, latinVariants } from '../resolve/index.js';
import type { QueryNode, SearchQuery, TermNode } from './query.js';
import { stemToken } from './stem.js';

/** Spellings added per name word: enough for the common schemes (ICAO, BGN/PCGN, press), few enough to stay fast. */
const VARIANTS_PER_WORD = 4;
const CAPITALIZED = /\p{Lu}[\p{L}'’-]*/gu;

/**
 * Lets a name typed in one script find it written in the other: «Гайнуллин» also finds Gainullin and Gaynullin,
 * "Gainullin" also finds Гайнуллин. Only capitalized words of the query are treated as names (common words are
 * not transliterated: «задержан» would only add noise). Words under NOT are left alone.
 * `expandAcrossScripts(parseSearchQuery('Гайнуллин'), 'Гайнуллин')` → root `or(гайнуллин, gainullin, gaynullin, …)`.
 */
export function expandAcrossScripts(parsed: SearchQuery, rawQuery: string): SearchQuery {
  return expandNames(parsed, rawQuery, spellingsInOtherScript);
}

/**
 * Russian surnames in -ов/-ев stem differently in the nominative and in every other case: Snowball takes
 * «Ахметзянов» to «ахметзян» but «Ахметзянова», «Ахметзянову», «Ахметзяновым» to «ахметзянов». A capitalized
 * query word of that shape also searches the other stem, so a surname finds all its forms.
 * `expandSurnameForms(parseSearchQuery('Ахметзянов'), 'Ахметзянов')` → root `or(ахметзян, ахметзянов)`.
 */
export function expandSurnameForms(parsed: SearchQuery, rawQuery: string): SearchQuery {
  return expandNames(parsed, rawQuery, (word) => {
    if (!/^\p{Script=Cyrillic}+$/u.test(word)) return [];
    // Nominative «…ов»: its oblique forms share the stem of «…ова».
    if (/[ое]в$/u.test(word)) return [`${word}а`];
    // An oblique form: the nominative is the stem itself (Ахметзянова → Ахметзянов).
    const stem = stemToken(word);
    return /[ое]в$/u.test(stem) && stem !== word ? [stem] : [];
  });
}

/** Replaces each capitalized query word (outside NOT) by `or(word, …variants)` and highlights the variants too. */
function expandNames(parsed: SearchQuery, rawQuery: string, variantsOf: (word: string) => string[]): SearchQuery {
  const names = new Set([...rawQuery.matchAll(CAPITALIZED)].map((m) => m[0].toLowerCase().replaceAll('ё', 'е')));
  if (names.size === 0) return parsed;
  const added: TermNode[] = [];
  const expand = (node: QueryNode): QueryNode => {
    switch (node.kind) {
      case 'term': {
        if (node.prefix || !names.has(node.word)) return node;
        const stems = new Set([node.stem]);
        const variants: TermNode[] = [];
        for (const word of variantsOf(node.word)) {
          const stem = stemToken(word);
          if (stems.has(stem)) continue;
          stems.add(stem);
          variants.push({ kind: 'term', word, stem, prefix: false });
        }
        if (variants.length === 0) return node;
        added.push(...variants);
        return { kind: 'or', any: [node, ...variants] };
      }
      case 'and':
        return { kind: 'and', must: node.must.map(expand), not: node.not };
      case 'or':
        return { kind: 'or', any: node.any.map(expand) };
      default:
        return node;
    }
  };
  const root = expand(parsed.root);
  return added.length === 0 ? parsed : { root, positive: [...parsed.positive, ...added] };
}

function spellingsInOtherScript(word: string): string[] {
  const cyrillic = /\p{Script=Cyrillic}/u.test(word);
  const spellings = cyrillic ? latinVariants(word, VARIANTS_PER_WORD) : cyrillicForms(cyrillicSpelling(word));
  return [...new Set(spellings.map((s) => s.toLowerCase()).filter((s) => s !== '' && s !== word))];
}

/**
 * A Latin name's Cyrillic spelling and the forms that stem as its Russian forms do. Latin drops the soft sign and
 * Snowball stems the bare spelling apart from the name's cases: "Kazan" is «Казан» → «каза», where «Казань»,
 * «Казани» stem to «казан»; "Volkov" is «Волков» → «волк», where «Волкова», «Волкову» stem to «волков».
 * `cyrillicForms('Казан')` → ['Казан', 'Казань']; `cyrillicForms('Волков')` → ['Волков', 'Волковь', 'Волкова'].
 */
function cyrillicForms(spelling: string): string[] {
  const forms = [spelling];
  if (/[бвгджзклмнпрстфхцчшщ]$/iu.test(spelling)) forms.push(`${spelling}ь`);
  if (/[ое]в$/iu.test(spelling)) forms.push(`${spelling}а`);
  return forms;
}
