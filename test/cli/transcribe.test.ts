import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';
import { UFA_TEXT } from '../integration/record-fixtures.js';

const PHOTO = fileURLToPath(new URL('../fixtures/images/scan.jpg', import.meta.url));

describe('chronicle transcribe (SQLite)', () => {
  let dir: string;
  let data: string;
  // A person's transcription, here of text from an OCR program elsewhere: Chronicle's own OCR stays out of it.
  const run = (...args: string[]) => runMain(['--data', data, ...args], { CHRONICLE_KEY: '', CHRONICLE_OCR: 'off' });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-transcribe-'));
    data = join(dir, 'data');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives a photo the text an OCR program read off it, in its code page, and extracts it', async () => {
    const ingested = await run('ingest', '--json', PHOTO);
    expect(ingested.code, ingested.stderr).toBe(0);
    const { sourceId, warnings } = JSON.parse(ingested.stdout.trim()) as { sourceId: string; warnings: string[] };
    expect(warnings).toContain(
      'the image records where it was taken (GPS): that place is in its metadata and its original, ' +
        'which can identify whoever took it',
    );
    // Without --json the warnings follow the file's line.
    const plain = await run(
      'ingest',
      '--no-extract',
      fileURLToPath(new URL('../fixtures/images/scan.png', import.meta.url)),
    );
    expect(plain.stdout).toMatch(/^ingested {3}.*scan\.png/);
    expect(plain.stderr).toContain('  warning: an image: its text needs OCR or a transcription\n');
    expect((await run('search', '--json', 'задержан')).stdout).toContain('"total":0');

    // What an older OCR program writes on Windows: Windows-1251.
    const ocr = join(dir, 'page.txt');
    writeFileSync(ocr, iconv.encode(UFA_TEXT, 'win1251'));
    const result = await run('transcribe', '--json', sourceId, ocr);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ sourceId, characters: UFA_TEXT.length, proposalsRemoved: 0 });
    expect(result.stderr).toMatch(/extracted 1 source/);

    const found = JSON.parse((await run('search', '--json', 'задержан')).stdout) as {
      total: number;
      results: Array<{ sourceId: string }>;
    };
    expect(found.results.map((r) => r.sourceId)).toEqual([sourceId]);
    const proposals = await run('review', 'list', '--json', '--source', sourceId);
    expect(JSON.parse(proposals.stdout).total).toBeGreaterThan(0);
  });

  it('refuses a report whose text its file holds, naming why, with exit code 1', async () => {
    const report = join(dir, 'report.txt');
    writeFileSync(report, UFA_TEXT);
    const { sourceId } = JSON.parse((await run('ingest', '--json', '--no-extract', report)).stdout.trim());
    const result = await run('transcribe', sourceId, report);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('only a scan, a photo or a recording without readable text can be transcribed');
  });
});
