/**
 * The extract domain: text → Extraction (../shared/schema/extraction.schema.json), pure and deterministic.
 *
 *   loadExtractor();   // optional: load morphology and gazetteers now rather than at the first call
 *   extract('Сегодня в Уфе задержали Рамиля Хайруллина.', { language: 'auto', referenceDate: '2024-01-17' })
 *   regionOfPlace({ geonameId: 479561, name: 'Уфа', country: 'RU' })   // 'Башкортостан': a place's region
 */
export type { DateExpression, DateMatch } from './dates/date-grammar.js';
export { findDateExpressions } from './dates/date-grammar.js';
export { EXTRACTOR_VERSION, extract, loadExtractor } from './extract.js';
export { regionOfPlace } from './places/regions.js';
export type {
  ArticleMention,
  CaseEntity,
  DateMention,
  Entity,
  EventType,
  ExtractedEvent,
  Extraction,
  ExtractOptions,
  LegalArticle,
  PersonEntity,
  PlaceEntity,
  Span,
} from './types.js';
