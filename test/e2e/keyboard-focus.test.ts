import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runWorker } from '../../src/jobs/index.js';
import { proposeMerges } from '../../src/record/index.js';
import { seedCasesAndEvents } from '../fixtures/cases-events.js';
import { type Seeded, seedGainullins } from '../integration/merge-fixtures.js';
import { csrfToken, expectAccessible, openPage, type SignedInSuite, SKIP, signedInSuite } from './harness.js';

/**
 * Where the keyboard is after an action, end to end: a filter applied, a form opened and closed, a control that goes
 * away with its action (a deletion, an undo, a question answered) must never drop the focus to <body>, which throws a
 * keyboard or screen-reader user back to the top of the page. Each step presses the control from the keyboard and
 * checks document.activeElement. Also: the sign-in page opens in its user-name field, every page is named in the
 * document title, and an extraction job links to its source. Built app (web/dist) in Debian's Chromium; invented
 * people only (test/integration/merge-fixtures.ts, test/fixtures/cases-events.ts and the reports below).
 */
const SLOW = 180_000;

const USERNAME = 'e2e-keyboard';
const PASSWORD = 'e2e correct horse battery staple';
const KAZAN = 'В Казани 3 апреля 2024 года полиция задержала студентку Веру Жаворонкову после пикета.\n';
const ENGLISH =
  'On 14 June 2024 police in Kazan detained the activist Timur Belyakov and the journalist Denis Okunev.\n';

/** What has the focus, said for a failing check: "BODY", `BUTTON "Save"`, `INPUT[name=q]`… (run in the page). */
const FOCUSED_ELEMENT = `(() => {
  const el = document.activeElement;
  if (!el) return 'nothing';
  const name = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 60);
  const field = el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : '';
  return el.tagName + field + (name ? ' "' + name + '"' : '');
})()`;

/** Waits (the focus may follow a reply from the server) until `target` has the focus; says what has it instead. */
async function expectFocused(page: Page, target: Locator, what: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const here = await target
          .evaluate((el) => el === el.ownerDocument.activeElement, undefined, { timeout: 1_000 })
          .catch(() => false);
        return here ? 'focused' : String(await page.evaluate(FOCUSED_ELEMENT));
      },
      { message: `${what}: the focus should be there`, timeout: 10_000 },
    )
    .toBe('focused');
}

/** A control pressed from the keyboard: focused, then Enter. */
async function press(control: Locator): Promise<void> {
  await control.focus();
  await control.press('Enter');
}

