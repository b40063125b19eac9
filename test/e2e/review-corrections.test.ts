import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runWorker } from '../../src/jobs/index.js';
import { csrfToken, expectAccessible, SCREENSHOTS, type SignedInSuite, SKIP, signedInSuite } from './harness.js';

/**
 * Correcting in review, end to end: the keyboard opens a proposal's correction form, a person proposed in Latin script
 * is linked to the person already in the record in Cyrillic (a merge, undone from the merge queue), and an event's
 * quote is cut a word shorter and its type changed. Built app (web/dist) in Debian's Chromium.
 */
const SLOW = 120_000;

const USERNAME = 'e2e-corrections';
const PASSWORD = 'e2e correct horse battery staple';
const RUSSIAN = 'В Уфе 12 марта 2024 года сотрудники ФСБ задержали активиста Рината Гайнуллина.\n';
const SAMARA_DETENTION =
  'В Самаре 5 июня 2024 года полиция задержала журналистку Анну Дробову по заявлению Ивана Калиты.';
const SAMARA = `${SAMARA_DETENTION} Её доставили в отдел полиции.\n`;
const OMSK = 'В Омске 7 июля 2024 года полиция задержала активиста Петра Лунина.\n';
const ENGLISH = 'On 20 May 2024 police in Ufa detained the activist Rinat Gaynullin and the journalist Oleg Vasin.\n';

async function upload(suite: SignedInSuite, page: Page, csrf: string, name: string, text: string): Promise<string> {
  const response = await page.context().request.post(`${suite.url}/api/v1/sources`, {
    headers: { 'x-csrf-token': csrf },
    multipart: { file: { name, mimeType: 'text/plain', buffer: Buffer.from(text) } },
  });
  expect(response.status()).toBe(200);
  await runWorker({
    db: suite.runtime.workspace.db,
    handlers: await suite.runtime.jobHandlers(null),
    exitWhenIdle: true,
  });
  return (await response.json()).results[0].sourceId as string;
}

/** Chooses a match once the finder has listed it. */
async function linkTo(select: Locator, name: string): Promise<void> {
  await select.locator('option', { hasText: name }).waitFor({ state: 'attached' });
  await select.selectOption({ label: name });
}

