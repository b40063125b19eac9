import type { Insertable } from 'kysely';
import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { DialectName, Workspace } from '../db/connection.js';
import { insertRows } from '../db/insert-rows.js';
import { parameterChunks } from '../db/parameter-chunks.js';
import type { Confidentiality, Database, SourcesTable, SourceTextsTable } from '../db/schema.js';
import { indexSource, indexSources } from '../search/index.js';
import { ChronicleError, describeError, type ErrorCode, isChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { sizeInWords } from '../shared/sizes.js';
import type { BlobCipher } from './blob-cipher.js';
import { putBlob, putBlobs } from './blob-store.js';
import { keepReceipts, type Receipt } from './captures.js';
import { MEDIA_TYPES } from './detect.js';
import {
  IN_PROCESS_TEXT_BYTES,
  type ParsedDocument,
  type ParseLimits,
  parseDocument,
  storedFileName,
  withoutNul,
} from './parse.js';
import { type ChildDocument, type KeptNotRead, resolveLimits, sourceTitle } from './parse-types.js';
import { nearDuplicateKey, type PreparedFile, type PreparedTerms } from './prepared-text.js';
import { sha256Hex } from './sha256.js';
import { isMoreConfidential } from './source-details.js';
import { isLastPart, joinedFileEnds } from './volume-ends.js';
import {
  fileNameOf,
  gatherVolumes,
  JOINED_RELATION,
  LATER_VOLUME_RELATION,
  type Named,
  partsKey,
  type VolumeName,
  volumeOf,
  waitingReason,
} from './volumes.js';
import { recordStoredParts, type StoredPart } from './waiting-parts.js';
import { parseWorkerReady, prepareTextsInWorker } from './worker-pool.js';

/** The name of the extractor that turned bytes into the stored text; later offsets refer to that text. */
export const TEXT_EXTRACTOR = 'chronicle-sources';
export const TEXT_EXTRACTOR_VERSION = '1';

export interface SourceMetadataInput {
  title?: string | null;
  url?: string | null;
  publisher?: string | null;
  author?: string | null;
  publishedAt?: string | null;
  confidentiality?: Confidentiality;
}

/** One file to ingest: its name (for messages) and its bytes, as read. */
export interface IngestFile {
  name: string;
  bytes: Uint8Array;
  metadata?: SourceMetadataInput;
  /**
   * Why the file could not be read (gone, over the size limit), when the caller found out before reading it: the
   * file is reported failed with this reason in its place among the results, so they keep the order of the input.
   */
  unreadable?: { code: ErrorCode; message: string };
  /**
   * The parts after this one of the archive split into parts that this file begins (volumes.ts), in order: read
   * with it as one archive, each kept as a source of its own. Ingestion gathers them from the files it is given.
   */
  laterVolumes?: Named[];
  /**
   * The parts before this one that its split archive lacks here (`gatherVolumeFiles`): the file is stored as a part
   * waiting for them (waiting-parts.ts), not read.
   */
  missingParts?: number[];
  /**
   * Store nothing of the file unless all it holds can be read: parts of a split archive joined by their names alone,
   * stored at different times (parts-job.ts), where a part that does not read with the others is most likely a part
   * of another archive named alike.
   */
  wholeOrNothing?: boolean;
}

export interface IngestResult {
  file: string;
  status: 'ingested' | 'duplicate' | 'failed';
  sourceId: string | null;
  error: string | null;
  code?: ErrorCode;
  sha256?: string;
  byteSize?: number;
  nearDuplicateOf?: string | null;
  /**
   * A duplicate that came from somewhere new (another letter or archive, a file name, a URL or date given): kept as
   * a capture of its source (captures.ts). Absent otherwise.
   */
  captureKept?: boolean;
  mediaType?: string;
  language?: string | null;
  needsOcr?: boolean;
  /**
   * What the reader of the file, or of the archive or message it came in, said of what it could not read or what to
   * mind (a photo's GPS place, an archive's folders left in it); absent when nothing.
   */
  warnings?: string[];
}

export interface IngestContext {
  workspace: Workspace;
  userId: string | null;
  cipher: BlobCipher | null;
  limits?: Partial<ParseLimits>;
  /** Runs inside the source's own savepoint after it is written: later stages (extraction staging) hook in here. */
  afterSourceWritten?: (trx: Kysely<Database>, source: WrittenSource) => Promise<void>;
}

export interface WrittenSource {
  id: string;
  name: string;
  text: string;
  language: string | null;
  publishedAt: string | null;
  mediaType: string;
  /** A scan or photo with no text to read: OCR or a person gives it one. */
  needsOcr: boolean;
}

export interface IngestOptions {
  /** Files committed together (one fsync), `batchSizeFor` the dialect by default; each source stays atomic. */
  batchSize?: number;
  /** A batch also closes once its files hold this many bytes (`WINDOW_BYTES`). */
  batchBytes?: number;
  /** Files parsed at once. */
  parseConcurrency?: number;
  /**
   * Runs inside each batch's transaction just before it commits, with that batch's results: a job marks itself done
   * here so that its effect and its completion commit together. Throwing rolls the whole batch back.
   */
  beforeCommit?: (trx: Kysely<Database>, results: IngestResult[]) => Promise<void>;
  /**
   * Keep where each file stored before came in again (captures.ts): true by default; false where stored files are
   * read again rather than received (the parts of a split archive read together by parts-job.ts).
   */
  keepReceipts?: boolean;
}

/** A parsed unit waiting to be written: a source, or the reason it failed. */
interface PendingUnit {
  file: string;
  bytes: Uint8Array;
  parsed: ParsedDocument | null;
  failure: { code: ErrorCode; message: string } | null;
  metadata: SourceMetadataInput;
  /** Index of the parent unit in the same batch (e-mail attachments), or -1. */
  parentIndex: number;
  relation: string | null;
  /** Hashes and index terms computed with the parse (in the parse worker), or null until `contentKeys` needs them. */
  terms: PreparedTerms | null;
  /** `ChildDocument.growsAcrossExports`: an earlier copy holding less or more of it is looked for by title and date. */
  growsAcrossExports?: boolean;
  /**
   * A part of a split archive stored without its other parts, to wait for them (waiting-parts.ts); it may yet be read
   * with parts in other containers of the window (`joinAcrossContainers`).
   */
  awaitingParts?: VolumeName;
}

/**
 * How many files one group commit holds by default. On SQLite every hash-keyed index (the original's, the text's)
 * puts each insert on a page of its own, and each commit writes those pages again: 1,000 files a commit ingested
 * 100,000 reports 12–34 % faster than 200 (39 against 54 KB written a report; no change at 10,000), for about 60 MB
 * more memory, results reported 1,000 at a time. On PostgreSQL, where two batches are written at once on two
 * connections, 1,000 made no difference: 200 keeps results coming sooner.
 */
export function batchSizeFor(dialect: DialectName): number {
  return dialect === 'sqlite' ? 1000 : 200;
}

/**
 * A window of files closes at this many bytes even short of the batch size: a folder of 200 court files of 50 MB
 * each was read whole into one window (10 GB, and the texts and index terms made from them several times that;
 * 1 GB of text took 6.8 GB). A file larger than this is a window of its own.
 */
export const WINDOW_BYTES = 32 * 1024 * 1024;

/**
 * How deep documents may hold documents: a letter's attachment that is a letter with an attachment… Each level is
 * parsed again, and an Outlook item costs a few kilobytes: a 100 MB file could hold twenty thousand levels, each
 * parsing what is left of it, so past this depth the rest is refused, said under its name.
 */
export const MAX_NESTED_DOCUMENTS = 10;

/** At most this much goes to the worker in one message, so a window of large texts does not fill its heap at once. */
const PREPARED_MESSAGE_BYTES = 16 * 1024 * 1024;
/** Fewer small files than this are read in this thread: a worker (started, or woken) would cost more than it saves. */
const PREPARED_MIN_FILES = 16;

/**
 * Ingests files and yields one result per source (archive entries and attachments each get their own), only
 * after the batch holding it has committed, so everything reported as ingested is durable.
 * A bad file fails alone: its savepoint is rolled back, the rest of the batch goes on. At most four windows of
 * files are held at once: two batches being written (on PostgreSQL, `mayWriteAlongside`), one parsed, one read.
 */
export async function* ingestFiles(
  context: IngestContext,
  files: AsyncIterable<IngestFile> | Iterable<IngestFile>,
  options: IngestOptions = {},
): AsyncGenerator<IngestResult> {
  const batchSize = options.batchSize ?? batchSizeFor(context.workspace.dialect);
  const concurrency = Math.max(1, options.parseConcurrency ?? 2);
  let writing: BatchInFlight | null = null;
  const settle = (): Promise<IngestResult[]> => {
    const results = writing?.results ?? Promise.resolve([]);
    writing = null;
    return results;
  };
  const gathered = gatherVolumeFiles(files, context.limits);
  const windows = parsedWindows(context, gathered, batchSize, options.batchBytes ?? WINDOW_BYTES, concurrency);
  try {
    for (;;) {
      const next = windows.next();
      // A batch's results go out as soon as it has committed, not once the next window has been read.
      if (writing && (await Promise.race([next.then(() => false), writing.results.then(() => true)])))
        yield* await settle();
      const { value: units, done } = await next;
      if (done) break;
      if (writing && !mayWriteAlongside(context, writing.units, units)) yield* await settle();
      const before = writing as BatchInFlight | null;
      writing = { units, results: writeBatch(context, units, options, before?.results ?? null) };
      if (before) yield* await before.results;
      // One writer at a time on SQLite: the batch is finished before the next window is read ahead.
      if (context.workspace.dialect !== 'postgres') yield* await settle();
    }
    yield* await settle();
  } finally {
    // A caller that stops early leaves no transaction open behind it (what it commits is not reported), and the
    // files it was reading are closed.
    await writing?.results;
    await windows.return(undefined);
  }
}

/**
 * The files as given, but for the parts of archives split into parts (volumes.ts): those are held back to the end,
 * where each whole set goes on as its first part carrying the others, and each part of a set not whole here goes on
 * alone, saying which parts it lacks, to be stored waiting for them. A part given twice under two names fails. What
 * is held at once is bounded: twice the largest file accepted. `ingestFiles` gathers the files it is given; a caller
 * that queues files instead gathers them first.
 */
export async function* gatherVolumeFiles(
  files: AsyncIterable<IngestFile> | Iterable<IngestFile>,
  given?: Partial<ParseLimits>,
): AsyncGenerator<IngestFile> {
  const limit = heldBytesLimit(given);
  const held: IngestFile[] = [];
  let heldBytes = 0;
  for await (const file of files) {
    if (file.unreadable || file.laterVolumes || !volumeOf(file.name, file.bytes)) {
      yield file;
    } else if (heldBytes + file.bytes.length > limit) {
      const message = `the parts of split archives given at once come to more than ${sizeInWords(limit)}: add each split archive on its own`;
      yield { ...file, unreadable: { code: 'TOO_LARGE', message } };
    } else {
      held.push(file);
      heldBytes += file.bytes.length;
    }
  }
  for (const item of gatherVolumes(held)) {
    if (item.kind === 'single') yield item.file;
    else if (item.kind === 'incomplete' && item.missing.length > 0) yield { ...item.file, missingParts: item.missing };
    else if (item.kind === 'incomplete')
      yield { ...item.file, unreadable: { code: 'UNSUPPORTED_TYPE', message: item.reason } };
    else yield { ...item.file, laterVolumes: item.later };
  }
}

/** What may be held back at once for the parts of split archives: twice the largest file accepted. */
function heldBytesLimit(limits: Partial<ParseLimits> | undefined): number {
  return resolveLimits(limits).maxBytes * 2;
}

/**
 * The files' units, a window of `batchSize` files (fewer if they hold `batchBytes`) at a time. The next window is
 * parsed while the one before it is written: parses in worker threads (PDF, DOCX, e-mail) and PostgreSQL's round
 * trips then overlap instead of taking turns. Two windows at most are held here, besides the files held back for the
 * parts of a split archive they hold (at most twice the size limit, read again at the end), and parseWindow never
 * rejects (a file that cannot be read becomes a failed unit).
 */
async function* parsedWindows(
  context: IngestContext,
  files: AsyncIterable<IngestFile> | Iterable<IngestFile>,
  batchSize: number,
  batchBytes: number,
  concurrency: number,
): AsyncGenerator<PendingUnit[]> {
  let window: IngestFile[] = [];
  let windowBytes = 0;
  let parsing: Promise<ParsedWindow> | null = null;
  // Files holding a part of a split archive whose other parts may come in a later window, read again at the end. They
  // are taken as each window is, in order, so they stay in the order given.
  const held: IngestFile[] = [];
  let heldBytes = 0;
  const maxHeldBytes = heldBytesLimit(context.limits);
  const parse = (files: IngestFile[], first: boolean) =>
    parseWindow(context, files, concurrency, first, heldBytes < maxHeldBytes);
  const take = async (parsed: Promise<ParsedWindow>): Promise<PendingUnit[]> => {
    const { units, heldBack } = await parsed;
    for (const file of heldBack) {
      held.push(file);
      heldBytes += file.bytes.byteLength;
    }
    return units;
  };
  for await (const file of files) {
    window.push(file);
    windowBytes += file.bytes.byteLength;
    if (window.length >= batchSize || windowBytes >= batchBytes) {
      windowBytes = 0;
      const previous = parsing;
      parsing = parse(window, previous === null);
      window = [];
      if (previous) yield await take(previous);
    }
  }
  const last = window.length > 0 ? parse(window, parsing === null) : null;
  if (parsing) yield await take(parsing);
  if (last) yield await take(last);
  if (held.length > 0) yield (await parseWindow(context, held, concurrency, false, false)).units;
}

/** A batch being written; `results` settles once it has committed (or failed), and never rejects. */
interface BatchInFlight {
  units: PendingUnit[];
  results: Promise<IngestResult[]>;
}

/**
 * Whether a batch may be written while the one before it still is: on PostgreSQL, on a connection of its own, so
 * that one batch's statements run while the other's are built and sent (the writer's thread and PostgreSQL then
 * work at the same time instead of taking turns); the later one commits after the earlier (`commitBatch`). Neither
 * sees the other's rows before they commit, so a batch that shares an original or a text with the one before it
 * waits for it.
 */
function mayWriteAlongside(context: IngestContext, before: PendingUnit[], units: PendingUnit[]): boolean {
  return context.workspace.dialect === 'postgres' && !sharesContent(before, units);
}

/** Whether a unit of `later` has the original or the near-duplicate key of a unit of `earlier`. */
function sharesContent(earlier: readonly PendingUnit[], later: readonly PendingUnit[]): boolean {
  const hashes = new Set<string>();
  const textKeys = new Set<string>();
  for (const unit of earlier) {
    const keys = contentKeys(unit);
    if (!keys) continue;
    hashes.add(keys.sha256);
    if (keys.textKey) textKeys.add(keys.textKey);
  }
  return later.some((unit) => {
    const keys = contentKeys(unit);
    return keys !== null && (hashes.has(keys.sha256) || (keys.textKey !== null && textKeys.has(keys.textKey)));
  });
}

/**
 * A parsed unit's SHA-256 and near-duplicate key (null for a unit that failed): those the parse worker computed, or
 * computed here once and kept with the unit.
 */
function contentKeys(unit: PendingUnit): PreparedTerms | null {
  if (!unit.parsed) return null;
  unit.terms ??= { sha256: sha256Hex(unit.bytes), textKey: nearDuplicateKey(unit.parsed.text) };
  return unit.terms;
}

interface ParsedWindow {
  units: PendingUnit[];
  /** The window's files held back to be read again after the last window, in the order given. */
  heldBack: IngestFile[];
}

/**
 * A window's units, and the files held back from it (`mayHold`): those holding a part of a split archive whose set is
 * not whole in the window, whose other parts may come in a later one — a case file mailed in three letters of 20 MB
 * each does not fit one window. They are read again, all together, after the last window.
 */
async function parseWindow(
  context: IngestContext,
  files: IngestFile[],
  concurrency: number,
  first: boolean,
  mayHold: boolean,
): Promise<ParsedWindow> {
  const prepared = await prepareWindow(context, files, first);
  const perFile: PendingUnit[][] = new Array(files.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, files.length) }, async () => {
    while (next < files.length) {
      const index = next++;
      const file = files[index]!;
      const ready = file.unreadable ? { kind: 'failed' as const, ...file.unreadable } : prepared[index];
      const waitsFor = file.missingParts && !file.unreadable ? volumeOf(file.name, file.bytes) : null;
      perFile[index] = waitsFor
        ? [waitingUnit(file.name, file.bytes, file.metadata ?? {}, null, -1, waitsFor, file.missingParts!)]
        : ready && ready.kind !== 'other' && !file.laterVolumes
          ? [preparedUnit(file, ready)]
          : await expand(
              context,
              file.name,
              file.bytes,
              file.metadata ?? {},
              null,
              0,
              { bytes: 0, files: 0 },
              file.laterVolumes,
            );
      if (file.wholeOrNothing) perFile[index] = wholeOrNothing(perFile[index]!);
    }
  });
  await Promise.all(workers);
  // Flatten while turning per-file parent positions into batch positions.
  const units: PendingUnit[] = [];
  const fileOf: number[] = [];
  for (const [index, group] of perFile.entries()) {
    const offset = units.length;
    for (const unit of group) {
      units.push({ ...unit, parentIndex: unit.parentIndex < 0 ? -1 : unit.parentIndex + offset });
      fileOf.push(index);
    }
  }
  const joined = await joinAcrossContainers(context, units);
  if (!mayHold) return { units, heldBack: [] };
  const holding = new Set<number>();
  for (const [index, unit] of units.entries())
    if (index < fileOf.length && unit.awaitingParts) holding.add(fileOf[index]!);
  for (const index of joined) holding.delete(fileOf[index]!);
  if (holding.size === 0) return { units, heldBack: [] };
  // The held files' units leave the window; the others' parent positions move up to fill the gap.
  const moved: number[] = [];
  const kept: PendingUnit[] = [];
  for (const [index, unit] of units.entries()) {
    moved.push(kept.length);
    if (index < fileOf.length && holding.has(fileOf[index]!)) continue;
    kept.push(unit);
  }
  for (const unit of kept) if (unit.parentIndex >= 0) unit.parentIndex = moved[unit.parentIndex]!;
  return { units: kept, heldBack: [...holding].sort((a, b) => a - b).map((index) => files[index]!) };
}

