/** The Extraction contract (../shared/schema/extraction.schema.json), with the extra fields Chronicle adds. */

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Entity {
  /** Canonical form: the fullest name the document gives, nominative, in the document's script. */
  name: string;
  mentions: Span[];
  confidence?: number;
}

export interface PersonEntity extends Entity {
  gender?: 'masc' | 'femn' | null;
}

export interface PlaceEntity extends Entity {
  country: string | null;
  lat: number | null;
  lon: number | null;
  geonameId: number | null;
}

/** A criminal or administrative code article: «ч. 2 ст. 205.5 УК РФ» → { code: 'УК РФ', article: '205.5', part: 2 }. */
export interface LegalArticle {
  code: 'УК РФ' | 'КоАП РФ' | null;
  article: string;
  part: number | null;
}

export interface ArticleMention extends LegalArticle, Span {}

export interface CaseEntity extends Entity {
  articles?: LegalArticle[];
}

export interface DateMention extends Span {
  /** YYYY, YYYY-MM or YYYY-MM-DD: the precision the text supports. */
  value: string;
}

export type EventType =
  | 'protest'
  | 'detention'
  | 'arrest'
  | 'search'
  | 'charge'
  | 'custody'
  | 'hearing'
  | 'sentence'
  | 'fine'
  | 'release'
  | 'ill_treatment'
  | 'designation'
  | 'meeting'
  | 'other';

export interface ExtractedEvent {
  type: EventType;
  date: string | null;
  places: string[];
  subjects: string[];
  agents: string[];
  case: string | null;
  sentenceYears: number | null;
  evidence: Span;
  confidence: number;
  /** Fine amount where the event states one (extra field). */
  fine?: { amount: number; currency: 'RUB' | 'USD' | 'EUR' | null } | null;
  articles?: LegalArticle[];
}

export interface Extraction {
  language: string;
  referenceDate: string | null;
  persons: PersonEntity[];
  organizations: Entity[];
  places: PlaceEntity[];
  dates: DateMention[];
  cases: CaseEntity[];
  events: ExtractedEvent[];
  /** Code articles cited anywhere in the text (extra field). */
  articles: ArticleMention[];
}

export interface ExtractOptions {
  language?: 'en' | 'ru' | 'auto';
  referenceDate?: string | null;
}
