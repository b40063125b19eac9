import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWorker } from '../../src/jobs/index.js';
import { csrfToken, expectAccessible, SCREENSHOTS, SKIP, signedInSuite } from './harness.js';

/**
 * Review to record, end to end: a Russian report uploaded through the API, its extraction worked off the queue,
 * a proposal accepted with the keyboard in the review queue, the person page showing the status and the words it
 * rests on, and the statistics exported as CSV in Russian. Built app (web/dist) in Debian's Chromium.
 */
const SLOW = 120_000;

const USERNAME = 'e2e-editor';
const PASSWORD = 'e2e correct horse battery staple';
const REPORT = {
  name: 'ufa-gainullin.txt',
  text:
    'В Уфе 12 марта 2024 года сотрудники ФСБ задержали активиста Рината Гайнуллина. ' +
    'Суд отправил Рината Гайнуллина под стражу по делу о «фейках».\n',
};
const DETENTION_QUOTE = 'В Уфе 12 марта 2024 года сотрудники ФСБ задержали активиста Рината Гайнуллина.';

describe.skipIf(SKIP)('review queue, person page and statistics in Chromium', () => {
  const suite = signedInSuite(
    'chronicle-e2e-review-',
    { username: USERNAME, password: PASSWORD, role: 'editor' },
    { timeout: SLOW, contextOptions: { acceptDownloads: true } },
  );

  it(
    'ingests a Russian report, accepts its detention with the keyboard, shows the person, exports statistics in Russian',
    async () => {
      const { page, problems } = await suite.signedInPage();
      // Upload through the API as the UI does; the extraction it queues is worked off here (serve runs a worker).
      await page.goto(`${suite.url}/sources?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
      const csrf = await csrfToken(page, suite.url);
      const upload = await page.context().request.post(`${suite.url}/api/v1/sources`, {
        headers: { 'x-csrf-token': csrf },
        multipart: {
          publishedAt: '2024-03-15',
          file: { name: REPORT.name, mimeType: 'text/plain', buffer: Buffer.from(REPORT.text) },
        },
      });
      expect(upload.status()).toBe(200);
      const sourceId = (await upload.json()).results[0].sourceId as string;
      // Listed while its extraction waits for a worker, then, without a reload, with its proposals waiting.
      await page.reload();
      const listed = page.locator('tbody tr', { hasText: REPORT.name });
      await listed.getByText('Being read').waitFor();
      expect(
        await runWorker({
          db: suite.runtime.workspace.db,
          handlers: await suite.runtime.jobHandlers(null),
          exitWhenIdle: true,
        }),
      ).toBeGreaterThan(0);
      await listed.getByText('To review').waitFor();

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' }).click();
      await page.getByRole('heading', { level: 1, name: 'Review' }).waitFor();
      const rows = page.locator('tbody tr.review-row');
      await rows.first().waitFor();
      // Every row says it is proposed, not yet the record.
      expect(await rows.locator('.badge').allTextContents()).toEqual(Array(await rows.count()).fill('Proposed'));
      // j moves down to the detention, k back up and down again; the current row is the focused one.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      for (let i = 0; i < 10; i++) {
        const current = page.locator('tr.review-row.is-current');
        if ((await current.count()) > 0 && (await current.textContent())?.includes('Detention')) break;
        await page.keyboard.press('j');
      }
      const current = page.locator('tr.review-row.is-current');
      expect(await current.textContent()).toContain('Detention');
      expect(await current.textContent()).toContain(DETENTION_QUOTE);
      expect(await page.locator('tr.review-row.is-current:focus').count()).toBe(1);
      await expectAccessible(page, 'review');
      await page.screenshot({ path: join(SCREENSHOTS, 'review.png'), fullPage: true });
      await page.keyboard.press('a');
      await page.getByText(/Done: \d+ accepted, 0 rejected\./).waitFor();
      // The detention took its subject and agent with it; the keyboard stays in the queue, on the next proposal.
      await page.locator('tr.review-row.is-current:focus', { hasText: 'Custody' }).waitFor();
      // The accepted detention has left the queue; in "Everything" it shows as accepted.
      await page.getByLabel('Show').selectOption('all');
      await page
        .locator('tr.review-row', { hasText: 'Detention' })
        .locator('.badge', { hasText: 'Accepted' })
        .waitFor();

      // The source view highlights from the same review API, proposed and reviewed alike.
      await page.goto(`${suite.url}/sources/${sourceId}`);
      await page.getByTestId('source-text').locator('mark.mention--event').first().waitFor();
      // One event is still proposed: the source links to its proposals in the queue.
      expect(await page.getByRole('link', { name: 'Review the proposals of this source' }).getAttribute('href')).toBe(
        `/review?sourceId=${sourceId}`,
      );
      // The source list says where each source stands and narrows to those with proposals waiting.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
      await page.getByLabel('Status').selectOption('to-review');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/state=to-review/);
      const waiting = page.getByRole('link', { name: /^Review the \d+ proposals? waiting from this source$/ });
      await waiting.first().waitFor();
      expect(await waiting.count()).toBe(1);
      expect(await waiting.getAttribute('href')).toBe(`/review?sourceId=${sourceId}`);
      await expect.poll(() => page.locator('tbody tr').count(), { timeout: 30_000 }).toBe(1);
      await page.getByLabel('Status').selectOption('reviewed');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByText('No sources match these filters.').waitFor();

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
      await page.getByLabel('Name').fill('гайнуллин');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.getByRole('link', { name: 'Ринат Гайнуллин' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ринат Гайнуллин' }).waitFor();
      expect(await page.getByTestId('person-status').textContent()).toBe('Detained');
      await page.locator('.status-event').getByText(`«${DETENTION_QUOTE}»`).waitFor();
      // The quote opens its source at its words.
      expect(
        await page.locator('.timeline').getByRole('link', { name: 'Open the source' }).first().getAttribute('href'),
      ).toMatch(new RegExp(`^/sources/${sourceId}\\?span=\\d+-\\d+$`));
      await expectAccessible(page, 'person');
      await page.screenshot({ path: join(SCREENSHOTS, 'person.png'), fullPage: true });
      // An editor sets a status no event records, with its reason, and goes back to the derived one.
      await page.getByRole('button', { name: 'Set the status by hand' }).click();
      await page.getByRole('combobox', { name: 'Status' }).selectOption('emigrated');
      await page.getByLabel('Reason (who says so)').fill('left for Georgia, per his family');
      await page.getByRole('button', { name: 'Save the status' }).click();
      await page.getByTestId('person-status').filter({ hasText: 'Emigrated' }).waitFor();
      await page.getByText('Set by hand (the events say: Detained) — left for Georgia, per his family').waitFor();
      // The edit history keeps who set it and the reason given.
      const setByHand = page
        .getByTestId('record-history')
        .locator('li.history__entry', { hasText: 'Status set by hand' });
      await setByHand.first().waitFor();
      expect(await setByHand.first().textContent()).toContain('left for Georgia, per his family');
      await page.getByRole('button', { name: 'Go back to the status the events give' }).click();
      await page.getByTestId('person-status').filter({ hasText: 'Detained' }).waitFor();

      // Russian, then statistics, each table downloadable as CSV made in the page.
      await page.getByRole('button', { name: 'Русский' }).click();
      await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Статистика' }).click();
      await page.getByRole('heading', { level: 1, name: 'Статистика' }).waitFor();
      const month = page.locator('section', { has: page.getByRole('heading', { name: 'По месяцам' }) });
      await month.getByRole('row').filter({ hasText: 'Задержание' }).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        month.getByRole('button', { name: 'Скачать CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('chronicle-byMonth.csv');
      const csv = readFileSync((await download.path()) as string, 'utf8');
      expect(csv.replace(/^\ufeff/, '').split('\r\n')).toEqual([
        'Месяц,Событие,Событий,Людей',
        '2024-03,detention,1,1',
        '',
      ]);
      await expectAccessible(page, 'stats');
      await page.screenshot({ path: join(SCREENSHOTS, 'stats.png'), fullPage: true });

      // Accept with a correction, in Russian: the custody hearing was the next day; the person is then in custody.
      await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Проверка' }).click();
      const custody = page.locator('tr.review-row', { hasText: 'Мера пресечения' });
      await custody.getByRole('button', { name: 'Исправить' }).click();
      await page.getByLabel('Дата (ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД)').fill('2024-03-13');
      await page.getByRole('button', { name: 'Принять с исправлениями' }).click();
      await page.getByText('Ничто не ждёт проверки.').waitFor();
      const person = await page
        .context()
        .request.get(`${suite.url}/api/v1/persons?q=${encodeURIComponent('Гайнуллин')}`);
      expect((await person.json()).items[0].status).toBe('in_custody');
      expect(problems).toEqual([]);
    },
    SLOW,
  );
});