/**
 * The parts of a split archive that came in different containers of one window — a case file mailed in three letters,
 * the letters in one mailbox or given together — read together once all are here: the first part is read as the set
 * (what it holds becomes its children), the others are kept, each where it came, no longer waiting. Parts whose set
 * is still not whole wait, as they were. Changes `units` in place (what the first part holds is added at the end) and
 * returns the places of the parts read.
 */
async function joinAcrossContainers(context: IngestContext, units: PendingUnit[]): Promise<Set<number>> {
  const joined = new Set<number>();
  const waiting = new Map<string, number[]>();
  for (const [index, unit] of units.entries()) {
    if (!unit.awaitingParts) continue;
    const key = partsKey(unit.awaitingParts);
    const indexes = waiting.get(key);
    if (indexes) indexes.push(index);
    else waiting.set(key, [index]);
  }
  for (const indexes of waiting.values()) {
    if (indexes.length < 2) continue;
    // By their own names, without the letters they came in: `дело.part1.rar`, `дело.part2.rar`.
    const parts = indexes.map((index) => ({ index, name: fileNameOf(units[index]!.file), bytes: units[index]!.bytes }));
    const gathered = gatherVolumes(parts);
    const set = gathered.length === 1 && gathered[0]!.kind === 'set' ? gathered[0] : null;
    if (!set) continue;
    const first = units[set.file.index]!;
    const read = await expand(
      context,
      first.file,
      first.bytes,
      first.metadata,
      first.relation,
      1,
      { bytes: 0, files: 0 },
      set.later.map((part) => ({ name: units[part.index]!.file, bytes: part.bytes })),
    );
    if (!read[0]!.parsed || read[0]!.awaitingParts) continue;
    // The set's first part in the place of its failure; what it holds after everything else, linked to it. The
    // other parts stay where they came, not under the first as `expand` put them.
    units[set.file.index] = { ...read[0]!, parentIndex: first.parentIndex, relation: first.relation };
    const placed = [set.file.index];
    for (const unit of read.slice(1)) {
      placed.push(units.length);
      if (unit.relation === LATER_VOLUME_RELATION) continue;
      units.push({ ...unit, parentIndex: placed[unit.parentIndex]! });
    }
    for (const [number, part] of set.later.entries()) {
      const unit = units[part.index]!;
      units[part.index] = {
        ...unit,
        parsed: volumePartDocument(set.volume, number + 2, set.later.length + 1),
        awaitingParts: undefined,
      };
    }
    for (const part of [set.file, ...set.later]) joined.add(part.index);
  }
  return joined;
}

