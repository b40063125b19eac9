import { closeSync, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLiteDatabase from 'better-sqlite3-multiple-ciphers';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteAdapter, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ChronicleError } from '../shared/errors.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';
import { registerSearchReader, SEARCH_PLANNER_SETTINGS } from './search-reader.js';
import { registerOffThreadReader } from './sqlite-reader.js';
import { holdWorkspace } from './workspace-lock.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Workspace {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The data directory (SQLite) or null (PostgreSQL). */
  dataDir: string | null;
  close(): Promise<void>;
}

export interface WorkspaceOptions {
  /** Data directory for the embedded SQLite workspace; default ./chronicle-data or CHRONICLE_DATA. */
  dataDir?: string;
  /** postgres://… — when set, the workspace lives in PostgreSQL instead. Default: DATABASE_URL. */
  databaseUrl?: string;
  /** SQLCipher key for the SQLite file; default CHRONICLE_KEY. Absent: the file is not encrypted. */
  key?: string | null;
  /** Run migrations on open (default true). */
  migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** Who opens it (`chronicle serve`): named to a `restore` or `rekey` refused while it is open (SQLite). */
  holder?: string;
}

const SQLITE_FILE = 'chronicle.db';

/**
 * Opens (and on first use creates) a workspace, migrated to the current schema.
 * `openWorkspace({ dataDir: './chronicle-data' })` → SQLite; `openWorkspace({ databaseUrl: 'postgres://…' })` → PostgreSQL.
 */
export async function openWorkspace(options: WorkspaceOptions = {}): Promise<Workspace> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const workspace = databaseUrl ? openPostgres(databaseUrl, options.poolSize ?? 10) : openSqlite(options);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(workspace.db as Kysely<unknown>);
    } catch (error) {
      await workspace.close();
      throw error;
    }
  }
  return workspace;
}

export function resolveDataDir(dataDir?: string): string {
  return resolve(dataDir ?? process.env.CHRONICLE_DATA ?? './chronicle-data');
}

/** Whether the data directory holds an embedded workspace. `sqliteWorkspaceExists('./chronicle-data')` → true. */
export function sqliteWorkspaceExists(dataDir: string): boolean {
  return existsSync(join(dataDir, SQLITE_FILE));
}

/**
 * A new workspace is readable by its owner's account alone (a folder of 0700, a database of 0600, whose WAL and
 * shared-memory files SQLite makes with the database's own mode): under the usual umask every account on the
 * machine could read a workspace opened without CHRONICLE_KEY, and copy an encrypted one away to try keys on. An
 * existing workspace keeps the modes its owner gave it (a backup account may have been let in on purpose).
 */
function createOwnerOnly(dataDir: string, file: string): void {
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
}

