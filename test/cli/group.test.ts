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
    expect(JSON.parse(listed.stdout)).toEqual([
      { id: expect.any(String), name: 'Защита', members: ['olga'], records: 1 },
    ]);

    const revoked = await runCli(['--data', data, 'group', 'revoke', 'Защита', 'sources', sourceId]);
    expect(revoked.stdout.trim()).toBe(`sources/${sourceId}: no groups`);
    expect(await exportedAs('olga')).toEqual([]);
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
  });
});
