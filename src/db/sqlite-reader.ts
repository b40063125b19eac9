import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CompiledQuery, Kysely } from 'kysely';
import { ChronicleError } from '../shared/errors.js';
import type { Database } from './schema.js';

/**
 * A second, read-only connection to an SQLite workspace, in a worker thread, for the few reads that take seconds at
 * scale (statistics over a million events). better-sqlite3 is synchronous: such a read on the server's connection
 * stops every other request until it ends. With WAL the reader sees the last committed state and never blocks the
 * writer. The worker starts on first use and holds the process open only while a read is under way.
 */
export interface OffThreadReader {
  all<R>(query: CompiledQuery<R>): Promise<R[]>;
  close(): Promise<void>;
}

/** The worker: plain JavaScript (no TypeScript loader needed), one statement at a time, rows or an error back. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 10000 });
if (workerData.key !== null) db.pragma("key = '" + workerData.key.replaceAll("'", "''") + "'");
db.pragma('busy_timeout = 10000');
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    parentPort.postMessage({ id, rows: db.prepare(sql).all(...parameters) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
`;

const readers = new WeakMap<Kysely<Database>, OffThreadReader>();

/** Registers the reader of an SQLite workspace's own Kysely instance (not of its transactions: see `readOffThread`). */
export function registerOffThreadReader(db: Kysely<Database>, file: string, key: string | null): OffThreadReader {
  const reader = createReader(file, key);
  readers.set(db, reader);
  return reader;
}

/**
 * Runs a read-only query in the workspace's reader thread when `db` is an SQLite workspace's own instance, else
 * (PostgreSQL, whose server does the work; or a transaction, whose uncommitted changes only its own connection
 * sees) on `db`. `const rows = await readOffThread(db, query.compile())`.
 */
export async function readOffThread<R>(db: Kysely<Database>, query: CompiledQuery<R>): Promise<R[]> {
  const reader = readers.get(db);
  if (reader) return reader.all(query);
  return (await db.executeQuery(query)).rows;
}

function createReader(file: string, key: string | null): OffThreadReader {
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
