import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/index.js';
import {
  csrfToken,
  type E2eServer,
  expectAccessible,
  launchChromium,
  openPage,
  SKIP,
  startServer,
  stopAll,
} from './harness.js';

/**
 * A session that ends while someone is typing, end to end in Debian's Chromium over the built app (web/dist): the
 * sign-in form comes over the page as a modal dialog, and the page stays as it was behind it, so signing in again
 * finds the half-typed form still filled; signed in as someone else, nothing of the previous user's is shown.
 */
const SLOW = 120_000;
const PASSWORD = 'e2e correct horse battery staple';
const USERS = { admin: 'e2e-expiry-admin', viewer: 'e2e-expiry-viewer' } as const;
const TITLE = 'Протокол задержания (e2e-expiry)';
const TYPED = 'Исправленный заголовок, набранный до конца сеанса';

describe.skipIf(SKIP)('a session that ends while the page is open, in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer('chronicle-e2e-expiry-');
    await createUser(server.runtime.workspace.db, null, { username: USERS.admin, role: 'admin', password: PASSWORD });
    await createUser(server.runtime.workspace.db, null, { username: USERS.viewer, role: 'viewer', password: PASSWORD });
    browser = await launchChromium();
  }, SLOW);

  afterAll(() => stopAll(browser, server), SLOW);

  /** A restricted source, uploaded under the page's session: an admin reads it, a viewer may not. */
  async function uploadRestricted(page: Page): Promise<string> {
    const response = await page.context().request.post(`${server.url}/api/v1/sources`, {
      headers: { 'x-csrf-token': await csrfToken(page, server.url) },
      multipart: {
        title: TITLE,
        confidentiality: 'restricted',
        file: {
          name: 'expiry.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('В Перми задержали участника пикета.\n'),
        },
      },
    });
    expect(response.status()).toBe(200);
    return (await response.json()).results[0].sourceId as string;
  }

  /** Ends the page's session on the server, as an expiry or a sign-out in another tab would. */
  async function endSession(page: Page): Promise<void> {
    const csrf = await csrfToken(page, server.url);
    const response = await page.context().request.delete(`${server.url}/api/v1/session`, {
      headers: { 'x-csrf-token': csrf },
    });
    expect(response.ok()).toBe(true);
    expect((await page.context().request.get(`${server.url}/api/v1/session`)).status()).toBe(401);
  }

  /** Whether the focus is inside the sign-in dialog (run in the page). */
  const focusInDialog = (page: Page) =>
    page.evaluate<boolean>("document.activeElement !== null && document.activeElement.closest('dialog') !== null");

  it(
    'signs in again over the page, keeping what was typed, and shows nothing of the previous user to another',
    async () => {
      const { page, problems } = await openPage(browser, server.url, { username: USERS.admin, password: PASSWORD });
      await page.goto(`${server.url}/sources?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
      const id = await uploadRestricted(page);
      await page.goto(`${server.url}/sources/${id}?lang=en`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByRole('button', { name: 'Correct the details' }).click();
      const form = page.getByTestId('source-details');
      await form.getByLabel('Title').fill(TYPED);

      await endSession(page);
      await form.getByRole('button', { name: 'Save the details' }).click();

      // The sign-in form comes over the page: a modal dialog holding the keyboard, the page behind it out of reach.
      const dialog = page.getByRole('dialog', { name: 'Sign in to Chronicle' });
      await dialog.waitFor();
      await dialog.getByText('Your session has ended. Sign in again to go on.').waitFor();
      expect(await page.locator('.shell').getAttribute('aria-hidden')).toBe('true');
      expect(await page.locator('.shell').getAttribute('inert')).toBe('');
      // Nor in sight: a session ended by idleness may be a screen left alone.
      const backdrop = await page.evaluate<string>(
        "getComputedStyle(document.querySelector('dialog'), '::backdrop').backgroundColor",
      );
      expect(backdrop).toBe('rgb(244, 245, 247)');
      await expect.poll(() => focusInDialog(page)).toBe(true);
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        expect(await focusInDialog(page)).toBe(true);
      }
      // Escape does not take it away: behind it every request would be refused again.
      await page.keyboard.press('Escape');
      expect(await dialog.isVisible()).toBe(true);
      expect(await focusInDialog(page)).toBe(true);
      await expectAccessible(page, 'sign-in over the page');

      await dialog.getByLabel('User name').fill(USERS.admin);
      await dialog.getByLabel('Password').fill(PASSWORD);
      await dialog.getByRole('button', { name: 'Sign in' }).click();
      await dialog.waitFor({ state: 'detached' });
      // Signed in again as the same user: the form holds what was typed, the keyboard is back where it was, and
      // saving it now works.
      expect(await form.getByLabel('Title').inputValue()).toBe(TYPED);
      const saveButton = form.getByRole('button', { name: 'Save the details' });
      await expect.poll(() => saveButton.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      expect(await page.locator('.shell').getAttribute('aria-hidden')).toBeNull();
      await saveButton.click();
      await form.waitFor({ state: 'detached' });
      await page.getByRole('heading', { level: 1, name: TYPED }).waitFor();

      // Ended again, and someone else signs in at this screen: the admin's restricted source and draft are gone.
      await page.getByRole('button', { name: 'Correct the details' }).click();
      await form.getByLabel('Publisher').fill('Черновик администратора');
      await endSession(page);
      await form.getByRole('button', { name: 'Save the details' }).click();
      await dialog.waitFor();
      await dialog.getByLabel('User name').fill(USERS.viewer);
      await dialog.getByLabel('Password').fill(PASSWORD);
      await dialog.getByRole('button', { name: 'Sign in' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('link', { name: `Signed in as ${USERS.viewer}` }).waitFor();
      await page.getByText('There is nothing here.', { exact: false }).first().waitFor();
      expect(await page.getByText(TYPED).count()).toBe(0);
      expect(await page.getByTestId('source-details').count()).toBe(0);
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'opens on the plain sign-in page when there is no session at first',
    async () => {
      const { page, problems } = await openPage(browser, server.url);
      await page.goto(`${server.url}/sources?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Sign in to Chronicle' }).waitFor();
      expect(await page.getByRole('dialog').count()).toBe(0);
      expect(problems).toEqual([]);
    },
    SLOW,
  );
});
