/**
 * Runs src/extract's `extract` in a worker thread, so that a long report (about 7 µs a character: three seconds for
 * 400,000) leaves the server's event loop free to answer requests and the job worker's heartbeat free to renew its
 * lease. One worker is kept warm between extractions (starting one and loading the extractor's dictionaries costs
 * about half a second) and dropped after a minute idle; calls made meanwhile wait their turn. A worker that ran past
 * the time limit, out of memory or crashed is terminated and never reused, as the parsers' pool does
 * (src/sources/worker-pool.ts).
 */

import type { Worker } from 'node:worker_threads';
import type { Extraction, ExtractOptions } from '../extract/index.js';
import { ChronicleError } from '../shared/errors.js';
import { moduleBeside, startWorker, workerSetting } from '../shared/worker-thread.js';

export interface ExtractionRequest {
  id: number;
  text: string;
  options: ExtractOptions;
}
export type ExtractionReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; extraction: Extraction }
  | { type: 'error'; id: number; message: string };

export interface ExtractionThreadOptions {
  /** How long one extraction may take: CHRONICLE_EXTRACT_TIMEOUT seconds, else 120 s. */
  timeoutMs?: number;
  /** The worker's V8 heap limit: CHRONICLE_EXTRACT_MEMORY_MB, else 1024 (a 1,000,000-character text needs 128). */
  maxMemoryMb?: number;
  /** How long the warm worker is kept without work. */
  idleMs?: number;
  /** The worker's module; by default extraction-worker.ts beside this file (.js in the build). */
  entry?: URL;
}

export interface ExtractionThread {
  /**
   * `extract(text, options)` run in the worker, with the same result: `await thread.extract('Сегодня в Уфе
   * задержали Рамиля Хайруллина.', { language: 'auto' })` → `{ language: 'ru', persons: [{ name: 'Рамиль
   * Хайруллин', … }], … }`. Rejects with EXTRACT_TIMEOUT past the time limit, INTERNAL when the worker crashed or
   * the extractor threw; either is retried by the job queue.
   */
  extract(text: string, options: ExtractOptions): Promise<Extraction>;
  /** Terminates the worker; extractions under way or waiting fail, later ones are refused. */
  close(): Promise<void>;
}

interface Job {
  request: ExtractionRequest;
  resolve: (extraction: Extraction) => void;
  reject: (error: ChronicleError) => void;
}
interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
  dead: boolean;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MEMORY_MB = 1024;
const IDLE_MS = 60_000;
/** A worker that cannot even load the extractor in this time (an overloaded machine) fails the extraction. */
const STARTUP_MS = 120_000;

/** A thread for extractions, its worker started at the first call. `createExtractionThread({ timeoutMs: 5000 })`. */
export function createExtractionThread(options: ExtractionThreadOptions = {}): ExtractionThread {
  const timeoutMs =
    options.timeoutMs ??
    workerSetting(process.env.CHRONICLE_EXTRACT_TIMEOUT, 1, 86_400, DEFAULT_TIMEOUT_MS / 1000) * 1000;
  const memoryMb =
    options.maxMemoryMb ?? workerSetting(process.env.CHRONICLE_EXTRACT_MEMORY_MB, 64, 65_536, DEFAULT_MEMORY_MB);
  const idleMs = options.idleMs ?? IDLE_MS;
  const entry = options.entry ?? moduleBeside(import.meta.url, 'extraction-worker');
  const queue: Job[] = [];
  let slot: Slot | null = null;
  let closed = false;
  let nextId = 1;

  function pump(): void {
    if (closed || queue.length === 0 || slot?.job) return;
    const current = slot ?? spawn();
    const job = queue.shift()!;
    current.job = job;
    if (current.idleTimer) clearTimeout(current.idleTimer);
    current.idleTimer = null;
    current.worker.ref();
    if (current.ready) send(current);
    else
      current.timer = setTimeout(
        () =>
          void kill(current, new ChronicleError('INTERNAL', `the extractor did not start in ${seconds(STARTUP_MS)}`)),
        STARTUP_MS,
      );
  }

  function send(current: Slot): void {
    const job = current.job;
    if (!job) return;
    if (current.timer) clearTimeout(current.timer);
    current.timer = setTimeout(() => {
      const length = job.request.text.length.toLocaleString('en');
      const reason = `extraction took longer than ${seconds(timeoutMs)} (a text of ${length} characters)`;
      void kill(current, new ChronicleError('EXTRACT_TIMEOUT', reason));
    }, timeoutMs);
    current.worker.postMessage(job.request);
  }

  function spawn(): Slot {
    const worker = startWorker(entry, memoryMb);
    const current: Slot = { worker, ready: false, job: null, timer: null, idleTimer: null, dead: false };
    slot = current;
    worker.on('message', (reply: ExtractionReply) => onReply(current, reply));
    worker.on('error', (error: Error & { code?: string }) => {
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `the extractor ran out of memory (limit ${memoryMb} MB)`
          : `the extractor crashed (${(error.message ?? String(error)).split('\n')[0]})`;
      void kill(current, new ChronicleError('INTERNAL', reason, { cause: error }));
    });
    worker.on('exit', (code) => {
      void kill(current, new ChronicleError('INTERNAL', `the extractor stopped unexpectedly (exit code ${code})`));
    });
    return current;
  }

  function onReply(current: Slot, reply: ExtractionReply): void {
    if (reply.type === 'ready') {
      current.ready = true;
      if (current.job) send(current);
      else idle(current);
      return;
    }
    const job = current.job;
    if (!job || job.request.id !== reply.id) return;
    if (current.timer) clearTimeout(current.timer);
    current.timer = null;
    current.job = null;
    if (reply.type === 'error') job.reject(new ChronicleError('INTERNAL', `the extractor failed: ${reply.message}`));
    else job.resolve(reply.extraction);
    idle(current);
    pump();
  }

  /** A worker without work neither keeps the process alive nor outlives `idleMs`. */
  function idle(current: Slot): void {
    current.worker.unref();
    if (current.idleTimer) clearTimeout(current.idleTimer);
    current.idleTimer = setTimeout(() => void kill(current, null), idleMs);
    current.idleTimer.unref();
  }

  /** Ends a worker for good; its extraction, if any, fails with `error`. Idempotent. */
  async function kill(current: Slot, error: ChronicleError | null): Promise<void> {
    const job = current.job;
    current.job = null;
    if (current.timer) clearTimeout(current.timer);
    if (current.idleTimer) clearTimeout(current.idleTimer);
    current.timer = null;
    current.idleTimer = null;
    if (job) job.reject(error ?? new ChronicleError('INTERNAL', 'the extractor stopped'));
    if (slot === current) slot = null;
    const terminated = current.dead ? Promise.resolve() : current.worker.terminate().then(() => undefined);
    current.dead = true;
    pump();
    await terminated.catch(() => undefined);
  }

  return {
    extract(text, extractOptions) {
      if (closed) return Promise.reject(new ChronicleError('INTERNAL', 'the extraction thread was closed'));
      return new Promise((resolve, reject) => {
        queue.push({ request: { id: nextId++, text, options: extractOptions }, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      const shutDown = new ChronicleError('INTERNAL', 'the extraction thread was closed');
      for (const job of queue.splice(0)) job.reject(shutDown);
      if (slot) await kill(slot, shutDown);
    },
  };
}

/** `seconds(200)` → `200 ms`, `seconds(120_000)` → `120 s`. */
function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}
