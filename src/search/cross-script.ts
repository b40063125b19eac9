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
  const names = new Set([...rawQuery.matchAll(CAPITALIZED)].map((m) => m[0].toLowerCase().replaceAll('ё', 'е')));
  if (names.size === 0) return parsed;
  const added: TermNode[] = [];
  const expand = (node: QueryNode): QueryNode => {
    switch (node.kind) {
      case 'term': {
        if (node.prefix || !names.has(node.word)) return node;
        const variants = spellingsInOtherScript(node.word)
          .map((word): TermNode => ({ kind: 'term', word, stem: stemToken(word), prefix: false }))
          .filter((v) => v.stem !== node.stem);
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
  const spellings = cyrillic ? latinVariants(word, VARIANTS_PER_WORD) : [cyrillicSpelling(word)];
  return [...new Set(spellings.map((s) => s.toLowerCase()).filter((s) => s !== '' && s !== word))];
}
