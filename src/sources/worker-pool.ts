/**
 * Runs parses in worker threads with V8 heap limits, a timeout per parse, and termination when either is hit. A few
 * workers are kept warm between parses (starting one costs 50–500 ms, more under tsx) and are dropped after a while
 * idle; a worker that timed out, ran out of memory or crashed is never reused.
 */

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ChronicleError, type ErrorCode } from '../shared/errors.js';
import { moduleBeside, startWorker, workerSetting } from '../shared/worker-thread.js';
import type { ParsedDocument, ParseLimits } from './parse-types.js';
import type { PictureRequest } from './pictures.js';
import type { PreparedFile, TextFile } from './prepared-text.js';

/**
 * One file to parse, a window of small files to read as plain text where they are (`prepareTexts`), or a picture to
 * turn into one that OCR reads or a browser shows (pictures.ts).
 */
export type WorkerRequest =
  | {
      kind: 'parse';
      id: number;
      bytes: Uint8Array;
      fileName?: string;
      limits: ParseLimits;
      laterVolumes?: Uint8Array[];
    }
  | { kind: 'picture'; id: number; bytes: Uint8Array; picture: PictureRequest; limits: ParseLimits }
  | {
      kind: 'prepare-texts';
      id: number;
      files: TextFile[];
      limits: ParseLimits;
      options: { postgres: boolean };
    };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; document: ParsedDocument }
  | { type: 'prepared'; id: number; files: PreparedFile[] }
  | { type: 'image'; id: number; image: Uint8Array }
  | { type: 'error'; id: number; code: ErrorCode; message: string };

interface Job {
  request: WorkerRequest;
  resolve: (reply: Extract<WorkerReply, { type: 'result' | 'prepared' | 'image' }>) => void;
  reject: (error: ChronicleError) => void;
}
interface Slot {
  worker: Worker;
  memoryMb: number;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
  dead: boolean;
}

/**
 * Parses at once: one core is left to the server and database (so one worker on a two-core machine);
 * CHRONICLE_PARSE_WORKERS overrides it.
 */
const MAX_WORKERS = workerCount(process.env.CHRONICLE_PARSE_WORKERS);

function workerCount(setting: string | undefined): number {
  return workerSetting(setting, 1, 64, Math.max(1, Math.min(4, availableParallelism() - 1)));
}
const IDLE_MS = 20_000;
/** A worker that cannot even start in this time (overloaded machine) fails the parse rather than hanging it. */
const STARTUP_MS = 60_000;
const PARSE_ERROR_CODES = new Set<ErrorCode>([
  // A page past a TIFF's last, asked of a picture.
  'NOT_FOUND',
  // A file with nothing to store (only blank space, an archive without files), as in this thread.
  'VALIDATION',
  'TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'PARSE_FAILED',
  'PARSE_TIMEOUT',
  'DECOMPRESSION_LIMIT',
]);

const slots: Slot[] = [];
const queue: Job[] = [];
let nextId = 1;

export async function runInWorker(
  bytes: Uint8Array,
  options: { fileName?: string; limits: ParseLimits; laterVolumes?: readonly Uint8Array[] },
): Promise<ParsedDocument> {
  // A private copy is transferred, so the caller's buffer is neither detached nor shared.
  const request: WorkerRequest = { kind: 'parse', id: nextId++, bytes: new Uint8Array(bytes), limits: options.limits };
  if (options.fileName !== undefined) request.fileName = options.fileName;
  if (options.laterVolumes?.length) request.laterVolumes = options.laterVolumes.map((volume) => new Uint8Array(volume));
  const reply = await enqueue(request);
  if (reply.type !== 'result') throw new ChronicleError('PARSE_FAILED', 'parser answered with something else');
  return reply.document;
}

/**
 * Reads small files as plain text in a worker, all in one message: each comes back parsed with its hashes and index
 * terms (`prepareTexts`, with its `options`), or failed, or as not plain text (for the caller to parse as usual).
 * The time limit is for the whole window.
 */
