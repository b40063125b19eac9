import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/index.js';
import { runWorker } from '../../src/jobs/index.js';
import {
  csrfToken,
  type E2eServer,
  launchChromium,
  openPage as openHarnessPage,
  SKIP,
  startServer,
  stopAll,
} from './harness.js';

/**
 * What the UI shows after a change and to whom, end to end in Debian's Chromium over the built app (web/dist):
 * a review decision shows at once on the events and sources lists; a queue or list opened past its end steps back
 * to its last page with rows; a viewer is offered neither the upload panel nor the job queue; a deleted person
 * offers only its restore; numbers, roles, job kinds and refusals are said in the UI's language, the server's
 * English kept as a detail. Every name in the report is invented.
 */
const SLOW = 180_000;
const PASSWORD = 'e2e correct horse battery staple';
const USERS = { editor: 'e2e-editor', viewer: 'e2e-viewer', admin: 'e2e-admin' } as const;

// Fourteen detentions of fourteen invented activists: 14 persons, 14 events and the police, 29 proposals — two
// pages of the review queue (25 a page).
const NAMES = [
  'Ивана Вымыслова',
  'Петра Небылицына',
  'Сергея Выдумкина',
  'Олега Сказочникова',
  'Павла Небывалова',
  'Андрея Придумкина',
  'Марка Фантазёрова',
  'Глеба Мечтателева',
  'Егора Сочинителева',
  'Фёдора Небылова',
  'Романа Выдумщикова',
  'Антона Небылицкого',
  'Кирилла Сказкина',
  'Тимура Небывальцева',
];
const REPORT = {
  name: 'samara-detentions.txt',
  text: `${NAMES.map((name, i) => `В Самаре ${i + 1} марта 2025 года полиция задержала активиста ${name}.`).join('\n')}\n`,
};