/**
 * The window's small files (those `parseDocument` would read in this thread) read as plain text in the parse worker,
 * a few messages per window: decoding, hashing, the near-duplicate key and the search terms were most of the writer
 * thread's JavaScript, and in the worker they run while the previous window commits. Null for a file left to `expand`:
 * every file, when the worker fails, or is still starting for the `first` window.
 */
async function prepareWindow(
  context: IngestContext,
  files: IngestFile[],
  first: boolean,
): Promise<Array<PreparedFile | null>> {
  const prepared: Array<PreparedFile | null> = files.map(() => null);
  const limits = resolveLimits(context.limits);
  const small = files.flatMap((file, index) =>
    !file.unreadable && !file.missingParts && file.bytes.length <= Math.min(IN_PROCESS_TEXT_BYTES, limits.maxBytes)
      ? [index]
      : [],
  );
  // The first window is read here (by `expand`, as a smaller window is) if the worker is still starting: nothing
  // else is to be done meanwhile. A later one waits for it, as this thread is writing the window before.
  if (small.length < PREPARED_MIN_FILES || (!parseWorkerReady(limits.maxMemoryMb) && first)) return prepared;
  const messages: number[][] = [];
  let bytes = Number.POSITIVE_INFINITY;
  for (const index of small) {
    const size = files[index]!.bytes.length;
    if (bytes + size > PREPARED_MESSAGE_BYTES) {
      messages.push([]);
      bytes = 0;
    }
    messages[messages.length - 1]!.push(index);
    bytes += size;
  }
  await Promise.all(
    messages.map(async (indices) => {
      try {
        const answers = await prepareTextsInWorker(
          indices.map((index) => ({
            bytes: files[index]!.bytes,
            fileName: files[index]!.name,
            title: files[index]!.metadata?.title,
          })),
          limits,
          { postgres: context.workspace.dialect === 'postgres' },
        );
        for (const [i, index] of indices.entries()) prepared[index] = answers[i]!;
      } catch {
        // The worker timed out, ran out of memory or crashed on this message: its files are parsed one by one, so
        // the file at fault fails alone and the others are not lost.
      }
    }),
  );
  return prepared;
}

