/**
 * First-screen benchmark (issue 5: "fast — first screen in under a second on the demo workspace"): the demo
 * workspace `npm start` creates, served by the real server (`buildServer`, as `chronicle serve` does), opened in
 * Debian's Chromium. For each main screen: the time from navigation to the screen being usable — its heading shown
 * and no loading indicator left — in a fresh browser context (cold: nothing cached) and on a reload (warm), plus the
 * browser's first contentful paint. Baseline from the same run: the same navigation to a static file of the same
 * server (`/healthz`), which is what a screen costs before any of our code runs.
 *
 *   npx tsx bench/web.ts [--runs 10]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { prepareDemoWorkspace } from '../src/app/demo.js';
import { openRuntime } from '../src/app/runtime.js';
import { createUser } from '../src/auth/index.js';
import { runWorker } from '../src/jobs/index.js';
import { buildServer } from '../src/server/app.js';

const CHROMIUM = '/usr/bin/chromium';
const WEB_ROOT = fileURLToPath(new URL('../web/dist/', import.meta.url));
const USERNAME = 'bench-editor';
const PASSWORD = 'bench editor correct horse battery';

interface Screen {
  name: string;
  path: string;
  signedIn: boolean;
}

export interface ScreenTiming {
  screen: string;
  coldP50: number;
  coldP95: number;
  warmP50: number;
  warmP95: number;
  paintP50: number;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Navigates and waits until the screen is usable: a heading on screen and nothing still loading. */
async function openScreen(page: Page, url: string, reload: boolean): Promise<{ ms: number; paint: number }> {
  const started = performance.now();
  if (reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto(url, { waitUntil: 'commit' });
  await page.locator('h1').first().waitFor({ state: 'visible' });
  // Not waitForFunction: it evaluates a string, which the app's CSP (no 'unsafe-eval') rightly refuses.
  await page.locator('.loading').first().waitFor({ state: 'detached' });
  const ms = performance.now() - started;
  const paint = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
  );
  return { ms, paint };
}

async function measure(browser: Browser, base: string, screen: Screen, runs: number): Promise<ScreenTiming> {
  const cold: number[] = [];
  const warm: number[] = [];
  const paints: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    try {
      if (screen.signedIn) {
        const res = await context.request.post(`${base}/api/v1/session`, {
          data: { username: USERNAME, password: PASSWORD },
        });
        if (res.status() !== 200) throw new Error(`bench: sign-in answered ${res.status()}`);
      }
      const page = await context.newPage();
      const first = await openScreen(page, `${base}${screen.path}`, false);
      cold.push(first.ms);
      paints.push(first.paint);
      warm.push((await openScreen(page, `${base}${screen.path}`, true)).ms);
    } finally {
      await context.close();
    }
  }
  return {
    screen: screen.name,
    coldP50: quantile(cold, 0.5),
    coldP95: quantile(cold, 0.95),
    warmP50: quantile(warm, 0.5),
    warmP95: quantile(warm, 0.95),
    paintP50: quantile(paints, 0.5),
  };
}

/** The baseline: the same browser navigation to a small static response of the same server. */
async function baseline(browser: Browser, base: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${base}/healthz`, { waitUntil: 'load' });
      times.push(performance.now() - started);
    } finally {
      await context.close();
    }
  }
  return times;
}

export async function runWebBench(runs: number): Promise<{ rows: ScreenTiming[]; baseline: number[] }> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  const dataDir = mkdtempSync(join(tmpdir(), 'chronicle-bench-web-'));
  await prepareDemoWorkspace(dataDir);
  const runtime = await openRuntime({ dataDir });
  // `npm start` extracts the demo reports in its worker within seconds; the screens are measured after that.
  await runWorker({ db: runtime.workspace.db, handlers: await runtime.jobHandlers(null), exitWhenIdle: true });
  const app = await buildServer({ runtime, webRoot: WEB_ROOT });
  let browser: Browser | undefined;
  try {
    await createUser(runtime.workspace.db, null, { username: USERNAME, role: 'editor', password: PASSWORD });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('server has no TCP address');
    const base = `http://127.0.0.1:${address.port}`;
    const firstSource = await runtime.workspace.db
      .selectFrom('sources')
      .select('id')
      .orderBy('captured_at')
      .executeTakeFirstOrThrow();
    const screens: Screen[] = [
      { name: 'sign-in (`/`, signed out)', path: '/', signedIn: false },
      { name: 'sources list (`/sources`)', path: '/sources', signedIn: true },
      { name: 'source with highlights', path: `/sources/${firstSource.id}`, signedIn: true },
      { name: 'review queue', path: '/review', signedIn: true },
      { name: 'people', path: '/persons', signedIn: true },
      { name: 'statistics', path: '/stats', signedIn: true },
    ];
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    // One untimed pass so the server's first-request costs (statement preparation, file cache) are not a screen's.
    for (const screen of screens) await measure(browser, base, screen, 1);
    const base0 = await baseline(browser, base, runs);
    const rows: ScreenTiming[] = [];
    for (const screen of screens) rows.push(await measure(browser, base, screen, runs));
    return { rows, baseline: base0 };
  } finally {
    await browser?.close();
    await app.close();
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatWebTable(result: { rows: ScreenTiming[]; baseline: number[] }, runs: number): string {
  const ms = (x: number) => (Number.isNaN(x) ? '—' : `${Math.round(x)} ms`);
  const base50 = quantile(result.baseline, 0.5);
  const lines = [
    `Demo workspace, ${runs} fresh browser contexts per screen, load average ${loadavg()[0]!.toFixed(1)}.`,
    `Baseline: navigation to the static \`/healthz\` of the same server, p50 ${ms(base50)}, p95 ${ms(quantile(result.baseline, 0.95))}.`,
    '',
    '| screen | cold p50 | cold p95 | warm (reload) p50 | warm p95 | first contentful paint p50 | cold p50 vs baseline |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of result.rows) {
    lines.push(
      `| ${r.screen} | ${ms(r.coldP50)} | ${ms(r.coldP95)} | ${ms(r.warmP50)} | ${ms(r.warmP95)} | ${ms(r.paintP50)} | ${(r.coldP50 / base50).toFixed(1)}× |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Number(process.argv[i + 1]) || 10 : 10;
  process.stdout.write(`${formatWebTable(await runWebBench(runs), runs)}\n`);
}
