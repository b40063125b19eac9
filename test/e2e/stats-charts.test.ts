import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/app/runtime.js';
import { createCase, createEvent, personRow, placeRow } from '../../src/record/index.js';
import { newId } from '../../src/shared/ids.js';
import { expectAccessible, SCREENSHOTS, SKIP, signedInSuite } from './harness.js';

/**
 * The statistics charts end to end: a workspace with accepted events in twelve regions, the built app (web/dist)
 * served by the real server, in Debian's Chromium. The charts render as SVG under the server's CSP, each downloads
 * its data as CSV and itself as SVG and PNG, the date range is in the URL, and the page reads in Russian.
 */
const SLOW = 120_000;

const USERNAME = 'e2e-charts';
const PASSWORD = 'e2e charts correct horse battery';
const REGIONS = Array.from({ length: 12 }, (_, i) => `Регион ${String(i + 1).padStart(2, '0')}`);

/**
 * [date, precision, type, region index, case]: January 3 detentions + 1 search, nothing in February, March
 * 2 detentions + 2 arrests + 1 sentence, and 4 detentions known only by year (no month: out of the month chart).
 * Регион 01 has two events, every other region one.
 */
const EVENTS: Array<[string, string, string, number, 'a' | 'b' | null]> = [
  ['2024-01-10', 'day', 'detention', 0, 'a'],
  ['2024-01-11', 'day', 'detention', 0, 'a'],
  ['2024-01-12', 'day', 'detention', 1, 'a'],
  ['2024-01-20', 'day', 'search', 2, 'a'],
  ['2024-03-01', 'day', 'detention', 3, 'b'],
  ['2024-03-02', 'day', 'detention', 4, 'b'],
  ['2024-03-05', 'day', 'arrest', 5, 'b'],
  ['2024-03', 'month', 'arrest', 6, 'b'],
  ['2024-03-30', 'day', 'sentence', 7, 'b'],
  ['2024', 'year', 'detention', 8, null],
  ['2024', 'year', 'detention', 9, null],
  ['2024', 'year', 'detention', 10, null],
  ['2024', 'year', 'detention', 11, null],
];

async function seed(runtime: Runtime): Promise<void> {
  const db = runtime.workspace.db;
  const now = new Date().toISOString();
  const placeIds = REGIONS.map(() => newId());
  const caseIds = { a: newId(), b: newId() };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('places')
      .values(
        REGIONS.map((region, i) =>
          placeRow(placeIds[i]!, `Город ${i + 1}`, now, { kind: 'city', country: 'RU', region }),
        ),
      )
      .execute();
    await trx
      .insertInto('cases')
      .values(
        (['a', 'b'] as const).map((c) => ({
          id: caseIds[c],
          name: c === 'a' ? 'дело Выдуманных' : 'дело Примерова',
          jurisdiction: 'RU',
          articles: JSON.stringify([{ code: 'УК РФ', article: c === 'a' ? '212.2' : '280.3', part: null }]),
          opened_on: null,
          status: null,
          court: null,
          notes: null,
          confidentiality: 'internal' as const,
          review_status: 'accepted' as const,
          version: 1,
          created_at: now,
          updated_at: now,
          deleted_at: null,
        })),
      )
      .execute();
    for (const [i, [date, precision, type, region, kase]] of EVENTS.entries()) {
      const personId = newId();
      const eventId = newId();
      await trx
        .insertInto('persons')
        .values(personRow(personId, `Вымышленный Человек ${i + 1}`, now))
        .execute();
      await trx
        .insertInto('events')
        .values({
          id: eventId,
          type,
          date,
          date_precision: precision,
          date_end: null,
          place_id: placeIds[region]!,
          case_id: kase ? caseIds[kase] : null,
          sentence_years: type === 'sentence' ? 6 : null,
          fine_amount: null,
          description: null,
          status: 'accepted',
          confidence: null,
          confidentiality: 'internal',
          source_id: null,
          version: 1,
          created_at: now,
          updated_at: now,
          deleted_at: null,
        })
        .execute();
      await trx
        .insertInto('event_participants')
        .values({ event_id: eventId, entity_type: 'persons', entity_id: personId, role: 'subject' })
        .execute();
    }
  });
}

