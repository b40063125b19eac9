import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runMain, startCli } from '../helpers/cli.js';

describe('chronicle CLI contracts (DESIGN §7)', () => {
  let dir: string;
  let data: string;
  let reports: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-cli-'));
    data = join(dir, 'data');
    reports = join(dir, 'reports');
    mkdirSync(join(reports, 'deeper'), { recursive: true });
    writeFileSync(
      join(reports, 'ufa.txt'),
      'Сегодня в Уфе задержали активиста Ивана Тестова. Задержания продолжаются.',
    );
    writeFileSync(
      join(reports, 'perm.txt'),
      'Police in Perm were detaining protesters on Monday; Anna Primerova was detained.',
    );
    writeFileSync(
      join(reports, 'copy-of-ufa.txt'),
      'Сегодня в Уфе задержали активиста Ивана Тестова. Задержания продолжаются.',
    );
    writeFileSync(join(reports, 'deeper', 'kazan.md'), '# Казань\n\nСуд приговорил Олега Выдуманова к шести годам.');
    writeFileSync(join(reports, 'broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntruncated');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ingest --json prints one result object per file, reports duplicates, and exits 1 when a file failed', async () => {
    const result = await runCli(['--data', data, 'ingest', '--json', '--recursive', reports]);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(Object.keys(line).slice(0, 4)).toEqual(['file', 'status', 'sourceId', 'error']);
    const byFile = new Map(lines.map((l) => [String(l.file).split('/').pop(), l]));
    // Folders are read in name order: copy-of-ufa.txt comes first, so ufa.txt (the same bytes) is its duplicate.
    expect(byFile.get('copy-of-ufa.txt')).toMatchObject({ status: 'ingested', error: null });
    // Under another name: kept as a capture of that source.
    expect(byFile.get('ufa.txt')).toMatchObject({
      status: 'duplicate',
      sourceId: byFile.get('copy-of-ufa.txt')!.sourceId,
      captureKept: true,
    });
    expect(byFile.get('kazan.md')?.status).toBe('ingested');
    expect(byFile.get('broken.pdf')).toMatchObject({ status: 'failed', sourceId: null });
    expect(String(byFile.get('broken.pdf')!.error)).toContain('broken.pdf');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/3 ingested, 1 duplicate \(1 from somewhere new, kept with its source\), 1 failed/);
  });

  it('ingest says which files stored before came from somewhere new, and keeps nothing for a folder given again', async () => {
    const again = await runCli(['--data', data, 'ingest', '--recursive', reports]);
    expect(again.stdout).toMatch(/^duplicate\s+\S+perm\.txt {2}\S+$/m);
    expect(again.stderr).toMatch(/0 ingested, 4 duplicates, 1 failed/);
    const mirrored = await runCli([
      '--data',
      data,
      'ingest',
      '--url',
      'https://example.org/perm',
      join(reports, 'perm.txt'),
    ]);
    expect(mirrored.stdout).toMatch(
      /^duplicate\s+\S+perm\.txt {2}\S+ {2}\(stored before: where it came from this time is kept with it\)$/m,
    );
    expect(mirrored.stderr).toMatch(/0 ingested, 1 duplicate \(1 from somewhere new, kept with its source\), 0 failed/);
  });

  it('ingest --json answers in the order of the paths given, a missing one in its place', async () => {
    const missing = join(reports, 'gone.txt');
    const paths = [join(reports, 'perm.txt'), missing, join(reports, 'deeper', 'kazan.md')];
    const result = await runCli(['--data', join(dir, 'data-order'), 'ingest', '--json', ...paths]);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; status: string; error: string | null });
    expect(lines.map((l) => [l.file, l.status])).toEqual([
      [paths[0], 'ingested'],
      [missing, 'failed'],
      [paths[2], 'ingested'],
    ]);
    expect(lines[1]!.error).toBe(`${missing}: no such file or folder`);
    expect(result.code).toBe(1);
  });

  it('ingests standard input with the metadata given', async () => {
    const result = await runCli(
      [
        '--data',
        data,
        'ingest',
        '--json',
        '--title',
        'Записка',
        '--published-at',
        '2025-03-14',
        '--confidentiality',
        'restricted',
        '-',
      ],
      {
        input: 'Вчера в Томске прошёл обыск у журналистки Марии Образцовой.',
      },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ file: 'stdin', status: 'ingested' });
  });

  it('search --json finds an inflected Russian word and returns the contract shape', async () => {
    const result = await runCli(['--data', data, 'search', '--json', 'задержан']);
    expect(result.code).toBe(0);
    const found = JSON.parse(result.stdout) as { total: number; results: Array<Record<string, unknown>> };
    expect(found.total).toBe(1);
    expect(Object.keys(found.results[0]!)).toEqual(expect.arrayContaining(['sourceId', 'title', 'snippet', 'score']));
    expect(String(found.results[0]!.snippet)).toContain('задержали');
    expect(found.results[0]!.fileName).toBe(join(reports, 'copy-of-ufa.txt'));
    // Untitled, as a plain-text file is: named by its file.
    const plain = await runCli(['--data', data, 'search', 'задержан']);
    expect(plain.stdout).toMatch(/^copy-of-ufa\.txt {2}· {2}\S+/m);
    expect(plain.stdout).not.toContain('(untitled)');
  });

  it('search finds English inflections too', async () => {
    const result = await runCli(['--data', data, 'search', '--json', 'detained']);
    const found = JSON.parse(result.stdout) as { total: number };
    expect(found.total).toBe(1);
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await runCli(['--data', data, 'search'])).code).toBe(2);
    expect((await runCli(['--data', data, 'no-such-command'])).code).toBe(2);
    const badDate = await runCli(['--data', data, 'ingest', '--published-at', 'yesterday', '-'], { input: 'x' });
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/^chronicle: .*published-at/m);
    const twice = await runCli(['--data', data, 'ingest', '-', '-'], { input: 'Задержан участник пикета.' });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('chronicle: - (standard input) can be given once');
    const secret = await runCli(['--data', data, 'ingest', '--confidentiality', 'secret', '-'], { input: 'x' });
    expect([secret.code, secret.stderr.trim()]).toEqual([
      2,
      'chronicle: --confidentiality is one of public, internal, restricted, not "secret"',
    ]);
  });

  it('exports the sources as CSV with a BOM and as JSON that parses', async () => {
    const out = join(dir, 'sources.csv');
    expect((await runCli(['--data', data, 'export', '--format', 'csv', '--sources', '--out', out])).code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\n')[0]).toContain('id,title');
    expect(csv.split('\r\n')[0]!.endsWith(',needsOcr,reliability')).toBe(true);
    const json = await runCli(['--data', data, 'export', '--format', 'json', '--sources']);
    // three distinct files from the folder, one from standard input
    const { sources } = JSON.parse(json.stdout) as {
      sources: Array<{ fileName: string; captures: Array<{ fileName: string; url: string | null }> }>;
    };
    expect(sources).toHaveLength(4);
    // Each with the other times it came in: ufa.txt beside its copy, perm.txt given again with an address.
    const captures = (name: string) =>
      sources.find((s) => s.fileName.endsWith(name))!.captures.map((c) => [c.fileName.split('/').pop(), c.url]);
    expect(captures('copy-of-ufa.txt')).toEqual([['ufa.txt', null]]);
    expect(captures('perm.txt')).toEqual([['perm.txt', 'https://example.org/perm']]);
    expect(captures('kazan.md')).toEqual([]);
    // Standard input was stored restricted, as asked.
    expect(sources.find((s) => s.fileName === 'stdin')).toMatchObject({
      title: 'Записка',
      confidentiality: 'restricted',
    });
  });

  it('refuses an export format outside the contract with a usage error', async () => {
    const result = await runCli(['--data', data, 'export', '--format', 'xml']);
    expect(result.code).toBe(2);
  });

  it('refuses --sources with a format that has no sources-only form, rather than export the whole record', async () => {
    for (const format of ['ftm', 'geojson', 'ics']) {
      const result = await runMain(['--data', data, 'export', '--format', format, '--sources']);
      expect(result.code, format).toBe(2);
      expect(result.stdout, format).toBe('');
      expect(result.stderr, format).toBe(`chronicle: --sources works with --format json and csv, not ${format}\n`);
    }
  });

  it('serve prints its URL, answers /healthz, and stops cleanly on SIGTERM', async () => {
    const { child, match, stderr } = await startCli(
      ['--data', data, 'serve', '--port', '0'],
      /running at (http:\/\/\S+)/,
    );
    const health = await fetch(`${match[1]}/healthz`);
    expect(health.status).toBe(200);
    // Its log holds internal errors only (src/server/errors.test.ts): no line a request, which would name a search.
    expect((await fetch(`${match[1]}/api/v1/search?q=${encodeURIComponent('Смирнов')}`)).status).toBe(401);
    expect(stderr()).not.toMatch(/"level"|Смирнов/);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('serve warns when it listens beyond this machine over plain HTTP, not on the loopback or behind a proxy', async () => {
    const open = await startCli(
      ['--data', data, 'serve', '--host', '0.0.0.0', '--port', '0'],
      /running at (http:\/\/\S+)/,
    );
    const loopback = await startCli(
      ['--data', data, 'serve', '--port', '0', '--no-worker'],
      /running at (http:\/\/\S+)/,
    );
    const proxied = await startCli(
      ['--data', data, 'serve', '--host', '0.0.0.0', '--port', '0', '--no-worker'],
      /running at (http:\/\/\S+)/,
      { env: { CHRONICLE_TRUST_PROXY: '127.0.0.1' } },
    );
    try {
      // stderr and stdout are separate pipes: the warning, written first, may arrive after the URL.
      for (let i = 0; i < 100 && !open.stderr().includes('plain HTTP'); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(open.stderr()).toContain('chronicle: warning: listening on 0.0.0.0, beyond this machine, over plain HTTP');
      expect((await fetch(`${loopback.match[1]}/healthz`)).status).toBe(200);
      expect(loopback.stderr()).not.toContain('plain HTTP');
      expect(proxied.stderr()).not.toContain('plain HTTP');
    } finally {
      open.child.kill('SIGTERM');
      loopback.child.kill('SIGTERM');
      proxied.child.kill('SIGTERM');
    }
  });
});