describe.skipIf(SKIP)('refreshed lists, roles and the UI language in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer('chronicle-e2e-refresh-');
    for (const [role, username] of Object.entries(USERS))
      await createUser(server.runtime.workspace.db, null, { username, role, password: PASSWORD });
    browser = await launchChromium();
  }, SLOW);

  afterAll(() => stopAll(browser, server), SLOW);

  function openPage(username: string): Promise<{ page: Page; problems: string[] }> {
    return openHarnessPage(browser, server.url, { username, password: PASSWORD });
  }

  const nav = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  it(
    'shows a decision at once on the events and sources lists, and steps back from past the end of a queue',
    async () => {
      const { page, problems } = await openPage(USERS.editor);
      await page.goto(`${server.url}/sources?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
      const upload = await page.context().request.post(`${server.url}/api/v1/sources`, {
        headers: { 'x-csrf-token': await csrfToken(page, server.url) },
        multipart: { file: { name: REPORT.name, mimeType: 'text/plain', buffer: Buffer.from(REPORT.text) } },
      });
      expect(upload.status()).toBe(200);
      await runWorker({
        db: server.runtime.workspace.db,
        handlers: await server.runtime.jobHandlers(null),
        exitWhenIdle: true,
      });

      // Past the end of the queue (an old link): the last page with rows, not "Page 21 of 2" over nothing.
      await page.goto(`${server.url}/review?offset=500`);
      await page.waitForURL(/offset=25(&|$)/);
      const pager = page.getByRole('navigation', { name: 'Pages' });
      await pager.getByText('Page 2 of 2').waitFor();
      // The rows can render a moment after the pager on a loaded machine (CI once counted none): wait for the four.
      await expect.poll(() => page.locator('tr.review-row').count(), { timeout: 30_000 }).toBe(4);
      // Past the end of the source list: its one page, not "1 source" beside "No sources yet".
      await page.goto(`${server.url}/sources?offset=500`);
      await page.getByRole('row').filter({ hasText: REPORT.name }).waitFor();
      expect(new URL(page.url()).searchParams.get('offset')).toBeNull();
      expect(await page.getByText('No sources yet', { exact: false }).count()).toBe(0);

      // The source waits for review; the events list is empty. Both are now cached by the page.
      const sourceRow = page.getByRole('row').filter({ hasText: REPORT.name });
      await sourceRow.getByText('To review').waitFor();
      await nav(page, 'Events').click();
      await page.getByText('0 events', { exact: true }).waitFor();

      // Everything on the last page of the queue decided: the queue steps back to the page that has rows.
      await nav(page, 'Review').click();
      await page.locator('tr.review-row').first().waitFor();
      await pager.getByRole('button', { name: 'Next page' }).click();
      await pager.getByText('Page 2 of 2').waitFor();
      await page.getByRole('checkbox', { name: 'Select all proposals on this page' }).check();
      await page.getByRole('button', { name: 'Accept 4 selected' }).click();
      await page.waitForURL((url) => !url.searchParams.has('offset'));
      await page.locator('tr.review-row').first().waitFor();
      expect(await page.getByText(/Page 2 of 1/).count()).toBe(0);
      expect(await page.getByText('Nothing is waiting for review.').count()).toBe(0);
      // And the rest, so the source is reviewed.
      await page.getByRole('checkbox', { name: 'Select all proposals on this page' }).check();
      await page.getByRole('button', { name: /^Accept \d+ selected$/ }).click();
      await page.getByText('Nothing is waiting for review.').waitFor();

      // Without a reload, and before their answers would go stale on their own: the new events and the source
      // reviewed, not the lists as they were.
      await nav(page, 'Events').click();
      await page.getByText('14 events', { exact: true }).waitFor({ timeout: 5_000 });
      await nav(page, 'Sources').click();
      await sourceRow.getByText('Reviewed', { exact: true }).waitFor({ timeout: 5_000 });
      expect(await sourceRow.getByText('To review').count()).toBe(0);
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'offers a viewer no upload panel and no job queue, and a 404 is "not found", never "not on this server"',
    async () => {
      const { page, problems } = await openPage(USERS.viewer);
      await page.goto(`${server.url}/sources?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
      await page.getByRole('row').filter({ hasText: REPORT.name }).waitFor();
      expect(await page.getByRole('heading', { name: 'Add reports' }).count()).toBe(0);
      expect(await page.getByLabel('Text of the report').count()).toBe(0);
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
        'Sources',
        'Search',
        'Review',
        'People',
        'Cases',
        'Events',
        'Merge queue',
        'Statistics',
      ]);
      await page.goto(`${server.url}/jobs`);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      await page.goto(`${server.url}/persons/01NOSUCHPERSON000000000000`);
      await page.getByText('Not found', { exact: true }).waitFor();
      expect(await page.getByText(/not available on this server/).count()).toBe(0);
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'offers a deleted person only its restore, and the set-by-hand status and split again once restored',
    async () => {
      const { page, problems } = await openPage(USERS.editor);
      await page.goto(`${server.url}/persons?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
      const request = page.context().request;
      const found = await request.get(`${server.url}/api/v1/persons?q=${encodeURIComponent('Небылицын')}`);
      const person = (await found.json()).items[0] as { id: string; displayName: string };
      expect(person.displayName).toBe('Петр Небылицын');
      const deleted = await request.delete(`${server.url}/api/v1/persons/${person.id}`, {
        headers: { 'x-csrf-token': await csrfToken(page, server.url) },
      });
      expect(deleted.status()).toBe(200);

      await page.goto(`${server.url}/persons/${person.id}`);
      await page.getByText('This person was deleted from the record.').waitFor();
      await page.getByRole('button', { name: 'Restore this person' }).waitFor();
      expect(await page.getByRole('button', { name: 'Set the status by hand' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Split into two people…' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Add a relationship' }).count()).toBe(0);

      await page.getByRole('button', { name: 'Restore this person' }).click();
      await page.getByRole('button', { name: 'Set the status by hand' }).waitFor();
      await page.getByRole('button', { name: 'Split into two people…' }).waitFor();
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'says refusals in Russian: queries with no words, dates it cannot read, upload details checked before sending',
    async () => {
      const { page, problems } = await openPage(USERS.editor);
      for (const q of ['NOT', '((', '*']) {
        await page.goto(`${server.url}/search?lang=ru&q=${encodeURIComponent(q)}`);
        await page.getByText(`В запросе «${q}» нет слов для поиска`, { exact: false }).waitFor();
        expect(await page.getByText(/has no words|Не удалось разобрать/).count()).toBe(0);
      }
      // People found by name while no report matches (the only report is Russian): not "nothing found".
      await page.goto(`${server.url}/search?lang=ru&q=${encodeURIComponent('Вымыслов')}&language=en`);
      await page.getByRole('region', { name: 'В базе' }).getByRole('link', { name: 'Иван Вымыслов' }).waitFor();
      await page.getByText('Ни в одном сообщении нет «Вымыслов».').waitFor();
      expect(await page.getByText(/ничего не найдено/).count()).toBe(0);
      // A date in the address the API would refuse: said, left out, and the rest of the search done.
      await page.goto(`${server.url}/search?lang=ru&q=${encodeURIComponent('Вымыслов')}&from=14.03.2025`);
      await page.getByText('«14.03.2025» — не дата, которую понимает Chronicle', { exact: false }).waitFor();
      await page.getByRole('link', { name: REPORT.name }).waitFor();
      expect(await page.getByText(/querystring|must match/).count()).toBe(0);
      await page.goto(`${server.url}/sources?lang=ru&to=2025-02-30`);
      await page.getByText('«2025-02-30» — не дата', { exact: false }).waitFor();
      await page.getByRole('row').filter({ hasText: REPORT.name }).waitFor();
      await page.goto(`${server.url}/stats?lang=ru&from=2025-02-30`);
      await page.getByText('«2025-02-30» — не дата', { exact: false }).waitFor();
      expect(await page.getByText(/querystring|must match/).count()).toBe(0);

      // A "published on" the server would refuse every file for is caught before anything is sent.
      await page.goto(`${server.url}/sources?lang=ru`);
      await page.getByText('Сведения для следующих файлов (необязательно)').click();
      await page.getByLabel('Дата публикации').fill('14.03.2025');
      await page
        .getByLabel('Текст сообщения')
        .fill('В Тольятти 3 апреля 2025 года задержали активиста Тимофея Небывальщикова.');
      await page.getByRole('button', { name: 'Добавить текст' }).click();
      await page
        .getByText('«14.03.2025» — не дата, которую понимает Chronicle. Пишите так: 2025-03-14, 2025-03 или 2025.')
        .waitFor();
      await page.getByText('Ничего не добавлено', { exact: false }).waitFor();
      expect(await page.locator('.upload-item').count()).toBe(0);
      expect(await page.getByLabel('Дата публикации').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('Дата публикации').fill('2025-04-03');
      await page.getByRole('button', { name: 'Добавить текст' }).click();
      await page.locator('.upload-item').locator('[data-status="ingested"]').waitFor();

      // The job queue names what each job does, not its code.
      await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Задания' }).click();
      await page.getByRole('heading', { level: 1, name: 'Задания' }).waitFor();
      await page.getByRole('cell', { name: 'Поиск людей, мест и дат' }).first().waitFor();
      expect(await page.getByRole('cell', { name: 'extract', exact: true }).count()).toBe(0);
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'names the role in Russian on the account page, and says a refused filter in Russian with the server’s words after',
    async () => {
      const { page, problems } = await openPage(USERS.admin);
      await page.goto(`${server.url}/account?lang=ru`);
      await page.getByText(`Вы вошли как ${USERS.admin} (администратор).`).waitFor();
      // A page past any the API pages to (an address typed by hand): refused with a VALIDATION error. (A date the
      // log cannot take is said beside the filters and left out, never sent.)
      await page.goto(`${server.url}/audit?lang=ru&offset=5000000000`);
      const refusal = page.getByRole('alert');
      await refusal.getByText('Chronicle не может принять отправленное: что-то в нём неверно.').waitFor();
      await refusal.getByText('Ответ сервера:', { exact: false }).waitFor();
      expect(await refusal.getByText('Код ошибки: VALIDATION').count()).toBe(1);
      expect(problems).toEqual([]);
    },
    SLOW,
  );
});
