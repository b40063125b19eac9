/**
 * Blocking keys: which names are worth comparing at all. A name is compared only with names that share a key, so
 * resolution scales to millions of mentions without comparing all pairs. Keys are built from the script-free fold
 * (see `foldName`), so «Гайнуллин», Gainullin and Gajnullin share them.
 */
import { lookupGivenName } from './given-names.js';
import { foldName } from './normalize.js';
import { type ParsedName, parseName } from './parse-name.js';
import { cyrillicSpelling, latinVariants } from './transliterate.js';

/** Coarse consonant skeleton of a folded key: first letter, then consonants with look-alike classes merged, so a
 * vowel typo or a scheme's vowel choice (Tashmatov / Тошматов) stays in the block. `skeleton("gainulin") === "gnln"`. */
export function skeleton(folded: string): string {
  let out = '';
  for (let i = 0; i < folded.length; i++) {
    let ch = folded[i] ?? '';
    switch (ch) {
      case 'c':
      case 'Q':
        ch = 'k';
        break;
      case 'X':
        ch = 'H';
        break;
      case 'J':
        ch = 'Z';
        break;
      case 'S':
        ch = 'W';
        break;
    }
    if (i > 0 && 'aeiou'.includes(ch)) continue;
    if (i === 0 && 'aeiou'.includes(ch)) ch = 'a';
    if (out[out.length - 1] === ch) continue;
    out += ch;
  }
  return out;
}

/** The identity of a given name for blocking: the fold of its dictionary entry when known (Michael, Mikhail,
 * Миша → Михаил → "miHail"), else its own fold; "" for a name without letters, which identifies nobody.
 * `givenIdentity("Misha") === "miHail"`. */
export function givenIdentity(given: string): string {
  const hit = lookupGivenName(given)[0];
  if (hit) return foldName(hit.entry.name);
  return foldName(given);
}

function initialKey(parsed: ParsedName): string | undefined {
  if (parsed.keys.given) return skeleton(parsed.keys.given).charAt(0);
  const first = parsed.initials[0];
  if (first === undefined) return undefined;
  // An initial the fold cannot read (Λ.) is no initial: an empty one would block every such name together.
  return skeleton(foldName(first)).charAt(0) || undefined;
}

/**
 * Blocking keys of one parsed name: surname skeleton with the given name's identity, surname prefix with the given
 * identity (catches consonant typos late in the surname), and surname skeleton with the given initial (for names
 * written with initials). Keys are built only from parts with letters: a name whose surname has none gets no keys.
 * `blockingKeys(parseName("Rinat Gainullin"))` → ["n:gnln|rinat", "p:gain|rinat", "g:gnln|rnt", "i:gnln|r"].
 */
export function blockingKeys(parsed: ParsedName): string[] {
  const surname = parsed.keys.surname;
  if (surname === undefined) return [];
  const sk = skeleton(surname);
  const keys: string[] = [];
  // A given name without letters (☺☺ Гайнуллин) has no identity and blocks like a name without one.
  const id = parsed.given === undefined ? '' : givenIdentity(parsed.given);
  if (id !== '') {
    // g: the given name's own skeleton, so a typo in it (Vyachselav, Aelksandr) still meets the right name.
    keys.push(
      `n:${sk}|${id}`,
      `p:${surname.slice(0, 4)}|${id}`,
      `g:${sk}|${skeleton(parsed.keys.given ?? id).slice(0, 3)}`,
    );
  }
  const initial = initialKey(parsed);
  keys.push(`i:${sk}|${initial ?? '?'}`);
  return keys;
}

/**
 * Script-free keys of a name for search: a document that mentions «Гайнуллина» and a query for Gainullin share
 * them. Returns the fold of every part (surname as its masculine stem, so Gainullina finds Gainullin) and the
 * surname skeleton. `crossScriptKeys("Гайнуллина") === crossScriptKeys("Gainullin")` → ["gainulin", "s:gnln"].
 */
export function crossScriptKeys(name: string): string[] {
  const parsed = parseName(name);
  const keys = new Set<string>();
  if (parsed.keys.given) keys.add(parsed.keys.given);
  if (parsed.keys.patronymic) keys.add(parsed.keys.patronymic);
  if (parsed.keys.surname) {
    keys.add(parsed.keys.surname);
    keys.add(`s:${skeleton(parsed.keys.surname)}`);
  }
  return [...keys];
}

/**
 * Spellings to search for besides the one typed: Latin spellings of a Cyrillic name under the common schemes and
 * press styles, or the Cyrillic spelling of a Latin one. `searchExpansions("Гайнуллин")` includes Gainullin,
 * Gaynullin and Gajnullin; `searchExpansions("Gaynullin")` includes Гайнуллин.
 */
export function searchExpansions(name: string, limit = 16): string[] {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return [];
  const cyr = /\p{Script=Cyrillic}/u.test(name);
  const perWord = words.map((w) => (cyr ? latinVariants(w, limit) : [cyrillicSpelling(w)]));
  const out = new Set<string>();
  const width = Math.max(...perWord.map((v) => v.length));
  for (let i = 0; i < width && out.size < limit; i++)
    out.add(perWord.map((v) => v[Math.min(i, v.length - 1)]).join(' '));
  out.delete(name);
  return [...out];
}
