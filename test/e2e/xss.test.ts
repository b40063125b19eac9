import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/app/runtime.js';
import { createUser } from '../../src/auth/index.js';
import {
  acceptAllProposals,
  createPerson,
  type ExtractionInput,
  type SpanInput,
  stageExtraction,
} from '../../src/record/index.js';
import { type E2eServer, launchChromium, REPO, SKIP, startServer, stopAll } from './harness.js';

/**
 * Hostile text everywhere a person can type or a source can carry it — person and case names, notes, override
 * reasons, review corrections, source titles, file names and HTML, search queries and the snippets they highlight —
 * shown on every page that displays it, in Debian's Chromium over the built app (web/dist). Every payload tries to
 * call `window.__xss(tag)` (a function the test exposes) or open a dialog; neither may ever happen.
 *
 * The browser context bypasses the Content-Security-Policy: CSP is the second wall, the UI's escaping is the first,
 * and this test checks the first alone (a second pass with CSP on checks that nothing even tried to run).
 */
const SLOW = 240_000;
const USERNAME = 'e2e-xss-admin';
const PASSWORD = 'e2e correct horse battery staple';

/** Classic vectors, each calling the sentinel with its own tag so a failure names the vector and the place. */
const CLASSIC = [
  `<script>__xss('script')</script>`,
  `<img src=x onerror="__xss('img-onerror')">`,
  `<svg onload="__xss('svg-onload')">`,
  `javascript:__xss('javascript-url')`,
  `"><iframe srcdoc="<script>parent.__xss('iframe-srcdoc')</script>">`,
  `'"><img src=x onerror=__xss('attribute-breakout')>`,
  `{{constructor.constructor('__xss("template")')()}}`,
  `</textarea></title></style><script>__xss('tag-breakout')</script>`,
  `<a href="javascript:__xss('link')">click</a>`,
  `<details open ontoggle="__xss('details-ontoggle')">`,
  `<input autofocus onfocus="__xss('autofocus')">`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is a template-literal injection on purpose
  '${__xss(`template-literal`)}',
  `<math><mtext><table><mglyph><style><img src=x onerror=__xss('mxss')>`,
  `<object data="javascript:__xss('object')">`,
];
const NAUGHTY = (
  JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'naughty-strings.json'), 'utf8')) as { strings: string[] }
).strings;
const PAYLOADS = [...CLASSIC, ...NAUGHTY];

function span(text: string, part: string, from = 0): SpanInput {
  const start = text.indexOf(part, from);
  if (start < 0) throw new Error(`"${part}" is not in the text`);
  return { start, end: start + part.length, text: part };
}

/** A report of one detention and one sentence whose person and case names are payloads. */
function hostileReport(person: string, caseName: string): { text: string; extraction: ExtractionInput } {
  const text = `В Уфе 12 марта 2024 года полиция задержала ${person}. Суд приговорил ${person} к 6 годам колонии по делу ${caseName}.`;
  const detention = `В Уфе 12 марта 2024 года полиция задержала ${person}.`;
  const sentence = `Суд приговорил ${person} к 6 годам колонии по делу ${caseName}.`;
  return {
    text,
    extraction: {
      language: 'ru',
      referenceDate: '2024-03-13',
      persons: [
        { name: person, mentions: [span(text, person), span(text, person, text.indexOf('Суд'))], confidence: 0.9 },
      ],
      organizations: [{ name: 'полиция', mentions: [span(text, 'полиция')] }],
      places: [
        { name: 'Уфа', mentions: [span(text, 'Уфе')], country: 'RU', lat: 54.74, lon: 55.97, geonameId: 479561 },
      ],
      dates: [{ ...span(text, '12 марта 2024 года'), value: '2024-03-12' }],
      cases: [{ name: caseName, mentions: [span(text, caseName)] }],
      events: [
        {
          type: 'detention',
          date: '2024-03-12',
          places: ['Уфа'],
          subjects: [person],
          agents: ['полиция'],
          case: null,
          sentenceYears: null,
          evidence: span(text, detention),
          confidence: 0.8,
        },
        {
          type: 'sentence',
          date: '2024-03',
          places: [],
          subjects: [person],
          agents: [],
          case: caseName,
          sentenceYears: 6,
          evidence: span(text, sentence),
          confidence: 0.7,
        },
      ],
    },
  };
}

