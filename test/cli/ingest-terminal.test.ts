import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

/** A path for `sh -c`: in single quotes, a quote in it closed, escaped and opened again. */
const quoted = (path: string) => `'${path.replaceAll("'", `'\\''`)}'`;

/**
 * Runs `chronicle ARGS` with stderr, and stdout unless `stdoutTo` names a file, on a terminal (util-linux `script`
 * gives it one), and returns its exit code and the lines the terminal showed, without the bar's escape codes.
 */
function onTerminal(args: string[], stdoutTo?: string): { code: number | null; shown: string[] } {
  const command = [process.execPath, CLI, ...args].map(quoted).join(' ');
  const run = spawnSync('script', ['-qec', stdoutTo ? `${command} > ${quoted(stdoutTo)}` : command, '/dev/null'], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', CHRONICLE_KEY: '' },
  });
  if (run.error) throw run.error;
  const shown = run.stdout
    .replace(/\x1b(?:\[[0-9;?]*[A-Za-z]|[78])/g, '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^.*\r/, ''));
  return { code: run.status, shown };
}

describe('chronicle ingest watched on a terminal', () => {
  let dir: string;
  let reports: string;
  const SAID = 'В Омске задержали активистку Веру Придумкину за одиночный пикет.\n';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-cli-terminal-'));
    reports = join(dir, 'reports');
    mkdirSync(reports);
    writeFileSync(join(reports, 'a-omsk.txt'), SAID);
    // The same text behind a byte-order mark: other bytes, so a near-duplicate.
    writeFileSync(join(reports, 'b-omsk-bom.txt'), `\ufeff${SAID}`);
    // 0xFF is never UTF-8: the reader warns that it replaced it.
    writeFileSync(
      join(reports, 'c-perm-broken.txt'),
      Buffer.concat([
        Buffer.from('В Перми задержали студента Глеба '),
        Buffer.from([0xff]),
        Buffer.from(' Небылицына.'),
      ]),
    );
    writeFileSync(join(reports, 'd-empty.txt'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every result line to stdout redirected to a file while the progress bar is on the terminal', () => {
    const ids = join(dir, 'ids.txt');
    const { code, shown } = onTerminal(
      ['--data', join(dir, 'data-redirected'), 'ingest', '--no-extract', reports],
      ids,
    );
    expect(code).toBe(1);
    expect(shown.some((line) => line.startsWith('ingesting ['))).toBe(true);
    const written = readFileSync(ids, 'utf8');
    expect(written).toMatch(/^ingested\s+\S+a-omsk\.txt {2}\S+$/m);
    expect(written).toMatch(/^ingested\s+\S+b-omsk-bom\.txt {2}\S+ {2}\(near-duplicate of \S+\)$/m);
    expect(written).toMatch(/^ingested\s+\S+c-perm-broken\.txt {2}\S+$/m);
    expect(written).not.toContain('d-empty.txt');
    expect(shown).toContain(
      `warning    ${join(reports, 'c-perm-broken.txt')}: some bytes could not be decoded and were replaced with U+FFFD`,
    );
    expect(shown).toContain(
      `failed     ${join(reports, 'd-empty.txt')}: the file is empty (0 bytes): nothing to store`,
    );
  });

  it('shows under the bar, each naming its file, the failures, warnings, near-duplicates and captures kept', () => {
    const data = join(dir, 'data-terminal');
    const { code, shown } = onTerminal(['--data', data, 'ingest', '--no-extract', reports]);
    expect(code).toBe(1);
    expect(shown.some((line) => line.startsWith('ingesting ['))).toBe(true);
    expect(shown).toContainEqual(
      expect.stringMatching(/^ingested\s+\S+b-omsk-bom\.txt {2}\S+ {2}\(near-duplicate of \S+\)$/),
    );
    expect(shown).toContain(
      `warning    ${join(reports, 'c-perm-broken.txt')}: some bytes could not be decoded and were replaced with U+FFFD`,
    );
    expect(shown).toContain(
      `failed     ${join(reports, 'd-empty.txt')}: the file is empty (0 bytes): nothing to store`,
    );
    // A file's line with nothing more to say would scroll the bar away: the summary counts it.
    expect(shown.join('\n')).not.toMatch(/^ingested\s+\S+a-omsk\.txt/m);
    expect(shown).toContainEqual(expect.stringMatching(/^3 ingested, 0 duplicates, 1 failed in/));

    // The same bytes under another name: a duplicate from somewhere new, kept as a capture of its source.
    const copy = join(dir, 'omsk-forwarded.txt');
    copyFileSync(join(reports, 'a-omsk.txt'), copy);
    const again = onTerminal(['--data', data, 'ingest', '--no-extract', copy]).shown;
    expect(again.filter((line) => line.startsWith(`duplicate  ${copy}  `))).toEqual([
      expect.stringMatching(/ {2}\(stored before: where it came from this time is kept with it\)$/),
    ]);
  });
});
