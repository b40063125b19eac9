import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CompiledQuery, Kysely } from 'kysely';
import { ChronicleError } from '../shared/errors.js';
import type { Database } from './schema.js';

/**
 * Read-only connections to an SQLite workspace, each in its own worker thread, for reads that would hold the server's
 * thread: better-sqlite3 is synchronous, so a read on the server's connection stops every other request until it
 * ends. With WAL a reader sees the last committed state and never blocks the writer. Each worker starts on first use
 * and holds the process open only while a read is under way.
 *
 * Lanes, each its own thread (started on first use), so that a count of seconds never queues the reads of a page
 * behind it:
 * - `long`: reads that take seconds at scale (statistics over a million events);
 * - `short`: a page's heaviest reads, a fraction of a millisecond each (a person's events), moved off the server's
 *   thread so that it serializes and sends answers while they run: at 50 connections asking for different people
 *   the person page went from 1,107 to 1,773 answers a second (p95 58 → 45 ms);
 * - `rank` and `count`: a search's ranked page and its exact total, two statements that each read the whole list of
 *   a common word (tens of milliseconds at a million reports), so they run side by side on two cores.
 */
export type ReadLane = 'long' | 'short' | 'rank' | 'count';
const LANES: readonly ReadLane[] = ['long', 'short', 'rank', 'count'];

export interface OffThreadReader {
  all<R>(query: CompiledQuery<R>, lane?: ReadLane): Promise<R[]>;
  close(): Promise<void>;
}

interface LaneReader {
  all<R>(query: CompiledQuery<R>): Promise<R[]>;
  close(): Promise<void>;
}

/**
 * The worker: plain JavaScript (no TypeScript loader needed), one statement at a time, rows or an error back. It keeps
 * its prepared statements: a page's reads repeat the same few statements thousands of times.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 10000 });
if (workerData.key !== null) db.pragma("key = '" + workerData.key.replaceAll("'", "''") + "'");
db.pragma('busy_timeout = 10000');
const statements = new Map();
const prepare = (sql) => {
  let statement = statements.get(sql);
  if (statement) return statement;
  statement = db.prepare(sql);
  if (statements.size >= 64) statements.delete(statements.keys().next().value);
  statements.set(sql, statement);
  return statement;
};
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    parentPort.postMessage({ id, rows: prepare(sql).all(...parameters) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
`;

const readers = new WeakMap<Kysely<Database>, OffThreadReader>();

/** Registers the reader of an SQLite workspace's own Kysely instance (not of its transactions: see `readOffThread`). */
export function registerOffThreadReader(db: Kysely<Database>, file: string, key: string | null): OffThreadReader {
  const lanes = new Map(LANES.map((lane) => [lane, createReader(file, key)]));
  const reader: OffThreadReader = {
    all: (query, lane = 'long') => lanes.get(lane)!.all(query),
    close: async () => {
      await Promise.all([...lanes.values()].map((lane) => lane.close()));
    },
  };
  readers.set(db, reader);
  return reader;
}

/**
 * Runs a read-only query in the workspace's reader thread for `lane` when `db` is an SQLite workspace's own instance,
 * else (PostgreSQL, whose server does the work; or a transaction, whose uncommitted changes only its own connection
 * sees) on `db`. `const rows = await readOffThread(db, query.compile(), 'short')`.
 */
export async function readOffThread<R>(
  db: Kysely<Database>,
  query: CompiledQuery<R>,
  lane: ReadLane = 'long',
): Promise<R[]> {
  const reader = readers.get(db);
  if (reader) return reader.all(query, lane);
  return (await db.executeQuery(query)).rows;
}

function createReader(file: string, key: string | null): LaneReader {
  let worker: Worker | null = null;
  let failure: Error | null = null;
  let closed = false;
  let next = 0;
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    const module = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, file, key } });
    started.unref();
    started.on('message', (message: { id: number; rows?: unknown[]; error?: string }) => {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (pending.size === 0) started.unref();
      if (message.error !== undefined) p.reject(new ChronicleError('DATABASE', message.error));
      else p.resolve(message.rows ?? []);
    });
    started.on('error', (error) => {
      failure = error;
      failAll(new ChronicleError('DATABASE', `the reader thread failed: ${error.message}`, { cause: error }));
    });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      failAll(new ChronicleError('DATABASE', `the reader thread stopped (exit code ${code})`));
    });
    return started;
  };
  return {
    all<R>(query: CompiledQuery<R>): Promise<R[]> {
      if (closed) return Promise.reject(new ChronicleError('DATABASE', 'the workspace is closed'));
      // A reader that could not open (a wrong key, a missing file) would fail every read the same way.
      if (failure)
        return Promise.reject(new ChronicleError('DATABASE', `the reader thread failed: ${failure.message}`));
      worker ??= start();
      const id = next++;
      worker.ref();
      return new Promise<R[]>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
        worker?.postMessage({ id, sql: query.sql, parameters: query.parameters });
      });
    },
    async close() {
      closed = true;
      const running = worker;
      worker = null;
      if (running) await running.terminate();
      failAll(new ChronicleError('DATABASE', 'the workspace is closed'));
    },
  };
}
