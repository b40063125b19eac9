import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openWorkspace, type Workspace } from '../../src/db/connection.js';

/**
 * The integration suite runs on both databases (DESIGN §6). PostgreSQL is the local server on 127.0.0.1:5432
 * (trust auth); each test file gets a fresh database. Under CI=true an unreachable PostgreSQL fails the run
 * instead of skipping it.
 */
export const POSTGRES_ADMIN_URL = process.env.CHRONICLE_TEST_PG ?? 'postgres://root@127.0.0.1:5432/postgres';

let reachable: boolean | undefined;

export async function postgresReachable(): Promise<boolean> {
  if (reachable !== undefined) return reachable;
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    reachable = true;
  } catch (error) {
    if (process.env.CI === 'true')
      throw new Error(`PostgreSQL at ${POSTGRES_ADMIN_URL} is unreachable under CI: ${String(error)}`);
    reachable = false;
  } finally {
    await client.end().catch(() => {});
  }
  return reachable;
}

export interface TestWorkspace {
  workspace: Workspace;
  url: string | null;
  dataDir: string | null;
  dispose(): Promise<void>;
}

export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `chronicle_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createTestWorkspace(
  dialect: 'sqlite' | 'postgres',
  options: { key?: string | null; migrate?: boolean } = {},
): Promise<TestWorkspace> {
  const migrate = options.migrate ?? true;
  if (dialect === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'chronicle-test-'));
    const workspace = await openWorkspace({ dataDir, databaseUrl: '', key: options.key ?? null, migrate });
    return {
      workspace,
      url: null,
      dataDir,
      async dispose() {
        await workspace.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const database = await createPostgresDatabase();
  const workspace = await openWorkspace({ databaseUrl: database.url, migrate });
  return {
    workspace,
    url: database.url,
    dataDir: null,
    async dispose() {
      await workspace.close();
      await database.drop();
    },
  };
}

/** The dialects to run an integration suite on: SQLite always, PostgreSQL when reachable (always under CI). */
export async function testDialects(): Promise<Array<'sqlite' | 'postgres'>> {
  return (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * A workspace with no migration run, for the tests that bring it to an older version (`migrateTo`), put old-style
 * rows in it and then upgrade it. `dispose` closes it and removes its data.
 */
export function createUnmigratedWorkspace(dialect: 'sqlite' | 'postgres'): Promise<TestWorkspace> {
  return createTestWorkspace(dialect, { migrate: false });
}

/**
 * Registers, in the calling `describe`, an unmigrated workspace (`createUnmigratedWorkspace`) and its disposal; the
 * returned function gives its workspace inside the tests. `const workspace = unmigratedWorkspaceSuite(dialect)`.
 */
export function unmigratedWorkspaceSuite(dialect: 'sqlite' | 'postgres'): () => Workspace {
  let upgraded: TestWorkspace | undefined;
  beforeAll(async () => {
    upgraded = await createUnmigratedWorkspace(dialect);
  });
  afterAll(() => upgraded?.dispose());
  return () => {
    if (!upgraded) throw new Error('the unmigrated workspace is not set up yet: use it inside the tests');
    return upgraded.workspace;
  };
}
