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
  /** The Admiralty scale, A (completely reliable) to F (cannot be judged), or null: not judged. */
  reliability: string | null;
  parentId: string | null;
  relation: string | null;
  nearDuplicateOf: string | null;
  needsOcr: boolean;
}

/** The grades of a source's reliability (`PATCH /api/v1/sources/:id`). */
export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const CONFIDENTIALITY = ['public', 'internal', 'restricted'] as const;

/** Where a source stands in the review (src/record/source-states.ts). */
export const SOURCE_STATES = ['to-review', 'extracting', 'extraction-failed', 'reviewed', 'nothing-proposed'] as const;
export type SourceState = (typeof SOURCE_STATES)[number];

/** The report a near-duplicate copies, when the reader may see it: by the same text, or by wording. */
export interface CopyOf {
  sourceId: string;
  title: string | null;
  fileName: string | null;
  byWording: boolean;
}

export interface SourceList {
  total: number;
  items: Array<SourceSummary & { copyOf: CopyOf | null; state: SourceState; waiting: number; ocrPending: boolean }>;
}

/** A later receipt of a source's bytes: where they came in, and what was given with them. */
export interface SourceCapture {
  capturedAt: string;
  fileName: string | null;
  /** The letter or archive they came in; null: a file given on its own. */
  container: { id: string; title: string | null; fileName: string | null } | null;
  relation: string | null;
  title: string | null;
  publisher: string | null;
  author: string | null;
  url: string | null;
  publishedAt: string | null;
}

export interface SourceDetail extends SourceSummary {
  metadata: Record<string, unknown>;
  /** A person's notes on where it came from and how it was checked, or null. */
  notes: string | null;
  /** Its text is a person's transcription of a scan or photo, not read from the file. */
  transcribed: boolean;
  /** The OCR program that read the text off the scan, or null. */
  readByOcr: string | null;
  /** Its OCR is queued or running. */
  ocrPending: boolean;
  /** How a browser shows the original (GET /api/v1/sources/:id/media); null: it is downloaded. */
  browserView: 'image' | 'audio' | 'video' | 'pdf' | null;
  children: SourceSummary[];
  /** What it holds that was stored before, from elsewhere: each is that source, whose parent is where it first came. */
  childrenStoredBefore: SourceSummary[];
  /** Each later time its bytes came in, oldest first (at most 100 of capturesTotal). */
  captures: SourceCapture[];
  capturesTotal: number;
  nearDuplicates: SourceSummary[];
  /** When a near-duplicate by wording mostly shared (a report republished with changes): whose, and how much (0–1). */
  similarWording: { similarTo: string; similarity: number } | null;
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
  /** A duplicate from somewhere new (another letter, a file name, details given): kept in its source's captures. */
  captureKept?: boolean;
  /** Stored before as a source the uploader may not read: its id is withheld. */
  withheld?: true;
  /** What could not be read, or is to be minded (a photo's GPS place), in the server's words. */
  warnings?: string[];
}

export interface Span {
  start: number;
  end: number;
}

export interface SearchHit {
  sourceId: string;
  title: string | null;
  /** The file the source came from: names an untitled source. */
  fileName: string | null;
  snippet: string;
  score: number;
  highlights: Span[];
  matches: Span[];
  language: string | null;
  publishedAt: string | null;
  /** The report this hit is a near-duplicate of, when the reader may see it. */
  copyOf: CopyOf | null;
}

export interface SearchFacetCount {
  /** null: not known (a source without a detected language or a publication date). */
  value: string | null;
  count: number;
}

export interface SearchResults {
  total: number;
  results: SearchHit[];
  /** Present when asked for with `facets=true`: the matches by language and by year of publication. */
  facets?: { language: SearchFacetCount[]; year: SearchFacetCount[] };
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
  /** The job concerns a source the reader may not read: payload, result and error withheld. */
  withheld?: true;
}

export interface JobList {
  counts: Record<JobStatus, number>;
  items: Job[];
  /** Whether the queue moves: see `QueueHealth` in src/jobs/queue.ts. */
  health: { oldestQueuedAt: string | null; expiredLeases: number; stalled: boolean };
}