function preparedUnit(file: IngestFile, ready: Exclude<PreparedFile, { kind: 'other' }>): PendingUnit {
  const unit = { file: file.name, bytes: file.bytes, metadata: file.metadata ?? {}, parentIndex: -1, relation: null };
  return ready.kind === 'parsed'
    ? { ...unit, parsed: ready.document, failure: null, terms: ready.terms }
    : { ...unit, parsed: null, failure: { code: ready.code, message: ready.message }, terms: null };
}

/**
 * What all the files inside one file may come to, however deeply they nest (an archive in an archive in a letter):
 * each parse keeps to its own expansion limits, so without a bound on the whole a small archive of archives of
 * archives, each level within the limits, multiplies them level by level (a recursive bomb, as 42.zip is).
 */
interface NestedBudget {
  bytes: number;
  files: number;
}

/** Files inside one file, in all: twice the entries one archive may hold. */
function maxNestedFiles(limits: ParseLimits): number {
  return limits.maxArchiveEntries * 2;
}

/**
 * Parses one file; containers (ZIP) are replaced by their entries, messages are followed by their attachments. A file
 * that begins a split archive is read with its `laterVolumes` (volumes.ts), each of which follows as a unit of its
 * own, linked to it. A first part given without the parts after it, or a set that does not reach its last part, is
 * kept unread, each part waiting for the rest (waiting-parts.ts).
 */
async function expand(
  context: IngestContext,
  name: string,
  bytes: Uint8Array,
  metadata: SourceMetadataInput,
  relation: string | null,
  depth: number,
  nested: NestedBudget,
  laterVolumes: readonly Named[] = [],
): Promise<PendingUnit[]> {
  if (depth > MAX_NESTED_DOCUMENTS) {
    const message = `documents are nested more than ${MAX_NESTED_DOCUMENTS} deep (an attachment's attachment's …)`;
    return [failedUnit(name, bytes, { code: 'DECOMPRESSION_LIMIT', message }, metadata, relation, -1)];
  }
  // A part alone that says more parts follow waits for them; one that cannot tell is read, and waits if that fails.
  const alone = laterVolumes.length === 0 ? volumeOf(name, bytes) : null;
  const aloneEnds = alone ? partEnds(alone, bytes) : null;
  if (alone && aloneEnds === false) return [waitingUnit(name, bytes, metadata, relation, -1, alone, [])];
  let parsed: ParsedDocument;
  try {
    parsed =
      laterVolumes.length > 0
        ? await parseVolumeSet(context, name, bytes, laterVolumes)
        : await parseDocument(bytes, { fileName: name, limits: context.limits });
  } catch (error) {
    if (alone && aloneEnds === null) return [waitingUnit(name, bytes, metadata, relation, -1, alone, [])];
    if (error instanceof SetNotComplete)
      return [
        waitingUnit(name, bytes, metadata, relation, -1, error.volume, []),
        ...laterVolumes.map((part) => {
          const volume = volumeOf(part.name, part.bytes)!;
          return waitingUnit(part.name, part.bytes, metadata, relation, -1, volume, []);
        }),
      ];
    const code: ErrorCode = isChronicleError(error) ? error.code : 'PARSE_FAILED';
    const failure = { code, message: describeError(error) };
    return [
      failedUnit(name, bytes, failure, metadata, relation, -1),
      ...laterVolumes.map((part) =>
        failedUnit(
          part.name,
          part.bytes,
          { code, message: `read with ${fileNameOf(name)}: ${failure.message}` },
          metadata,
          relation,
          -1,
        ),
      ),
    ];
  }
  // A container (ZIP) is kept as a source too, without text: its entries are its children, and what it holds that
  // Chronicle cannot read stays in it. What was said of it (`--publisher`, `--published-at`, an upload's fields) is
  // said of each entry, or the entries would lose it — its title only if it holds one entry, as a title names one
  // report (the CLI's rule for --title). An attachment is linked to its message, which keeps it.
  const units: PendingUnit[] = [
    { file: name, bytes, parsed, failure: null, metadata, parentIndex: -1, relation, terms: null },
  ];
  // Whatever else it says of them, who may read a letter is who may read what it holds.
  const childMetadata = !parsed.isContainer
    ? metadata.confidentiality
      ? { confidentiality: metadata.confidentiality }
      : {}
    : parsed.children.length === 1
      ? metadata
      : { ...metadata, title: undefined };
  const notRead: KeptNotRead[] = [];
  const limits = resolveLimits(context.limits);
  for (const item of gatherVolumes(parsed.children, (child) => !child.failure)) {
    if (item.kind === 'incomplete' && item.missing.length > 0) {
      const part = item.file;
      const volume = volumeOf(part.name, part.bytes)!;
      units.push(
        waitingUnit(`${name}!${part.name}`, part.bytes, childMetadata, part.relation, 0, volume, item.missing),
      );
      continue;
    }
    const child =
      item.kind === 'incomplete'
        ? { ...item.file, failure: { code: 'UNSUPPORTED_TYPE' as const, message: item.reason } }
        : item.file;
    const childVolumes =
      item.kind === 'set' ? item.later.map((part) => ({ ...part, name: `${name}!${part.name}` })) : [];
    if (child.failure) {
      units.push(
        failedUnit(
          `${name}!${child.name}`,
          child.bytes,
          keptIn(child.failure, child.relation),
          childMetadata,
          child.relation,
          0,
        ),
      );
      notRead.push({ name: child.name, reason: child.failure.message });
      continue;
    }
    nested.bytes += childVolumes.reduce((sum, part) => sum + part.bytes.length, child.bytes.length);
    nested.files += 1 + childVolumes.length;
    if (nested.bytes > limits.maxExpandedBytes || nested.files > maxNestedFiles(limits)) {
      const message = `what this file holds, archives and attachments inside each other, comes to more than ${sizeInWords(limits.maxExpandedBytes)} or ${maxNestedFiles(limits)} files in all`;
      units.push(
        failedUnit(
          `${name}!${child.name}`,
          child.bytes,
          keptIn({ code: 'DECOMPRESSION_LIMIT', message }, child.relation),
          childMetadata,
          child.relation,
          0,
        ),
      );
      notRead.push({ name: child.name, reason: message });
      continue;
    }
    const childUnits = await expand(
      context,
      `${name}!${child.name}`,
      child.bytes,
      { ...childMetadata, ...definedFields(child.metadata) },
      child.relation,
      depth + 1,
      nested,
      childVolumes,
    );
    const offset = units.length;
    for (const unit of childUnits) {
      const own = unit.parentIndex < 0;
      const failure = own && unit.failure ? keptIn(unit.failure, child.relation) : unit.failure;
      if (own && unit.failure) notRead.push({ name: unit.file.slice(name.length + 1), reason: unit.failure.message });
      units.push({
        ...unit,
        failure,
        parentIndex: own ? 0 : unit.parentIndex + offset,
        ...(own && child.growsAcrossExports ? { growsAcrossExports: true } : {}),
      });
    }
  }
  // The parts after the first are kept too, each linked to the first, which holds what was read from them all.
  const volume = laterVolumes.length > 0 ? volumeOf(name, bytes) : null;
  if (volume)
    for (const [i, part] of laterVolumes.entries())
      units.push({
        file: part.name,
        bytes: part.bytes,
        parsed: volumePartDocument(volume, i + 2, laterVolumes.length + 1),
        failure: null,
        // A title given names the archive the parts make, not each part.
        metadata: { ...metadata, title: undefined },
        parentIndex: 0,
        relation: LATER_VOLUME_RELATION,
        terms: null,
      });
  // The archive or message lists what it keeps unread, for its page (an archive's own left-outs come first).
  if (notRead.length > 0) {
    const keptAlready = Array.isArray(parsed.metadata.notRead) ? (parsed.metadata.notRead as KeptNotRead[]) : [];
    units[0] = {
      ...units[0]!,
      parsed: { ...parsed, metadata: { ...parsed.metadata, notRead: [...keptAlready, ...notRead] } },
    };
  }
  return units;
}

