/**
 * The shape of an extraction as the record domain reads it: a mirror of ../shared/schema/extraction.schema.json
 * (the contract the extractor in src/extract produces), defined here so the record domain stages any extraction that
 * keeps the contract, never the extractor's own types (of src/extract it uses only the gazetteer's regions, through
 * `regionOfPlace`). Optional fields beyond the schema (gender, articles, fine) are read when present.
 */
export interface SpanInput {
  start: number;
  end: number;
  text: string;
}

export interface EntityInput {
  name: string;
  mentions: SpanInput[];
  confidence?: number;
  gender?: string | null;
}

export interface PlaceInput extends EntityInput {
  country?: string | null;
  lat?: number | null;
  lon?: number | null;
  geonameId?: number | null;
  region?: string | null;
}

/** «ч. 2 ст. 205.5 УК РФ» → { code: 'УК РФ', article: '205.5', part: 2 } (GLOSSARY: article). */
export interface ArticleInput {
  code: string | null;
  article: string;
  part: number | null;
}

export interface CaseInput extends EntityInput {
  articles?: ArticleInput[];
}

export interface DateInput extends SpanInput {
  value: string;
}

export const EVENT_TYPES = [
  'protest',
  'detention',
  'arrest',
  'search',
  'charge',
  'custody',
  'hearing',
  'sentence',
  'fine',
  'release',
  'ill_treatment',
  'designation',
  'meeting',
  'other',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export interface EventInput {
  type: EventType;
  date?: string | null;
  places?: string[];
  subjects?: string[];
  agents?: string[];
  case?: string | null;
  sentenceYears?: number | null;
  evidence: SpanInput;
  confidence?: number;
  fine?: { amount: number; currency: string | null } | null;
  articles?: ArticleInput[];
}

export interface ExtractionInput {
  language: string;
  referenceDate?: string | null;
  persons: EntityInput[];
  organizations: EntityInput[];
  places: PlaceInput[];
  dates: DateInput[];
  cases: CaseInput[];
  events: EventInput[];
}
