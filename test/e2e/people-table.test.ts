import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/app/runtime.js';
import { createUser } from '../../src/auth/index.js';
import { normalizeName, personRow, placeRow } from '../../src/record/index.js';
import { newId } from '../../src/shared/ids.js';
import {
  type E2eServer,
  expectAccessible as expectAccessibleOn,
  launchChromium,
  SCREENSHOTS,
  SKIP,
  startServer,
  stopAll,
} from './harness.js';

/**
 * The people table at 100,000 people and the relationships section of the person page, end to end: the built app
 * (web/dist) over a SQLite workspace filled directly through Kysely, in Debian's Chromium.
 */
const SLOW = 300_000;

const USERNAME = 'e2e-table-editor';
const PASSWORD = 'e2e correct horse battery staple';
const PEOPLE = 100_000;
const REGIONS = ['Башкортостан', 'Татарстан', 'Пермский край', 'Свердловская область', 'Республика Коми'];

const FIRST = [
  'Анна',
  'Борис',
  'Вера',
  'Глеб',
  'Дарья',
  'Егор',
  'Жанна',
  'Захар',
  'Инна',
  'Кирилл',
  'Лада',
  'Марк',
  'Нина',
  'Олег',
  'Полина',
  'Роман',
];
const SYLLABLES = [
  'Бе',
  'Во',
  'Гра',
  'Ду',
  'Же',
  'Зо',
  'Ка',
  'Ле',
  'Ми',
  'Но',
  'Пе',
  'Ру',
  'Се',
  'То',
  'Фе',
  'Ха',
  'Це',
  'Ша',
  'Юр',
  'Ян',
];

/** An invented, unique name for the i-th generated person: 16 first names × 20³ invented surnames. */
function inventedName(i: number): string {
  const s = Math.floor(i / FIRST.length);
  const surname = `${SYLLABLES[s % 20]}${SYLLABLES[Math.floor(s / 20) % 20]!.toLowerCase()}${SYLLABLES[Math.floor(s / 400) % 20]!.toLowerCase()}ов`;
  return `${FIRST[i % FIRST.length]} ${surname}`;
}