/**
 * A split archive read from its parts: a RAR archive's volumes by unrar, one after another; 7-Zip's parts, of any
 * file, joined end to end into the file they were cut from, which is kept as the first part's child and read as it
 * would have been whole (an archive, a PDF).
 */
async function parseVolumeSet(
  context: IngestContext,
  name: string,
  bytes: Uint8Array,
  laterVolumes: readonly Named[],
): Promise<ParsedDocument> {
  const volume = volumeOf(name, bytes);
  if (!volume) throw new ChronicleError('UNSUPPORTED_TYPE', 'the file begins no archive split into parts');
  const limits = resolveLimits(context.limits);
  const total = laterVolumes.reduce((sum, part) => sum + part.bytes.length, bytes.length);
  const parts = laterVolumes.length + 1;
  if (total > limits.maxBytes)
    throw new ChronicleError(
      'TOO_LARGE',
      `the ${parts} parts of «${volume.archiveName}» come to ${sizeInWords(total)}; the limit for one file is ${sizeInWords(limits.maxBytes)}`,
    );
  const last = laterVolumes.at(-1);
  if (last && isLastPart(volumeOf(last.name, last.bytes) ?? volume, last.bytes) === false)
    throw new SetNotComplete(volume);
  const described = { archive: volume.archiveName, part: 1, parts };
  if (volume.kind !== 'split') {
    const parsed = await parseDocument(bytes, {
      fileName: name,
      limits: context.limits,
      laterVolumes: laterVolumes.map((part) => part.bytes),
    });
    return { ...parsed, metadata: { ...parsed.metadata, volume: described } };
  }
  const joined = new Uint8Array(total);
  let at = 0;
  for (const part of [bytes, ...laterVolumes.map((later) => later.bytes)]) {
    joined.set(part, at);
    at += part.length;
  }
  if (joinedFileEnds(joined) === false) throw new SetNotComplete(volume);
  return {
    ...volumePartDocument(volume, 1, parts),
    children: [{ name: volume.archiveName, bytes: joined, relation: JOINED_RELATION }],
  };
}

/**
 * A split archive's units, or, where the archive could not be read as it is written — itself, the file its parts
 * join into, or a file in it that could not be unpacked (damaged, cut: not a password, a limit or a file that
 * unpacks and does not read) — each unit failed with the first such reason. `IngestFile.wholeOrNothing`.
 */
function wholeOrNothing(units: PendingUnit[]): PendingUnit[] {
  const damaged = units.find(
    (unit, index) =>
      unit.failure?.code === 'PARSE_FAILED' &&
      (index === 0 || unit.relation === JOINED_RELATION || unit.bytes.length === 0),
  );
  if (!damaged) return units;
  const where = damaged === units[0] ? '' : `${damaged.file.slice(units[0]!.file.length + 1)}: `;
  const failure = {
    code: 'PARSE_FAILED' as const,
    message:
      `the parts do not read as one archive (${where}${damaged.failure!.message.replace(KEPT_IN, '')}): a part ` +
      'may be of another archive named alike; if they are the right parts, add them all together to keep what can ' +
      'be read',
  };
  return units.map((unit) => ({ ...unit, parsed: null, failure, awaitingParts: undefined }));
}

/** The parts of a split archive given end before its last: they are kept, waiting for the rest. */
class SetNotComplete extends Error {
  constructor(readonly volume: VolumeName) {
    super(`«${volume.archiveName}» goes on in parts not given`);
  }
}

/**
 * Whether a part given alone is its set's last, or with a file 7-Zip cut, the whole file: a first part that says more
 * follow waits for them; null where it cannot tell.
 */
function partEnds(volume: VolumeName, bytes: Uint8Array): boolean | null {
  return isLastPart(volume, bytes) ?? (volume.kind === 'split' && volume.number === 1 ? joinedFileEnds(bytes) : null);
}

/**
 * A part of a split archive stored without the others, to wait for them (waiting-parts.ts): kept as it came, without
 * text, saying which parts it lacks. A title given names the archive the parts make, not the part.
 */
function waitingUnit(
  file: string,
  bytes: Uint8Array,
  metadata: SourceMetadataInput,
  relation: string | null,
  parentIndex: number,
  volume: VolumeName,
  missing: readonly number[],
): PendingUnit {
  const document = volumePartDocument(volume, volume.number, null);
  return {
    file,
    bytes,
    parsed: { ...document, warnings: [waitingReason(volume.archiveName, volume.number, missing)] },
    failure: null,
    metadata: { ...metadata, title: undefined },
    parentIndex,
    relation,
    terms: null,
    awaitingParts: volume,
  };
}

/**
 * A part of a split archive kept as it came, without text: a RAR volume after the first, or any part of a file 7-Zip
 * split (the first then holds the file joined as its child); `parts` null for a part waiting for the others.
 */
function volumePartDocument(volume: VolumeName, part: number, parts: number | null): ParsedDocument {
  return {
    // A RAR volume is RAR; a part of a split file or of a split ZIP is no format of its own.
    mediaType: volume.kind === 'rar' ? MEDIA_TYPES.rar : MEDIA_TYPES.unknown,
    text: '',
    title: null,
    author: null,
    publisher: null,
    publishedAt: null,
    url: null,
    language: 'other',
    needsOcr: false,
    encoding: null,
    metadata: {
      volume:
        parts === null
          ? { archive: volume.archiveName, part, waiting: true }
          : { archive: volume.archiveName, part, parts },
    },
    children: [],
    isContainer: true,
    warnings: [],
  };
}

/** What `keptIn` adds to a child's failure. */
const KEPT_IN = / \(kept in the [a-z]+, not read\)$/;

/** A child's failure, saying where its bytes are: `… (kept in the archive, not read)`, or in the message. */
function keptIn(
  failure: NonNullable<PendingUnit['failure']>,
  relation: ChildDocument['relation'],
): NonNullable<PendingUnit['failure']> {
  const container =
    relation === 'archive-entry'
      ? 'archive'
      : relation === 'attachment'
        ? 'message'
        : relation === 'part'
          ? 'document'
          : relation === JOINED_RELATION
            ? 'parts'
            : 'export';
  return { ...failure, message: `${failure.message} (kept in the ${container}, not read)` };
}

/** The fields of `metadata` that say something: a child's null date must not hide the one given for its container. */
function definedFields(metadata: ChildDocument['metadata']): SourceMetadataInput {
  return Object.fromEntries(
    Object.entries(metadata ?? {}).filter(([, value]) => value !== null && value !== undefined),
  );
}

/** A unit that failed before it could be written: a file that could not be parsed, or an archive entry not read. */
function failedUnit(
  file: string,
  bytes: Uint8Array,
  failure: NonNullable<PendingUnit['failure']>,
  metadata: SourceMetadataInput,
  relation: string | null,
  parentIndex: number,
): PendingUnit {
  return { file, bytes, parsed: null, failure, metadata, parentIndex, relation, terms: null };
}

/** A batch whose transaction was rolled back before COMMIT: nothing of it is stored, so it may be written again. */
class BatchNotWritten extends Error {}

