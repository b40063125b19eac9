import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/app/runtime.js';
import { runWorker } from '../../src/jobs/index.js';
import { findOcrEngine, type IngestResult, ingestFiles } from '../../src/sources/index.js';
import { expectAccessible, SKIP, signedInSuite } from './harness.js';

/** A photographed page read by the machine's OCR program, as a documentalist then finds it in Chromium. */
const SLOW = 120_000;
const engine = await findOcrEngine({});
if (!engine && process.env.CI === 'true' && !SKIP) throw new Error('CI=true and no Tesseract with Russian data here');

/** Stores a picture from test/fixtures/images under `name`, as an upload would; its source id. */
async function storeScan(runtime: Runtime, fixture: string, name: string): Promise<string> {
  const bytes = new Uint8Array(readFileSync(new URL(`../fixtures/images/${fixture}`, import.meta.url)));
  const results: IngestResult[] = [];
  for await (const r of ingestFiles(runtime.ingestContext(null), [{ name, bytes }])) results.push(r);
  return results[0]!.sourceId!;
}

/** What `chronicle serve` does in the background: OCR, then the extraction of what it read. */
async function readQueuedScans(runtime: Runtime): Promise<void> {
  await runWorker({ db: runtime.workspace.db, handlers: await runtime.jobHandlers(null), exitWhenIdle: true });
}

describe.skipIf(SKIP || !engine)('a scan read by OCR, in Chromium', () => {
  let photoId = '';
  const suite = signedInSuite(
    'chronicle-e2e-ocr-',
    { username: 'e2e-ocr', password: 'e2e correct horse battery staple', role: 'editor' },
    {
      timeout: SLOW,
      beforeServer: async (runtime) => {
        photoId = await storeScan(runtime, 'ocr-ru.png', 'IMG_0414.PNG');
        await readQueuedScans(runtime);
      },
    },
  );

  it(
    'shows the text OCR read, says it is a machine’s reading to check, and offers it for correction',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/sources/${photoId}?lang=en`);
      await page.getByText('This text was read off the scan by an OCR program (tesseract').waitFor();
      await page.getByRole('region', { name: 'Text' }).getByText('Суд арестовал Петра Вымышленного').waitFor();
      expect(await page.getByLabel('Text of the page').inputValue()).toContain('Суд арестовал Петра Вымышленного');
      await page.getByRole('img', { name: 'Scan or photo of IMG_0414.PNG' }).waitFor();
      await expectAccessible(page, 'scan read by OCR');
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'says a scan is being read while OCR runs, and shows its text when it ends, without a reload',
    async () => {
      const noticeId = await storeScan(suite.runtime, 'scan.png', 'notice.png');
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/sources/${noticeId}?lang=en`);
      await page.getByRole('status').getByText('Being read by OCR').waitFor();
      await expectAccessible(page, 'scan being read by OCR');
      await readQueuedScans(suite.runtime);
      await page.getByRole('region', { name: 'Text' }).getByText('Invented notice').waitFor();
      expect(await page.getByText('Being read by OCR').count()).toBe(0);
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'marks a scan in the source list as being read while OCR runs, not as one to transcribe, until its text comes',
    async () => {
      await storeScan(suite.runtime, 'scan.jpg', 'order.jpg');
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/sources?lang=en`);
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'order.jpg' }) });
      await row.getByText('Being read by OCR').waitFor();
      expect(await row.getByText('To transcribe').count()).toBe(0);
      await expectAccessible(page, 'source list with a scan being read by OCR');
      await readQueuedScans(suite.runtime);
      // The list looks again by itself while a row is being read; the badge goes once the text is read.
      await row.getByText('Being read by OCR').waitFor({ state: 'detached', timeout: 15_000 });
      expect(await row.getByText('To transcribe').count()).toBe(0);
      expect(problems).toEqual([]);
    },
    SLOW,
  );
});
