import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/index.js';
import { openWorkspace } from '../../src/db/connection.js';
import { acceptAllProposals, stageExtraction } from '../../src/record/index.js';
import { newId } from '../../src/shared/ids.js';
import { runMain } from '../helpers/cli.js';
import { ingestText, UFA_TEXT, ufaExtraction } from './record-fixtures.js';

/** Runs the CLI in-process on a SQLite workspace and returns what it printed. */
function run(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runMain(['--data', dataDir, ...args]);
}

const FILES = [
  'case_parties.csv',
  'cases.csv',
  'event_participants.csv',
  'events.csv',
  'organizations.csv',
  'person_names.csv',
  'persons.csv',
  'places.csv',
  'sources.csv',
];

describe('chronicle export / stats --as and --public, and CSV per record type (SQLite)', () => {
  let dataDir: string;
  let out: string;
  let personId: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chronicle-export-conf-'));
    out = mkdtempSync(join(tmpdir(), 'chronicle-export-out-'));
    process.env.CHRONICLE_KEY = '';
    const workspace = await openWorkspace({ dataDir, databaseUrl: '', key: null });
    const { db } = workspace;
    const sourceId = await ingestText(workspace, 'ufa.txt', UFA_TEXT, { publishedAt: '2024-03-13' });
    await db.transaction().execute(async (trx) => {
      await stageExtraction(trx, { sourceId, extraction: ufaExtraction(), extractorVersion: '1', userId: null });
      await acceptAllProposals(trx, null);
    });
    const olga = await createUser(db, null, { username: 'olga', role: 'viewer', password: 'a long enough password' });
    const pavel = await createUser(db, null, { username: 'pavel', role: 'viewer', password: 'a long enough password' });
    await createUser(db, null, { username: 'gone', role: 'admin', password: 'a long enough password' });
    await db.updateTable('users').set({ disabled: 1 }).where('username', '=', 'gone').execute();
    const group = newId();
    await db.insertInto('groups').values({ id: group, name: 'lawyers' }).execute();
    await db.insertInto('user_groups').values({ user_id: pavel.user.id, group_id: group }).execute();
    personId = (await db.selectFrom('persons').select('id').executeTakeFirstOrThrow()).id;
    await db
      .updateTable('persons')
      .set({ confidentiality: 'restricted', notes: '=HYPERLINK("http://evil.example","click")' })
      .execute();
    await db
      .insertInto('record_groups')
      .values({ record_table: 'persons', record_id: personId, group_id: group })
      .execute();
    expect(olga.user.role).toBe('viewer');
    await workspace.close();
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('--format csv --out DIR writes one spreadsheet-friendly file per record type', async () => {
    // A file's name is refused, saying how to write the events alone to a file, and nothing is made.
    const file = join(out, 'events.csv');
    const refused = await run(dataDir, 'export', '--format', 'csv', '--out', file);
    expect([refused.code, refused.stderr.trim()]).toEqual([
      2,
      `chronicle: --out names a folder for --format csv (a file for each record type), not a file like ${file}: for the events alone in one file, chronicle export --format csv > ${file}`,
    ]);
    expect(readdirSync(out)).not.toContain('events.csv');
    const dir = join(out, 'owner');
    const res = await run(dataDir, 'export', '--format', 'csv', '--out', dir);
    expect(res.code, res.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(FILES);
    for (const file of FILES) {
      const bytes = readFileSync(join(dir, file));
      expect([...bytes.subarray(0, 3)], file).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.replace(/\r\n/g, ''), `${file}: CRLF line ends only`).not.toContain('\n');
      const rows = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
      expect(text.split('\r\n')[0]!.length, file).toBeGreaterThan(0);
      if (file !== 'organizations.csv' && file !== 'case_parties.csv') expect(rows.length, file).toBeGreaterThan(0);
    }
    const persons = parse(readFileSync(join(dir, 'persons.csv')), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    expect(persons[0]).toMatchObject({ id: personId, display_name: 'Иван Петров', confidentiality: 'restricted' });
    // A formula is neutralised: the cell starts with ' so a spreadsheet shows it as text.
    expect(persons[0]!.notes).toBe(`'=HYPERLINK("http://evil.example","click")`);
    const events = parse(readFileSync(join(dir, 'events.csv')), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    expect(events.find((e) => e.type === 'detention')).toMatchObject({ date: '2024-03-12', persons: 'Иван Петров' });
    const participants = readFileSync(join(dir, 'event_participants.csv'), 'utf8');
    expect(participants).toContain(personId);
  });

  it('--as exports what that account may see: the group member gets the restricted person, others do not', async () => {
    for (const [user, sees] of [
      ['olga', false],
      ['pavel', true],
    ] as const) {
      const dir = join(out, user);
      expect((await run(dataDir, 'export', '--format', 'csv', '--out', dir, '--as', user)).code).toBe(0);
      const all = FILES.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
      expect(all.includes(personId), user).toBe(sees);
      expect(all.includes('Иван Петров'), user).toBe(sees);
      for (const format of ['json', 'ftm', 'geojson', 'csv']) {
        const res = await run(dataDir, 'export', '--format', format, '--as', user);
        expect(res.code).toBe(0);
        expect(res.stdout.includes('Иван Петров'), `${format} as ${user}`).toBe(sees);
      }
    }
    const owner = await run(dataDir, 'export', '--format', 'ftm');
    expect(owner.stdout).toContain('Иван Петров');
  });

  it('--public exports the public list only; stats --as counts what that account may see', async () => {
    const json = await run(dataDir, 'export', '--format', 'json', '--public');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ items: [] });
    const csv = await run(dataDir, 'export', '--format', 'csv', '--public');
    expect(csv.stdout).toBe('\uFEFFname,status,case,articles,region\r\n');
    for (const format of ['ftm', 'geojson', 'ics'])
      expect((await run(dataDir, 'export', '--format', format, '--public')).stdout).not.toContain('Иван Петров');

    const stats = async (...args: string[]) =>
      JSON.parse((await run(dataDir, 'stats', '--json', ...args)).stdout) as {
        totals: Record<string, { events: number; persons: number }>;
      };
    expect((await stats()).totals.detention).toEqual({ events: 1, persons: 1 });
    expect((await stats('--as', 'pavel')).totals.detention).toEqual({ events: 1, persons: 1 });
    expect((await stats('--as', 'olga')).totals.detention).toEqual({ events: 1, persons: 0 });
  });

  it('--public gives a source by its own file name, not the folders it lay in on the disk it was ingested from', async () => {
    const workspace = await openWorkspace({ dataDir, databaseUrl: '', key: null });
    const path = '/home/anna/Семья Ивановых/письмо.txt';
    const sourceId = await ingestText(workspace, path, 'Суд в Липецке отложил заседание по делу Ильи Публичного.');
    await workspace.db.updateTable('sources').set({ confidentiality: 'public' }).where('id', '=', sourceId).execute();
    await workspace.close();
    const exported = async (...args: string[]) => {
      const res = await run(dataDir, 'export', '--sources', ...args);
      expect(res.code).toBe(0);
      return res.stdout;
    };
    const json = JSON.parse(await exported('--format', 'json', '--public')) as {
      sources: Array<{ id: string; fileName: string }>;
    };
    expect(json.sources.find((s) => s.id === sourceId)?.fileName).toBe('письмо.txt');
    expect(await exported('--format', 'csv', '--public')).not.toContain('Ивановых');
    // The team's own export keeps where it lay.
    expect(await exported('--format', 'json')).toContain(path);
  });

  it('an unknown or disabled account is a one-line error with exit code 1; --as with --public a usage error', async () => {
    for (const args of [
      ['export', '--format', 'json', '--as', 'nobody'],
      ['export', '--format', 'json', '--as', 'gone'],
      ['stats', '--as', 'nobody'],
    ]) {
      const res = await run(dataDir, ...args);
      expect(res.code, args.join(' ')).toBe(1);
      expect(res.stdout).toBe('');
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await run(dataDir, 'export', '--format', 'json', '--as', 'olga', '--public')).code).toBe(2);
  });
});
