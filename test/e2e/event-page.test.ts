import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup, createUser, recordGroups, setGroupMember } from '../../src/auth/index.js';
import { runWorker } from '../../src/jobs/index.js';
import { acceptAllProposals } from '../../src/record/index.js';
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
 * An event's own page, end to end in Debian's Chromium over the built app (web/dist): opened from the events table
 * and from a person's timeline, it shows the event with its subject and its quote (linked to the source at its
 * words), marks a proposal as one, and lets an editor restrict it to an access group — after which a viewer outside
 * the group finds nothing there. Every name in the reports is invented.
 */
const SLOW = 180_000;
const PASSWORD = 'e2e correct horse battery staple';
const USERS = { editor: 'e2e-editor', viewer: 'e2e-viewer' } as const;
const GROUP = 'Защита (e2e)';
const ACCEPTED = {
  name: 'ufa.txt',
  text: 'В Уфе 12 марта 2024 года полиция задержала активиста Ивана Вымыслова после пикета.\n',
};
const QUOTE = 'полиция задержала активиста Ивана Вымыслова';
const PROPOSED = {
  name: 'kazan.txt',
  text: 'В Казани 3 апреля 2024 года сотрудники ФСБ задержали студента Петра Небылицына.\n',
};

describe.skipIf(SKIP)('the event page in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer('chronicle-e2e-event-');
    const { db } = server.runtime.workspace;
    for (const [role, username] of Object.entries(USERS))
      await createUser(db, null, { username, role, password: PASSWORD });
    await createGroup(db, null, GROUP);
    // The editor is in the group, so the event stays theirs to read once restricted; the viewer is not.
    await setGroupMember(db, null, GROUP, USERS.editor, true);
    browser = await launchChromium();
  }, SLOW);

  afterAll(() => stopAll(browser, server), SLOW);

  const openPage = (username: string) => openHarnessPage(browser, server.url, { username, password: PASSWORD });

  /** Uploads a report as the editor and works off its extraction; `accept` takes every proposal into the record. */
  async function ingest(page: Page, report: { name: string; text: string }, accept: boolean) {
    const upload = await page.context().request.post(`${server.url}/api/v1/sources`, {
      headers: { 'x-csrf-token': await csrfToken(page, server.url) },
      multipart: { file: { name: report.name, mimeType: 'text/plain', buffer: Buffer.from(report.text) } },
    });
    expect(upload.status()).toBe(200);
    const { db } = server.runtime.workspace;
    await runWorker({ db, handlers: await server.runtime.jobHandlers(null), exitWhenIdle: true });
    if (accept) await db.transaction().execute((trx) => acceptAllProposals(trx, null));
  }

  it(
    'opens an event from the table with its subject and quote, marks a proposal, and restricts it as an editor',
    async () => {
      const { db } = server.runtime.workspace;
      const { page, problems } = await openPage(USERS.editor);
      await page.goto(`${server.url}/events?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
      await ingest(page, ACCEPTED, true);
      await ingest(page, PROPOSED, false);
      const detention = await db
        .selectFrom('events')
        .select(['id', 'source_id'])
        .where('type', '=', 'detention')
        .where('status', '=', 'accepted')
        .executeTakeFirstOrThrow();
      const subject = await db
        .selectFrom('event_participants')
        .innerJoin('persons', 'persons.id', 'event_participants.entity_id')
        .select(['persons.id', 'persons.display_name'])
        .where('event_participants.event_id', '=', detention.id)
        .where('event_participants.role', '=', 'subject')
        .executeTakeFirstOrThrow();

      // From the table to the event: its type is the link, the person and place links of the row kept beside it.
      await page.goto(`${server.url}/events?lang=en`);
      const row = page.locator('tr.event-row', { hasText: 'Detention' }).filter({ hasText: 'Уфа' });
      await row.getByRole('link', { name: subject.display_name }).waitFor();
      await row.getByRole('link', { name: 'Detention' }).click();
      await page.waitForURL(new RegExp(`/events/${detention.id}$`));
      await page.getByRole('heading', { level: 1, name: 'Detention' }).waitFor();
      const facts = page.locator('dl.facts');
      expect(await facts.textContent()).toContain('12 Mar 2024');
      expect(await facts.textContent()).toContain('Уфа');
      expect(await page.getByTestId('event-review-state').count()).toBe(0);
      const person = page.getByTestId('event-subjects').getByRole('link', { name: subject.display_name });
      expect(await person.getAttribute('href')).toBe(`/persons/${subject.id}`);
      await page.locator('.evidence__quote', { hasText: QUOTE }).waitFor();
      await expectAccessible(page, 'event');
      await page.screenshot({ path: join(SCREENSHOTS, 'event.png'), fullPage: true });

      // The quote opens its source at its words, marked there.
      const source = page.locator('.evidence').getByRole('link', { name: 'Open the source' });
      expect(await source.getAttribute('href')).toMatch(
        new RegExp(`^/sources/${detention.source_id}\\?span=\\d+-\\d+$`),
      );
      await source.click();
      await page.waitForURL(/\/sources\/.+\?span=/);
      expect(await page.locator('mark.evidence-span').textContent()).toContain(QUOTE);

      // From the person's timeline back to the event.
      await page.goto(`${server.url}/persons/${subject.id}?lang=en`);
      await page.locator('.timeline').getByRole('link', { name: 'Detention' }).click();
      await page.waitForURL(new RegExp(`/events/${detention.id}$`));
      await page.getByRole('heading', { level: 1, name: 'Detention' }).waitFor();

      // A proposal is said to be one: not part of the record until a reviewer accepts it.
      const proposed = await db
        .selectFrom('events')
        .select('id')
        .where('status', '=', 'proposed')
        .executeTakeFirstOrThrow();
      await page.goto(`${server.url}/events/${proposed.id}?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Detention' }).waitFor();
      expect(await page.getByTestId('event-review-state').textContent()).toContain('Not part of the record: Proposed');
      await page.locator('.evidence__quote', { hasText: 'Петра Небылицына' }).waitFor();

      // The editor restricts the accepted event to the group; being in it, they still read it, and the page says so.
      await page.goto(`${server.url}/events/${detention.id}?lang=en`);
      const access = page.getByTestId('access');
      await access.getByRole('heading', { name: 'Who may read it' }).waitFor();
      expect(await access.locator('p').first().textContent()).toBe('Internal');
      await access.getByRole('button', { name: 'Change who may read it' }).click();
      await access.getByLabel('Confidentiality').selectOption('restricted');
      await access.getByRole('checkbox', { name: GROUP }).check();
      await expectAccessible(page, 'event access');
      await access.getByRole('button', { name: 'Save' }).click();
      await access.locator('p', { hasText: `Restricted · access groups: ${GROUP}` }).waitFor();
      const stored = await db
        .selectFrom('events')
        .select('confidentiality')
        .where('id', '=', detention.id)
        .executeTakeFirst();
      expect(stored?.confidentiality).toBe('restricted');
      expect((await recordGroups(db, 'events', detention.id)).map((g) => g.name)).toEqual([GROUP]);

      // In Russian the page speaks Russian.
      await page.goto(`${server.url}/events/${detention.id}?lang=ru`);
      await page.getByRole('heading', { level: 1, name: 'Задержание' }).waitFor();
      await page.getByRole('heading', { name: 'Что говорят источники' }).waitFor();
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'shows a viewer the level of an event but no controls, and nothing at all of one restricted outside their groups',
    async () => {
      const { db } = server.runtime.workspace;
      const { page, problems } = await openPage(USERS.viewer);
      const restricted = await db
        .selectFrom('events')
        .select('id')
        .where('confidentiality', '=', 'restricted')
        .executeTakeFirstOrThrow();
      const open = await db
        .selectFrom('events')
        .select('id')
        .where('confidentiality', '=', 'internal')
        .executeTakeFirstOrThrow();
      await page.goto(`${server.url}/events/${open.id}?lang=en`);
      const access = page.getByTestId('access');
      await access.getByRole('heading', { name: 'Who may read it' }).waitFor();
      expect(await access.locator('p').first().textContent()).toBe('Internal');
      expect(await access.getByRole('button').count()).toBe(0);

      await page.goto(`${server.url}/events/${restricted.id}?lang=en`);
      await page.getByText('Not found', { exact: true }).waitFor();
      expect(await page.getByRole('heading', { level: 1, name: 'Detention' }).count()).toBe(0);
      // The same answer as for an id that never was.
      await page.goto(`${server.url}/events/NOSUCHEVENT?lang=en`);
      await page.getByText('Not found', { exact: true }).waitFor();
      expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    },
    SLOW,
  );
});