describe.skipIf(SKIP)('review corrections in Chromium', () => {
  const suite = signedInSuite(
    'chronicle-e2e-corrections-',
    { username: USERNAME, password: PASSWORD, role: 'editor' },
    { timeout: SLOW },
  );

  it(
    'opens a correction with e, links a proposed person to an existing one, moves a quote boundary and changes a type',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/review?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Review' }).waitFor();
      const csrf = await csrfToken(page, suite.url);
      const request = page.context().request;
      await upload(suite, page, csrf, 'ufa-ru.txt', RUSSIAN);
      const accepted = await request.post(`${suite.url}/api/v1/review/accept-all`, {
        headers: { 'x-csrf-token': csrf },
        data: {},
      });
      expect(accepted.status()).toBe(200);
      const existing = (
        await (await request.get(`${suite.url}/api/v1/persons?q=${encodeURIComponent('Гайнуллин')}`)).json()
      ).items as Array<{ id: string; displayName: string }>;
      expect(existing.map((p) => p.displayName)).toEqual(['Ринат Гайнуллин']);
      await upload(suite, page, csrf, 'ufa-en.txt', ENGLISH);
      const namesOf = async (id: string): Promise<string[]> =>
        (await (await request.get(`${suite.url}/api/v1/persons/${id}`)).json()).person.names.map(
          (n: { name: string }) => n.name,
        );

      await page.reload();
      const rows = page.locator('tbody tr.review-row');
      await rows.first().waitFor();
      // A link made by mistake is undone from the notice it leaves: the journalist is not the activist.
      const vasin = page.locator('tr.review-row', {
        has: page.locator('td.table__title', { hasText: /^Oleg Vasin$/ }),
      });
      await vasin.getByRole('button', { name: 'Correct' }).click();
      const vasinForm = page.getByRole('form', { name: 'Correct Oleg Vasin' });
      await vasinForm.getByLabel('Already in the record? Find the person by name').fill('Гайнул');
      await linkTo(vasinForm.getByLabel('The same person as'), 'Ринат Гайнуллин');
      await vasinForm.getByRole('button', { name: 'Accept with these corrections' }).click();
      await page.getByText('Oleg Vasin is now a name of the person already in the record').waitFor();
      expect(await namesOf(existing[0]!.id)).toContain('Oleg Vasin');
      await page.getByRole('button', { name: 'Undo the link' }).click();
      await page.getByText('The link was undone').waitFor();
      expect(await namesOf(existing[0]!.id)).not.toContain('Oleg Vasin');

      // j to the proposed activist, e opens its form with the keyboard in its first field.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      // k to the top (the highlight stayed where the last decision left it), then j down to the activist.
      for (let i = 0; i < 5; i++) await page.keyboard.press('k');
      for (let i = 0; i < 10; i++) {
        const current = page.locator('tr.review-row.is-current');
        const text = (await current.count()) > 0 ? await current.textContent() : null;
        if (text?.startsWith('Person') && text.includes('Rinat Gaynullin')) break;
        await page.keyboard.press('j');
      }
      expect(await page.locator('tr.review-row.is-current').textContent()).toContain('Person');
      await page.keyboard.press('e');
      const personForm = page.getByRole('form', { name: 'Correct Rinat Gaynullin' });
      await personForm.waitFor();
      expect(
        await personForm.getByLabel('Name', { exact: true }).evaluate((el) => el === el.ownerDocument.activeElement),
      ).toBe(true);
      // Escape closes it and gives the keyboard back to the row; e opens it again.
      await page.keyboard.press('Escape');
      await personForm.waitFor({ state: 'detached' });
      expect(await page.locator('tr.review-row.is-current:focus').count()).toBe(1);
      await page.keyboard.press('e');
      await personForm.getByLabel('Already in the record? Find the person by name').fill('Гайнул');
      await linkTo(personForm.getByLabel('The same person as'), 'Ринат Гайнуллин');
      await expectAccessible(page, 'review correction');
      await personForm.getByRole('button', { name: 'Accept with these corrections' }).click();
      await personForm.waitFor({ state: 'detached' });
      // The Latin spelling is now a name of the person in the record, and the link is a merge that can be undone.
      expect(await namesOf(existing[0]!.id)).toContain('Rinat Gaynullin');
      const merges = await (await request.get(`${suite.url}/api/v1/merges/history?undone=true`)).json();
      expect(
        merges.items.map((m: { otherName: string; undoneAt: string | null }) => [m.otherName, m.undoneAt !== null]),
      ).toEqual([
        ['Rinat Gaynullin', false],
        ['Oleg Vasin', true],
      ]);

      // The detention: its quote starts a word later (without "On"), and it is recorded as an arrest.
      const detention = page.locator('tr.review-row', { hasText: 'Detention' });
      await detention.getByRole('button', { name: 'Correct' }).click();
      const eventForm = page.getByRole('form', { name: /^Correct / });
      const quote = eventForm.getByTestId('quote-boundaries').locator('mark');
      await expect.poll(() => quote.textContent()).toBe(ENGLISH.trim());
      await eventForm.getByRole('button', { name: 'Start a word later' }).click();
      expect(await quote.textContent()).toBe(ENGLISH.trim().replace(/^On /, ''));
      await eventForm.getByRole('button', { name: 'End a word earlier' }).click();
      await eventForm.getByRole('button', { name: 'End a word later' }).click();
      expect(await quote.textContent()).toBe(ENGLISH.trim().replace(/^On /, '').replace(/\.$/, ''));
      await eventForm.getByLabel('Event type').selectOption({ label: 'Arrest' });
      await page.screenshot({ path: join(SCREENSHOTS, 'review-correction.png'), fullPage: true });
      await eventForm.getByRole('button', { name: 'Accept with these corrections' }).click();
      await page.getByText('Nothing is waiting for review.').waitFor();
      const all = await (await request.get(`${suite.url}/api/v1/review?status=all&kind=event`)).json();
      const arrest = all.items.find((p: { event?: { type: string } }) => p.event?.type === 'arrest');
      expect(arrest.evidence.map((e: { quote: string }) => e.quote)).toEqual([
        ENGLISH.trim().replace(/^On /, '').replace(/\.$/, ''),
      ]);
      // Its subjects: the person in the record, whom the activist's proposal was linked to, and the journalist.
      const subjects = arrest.event.participants.filter((p: { role: string }) => p.role === 'subject');
      expect(subjects.map((p: { entityId: string }) => p.entityId)).toContain(existing[0]!.id);
      expect(subjects.map((p: { name: string }) => p.name).sort()).toEqual(['Oleg Vasin', 'Ринат Гайнуллин']);
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    "reviews a source's proposals on the source view, the highlighted one's words marked in the text",
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/sources?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
      const csrf = await csrfToken(page, suite.url);
      const sourceId = await upload(suite, page, csrf, 'samara.txt', SAMARA);
      await page.goto(`${suite.url}/sources/${sourceId}?lang=en`);
      const queue = page.getByTestId('review-queue');
      const rows = queue.locator('tbody tr.review-row');
      await rows.first().waitFor();
      const text = page.getByTestId('source-text');
      // The extractor read a foundation (invented) as a person: the reviewer makes it an organization, renamed.
      const kalita = queue.locator('tr.review-row', {
        has: page.locator('td.table__title', { hasText: /^Иван Калита$/ }),
      });
      await kalita.getByRole('button', { name: 'Correct' }).click();
      const kalitaForm = page.getByRole('form', { name: 'Correct Иван Калита' });
      await kalitaForm.getByLabel('This is a').selectOption('organization');
      // An organization is nobody's namesake: the finder for the same person is gone.
      expect(await kalitaForm.getByLabel('The same person as').count()).toBe(0);
      await kalitaForm.getByLabel('Name', { exact: true }).fill('Фонд «Иван Калита»');
      await kalitaForm.getByRole('button', { name: 'Accept with these corrections' }).click();
      await page.getByText('Accepted with corrections: Фонд «Иван Калита».').waitFor();
      await text.locator('mark.mention--organization', { hasText: /^Ивана Калиты$/ }).waitFor();
      expect(await text.locator('mark.mention--person', { hasText: /^Ивана Калиты$/ }).count()).toBe(0);
      const organizations = await (
        await page.context().request.get(`${suite.url}/api/v1/review?status=all&kind=organization&sourceId=${sourceId}`)
      ).json();
      expect(organizations.items.map((o: { label: string; status: string }) => [o.label, o.status])).toContainEqual([
        'Фонд «Иван Калита»',
        'accepted',
      ]);

      // j brings the keyboard to the first proposal; its words are the current mark in the text.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('j');
      for (let i = 0; i < 10; i++) {
        if ((await queue.locator('tr.review-row.is-current').textContent())?.startsWith('EventDetention')) break;
        await page.keyboard.press('j');
      }
      await expect.poll(() => text.locator('mark.is-current').first().textContent()).toBe(SAMARA_DETENTION);
      expect(await text.locator('mark.is-current').getAttribute('class')).toContain('mention--proposed');
      await expectAccessible(page, 'source review');
      await page.screenshot({ path: join(SCREENSHOTS, 'source-review.png'), fullPage: true });
      // a accepts it here: it leaves the queue, and its words in the text are marked as reviewed, not proposed.
      await page.keyboard.press('a');
      await page.getByText(/Done: \d+ accepted, 0 rejected\./).waitFor();
      const detention = text.locator('mark.mention--event', { hasText: SAMARA_DETENTION });
      await expect.poll(() => detention.getAttribute('class')).not.toContain('mention--proposed');
      expect(await queue.locator('tr.review-row', { hasText: 'Detention' }).count()).toBe(0);
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'accepts everything waiting from one source at once, after saying how many',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/sources?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
      const sourceId = await upload(suite, page, await csrfToken(page, suite.url), 'omsk.txt', OMSK);
      await page.goto(`${suite.url}/sources/${sourceId}?lang=en`);
      const queue = page.getByTestId('review-queue');
      await queue.locator('tbody tr.review-row').first().waitFor();
      const waiting = await queue.locator('tbody tr.review-row').count();
      expect(waiting).toBeGreaterThan(1);
      await queue.getByRole('button', { name: `Accept all ${waiting} proposals waiting from this source…` }).click();
      const question = queue.getByRole('group', { name: `Accept all ${waiting} proposals waiting from this source…` });
      await question.getByText('They become part of the record as proposed').waitFor();
      await expectAccessible(page, 'accept a source');
      await question.getByRole('button', { name: `Accept ${waiting}` }).click();
      await page.getByText(`Done: ${waiting} accepted, 0 rejected.`).waitFor();
      await queue.getByText('Nothing is waiting for review.').waitFor();
      const text = page.getByTestId('source-text');
      await expect.poll(() => text.locator('mark.mention--proposed').count()).toBe(0);
      expect(await text.locator('mark.mention').count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    },
    SLOW,
  );
});
