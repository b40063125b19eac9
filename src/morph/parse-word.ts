import { loadAz } from './az-loader.js';

export type Gender = 'masc' | 'femn';
export type GrammaticalCase = 'nomn' | 'gent' | 'datv' | 'accs' | 'ablt' | 'loct' | 'voct';

/** One morphological reading of a word form. */
export interface WordParse {
  /** Dictionary form, lower-case as OpenCorpora gives it (a feminine surname's lemma is masculine: кузнецов). */
  lemma: string;
  /** OpenCorpora part of speech: NOUN, ADJF, VERB, PREP, … */
  pos: string;
  case?: GrammaticalCase;
  gender?: 'masc' | 'femn' | 'neut';
  number?: 'sing' | 'plur';
  /** All grammemes, e.g. ['NOUN','anim','masc','Name','sing','gent']. */
  tags: string[];
  /** az's probability of this reading, 0..1. */
  score: number;
}

const CASES = new Set(['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct', 'voct', 'gen2', 'acc2', 'loc2', 'gen1', 'loc1']);
const CASE_ALIASES: Record<string, GrammaticalCase> = {
  gen1: 'gent',
  gen2: 'gent',
  acc2: 'accs',
  loc1: 'loct',
  loc2: 'loct',
};

const CACHE_LIMIT = 200_000;
const cache = new Map<string, WordParse[]>();
let loaded = false;

/** Loads the OpenCorpora dictionaries; idempotent, synchronous. `loadMorphology()` then `parseWord('Уфе')`. */
export function loadMorphology(): void {
  if (loaded) return;
  loadAz();
  loaded = true;
}

/**
 * Morphological readings of one word, most probable first; memoized per process.
 * `parseWord('Олега')` → [{ lemma: 'олег', pos: 'NOUN', case: 'gent', gender: 'masc', number: 'sing',
 * tags: ['NOUN','anim','masc','Name','sing','gent'], score: 0.6 }, { …case: 'accs', score: 0.4 }].
 * Words that are not Cyrillic return []. Loads the dictionaries on first use.
 */
export function parseWord(word: string): WordParse[] {
  const cached = cache.get(word);
  if (cached) return cached;
  let result: WordParse[] = [];
  if (word.length > 0 && word.length < 40 && /^[\p{Script=Cyrillic}-]+$/u.test(word)) {
    const az = loadAz();
    loaded = true;
    try {
      result = az.Morph(word).map((parse) => {
        const tags = parse.tag.toString().split(/[ ,]+/);
        const rawCase = tags.find((t) => CASES.has(t));
        const out: WordParse = {
          lemma: parse.normalize().word,
          pos: String(parse.tag.POST ?? tags[0] ?? ''),
          tags,
          score: parse.score,
        };
        if (rawCase) out.case = CASE_ALIASES[rawCase] ?? (rawCase as GrammaticalCase);
        if (tags.includes('masc')) out.gender = 'masc';
        else if (tags.includes('femn')) out.gender = 'femn';
        else if (tags.includes('neut')) out.gender = 'neut';
        if (tags.includes('sing')) out.number = 'sing';
        else if (tags.includes('plur')) out.number = 'plur';
        return out;
      });
    } catch {
      // az throws on some odd inputs (e.g. lone hyphens); a word it cannot read simply has no readings.
      result = [];
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}