/** A span of a source's text that extraction recognised (a person, a place, a date…), from the record API. */
export interface Mention {
  start: number;
  end: number;
  kind: string;
  text?: string;
  status?: string;
  /** The review proposal whose evidence this span is, when the list came from the review API. */
  proposalId?: string;
}

export type ProposalKind = 'event' | 'person' | 'organization' | 'case';
export type ReviewStatus = 'proposed' | 'accepted' | 'rejected';

export interface Evidence {
  id: string;
  sourceId: string;
  start: number;
  end: number;
  quote: string;
}

/** One proposal of the review API (src/record's ProposalView); accepted events on a person's timeline too. */
export interface Proposal {
  id: string;
  kind: ProposalKind;
  status: string;
  label: string;
  confidence: number | null;
  createdAt: string;
  event?: {
    type: string;
    date: string | null;
    datePrecision: string | null;
    place: { id: string; name: string } | null;
    case: { id: string; name: string } | null;
    sentenceYears: number | null;
    fineAmount: number | null;
    description: string | null;
    participants: Array<{ role: string; entityType: string; entityId: string; name: string | null; status: string | null }>;
  };
  evidence: Evidence[];
}

/** A proposal as "accept with corrections" answers it: `merged` when it was linked to a person in the record. */
export interface CorrectedProposal extends Proposal {
  merged?: { mergeId: string; keptId: string };
}

/** A record's kept versions, newest first, each with what it changed (GET /api/v1/persons/:id/history). */
export interface RecordHistory {
  total: number;
  items: Array<{
    version: number;
    at: string;
    user: { id: string; username: string | null } | null;
    action: string | null;
    changes: Array<{ field: string; before: unknown; after: unknown }>;
    /** What it changed is withheld: the record was restricted then. */
    withheld?: boolean;
  }>;
}

export interface ProposalList {
  total: number;
  items: Proposal[];
}

export interface DecisionResult {
  accepted: string[];
  rejected: string[];
}

export interface Person {
  id: string;
  displayName: string;
  names: Array<{ name: string; kind: string; script: string | null }>;
  status: string | null;
  statusOverride: string | null;
  statusReason: string | null;
  notes: string | null;
  confidentiality: string;
  /** Consent to be named on the public list (/public), which also needs the person public and accepted. */
  consentToPublish: boolean;
  reviewStatus: string;
  updatedAt: string;
  deletedAt: string | null;
  /** The person this one was merged into, while the merge stands. */
  mergedInto?: string | null;
}

