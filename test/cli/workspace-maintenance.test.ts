import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/db/connection.js';
import { BLOB_ENCRYPTION, blobCipherFromSecret, getSourceOriginal, listSources } from '../../src/sources/index.js';
import { runCli, startCli } from '../helpers/cli.js';

const KEY = 'maintenance workspace key, long';
const NEW_KEY = 'maintenance workspace key, new one';
const REPORT = 'Сегодня в Твери задержали Павла Обслуживаева, сообщает правозащитный центр.';

function setAside(dataDir: string): string[] {
  return readdirSync(dataDir).filter((f) => f.includes('before-restore'));
}

async function originalsUnder(dataDir: string, key: string | null, cipherKey: string): Promise<string[]> {
  const workspace = await openWorkspace({ dataDir, databaseUrl: '', key });
  try {
    const { items } = await listSources(workspace.db, { limit: 50 });
    const cipher = blobCipherFromSecret(cipherKey);
    return await Promise.all(
      items.map((s) => getSourceOriginal(workspace.db, s.id, cipher).then((o) => o.bytes.toString())),
    );
  } finally {
    await workspace.close();
  }
}

/** The pid of a process that has exited: a lock note it left behind is stale. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid;
}

describe('backup, restore and rekey beside a running server (SQLite workspace)', () => {
  let dir: string;
  let report: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-maintenance-'));
    report = join(dir, 'tver.txt');
    writeFileSync(report, REPORT);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('restore and rekey refuse, changing nothing, while chronicle serve has the workspace open; then work', async () => {
    const data = join(dir, 'served');
    const env = { CHRONICLE_KEY: KEY };
    expect((await runCli(['--data', data, 'ingest', '--no-extract', report], { env })).code).toBe(0);
    const backup = join(dir, 'served.bak');
    expect((await runCli(['--data', data, 'backup', backup], { env })).code).toBe(0);

    const server = await startCli(['--data', data, 'serve', '--port', '0', '--no-worker'], /running at (\S+)/, {
      env,
    });
    const exited = new Promise<number | null>((resolve) => server.child.on('exit', (code) => resolve(code)));
    const pid = server.child.pid;
    const refusal = new RegExp(
      `^chronicle: chronicle serve \\(pid ${pid}\\) has this workspace open: stop it first ` +
        `\\(if no Chronicle runs as pid ${pid}, delete ${data.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.open-${pid}-[0-9a-f]{8}\\)\n$`,
    );
    try {
      const restore = await runCli(['--data', data, 'restore', backup], { env });
      expect(restore.code).toBe(1);
      expect(restore.stderr).toMatch(refusal);
      expect(setAside(data)).toEqual([]);

      const rekey = await runCli(['--data', data, 'rekey'], { env: { ...env, CHRONICLE_NEW_KEY: NEW_KEY } });
      expect(rekey.code).toBe(1);
      expect(rekey.stderr).toMatch(refusal);
      // The originals are still sealed under the old key, and the server still serves.
      expect(await originalsUnder(data, KEY, KEY)).toEqual([REPORT]);
      expect((await fetch(`${server.match[1]}/healthz`)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(readdirSync(data).filter((f) => f.startsWith('.open-'))).toEqual([]);

    const restore = await runCli(['--data', data, 'restore', backup], { env });
    expect(restore.code, restore.stderr).toBe(0);
    expect(setAside(data)).toHaveLength(1);
    const rekey = await runCli(['--data', data, 'rekey'], { env: { ...env, CHRONICLE_NEW_KEY: NEW_KEY } });
    expect(rekey.code, rekey.stderr).toBe(0);
    expect(await originalsUnder(data, NEW_KEY, NEW_KEY)).toEqual([REPORT]);
  });

  it('a lock note left by a process that has died does not block restore or rekey', async () => {
    const data = join(dir, 'stale');
    const env = { CHRONICLE_KEY: KEY };
    expect((await runCli(['--data', data, 'ingest', '--no-extract', report], { env })).code).toBe(0);
    const backup = join(dir, 'stale.bak');
    expect((await runCli(['--data', data, 'backup', backup], { env })).code).toBe(0);
    const stale = join(data, `.open-${deadPid()}-0000`);
    writeFileSync(stale, 'chronicle serve\n');

    const restore = await runCli(['--data', data, 'restore', backup], { env });
    expect(restore.code, restore.stderr).toBe(0);
    expect(existsSync(stale)).toBe(false);
    writeFileSync(stale, 'chronicle worker\n');
    const rekey = await runCli(['--data', data, 'rekey'], { env: { ...env, CHRONICLE_NEW_KEY: NEW_KEY } });
    expect(rekey.code, rekey.stderr).toBe(0);
  });

  it('rekey run again finishes a rekey interrupted after the originals of a plain workspace were resealed', async () => {
    const data = join(dir, 'half-rekeyed');
    expect((await runCli(['--data', data, 'ingest', '--no-extract', report])).code).toBe(0);
    // The state an interrupted first rekey leaves: originals under the new key, the database file still plain.
    const workspace = await openWorkspace({ dataDir: data, databaseUrl: '', key: null });
    const cipher = blobCipherFromSecret(NEW_KEY);
    for (const blob of await workspace.db.selectFrom('blobs').select(['sha256', 'bytes']).execute())
      await workspace.db
        .updateTable('blobs')
        .set({ bytes: cipher.seal(Buffer.from(blob.bytes)), encryption: BLOB_ENCRYPTION })
        .where('sha256', '=', blob.sha256)
        .execute();
    await workspace.close();

    const again = await runCli(['--data', data, 'rekey'], { env: { CHRONICLE_NEW_KEY: NEW_KEY } });
    expect(again.code, again.stderr).toBe(0);
    expect(await originalsUnder(data, NEW_KEY, NEW_KEY)).toEqual([REPORT]);
    expect((await runCli(['--data', data, 'audit', 'verify'], { env: { CHRONICLE_KEY: NEW_KEY } })).code).toBe(0);

    // Under a key that is neither, it still refuses, and says which key it needs.
    const other = join(dir, 'other-key');
    expect((await runCli(['--data', other, 'ingest', '--no-extract', report])).code).toBe(0);
    const foreign = await openWorkspace({ dataDir: other, databaseUrl: '', key: null });
    const wrong = blobCipherFromSecret('some other key, not the new one');
    for (const blob of await foreign.db.selectFrom('blobs').select(['sha256', 'bytes']).execute())
      await foreign.db
        .updateTable('blobs')
        .set({ bytes: wrong.seal(Buffer.from(blob.bytes)), encryption: BLOB_ENCRYPTION })
        .where('sha256', '=', blob.sha256)
        .execute();
    await foreign.close();
    const refused = await runCli(['--data', other, 'rekey'], { env: { CHRONICLE_NEW_KEY: NEW_KEY } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'chronicle: the originals in this workspace are encrypted and no key is set: set CHRONICLE_KEY to the workspace key\n',
    );
  });

  it('backup of a workspace made without a key says the whole way: rekey first, then back up with the key', async () => {
    const data = join(dir, 'plain');
    expect((await runCli(['--data', data, 'ingest', '--no-extract', report])).code).toBe(0);
    const backup = join(dir, 'plain.bak');
    const refused = await runCli(['--data', data, 'backup', backup]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'chronicle: this workspace is not encrypted: encrypt it first with chronicle rekey (the new key in CHRONICLE_NEW_KEY, or on standard input with --new-key-stdin), then back up with CHRONICLE_KEY set to that key\n',
    );
    expect(existsSync(backup)).toBe(false);
    // Followed as it says, it works.
    expect((await runCli(['--data', data, 'rekey', '--new-key-stdin'], { input: `${NEW_KEY}\n` })).code).toBe(0);
    const written = await runCli(['--data', data, 'backup', backup], { env: { CHRONICLE_KEY: NEW_KEY } });
    expect(written.code, written.stderr).toBe(0);
  });

  it('serve on a busy port says so, and creates no first account whose password would be lost', async () => {
    const busy = createServer();
    const port = await new Promise<number>((resolve) =>
      busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)),
    );
    const data = join(dir, 'busy-port');
    try {
      const result = await runCli(['--data', data, 'serve', '--port', String(port), '--no-worker'], {
        env: { CHRONICLE_KEY: KEY },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`chronicle: port ${port} is in use: choose another with --port\n`);
    } finally {
      busy.close();
    }
    const server = await startCli(['--data', data, 'serve', '--port', '0', '--no-worker'], /running at (\S+)/, {
      env: { CHRONICLE_KEY: KEY },
    });
    const exited = new Promise<number | null>((resolve) => server.child.on('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.stderr()).toMatch(/^Created the first account: admin \/ \S+$/m);
  });
});
