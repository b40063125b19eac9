import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { openRuntime, type Runtime } from '../../src/app/runtime.js';
import { createUser, type Role } from '../../src/auth/index.js';
import { buildServer } from '../../src/server/app.js';

/**
 * What the end-to-end tests share: the built app (web/dist) served by the real server over a fresh SQLite workspace,
 * Debian's Chromium to drive it, a signed-in page that collects the page's errors, and the axe check.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_ROOT = join(REPO, 'web', 'dist');
export const SCREENSHOTS = join(REPO, 'docs', 'screenshots');
/** Skipped only on a machine without Chromium outside CI. */
export const SKIP = !existsSync(CHROMIUM) && process.env.CI !== 'true';

export interface E2eServer {
  runtime: Runtime;
  app: FastifyInstance;
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  dataDir: string;
}

/**
 * Checks that web/dist is built, makes docs/screenshots, opens a workspace in a new temporary directory (named
 * from `prefix`) and serves the app on a free port of 127.0.0.1. `beforeServer` runs on the workspace before the
 * server is built (seeds that must be there first).
 */
export async function startServer(
  prefix: string,
  options: {
    beforeServer?: (runtime: Runtime) => Promise<void>;
    /** null: a machine without an OCR program, whose scans wait for a person (the default: this machine's). */
    ocr?: null;
  } = {},
): Promise<E2eServer> {
  if (!existsSync(join(WEB_ROOT, 'index.html')))
    throw new Error('web/dist is missing: run `npm run build` first (npm test does)');
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  let runtime: Runtime | undefined;
  let app: FastifyInstance | undefined;
  try {
    runtime = await openRuntime({
      dataDir,
      databaseUrl: '',
      key: null,
      ...(options.ocr === null ? { ocr: null } : {}),
    });
    await options.beforeServer?.(runtime);
    app = await buildServer({ runtime, webRoot: WEB_ROOT });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('server has no TCP address');
    return { runtime, app, url: `http://127.0.0.1:${address.port}`, dataDir };
  } catch (error) {
    await stopAll(undefined, { runtime, app, dataDir });
    throw error;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}

/** Closes the browser, the server and the workspace and removes the data directory, whichever of them exist. */
export async function stopAll(browser: Browser | undefined, server: Partial<E2eServer> | undefined): Promise<void> {
  await browser?.close();
  await server?.app?.close();
  await server?.runtime?.close();
  if (server?.dataDir) rmSync(server.dataDir, { recursive: true, force: true });
}

/**
 * A page in a new browser context (1366×900, en-GB unless `contextOptions` says otherwise), signed in through
 * POST /api/v1/session when `credentials` are given; `problems` collects page errors and console errors (other than
 * failed resource loads).
 */
export async function openPage(
  browser: Browser,
  url: string,
  credentials?: { username: string; password: string },
  contextOptions: BrowserContextOptions = {},
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'en-GB',
    ...contextOptions,
  });
  if (credentials) {
    const res = await context.request.post(`${url}/api/v1/session`, { data: credentials });
    expect(res.status()).toBe(200);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { page, problems };
}

/** No serious or critical WCAG 2.1 A/AA violations on the page as it is; `name` labels the failures. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${name}: ${v.id} ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** The signed-in page's CSRF token, for state-changing API calls made beside the UI (`x-csrf-token`). */
export async function csrfToken(page: Page, url: string): Promise<string> {
  const session = await page.context().request.get(`${url}/api/v1/session`);
  return (await session.json()).csrfToken as string;
}

/** What a suite that signs in as one account uses, ready once the suite's `beforeAll` has run. */
export interface SignedInSuite {
  readonly runtime: Runtime;
  /** http://127.0.0.1:<port>, no trailing slash. */
  readonly url: string;
  /** A page in a new browser context, signed in as the suite's account (see `openPage`). */
  signedInPage(contextOptions?: BrowserContextOptions): Promise<{ page: Page; problems: string[] }>;
}

/**
 * Registers, in the calling `describe`, the set-up most suites share and its tear-down: a server over a fresh
 * workspace (`beforeServer` seeds it before the server is built, `afterServer` after), one account, Chromium.
 * `const suite = signedInSuite('chronicle-e2e-x-', { username: 'e2e-editor', password, role: 'editor' }, { timeout })`.
 */
export function signedInSuite(
  prefix: string,
  account: { username: string; password: string; role: Role },
  options: {
    timeout: number;
    beforeServer?: (runtime: Runtime) => Promise<void>;
    afterServer?: (runtime: Runtime) => Promise<void>;
    contextOptions?: BrowserContextOptions;
    ocr?: null;
  },
): SignedInSuite {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  const ready = (): E2eServer => {
    if (!server) throw new Error('the suite is not set up yet: use it inside its tests');
    return server;
  };
  beforeAll(async () => {
    server = await startServer(prefix, { beforeServer: options.beforeServer, ocr: options.ocr });
    await createUser(server.runtime.workspace.db, null, account);
    await options.afterServer?.(server.runtime);
    browser = await launchChromium();
  }, options.timeout);
  afterAll(() => stopAll(browser, server), options.timeout);
  return {
    get runtime() {
      return ready().runtime;
    },
    get url() {
      return ready().url;
    },
    signedInPage(contextOptions = options.contextOptions) {
      if (!browser) throw new Error('the suite is not set up yet: use it inside its tests');
      return openPage(browser, ready().url, { username: account.username, password: account.password }, contextOptions);
    },
  };
}