describe.skipIf(SKIP)('statistics charts in Chromium', () => {
  const suite = signedInSuite(
    'chronicle-e2e-charts-',
    { username: USERNAME, password: PASSWORD, role: 'editor' },
    { timeout: SLOW, afterServer: seed, contextOptions: { acceptDownloads: true } },
  );

  // A CSP violation (an inline style or <style> the charts tried) shows in `problems` as a console error.

  /** Clicks a download button and returns the saved file's name and bytes. */
  async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path()) as string) };
  }

  const csvLines = (bytes: Buffer) =>
    bytes
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');

  it(
    'draws the charts as SVG, downloads each as CSV, SVG and PNG, filters by date in the URL, and reads in Russian',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/stats?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
      for (const name of ['byMonth', 'byRegion', 'byCase', 'byArticle'])
        await page.getByTestId(`chart-${name}`).locator('.chart__canvas svg').waitFor();

      const month = page.getByTestId('chart-byMonth');
      const monthSummary = await month.locator('.chart__canvas').getAttribute('aria-label');
      expect(monthSummary).toContain(
        'Line chart of Detention, Arrest, Search, Sentence by month, January 2024 to March 2024',
      );
      expect(monthSummary).toContain('the most (5) in Mar 2024');
      // The chart's legend and axis are in the SVG the page shows.
      const shown = await month.locator('svg').innerHTML();
      expect(shown).toContain('Detention');
      expect(shown).toContain('Feb 2024');

      // CSV: the data behind the chart, February (no events) a zero, year-only events left out.
      const csv = await download(page, month.getByRole('button', { name: "Download the chart's data (CSV)" }));
      expect(csv.name).toBe('chronicle-byMonth-chart.csv');
      expect(csvLines(csv.bytes)).toEqual([
        'Month,detention,arrest,search,sentence',
        '2024-01,3,0,1,0',
        '2024-02,0,0,0,0',
        '2024-03,2,2,0,1',
        '',
      ]);
      // The ten regions with the most events, the other two summed.
      const regions = await download(
        page,
        page.getByTestId('chart-byRegion').getByRole('button', { name: "Download the chart's data (CSV)" }),
      );
      expect(csvLines(regions.bytes)).toEqual([
        'Region,detention,arrest,search,sentence',
        'Регион 01,2,0,0,0',
        'Регион 02,1,0,0,0',
        'Регион 03,0,0,1,0',
        'Регион 04,1,0,0,0',
        'Регион 05,1,0,0,0',
        'Регион 06,0,1,0,0',
        'Регион 07,0,1,0,0',
        'Регион 08,0,0,0,1',
        'Регион 09,1,0,0,0',
        'Регион 10,1,0,0,0',
        'Other (2 more),2,0,0,0',
        '',
      ]);
      const cases = await download(
        page,
        page.getByTestId('chart-byCase').getByRole('button', { name: "Download the chart's data (CSV)" }),
      );
      expect(csvLines(cases.bytes)).toEqual([
        'Case,detention,arrest,search,sentence',
        'дело Примерова,2,2,0,1',
        'дело Выдуманных,3,0,1,0',
        '',
      ]);

      const svg = await download(page, month.getByRole('button', { name: 'Download the chart (SVG)' }));
      expect(svg.name).toBe('chronicle-byMonth-chart.svg');
      const svgText = svg.bytes.toString('utf8');
      expect(svgText).toMatch(/^(<\?xml[^>]*>\s*)?<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svgText).toContain('Detention');
      expect(svgText.trimEnd().endsWith('</svg>')).toBe(true);

      const png = await download(page, month.getByRole('button', { name: 'Download the chart (PNG)' }));
      expect(png.name).toBe('chronicle-byMonth-chart.png');
      expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // IHDR: the width and height of the image, twice the chart's size on screen.
      const box = await month.locator('.chart__canvas').boundingBox();
      expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(Math.floor(box?.width ?? 0));
      expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(Math.floor(box?.height ?? 0));

      await expectAccessible(page, 'stats-charts');
      await page.screenshot({ path: join(SCREENSHOTS, 'stats.png'), fullPage: true });

      // The date range goes into the URL and the charts follow it.
      await page.getByLabel('From').fill('2024-02');
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      await page.waitForURL(/[?&]from=2024-02/);
      await month.locator('.chart__canvas[aria-label*="March 2024 to March 2024"]').waitFor();
      const filtered = await download(page, month.getByRole('button', { name: "Download the chart's data (CSV)" }));
      expect(filtered.name).toBe('chronicle-byMonth-chart-from-2024-02.csv');
      expect(csvLines(filtered.bytes)).toEqual(['Month,detention,arrest,sentence', '2024-03,2,2,1', '']);

      // Russian: titles, buttons, summary, month names and legend of the chart.
      await page.getByRole('button', { name: 'Русский' }).click();
      await page.getByRole('heading', { level: 1, name: 'Статистика' }).waitFor();
      await month.locator('.chart__canvas[aria-label^="Линейный график"]').waitFor();
      expect(await month.locator('.chart__title').textContent()).toBe('График: события по месяцам и видам');
      const ruSvg = await download(page, month.getByRole('button', { name: 'Скачать график (SVG)' }));
      const ruText = ruSvg.bytes.toString('utf8');
      expect(ruText).toContain('Задержание');
      expect(ruText).toMatch(/мар\S* 2024/);
      const ruPng = await download(page, month.getByRole('button', { name: 'Скачать график (PNG)' }));
      expect([...ruPng.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      await page.goto(`${suite.url}/stats?lang=ru`);
      const ruRegions = await download(
        page,
        page.getByTestId('chart-byRegion').getByRole('button', { name: 'Скачать данные графика (CSV)' }),
      );
      expect(csvLines(ruRegions.bytes)).toContain('Прочие (ещё 2),2,0,0,0');
      await expectAccessible(page, 'stats-charts-ru');

      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'shows the hundred cases with the most events, counts the rest as other, and puts every case in the CSV',
    async () => {
      // 101 more cases with one search each: 103 cases, the two seeded ones (5 and 4 events) first.
      await suite.runtime.workspace.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 101; i++) {
          const kase = await createCase(trx, { name: `дело № ${String(i).padStart(3, '0')}` }, null);
          await createEvent(trx, { type: 'search', date: '2023-06-01', caseId: kase.id }, null);
        }
      });
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/stats?lang=en`);
      const section = page.getByRole('region', { name: 'By case' });
      await section.getByText('The 100 cases with the most events, of 103; the CSV has every case.').waitFor();
      // A row per case and type: 3 + 2 for the seeded cases, one for each of 98 others.
      expect(await section.locator('table tbody tr').count()).toBe(103);
      const chart = await download(
        page,
        page.getByTestId('chart-byCase').getByRole('button', { name: "Download the chart's data (CSV)" }),
      );
      expect(csvLines(chart.bytes).slice(-2)).toEqual(['Other (93 more),0,0,93,0', '']);
      // The CSV's fetch of every case failing: said beside the button, nothing downloaded; retried, it downloads.
      const allCases = /\/api\/v1\/stats\?.*cases=all/;
      await page.route(allCases, (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: '{"error":{"code":"UNAVAILABLE","message":"the server is busy"}}',
        }),
      );
      let downloads = 0;
      page.on('download', () => downloads++);
      await section.getByRole('button', { name: 'Download CSV' }).click();
      await section.getByRole('alert').getByText('the server is busy', { exact: false }).waitFor();
      expect(downloads).toBe(0);
      await page.unroute(allCases);
      const table = await download(page, section.getByRole('alert').getByRole('button', { name: 'Try again' }));
      await section.getByRole('alert').waitFor({ state: 'detached' });
      const lines = csvLines(table.bytes);
      expect(lines[0]).toBe('Case,Event,Events,People');
      expect(lines.filter((line) => line.startsWith('дело № '))).toHaveLength(101);
      expect(lines).toHaveLength(1 + 3 + 2 + 101 + 1);
      expect(problems).toEqual([]);
    },
    SLOW,
  );
});
