/**
 * The search domain's database-free door: the terms and PostgreSQL vectors a text is indexed under, pure functions
 * of the text. The parse worker imports search from here rather than from `index.ts`, which loads the database
 * layer with it: a worker that did took about 330 ms to start from the build, and 780 ms under tsx, where every
 * ingestion waits for it once.
 */
export type { FieldTerms } from './document-terms.js';
export { fieldTerms, ftsFieldText } from './document-terms.js';
export type { IndexVectors } from './tsvector.js';
export { indexVectors } from './tsvector.js';
