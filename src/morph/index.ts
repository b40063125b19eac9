/**
 * Russian morphology over az (OpenCorpora dictionaries, loaded synchronously once per process).
 *
 *   loadMorphology();                                   // optional: pay the ~0.2 s load up front
 *   parseWord('Уфе')[0]                                 // → { lemma: 'уфа', pos: 'NOUN', case: 'loct', gender: 'femn', … }
 *   nominativeOfName(['Ольгу', 'Кузнецову'])            // → ['Ольга', 'Кузнецова']
 *   analyzeName(['Рамиля', 'Хайруллина'], { cases: ['gent', 'accs'] }).nominative  // → ['Рамиль', 'Хайруллин']
 */

export type { NameAnalysis, NameOptions, NameRole } from './names.js';
export { analyzeName, canReadNameAs, guessNameRoles, isCommonGivenName, nominativeOfName } from './names.js';
export type { Gender, GrammaticalCase, WordParse } from './parse-word.js';
export { loadMorphology, parseWord } from './parse-word.js';
