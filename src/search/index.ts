/**
 * The search domain: full text over sources on SQLite (FTS5) and PostgreSQL (tsvector), one query language and one
 * result shape on both. Other folders import search only from here, or
 * from `terms.ts`, its database-free part, where a thread must start fast.
 */
export type { FacetCount, SearchFacets, SearchOptions, SourceScope } from './filters.js';
export { indexSources } from './index-batch.js';
export type { AndNode, OrNode, PhraseNode, QueryNode, SearchQuery, TermNode } from './query.js';
export { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseSearchQuery } from './query.js';
export type { IndexableSource, SearchHit, SearchResult } from './search-sources.js';
export {
  indexSource,
  rebuildSearchIndex,
  removeSourceFromIndex,
  searchFacets,
  searchSources,
} from './search-sources.js';
export type { Snippet, Span } from './snippet.js';
export { buildSnippet, findMatches } from './snippet.js';
export { stemToken } from './stem.js';
export type { FieldTerms, IndexVectors } from './terms.js';
export { fieldTerms, ftsFieldText, indexVectors } from './terms.js';
export type { Token } from './tokenize.js';
export { normalizeWord, tokenize } from './tokenize.js';
