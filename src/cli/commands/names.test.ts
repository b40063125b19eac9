import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runMain } from '../../../test/helpers/cli.js';

const PAIRS = 'Ринат Гайнуллин\tRinat Gaynullin\nРинат Гайнуллин\tОльга Петровская\nЩукин Фёдор\tFyodor Shchukin\n';
const EXPECTED = /^0\.\d+\ttrue\n0(\.\d+)?\tfalse\n0\.\d+\ttrue\n$/;

describe('chronicle names compare', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-names-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());

  const tsvFile = (name: string, bytes: Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('reads a Windows-1251 TSV from standard input', async () => {
    const bytes = iconv.encode('Ринат Гайнуллин\tОльга Петровская\nРинат Гайнуллин\tRinat Gaynullin\n', 'windows-1251');
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([bytes]) as unknown as typeof process.stdin);
    const result = await runMain(['names', 'compare', '--tsv', '-']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^0(\.\d+)?\tfalse\n0\.\d+\ttrue\n$/);
  });

  it('reads a TSV file in UTF-8 with or without BOM, UTF-16 with BOM, Windows-1251 or KOI8-R', async () => {
    const files = {
      'utf8.tsv': Buffer.from(PAIRS, 'utf8'),
      'utf8-bom.tsv': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PAIRS, 'utf8')]),
      'utf16le.tsv': iconv.encode(PAIRS, 'utf-16le', { addBOM: true }),
      'utf16be.tsv': iconv.encode(PAIRS, 'utf-16be', { addBOM: true }),
      'cp1251.tsv': iconv.encode(PAIRS, 'windows-1251'),
      'koi8r.tsv': iconv.encode(PAIRS, 'koi8-r'),
    };
    for (const [name, bytes] of Object.entries(files)) {
      const result = await runMain(['names', 'compare', '--tsv', tsvFile(name, bytes)]);
      expect(result.code, name).toBe(0);
      expect(result.stdout, name).toMatch(EXPECTED);
    }
  });

  it('prints 0<TAB>false for a TSV line whose name has no letters', async () => {
    const path = tsvFile('letterless.tsv', Buffer.from('☺☺ ☺☺☺\t★ ★★★\nРинат Гайнуллин\t1990\n', 'utf8'));
    const result = await runMain(['names', 'compare', '--tsv', path]);
    expect(result).toMatchObject({ code: 0, stdout: '0\tfalse\n0\tfalse\n' });
  });

  it('keeps a row for a TSV line without two tab-separated names, and says which line it was', async () => {
    const path = tsvFile(
      'semicolons.tsv',
      Buffer.from('Ринат Гайнуллин\tRinat Gaynullin\nИван Петров;Ivan Petrov\n\tIvan\n'),
    );
    const result = await runMain(['names', 'compare', '--tsv', path]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^0\.\d+\ttrue\n0\tfalse\n0\tfalse\n$/);
    expect(result.stderr).toBe(
      'chronicle: warning: line 2: two names separated by a tab expected\n' +
        'chronicle: warning: line 3: two names separated by a tab expected\n',
    );
  });

  it('rejects an empty or letterless name as a usage error naming the argument', async () => {
    const cases = [
      { args: ['☺☺ ☺☺☺', '★ ★★★'], name: 'name A' },
      { args: ['Ринат Гайнуллин', '12 345'], name: 'name B' },
      { args: ['', ''], name: 'name A' },
      { args: ['Ринат Гайнуллин', ' '], name: 'name B' },
    ];
    for (const { args, name } of cases) {
      const result = await runMain(['names', 'compare', ...args]);
      expect(result.code, args.join(' / ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(name);
    }
  });

  it('names a directory given as the TSV in a one-line error', async () => {
    const result = await runMain(['names', 'compare', '--tsv', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(dir)]);
    expect(result.stderr).not.toContain('EISDIR');
  });
});
