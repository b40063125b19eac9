import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { verifyAuditChain } from '../audit/index.js';
import { openWorkspace, type Workspace } from '../db/connection.js';
import { holdWorkspaceAlone } from '../db/workspace-lock.js';
import { ChronicleError } from '../shared/errors.js';
import { type BackupManifest, openBackup, sealBackup, sha256 } from './backup-file.js';

const DB_FILE = 'chronicle.db';
const COUNTED = ['sources', 'blobs', 'source_texts', 'persons', 'cases', 'events', 'users', 'audit_log'] as const;

async function countRows(workspace: Workspace): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const row = await workspace.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

function requireSqlite(workspace: Workspace): string {
  if (workspace.dialect !== 'sqlite' || !workspace.dataDir) {
    throw new ChronicleError(
      'USAGE',
      'chronicle backup/restore handle the SQLite workspace; back up PostgreSQL with pg_dump and encrypt the dump',
    );
  }
  return workspace.dataDir;
}

function requireSecret(secret: string | null): string {
  if (!secret) throw new ChronicleError('BAD_KEY', 'backups are encrypted: set CHRONICLE_KEY');
  return secret;
}

/**
 * Writes an encrypted, verifiable backup of an open SQLite workspace to `file`. A consistent snapshot comes from
 * `VACUUM INTO` (still SQLCipher-encrypted under the workspace key), is sealed with AES-256-GCM under a key derived
 * from the same secret, and never touches the disk in plain text.
 * `await backupWorkspace(workspace, process.env.CHRONICLE_KEY, 'chronicle.backup')` → the manifest.
 */
export async function backupWorkspace(
  workspace: Workspace,
  secret: string | null,
  file: string,
): Promise<BackupManifest> {
  const dataDir = requireSqlite(workspace);
  // Opened without a key, the SQLite file is plain: a key set now would not open it, so the way is through rekey.
  if (!secret)
    throw new ChronicleError(
      'BAD_KEY',
      'this workspace is not encrypted: encrypt it first with chronicle rekey (the new key in CHRONICLE_NEW_KEY, or on standard input with --new-key-stdin), then back up with CHRONICLE_KEY set to that key',
    );
  const key = secret;
  const snapshot = join(dataDir, `.backup-${randomBytes(8).toString('hex')}.db`);
  try {
    await sql.raw(`VACUUM INTO '${snapshot.replaceAll("'", "''")}'`).execute(workspace.db);
    const database = readFileSync(snapshot);
    const audit = await verifyAuditChain(workspace.db);
    const manifest: BackupManifest = {
      format: 'chronicle-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      dialect: 'sqlite',
      database: { file: DB_FILE, bytes: database.length, sha256: sha256(database) },
      counts: await countRows(workspace),
      auditHead: audit.head ?? null,
    };
    writeFileSync(file, sealBackup(key, manifest, database), { mode: 0o600 });
    return manifest;
  } finally {
    rmSync(snapshot, { force: true });
  }
}

/** Decrypts and checks a backup without restoring it. */
export function inspectBackup(secret: string | null, file: string): BackupManifest {
  return openBackup(requireSecret(secret), readFileSync(file)).manifest;
}

/**
 * Restores a backup into `dataDir`, refused while another process (a server, a worker) has it open: it would go on
 * writing into the database moved aside, and what it stored would be lost. Checks everything before replacing anything:
 * the GCM tag and the manifest's SHA-256, then opens the restored database with the key, runs
 * `PRAGMA integrity_check`, compares row counts and verifies the audit chain. Only then is the current database
 * moved aside (`chronicle.db.before-restore-<time>`, still encrypted) and the restored one put in its place.
 */
export async function restoreWorkspace(
  dataDir: string,
  secret: string | null,
  file: string,
): Promise<{ manifest: BackupManifest; previous: string | null }> {
  const key = requireSecret(secret);
  const release = holdWorkspaceAlone(dataDir, 'chronicle restore');
  try {
    return await restoreChecked(dataDir, key, file);
  } finally {
    release();
  }
}

async function restoreChecked(
  dataDir: string,
  key: string,
  file: string,
): Promise<{ manifest: BackupManifest; previous: string | null }> {
  const { manifest, database } = openBackup(key, readFileSync(file));
  mkdirSync(dataDir, { recursive: true });
  const staging = join(dataDir, `.restore-${randomBytes(8).toString('hex')}`);
  mkdirSync(staging, { mode: 0o700 });
  try {
    writeFileSync(join(staging, DB_FILE), database, { mode: 0o600 });
    const restored = await openWorkspace({ dataDir: staging, databaseUrl: '', key, migrate: false });
    try {
      const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(restored.db);
      if (check.rows[0]?.integrity_check !== 'ok')
        throw new ChronicleError('VALIDATION', 'the restored database fails its integrity check');
      const counts = await countRows(restored);
      for (const [table, n] of Object.entries(manifest.counts)) {
        if (counts[table] !== n)
          throw new ChronicleError('VALIDATION', `the restored ${table} has ${counts[table]} rows, the manifest ${n}`);
      }
      const audit = await verifyAuditChain(restored.db);
      if (!audit.ok)
        throw new ChronicleError('VALIDATION', `the restored audit log is broken at entry ${audit.firstBad?.seq}`);
    } finally {
      await restored.close();
    }
    const target = join(dataDir, DB_FILE);
    let previous: string | null = null;
    if (existsSync(target)) {
      previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, previous);
      for (const suffix of ['-wal', '-shm'])
        if (existsSync(target + suffix)) renameSync(target + suffix, previous + suffix);
    }
    renameSync(join(staging, DB_FILE), target);
    return { manifest, previous };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
