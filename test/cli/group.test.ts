import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('chronicle group', () => {
  let dir: string;
  let data: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-group-'));
    data = join(dir, 'data');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The ids of the sources `user` may export. */
  const exportedAs = async (user: string) => {
    const result = await runCli(['--data', data, 'export', '--format', 'json', '--sources', '--as', user]);
    expect(result.code).toBe(0);
    return (JSON.parse(result.stdout) as { sources: Array<{ id: string }> }).sources.map((s) => s.id);
  };

  it('makes a group, puts an account in it and lets it read a restricted source given to it', async () => {
    const ingest = await runCli(['--data', data, 'ingest', '--json', '--confidentiality', 'restricted', '-'], {
      input: 'Показания сестры Игната Охраняемого о задержании.',
    });
    const { sourceId } = JSON.parse(ingest.stdout) as { sourceId: string };
    expect((await runCli(['--data', data, 'user', 'add', 'olga', '--role', 'viewer'])).code).toBe(0);
    expect(await exportedAs('olga')).toEqual([]);

    expect((await runCli(['--data', data, 'group', 'add', 'Защита'])).stdout.trim()).toBe('created group Защита');
    expect((await runCli(['--data', data, 'group', 'add-member', 'защита', 'olga'])).stdout.trim()).toBe(
      'Защита: olga · 0 records',
    );
    const granted = await runCli(['--data', data, 'group', 'grant', 'Защита', 'sources', sourceId]);
    expect(granted.stdout.trim()).toBe(`sources/${sourceId}: Защита`);
    expect(await exportedAs('olga')).toEqual([sourceId]);
    const listed = await runCli(['--data', data, 'group', 'list', '--json']);
    // The source and what its extraction proposed (a person, an event), which are read by whoever reads the source.
    expect(JSON.parse(listed.stdout)).toEqual([
      { id: expect.any(String), name: 'Защита', members: ['olga'], records: 3 },
    ]);

    const revoked = await runCli(['--data', data, 'group', 'revoke', 'Защита', 'sources', sourceId]);
    expect(revoked.stdout.trim()).toBe(`sources/${sourceId}: no groups`);
    expect(await exportedAs('olga')).toEqual([]);
  });

  it("source set corrects a source's details, judges its reliability and sets its confidentiality", async () => {
    const ingest = await runCli(['--data', data, 'ingest', '--json', '-'], {
      input: 'Суд в Пскове оштрафовал Зиновия Исправляемого.',
    });
    const { sourceId } = JSON.parse(ingest.stdout) as { sourceId: string };
    const set = await runCli([
      '--data',
      data,
      'source',
      'set',
      sourceId,
      '--publisher',
      'Выдуманный монитор',
      '--reliability',
      'B',
    ]);
    expect(set.stdout.trim().split('\n')).toEqual([
      `${sourceId}: publisher (none) → Выдуманный монитор`,
      `${sourceId}: reliability (none) → B`,
    ]);
    const json = await runCli(['--data', data, 'source', 'set', sourceId, '--confidentiality', 'restricted', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({
      sourceId,
      before: { confidentiality: 'internal' },
      after: { confidentiality: 'restricted' },
    });
    expect(await exportedAs('olga')).not.toContain(sourceId);
    const noted = await runCli(['--data', data, 'source', 'set', sourceId, '--notes', 'Прислали родственники.']);
    expect(noted.stdout.trim()).toBe(`${sourceId}: notes (none) → Прислали родственники.`);
    const cleared = await runCli(['--data', data, 'source', 'set', sourceId, '--reliability', '']);
    expect(cleared.stdout.trim()).toBe(`${sourceId}: reliability B → (none)`);
    const bad = await runCli(['--data', data, 'source', 'set', sourceId, '--published-at', '2024-02-30']);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      'chronicle: --published-at must be a real date like 2024-03-15, not "2024-02-30"',
    ]);
    const none = await runCli(['--data', data, 'source', 'set', sourceId]);
    expect(none.code).toBe(2);
    const unknown = await runCli(['--data', data, 'source', 'set', '01NOSUCHSOURCE0000000000000', '--title', 'x']);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([1, 'chronicle: no source 01NOSUCHSOURCE0000000000000']);
  });

  it('says what is wrong in one line: a table records have no groups in, a group that is not there', async () => {
    const table = await runCli(['--data', data, 'group', 'grant', 'Защита', 'users', 'x']);
    expect([table.code, table.stderr.trim()]).toEqual([
      2,
      'chronicle: the record\'s table is one of sources, persons, cases, events, organizations, not "users"',
    ]);
    const missing = await runCli(['--data', data, 'group', 'add-member', 'Нет такой', 'olga']);
    expect([missing.code, missing.stderr.trim()]).toEqual([1, 'chronicle: no group Нет такой']);
    const twice = await runCli(['--data', data, 'group', 'add', 'ЗАЩИТА']);
    expect([twice.code, twice.stderr.trim()]).toEqual([1, 'chronicle: a group Защита exists']);
    const renamed = await runCli(['--data', data, 'group', 'rename', 'Защита', 'Защита Севера']);
    expect(renamed.stdout.trim()).toBe('Защита Севера: olga · 0 records');
    // Given no record since the revoke, the group can go.
    const removed = await runCli(['--data', data, 'group', 'remove', 'Защита Севера']);
    expect([removed.code, removed.stdout.trim()]).toEqual([0, 'deleted group Защита Севера']);
    expect((await runCli(['--data', data, 'group', 'list'])).stdout.trim()).toBe(
      'no groups yet: chronicle group add NAME',
    );
  });
});
