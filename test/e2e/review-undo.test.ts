import { describe, expect, it } from 'vitest';
import { runWorker } from '../../src/jobs/index.js';
import { createPerson } from '../../src/record/index.js';
import { csrfToken, expectAccessible, SKIP, signedInSuite } from './harness.js';

/**
 * Taking a decision back and publishing a person, end to end: a proposal rejected with one `r` comes back from the
 * notice's Undo and from the Rejected list, and an editor records a public person's consent and sees them on the
 * public list. Built app (web/dist) in Debian's Chromium.
 */
const SLOW = 120_000;

const REPORT = 'В Омске 7 июля 2024 года полиция задержала активиста Петра Лунина.\n';

describe.skipIf(SKIP)('review undo and consent to publish in Chromium', () => {
  const suite = signedInSuite(
    'chronicle-e2e-review-undo-',
    { username: 'e2e-undo', password: 'e2e correct horse battery staple', role: 'editor' },
    { timeout: SLOW },
  );

  it(
    'rejects a row with r, takes it back from the notice and with u, and reconsiders it from the Rejected list',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/review?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Review' }).waitFor();
      const csrf = await csrfToken(page, suite.url);
      const upload = await page.context().request.post(`${suite.url}/api/v1/sources`, {
        headers: { 'x-csrf-token': csrf },
        multipart: { file: { name: 'omsk.txt', mimeType: 'text/plain', buffer: Buffer.from(REPORT) } },
      });
      expect(upload.status()).toBe(200);
      await runWorker({
        db: suite.runtime.workspace.db,
        handlers: await suite.runtime.jobHandlers(null),
        exitWhenIdle: true,
      });
      await page.reload();
      const rows = page.locator('tbody tr.review-row');
      await rows.first().waitFor();
      const before = await rows.count();
      const ids = async () => rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-proposal-id')));
      const queued = await ids();

      // One stray r rejects the highlighted row; the notice's Undo puts it back where it was.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('j');
      const first = queued[0]!;
      await page.keyboard.press('r');
      await page.getByText('Done: 0 accepted, 1 rejected.').waitFor();
      await expect.poll(ids).not.toContain(first);
      await page.getByRole('button', { name: 'Undo', exact: true }).click();
      await page.getByText('Taken back: 1 proposal is waiting for review again.').waitFor();
      await expect.poll(ids).toEqual(queued);
      expect(await rows.count()).toBe(before);

      // The u key does the same for the last decision.
      await page.keyboard.press('j');
      await page.keyboard.press('r');
      await page.getByText('Done: 0 accepted, 1 rejected.').waitFor();
      await expect.poll(ids).not.toContain(first);
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('u');
      await page.getByText('Taken back: 1 proposal is waiting for review again.').waitFor();
      await expect.poll(ids).toEqual(queued);

      // Rejected once more, it is reconsidered from the Rejected list: back to review, or accepted there.
      await page.keyboard.press('j');
      await page.keyboard.press('r');
      await page.getByText('Done: 0 accepted, 1 rejected.').waitFor();
      await page.getByLabel('Show').selectOption('rejected');
      const rejected = page.locator(`tr.review-row[data-proposal-id="${first}"]`);
      await rejected.getByRole('button', { name: 'Back to review' }).click();
      await page.getByText('Taken back: 1 proposal is waiting for review again.').waitFor();
      await page.getByText('No proposals match.').waitFor();
      await page.getByLabel('Show').selectOption('proposed');
      await expect.poll(ids).toEqual(queued);
      await expectAccessible(page, 'review-undo');
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    "records a public person's consent and shows them on the public list",
    async () => {
      const person = await suite.runtime.workspace.db
        .transaction()
        .execute((trx) => createPerson(trx, { displayName: 'Марина Волкова', confidentiality: 'public' }, null));
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/persons/${person.id}?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Марина Волкова' }).waitFor();
      const state = page.getByTestId('public-list-state');
      expect(await state.textContent()).toBe('Public, but not on the public list: no consent recorded.');
      const consent = page.getByRole('checkbox', { name: 'Consented to be named publicly' });
      expect(await consent.isChecked()).toBe(false);
      await consent.check();
      await state.filter({ hasText: /^On the public list$/ }).waitFor();
      expect(await consent.isChecked()).toBe(true);
      const listed = await (await page.context().request.get(`${suite.url}/api/v1/public/persons`)).json();
      expect(listed.items.map((p: { name: string }) => p.name)).toEqual(['Марина Волкова']);
      await expectAccessible(page, 'person-consent');
      // Taken back, the person leaves the list and the page says why.
      await consent.uncheck();
      await state.filter({ hasText: 'no consent recorded' }).waitFor();
      expect((await (await page.context().request.get(`${suite.url}/api/v1/public/persons`)).json()).items).toEqual([]);
      expect(problems).toEqual([]);
    },
    SLOW,
  );
});
