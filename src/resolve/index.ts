/**
 * The resolve domain: personal names across scripts, transliteration schemes and Russian cases — parsing,
 * normalization, comparison with calibrated and explained scores, blocking keys and constrained clustering.
 * Pure and synchronous; no database (reversible merges live in the record domain).
 */

export { blockingKeys, crossScriptKeys, givenIdentity, searchExpansions, skeleton } from './blocking.js';
export type { MergeEdge, MergeProposal, Resolution, ResolveOptions } from './cluster.js';
export { AUTO_MERGE_THRESHOLD, PROPOSAL_THRESHOLD, resolveMentions } from './cluster.js';
export type { NameComparison, PartComparison, PartName, PartStatus } from './compare.js';
export {
  CALIBRATION,
  compareNames,
  compareParsedNames,
  MATCH_THRESHOLD,
  nameEvidence,
  scoreNames,
  scoreParsedNames,
} from './compare.js';
export type { GivenNameEntry, GivenNameHit } from './given-names.js';
export { GIVEN_NAMES, givenNameGender, lookupGivenName } from './given-names.js';
export type { GrammaticalCase, Reading } from './inflection.js';
export {
  declineGiven,
  declineSurname,
  givenReadings,
  looksLikePatronymic,
  patronymicReadings,
  surnameReadings,
} from './inflection.js';
export { nameSearchKeys, querySearchPrefixes, searchPrefixEnd } from './name-search-keys.js';
export { cleanNameText, foldDistance, foldName, foldSimilarity, hasNameLetters, scriptOf } from './normalize.js';
export type { Gender, NameOrder, ParsedName } from './parse-name.js';
export { parseName, surnameStemKey } from './parse-name.js';
export type { TransliterationScheme } from './transliterate.js';
export {
  cyrillicSpelling,
  latinVariants,
  SCHEME_LABELS,
  schemesProducing,
  TRANSLITERATION_SCHEMES,
  transliterate,
} from './transliterate.js';
