/** Shapes of the Chronicle HTTP API (/api/v1, see /api/v1/openapi.json) that the UI reads. */

export interface SourceSummary {
  id: string;
  sha256: string;
  mediaType: string;
  byteSize: number;
  fileName: string | null;
  title: string | null;
  publisher: string | null;
  author: string | null;
  url: string | null;
  language: string | null;
  publishedAt: string | null;
  capturedAt: string;
  confidentiality: string;
  parentId: string | null;
  relation: string | null;
  nearDuplicateOf: string | null;
  needsOcr: boolean;
}

export interface SourceList {
  total: number;
  items: SourceSummary[];
}

export interface SourceDetail extends SourceSummary {
  metadata: Record<string, unknown>;
  children: SourceSummary[];
  nearDuplicates: SourceSummary[];
}

export interface SourceText {
  id: string;
  text: string;
}

export type IngestStatus = 'ingested' | 'duplicate' | 'failed';

export interface IngestResult {
  file: string;
  status: IngestStatus;
  sourceId: string | null;
  error: string | null;
  nearDuplicateOf?: string | null;
}

export interface Span {
  start: number;
  end: number;
}

export interface SearchHit {
  sourceId: string;
  title: string | null;
  snippet: string;
  score: number;
  highlights: Span[];
  matches: Span[];
  language: string | null;
  publishedAt: string | null;
}

export interface SearchResults {
  total: number;
  results: SearchHit[];
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  kind: string;
  payload: unknown;
  status: string;
  attempts: number;
  maxAttempts: number;
  leaseUntil: string | null;
  workerId: string | null;
  error: string | null;
  result: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface JobList {
  counts: Record<JobStatus, number>;
  items: Job[];
}

/** A span of a source's text that extraction recognised (a person, a place, a date…), from the record API. */
export interface Mention {
  start: number;
  end: number;
  kind: string;
  text?: string;
  status?: string;
}
