import type { Generated } from 'kysely';

/**
 * The data model of DESIGN §4, one interface per table. Timestamps are ISO-8601 UTC strings and flags are 0/1
 * integers on both dialects, so rows read the same from SQLite and PostgreSQL.
 */
export type Confidentiality = 'public' | 'internal' | 'restricted';
export type ReviewStatus = 'proposed' | 'accepted' | 'rejected';

export interface SourcesTable {
  id: string;
  sha256: string;
  media_type: string;
  byte_size: number;
  file_name: string | null;
  title: string | null;
  publisher: string | null;
  author: string | null;
  url: string | null;
  language: string | null;
  published_at: string | null;
  captured_at: string;
  reliability: string | null;
  confidentiality: Generated<Confidentiality>;
  ingested_by: string | null;
  parent_id: string | null;
  relation: string | null;
  text_sha256: string | null;
  near_duplicate_of: string | null;
  needs_ocr: Generated<number>;
  metadata: Generated<string>;
  deleted_at: string | null;
  /** A person's notes on where it came from and how it was checked (migration 0025, source-details.ts). */
  notes: string | null;
}

export interface BlobsTable {
  sha256: string;
  bytes: Uint8Array;
  byte_size: number;
  encryption: string;
  created_at: string;
}

export interface SourceTextsTable {
  source_id: string;
  text: string;
  extractor: string;
  extractor_version: string;
  created_at: string;
}

export interface MentionsTable {
  id: string;
  source_id: string;
  start: number;
  end: number;
  text: string;
  kind: string;
  entity_id: string | null;
  canonical: string | null;
  confidence: number | null;
  status: ReviewStatus;
  extractor_version: string | null;
  created_at: string;
}