/** One row of the people table: the person, and what the table shows beside the name. */
export interface PersonRow extends Person {
  region: string | null;
  lastEventDate: string | null;
  cases: Array<{ id: string; name: string }>;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface PersonList {
  total: number;
  items: PersonRow[];
  /** Present when asked for with `facets=true`: counts over the people the user may see. */
  facets?: {
    status: FacetValue[];
    region: FacetValue[];
    case: FacetValue[];
    article: FacetValue[];
    date: { min: string | null; max: string | null };
  };
}

export interface PersonDetail {
  person: Person;
  status: {
    /** Null when nothing says where the person is: shown as '—', never as "at liberty". */
    status: string | null;
    derived: string | null;
    eventId: string | null;
    override: string | null;
    reason: string | null;
    event: Proposal | null;
  };
  timeline: Proposal[];
  cases: Array<{ id: string; name: string; roles: string[] }>;
  versions: Array<{ version: number; at: string; userId: string | null }>;
}

/** GET /api/v1/persons/:id/relationships: both ways, read from this person's side, and the kinds an editor may choose. */
export interface PersonRelationships {
  items: Array<{
    id: string;
    direction: 'outgoing' | 'incoming';
    kind: string;
    relation: string;
    other: { type: 'person' | 'organization'; id: string; name: string };
    note: string | null;
    evidenceId: string | null;
    createdAt: string;
  }>;
  kinds: Array<{ kind: string; target: 'person' | 'organization' }>;
}

export interface RelationshipTargets {
  items: Array<{ type: 'person' | 'organization'; id: string; name: string }>;
}

export interface StatBucket {
  key: string;
  type: string;
  events: number;
  persons: number;
  caseName?: string | null;
}

export interface RecordStats {
  totals: Record<string, { events: number; persons: number }>;
  byMonth: StatBucket[];
  byRegion: StatBucket[];
  byCase: StatBucket[];
  byArticle: StatBucket[];
  sentences: { persons: number; totalYears: number };
  /** How many cases are counted; byCase holds the 100 with the most events unless `cases=all` was asked. */
  caseCount: number;
  /** Per type, the events of the cases byCase leaves out. */
  byCaseOther: Array<{ type: string; events: number }>;
}

/** A facet value with how many records it would give (over the other filters). */
export interface Facet {
  value: string;
  count: number;
}

export interface Article {
  code: string | null;
  article: string;
  part: number | null;
}

/** src/record's CaseView as `/api/v1/cases` lists it, with what the list filters and sorts on. */
export interface CaseSummary {
  id: string;
  name: string;
  jurisdiction: string | null;
  articles: Article[];
  openedOn: string | null;
  status: string | null;
  court: string | null;
  notes: string | null;
  confidentiality: string;
  reviewStatus: string;
  parties: Array<{ personId: string; role: string }>;
  version: number;
  deletedAt: string | null;
  regions: string[];
  defendantCount: number;
  nextHearing: string | null;
}

export type CaseFacetName = 'article' | 'court' | 'jurisdiction' | 'status' | 'region';

export interface CaseList {
  total: number;
  items: CaseSummary[];
  facets: Record<CaseFacetName, Facet[]>;
}

export interface CaseDetail {
  case: Omit<CaseSummary, 'regions' | 'defendantCount' | 'nextHearing'>;
  parties: Array<{ personId: string; displayName: string; status: string | null; roles: string[] }>;
  timeline: Proposal[];
  nextHearing: Proposal | null;
}

export interface EventPlace {
  id: string;
  name: string;
  region: string | null;
  lat: number | null;
  lon: number | null;
}

/** One row of the events table (`/api/v1/events`). */
export interface EventRow {
  id: string;
  type: string;
  date: string | null;
  datePrecision: string | null;
  placeId: string | null;
  caseId: string | null;
  sentenceYears: number | null;
  description: string | null;
  evidence: Evidence[];
  place: EventPlace | null;
  case: { id: string; name: string } | null;
  persons: Array<{ id: string; name: string; role: string }>;
}

/** One event as its page shows it (`GET /api/v1/events/:id`): participants visible to this account only. */
export interface EventDetail {
  id: string;
  type: string;
  date: string | null;
  datePrecision: string | null;
  dateEnd: string | null;
  placeId: string | null;
  caseId: string | null;
  sentenceYears: number | null;
  fineAmount: number | null;
  description: string | null;
  status: string;
  confidence: number | null;
  confidentiality: string;
  sourceId: string | null;
  participants: Array<{ entityType: string; entityId: string; role: string }>;
  version: number;
  deletedAt: string | null;
  evidence: Evidence[];
  place: EventPlace | null;
  case: { id: string; name: string; reviewStatus: string; articles: Article[] } | null;
  persons: Array<{ id: string; name: string; role: string; reviewStatus: string }>;
}

export interface EventList {
  total: number;
  items: EventRow[];
  facets: { type: Facet[]; region: Facet[]; case: Array<Facet & { label: string }> };
}

/** `/api/v1/events/places`: the filtered events counted by located place. */
export interface EventPlaces {
  total: number;
  located: number;
  places: Array<{ id: string; name: string; region: string | null; lat: number; lon: number; count: number }>;
}

/** GET /api/v1/sources/waiting-parts: archives split into parts whose parts wait for the rest. */
export interface WaitingSets {
  sets: Array<{
    archive: string;
    parts: Array<{ number: number; sourceId: string; fileName: string; capturedAt: string; confidentiality: string }>;
    missing: number[];
    lastHere: boolean | null;
    notRead: string | null;
    reading: boolean;
  }>;
  more: boolean;
}