/** Writes and commits a batch; its results once committed, or each unit failed if it could not be. Never rejects. */
async function writeBatch(
  context: IngestContext,
  units: PendingUnit[],
  options: BatchOptions,
  previous: Promise<unknown> | null,
): Promise<IngestResult[]> {
  if (units.length === 0) return [];
  try {
    try {
      return await commitBatch(context, units, options, previous, writeUnitsTogether);
    } catch (error) {
      if (!(error instanceof BatchNotWritten)) throw error;
      // Something in the batch failed (a constraint, a hook, a racing writer): the batch is written again one
      // source per savepoint, so only the source at fault fails.
      return await commitBatch(context, units, options, previous, writeUnitsOneByOne);
    }
  } catch (error) {
    const cause = error instanceof BatchNotWritten ? error.cause : error;
    // The batch never became durable: nothing in it is reported as stored.
    return units.map((unit) => ({
      file: unit.file,
      status: 'failed',
      sourceId: null,
      error: `${unit.file}: not committed: ${describeError(cause)}`,
      code: 'DATABASE',
    }));
  }
}

type BatchOptions = Pick<IngestOptions, 'beforeCommit' | 'keepReceipts'>;

type UnitsWriter = (context: IngestContext, trx: Kysely<Database>, units: PendingUnit[]) => Promise<IngestResult[]>;

/**
 * One group commit (one fsync). Throws BatchNotWritten when it was rolled back before COMMIT, anything else when
 * COMMIT itself failed (then whether it is stored is unknown, and it is not retried). Written beside the batch before
 * it, the batch waits for that one to settle (`previous`) before its audit entry and COMMIT: batches commit, and
 * are audited, in the order of the files, also when the one before has to be written again source by source.
 */
async function commitBatch(
  context: IngestContext,
  units: PendingUnit[],
  { beforeCommit, keepReceipts: keepReceiptsOf = true }: BatchOptions,
  previous: Promise<unknown> | null,
  write: UnitsWriter,
): Promise<IngestResult[]> {
  const trx = await context.workspace.db.startTransaction().execute();
  let results: IngestResult[];
  try {
    results = await write(context, trx, units);
    await previous;
    // After the batch before it has settled: a set's lock taken here is never waited for by that batch.
    await recordStoredParts(trx, storedParts(units, results));
    await auditBatch(trx, context.userId, results);
    if (keepReceiptsOf) {
      const receipts = receiptsOf(units, results);
      for (const kept of await keepReceipts(trx, receipts, context.userId)) {
        const index = receipts[kept.receipt]!.resultIndex;
        results[index] = { ...results[index]!, captureKept: true };
      }
    }
    await warnLessProtected(trx, units, results);
    await beforeCommit?.(trx, results);
  } catch (error) {
    await trx
      .rollback()
      .execute()
      .catch(() => {});
    throw new BatchNotWritten(describeError(error), { cause: error });
  }
  try {
    await trx.commit().execute();
  } catch (error) {
    await trx
      .rollback()
      .execute()
      .catch(() => {});
    throw error;
  }
  return results;
}

/**
 * The parts of split archives a batch stored to wait for their sets, and those stored before that it read with their
 * set (duplicates now: a set completed by parts given again together), for `recordStoredParts`.
 */
function storedParts(units: readonly PendingUnit[], results: readonly IngestResult[]): StoredPart[] {
  const parts: StoredPart[] = [];
  for (const [index, unit] of units.entries()) {
    const { sourceId, status } = results[index]!;
    if (!sourceId || !unit.parsed?.metadata.volume) continue;
    if (unit.awaitingParts && status === 'ingested') {
      const volume = unit.awaitingParts;
      parts.push({ sourceId, volume, last: isLastPart(volume, unit.bytes), waiting: true });
    } else if (!unit.awaitingParts && status === 'duplicate') {
      const first = unit.relation === LATER_VOLUME_RELATION ? results[unit.parentIndex]?.sourceId : null;
      const { metadata, warnings } = unit.parsed;
      parts.push({ sourceId, metadata, warnings, firstId: first ?? null, waiting: false });
    }
  }
  return parts;
}

/** The files of a batch that were stored before, as receipts of their sources (captures.ts), with their results. */
function receiptsOf(
  units: readonly PendingUnit[],
  results: readonly IngestResult[],
): Array<Receipt & { resultIndex: number }> {
  return units.flatMap((unit, index): Array<Receipt & { resultIndex: number }> => {
    const { sourceId, status } = results[index]!;
    // A chat or a mailbox exported again holds again what the export before held: that is no new receipt of each
    // message, and a folder of ten thousand letters would keep ten thousand. The new export is stored itself.
    if (status !== 'duplicate' || !sourceId || unit.relation === 'message') return [];
    const { title, publisher, author, url, publishedAt } = unit.metadata;
    return [
      {
        sourceId,
        parentId: unit.parentIndex >= 0 ? (results[unit.parentIndex]?.sourceId ?? null) : null,
        relation: unit.relation,
        fileName: unit.file,
        given: { title, publisher, author, url, published_at: publishedAt },
        resultIndex: index,
      },
    ];
  });
}

/**
 * Warns of each file stored before less confidential than it is given now (internal, given as restricted): the same
 * bytes are one source, whose confidentiality a receipt does not change — a hidden change of who may read a source the
 * team works on — so the person who meant it to be protected is told to restrict the source itself.
 */
async function warnLessProtected(
  trx: Kysely<Database>,
  units: readonly PendingUnit[],
  results: IngestResult[],
): Promise<void> {
  const asked = results.flatMap((result, index) =>
    result.status === 'duplicate' && result.sourceId && units[index]!.metadata.confidentiality
      ? [{ index, sourceId: result.sourceId, level: units[index]!.metadata.confidentiality! }]
      : [],
  );
  if (asked.length === 0) return;
  const stored = new Map(
    (
      await trx
        .selectFrom('sources')
        .select(['id', 'confidentiality'])
        .where(
          'id',
          'in',
          asked.map((a) => a.sourceId),
        )
        .execute()
    ).map((row) => [row.id, row.confidentiality]),
  );
  for (const { index, sourceId, level } of asked) {
    const now = stored.get(sourceId);
    if (now === undefined || !isMoreConfidential(level, now)) continue;
    const warning = `stored before as ${now}, which it stays though it was given as ${level}: make the source itself ${level} to protect it`;
    results[index] = { ...results[index]!, warnings: [...(results[index]!.warnings ?? []), warning] };
  }
}

/**
 * Names a program or an installation puts in a file's author field when nobody typed one: a report by «Un-named» or
 * «Пользователь» names no one, and as the source's author it would be listed, searched and exported as a person.
 */
const PLACEHOLDER_AUTHORS = new Set([
  'un-named',
  'unnamed',
  'author',
  'user',
  'admin',
  'administrator',
  'owner',
  'unknown',
  'windows user',
  'microsoft office user',
  'python-docx',
  'автор',
  'пользователь',
  'администратор',
  'владелец',
  'неизвестный',
]);

/** A file's own author, unless it is a placeholder: `namedAuthor('Un-named')` → null; `namedAuthor('Анна К.')` → it. */
function namedAuthor(author: string | null | undefined): string | null {
  if (!author) return null;
  return PLACEHOLDER_AUTHORS.has(author.trim().toLocaleLowerCase('ru')) ? null : author;
}

function failedResult(unit: PendingUnit): IngestResult {
  const { code, message } = unit.failure!;
  return { file: unit.file, status: 'failed', sourceId: null, error: `${unit.file}: ${message}`, code };
}

/** A duplicate says nothing more: its warnings were given when it was stored. */
function duplicateResult(unit: PendingUnit, sourceId: string): IngestResult {
  return { file: unit.file, status: 'duplicate', sourceId, error: null, mediaType: unit.parsed!.mediaType };
}

