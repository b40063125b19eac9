/**
 * The record domain: proposals staged from extractions, their review, and the reviewed record of persons,
 * organizations, places, cases and events with evidence and version history. Other folders import it only here.
 */

export type { ExtractJobContext, RunExtractor } from './extract-job.js';
export { EXTRACT_JOB, extractJobHandler, queueExtraction } from './extract-job.js';
export type {
  ArticleInput,
  CaseInput,
  DateInput,
  EntityInput,
  EventInput,
  EventType,
  ExtractionInput,
  PlaceInput,
  SpanInput,
} from './extraction-input.js';
export { EVENT_TYPES } from './extraction-input.js';
export { datePrecision, normalizeName } from './names.js';
export type { StageInput, StageResult } from './staging.js';
export { findExistingPerson, stageExtraction, unstageSource } from './staging.js';
