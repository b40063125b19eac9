/**
 * The API latency benchmark (issue 5): the real server, in its own process, answering 50 concurrent connections
 * (autocannon, loopback only) for the person list, a person page, search and statistics, against a static file
 * (the SPA's index.html) from the same server in the same run; on SQLite and on PostgreSQL.
 *
 * The workspace: `persons` people and `events` accepted events (the record benchmark's generator: places, cases,
 * subjects), `sources` synthetic reports ingested for search, and one viewer account the benchmark signs in as.
 *
 *   npx tsx bench/api.ts [--scale small|large] [--seconds 10] [--connections 50] [--dialects sqlite,postgres]
 *                        [--persons N] [--events N] [--sources N] [--stats-requests N]
 *                        [--endpoints list,page,search,stats]
 *
 * small (default): 10,000 persons, 100,000 events, 2,000 sources; large: 100,000 persons, 1,000,000 events,
 * 10,000 sources. `--endpoints` picks which endpoints are loaded (all by default; the static file always is, as
 * the baseline). Statistics are reported twice: the first call (cold: counted from the events) and the calls after
 * it (warm: the record has not changed since); `--stats-requests N` loads the warm ones with N requests instead
 * of for a duration, for a server that counts on every call.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createUser } from '../src/auth/index.js';
import { openWorkspace, type Workspace } from '../src/db/connection.js';
import { ingestFiles } from '../src/sources/index.js';
import { createPostgresDatabase, postgresReachable } from '../test/helpers/workspaces.js';
import { populateRecord } from './record.js';
import { queryMix, syntheticReport } from './search.js';

type Dialect = 'sqlite' | 'postgres';

const USERNAME = 'bench-viewer';
const PASSWORD = 'bench viewer correct horse battery';
/** What a browser asks for: the server may answer gzipped (the statistics do), as it would answer the web app. */
const ACCEPT_ENCODING = 'gzip, deflate, br';
const WEB_ROOT = fileURLToPath(new URL('../web/dist/', import.meta.url));

export interface Scale {
  persons: number;
  events: number;
  sources: number;
}

export const SCALES: Record<'small' | 'large', Scale> = {
  small: { persons: 10_000, events: 100_000, sources: 2_000 },
  large: { persons: 100_000, events: 1_000_000, sources: 10_000 },
};