function withWarnings(result: IngestResult, warnings: string[]): IngestResult {
  return warnings.length > 0 ? { ...result, warnings } : result;
}

/** Each source in its own savepoint: the slow, exact path, used when the batch as a whole could not be written. */
async function writeUnitsOneByOne(
  context: IngestContext,
  trx: Kysely<Database>,
  units: PendingUnit[],
): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  const ids: Array<string | null> = [];
  for (const unit of units) {
    if (!unit.parsed) {
      ids.push(null);
      results.push(failedResult(unit));
      continue;
    }
    const parentId = unit.parentIndex >= 0 ? (ids[unit.parentIndex] ?? null) : null;
    await sql`SAVEPOINT chronicle_source`.execute(trx);
    try {
      const result = await writeSource(context, trx, unit, parentId);
      await sql`RELEASE SAVEPOINT chronicle_source`.execute(trx);
      ids.push(result.sourceId);
      results.push(result);
    } catch (error) {
      await sql`ROLLBACK TO SAVEPOINT chronicle_source`.execute(trx);
      await sql`RELEASE SAVEPOINT chronicle_source`.execute(trx);
      const duplicate = await findSourceBySha(trx, sha256Hex(unit.bytes));
      if (duplicate) {
        // Another writer stored the same bytes between our check and our insert.
        ids.push(duplicate);
        results.push(duplicateResult(unit, duplicate));
      } else {
        ids.push(null);
        const code: ErrorCode = isChronicleError(error) ? error.code : 'DATABASE';
        results.push({
          file: unit.file,
          status: 'failed',
          sourceId: null,
          error: `${unit.file}: ${describeError(error)}`,
          code,
        });
      }
    }
  }
  return results;
}

/**
 * The whole batch with a few multi-row statements and no savepoints: one look-up for exact and one for near
 * duplicates, one INSERT per table. A savepoint per source also made FTS5 flush its pending terms into a new
 * segment per source; without them the index is flushed once, at COMMIT. Any error throws, and the caller rolls
 * the batch back and writes it again with `writeUnitsOneByOne`, so each source stays atomic either way.
 */
async function writeUnitsTogether(
  context: IngestContext,
  trx: Kysely<Database>,
  units: PendingUnit[],
): Promise<IngestResult[]> {
  const keys = units.map(contentKeys);
  const hashes = keys.map((k) => k?.sha256 ?? '');
  const textKeys = keys.map((k) => k?.textKey ?? null);
  const existing = await sourcesBySha(
    trx,
    hashes.filter((h) => h !== ''),
  );
  const nearest = await earliestSourcesByTextKey(
    trx,
    textKeys.filter((k): k is string => k !== null),
  );
  const results: IngestResult[] = [];
  const ids: Array<string | null> = [];
  const written: Array<{ unit: PendingUnit; row: SourceRow }> = [];
  const growing: CopyOfPart[] = [];
  for (const [index, unit] of units.entries()) {
    if (!unit.parsed) {
      ids.push(null);
      results.push(failedResult(unit));
      continue;
    }
    const sha256 = hashes[index]!;
    const known = existing.get(sha256);
    if (known) {
      ids.push(known);
      results.push(duplicateResult(unit, known));
      continue;
    }
    const parentId = unit.parentIndex >= 0 ? (ids[unit.parentIndex] ?? null) : null;
    const textKey = textKeys[index] ?? null;
    const near =
      (textKey ? (nearest.get(textKey) ?? null) : null) ??
      (unit.growsAcrossExports ? await linkToOtherCopy(trx, unit, growing) : null);
    const row = sourceRow(context, unit, sha256, parentId, textKey, near);
    // Later copies in this batch find this one, as they would in the database.
    existing.set(sha256, row.id);
    if (textKey && !nearest.has(textKey)) nearest.set(textKey, near ?? row.id);
    if (unit.growsAcrossExports) growing.push(copyOfPart(row, unit.parsed.text));
    ids.push(row.id);
    written.push({ unit, row });
    results.push(ingestedResult(unit, row));
  }
  if (written.length === 0) return results;
  await putBlobs(
    trx,
    written.map(({ row, unit }) => ({ sha256: row.sha256, bytes: unit.bytes })),
    context.cipher,
  );
  const rows = written.map(({ row }) => row);
  await insertRows(trx, 'sources', rows);
  const texts = written.map(({ unit, row }) => sourceTextRow(row.id, unit.parsed!.text, row.captured_at));
  await insertRows(trx, 'source_texts', texts);
  // Hooks before the index: on SQLite every later statement that opens a statement savepoint flushes FTS5.
  if (context.afterSourceWritten) {
    for (const { unit, row } of written) await context.afterSourceWritten(trx, writtenSource(unit, row));
  }
  await indexSources(
    trx,
    context.workspace.dialect,
    written.map(({ unit, row }) => ({
      sourceId: row.id,
      title: row.title,
      text: unit.parsed!.text,
      language: row.language,
      ...(unit.terms?.ftsBody === undefined ? {} : { ftsBody: unit.terms.ftsBody }),
      ...(unit.terms?.indexVectors ? { indexVectors: unit.terms.indexVectors } : {}),
    })),
  );
  return results;
}

/**
 * One audit entry per committed batch, listing every source it stored: the same record of who stored what and
 * when as an entry per source, at a fraction of the cost (each entry extends the hash chain and its anchor).
 */
async function auditBatch(trx: Kysely<Database>, userId: string | null, results: IngestResult[]): Promise<void> {
  const stored = results.filter((r) => r.status === 'ingested');
  if (stored.length === 0) return;
  await appendAudit(trx, {
    userId,
    action: 'source.ingest',
    target: stored.length === 1 ? `sources/${stored[0]!.sourceId}` : 'sources',
    after: stored.map((r) => ({
      sourceId: r.sourceId,
      sha256: r.sha256,
      file: r.file,
      mediaType: r.mediaType,
      byteSize: r.byteSize,
      nearDuplicateOf: r.nearDuplicateOf ?? null,
    })),
  });
}

async function findSourceBySha(db: Kysely<Database>, sha256: string): Promise<string | null> {
  const row = await db.selectFrom('sources').select('id').where('sha256', '=', sha256).executeTakeFirst();
  return row?.id ?? null;
}

/** Which of these originals are stored already: sha256 → source id. */
async function sourcesBySha(db: Kysely<Database>, hashes: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of parameterChunks([...new Set(hashes)], 1)) {
    const rows = await db.selectFrom('sources').select(['id', 'sha256']).where('sha256', 'in', chunk).execute();
    for (const row of rows) found.set(row.sha256, row.id);
  }
  return found;
}

/**
 * The source a text is a near-duplicate of: the root of the earliest stored, not deleted source with its
 * near-duplicate key (`nearDuplicateKey`), other than `exceptId`; null when there is none.
 */
export async function earliestSourceWithTextKey(
  db: Kysely<Database>,
  textKey: string,
  exceptId?: string,
): Promise<string | null> {
  let query = db
    .selectFrom('sources')
    .select(['id', 'near_duplicate_of'])
    .where('text_sha256', '=', textKey)
    .where('deleted_at', 'is', null);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const row = await query.orderBy('captured_at').orderBy('id').limit(1).executeTakeFirst();
  if (!row) return null;
  const root = row.near_duplicate_of ?? row.id;
  // That source was linked to this one by its wording: it is this one's near-duplicate already.
  return root === exceptId ? null : root;
}

