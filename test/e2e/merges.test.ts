import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposeMerges } from '../../src/record/index.js';
import { type Seeded, seedGainullins } from '../integration/merge-fixtures.js';
import { expectAccessible, SCREENSHOTS, SKIP, signedInSuite } from './harness.js';

/**
 * The merge queue end to end: pairs proposed by the names resolver, one merged with the keyboard, the person page
 * showing both names and all events, the merge undone from the list of recent merges. Built app (web/dist) in
 * Debian's Chromium, with the axe check on the queue and the person page.
 */
const SLOW = 120_000;

const USERNAME = 'e2e-merge-editor';
const PASSWORD = 'e2e correct horse battery staple';

describe.skipIf(SKIP)('merge queue in Chromium', () => {
  let s: Seeded;
  const suite = signedInSuite(
    'chronicle-e2e-merges-',
    { username: USERNAME, password: PASSWORD, role: 'editor' },
    {
      timeout: SLOW,
      beforeServer: async (runtime) => {
        s = await seedGainullins(runtime.workspace, null);
        await proposeMerges(runtime.workspace.db);
      },
    },
  );

  it(
    'merges two people with the keyboard, shows both names and all events, and undoes the merge',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/sources?lang=en`);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Merge queue' }).click();
      await page.getByRole('heading', { level: 1, name: 'Merge queue' }).waitFor();
      const pair = page
        .locator('article.merge-pair')
        .filter({ hasText: 'Rinat Gainullin' })
        .filter({ hasText: 'Гайнуллин Ринат Рашидович' });
      await pair.waitFor();
      // Names in both scripts, the score, the evidence with its source, and why, part by part.
      await expect(pair.getByText('Rinat Gainullin (Latin)').count()).resolves.toBe(1);
      await expect(pair.getByText('Ринат Гайнуллин (Cyrillic)').count()).resolves.toBe(1);
      expect(await pair.locator('.badge').textContent()).toMatch(/^Score 1\.00$/);
      expect(await pair.textContent()).toContain('«Rinat Gainullin was sentenced to 5 years.»');
      expect(await pair.getByRole('link', { name: 'Казанский суд' }).count()).toBeGreaterThan(0);
      await pair.locator('summary').click();
      expect(await pair.locator('.merge-why th[scope="row"]').allTextContents()).toContain('Surname');
      // Neither Гайнутдинов nor the mother is proposed.
      expect(await page.locator('article.merge-pair', { hasText: 'Гайнутдинов' }).count()).toBe(0);
      expect(await page.locator('article.merge-pair', { hasText: 'Тамара' }).count()).toBe(0);
      await expectAccessible(page, 'merge queue');
      await page.screenshot({ path: join(SCREENSHOTS, 'merge-queue.png'), fullPage: true });

      // Keep Ринат Гайнуллин; move the keyboard to the pair (j/k) and merge it with m.
      await pair.getByRole('region', { name: 'Ринат Гайнуллин' }).getByLabel('Keep this person').check();
      await page.locator('h1').click();
      const target = await pair.getAttribute('data-proposal-id');
      for (let i = 0; i < 10; i++) {
        if ((await page.locator(`article.merge-pair.is-current[data-proposal-id="${target}"]:focus`).count()) > 0)
          break;
        await page.keyboard.press('j');
      }
      expect(await page.locator(`article.merge-pair.is-current[data-proposal-id="${target}"]:focus`).count()).toBe(1);
      await page.keyboard.press('m');
      await page.getByText('Merged Rinat Gainullin into Ринат Гайнуллин.').waitFor();
      // The pair leaves the queue once the queue is read again.
      await page.locator(`article[data-proposal-id="${target}"]`).waitFor({ state: 'detached' });

      // The person page shows both names and all three events.
      await page
        .getByRole('region', { name: 'Recent merges and splits' })
        .getByRole('link', { name: 'Open person' })
        .first()
        .click();
      await page.getByRole('heading', { level: 1, name: 'Ринат Гайнуллин' }).waitFor();
      await page.locator('ul.plain-list li', { hasText: 'Rinat Gainullin' }).waitFor();
      expect(await page.locator('ol.timeline > li').count()).toBe(3);
      await expectAccessible(page, 'person after merge');

      // Undo from the list of recent merges: the names are apart again.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Merge queue' }).click();
      await page.getByRole('button', { name: 'Undo: Ринат Гайнуллин and Rinat Gainullin' }).click();
      await page.getByText('Undone: Ринат Гайнуллин and Rinat Gainullin are separate again.').waitFor();
      await page.locator(`article[data-proposal-id="${target}"]`).waitFor();
      await page.goto(`${suite.url}/persons/${s.rinat}?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Ринат Гайнуллин' }).waitFor();
      await page.locator('ol.timeline > li').first().waitFor();
      expect(await page.locator('ol.timeline > li').count()).toBe(2);
      expect(await page.locator('ul.plain-list li', { hasText: 'Rinat Gainullin' }).count()).toBe(0);
      expect(await page.locator('ul.plain-list li', { hasText: 'Гайнуллин Ринат Рашидович' }).count()).toBe(1);
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'is in Russian with ?lang=ru',
    async () => {
      const { page } = await suite.signedInPage();
      await page.goto(`${suite.url}/merges?lang=ru`);
      await page.getByRole('heading', { level: 1, name: 'Очередь объединения' }).waitFor();
      await page.locator('article.merge-pair').first().waitFor();
      expect(await page.getByRole('button', { name: 'Объединить' }).count()).toBeGreaterThan(0);
      // The resolver explains itself in English; the Russian queue must not show those words.
      const pair = page.locator('article.merge-pair').first();
      expect(await pair.locator('.merge-pair__head').textContent()).toMatch(/один и тот же человек|разные люди/);
      await pair.locator('details.merge-why > summary').click();
      const explanation = await pair.locator('details.merge-why td').allTextContents();
      expect(explanation.length).toBeGreaterThan(0);
      for (const line of explanation) expect(line).not.toMatch(/\b(same|absent|via|initial|different|both)\b/);
      await expectAccessible(page, 'merge queue in Russian');
    },
    SLOW,
  );

  it(
    'splits a person on the person page and undoes the split from the merge queue',
    async () => {
      const { page, problems } = await suite.signedInPage();
      await page.goto(`${suite.url}/persons/${s.rinat}?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Ринат Гайнуллин' }).waitFor();
      await page.getByRole('button', { name: 'Split into two people…' }).click();
      const form = page.getByRole('form', { name: 'Split this person' });
      await form.getByLabel('Гайнуллин Ринат Рашидович').check();
      await form.locator(`input[name="event"][value="${s.detention}"]`).check();
      await expectAccessible(page, 'person with the split form');
      await form.getByRole('button', { name: 'Split into a new person' }).click();
      await page.getByText('Split: the chosen names and events now belong to a new person.').waitFor();
      await page.getByRole('link', { name: 'Open the new person' }).click();
      await page.getByRole('heading', { level: 1, name: 'Гайнуллин Ринат Рашидович' }).waitFor();
      await page.locator('ol.timeline > li').first().waitFor();
      expect(await page.locator('ol.timeline > li').count()).toBe(1);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Merge queue' }).click();
      await page.getByRole('button', { name: 'Undo: Ринат Гайнуллин and Гайнуллин Ринат Рашидович' }).click();
      await page.getByText('Undone: Ринат Гайнуллин and Гайнуллин Ринат Рашидович are separate again.').waitFor();
      await page.goto(`${suite.url}/persons/${s.rinat}?lang=en`);
      await page.locator('ul.plain-list li', { hasText: 'Гайнуллин Ринат Рашидович' }).waitFor();
      expect(await page.locator('ol.timeline > li').count()).toBe(2);
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'deletes a wrong person from their page, with a question first, and restores them',
    async () => {
      const { page, problems } = await suite.signedInPage();
      const people = async () =>
        (
          await (
            await page.context().request.get(`${suite.url}/api/v1/persons?q=${encodeURIComponent('Гайнутдинов')}`)
          ).json()
        ).items.length as number;
      expect(await people()).toBe(1);
      await page.goto(`${suite.url}/persons/${s.gaynutdinov}?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Ринат Гайнутдинов' }).waitFor();
      await page.getByRole('button', { name: 'Delete this person…' }).click();
      const question = page.getByRole('group', { name: 'Delete Ринат Гайнутдинов' });
      await question.getByText('Nothing is erased').waitFor();
      await expectAccessible(page, 'delete person');
      // Cancel leaves everything as it was; Delete takes the person out of the record, kept and restorable.
      await question.getByRole('button', { name: 'Cancel' }).click();
      expect(await people()).toBe(1);
      await page.getByRole('button', { name: 'Delete this person…' }).click();
      await question.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByText('This person was deleted from the record.').waitFor();
      expect(await people()).toBe(0);
      await page.getByRole('button', { name: 'Restore this person' }).click();
      await page.getByRole('button', { name: 'Delete this person…' }).waitFor();
      expect(await page.getByText('This person was deleted from the record.').count()).toBe(0);
      expect(await people()).toBe(1);
      // The edit history says who did what, newest first: restored, deleted, and as first kept.
      const history = page.getByTestId('record-history');
      await history.getByText('Restored').waitFor();
      const entries = history.locator('li.history__entry');
      expect(await entries.locator('.history__head strong').allTextContents()).toEqual(
        expect.arrayContaining(['Restored', 'Deleted']),
      );
      expect(await entries.first().textContent()).toContain(USERNAME);
      expect(await entries.nth(1).locator('.history__changes').textContent()).toMatch(/^Deleted: — → \d/);
      await expectAccessible(page, 'person history');
      expect(problems).toEqual([]);
    },
    SLOW,
  );
});
