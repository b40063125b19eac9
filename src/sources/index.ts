export type { BlobCipher } from './blob-cipher.js';
export { BLOB_ENCRYPTION, blobCipherFromSecret } from './blob-cipher.js';
export { getBlob, putBlob } from './blob-store.js';
export { type BrowserView, browserViewOf, shownByPage, shownConverted, shownCopy } from './browser-view.js';
export type { DecodedText } from './decode-text.js';
export { decodeStrictUtf8, decodeText, decodeWithCharset } from './decode-text.js';
export type {
  IngestContext,
  IngestFile,
  IngestOptions,
  IngestResult,
  SourceMetadataInput,
  WrittenSource,
} from './ingest.js';
export {
  batchSizeFor,
  gatherVolumeFiles,
  ingestFiles,
  MAX_NESTED_DOCUMENTS,
  TEXT_EXTRACTOR,
  TEXT_EXTRACTOR_VERSION,
} from './ingest.js';
export { INGEST_JOB, ingestJobHandler, queueIngest } from './ingest-queue.js';
export {
  findOcrEngine,
  MAX_OCR_PAGES,
  OCR_EXTRACTOR,
  OCR_JOB,
  type OcrEngine,
  ocrJobKey,
  ocrReads,
  type Recognized,
  recognize,
} from './ocr.js';
export { resourceFolderPaths, resourceFoldersIn } from './page-resources.js';
export type { ParsedDocument, ParseLimits } from './parse.js';
export {
  DEFAULT_PARSE_LIMITS,
  detectMediaType,
  parseDocument,
  parseDocumentInProcess,
  repairLineBreaks,
} from './parse.js';
export type { Sheet, SheetRow, Workbook } from './parsers/spreadsheet.js';
export { readFlatOds, readOds, readXlsx, rowCells, SPREADSHEET_MEDIA_TYPES } from './parsers/spreadsheet.js';
export { readXls } from './parsers/xls.js';
export { PARTS_JOB, type PartsOutcome, partsJobHandler } from './parts-job.js';
export { nearDuplicateKey } from './prepared-text.js';
export type {
  CopyOf,
  ListSourcesOptions,
  ReceiptFields,
  SourceDetail,
  SourceScope,
  SourceSummary,
} from './queries.js';
export {
  copiesAmong,
  getSource,
  getSourceOriginal,
  getSourceText,
  listSources,
  ocrPendingAmong,
  ownFileName,
  receiptFields,
  toSourceSummary,
} from './queries.js';
export { sha256Hex } from './sha256.js';
export {
  fileWording,
  linkSimilarText,
  linkSimilarTextIn,
  type NearDuplicateReason,
  queueWordingComparison,
  type SimilarTextLink,
  similarTextReasons,
  unlinkSimilarText,
  WORDING_JOB,
  type WordingOutcome,
  wordingJobHandler,
} from './similar-texts.js';
export {
  CONFIDENTIALITY,
  changeSourceDetails,
  isConfidentiality,
  isMoreConfidential,
  MAX_DETAIL_LENGTH,
  RELIABILITY,
  type Reliability,
  type SourceChanges,
} from './source-details.js';
export type { TextState } from './transcription.js';
export {
  MAX_TRANSCRIPTION_CHARS,
  storeTranscription,
  TRANSCRIPTION_EXTRACTOR,
  transcriptionText,
} from './transcription.js';
export { listWaitingSets, WAITING_PARTS_LISTED, type WaitingSet } from './waiting-parts.js';
