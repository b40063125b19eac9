/**
 * Writes ./data/english-given-names.json: the given names of compromise's lexicon (MIT licence), so the extractor
 * need not load compromise (over a second) at start-up. Run after upgrading compromise:
 * `npx tsx src/extract/persons/build-given-names.ts`.
 */
import { writeFileSync } from 'node:fs';
import { compromiseGivenNames } from './person-finder.js';

const names = compromiseGivenNames();
const target = new URL('./data/english-given-names.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(names)}\n`);
console.log(`${target.pathname}: ${names.length} names`);
