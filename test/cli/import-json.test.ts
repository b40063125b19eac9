import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';

describe('chronicle import json of a file that is not an export', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-import-json-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const refused = async (name: string, content: string) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    const data = join(dir, `data-${name}`);
    const result = await runMain(['--data', data, 'import', 'json', file]);
    return { ...result, file, created: existsSync(data) };
  };

  it('says where the file stops being JSON, in one line, and creates no workspace', async () => {
    const text = await refused('text.json', 'not json\n');
    expect(text.code).toBe(1);
    expect(text.stderr).toBe(`chronicle: ${text.file} is not JSON: unexpected "o" at line 1, column 2\n`);
    expect(text.created).toBe(false);
    const broken = await refused('broken.json', '{\n  "format": "chronicle-record",\n  "tables": {,}\n}\n');
    expect(broken.stderr).toBe(`chronicle: ${broken.file} is not JSON: unexpected "," at line 3, column 14\n`);
    const cut = await refused('cut.json', '{"format": "chronicle-record", "tables": {');
    expect(cut.stderr).toBe(`chronicle: ${cut.file} is not JSON: it ends before its last value does\n`);
  });

  it('refuses JSON that is not a record export before it creates the workspace', async () => {
    const other = await refused('other.json', '{"persons": []}');
    expect(other.code).toBe(1);
    expect(other.stderr).toBe('chronicle: not a chronicle-record export\n');
    expect(other.created).toBe(false);
  });

  it("names Chronicle's other exports, made for real, when they are given to import json", async () => {
    const data = join(dir, 'exporting');
    const text = join(dir, 'report.txt');
    writeFileSync(text, 'В Казани задержали активистку Зою Примерову.\n');
    expect((await runMain(['--data', data, 'ingest', text])).code).toBe(0);
    const kinds: Array<[string[], string]> = [
      [['--format', 'json', '--sources'], 'a list of sources (`chronicle export --sources`), which carries no record'],
      [['--format', 'json', '--public'], 'a public list (`chronicle export --public`)'],
      [['--format', 'geojson'], 'a map of events (`chronicle export --format geojson`)'],
    ];
    for (const [flags, what] of kinds) {
      const file = join(dir, `export${flags.join('')}.json`);
      const exported = await runMain(['--data', data, 'export', ...flags, '--out', file]);
      expect(exported.code, exported.stderr).toBe(0);
      const result = await runMain(['--data', data, 'import', 'json', file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `chronicle: not a chronicle-record export: this is ${what}; import json takes what ` +
          '`chronicle export --format json` writes without --sources or --public\n',
      );
    }
  });
});
