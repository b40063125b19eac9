/**
 * The record domain: proposals staged from extractions, their review, and the reviewed record of persons,
 * organizations, places, cases and events with evidence and version history. Other folders import it only here.
 */

export type { CaseInput as CaseRecordInput, CaseView } from './cases.js';
export { createCase, deleteCase, getCase, listCases, restoreCase, updateCase } from './cases.js';
export type { Conflict, Fact, SourceSupport, SupportingSource } from './conflicts.js';
export { corroboration, datesAgree, findConflicts, supportingSources } from './conflicts.js';
export { futureDateProblem, SCHEDULABLE_EVENT_TYPES } from './event-dates.js';
export type { EventInput as EventRecordInput, EventView, ParticipantRef } from './events.js';
export {
  assertEventLinks,
  createEvent,
  deleteEvent,
  getEvent,
  listEvents,
  restoreEvent,
  updateEvent,
} from './events.js';
export type { EvidenceSpanChange } from './evidence-spans.js';
export type { ExtractJobContext, RunExtractor } from './extract-job.js';
export { EXTRACT_JOB, extractJobHandler, queueExtraction, requeueExtraction } from './extract-job.js';
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
export { toColumns } from './fields.js';
export type { RecordMemo } from './generation-cache.js';
export { recordMemo } from './generation-cache.js';
export type { FieldChange, HistoryEntry, RecordHistory } from './history.js';
export { diffSnapshots, HISTORY_LIMIT, recordHistory } from './history.js';
export type {
  MergeProposalView,
  MergeResult,
  MergeView,
  MergeWhy,
  ProposalPerson,
  ProposeResult,
  SplitInput,
  SplitResult,
} from './merges.js';
export {
  COMMAND_LINE_USER,
  getMergeProposal,
  keepApart,
  listMergeProposals,
  listMerges,
  MERGE_KINDS,
  MERGE_PROPOSAL_STATUSES,
  mergePersons,
  mergeProposal,
  proposeMerges,
  splitPerson,
  undoMerge,
} from './merges.js';
export { DATE_PRECISIONS, type DatePrecision, datePrecision, normalizeName } from './names.js';
export type { OcrJobContext, OcrOutcome } from './ocr-job.js';
export { OCR_JOB, ocrJobHandler, queueOcr, requeueOcr, wantsOcr } from './ocr-job.js';
export { loadPersonEvents, type PersonEvents } from './person-events.js';
export type {
  FacetValue,
  PersonFacets,
  PersonTableOptions,
  PersonTablePage,
  PersonTableRow,
  PersonTableScopes,
  PersonTableSort,
} from './person-table.js';
export { PERSON_FACETS, PERSON_TABLE_SORTS, queryPersonTable } from './person-table.js';
export type { PersonDetails, PersonInput, PersonView } from './persons.js';
export {
  createPerson,
  deletePerson,
  getPerson,
  listPersons,
  personRow,
  restorePerson,
  toPersonView,
  updatePerson,
} from './persons.js';
export { placeRow } from './places.js';
export type {
  PersonRelationship,
  RelationshipInput,
  RelationshipKind,
  RelationshipKindInfo,
  RelationshipTargetType,
  RelationshipView,
} from './relationships.js';
export {
  createRelationship,
  deleteRelationship,
  getRelationship,
  isRelationshipKind,
  listPersonRelationships,
  RELATIONSHIP_KIND_NAMES,
  RELATIONSHIP_KINDS,
} from './relationships.js';
export type {
  CorrectedProposal,
  CorrectionLinks,
  DecisionResult,
  EvidenceView,
  ListProposalsOptions,
  ParticipantView,
  ProposalKind,
  ProposalQuery,
  ProposalView,
} from './review.js';
export {
  acceptAllProposals,
  correctProposal,
  decideProposals,
  entityNames,
  eventViews,
  findProposal,
  listProposals,
  loadProposals,
  PROPOSAL_TABLES,
  pageProposalRefs,
  REVIEW_STATUSES,
  reopenProposals,
} from './review.js';
export type { SourceState, SourceStateContext } from './source-states.js';
export { SOURCE_STATES, sourceInState, sourceStates } from './source-states.js';
export type { StageInput, StageResult } from './staging.js';
export {
  changeSourceDetailsWithProposals,
  findExistingCase,
  findExistingPerson,
  regionPlace,
  setRecordGroupsWithProposals,
  stageExtraction,
  unstageSource,
} from './staging.js';
export type { Bucket, RecordStats } from './stats.js';
export { articleLabel, cachedStats, computeStats, STAT_TYPES, type StatsPage, TOP_CASES, topCases } from './stats.js';
export type { DerivedStatus, PersonStatus, PersonStatusView, StatusEvent } from './status.js';
export {
  deriveStatus,
  getPersonStatus,
  PERSON_STATUSES,
  publicStatuses,
  refreshPersonStatus,
  setStatusOverride,
  statusFromEvent,
  statusView,
} from './status.js';
export type { TranscribeInput, TranscribeResult } from './transcription.js';
export { transcribeSource } from './transcription.js';
export type { RecordSnapshot, RecordTable, RecordVersion } from './versions.js';
export {
  BASELINE_ACTION,
  changeRecord,
  listVersions,
  loadSnapshot,
  RECORD_TABLES,
  restoreDeleted,
  restoreVersion,
  softDelete,
} from './versions.js';
