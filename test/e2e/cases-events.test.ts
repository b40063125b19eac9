import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createGroup, recordGroups } from '../../src/auth/index.js';
import { runWorker } from '../../src/jobs/index.js';
import { acceptAllProposals, createCase, createEvent } from '../../src/record/index.js';
import { seedCasesAndEvents } from '../fixtures/cases-events.js';
import { csrfToken, expectAccessible, SCREENSHOTS, SKIP, signedInSuite } from './harness.js';

/**
 * Case pages, the events table and the offline map, end to end: Russian reports uploaded through the API, their
 * extraction worked off the queue and accepted, plus two hand-made cases (test/fixtures/cases-events.ts); the
 * built app (web/dist) in Debian's Chromium. Invented people only.
 */
const SLOW = 180_000;

const USERNAME = 'e2e-editor';
const PASSWORD = 'e2e correct horse battery staple';
const REPORTS = [
  {
    name: 'ekb.txt',
    text: 'В Екатеринбурге 5 февраля 2024 года полиция задержала активистку Ольгу Смирнову после пикета.\n',
  },
  {
    name: 'nsk.txt',
    text: 'В Новосибирске 20 января 2024 года сотрудники ФСБ задержали студента Павла Кузнецова.\n',
  },
];

/**
 * The count above a filtered list once the list is fresh: while the new page of results loads the old one stays on
 * screen marked aria-busy, and its count may read the same ("3 events" of hearings before "3 events" of winter).
 */
function settledCount(page: Page, text: string) {
  return page.locator('p.result-count[aria-busy="false"]', { hasText: new RegExp(`^${text}$`) });
}