describe.skipIf(SKIP)('people table and relationships in Chromium', () => {
  let server: E2eServer;
  let runtime: Runtime;
  let url: string;
  let browser: Browser;
  let page: Page;
  let tamara: string;
  let inTatarstan = 0;
  let latestEvent = { name: '', date: '' };

  /** The editor and 100,000 people with their events, before the server starts. */
  async function seed(runtime: Runtime): Promise<void> {
    const { db } = runtime.workspace;
    await createUser(db, null, { username: USERNAME, role: 'editor', password: PASSWORD });

    // 100,000 people straight into the tables (the record API would version each: minutes instead of seconds).
    const now = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      const placeIds: string[] = [];
      for (const region of REGIONS) {
        const id = newId();
        placeIds.push(id);
        await trx
          .insertInto('places')
          .values(placeRow(id, `Центр: ${region}`, now, { kind: 'city', country: 'RU', region }))
          .execute();
      }
      const caseId = newId();
      await trx
        .insertInto('cases')
        .values({
          id: caseId,
          name: 'Дело «Учителей»',
          jurisdiction: 'RU',
          articles: JSON.stringify([{ code: 'УК РФ', article: '207.3', part: 2 }]),
          opened_on: null,
          status: null,
          court: null,
          notes: null,
          confidentiality: 'internal',
          review_status: 'accepted',
          version: 1,
          created_at: now,
          updated_at: now,
          deleted_at: null,
        })
        .execute();
      const BATCH = 1000;
      const statuses = ['at_liberty', 'detained', 'in_custody', 'sentenced', 'released'];
      for (let start = 0; start < PEOPLE; start += BATCH) {
        const persons = [];
        const names = [];
        const keys = [];
        const events = [];
        const participants = [];
        for (let i = start; i < Math.min(start + BATCH, PEOPLE); i += 1) {
          const id = newId();
          const name = i === 0 ? 'Тамара Гайнуллина' : i === 1 ? 'Ринат Гайнуллин' : inventedName(i);
          if (i === 0) tamara = id;
          persons.push(personRow(id, name, now, { status: statuses[i % 5]! }));
          names.push({ id: newId(), person_id: id, name, script: 'cyrillic', kind: 'primary', source_id: null });
          keys.push({ record_table: 'persons', record_id: id, name_key: normalizeName(name) });
          // Every tenth person has a detention, in one of five regions, dated across 2020–2024.
          if (i % 10 === 0) {
            const eventId = newId();
            const region = (i / 10) % REGIONS.length;
            const date = `${2020 + ((i / 10) % 5)}-${String(1 + ((i / 10) % 12)).padStart(2, '0')}-${String(1 + ((i / 10) % 28)).padStart(2, '0')}`;
            if (REGIONS[region] === 'Татарстан') inTatarstan += 1;
            if (date > latestEvent.date || (date === latestEvent.date && name < latestEvent.name))
              latestEvent = { name, date };
            events.push({
              id: eventId,
              type: 'detention',
              date,
              date_precision: 'day',
              date_end: null,
              place_id: placeIds[region]!,
              case_id: i % 100 === 0 ? caseId : null,
              sentence_years: null,
              fine_amount: null,
              description: null,
              status: 'accepted' as const,
              confidence: null,
              confidentiality: 'internal' as const,
              source_id: null,
              version: 1,
              created_at: now,
              updated_at: now,
              deleted_at: null,
            });
            participants.push({ event_id: eventId, entity_type: 'persons', entity_id: id, role: 'subject' });
          }
        }
        await trx.insertInto('persons').values(persons).execute();
        await trx.insertInto('person_names').values(names).execute();
        await trx.insertInto('name_keys').values(keys).execute();
        if (events.length > 0) {
          await trx.insertInto('events').values(events).execute();
          await trx.insertInto('event_participants').values(participants).execute();
        }
      }
    });
  }

  beforeAll(async () => {
    server = await startServer('chronicle-e2e-people-', { beforeServer: seed });
    ({ runtime, url } = server);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    const res = await context.request.post(`${url}/api/v1/session`, {
      data: { username: USERNAME, password: PASSWORD },
    });
    expect(res.status()).toBe(200);
    page = await context.newPage();
    page.setDefaultTimeout(60_000);
  }, SLOW);

  afterAll(() => stopAll(browser, server), SLOW);

  function expectAccessible(name: string): Promise<void> {
    return expectAccessibleOn(page, name);
  }

  const rows = () => page.locator('[data-testid="people-row"]');

  it(
    'scrolls 100,000 people holding only a window of rows, sorts on the server and filters by a facet',
    async () => {
      await page.goto(`${url}/persons?lang=en`);
      await page.getByTestId('people-count').filter({ hasText: '100,000 people' }).waitFor();
      const table = page.getByRole('table', { name: 'People' });
      expect(await table.getAttribute('aria-rowcount')).toBe(String(PEOPLE + 1));
      await rows().first().getByRole('link').waitFor();
      expect(await rows().count()).toBeLessThan(200);
      await expectAccessible('people table');
      await page.screenshot({ path: join(SCREENSHOTS, 'people.png') });

      // The keyboard scrolls the table to its end: the last rows load, and still only a window is in the page.
      await page.getByTestId('people-scroll').focus();
      await page.keyboard.press('End');
      const last = page.locator(`[data-testid="people-row"][aria-rowindex="${PEOPLE + 1}"]`);
      await last.getByRole('link').waitFor();
      expect(await rows().count()).toBeLessThan(200);
      const lastByName = await runtime.workspace.db
        .selectFrom('persons')
        .select('display_name')
        .orderBy('display_name', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(await last.getByRole('link').textContent()).toBe(lastByName.display_name);

      // Sorting by the last event, newest first, is the server's: the newest detention comes first.
      await page.getByRole('button', { name: 'Last event' }).click();
      await page.getByRole('button', { name: 'Last event' }).click();
      await page.locator('th[aria-sort="descending"]').filter({ hasText: 'Last event' }).waitFor();
      expect(new URL(page.url()).searchParams.get('order')).toBe('desc');
      const first = page.locator('[data-testid="people-row"][aria-rowindex="2"]');
      await first.getByRole('link', { name: latestEvent.name }).waitFor();

      // A facet with its count narrows the table; the filter is kept in the address.
      const region = page.getByLabel('Region');
      await region.selectOption({ label: `Татарстан (${inTatarstan.toLocaleString('en-GB')})` });
      await page
        .getByTestId('people-count')
        .filter({ hasText: `${inTatarstan.toLocaleString('en-GB')} people` })
        .waitFor();
      expect(new URL(page.url()).searchParams.get('region')).toBe('Татарстан');
      expect(await table.getAttribute('aria-rowcount')).toBe(String(inTatarstan + 1));
      await rows().first().getByRole('link').waitFor();
      expect(await rows().first().locator('td').nth(2).textContent()).toBe('Татарстан');
    },
    SLOW,
  );

  it(
    'finds people and cases by name from the search box, beside the sources',
    async () => {
      const name = inventedName(5);
      await page.goto(`${url}/search?lang=en&q=${encodeURIComponent(name)}`);
      const record = page.getByRole('region', { name: 'In the record' });
      await record.getByRole('link', { name }).waitFor();
      await page.goto(`${url}/search?lang=en&q=${encodeURIComponent('Учителей')}`);
      await record.getByRole('link', { name: 'Дело «Учителей»' }).click();
      await page.waitForURL(/\/cases\//);
    },
    SLOW,
  );

  it(
    'adds a relationship on one person page and shows it, read the other way, on the other',
    async () => {
      await page.goto(`${url}/persons/${tamara}?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Тамара Гайнуллина' }).waitFor();
      const section = page.getByTestId('relationships');
      await section.getByText('No relationships recorded.').waitFor();
      await page.getByRole('button', { name: 'Add a relationship' }).click();
      await page.getByLabel('Relationship', { exact: true }).selectOption('mother_of');
      await page.getByLabel('Find the person by name').fill('Ринат');
      await page
        .getByLabel('Other end')
        .locator('option', { hasText: 'Ринат Гайнуллин' })
        .waitFor({ state: 'attached' });
      await page.getByLabel('Other end').selectOption({ label: 'Ринат Гайнуллин' });
      await page.getByLabel('Note (how we know)').fill('from her letter to the court');
      await expectAccessible('person page with the relationship form');
      await page.getByRole('button', { name: 'Save the relationship' }).click();
      const item = section.getByTestId('relationship');
      await item.filter({ hasText: 'mother of' }).getByRole('link', { name: 'Ринат Гайнуллин' }).click();

      await page.getByRole('heading', { level: 1, name: 'Ринат Гайнуллин' }).waitFor();
      await section
        .getByTestId('relationship')
        .filter({ hasText: 'child of' })
        .getByRole('link', { name: 'Тамара Гайнуллина' })
        .waitFor();
      await expectAccessible('person page with relationships');
      await page.screenshot({ path: join(SCREENSHOTS, 'person-relationships.png') });
      // An editor deletes it; it leaves both pages.
      await page.getByRole('button', { name: 'Delete the relationship: child of Тамара Гайнуллина' }).click();
      await section.getByText('No relationships recorded.').waitFor();
    },
    SLOW,
  );
});
