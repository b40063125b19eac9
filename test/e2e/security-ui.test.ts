import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/app/runtime.js';
import {
  ACCOUNT_LOCK,
  AddressLimiter,
  base32Decode,
  createUser,
  getUser,
  listGroups,
  signIn,
  totp,
} from '../../src/auth/index.js';
import {
  csrfToken,
  type E2eServer,
  expectAccessible,
  launchChromium,
  openPage as openHarnessPage,
  SCREENSHOTS,
  SKIP,
  startServer,
  stopAll,
} from './harness.js';

/**
 * The security pages end to end in Debian's Chromium over the built app (web/dist): an admin reads the audit log
 * (sees the entry of a change made here, verifies the chain), a viewer cannot reach it, and a user turns on
 * two-factor sign-in from their account page and then signs in with a code computed here from the secret shown. A
 * user changes their password; an admin lifts a lock-out and resets a password, shown once.
 */
const SLOW = 120_000;
const PASSWORD = 'e2e correct horse battery staple';
const USERS = { admin: 'e2e-admin', viewer: 'e2e-viewer', editor: 'e2e-two-factor' } as const;

describe.skipIf(SKIP)('audit view and two-factor enrolment in Chromium', () => {
  let server: E2eServer;
  let runtime: Runtime;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer('chronicle-e2e-security-');
    ({ runtime, url } = server);
    for (const [role, username] of Object.entries(USERS))
      await createUser(runtime.workspace.db, null, { username, role, password: PASSWORD });
    browser = await launchChromium();
  }, SLOW);

  afterAll(() => stopAll(browser, server), SLOW);

  function openPage(username?: string): Promise<{ page: Page; problems: string[] }> {
    return openHarnessPage(browser, url, username ? { username, password: PASSWORD } : undefined);
  }

  it(
    'shows an admin the entry of a change made here, with its fields, and verifies the chain',
    async () => {
      const { page, problems } = await openPage(USERS.admin);
      await page.goto(`${url}/sources`);
      await page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
      // The change: a new account, made through the API under the admin's session.
      const csrf = await csrfToken(page, url);
      const created = await page.context().request.post(`${url}/api/v1/users`, {
        headers: { 'x-csrf-token': csrf },
        data: { username: 'marta-probe', role: 'reviewer' },
      });
      expect(created.status()).toBe(200);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
      await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
      await page.getByLabel('User name').fill(USERS.admin);
      // Picked from the actions the log holds, in words (a select once they have come).
      await page.getByRole('combobox', { name: 'Action' }).selectOption('user.add');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/action=user\.add/);
      const row = page.locator('table.audit-table > tbody > tr', { hasText: 'marta-probe' });
      await row.waitFor();
      // The unfiltered page stays on screen (holding the same entry) until the filtered one arrives.
      await expect.poll(() => page.locator('table.audit-table > tbody > tr').count(), { timeout: 30_000 }).toBe(1);
      expect(await row.locator('td').nth(2).textContent()).toBe(USERS.admin);
      const diff = row.locator('table.audit-diff');
      await diff.getByRole('row', { name: /role/ }).getByText('reviewer').waitFor();
      await diff
        .getByRole('row', { name: /username/ })
        .getByText('marta-probe')
        .waitFor();
      expect(await row.textContent()).toMatch(/users\/[0-9A-Z]{26}/);

      await page.getByRole('button', { name: 'Verify the chain' }).click();
      await page.getByText(/The chain is intact: \d+ entries checked\./).waitFor();
      await expectAccessible(page, 'audit');
      await page.screenshot({ path: join(SCREENSHOTS, 'audit.png'), fullPage: true });

      // Russian strings are there too.
      await page.getByRole('button', { name: 'Русский' }).click();
      await page.getByRole('heading', { level: 1, name: 'Журнал действий' }).waitFor();
      await page.getByRole('button', { name: 'Проверить цепочку' }).waitFor();
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'lets an admin make an account and a group, put the account in it, and keeps the page from a viewer',
    async () => {
      const { page, problems } = await openPage(USERS.admin);
      await page.goto(`${url}/sources?lang=en`);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
      await page.getByRole('heading', { level: 1, name: 'Accounts and access groups' }).waitFor();
      const accounts = page.getByTestId('accounts');
      // The admin's own account is not changed here.
      await accounts
        .getByRole('row', { name: /e2e-admin/ })
        .getByText('you')
        .waitFor();
      expect(await accounts.getByRole('button', { name: `Disable ${USERS.admin}` }).count()).toBe(0);
      // A new account: its password shown once; its role changed; disabled and enabled again.
      await accounts.getByLabel('Username').fill('lena-lawyer');
      await accounts.getByLabel('Role', { exact: true }).selectOption('reviewer');
      await accounts.getByRole('button', { name: 'Make the account' }).click();
      expect(await page.getByTestId('new-password').locator('code').textContent()).toMatch(/^\S{12,}$/);
      await accounts.getByLabel('Role of lena-lawyer').selectOption('editor');
      await expect.poll(async () => (await getUser(runtime.workspace.db, 'lena-lawyer')).role).toBe('editor');
      await accounts.getByRole('button', { name: 'Disable lena-lawyer' }).click();
      await accounts.getByRole('button', { name: 'Enable lena-lawyer' }).waitFor();
      expect((await getUser(runtime.workspace.db, 'lena-lawyer')).disabled).toBe(true);
      await accounts.getByRole('button', { name: 'Enable lena-lawyer' }).click();
      await accounts.getByRole('button', { name: 'Disable lena-lawyer' }).waitFor();

      // A group, and the account put in it and taken out.
      await page.getByText('No access groups yet.').waitFor();
      await page.getByLabel('Name', { exact: true }).fill('Адвокаты защиты');
      await page.getByRole('button', { name: 'Make the group' }).click();
      const group = page.getByTestId('group').filter({ hasText: 'Адвокаты защиты' });
      await group.getByText('Nobody is in this group', { exact: false }).waitFor();
      await group.getByLabel('Account').selectOption('lena-lawyer');
      await group.getByRole('button', { name: 'Put in the group' }).click();
      await group.getByRole('button', { name: 'Take lena-lawyer out of Адвокаты защиты' }).waitFor();
      await expectAccessible(page, 'accounts and access groups');
      await page.screenshot({ path: join(SCREENSHOTS, 'access-groups.png'), fullPage: true });
      const [stored] = await listGroups(runtime.workspace.db);
      expect(stored).toMatchObject({ name: 'Адвокаты защиты', members: ['lena-lawyer'] });
      // The same name in other letters is refused in words.
      await page.getByLabel('Name', { exact: true }).fill('АДВОКАТЫ ЗАЩИТЫ');
      await page.getByRole('button', { name: 'Make the group' }).click();
      await page.getByText('a group Адвокаты защиты exists').waitFor();
      await group.getByRole('button', { name: 'Take lena-lawyer out of Адвокаты защиты' }).click();
      await group.getByText('Nobody is in this group', { exact: false }).waitFor();
      // Renamed, and, given no record, deleted.
      await group.getByLabel('Its name').fill('Адвокаты Севера');
      await group.getByRole('button', { name: 'Rename' }).click();
      const renamed = page.getByTestId('group').filter({ hasText: 'Адвокаты Севера' });
      await renamed.getByRole('heading', { name: 'Адвокаты Севера' }).waitFor();
      await renamed.getByRole('button', { name: 'Delete the group Адвокаты Севера' }).click();
      await page.getByText('No access groups yet.').waitFor();
      expect(problems.filter((p) => !p.includes('409'))).toEqual([]);

      const viewer = await openPage(USERS.viewer);
      await viewer.page.goto(`${url}/sources?lang=en`);
      await viewer.page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
      expect(
        await viewer.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).count(),
      ).toBe(0);
      await viewer.page.goto(`${url}/accounts?lang=en`);
      await viewer.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    },
    SLOW,
  );

  it(
    'keeps the audit view from a viewer: no menu entry, the not-found page, and the API answers 404',
    async () => {
      const { page } = await openPage(USERS.viewer);
      await page.goto(`${url}/sources`);
      await page.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
      expect(
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).count(),
      ).toBe(0);
      await page.goto(`${url}/audit`);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      for (const path of ['/api/v1/audit', '/api/v1/audit/verify'])
        expect((await page.context().request.get(`${url}${path}`)).status()).toBe(404);
    },
    SLOW,
  );

  it(
    'turns on two-factor sign-in from the account page, then signs in with a code from the shown secret',
    async () => {
      const { page, problems } = await openPage(USERS.editor);
      await page.goto(`${url}/sources`);
      await page.getByRole('link', { name: `Signed in as ${USERS.editor}` }).click();
      await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
      await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
      const secret = (await page.locator('[data-secret]').getAttribute('data-secret')) ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(await page.locator('.secret-uri').textContent()).toContain(`secret=${secret}`);
      await expectAccessible(page, 'account-enrol');
      // A wrong code is refused and nothing changes.
      const valid = [-1, 0, 1].map((s) => totp(base32Decode(secret), Date.now() + s * 30_000));
      await page.getByLabel('Code from the app').fill(valid.includes('000000') ? '111111' : '000000');
      await page.getByRole('button', { name: 'Confirm and turn on' }).click();
      await page.getByText('The password or code is not right.').waitFor();
      await page.getByLabel('Code from the app').fill(totp(base32Decode(secret), Date.now()));
      await page.getByRole('button', { name: 'Confirm and turn on' }).click();
      await page.getByRole('heading', { name: 'Recovery codes', exact: true }).waitFor();
      const codes = await page.locator('ul.recovery-codes li').allTextContents();
      expect(codes).toHaveLength(10);
      await page.getByText('On. 10 recovery codes left.').waitFor();
      await expectAccessible(page, 'account-enabled');
      await page.screenshot({ path: join(SCREENSHOTS, 'account.png'), fullPage: true });

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Chronicle' }).waitFor();
      await page.getByLabel('User name').fill(USERS.editor);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const codeField = page.getByLabel('Code from your authenticator app');
      await codeField.waitFor();
      await expectAccessible(page, 'sign-in-code');
      // The next step's code: the one used to confirm may not be used again (RFC 6238 §5.2).
      await codeField.fill(totp(base32Decode(secret), Date.now() + 30_000));
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Signed in again, on the page the reader was on.
      await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
      await page.getByText('On. 10 recovery codes left.').waitFor();
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  /** Signs in as the server would (a fresh per-address limit), answering 'ok' or the error's code. */
  const trySignIn = (username: string, password: string) =>
    signIn(runtime.workspace.db, new AddressLimiter(), { username, password, address: 'e2e' }).then(
      () => 'ok',
      (e: { code: string }) => e.code,
    );

  it(
    'changes one’s own password on the account page: refusals said beside the form, then done and cleared',
    async () => {
      const username = 'e2e-new-password';
      await createUser(runtime.workspace.db, null, { username, role: 'viewer', password: PASSWORD });
      const { page, problems } = await openPage(username);
      const other = await openPage(username);
      await page.goto(`${url}/account?lang=en`);
      const form = page.getByTestId('change-password');
      await form.getByRole('heading', { name: 'Change password' }).waitFor();
      expect(await form.getByLabel('Current password').getAttribute('autocomplete')).toBe('current-password');
      expect(await form.getByLabel('New password', { exact: true }).getAttribute('autocomplete')).toBe('new-password');
      expect(await form.getByLabel('New password again').getAttribute('autocomplete')).toBe('new-password');
      const fill = async (current: string, next: string, repeat = next) => {
        await form.getByLabel('Current password').fill(current);
        await form.getByLabel('New password', { exact: true }).fill(next);
        await form.getByLabel('New password again').fill(repeat);
        await form.getByRole('button', { name: 'Change password' }).click();
      };
      await fill(PASSWORD, 'a new passphrase here', 'a new passphrase there');
      await form.getByText('The two new passwords are not the same.', { exact: false }).waitFor();
      await fill(PASSWORD, 'too short');
      await form.getByText('The new password is too short: it needs at least 12 characters.').waitFor();
      await fill('not my password at all', 'a new passphrase here');
      await form.getByText('The current password is not right.', { exact: false }).waitFor();
      await fill(PASSWORD, 'a new passphrase here');
      await form.getByText('Your password is changed. Your other sessions are signed out.').waitFor();
      for (const label of ['Current password', 'New password again'])
        expect(await form.getByLabel(label).inputValue()).toBe('');
      expect(await form.getByLabel('New password', { exact: true }).inputValue()).toBe('');
      await expectAccessible(page, 'account-password');
      // This session goes on; the other one has ended; only the new password signs in.
      expect((await page.context().request.get(`${url}/api/v1/account`)).status()).toBe(200);
      expect((await other.page.context().request.get(`${url}/api/v1/account`)).status()).toBe(401);
      expect(await trySignIn(username, PASSWORD)).toBe('UNAUTHENTICATED');
      expect(await trySignIn(username, 'a new passphrase here')).toBe('ok');
      expect(problems.filter((p) => !/\b40[01]\b/.test(p))).toEqual([]);
    },
    SLOW,
  );

  it(
    'lets an admin lift a lock-out and reset a password, shown once after asking again; says a lock-out at sign-in',
    async () => {
      const username = 'e2e-locked-out';
      await createUser(runtime.workspace.db, null, { username, role: 'reviewer', password: PASSWORD });
      const lockOut = async () => {
        for (let i = 0; i < ACCOUNT_LOCK.maxFailures; i += 1) await trySignIn(username, 'a wrong password here');
        expect(await trySignIn(username, PASSWORD)).toBe('UNAUTHENTICATED');
      };
      await lockOut();
      // The right password while locked out: the answer says the account may be locked, and what to do.
      const signedOut = await openPage();
      await signedOut.page.goto(`${url}/sources?lang=en`);
      await signedOut.page.getByLabel('User name').fill(username);
      await signedOut.page.getByLabel('Password').fill(PASSWORD);
      await signedOut.page.getByRole('button', { name: 'Sign in' }).click();
      await signedOut.page.getByText('or the account is locked for a while', { exact: false }).waitFor();
      await signedOut.page.getByText('ask an administrator to unlock it', { exact: false }).waitFor();

      const { page, problems } = await openPage(USERS.admin);
      await page.goto(`${url}/accounts?lang=en`);
      const accounts = page.getByTestId('accounts');
      const row = accounts.getByRole('row', { name: new RegExp(username) });
      await row.getByText(/locked until/).waitFor();
      await row.getByRole('button', { name: `Unlock ${username}` }).click();
      await row.getByRole('button', { name: `Unlock ${username}` }).waitFor({ state: 'detached' });
      expect(await row.getByText(/locked until/).count()).toBe(0);
      expect((await getUser(runtime.workspace.db, username)).lockedUntil).toBeNull();
      expect(await trySignIn(username, PASSWORD)).toBe('ok');

      await lockOut();
      await page.reload();
      await row.getByText(/locked until/).waitFor();
      // Asked again first; cancelling changes nothing.
      await row.getByRole('button', { name: `Reset the password of ${username}` }).click();
      const question = row.getByRole('group', { name: `Reset the password of ${username}` });
      await question.getByText('is signed out everywhere', { exact: false }).waitFor();
      await expectAccessible(page, 'accounts-reset-question');
      await question.getByRole('button', { name: 'Cancel' }).click();
      await question.waitFor({ state: 'detached' });
      expect(await page.getByTestId('reset-password').count()).toBe(0);
      await row.getByRole('button', { name: `Reset the password of ${username}` }).click();
      await question.getByRole('button', { name: 'Reset the password' }).click();
      const shown = page.getByTestId('reset-password');
      const password = (await shown.locator('code').textContent()) ?? '';
      expect(password).toMatch(/^\S{16,}$/);
      await shown.getByText('Copy it now', { exact: false }).waitFor();
      await row.getByText(/locked until/).waitFor({ state: 'detached' });
      expect(await trySignIn(username, PASSWORD)).toBe('UNAUTHENTICATED');
      expect(await trySignIn(username, password)).toBe('ok');
      await expectAccessible(page, 'accounts-reset');

      await page.getByRole('button', { name: 'Русский' }).click();
      await row.getByRole('button', { name: `Сбросить пароль ${username}` }).waitFor();
      expect(problems).toEqual([]);
    },
    SLOW,
  );
});
