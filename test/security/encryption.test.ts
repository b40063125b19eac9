import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../../src/app/runtime.js';
import { appendAudit } from '../../src/audit/index.js';
import { openWorkspace } from '../../src/db/connection.js';
import { blobCipherFromSecret, getSourceOriginal, ingestFiles, listSources } from '../../src/sources/index.js';
import { createPostgresDatabase, postgresReachable } from '../helpers/workspaces.js';
import { runCli as cli } from './harness.js';

const KEY = 'first workspace key, long enough';
const NEW_KEY = 'second workspace key, also long';
const MARKERS = ['Zhukovskaya', 'Жуковская'];
const TEXTS = [
  'Police detained Irina Zhukovskaya, a relative of the defendant, in Ufa on 3 March.',
  'Сегодня в Уфе задержали Ирину Жуковскую; её сестра Анна Жуковская рассказала об обыске.',
];

function containsMarker(bytes: Buffer): string | null {
  for (const m of MARKERS) {
    for (const encoded of [Buffer.from(m, 'utf8'), Buffer.from(m, 'utf16le'), Buffer.from(m.toLowerCase(), 'utf8')])
      if (bytes.includes(encoded)) return m;
  }
  return null;
}

describe('encryption at rest (SQLite workspace)', () => {
  let dir: string;
  let dataDir: string;
  const originals: Buffer[] = TEXTS.map((t) => Buffer.from(t));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-enc-'));
    dataDir = join(dir, 'data');
    const runtime = await openRuntime({ dataDir, databaseUrl: '', key: KEY });
    for await (const r of ingestFiles(
      runtime.ingestContext(null),
      originals.map((bytes, i) => ({ name: `report-${i}.txt`, bytes })),
    )) {
      expect(r.status).toBe('ingested');
    }
    await runtime.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('control: the marker check finds the names in a workspace without a key', async () => {
    const plainDir = join(dir, 'plain');
    const runtime = await openRuntime({ dataDir: plainDir, databaseUrl: '', key: null });
    for await (const r of ingestFiles(runtime.ingestContext(null), [{ name: 'r.txt', bytes: originals[0]! }]))
      expect(r.status).toBe('ingested');
    await runtime.close();
    expect(
      containsMarker(Buffer.concat(readdirSync(plainDir).map((f) => readFileSync(join(plainDir, f))))),
    ).not.toBeNull();
  });

  it('leaves no marker name in any file of the workspace', () => {
    const files = readdirSync(dataDir);
    expect(files).toContain('chronicle.db');
    for (const f of files) expect(containsMarker(readFileSync(join(dataDir, f))), f).toBeNull();
  });

  it('refuses a wrong or missing key with one line and exit 1', async () => {
    for (const key of ['not the key at all', undefined]) {
      const result = await cli(['--data', dataDir, 'audit', 'verify'], { CHRONICLE_KEY: key });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/key/i);
    }
  });

  it('writes a backup without the marker, that a wrong key cannot open and a changed byte invalidates', async () => {
    const file = join(dir, 'a.backup');
    const result = await cli(['--data', dataDir, 'backup', file], { CHRONICLE_KEY: KEY });
    expect(result.code, result.stderr).toBe(0);
    const bytes = readFileSync(file);
    expect(containsMarker(bytes)).toBeNull();
    expect((await cli(['--data', dataDir, 'restore', '--check', file], { CHRONICLE_KEY: KEY })).code).toBe(0);
    const wrong = await cli(['--data', dataDir, 'restore', file], { CHRONICLE_KEY: 'not the key at all' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    const damaged = join(dir, 'damaged.backup');
    const copy = Buffer.from(bytes);
    copy[Math.floor(copy.length / 2)]! ^= 0x01;
    writeFileSync(damaged, copy);
    expect((await cli(['--data', dataDir, 'restore', damaged], { CHRONICLE_KEY: KEY })).code).toBe(1);
    // Nothing was replaced by the refused restores.
    expect(readdirSync(dataDir).some((f) => f.includes('before-restore'))).toBe(false);
  });

  it('restores the same records and originals, after checking the backup', async () => {
    const file = join(dir, 'b.backup');
    expect((await cli(['--data', dataDir, 'backup', file], { CHRONICLE_KEY: KEY })).code).toBe(0);
    // Change the workspace after the backup.
    let runtime = await openRuntime({ dataDir, databaseUrl: '', key: KEY });
    const before = await listSources(runtime.workspace.db, { limit: 500 });
    for await (const r of ingestFiles(runtime.ingestContext(null), [
      { name: 'later.txt', bytes: Buffer.from('A later report about nobody in particular.') },
    ]))
      expect(r.status).toBe('ingested');
    await runtime.close();

    const restored = await cli(['--data', dataDir, 'restore', file], { CHRONICLE_KEY: KEY });
    expect(restored.code, restored.stderr).toBe(0);
    runtime = await openRuntime({ dataDir, databaseUrl: '', key: KEY });
    try {
      const after = await listSources(runtime.workspace.db, { limit: 500 });
      expect(after).toEqual(before);
      const bytes = await Promise.all(
        after.items.map((s) =>
          getSourceOriginal(runtime.workspace.db, s.id, runtime.cipher).then((o) => o.bytes.toString()),
        ),
      );
      expect(bytes.sort()).toEqual(TEXTS.slice().sort());
    } finally {
      await runtime.close();
    }
    expect(readdirSync(dataDir).some((f) => f.includes('before-restore'))).toBe(true);
  });

  it('audit verify exits 0 on an intact log and 1 naming the first bad entry', async () => {
    const ok = await cli(['--data', dataDir, 'audit', 'verify'], { CHRONICLE_KEY: KEY });
    expect(ok.code).toBe(0);
    const w = await openWorkspace({ dataDir, databaseUrl: '', key: KEY });
    const copy = join(dir, 'tampered');
    try {
      await sql.raw(`VACUUM INTO '${join(dir, 'tampered.db')}'`).execute(w.db);
    } finally {
      await w.close();
    }
    const { mkdirSync, renameSync } = await import('node:fs');
    mkdirSync(copy);
    renameSync(join(dir, 'tampered.db'), join(copy, 'chronicle.db'));
    const t = await openWorkspace({ dataDir: copy, databaseUrl: '', key: KEY });
    for (let i = 0; i < 3; i++)
      await t.db.transaction().execute((trx) => appendAudit(trx, { userId: null, action: 'test.entry', target: null }));
    await sql`DROP TRIGGER audit_log_no_update`.execute(t.db);
    await sql`UPDATE audit_log SET user_id = 'someone' WHERE seq = 2`.execute(t.db);
    await t.close();
    const bad = await cli(['--data', copy, 'audit', 'verify'], { CHRONICLE_KEY: KEY });
    expect(bad.code, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stderr).toMatch(/entry 2\b/);
  });

  it('rekeys the database and every original: the old key stops working, the new one reads everything', async () => {
    const result = await cli(['--data', dataDir, 'rekey'], { CHRONICLE_KEY: KEY, CHRONICLE_NEW_KEY: NEW_KEY });
    expect(result.code, result.stderr).toBe(0);
    await expect(openWorkspace({ dataDir, databaseUrl: '', key: KEY })).rejects.toMatchObject({ code: 'BAD_KEY' });
    const w = await openWorkspace({ dataDir, databaseUrl: '', key: NEW_KEY });
    try {
      const list = await listSources(w.db, { limit: 500 });
      const cipher = blobCipherFromSecret(NEW_KEY);
      const texts = await Promise.all(
        list.items.map((s) => getSourceOriginal(w.db, s.id, cipher).then((o) => o.bytes.toString())),
      );
      expect(texts.sort()).toEqual(TEXTS.slice().sort());
      await expect(getSourceOriginal(w.db, list.items[0]!.id, blobCipherFromSecret(KEY))).rejects.toMatchObject({
        code: 'BAD_KEY',
      });
    } finally {
      await w.close();
    }
    for (const f of readdirSync(dataDir))
      if (existsSync(join(dataDir, f)) && !f.startsWith('.'))
        expect(containsMarker(readFileSync(join(dataDir, f))), f).toBeNull();
  });
});

const postgres = await postgresReachable();

describe('opening a workspace: what is missing, plain or unreadable is said, never guessed', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-open-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a command that only reads refuses a data directory without a workspace, and creates nothing there', async () => {
    const typo = join(dir, 'chronicle-dat');
    const transcription = join(dir, 'transcription.txt');
    writeFileSync(transcription, 'задержан');
    // ocr and transcribe change sources that must already be there: they create nothing either.
    for (const args of [
      ['jobs'],
      ['search', 'задержан'],
      ['review', 'list'],
      ['stats'],
      ['audit', 'verify'],
      ['ocr', '--all'],
      ['transcribe', '01J0000000000000000000000', transcription],
    ]) {
      const result = await cli(['--data', typo, ...args], { CHRONICLE_KEY: undefined });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toEqual([
        `chronicle: no workspace in ${typo}: check --data or CHRONICLE_DATA (chronicle ingest, import or serve creates one)`,
      ]);
      expect(existsSync(typo), args.join(' ')).toBe(false);
    }
  });

  it('a command that writes creates the workspace, and warns while it is not encrypted at rest', async () => {
    const warning =
      'chronicle: warning: the workspace is not encrypted at rest (no CHRONICLE_KEY): reports and names are stored in plain text on disk; see "Security" in the README';
    const plain = join(dir, 'plain');
    const report = join(dir, 'report.txt');
    writeFileSync(report, TEXTS[0]!);
    const first = await cli(['--data', plain, 'ingest', '--no-extract', report], { CHRONICLE_KEY: undefined });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr.split('\n')).toContain(warning);
    // Reading does not repeat it; writing with a key does not say it.
    expect((await cli(['--data', plain, 'jobs'], { CHRONICLE_KEY: undefined })).stderr).toBe('');
    const keyed = await cli(['--data', join(dir, 'keyed'), 'ingest', '--no-extract', report], { CHRONICLE_KEY: KEY });
    expect(keyed.code, keyed.stderr).toBe(0);
    expect(keyed.stderr).not.toContain('warning');
  });

  it('refuses to create a workspace under a short key, as rekey refuses a short new key', async () => {
    const short = join(dir, 'short-key');
    const report = join(dir, 'short.txt');
    writeFileSync(report, TEXTS[0]!);
    const result = await cli(['--data', short, 'ingest', '--no-extract', report], { CHRONICLE_KEY: 'abc' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'chronicle: CHRONICLE_KEY must be at least 16 characters to create a workspace (a passphrase of several words)',
    );
    expect(existsSync(short)).toBe(false);
  });

  it('tells a key given to a plain workspace and a damaged file from a wrong key', async () => {
    const plain = join(dir, 'plain-for-key');
    await (await openRuntime({ dataDir: plain, databaseUrl: '', key: null })).close();
    const withKey = await cli(['--data', plain, 'jobs'], { CHRONICLE_KEY: KEY });
    expect(withKey.code).toBe(1);
    expect(withKey.stderr).toContain('it is not encrypted, but CHRONICLE_KEY is set');

    const damaged = join(dir, 'damaged');
    await (await openRuntime({ dataDir: damaged, databaseUrl: '', key: null })).close();
    const file = join(damaged, 'chronicle.db');
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    const truncated = await cli(['--data', damaged, 'jobs'], { CHRONICLE_KEY: undefined });
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toContain('the file is damaged');

    writeFileSync(file, 'hello');
    const garbage = await cli(['--data', damaged, 'jobs'], { CHRONICLE_KEY: undefined });
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toContain('it is encrypted (or damaged) and no key is set');
  });

  it.runIf(postgres)(
    'on PostgreSQL, refuses to open a workspace whose originals are encrypted without its key',
    async () => {
      const database = await createPostgresDatabase();
      try {
        const keyed = await openRuntime({ databaseUrl: database.url, key: KEY });
        for await (const r of ingestFiles(keyed.ingestContext(null, { extraction: false }), [
          { name: 'r.txt', bytes: Buffer.from(TEXTS[0]!) },
        ]))
          expect(r.status).toBe('ingested');
        await keyed.close();
        await expect(openRuntime({ databaseUrl: database.url, key: null })).rejects.toMatchObject({
          code: 'BAD_KEY',
          message:
            'the originals in this workspace are encrypted and no key is set: set CHRONICLE_KEY to the workspace key',
        });
        const again = await openRuntime({ databaseUrl: database.url, key: KEY });
        const blobs = await again.workspace.db.selectFrom('blobs').select('encryption').execute();
        await again.close();
        expect(blobs.map((b) => b.encryption)).toEqual(['aes-256-gcm']);
      } finally {
        await database.drop();
      }
    },
  );
});