export async function prepareTextsInWorker(
  files: readonly TextFile[],
  limits: ParseLimits,
  options: { postgres: boolean },
): Promise<PreparedFile[]> {
  // The copies moved to the worker share one buffer: a buffer of its own per file cost an allocation outside V8's
  // heap each, on the thread that waits on the database.
  const packed = packedCopies(files.map((file) => file.bytes));
  const copies = files.map((file, i) => ({ ...file, bytes: packed[i]! }));
  const reply = await enqueue({ kind: 'prepare-texts', id: nextId++, files: copies, limits, options });
  if (reply.type !== 'prepared' || reply.files.length !== files.length)
    throw new ChronicleError('PARSE_FAILED', 'parser answered with something else');
  return reply.files;
}

/**
 * A picture converted in a worker under `limits` (its time and heap): a HEIC photo to grayscale PGM for Tesseract,
 * which does not read HEIC, or a HEIC photo or a TIFF's page to a JPEG for a browser, which shows neither.
 * `await pictureInWorker(photo, { mediaType: 'image/heic', output: 'pgm' }, limits)` → `P5\n4032 3024\n255\n…`.
 */
export async function pictureInWorker(
  bytes: Uint8Array,
  picture: PictureRequest,
  limits: ParseLimits,
): Promise<Uint8Array> {
  const reply = await enqueue({ kind: 'picture', id: nextId++, bytes: new Uint8Array(bytes), picture, limits });
  if (reply.type !== 'image') throw new ChronicleError('PARSE_FAILED', 'the decoder answered with something else');
  return reply.image;
}

/**
 * Copies of `arrays` side by side in one new buffer, which a message then moves whole: one allocation outside V8's
 * heap instead of one each. `packedCopies([a, b])` → `[copy of a, copy of b]`, views of the same buffer.
 */
export function packedCopies(arrays: readonly Uint8Array[]): Uint8Array[] {
  const packed = new Uint8Array(arrays.reduce((total, bytes) => total + bytes.byteLength, 0));
  let offset = 0;
  return arrays.map((bytes) => {
    const view = packed.subarray(offset, offset + bytes.byteLength);
    view.set(bytes);
    offset += bytes.byteLength;
    return view;
  });
}

/**
 * Whether a worker with this heap limit is ready to take a request now. When none is, one is started (if the pool has
 * room) to be ready by the next call: ingestion reads its first window in its own thread meanwhile instead of
 * waiting for the start (160 ms from the build, about half a second under tsx), which every ingestion had waited for.
 */
export function parseWorkerReady(memoryMb: number): boolean {
  const mine = slots.filter((slot) => !slot.dead && slot.memoryMb === memoryMb);
  if (mine.some((slot) => slot.ready)) return true;
  if (mine.length === 0 && slots.length < MAX_WORKERS) idleUntilUsed(spawn(memoryMb));
  return false;
}

function enqueue(request: WorkerRequest): Promise<Extract<WorkerReply, { type: 'result' | 'prepared' | 'image' }>> {
  return new Promise((resolve, reject) => {
    queue.push({ request, resolve, reject });
    pump();
  });
}

/** Stops every worker (tests and shutdown); pending parses fail with PARSE_FAILED. */
export async function closeParseWorkers(): Promise<void> {
  const all = slots.splice(0);
  await Promise.all(all.map((slot) => kill(slot, new ChronicleError('PARSE_FAILED', 'parser was shut down'))));
}

function pump(): void {
  while (queue.length > 0) {
    const job = queue[0]!;
    const memoryMb = job.request.limits.maxMemoryMb;
    let slot = slots.find((s) => !s.job && !s.dead && s.memoryMb === memoryMb);
    if (!slot && slots.length >= MAX_WORKERS) {
      // Full: recycle an idle worker with other limits, or wait for a busy one to finish.
      const idle = slots.find((s) => !s.job && !s.dead);
      if (!idle) return;
      void kill(idle, null);
    }
    slot ??= spawn(memoryMb);
    queue.shift();
    assign(slot, job);
  }
}