function openSqlite(options: WorkspaceOptions): Workspace {
  const dataDir = resolveDataDir(options.dataDir);
  const key = options.key === undefined ? (process.env.CHRONICLE_KEY ?? null) : options.key;
  const file = join(dataDir, SQLITE_FILE);
  createOwnerOnly(dataDir, file);
  const release = holdWorkspace(dataDir, options.holder ?? 'a Chronicle process');
  let sqlite: SQLiteDatabase.Database;
  try {
    sqlite = new SQLiteDatabase(file, { timeout: 10_000 });
  } catch (error) {
    release();
    throw new ChronicleError('DATABASE', `cannot open ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    if (key) sqlite.pragma(`key = ${quoteSqlString(key)}`);
    // Reading the schema is what fails on a wrong key ("file is not a database").
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    sqlite.close();
    release();
    throw unreadableWorkspace(file, dataDir, key, error);
  }
  // WAL + synchronous=FULL: a committed transaction survives a power cut, readers never block the writer.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // A checkpoint copies every page the WAL holds back into the database and syncs it. At the default of 1,000 pages
  // one ran after nearly every commit of ingestion (a batch of 200 reports dirtied some 3,000 pages at 100,000
  // reports: the hash-keyed indexes put each insert on a page of its own), so a page written by every batch was
  // copied back every time. Every 10,000 pages (40 MB) it is copied once in several: 100,000 reports ingested 16–26 %
  // faster, 63 → 54 KB written a report. The WAL is cut back to 64 MB after a checkpoint if a long reader let it grow.
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  const db = new Kysely<Database>({ dialect: new MigratingSqliteDialect({ database: withStatementCache(sqlite) }) });
  const reader = registerOffThreadReader(db, file, key);
  return {
    db,
    dialect: 'sqlite',
    dataDir,
    close: async () => {
      try {
        await reader.close();
        await db.destroy();
      } finally {
        release();
      }
    },
  };
}

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Why a workspace file that exists could not be read. An unencrypted SQLite file starts with its header in plain
 * text; an encrypted one is random bytes from the first byte, so the header tells a key given to a plain workspace
 * (or a truncated plain file) from a wrong or missing key.
 */
function unreadableWorkspace(file: string, dataDir: string, key: string | null, cause: unknown): ChronicleError {
  let header = '';
  try {
    const fd = openSync(file, 'r');
    try {
      const bytes = Buffer.alloc(SQLITE_HEADER.length);
      header = bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, 0)).toString('latin1');
    } finally {
      closeSync(fd);
    }
  } catch {
    // Unreadable file: the message below says what can be said without it.
  }
  if (header === SQLITE_HEADER) {
    const why = key
      ? 'it is not encrypted, but CHRONICLE_KEY is set (unset it to open it, then `chronicle rekey` to encrypt it)'
      : 'the file is damaged (restore it from a backup: `chronicle restore FILE`)';
    return new ChronicleError('DATABASE', `cannot open the workspace in ${dataDir}: ${why}`, { cause });
  }
  return new ChronicleError(
    'BAD_KEY',
    `cannot open the workspace in ${dataDir}: ${key ? 'wrong encryption key (CHRONICLE_KEY), or the file is damaged' : 'it is encrypted (or damaged) and no key is set: set CHRONICLE_KEY'}`,
    { cause },
  );
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query anew; compiling the same SQL thousands of times was a third of ingestion's time.
 * better-sqlite3 statements are reusable, so the same SQL text gets the same statement (least recently used out).
 */
function withStatementCache(sqlite: SQLiteDatabase.Database): SQLiteDatabase.Database {
  const cache = new Map<string, SQLiteDatabase.Statement>();
  const prepare = (source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
    } else {
      statement = sqlite.prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    cache.set(source, statement);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function openPostgres(url: string, poolSize: number): Workspace {
  // Any other URL would be handed to the PostgreSQL driver, whose error ("getaddrinfo ENOTFOUND …") names no cause.
  if (!/^postgres(ql)?:\/\//i.test(url))
    throw new ChronicleError(
      'USAGE',
      `DATABASE_URL must be a PostgreSQL URL (postgres://user@host:5432/database), not one beginning "${url.split(':')[0]}:"; leave it unset for the embedded SQLite workspace`,
    );
  // Keep bigint counts as numbers: Chronicle's counts stay far below 2^53.
  pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  let closing = false;
  // An idle connection can be cut by the server (restart, failover, an administrator): the pool drops it and opens
  // another on the next query. Without a listener the error would end the whole process.
  const connectionLost = (error: Error) => {
    if (!closing)
      process.stderr.write(`chronicle: database connection lost (${error.message}); reconnecting on next use\n`);
  };
  pool.on('error', connectionLost);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // Searches' own connections (`searchReaderOf`), as many as half the pool: a search runs two statements at once.
  const options = Object.entries(SEARCH_PLANNER_SETTINGS)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  const searchPool = new pg.Pool({ connectionString: url, max: Math.max(2, Math.ceil(poolSize / 2)), options });
  searchPool.on('error', connectionLost);
  const searchDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: searchPool }) });
  registerSearchReader(db, searchDb);
  return {
    db,
    dialect: 'postgres',
    dataDir: null,
    close: async () => {
      closing = true;
      await Promise.all([db.destroy(), searchDb.destroy()]);
    },
  };
}

function quoteSqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function dialectOf(db: Kysely<Database>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * SQLite runs schema changes inside transactions, which Kysely's SQLite adapter does not claim: its migrator then
 * applied each statement on its own, so a process killed mid-migration (the crash test's SIGKILL landed there under
 * load) left a column added and the migration unrecorded, and the next start failed on "duplicate column". Claimed,
 * the pending migrations and their records commit together or not at all.
 */
export class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Kysely's SQLite dialect with `TransactionalDdlSqliteAdapter`. */
export class MigratingSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