export interface EndpointRow {
  dialect: Dialect;
  endpoint: string;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Persons, events, sources and the viewer account, written straight to the database (not timed). */
async function populate(w: Workspace, scale: Scale): Promise<{ seconds: number }> {
  const started = performance.now();
  await populateRecord(w.db, scale.persons, scale.events);
  const encoder = new TextEncoder();
  const files = function* () {
    for (let i = 0; i < scale.sources; i++) {
      const doc = syntheticReport(i);
      yield { name: `${doc.id}.txt`, bytes: encoder.encode(doc.text) };
    }
  };
  for await (const result of ingestFiles({ workspace: w, userId: null, cipher: null }, files(), { batchSize: 500 }))
    if (result.status === 'failed') throw new Error(`bench: ${result.file} failed`);
  await createUser(w.db, null, { username: USERNAME, role: 'viewer', password: PASSWORD });
  return { seconds: (performance.now() - started) / 1000 };
}

/** Starts `bench/api.ts --serve …` (the server as `chronicle serve` builds it) and waits for its port. */
function startServer(target: {
  dataDir?: string;
  databaseUrl?: string;
}): Promise<{ child: ChildProcess; url: string }> {
  // CHRONICLE_BENCH_PROFILE=DIR writes the server's CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.CHRONICLE_BENCH_PROFILE;
  const args = [
    ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []),
    '--import',
    'tsx',
    fileURLToPath(import.meta.url),
    '--serve',
  ];
  if (target.dataDir) args.push('--data-dir', target.dataDir);
  if (target.databaseUrl) args.push('--database-url', target.databaseUrl);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

/**
 * One GET without a time limit: fetch gives up after 300 s without headers, and a cold count of a million events
 * on a loaded machine takes longer.
 */
function getOnce(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    request.setTimeout(0);
    request.on('error', reject);
  });
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`bench: sign-in failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The endpoints `--endpoints` may name. */
export const ENDPOINTS = ['list', 'page', 'search', 'stats'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

interface Target {
  /** Which `--endpoints` name selects it; the static baseline has none and is always loaded. */
  name?: Endpoint;
  endpoint: string;
  /** Paths taken in turn, one per request. */
  paths: string[];
  /** A fixed number of requests instead of a duration. */
  amount?: number;
}

/** One autocannon run; latencies of every response recorded, so p95 is exact (autocannon reports p90, p97.5). */
async function load(
  url: string,
  cookie: string,
  target: Target,
  options: { seconds: number; connections: number },
): Promise<Omit<EndpointRow, 'dialect'>> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const path = () => target.paths[next++ % target.paths.length]!;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: Math.min(options.connections, target.amount ?? options.connections),
        ...(target.amount ? { amount: target.amount } : { duration: options.seconds }),
        timeout: 300,
        headers: { cookie, 'accept-encoding': ACCEPT_ENCODING },
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: path() }) }],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status !== 200) errors++;
      latencies.push(ms);
    });
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    endpoint: target.endpoint,
    requests: latencies.length,
    // autocannon counts timeouts among its errors.
    errors: errors + result.errors,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

async function benchDialect(
  dialect: Dialect,
  scale: Scale,
  options: { seconds: number; connections: number; statsRequests?: number; endpoints: readonly Endpoint[] },
): Promise<{ rows: EndpointRow[]; populateSeconds: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chronicle-bench-api-'));
  const database = dialect === 'postgres' ? await createPostgresDatabase() : null;
  const target = database ? { databaseUrl: database.url } : { dataDir };
  let server: { child: ChildProcess; url: string } | null = null;
  try {
    const w = await openWorkspace(database ? { databaseUrl: database.url } : { dataDir, key: null });
    let populateSeconds: number;
    let personIds: string[];
    try {
      populateSeconds = (await populate(w, scale)).seconds;
      personIds = (
        await w.db
          .selectFrom('persons')
          .select('id')
          .orderBy('id')
          .limit(1000)
          .offset(Math.floor(scale.persons / 3))
          .execute()
      ).map((r) => r.id);
    } finally {
      await w.close();
    }
    process.stderr.write(`${dialect}: workspace populated in ${populateSeconds.toFixed(0)} s\n`);
    server = await startServer(target);
    const cookie = await signIn(server.url);
    const all: Target[] = [
      { endpoint: 'static: index.html', paths: ['/'] },
      {
        name: 'list',
        endpoint: 'person list (50 a page, warm)',
        paths: Array.from({ length: 20 }, (_, i) => `/api/v1/persons?limit=50&offset=${i * 50}`),
      },
      // A thousand people is more than a server keeps pages of (500 per audience), so every read is a first read;
      // a hundred people read again (families and lawyers returning to the same pages) are answered from the kept.
      {
        name: 'page',
        endpoint: 'person page (1,000 different people)',
        paths: personIds.map((id) => `/api/v1/persons/${id}`),
      },
      {
        name: 'page',
        endpoint: 'person page (100 people, read again)',
        paths: personIds.slice(0, 100).map((id) => `/api/v1/persons/${id}`),
      },
      {
        name: 'search',
        endpoint: 'search (queries run again)',
        paths: queryMix().map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`),
      },
      {
        name: 'stats',
        endpoint: 'statistics (warm)',
        paths: ['/api/v1/stats'],
        ...(options.statsRequests ? { amount: options.statsRequests } : {}),
      },
    ];
    const targets = all.filter((t) => t.name === undefined || options.endpoints.includes(t.name));
    let cold: EndpointRow | null = null;
    /** Per endpoint whose answers are kept, each path's first read, one at a time, before the load. */
    const firstReads = new Map<Endpoint, EndpointRow>();
    // Warm-up: every endpoint answers once (caches, prepared statements), as a server that has run a while. The
    // first statistics call is the cold one (nothing counted yet), so its time is a row of its own; so are the
    // people table's pages, each read once in turn before the load (a page is kept until the record changes).
    for (const t of targets) {
      if (t.name === 'list' || t.name === 'search') {
        const took: number[] = [];
        for (const path of t.paths) {
          const started = performance.now();
          const res = await getOnce(`${server.url}${path}`, { cookie, 'accept-encoding': ACCEPT_ENCODING });
          if (res.status !== 200) throw new Error(`bench: ${path} answered ${res.status} ${res.body}`);
          took.push(performance.now() - started);
        }
        took.sort((a, b) => a - b);
        firstReads.set(t.name, {
          dialect,
          endpoint:
            t.name === 'list'
              ? 'person list, each page first read (one at a time)'
              : 'search, each query first run (one at a time)',
          requests: took.length,
          errors: 0,
          perSecond: (1000 * took.length) / took.reduce((a, b) => a + b, 0),
          p50: percentile(took, 50),
          p95: percentile(took, 95),
          p99: percentile(took, 99),
        });
        continue;
      }
      const started = performance.now();
      const res = await getOnce(`${server.url}${t.paths[0]}`, { cookie, 'accept-encoding': ACCEPT_ENCODING });
      if (res.status !== 200) throw new Error(`bench: ${t.paths[0]} answered ${res.status} ${res.body}`);
      const took = performance.now() - started;
      if (t.name === 'stats')
        cold = {
          dialect,
          endpoint: 'statistics (cold, first call)',
          requests: 1,
          errors: 0,
          perSecond: 1000 / took,
          p50: took,
          p95: took,
          p99: took,
        };
    }
    const rows: EndpointRow[] = [];
    for (const t of targets) {
      if (t.name === 'stats' && cold) rows.push(cold);
      const first = t.name ? firstReads.get(t.name) : undefined;
      if (first) rows.push(first);
      const row = await load(server.url, cookie, t, options);
      rows.push({ dialect, ...row });
      process.stderr.write(`${dialect}: ${t.endpoint} p95 ${row.p95.toFixed(1)} ms\n`);
    }
    return { rows, populateSeconds };
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server?.child.once('exit', resolve));
    }
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