function assign(slot: Slot, job: Job): void {
  slot.job = job;
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  slot.idleTimer = null;
  slot.worker.ref();
  if (slot.ready) send(slot);
  else {
    slot.timer = setTimeout(() => {
      void kill(slot, new ChronicleError('PARSE_FAILED', 'parser worker did not start in time'));
    }, STARTUP_MS);
  }
}

function send(slot: Slot): void {
  const job = slot.job;
  if (!job) return;
  if (slot.timer) clearTimeout(slot.timer);
  slot.timer = setTimeout(() => {
    void kill(
      slot,
      new ChronicleError('PARSE_TIMEOUT', `parsing took longer than ${duration(job.request.limits.timeoutMs)}`),
    );
  }, job.request.limits.timeoutMs);
  const request = job.request;
  const buffers =
    request.kind === 'prepare-texts'
      ? request.files.map((file) => file.bytes.buffer)
      : [request.bytes.buffer, ...(request.kind === 'parse' ? (request.laterVolumes ?? []) : []).map((v) => v.buffer)];
  slot.worker.postMessage(request, [...new Set(buffers)] as ArrayBuffer[]);
}

function spawn(memoryMb: number): Slot {
  const worker = createWorker(memoryMb);
  const slot: Slot = { worker, memoryMb, ready: false, job: null, timer: null, idleTimer: null, dead: false };
  slots.push(slot);
  worker.on('message', (reply: WorkerReply) => onReply(slot, reply));
  worker.on('error', (error: Error & { code?: string }) => {
    const reason =
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `parser ran out of memory (limit ${slot.memoryMb} MB)`
        : `parser crashed (${(error.message ?? String(error)).split('\n')[0]})`;
    void kill(slot, new ChronicleError('PARSE_FAILED', reason, { cause: error }));
  });
  worker.on('exit', (code) => {
    void kill(slot, new ChronicleError('PARSE_FAILED', `parser stopped unexpectedly (exit code ${code})`));
  });
  return slot;
}

function onReply(slot: Slot, reply: WorkerReply): void {
  if (reply.type === 'ready') {
    slot.ready = true;
    if (slot.job) send(slot);
    else idleUntilUsed(slot);
    return;
  }
  const job = slot.job;
  if (!job || job.request.id !== reply.id) return;
  if (slot.timer) clearTimeout(slot.timer);
  slot.timer = null;
  slot.job = null;
  if (reply.type === 'error')
    job.reject(new ChronicleError(PARSE_ERROR_CODES.has(reply.code) ? reply.code : 'PARSE_FAILED', reply.message));
  else job.resolve(reply);
  idleUntilUsed(slot);
  pump();
}

/** A worker without a job neither keeps the process alive nor outlives IDLE_MS. */
function idleUntilUsed(slot: Slot): void {
  slot.worker.unref();
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  slot.idleTimer = setTimeout(() => void kill(slot, null), IDLE_MS);
  slot.idleTimer.unref();
}

/** Ends a worker; its pending parse, if any, fails with `error`. Idempotent. */
async function kill(slot: Slot, error: ChronicleError | null): Promise<void> {
  const job = slot.job;
  slot.job = null;
  if (slot.timer) clearTimeout(slot.timer);
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  slot.timer = null;
  slot.idleTimer = null;
  if (job) job.reject(error ?? new ChronicleError('PARSE_FAILED', 'parser worker stopped'));
  const index = slots.indexOf(slot);
  if (index >= 0) slots.splice(index, 1);
  if (!slot.dead) {
    slot.dead = true;
    await slot.worker.terminate().catch(() => undefined);
  }
  pump();
}

/** parse-worker.ts under vitest and tsx, parse-worker.js in the build (../shared/worker-thread.ts). */
function createWorker(memoryMb: number): Worker {
  return startWorker(moduleBeside(import.meta.url, 'parse-worker'), memoryMb);
}

function duration(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`;
}