/** For each near-duplicate key, the root of the earliest stored, not deleted source with that text: key → id. */
async function earliestSourcesByTextKey(db: Kysely<Database>, keys: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of parameterChunks([...new Set(keys)], 1)) {
    // The first by capture time and id per key, as `writeSource` picks it, without sending every copy over; its
    // root, when that first was linked to another source since (a day grown across exports, a text worded alike).
    const rows = await sql<{ id: string; text_sha256: string }>`SELECT id, text_sha256 FROM (
        SELECT COALESCE(near_duplicate_of, id) AS id, text_sha256,
          row_number() OVER (PARTITION BY text_sha256 ORDER BY captured_at, sources.id) AS n
        FROM sources WHERE deleted_at IS NULL AND text_sha256 IN (${sql.join(chunk)})
      ) AS ranked WHERE n = 1`.execute(db);
    for (const row of rows.rows) found.set(row.text_sha256, row.id);
  }
  return found;
}

/** A stored part that may grow across exports (a chat's day), as `linkToOtherCopy` compares it. */
interface CopyOfPart {
  id: string;
  root: string;
  title: string | null;
  publishedAt: string | null;
  text: string;
}

function copyOfPart(row: SourceRow, text: string): CopyOfPart {
  return {
    id: row.id,
    root: row.near_duplicate_of ?? row.id,
    title: row.title,
    publishedAt: row.published_at,
    text,
  };
}

/** One text is the other's first lines: the same part of a container, exported when it held less. */
function beginsWithWholeLines(longer: string, shorter: string): boolean {
  return (
    shorter.length > 0 &&
    longer.length > shorter.length &&
    longer.startsWith(shorter) &&
    (shorter.endsWith('\n') || longer[shorter.length] === '\n')
  );
}

/**
 * For a part that grows across exports (a chat's day), the near-duplicate root of another copy of it: a source
 * with its title and date, stored before or earlier in this batch (`inBatch`), whose text begins this one's or is
 * begun by it. The unit's warnings say which copy it was linked to. Null when there is none.
 */
async function linkToOtherCopy(
  db: Kysely<Database>,
  unit: PendingUnit,
  inBatch: readonly CopyOfPart[],
): Promise<string | null> {
  const parsed = unit.parsed!;
  const title = sourceTitle(unit.metadata.title, parsed);
  const publishedAt = unit.metadata.publishedAt ?? parsed.publishedAt ?? null;
  if (title === null || publishedAt === null) return null;
  const stored = await db
    .selectFrom('sources')
    .innerJoin('source_texts', 'source_texts.source_id', 'sources.id')
    .select(['sources.id as id', 'sources.near_duplicate_of as nearDuplicateOf', 'source_texts.text as text'])
    .where('sources.published_at', '=', publishedAt)
    .where('sources.title', '=', title)
    .where('sources.relation', '=', 'message')
    .where('sources.deleted_at', 'is', null)
    .orderBy('sources.captured_at')
    .orderBy('sources.id')
    .execute();
  const candidates = [
    ...stored.map((s) => ({ id: s.id, root: s.nearDuplicateOf ?? s.id, text: s.text })),
    ...inBatch.filter((c) => c.title === title && c.publishedAt === publishedAt),
  ];
  const copy = candidates.find(
    (c) => beginsWithWholeLines(parsed.text, c.text) || beginsWithWholeLines(c.text, parsed.text),
  );
  if (!copy) return null;
  const held = copy.text.length < parsed.text.length ? 'less' : 'more';
  const warning = `another export held ${held} of it, stored as ${copy.id}: the two are linked as near-duplicates and count as one source`;
  // A batch written again one source at a time comes here twice.
  if (!parsed.warnings.includes(warning)) parsed.warnings.push(warning);
  return copy.root;
}

async function writeSource(
  context: IngestContext,
  trx: Kysely<Database>,
  unit: PendingUnit,
  parentId: string | null,
): Promise<IngestResult> {
  const parsed = unit.parsed!;
  const sha256 = sha256Hex(unit.bytes);
  const existing = await findSourceBySha(trx, sha256);
  if (existing) return duplicateResult(unit, existing);

  await putBlob(trx, unit.bytes, context.cipher);
  const textKey = nearDuplicateKey(parsed.text);
  const near =
    (textKey ? await earliestSourceWithTextKey(trx, textKey) : null) ??
    (unit.growsAcrossExports ? await linkToOtherCopy(trx, unit, []) : null);
  const row = sourceRow(context, unit, sha256, parentId, textKey, near);
  await trx.insertInto('sources').values(row).execute();
  await trx
    .insertInto('source_texts')
    .values(sourceTextRow(row.id, parsed.text, row.captured_at))
    .execute();
  await indexSource(trx, context.workspace.dialect, {
    sourceId: row.id,
    title: row.title,
    text: parsed.text,
    language: row.language,
  });
  await context.afterSourceWritten?.(trx, writtenSource(unit, row));
  return ingestedResult(unit, row);
}

type SourceRow = Insertable<SourcesTable> & {
  id: string;
  sha256: string;
  title: string | null;
  language: string | null;
  published_at: string | null;
  captured_at: string;
  near_duplicate_of: string | null;
};

function sourceRow(
  context: IngestContext,
  unit: PendingUnit,
  sha256: string,
  parentId: string | null,
  textKey: string | null,
  nearDuplicateOf: string | null,
): SourceRow {
  const parsed = unit.parsed!;
  const meta = unit.metadata;
  return {
    id: newId(),
    sha256,
    media_type: parsed.mediaType,
    byte_size: unit.bytes.byteLength,
    // A name or a field given with the file (an archive entry's name, a form field) may hold a NUL too.
    file_name: storedFileName(unit.file),
    title: nullableWithoutNul(sourceTitle(meta.title, parsed)),
    publisher: nullableWithoutNul(meta.publisher ?? parsed.publisher ?? null),
    author: nullableWithoutNul(meta.author ?? namedAuthor(parsed.author) ?? null),
    url: meta.url ?? parsed.url ?? null,
    language: parsed.language,
    published_at: meta.publishedAt ?? parsed.publishedAt ?? null,
    captured_at: new Date().toISOString(),
    reliability: null,
    confidentiality: meta.confidentiality ?? 'internal',
    ingested_by: context.userId,
    parent_id: parentId,
    relation: parentId ? unit.relation : null,
    text_sha256: textKey,
    near_duplicate_of: nearDuplicateOf,
    needs_ocr: parsed.needsOcr ? 1 : 0,
    metadata: JSON.stringify({ ...parsed.metadata, encoding: parsed.encoding, warnings: parsed.warnings }),
    deleted_at: null,
  };
}

function nullableWithoutNul(value: string | null): string | null {
  return value === null ? null : withoutNul(value);
}

function sourceTextRow(sourceId: string, text: string, createdAt: string): Insertable<SourceTextsTable> {
  return {
    source_id: sourceId,
    text,
    extractor: TEXT_EXTRACTOR,
    extractor_version: TEXT_EXTRACTOR_VERSION,
    created_at: createdAt,
  };
}

function writtenSource(unit: PendingUnit, row: SourceRow): WrittenSource {
  return {
    id: row.id,
    name: unit.file,
    text: unit.parsed!.text,
    language: row.language,
    publishedAt: row.published_at,
    mediaType: row.media_type,
    needsOcr: row.needs_ocr === 1,
  };
}

function ingestedResult(unit: PendingUnit, row: SourceRow): IngestResult {
  return withWarnings(
    {
      file: unit.file,
      status: 'ingested',
      sourceId: row.id,
      error: null,
      sha256: row.sha256,
      byteSize: unit.bytes.byteLength,
      nearDuplicateOf: row.near_duplicate_of,
      mediaType: unit.parsed!.mediaType,
      language: row.language,
      needsOcr: unit.parsed!.needsOcr,
    },
    unit.parsed!.warnings,
  );
}