describe.skipIf(SKIP)('case pages, events table and map in Chromium', () => {
  const suite = signedInSuite(
    'chronicle-e2e-cases-',
    { username: USERNAME, password: PASSWORD, role: 'editor' },
    { timeout: SLOW },
  );

  async function signedInPage(): Promise<{ page: Page; problems: string[] }> {
    const { page, problems } = await suite.signedInPage();
    // Offline: the app must never reach beyond its own server (no tiles, fonts or CDN).
    page.on('request', (r) => {
      if (!r.url().startsWith(suite.url) && !r.url().startsWith('data:')) problems.push(`external request: ${r.url()}`);
    });
    return { page, problems };
  }

  it(
    'lists and filters cases, opens a case, filters the events table and finds the events on the map',
    async () => {
      const { page, problems } = await signedInPage();
      await page.goto(`${suite.url}/sources?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
      const csrf = await csrfToken(page, suite.url);
      for (const report of REPORTS) {
        const upload = await page.context().request.post(`${suite.url}/api/v1/sources`, {
          headers: { 'x-csrf-token': csrf },
          multipart: {
            publishedAt: '2024-03-15',
            file: { name: report.name, mimeType: 'text/plain', buffer: Buffer.from(report.text) },
          },
        });
        expect(upload.status()).toBe(200);
      }
      await runWorker({
        db: suite.runtime.workspace.db,
        handlers: await suite.runtime.jobHandlers(null),
        exitWhenIdle: true,
      });
      await suite.runtime.workspace.db.transaction().execute((trx) => acceptAllProposals(trx, null));
      const seeded = await seedCasesAndEvents(suite.runtime.workspace);
      // A hearing ahead for the «Башкирский кружок» case, so its page shows all it can.
      await suite.runtime.workspace.db.transaction().execute((trx) =>
        createEvent(
          trx,
          {
            type: 'hearing',
            date: '2099-02-20',
            placeId: seeded.ufa,
            caseId: seeded.kruzhok,
            participants: [{ entityType: 'persons', entityId: seeded.petrov, role: 'subject' }],
          },
          null,
        ),
      );

      // The case list, with an article facet narrowing it.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
      await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
      const caseRows = page.locator('table tbody tr');
      await page.getByRole('link', { name: 'дело Марии Сидоровой' }).waitFor();
      expect(await caseRows.count()).toBeGreaterThanOrEqual(2);
      await page.getByLabel('Article', { exact: true }).selectOption('УК РФ 207.3');
      await page.waitForURL(/article=/);
      await settledCount(page, '1 case').waitFor();
      expect(await caseRows.allTextContents()).toEqual([expect.stringContaining('дело Марии Сидоровой')]);
      expect(await caseRows.first().textContent()).toContain('Art. 207.3 Part 2 УК РФ');
      await expectAccessible(page, 'cases');

      // The case page: defendant linked to the person, the next hearing, the hearings and the timeline.
      await page.getByRole('link', { name: 'дело Марии Сидоровой' }).click();
      await page.getByRole('heading', { level: 1, name: 'дело Марии Сидоровой' }).waitFor();
      expect(await page.getByTestId('next-hearing').textContent()).toContain('15 Jan 2099');
      expect(
        await page.locator('.party-list').getByRole('link', { name: 'Мария Сидорова' }).getAttribute('href'),
      ).toMatch(/^\/persons\//);
      expect(await page.locator('.party-list').textContent()).toContain('defendant');
      expect(await page.locator('.timeline__item').count()).toBe(3);
      // Its edit history: how it came into the record.
      await page.getByTestId('record-history').getByRole('heading', { name: 'Edit history' }).waitFor();
      await page.getByTestId('record-history').locator('li.history__entry').first().waitFor();
      await expectAccessible(page, 'case');

      // The other case shows its sentence with the words of the report and a link to the source.
      await page.goto(`${suite.url}/cases?lang=en&q=${encodeURIComponent('кружка')}`);
      await page.getByRole('link', { name: 'дело «Башкирского кружка»' }).click();
      await page.getByRole('heading', { level: 1, name: 'дело «Башкирского кружка»' }).waitFor();
      await page.getByText('Суд приговорил Ивана Петрова к 6 годам колонии', { exact: false }).first().waitFor();
      expect(await page.getByRole('link', { name: 'Open the source' }).count()).toBeGreaterThan(0);
      expect(await page.getByTestId('next-hearing').textContent()).toContain('20 Feb 2099');
      expect(await page.locator('.party-list').textContent()).toContain('Иван Петров');
      await expectAccessible(page, 'case with evidence');
      await page.screenshot({ path: join(SCREENSHOTS, 'case.png'), fullPage: true });
      // From the case to its events: the table filtered to the case, the case named in the filter.
      await page.getByRole('link', { name: 'This case’s events in the table and on the map' }).click();
      await page.waitForURL(/caseId=/);
      await settledCount(page, '3 events').waitFor();
      expect(
        await page
          .getByLabel('Case', { exact: true })
          .evaluate(
            (el) => (el as unknown as { selectedOptions: ArrayLike<{ text: string }> }).selectedOptions[0]?.text,
          ),
      ).toContain('дело «Башкирского кружка»');

      // The events table, filtered by type and then by dates; the filters live in the address.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click();
      await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
      const eventRows = page.locator('tr.event-row');
      // The case's three events stay on screen until the unfiltered page arrives.
      await expect.poll(() => eventRows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(9);
      await page.getByLabel('Type', { exact: true }).selectOption('hearing');
      await page.waitForURL(/type=hearing/);
      await settledCount(page, '3 events').waitFor();
      expect((await eventRows.allTextContents()).every((row) => row.includes('Hearing'))).toBe(true);
      await page.getByLabel('Type', { exact: true }).selectOption('');
      await page.getByLabel('From', { exact: true }).fill('2024-01-01');
      await page.getByLabel('To', { exact: true }).fill('2024-02-29');
      await page.getByRole('button', { name: 'Apply dates' }).click();
      await page.waitForURL(/from=2024-01-01&to=2024-02-29|to=2024-02-29.*from=2024-01-01/);
      // The Ekaterinburg report gives a protest (the picket) and a detention.
      await settledCount(page, '3 events').waitFor();
      const winter = await eventRows.allTextContents();
      expect(winter.some((row) => row.includes('Екатеринбург'))).toBe(true);
      expect(winter.some((row) => row.includes('Новосибирск'))).toBe(true);
      await expectAccessible(page, 'events');

      // The map with the same filters: markers for the two cities; then without dates, Kazan and Ufa too.
      await page.getByRole('button', { name: 'Map' }).click();
      await page.waitForURL(/view=map/);
      const markers = page.locator('g.map__marker');
      await markers.first().waitFor();
      const winterLabels = await markers.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
      expect(winterLabels.sort()).toEqual(['Екатеринбург: 2 events', 'Новосибирск: 1 event']);
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.getByRole('button', { name: 'Казань: 3 events' }).waitFor();
      const labels = await markers.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
      for (const city of ['Уфа', 'Казань', 'Екатеринбург', 'Новосибирск'])
        expect(labels.some((l) => l.startsWith(city) || l.includes(`, ${city}`))).toBe(true);
      // As drawn, each marker's name covers no other name and no other marker (it is its tooltip where it would).
      const drawn = await markers.evaluateAll((nodes) =>
        nodes.map((n) => {
          const box = (selector: string) => {
            const r = n.querySelector(selector)?.getBoundingClientRect();
            return r ? { left: r.left, right: r.right, top: r.top, bottom: r.bottom } : null;
          };
          return {
            key: n.getAttribute('data-key'),
            circle: box('circle'),
            name: box('text.map__label'),
            tooltip: n.querySelector('title')?.textContent ?? null,
          };
        }),
      );
      const overlap = (a: { left: number; right: number; top: number; bottom: number }, b: typeof a) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      for (const a of drawn) {
        expect(a.name !== null || a.tooltip !== null, `${a.key} has a name or a tooltip`).toBe(true);
        for (const b of drawn) {
          if (a === b || !a.name) continue;
          if (b.name) expect(overlap(a.name, b.name), `${a.key}'s name covers ${b.key}'s`).toBe(false);
          expect(overlap(a.name, b.circle!), `${a.key}'s name covers ${b.key}'s marker`).toBe(false);
        }
      }
      // Санкт-Петербург has no coordinates: counted, not drawn.
      expect(labels.some((l) => l.includes('Санкт-Петербург'))).toBe(false);
      await page.getByText(/of \d+ events are at places with coordinates/).waitFor();

      // A marker is reached and opened with the keyboard; its panel lists the events and links to the table.
      const kazan = page.getByRole('button', { name: 'Казань: 3 events' });
      await kazan.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 2, name: 'Казань: 3 events' }).waitFor();
      expect(await kazan.getAttribute('aria-pressed')).toBe('true');
      await page.locator('.map-panel li').nth(2).waitFor();
      await expectAccessible(page, 'events map');
      await page.screenshot({ path: join(SCREENSHOTS, 'events-map.png'), fullPage: true });
      await page.getByRole('link', { name: 'Show the events in Казань in the table' }).click();
      await page.waitForURL(/placeId=/);
      await settledCount(page, '3 events').waitFor();
      expect((await eventRows.allTextContents()).every((row) => row.includes('Казань'))).toBe(true);
      // The same events as a timeline, the place filter kept.
      await page.getByRole('button', { name: 'Timeline' }).click();
      await page.waitForURL(/view=timeline/);
      expect(page.url()).toContain('placeId=');
      await page.locator('.timeline__item').nth(2).waitFor();
      expect(await page.locator('.timeline__item').count()).toBe(3);

      // In Russian the same screen speaks Russian, dates and counts included.
      await page.goto(`${suite.url}/events?lang=ru&view=map`);
      await page.getByRole('heading', { level: 1, name: 'События' }).waitFor();
      await page.getByRole('button', { name: 'Казань: 3 события' }).waitFor();
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'lets an editor restrict a case to an access group from its page, and says so there',
    async () => {
      const { db } = suite.runtime.workspace;
      await createGroup(db, null, 'Защита (e2e)');
      const made = await db
        .transaction()
        .execute((trx) => createCase(trx, { name: 'дело Закрытого Выдуманного' }, null));
      const { page, problems } = await signedInPage();
      await page.goto(`${suite.url}/cases/${made.id}?lang=en`);
      const access = page.getByTestId('access');
      await access.getByRole('heading', { name: 'Who may read it' }).waitFor();
      expect(await access.locator('p').first().textContent()).toBe('Internal');
      await access.getByRole('button', { name: 'Change who may read it' }).click();
      await access.getByLabel('Confidentiality').selectOption('restricted');
      await access.getByRole('checkbox', { name: 'Защита (e2e)' }).check();
      await expectAccessible(page, 'case access');
      await access.getByRole('button', { name: 'Save' }).click();
      // The editor is in no group: the restricted case has left their reach, as the form warned.
      await page.getByText('Not found', { exact: true }).first().waitFor();
      const stored = await db
        .selectFrom('cases')
        .select('confidentiality')
        .where('id', '=', made.id)
        .executeTakeFirst();
      expect(stored?.confidentiality).toBe('restricted');
      expect((await recordGroups(db, 'cases', made.id)).map((g) => g.name)).toEqual(['Защита (e2e)']);
      expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    },
    SLOW,
  );
});
