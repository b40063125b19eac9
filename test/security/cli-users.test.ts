import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AddressLimiter, ensureInitialAdmin, signIn } from '../../src/auth/index.js';
import { openWorkspace } from '../../src/db/connection.js';
import { runCli } from './harness.js';

const KEY = 'cli users test key, long enough';
const dir = mkdtempSync(join(tmpdir(), 'chronicle-cli-users-'));
const ROOT = join(import.meta.dirname, '..', '..');

/** The CLI in-process, for commands that need no standard input. */
const inProcess = (args: string[]) => runCli(['--data', dir, ...args], { CHRONICLE_KEY: KEY });

/** The real CLI in a child process (stdin, exit code and streams as a user sees them). */
function chronicle(args: string[], input?: string, env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      "const m = await import('./src/cli/main.ts'); process.exitCode = await m.main(process.argv.slice(1));",
      '--',
      '--data',
      dir,
      ...args,
    ],
    {
      cwd: ROOT,
      input,
      encoding: 'utf8',
      env: { ...process.env, CHRONICLE_KEY: KEY, DATABASE_URL: '', ...env },
      timeout: 60_000,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function trySignIn(username: string, password: string) {
  const w = await openWorkspace({ dataDir: dir, databaseUrl: '', key: KEY });
  try {
    return await signIn(w.db, new AddressLimiter(), { username, password, address: 'cli-test' }).then(
      () => 'ok',
      (e: { code: string }) => e.code,
    );
  } finally {
    await w.close();
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chronicle user', () => {
  it('adds an account with the password from stdin (contract), which can then sign in', async () => {
    const added = chronicle(
      ['user', 'add', 'anna', '--role', 'editor', '--password-stdin'],
      'a long enough passphrase\n',
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).not.toContain('a long enough passphrase');
    expect(await trySignIn('anna', 'a long enough passphrase')).toBe('ok');
  });

  it('generates and prints a password when none is given, and refuses bad input with exit codes', async () => {
    const generated = await inProcess(['user', 'add', 'boris', '--role', 'viewer']);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/password: \S{16,}/);
    expect((await inProcess(['user', 'add', 'carl', '--role', 'superuser'])).code).toBe(2);
    expect((await inProcess(['user', 'add', 'anna', '--role', 'viewer'])).code).toBe(1);
    expect((await inProcess(['user', 'add', 'Bad Name!', '--role', 'viewer'])).code).toBe(1);
  });

  it('lists accounts without secrets, changes roles, disables and resets passwords', async () => {
    const list = await inProcess(['user', 'list', '--json']);
    const users = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    expect(users.map((u) => u.username)).toEqual(['anna', 'boris']);
    expect(list.stdout).not.toMatch(/scrypt|argon2|password_hash/);
    expect((await inProcess(['user', 'role', 'anna', 'reviewer'])).code).toBe(0);
    expect((await inProcess(['user', 'disable', 'anna'])).code).toBe(0);
    expect(await trySignIn('anna', 'a long enough passphrase')).toBe('UNAUTHENTICATED');
    expect((await inProcess(['user', 'enable', 'anna'])).code).toBe(0);
    expect(chronicle(['user', 'reset-password', 'anna', '--password-stdin'], 'another long passphrase\n').code).toBe(0);
    expect(await trySignIn('anna', 'a long enough passphrase')).toBe('UNAUTHENTICATED');
    expect(await trySignIn('anna', 'another long passphrase')).toBe('ok');
    const verify = await inProcess(['audit', 'verify']);
    expect(verify.code, verify.stderr).toBe(0);
  });

  it('unlocks a locked-out account, whose right password then signs in again', async () => {
    for (let i = 0; i < 5; i += 1) expect(await trySignIn('anna', 'a wrong passphrase here')).toBe('UNAUTHENTICATED');
    expect(await trySignIn('anna', 'another long passphrase')).toBe('UNAUTHENTICATED');
    expect((await inProcess(['user', 'list'])).stdout).toMatch(/anna\treviewer\tlocked until /);
    const unlocked = await inProcess(['user', 'unlock', 'anna']);
    expect(unlocked.code, unlocked.stderr).toBe(0);
    expect(unlocked.stdout).toBe('anna unlocked\n');
    expect(await trySignIn('anna', 'another long passphrase')).toBe('ok');
    expect((await inProcess(['user', 'unlock', 'nobody'])).code).toBe(1);
  });
});

describe('first run', () => {
  it('creates admin with CHRONICLE_ADMIN_PASSWORD or a random password, only when there is no account', async () => {
    const w = await openWorkspace({ dataDir: join(dir, 'first'), databaseUrl: '', key: null });
    try {
      const created = await ensureInitialAdmin(w.db, {});
      expect(created).toMatchObject({ username: 'admin', generated: true });
      expect(created!.password.length).toBeGreaterThanOrEqual(16);
      expect(await ensureInitialAdmin(w.db, { CHRONICLE_ADMIN_PASSWORD: 'given admin password' })).toBeNull();
      const user = await w.db
        .selectFrom('users')
        .select(['role'])
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      expect(user.role).toBe('admin');
    } finally {
      await w.close();
    }
    const w2 = await openWorkspace({ dataDir: join(dir, 'second'), databaseUrl: '', key: null });
    try {
      expect(await ensureInitialAdmin(w2.db, { CHRONICLE_ADMIN_PASSWORD: 'given admin password' })).toEqual({
        username: 'admin',
        password: 'given admin password',
        generated: false,
      });
      expect(
        await signIn(w2.db, new AddressLimiter(), {
          username: 'admin',
          password: 'given admin password',
          address: 'x',
        }),
      ).toHaveProperty('token');
    } finally {
      await w2.close();
    }
  });
});
