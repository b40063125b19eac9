import { createRequire } from 'node:module';

/**
 * Stemming shared by both dialects: SQLite's FTS5 has no Russian stemmer, and PostgreSQL's `russian`/`english`
 * configurations pick one language per document, so Chronicle stems every word in code, by its script, and both
 * databases index the same stems (see src/db/migrations/0002-search.ts for why PostgreSQL does not re-stem).
 */
interface SnowballStemmer {
  stem(word: string): string;
}
interface SnowballFactory {
  newStemmer(language: string): SnowballStemmer;
}

// snowball-stemmers is CommonJS without types; createRequire keeps this module ESM.
const snowball = createRequire(import.meta.url)('snowball-stemmers') as SnowballFactory;
const russian = snowball.newStemmer('russian');
const english = snowball.newStemmer('english');

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * Russian verbal nouns (-ание/-ение and their case forms). Snowball strips only the case ending, so «задержания»
 * stems to «задержан» while «задержан», «задержали», «задержать» stem to «задержа» (../shared/DEPENDENCIES.md,
 * snowball-stemmers row). Dropping the participle suffix -н/-ен from the stem of a verbal noun joins the family:
 * задержания → задержа, обвинение → обвин, осуждение → осужд, преследование → преследова.
 */
const VERBAL_NOUN = /[аяе]ни(?:е|я|ю|ем|и|й|ям|ями|ях)$/;
const MIN_STEM = 3;

/**
 * English words whose Snowball stem leaves their family: detention → «detent», but detain/detained/detaining →
 * «detain». Keyed by the stem, so every inflection (detention, detentions) follows.
 */
const ENGLISH_FAMILY: ReadonlyMap<string, string> = new Map([
  ['detent', 'detain'],
  ['retent', 'retain'],
]);

const CACHE_LIMIT = 100_000;
const cache = new Map<string, string>();

/**
 * The index term for one normalized word (see `normalizeWord`). Cyrillic words use Snowball Russian, Latin words
 * Snowball English, anything else (numbers, other scripts) is kept as it is.
 * `stemToken('задержания')` → 'задержа'; `stemToken('detaining')` → 'detain'; `stemToken('2022')` → '2022'.
 */
export function stemToken(token: string): string {
  const cached = cache.get(token);
  if (cached !== undefined) return cached;
  const stem = computeStem(token);
  // Word frequencies are Zipfian, so a plain bounded map keeps nearly every hit; clearing beats LRU bookkeeping.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(token, stem);
  return stem;
}

function computeStem(token: string): string {
  const word = token.toLowerCase().replaceAll('ё', 'е');
  if (CYRILLIC.test(word)) {
    let stem = russian.stem(word);
    if (VERBAL_NOUN.test(word)) {
      const cut = stem.endsWith('ен') ? 2 : stem.endsWith('ан') || stem.endsWith('ян') ? 1 : 0;
      if (cut > 0 && stem.length - cut >= MIN_STEM) stem = stem.slice(0, -cut);
    }
    return stem.length > 0 ? stem : word;
  }
  if (LATIN.test(word)) {
    const stem = english.stem(word);
    return ENGLISH_FAMILY.get(stem) ?? (stem.length > 0 ? stem : word);
  }
  return word;
}