export function formatApiTable(rows: EndpointRow[], scale: Scale, connections: number): string {
  const lines = [
    `${scale.persons.toLocaleString('en')} persons, ${scale.events.toLocaleString('en')} events, ${scale.sources.toLocaleString('en')} sources; ${connections} connections`,
    '',
    '| database | endpoint | requests | errors | req/s | p50 | p95 | p99 | p95 vs static |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const base = rows.find((b) => b.dialect === r.dialect && b.endpoint.startsWith('static'));
    const ratio = base && r !== base ? `${(r.p95 / base.p95).toFixed(1)}×` : '—';
    lines.push(
      `| ${r.dialect} | ${r.endpoint} | ${r.requests} | ${r.errors} | ${r.perSecond >= 10 ? r.perSecond.toFixed(0) : r.perSecond.toFixed(2)} | ${ms(r.p50)} ms | ${ms(r.p95)} ms | ${ms(r.p99)} ms | ${ratio} |`,
    );
  }
  lines.push(
    '',
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  return lines.join('\n');
}

/** The server process: opens the workspace, serves the API and the built web app, prints its port. */
async function serve(argv: string[]): Promise<void> {
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const { openRuntime } = await import('../src/app/runtime.js');
  const { buildServer } = await import('../src/server/app.js');
  const databaseUrl = option('--database-url');
  const runtime = await openRuntime(databaseUrl ? { databaseUrl } : { dataDir: option('--data-dir'), key: null });
  const app = await buildServer({ runtime, webRoot: WEB_ROOT });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('bench server has no TCP address');
  process.stdout.write(`LISTENING ${address.port}\n`);
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(() => runtime.close())
      .then(() => process.exit(0));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  if (argv.includes('--serve')) await serve(argv);
  else {
    const option = (name: string) => {
      const i = argv.indexOf(name);
      return i >= 0 ? argv[i + 1] : undefined;
    };
    const base = SCALES[option('--scale') === 'large' ? 'large' : 'small'];
    const scale: Scale = {
      persons: Number(option('--persons')) || base.persons,
      events: Number(option('--events')) || base.events,
      sources: Number(option('--sources')) || base.sources,
    };
    const connections = Number(option('--connections')) || 50;
    const endpoints = (option('--endpoints') ?? ENDPOINTS.join(',')).split(',');
    const unknown = endpoints.filter((e) => !(ENDPOINTS as readonly string[]).includes(e));
    if (unknown.length > 0) throw new Error(`bench: unknown --endpoints ${unknown.join(',')} (${ENDPOINTS.join(',')})`);
    const options = {
      seconds: Number(option('--seconds')) || 10,
      connections,
      statsRequests: Number(option('--stats-requests')) || undefined,
      endpoints: endpoints as Endpoint[],
    };
    const dialects = (option('--dialects') ?? 'sqlite,postgres')
      .split(',')
      .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres');
    const rows: EndpointRow[] = [];
    const started = performance.now();
    for (const dialect of dialects) {
      if (dialect === 'postgres' && !(await postgresReachable())) {
        process.stdout.write('(PostgreSQL unreachable: skipped)\n');
        continue;
      }
      const result = await benchDialect(dialect, scale, options);
      rows.push(...result.rows);
      process.stdout.write(`${dialect}: workspace generated in ${result.populateSeconds.toFixed(0)} s\n`);
    }
    process.stdout.write(`${formatApiTable(rows, scale, connections)}\n`);
    process.stdout.write(`whole run: ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
}