async function upload(suite: SignedInSuite, page: Page, name: string, text: string): Promise<string> {
  const response = await page.context().request.post(`${suite.url}/api/v1/sources`, {
    headers: { 'x-csrf-token': await csrfToken(page, suite.url) },
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

describe.skipIf(SKIP)('keyboard focus after actions in Chromium', () => {
  let s: Seeded;
  const suite = signedInSuite(
    'chronicle-e2e-focus-',
    { username: USERNAME, password: PASSWORD, role: 'admin' },
    {
      timeout: SLOW,
      beforeServer: async (runtime) => {
        s = await seedGainullins(runtime.workspace, null);
        await proposeMerges(runtime.workspace.db);
        await seedCasesAndEvents(runtime.workspace);
      },
    },
  );

  it(
    'keeps the focus in a text filter once it is applied: search, sources, people, cases, audit',
    async () => {
      const { page, problems } = await suite.signedInPage();
      const filters: Array<{ path: string; heading: string; field: (page: Page) => Locator; value: string }> = [
        {
          path: '/search',
          heading: 'Search',
          field: (p) => p.getByLabel('Search the sources, and people and cases by name'),
          value: 'Гайнуллин',
        },
        {
          path: '/sources',
          heading: 'Sources',
          field: (p) => p.getByRole('form', { name: 'Filter sources' }).getByLabel('Publisher'),
          value: 'Казанский',
        },
        { path: '/persons', heading: 'People', field: (p) => p.getByLabel('Name', { exact: true }), value: 'Ринат' },
        { path: '/cases', heading: 'Cases', field: (p) => p.getByLabel('Name, court or article'), value: 'кружка' },
        {
          path: '/audit',
          heading: 'Audit log',
          field: (p) => p.getByRole('form', { name: 'Filter the audit log' }).getByLabel('User name'),
          value: USERNAME,
        },
      ];
      for (const filter of filters) {
        await page.goto(`${suite.url}${filter.path}?lang=en`);
        await page.getByRole('heading', { level: 1, name: filter.heading }).waitFor();
        const field = filter.field(page);
        await field.fill(filter.value);
        await field.press('Enter');
        await page.waitForURL((u) => [...u.searchParams.values()].includes(filter.value));
        await expectFocused(page, field, `${filter.heading}: the text filter after Enter`);
        // What was typed stays, now from the address.
        expect(await field.inputValue()).toBe(filter.value);
      }
      // Reset goes with the filters it clears: the keyboard stays in the form, on its Apply button.
      await press(page.getByRole('button', { name: 'Clear filters' }));
      await page.waitForURL((u) => !u.searchParams.has('actor'));
      await expectFocused(page, page.getByRole('button', { name: 'Show', exact: true }), 'audit: after Reset');
      expect(await page.getByLabel('User name').inputValue()).toBe('');
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'on the person page: the status and relationship forms, a relationship deleted, a person deleted and restored, the split form',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/persons/${s.gaynutdinov}?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Ринат Гайнутдинов' }).waitFor();

      // The status by hand: the form opens in its first field; saved, the keyboard is back on the button.
      const setStatus = page.getByRole('button', { name: 'Set the status by hand' });
      await press(setStatus);
      await expectFocused(page, page.getByRole('combobox', { name: 'Status', exact: true }), 'the status form, opened');
      await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('emigrated');
      await page.getByLabel('Reason (who says so)').fill('his lawyer, in a letter');
      await press(page.getByRole('button', { name: 'Save the status' }));
      await expectFocused(page, setStatus, 'the status form, saved');
      await page.getByTestId('person-status').filter({ hasText: 'Emigrated' }).waitFor();
      // Escape closes it too, back to the button.
      await press(setStatus);
      await page.getByLabel('Reason (who says so)').focus();
      await page.keyboard.press('Escape');
      await expectFocused(page, setStatus, 'the status form, Escape');

      // A relationship: the form opens in its first field, saved it gives the keyboard back to its button.
      const add = page.getByRole('button', { name: 'Add a relationship' });
      await press(add);
      await expectFocused(page, page.getByLabel('Relationship', { exact: true }), 'the relationship form, opened');
      await page.getByLabel('Relationship', { exact: true }).selectOption('sibling_of');
      await page.getByLabel('Find the person by name').fill('Тамара');
      const other = page.getByLabel('Other end');
      await other.locator('option', { hasText: 'Тамара Гайнуллина' }).waitFor({ state: 'attached' });
      await other.selectOption({ label: 'Тамара Гайнуллина' });
      await expectAccessible(page, 'person page with the status and relationship forms');
      await press(page.getByRole('button', { name: 'Save the relationship' }));
      await expectFocused(page, add, 'the relationship form, saved');
      // Deleted, its line goes: the keyboard goes to the notice saying what was deleted.
      await press(page.getByRole('button', { name: 'Delete the relationship: sibling of Тамара Гайнуллина' }));
      await expectFocused(
        page,
        page.getByText('Deleted the relationship: sibling of Тамара Гайнуллина.'),
        'a relationship deleted',
      );

      // Deleting asks first (the keyboard on the question), Escape takes it back; confirmed, and restored, the
      // keyboard is on the notice saying what was done.
      const deleteButton = page.getByRole('button', { name: 'Delete this person…' });
      await press(deleteButton);
      const question = page.getByRole('group', { name: 'Delete Ринат Гайнутдинов' });
      await expectFocused(page, question, 'the delete question, asked');
      await page.keyboard.press('Escape');
      await expectFocused(page, deleteButton, 'the delete question, Escape');
      await press(deleteButton);
      await press(question.getByRole('button', { name: 'Delete', exact: true }));
      await expectFocused(page, page.getByText('Deleted: Ринат Гайнутдинов is out of the record'), 'a person deleted');
      await page.getByText('This person was deleted from the record.').waitFor();
      await press(page.getByRole('button', { name: 'Restore this person' }));
      await expectFocused(
        page,
        page.getByText('Restored: Ринат Гайнутдинов is back in the record.'),
        'a person restored',
      );
      await deleteButton.waitFor();
      await expectAccessible(page, 'person page after a restore');

      // The split form opens on its first choice; Escape gives the keyboard back to its button.
      await page.goto(`${suite.url}/persons/${s.rinat}?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Ринат Гайнуллин' }).waitFor();
      const split = page.getByRole('button', { name: 'Split into two people…' });
      await press(split);
      const form = page.getByRole('form', { name: 'Split this person' });
      await expectFocused(page, form.getByRole('checkbox').first(), 'the split form, opened');
      await page.keyboard.press('Escape');
      await expectFocused(page, split, 'the split form, Escape');
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'after accepting a whole source, after undoing a link in review, and links an extraction job to its source',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/sources?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
      const kazan = await upload(suite, page, 'kazan-picket.txt', KAZAN);
      const english = await upload(suite, page, 'kazan-en.txt', ENGLISH);

      // Accept all: the question takes the keyboard, Escape gives it back; answered, the keyboard is on the notice.
      await page.goto(`${suite.url}/sources/${kazan}?lang=en`);
      const queue = page.getByTestId('review-queue');
      await queue.locator('tbody tr.review-row').first().waitFor();
      const acceptAll = queue.getByRole('button', {
        name: /^Accept (all \d+ proposals|the 1 proposal) waiting from this source…$/,
      });
      const name = (await acceptAll.textContent()) ?? '';
      await press(acceptAll);
      const question = queue.getByRole('group', { name });
      await expectFocused(page, question, 'the accept-all question, asked');
      await page.keyboard.press('Escape');
      await expectFocused(page, acceptAll, 'the accept-all question, Escape');
      await press(acceptAll);
      await press(question.getByRole('button', { name: /^Accept \d+$/ }));
      await expectFocused(page, queue.getByText(/^Done: \d+ accepted, 0 rejected\.$/), 'the whole source accepted');
      await queue.getByText('Nothing is waiting for review.').waitFor();

      // A proposed person linked to one in the record; its Undo goes with its notice: the keyboard goes to the new one.
      await page.goto(`${suite.url}/review?lang=en&sourceId=${english}`);
      const okunev = page.locator('tr.review-row', {
        has: page.locator('td.table__title', { hasText: /^Denis Okunev$/ }),
      });
      await okunev.getByRole('button', { name: 'Correct' }).click();
      const form = page.getByRole('form', { name: 'Correct Denis Okunev' });
      await form.getByLabel('Already in the record? Find the person by name').fill('Тамара');
      const same = form.getByLabel('The same person as');
      await same.locator('option', { hasText: 'Тамара Гайнуллина' }).waitFor({ state: 'attached' });
      await same.selectOption({ label: 'Тамара Гайнуллина' });
      await form.getByRole('button', { name: 'Accept with these corrections' }).click();
      await press(page.getByRole('button', { name: 'Undo the link' }));
      await expectFocused(page, page.getByText('The link was undone'), 'a link undone in review');

      // The extraction jobs name their sources, linked.
      await page.goto(`${suite.url}/jobs?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
      const link = page.getByRole('link', { name: `source ${kazan}`, exact: true });
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe(`/sources/${kazan}`);
      expect(await page.getByRole('columnheader', { name: 'File or source' }).count()).toBe(1);
      await expectAccessible(page, 'jobs with source links');
      await link.click();
      await page.waitForURL(`${suite.url}/sources/${kazan}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'on a source page: the details form opens in its first field, and saved, cancelled or Escape gives the keyboard back to its button',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/sources?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
      const id = await upload(suite, page, 'details-focus.txt', KAZAN);
      await page.goto(`${suite.url}/sources/${id}?lang=en`);
      const edit = page.getByRole('button', { name: 'Correct the details' });
      await press(edit);
      const form = page.getByTestId('source-details');
      await expectFocused(page, form.getByLabel('Title'), 'the details form, opened');
      await form.getByLabel('Publisher').fill('Выдуманное казанское издание');
      await press(form.getByRole('button', { name: 'Save the details' }));
      await form.waitFor({ state: 'detached' });
      await expectFocused(page, edit, 'the details form, saved');
      await page.getByText('The details are saved.').waitFor();
      expect(await page.locator('.meta').textContent()).toContain('Выдуманное казанское издание');
      await press(edit);
      await press(form.getByRole('button', { name: 'Cancel' }));
      await expectFocused(page, edit, 'the details form, cancelled');
      await press(edit);
      await form.getByLabel('Author').focus();
      await page.keyboard.press('Escape');
      await expectFocused(page, edit, 'the details form, Escape');
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'in the merge queue: m moves on to the next pair, and "Look for new pairs" keeps the keyboard',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/merges?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Merge queue' }).waitFor();
      const cards = page.locator('article.merge-pair');
      await cards.first().waitFor();
      expect(await cards.count()).toBeGreaterThanOrEqual(2);

      const refresh = page.getByRole('button', { name: 'Look for new pairs' });
      await press(refresh);
      await page.getByText(/pairs? waiting \(\d+ new\)/).waitFor();
      await expectFocused(page, refresh, '"Look for new pairs", done');

      // j brings the keyboard to the first pair; m merges it, and the keyboard goes on to the pair now in its place
      // (or, with none left, to the notice saying what was merged).
      await page.locator('h1').click();
      await page.keyboard.press('j');
      const first = cards.first();
      await expectFocused(page, first, 'j, on the first pair');
      const merged = await first.getAttribute('data-proposal-id');
      await page.keyboard.press('m');
      await page.getByText(/^Merged /).waitFor();
      await page.locator(`article[data-proposal-id="${merged}"]`).waitFor({ state: 'detached' });
      if ((await cards.count()) > 0) await expectFocused(page, cards.first(), 'm, on the next pair');
      else await expectFocused(page, page.locator('.notice', { hasText: /^Merged / }), 'm, on the last pair');
      // The merge's Undo goes with its notice: the keyboard goes to the notice that says it was undone.
      await press(page.getByRole('button', { name: 'Undo', exact: true }));
      await expectFocused(page, page.locator('.notice', { hasText: /^Undone: / }), 'a merge undone');
      await expectAccessible(page, 'merge queue after an undo');
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    "on the map: a marker's panel takes the keyboard, and Escape or Close gives it back to the marker",
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/events?lang=en&view=map`);
      await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
      // Kazan's marker (with whatever is drawn close to it).
      const marker = page.getByRole('button', { name: /^Казань.*: \d+ events?$/ }).first();
      await marker.waitFor();
      const label = (await marker.getAttribute('aria-label')) ?? '';
      await press(marker);
      const heading = page.getByRole('heading', { level: 2, name: label });
      await expectFocused(page, heading, 'the panel, opened');
      await page.keyboard.press('Escape');
      await heading.waitFor({ state: 'detached' });
      await expectFocused(page, marker, 'the panel, Escape');
      await press(marker);
      await expectFocused(page, heading, 'the panel, opened again');
      await expectAccessible(page, 'map with a panel open');
      await press(page.getByRole('button', { name: 'Close', exact: true }));
      await heading.waitFor({ state: 'detached' });
      await expectFocused(page, marker, 'the panel, Close');
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'names every page in the document title, opens sign-in in its user-name field, and two-factor in its code field',
    async () => {
      const { page, problems } = await suite.signedInPage();
      for (const [path, title] of [
        ['/persons?lang=en', 'People — Chronicle'],
        ['/persons?lang=ru', 'Люди — Chronicle'],
        ['/merges?lang=en', 'Merge queue — Chronicle'],
        // A record's page says what kind it is, never whose: titles stay in the browser's history.
        [`/persons/${s.tamara}?lang=ru`, 'Человек — Chronicle'],
        [`/persons/${s.tamara}?lang=en`, 'Person — Chronicle'],
      ] as const) {
        await page.goto(`${suite.url}${path}`);
        await expect.poll(() => page.title(), { message: path }).toBe(title);
      }
      // Moving between pages and languages in the app renames the tab too.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
      await expect.poll(() => page.title()).toBe('Sources — Chronicle');
      await page.getByRole('button', { name: 'Русский' }).click();
      await expect.poll(() => page.title()).toBe('Источники — Chronicle');

      // Two-factor sign-in: the button goes, the keyboard goes to the code the new form asks for.
      await page.goto(`${suite.url}/account?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
      await press(page.getByRole('button', { name: 'Turn on two-factor sign-in' }));
      await expectFocused(page, page.getByLabel('Code from the app'), 'two-factor enrolment, started');
      await expectAccessible(page, 'account with the enrolment form');
      expect(problems).toEqual([]);

      // Signed out, the sign-in page has the keyboard in its user-name field.
      const browser = page.context().browser();
      if (!browser) throw new Error('the page has no browser');
      const signedOut = await openPage(browser, suite.url);
      await signedOut.page.goto(`${suite.url}/persons?lang=en`);
      await signedOut.page.getByRole('heading', { level: 1, name: 'Sign in to Chronicle' }).waitFor();
      await expectFocused(signedOut.page, signedOut.page.getByLabel('User name'), 'the sign-in page, loaded');
      await expect.poll(() => signedOut.page.title()).toBe('Sign in to Chronicle');
      await expectAccessible(signedOut.page, 'sign-in');
      await signedOut.page.context().close();
    },
    SLOW,
  );
});