export interface PersonsTable {
  id: string;
  display_name: string;
  gender: string | null;
  birth_year: number | null;
  status: string | null;
  status_override: string | null;
  status_reason: string | null;
  notes: string | null;
  confidentiality: Confidentiality;
  consent_to_publish: number;
  review_status: ReviewStatus;
  merged_into: string | null;
  details: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PersonNamesTable {
  id: string;
  person_id: string;
  name: string;
  script: string | null;
  kind: string;
  source_id: string | null;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  kind: string | null;
  confidentiality: Confidentiality;
  review_status: ReviewStatus;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PlacesTable {
  id: string;
  name: string;
  kind: string | null;
  country: string | null;
  region: string | null;
  lat: number | null;
  lon: number | null;
  gazetteer_id: string | null;
  created_at: string;
  deleted_at: string | null;
}

export interface CasesTable {
  id: string;
  name: string;
  jurisdiction: string | null;
  articles: string;
  opened_on: string | null;
  status: string | null;
  court: string | null;
  notes: string | null;
  confidentiality: Confidentiality;
  review_status: ReviewStatus;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface CasePartiesTable {
  case_id: string;
  person_id: string;
  role: string;
  /** The accepted event whose acceptance made this party (migration 0026); null when set otherwise. */
  event_id: Generated<string | null>;
}

export interface EventsTable {
  id: string;
  type: string;
  date: string | null;
  date_precision: string | null;
  date_end: string | null;
  place_id: string | null;
  case_id: string | null;
  sentence_years: number | null;
  fine_amount: number | null;
  description: string | null;
  status: ReviewStatus;
  confidence: number | null;
  confidentiality: Confidentiality;
  source_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface EventParticipantsTable {
  event_id: string;
  entity_type: string;
  entity_id: string;
  role: string;
}

export interface EvidenceTable {
  id: string;
  target_table: string;
  target_id: string;
  target_field: string | null;
  source_id: string;
  start: number;
  end: number;
  quote: string;
  created_at: string;
}

export interface RelationshipsTable {
  id: string;
  from_person_id: string;
  to_entity_type: string;
  to_entity_id: string;
  kind: string;
  evidence_id: string | null;
  created_at: string;
  /** Migration 0008: soft delete, a free-text note (how we know), and who entered it. */
  deleted_at: string | null;
  note: string | null;
  created_by: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  disabled: number;
  totp_secret: string | null;
  recovery_codes: string | null;
  /** A TOTP secret handed out but not yet confirmed with a code (migration 0006). */
  totp_pending: string | null;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface GroupsTable {
  id: string;
  name: string;
}

export interface UserGroupsTable {
  user_id: string;
  group_id: string;
}

export interface RecordGroupsTable {
  record_table: string;
  record_id: string;
  group_id: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  user_id: string | null;
  action: string;
  target: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

/** One row (id 1): raised by every audited change, so what is computed from the record knows when it went stale. */
export interface RecordGenerationTable {
  id: number;
  generation: number;
}

export interface RecordVersionsTable {
  id: string;
  record_table: string;
  record_id: string;
  version: number;
  data: string;
  user_id: string | null;
  at: string;
  /** What made this version: the audited action, or 'baseline' for the state before the first change (0014). */
  action: string | null;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  max_attempts: number;
  lease_until: string | null;
  worker_id: string | null;
  error: string | null;
  result: string | null;
  dedupe_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  sources: SourcesTable;
  blobs: BlobsTable;
  source_texts: SourceTextsTable;
  mentions: MentionsTable;
  persons: PersonsTable;
  person_names: PersonNamesTable;
  organizations: OrganizationsTable;
  places: PlacesTable;
  cases: CasesTable;
  case_parties: CasePartiesTable;
  events: EventsTable;
  event_participants: EventParticipantsTable;
  evidence: EvidenceTable;
  relationships: RelationshipsTable;
  users: UsersTable;
  sessions: SessionsTable;
  groups: GroupsTable;
  user_groups: UserGroupsTable;
  record_groups: RecordGroupsTable;
  audit_log: AuditLogTable;
  record_generation: RecordGenerationTable;
  record_versions: RecordVersionsTable;
  jobs: JobsTable;
}

/** Issue 7 (record): the normalized name of a person name, organization, place or case, for exact linking. */
export interface NameKeysTable {
  record_table: string;
  record_id: string;
  name_key: string;
}

/** Issue 7 (record): the rows one source's extraction created, so re-staging replaces only the proposed ones. */
export interface StagedRecordsTable {
  source_id: string;
  record_table: string;
  record_id: string;
  extractor_version: string;
  created_at: string;
}

// Declaration merging: the record domain's tables join the Database type without editing the lines above.
export interface Database {
  name_keys: NameKeysTable;
  staged_records: StagedRecordsTable;
}

/** Issues 4–5 (migration 0007): a pair of persons the names resolver proposes as one, and its decision. */
export interface MergeProposalsTable {
  id: string;
  person_a: string;
  person_b: string;
  score: number;
  why: string;
  status: 'pending' | 'merged' | 'kept_apart';
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Issues 4–5 (migration 0007): one merge or split with exactly what moved, so it can be undone. */
export interface PersonMergesTable {
  id: string;
  kind: 'merge' | 'split';
  proposal_id: string | null;
  /** merge: the person kept; split: the person split. */
  kept_id: string;
  /** merge: the person merged into the kept one; split: the new person. */
  other_id: string;
  reason: string | null;
  moved: string;
  before: string;
  created_by: string | null;
  created_at: string;
  undone_by: string | null;
  undone_at: string | null;
}

export interface Database {
  merge_proposals: MergeProposalsTable;
  person_merges: PersonMergesTable;
}

/** Parts of split archives stored while they wait for the rest (migration 0022, src/sources/waiting-parts.ts). */
export interface WaitingPartsTable {
  source_id: string;
  set_key: string;
  number: number;
  /** 1 when the part says it is the set's last, 0 when it says more follow, null when it cannot tell. */
  last: number | null;
  state: 'waiting' | 'read';
  created_at: string;
}

export interface Database {
  waiting_parts: WaitingPartsTable;
}

/** The keys a source's wording is filed under, to find texts worded alike (migration 0023, similar-texts.ts). */
export interface TextBandsTable {
  band_key: string;
  source_id: string;
}

/** A source linked as a near-duplicate because its wording is mostly another's: the one it matched, and how much. */
export interface SimilarTextsTable {
  source_id: string;
  similar_to: string;
  /** The share of the shorter text's five-word shingles found in the other, 0–1 (`sameReport`). */
  similarity: number;
  created_at: string;
}

/** Two sources a person said are two reports however alike their wording: never linked again (lower id first). */
export interface DistinctTextsTable {
  source_id: string;
  other_id: string;
  user_id: string | null;
  created_at: string;
}

export interface Database {
  text_bands: TextBandsTable;
  similar_texts: SimilarTextsTable;
  distinct_texts: DistinctTextsTable;
}

/**
 * A later capture of a source's bytes (migration 0024, src/sources/captures.ts): where they came from that time and
 * what was given with them. The first capture is the source row itself.
 */
export interface SourceCapturesTable {
  id: string;
  source_id: string;
  /** The letter or archive this capture came in, or null for a file given on its own. */
  parent_id: string | null;
  relation: string | null;
  file_name: string | null;
  title: string | null;
  publisher: string | null;
  author: string | null;
  url: string | null;
  published_at: string | null;
  captured_at: string;
  ingested_by: string | null;
}

export interface Database {
  source_captures: SourceCapturesTable;
}
