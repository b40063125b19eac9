import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type IngestResult, ingestFiles } from '../../src/sources/index.js';
import { onPath } from '../../src/sources/programs.js';
import { makePhotographedPdf, makeZip } from '../fixtures/documents.js';
import { expectAccessible, SCREENSHOTS, SKIP, signedInSuite } from './harness.js';

/**
 * A photographed page end to end: shown beside the form, transcribed by an editor, and from then on the source's
 * text, in Debian's Chromium with the axe check.
 */
const SLOW = 120_000;

const TRANSCRIPTION =
  'ПОСТАНОВЛЕНИЕ\nоб избрании меры пресечения\n\nСуд постановил избрать Петру Вымышленному меру пресечения в виде заключения под стражу.';

/** A picture once loaded, as its natural width and the query it was asked with: '600 ?page=2'; null before. */
function loadedPicture(picture: Locator): Promise<string | null> {
  return picture.evaluate((element) => {
    const img = element as unknown as { complete: boolean; naturalWidth: number; src: string };
    return img.complete && img.naturalWidth > 0 ? `${img.naturalWidth} ${new URL(img.src).search}` : null;
  });
}

describe.skipIf(SKIP)('transcribing a photographed page in Chromium', () => {
  let photoId = '';
  let voiceId = '';
  let archiveId = '';
  let scannedPdfId = '';
  let faxId = '';
  let djvuId = '';
  const suite = signedInSuite(
    'chronicle-e2e-transcription-',
    { username: 'e2e-transcriber', password: 'e2e correct horse battery staple', role: 'editor' },
    {
      timeout: SLOW,
      // A machine without Tesseract: a person reads the scans (test/e2e/ocr.test.ts has the machine read them).
      ocr: null,
      beforeServer: async (runtime) => {
        const photo = new Uint8Array(readFileSync(new URL('../fixtures/images/scan.jpg', import.meta.url)));
        const voice = new Uint8Array(readFileSync(new URL('../fixtures/recordings/voice.ogg', import.meta.url)));
        const results: IngestResult[] = [];
        const archive = makeZip({
          'обыск.txt': 'В Твери прошёл обыск у Павла Небывалого.',
          'таблица.bin': new Uint8Array([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7]),
        });
        const files = [
          { name: 'IMG_0412.JPG', bytes: photo },
          { name: 'PTT-20261205-WA0003.opus', bytes: voice },
          { name: 'от-адвоката.zip', bytes: archive },
          {
            name: 'факс-из-суда.tif',
            bytes: new Uint8Array(readFileSync(new URL('../fixtures/images/scan-2-pages.tif', import.meta.url))),
          },
          {
            name: 'решение-из-архива.djvu',
            bytes: new Uint8Array(readFileSync(new URL('../fixtures/images/scan-2-pages.djvu', import.meta.url))),
          },
          {
            name: 'приговор-скан.pdf',
            bytes: await makePhotographedPdf([
              { jpeg: photo },
              { png: new Uint8Array(readFileSync(new URL('../fixtures/images/scan.png', import.meta.url))) },
            ]),
          },
        ];
        for await (const r of ingestFiles(runtime.ingestContext(null), files)) results.push(r);
        [photoId, voiceId, archiveId] = results.map((r) => r.sourceId!) as [string, string, string];
        scannedPdfId = results.find((r) => r.file === 'приговор-скан.pdf')!.sourceId!;
        faxId = results.find((r) => r.file === 'факс-из-суда.tif')!.sourceId!;
        djvuId = results.find((r) => r.file === 'решение-из-архива.djvu')!.sourceId!;
      },
    },
  );

  it(
    'shows the photo and what the camera recorded, and keeps the text an editor types as the source text',
    async () => {
      const { page, problems } = await suite.signedInPage();
      // An upload says what to mind about the file it stored: here, that a scan waits for its text.
      await page.goto(`${suite.url}/sources?lang=en`);
      await page.getByTestId('file-input').setInputFiles({
        name: 'notice.png',
        mimeType: 'image/png',
        buffer: readFileSync(new URL('../fixtures/images/scan.png', import.meta.url)),
      });
      const uploaded = page.locator('.upload-result[data-status="ingested"]');
      await uploaded
        .getByRole('list', { name: 'Warnings' })
        .getByText('an image: its text needs OCR or a transcription')
        .waitFor();
      await expectAccessible(page, 'upload with a warning');

      // The list narrows to what waits for a transcription.
      await page.getByLabel('Text', { exact: true }).selectOption({ label: 'Needs OCR or a transcription' });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/needsOcr=true/);
      await page.getByRole('link', { name: 'notice.png' }).waitFor();
      await page.getByRole('link', { name: 'IMG_0412.JPG' }).click();
      await page.waitForURL(`${suite.url}/sources/${photoId}`);
      await page.getByText('A scan or photo: its text needs OCR or a transcription').waitFor();
      // The picture is served as one and decoded by the browser.
      const picture = page.getByRole('img', { name: 'Scan or photo of IMG_0412.JPG' });
      await picture.waitFor();
      await expect
        .poll(() =>
          picture.evaluate((element) => {
            const img = element as unknown as { complete: boolean; naturalWidth: number };
            return img.complete && img.naturalWidth;
          }),
        )
        .toBe(600);
      const about = page.getByRole('region', { name: 'About this source' });
      expect(await about.textContent()).toContain('ExampleCam Model 7');
      expect(await about.textContent()).toContain('600 × 800 px');
      expect(await about.textContent()).toContain('3 Nov 2026, 14:05:09 UTC+03:00');
      expect(await about.textContent()).toContain('51.5331, 46.0342');
      await expectAccessible(page, 'photo to transcribe');

      const field = page.getByLabel('Text of the page');
      await field.fill(TRANSCRIPTION);
      await page.getByRole('button', { name: 'Save the transcription' }).click();
      await page.getByRole('status').getByText('Saved.').waitFor();
      await page.getByText('This text was transcribed from the scan or photo by a person').waitFor();
      expect(await page.getByText('A scan or photo: its text needs OCR').count()).toBe(0);
      await expect.poll(() => page.getByTestId('source-text').textContent()).toBe(TRANSCRIPTION);
      // The form keeps the text for a correction.
      expect(await field.inputValue()).toBe(TRANSCRIPTION);
      await page.screenshot({ path: join(SCREENSHOTS, 'source-transcription.png'), fullPage: true });

      // A blank text is refused with the server's reason, and the saved text stays.
      await field.fill(' ');
      await page.getByRole('button', { name: 'Save the transcription' }).click();
      await page.getByText('the transcription is empty').waitFor();
      await page.reload();
      await expect.poll(() => page.getByTestId('source-text').textContent()).toBe(TRANSCRIPTION);
      await page.goto(`${suite.url}/sources?needsOcr=true&lang=en`);
      await page.getByRole('link', { name: 'notice.png' }).waitFor();
      expect(await page.getByRole('link', { name: 'IMG_0412.JPG' }).count()).toBe(0);
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'plays a voice message and takes down what is said in it',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/sources/${voiceId}?lang=en`);
      await page.getByText('A recording: what is said in it needs a transcription').waitFor();
      const player = page.getByRole('figure').locator('audio');
      // The browser reads the recording's length from what the server sends: it is served as audio it can play.
      await expect
        .poll(() => player.evaluate((element) => (element as unknown as { duration: number }).duration))
        .toBeCloseTo(2, 0);
      expect(await page.getByRole('region', { name: 'About this source' }).textContent()).toContain('0:02');
      await page.getByLabel('What is said').fill('Мама: Петю увезли в СК, адвоката не пускают.');
      await page.getByRole('button', { name: 'Save the transcription' }).click();
      await page.getByText('This text was transcribed from the recording by a person').waitFor();
      await expectAccessible(page, 'voice message');
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'shows an archive as kept, its files as its parts, and what it holds that Chronicle does not read',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/sources/${archiveId}?lang=en`);
      await page.getByText('An archive, kept as it came.').waitFor();
      const notRead = page.getByRole('region', { name: 'Kept in this file, not read' });
      expect(await notRead.textContent()).toContain('таблица.bin');
      expect(await notRead.textContent()).toContain('binary content is not a supported document');
      const parts = page.getByRole('region', { name: 'Attachments and parts' });
      expect(await parts.textContent()).toContain('archive entry');
      expect(await page.getByRole('region', { name: 'About this source' }).textContent()).toContain('ZIP archive');
      await expectAccessible(page, 'archive');
      await parts.getByRole('link', { name: 'обыск.txt' }).click();
      await page.getByText('В Твери прошёл обыск').waitFor();
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'shows a faxed TIFF, which no browser shows, page by page as pictures made from it',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/sources/${faxId}?lang=en`);
      const figure = page.getByRole('figure', { name: 'The scan or photo' });
      await figure.getByText('Page 1 of 2').waitFor();
      await figure.getByText('Shown as a picture made from the original (TIFF), which browsers do not show').waitFor();
      const picture = figure.getByRole('img', { name: 'Scan or photo of факс-из-суда.tif' });
      const shown = () => loadedPicture(picture);
      await expect.poll(shown, { timeout: 30_000 }).toBe('600 ');
      await figure.getByRole('button', { name: 'Next page' }).click();
      await figure.getByText('Page 2 of 2').waitFor();
      await expect.poll(shown, { timeout: 30_000 }).toBe('600 ?page=2');
      expect(await figure.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
      await expectAccessible(page, 'TIFF scan');
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it.skipIf(!onPath('ddjvu'))(
    'shows a DjVu document, which no browser shows, page by page as pictures djvulibre draws',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/sources/${djvuId}?lang=en`);
      const figure = page.getByRole('figure', { name: 'The scan or photo' });
      await figure.getByText('Page 1 of 2').waitFor();
      await figure.getByText('Shown as a picture made from the original (DjVu), which browsers do not show').waitFor();
      const picture = figure.getByRole('img', { name: 'Scan or photo of решение-из-архива.djvu' });
      const shown = () => loadedPicture(picture);
      // ocr-ru.png (1200 × 420) and scan.png (600 × 800), each drawn with its longer side 2,400 pixels.
      await expect.poll(shown, { timeout: 30_000 }).toBe('2400 ');
      await figure.getByRole('button', { name: 'Next page' }).click();
      await figure.getByText('Page 2 of 2').waitFor();
      await expect.poll(shown, { timeout: 30_000 }).toBe('1800 ?page=2');
      await page.getByRole('textbox', { name: 'Text of the page' }).waitFor();
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'draws a scanned PDF page by page beside the form, with pdf.js, never the browser’s own viewer',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/sources/${scannedPdfId}?lang=en`);
      const pages = page.getByRole('figure', { name: 'The scanned pages' });
      await pages.getByText('Page 1 of 2').waitFor();
      const drawn = pages.getByRole('img', { name: 'Page 1 of 2 of приговор-скан.pdf' });
      await drawn.and(page.locator('[data-drawn="true"]')).waitFor();
      // The first page is the 600 × 800 photo: drawn to the column's width, in its proportions.
      const box = (await drawn.boundingBox())!;
      expect(box.width).toBeGreaterThan(300);
      expect(box.height / box.width).toBeCloseTo(800 / 600, 1);
      await pages.getByRole('button', { name: 'Next page' }).click();
      await pages
        .getByRole('img', { name: 'Page 2 of 2 of приговор-скан.pdf' })
        .and(page.locator('[data-drawn="true"]'))
        .waitFor();
      expect(await pages.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
      await page.getByLabel('Text of the page').waitFor();
      await expectAccessible(page, 'scanned PDF');
      await page.screenshot({ path: join(SCREENSHOTS, 'source-scanned-pdf.png'), fullPage: true });
      // The file itself is sent as an attachment: opened on its own, no browser renders it inline.
      const response = await page.request.get(`${suite.url}/api/v1/sources/${scannedPdfId}/media`);
      expect(response.headers()['content-disposition']).toBe('attachment');
      expect(response.headers()['content-type']).toBe('application/pdf');
      expect(problems).toEqual([]);
    },
    SLOW,
  );
});