describe.skipIf(SKIP)('XSS payloads never execute in Chromium', () => {
  let server: E2eServer;
  let runtime: Runtime;
  let url: string;
  let browser: Browser;
  let context: BrowserContext;
  let api: { headers: Record<string, string> };
  /** Pages showing payloads, filled in by the seeding. */
  const visits: string[] = [];
  let htmlSourceId = '';

  async function post(path: string, data: unknown, method: 'POST' | 'PATCH' = 'POST') {
    const res = await context.request.fetch(`${url}${path}`, { method, headers: api.headers, data });
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
    return res.json();
  }

  async function upload(name: string, mimeType: string, body: string, fields: Record<string, string>) {
    const res = await context.request.post(`${url}/api/v1/sources`, {
      headers: api.headers,
      multipart: { ...fields, file: { name, mimeType, buffer: Buffer.from(body) } },
    });
    const json = await res.json();
    if (!res.ok() || json.results?.[0]?.status !== 'ingested')
      throw new Error(`upload ${name}: ${res.status()} ${JSON.stringify(json)}`);
    return json.results[0].sourceId as string;
  }

  async function ingestAndStage(name: string, text: string, extraction: ExtractionInput): Promise<string> {
    const sourceId = await upload(name, 'text/plain', text, { title: extraction.persons[0]?.name ?? name });
    // The upload queued an extraction job; the hand-written extraction replaces it (no worker runs here).
    await runtime.workspace.db
      .transaction()
      .execute((trx) => stageExtraction(trx, { sourceId, extraction, extractorVersion: '1', userId: null }));
    return sourceId;
  }

  beforeAll(async () => {
    server = await startServer('chronicle-e2e-xss-');
    ({ runtime, url } = server);
    await createUser(runtime.workspace.db, null, { username: USERNAME, role: 'admin', password: PASSWORD });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', bypassCSP: true });
    const session = await context.request.post(`${url}/api/v1/session`, {
      data: { username: USERNAME, password: PASSWORD },
    });
    expect(session.status()).toBe(200);
    api = { headers: { 'x-csrf-token': (await session.json()).csrfToken as string } };
    const { db } = runtime.workspace;

    // People named by every payload, with the payload as notes too: public and consented, so the public list has them.
    const personIds = await db.transaction().execute(async (trx) => {
      const ids: string[] = [];
      for (const payload of PAYLOADS) {
        const person = await createPerson(
          trx,
          { displayName: payload, notes: payload, confidentiality: 'public', consentToPublish: true },
          null,
        );
        ids.push(person.id);
      }
      return ids;
    });
    for (let offset = 0; offset < PAYLOADS.length + 25; offset += 25) visits.push(`/persons?offset=${offset}`);
    visits.push(`/persons/${personIds[1]}`, `/persons/${personIds[CLASSIC.length]}`);

    // Accepted reports: cases, events and evidence quotes carrying payloads (person page timeline, statistics).
    const accepted: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const { text, extraction } = hostileReport(CLASSIC[i]!, CLASSIC[CLASSIC.length - 1 - i]!);
      accepted.push(await ingestAndStage(`accepted-${i}.txt`, text, extraction));
    }
    await db.transaction().execute((trx) => acceptAllProposals(trx, null));
    const staged = await db
      .selectFrom('persons')
      .select('id')
      .where('display_name', '=', CLASSIC[1]!)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    // An editor's override reason and notes, through the API.
    await post(`/api/v1/persons/${staged.id}/status-override`, { status: 'emigrated', reason: CLASSIC[4] });
    await post(`/api/v1/persons/${staged.id}`, { notes: CLASSIC[6] }, 'PATCH');
    visits.push(`/persons/${staged.id}`, `/sources/${accepted[0]}`, `/sources/${accepted[1]}`, '/stats');
    // Case list, case pages, events table, timeline and map with the hostile case and person names.
    const hostileCases = await db.selectFrom('cases').select('id').where('review_status', '=', 'accepted').execute();
    visits.push('/cases', '/events', '/events?view=timeline', '/events?view=map');
    for (const c of hostileCases.slice(0, 4)) visits.push(`/cases/${c.id}`);

    // Proposals left in the review queue, one of them accepted with a reviewer's hostile correction.
    for (let i = 4; i < 8; i += 1) {
      const { text, extraction } = hostileReport(CLASSIC[i]!, NAUGHTY[i]!);
      await ingestAndStage(`proposed-${i}.txt`, text, extraction);
    }
    const queue = await (await context.request.get(`${url}/api/v1/review?kind=case&limit=10`)).json();
    expect(queue.items.length).toBeGreaterThan(1);
    await post(`/api/v1/review/${queue.items[0].id}/correct`, { name: CLASSIC[9], notes: CLASSIC[10] });
    visits.push('/review', '/review?status=all');

    // Sources: uploaded HTML with live markup and escaped markup, hostile titles and file names.
    const html = `<!doctype html><html><head><title>${CLASSIC[7]}</title></head><body><article>
      <h1>Суд в Казани</h1>
      <p>Гайнуллин сказал: ${CLASSIC.map((p) => p.replaceAll('&', '&amp;').replaceAll('<', '&lt;')).join(' ')}</p>
      <p>Live markup: ${CLASSIC.slice(0, 3).join(' ')} <img src=x onerror="__xss('html-live')"></p>
      <script>__xss('html-script')</script>
      <a href="javascript:__xss('html-link')">ссылка</a>
    </article></body></html>`;
    htmlSourceId = await upload(`<img src=x onerror=__xss('file-name')>.html`, 'text/html', html, {
      title: `<svg onload=__xss('source-title')>`,
      publisher: CLASSIC[5]!,
    });
    const textId = await upload(
      `"><svg onload=__xss('txt-name')>.txt`,
      'text/plain',
      `Гайнуллин и ${NAUGHTY.slice(0, 20).join(' Гайнуллин ')} ${CLASSIC.join(' Гайнуллин ')}\n`,
      { title: NAUGHTY[0]! },
    );
    visits.push('/sources', `/sources/${htmlSourceId}`, `/sources/${textId}`);

    // Search: highlighted snippets around payloads, and payloads as queries.
    visits.push(`/search?q=${encodeURIComponent('Гайнуллин')}`);
    for (const payload of [CLASSIC[0]!, CLASSIC[1]!, CLASSIC[4]!, NAUGHTY[2]!])
      visits.push(`/search?q=${encodeURIComponent(payload)}`);
    visits.push('/audit', '/audit?action=record.create', '/public');
  }, SLOW);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await stopAll(browser, server);
  }, SLOW);

  /** Opens a page with the sentinel and dialog trap; returns what fired. */
  async function trap(page: Page): Promise<string[]> {
    const fired: string[] = [];
    await page.exposeFunction('__xss', (tag: unknown) => fired.push(`__xss(${String(tag)}) on ${page.url()}`));
    page.on('dialog', (dialog) => {
      fired.push(`${dialog.type()}(${dialog.message()}) on ${page.url()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => fired.push(`page error on ${page.url()}: ${error.message}`));
    return fired;
  }

  /**
   * Markup that only an injection could have put in the page: inline handlers, javascript: URLs, and scripts,
   * frames, objects or MathML inside the page content. Run in the page (a string: this project's tsconfig has no DOM).
   */
  const INJECTED_MARKUP = `(() => {
    const found = [];
    for (const element of document.querySelectorAll('body *')) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) found.push('<' + element.localName + ' ' + attribute.name + '>');
        if (/^\\s*javascript:/i.test(attribute.value) && /href|src|action|data/i.test(attribute.name))
          found.push('<' + element.localName + ' ' + attribute.name + '="' + attribute.value + '">');
      }
      if (['script', 'iframe', 'object', 'embed', 'math'].includes(element.localName) && element.closest('main'))
        found.push('<' + element.localName + '>');
    }
    return found;
  })()`;

  async function injectedMarkup(page: Page): Promise<string[]> {
    return (await page.evaluate(INJECTED_MARKUP)) as string[];
  }

  it(
    'renders every payload as text on every page that shows it',
    async () => {
      const page = await context.newPage();
      const fired = await trap(page);
      const injected: string[] = [];
      let shown = 0;
      for (const path of visits) {
        await page.goto(`${url}${path}`);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        // Let lazy parts (charts, highlights) render, then give focus and toggle handlers their chance.
        await page.keyboard.press('Tab');
        for (const markup of await injectedMarkup(page)) injected.push(`${path}: ${markup}`);
        const text = (await page.locator('body').textContent()) ?? '';
        if (PAYLOADS.some((p) => p.length > 8 && /[<>"']/.test(p) && text.includes(p))) shown += 1;
      }
      expect(fired).toEqual([]);
      expect(injected).toEqual([]);
      // The payloads were on the pages, as text: the test looked at the real thing.
      expect(shown).toBeGreaterThanOrEqual(visits.length - 4);
      await page.close();
    },
    SLOW,
  );

  it(
    'with the Content-Security-Policy on, no page even tries to run anything',
    async () => {
      const strict = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
      try {
        expect(
          (
            await strict.request.post(`${url}/api/v1/session`, { data: { username: USERNAME, password: PASSWORD } })
          ).status(),
        ).toBe(200);
        const page = await strict.newPage();
        const fired = await trap(page);
        const violations: string[] = [];
        page.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
        });
        for (const path of visits) {
          await page.goto(`${url}${path}`);
          await page.locator('h1').first().waitFor();
          await page.waitForLoadState('networkidle');
        }
        expect(fired).toEqual([]);
        expect(violations).toEqual([]);
      } finally {
        await strict.close();
      }
    },
    SLOW,
  );

  it('serves an uploaded original only as an inert download', async () => {
    const res = await context.request.get(`${url}/api/v1/sources/${htmlSourceId}/original`);
    expect(res.status()).toBe(200);
    const headers = res.headers();
    expect(headers['content-disposition']).toMatch(/^attachment; filename="[\w.-]+"; filename\*=UTF-8''/);
    expect(headers['content-disposition']).not.toMatch(/[<>]/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(headers['content-type']).toBe('application/octet-stream');
    expect(await res.text()).toContain("__xss('html-script')");
  });
});
