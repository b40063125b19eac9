import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOcrEngine } from '../../src/sources/index.js';
import { runCli } from '../helpers/cli.js';

const engine = await findOcrEngine({});
if (!engine && process.env.CI === 'true') throw new Error('CI=true and no Tesseract with Russian data on this machine');
const photo = fileURLToPath(new URL('../fixtures/images/ocr-ru.png', import.meta.url));

describe('chronicle ocr', () => {
  let dir: string;
  let data: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-cli-ocr-'));
    data = join(dir, 'data');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says what it needs when the machine has no OCR program, or when no source is named', async () => {
    // ocr creates no workspace: this one is made by storing a report.
    const other = join(dir, 'other');
    await runCli(['--data', other, 'ingest', '--no-extract', '-'], { input: 'Задержан Иван Иванов.' });
    const off = await runCli(['--data', other, 'ocr', '--all'], { env: { CHRONICLE_OCR: 'off' } });
    expect(off.code).toBe(1);
    expect(off.stderr).toMatch(/no OCR program here: install Tesseract with its Russian data/);
    const none = await runCli(['--data', data, 'ocr']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/name the sources to read, or give --all/);
  });

  it.skipIf(!engine)('reads a scan stored before OCR was there, which is then found by a word on it', async () => {
    const stored = await runCli(['--data', data, 'ingest', '--json', photo], { env: { CHRONICLE_OCR: 'off' } });
    const { sourceId } = JSON.parse(stored.stdout.trim());
    const before = await runCli(['--data', data, 'search', '--json', 'Вымышленного']);
    expect(JSON.parse(before.stdout).total).toBe(0);

    const read = await runCli(['--data', data, 'ocr', '--all']);
    expect(read.code).toBe(0);
    expect(read.stdout).toBe(`queued 1 source for OCR by ${engine!.name}\n`);
    expect(read.stderr).toMatch(/read 1 scan by OCR with tesseract \S+ \(rus\+eng\), extracted 1 source in/);
    const after = JSON.parse((await runCli(['--data', data, 'search', '--json', 'арестован Вымышленный'])).stdout);
    expect(after.results.map((r: { sourceId: string }) => r.sourceId)).toEqual([sourceId]);
    // Read already: named again, it is left as it is.
    const again = await runCli(['--data', data, 'ocr', '--json', sourceId]);
    expect(JSON.parse(again.stdout)).toEqual({ queued: [], skipped: [{ sourceId, reason: 'it has a text already' }] });
  });

  it.skipIf(!engine)('counts a scan extracted before and after OCR read it as the one source it is', async () => {
    const stored = await runCli(['--data', join(dir, 'scan-data'), 'ingest', photo]);
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stderr).toMatch(/read 1 scan by OCR with tesseract \S+ \(rus\+eng\), extracted 1 source in/);
  });
});
