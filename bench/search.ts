/**
 * Search latency benchmark (DESIGN §9): builds a synthetic corpus of Russian and English reports with invented
 * names, indexes it on each dialect, and measures p50/p95 latency of `searchSources` (ranking, total and snippets
 * included) over a mix of single words, phrases, prefixes and boolean queries. Baselines measured in the same run:
 * a primary-key lookup of one source with its text (the floor for any query) and a plain `LIKE '%word%'` scan over
 * every text (what search costs without an index).
 *
 *   npx tsx bench/search.ts --scale 100000 [--dialects sqlite,postgres]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { openWorkspace, type Workspace } from '../src/db/connection.js';
import type { Database } from '../src/db/schema.js';
import { indexSource, searchSources } from '../src/search/index.js';
import { random } from './corpus.js';

type Dialect = 'sqlite' | 'postgres';

const PG_ADMIN_URL = process.env.CHRONICLE_BENCH_PG ?? 'postgres://root@127.0.0.1:5432/postgres';
const BATCH = 500;

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

// Invented surnames from syllables: thousands of distinct rare words, as real archives have.
const RU_SYLLABLES = [
  'ба',
  'ве',
  'ги',
  'до',
  'жу',
  'за',
  'ки',
  'ло',
  'ми',
  'ну',
  'по',
  'ре',
  'со',
  'ту',
  'фи',
  'ха',
  'це',
  'ша',
];
const EN_SYLLABLES = [
  'ba',
  've',
  'gi',
  'do',
  'zhu',
  'za',
  'ki',
  'lo',
  'mi',
  'nu',
  'po',
  're',
  'so',
  'tu',
  'fi',
  'kha',
  'tse',
  'sha',
];
const RU_GIVEN = [
  'Иван',
  'Олег',
  'Анна',
  'Мария',
  'Тимур',
  'Ринат',
  'Ольга',
  'Дмитрий',
  'Алина',
  'Сергей',
  'Гульнара',
  'Павел',
];
const EN_GIVEN = [
  'Ivan',
  'Oleg',
  'Anna',
  'Maria',
  'Timur',
  'Rinat',
  'Olga',
  'Dmitry',
  'Alina',
  'Sergei',
  'Gulnara',
  'Pavel',
];
const RU_CITIES = [
  'Уфе',
  'Казани',
  'Саратове',
  'Ростове-на-Дону',
  'Екатеринбурге',
  'Новосибирске',
  'Перми',
  'Томске',
  'Самаре',
  'Омске',
];
const EN_CITIES = [
  'Ufa',
  'Kazan',
  'Saratov',
  'Rostov-on-Don',
  'Yekaterinburg',
  'Novosibirsk',
  'Perm',
  'Tomsk',
  'Samara',
  'Omsk',
];
const RU_ACTS = [
  'сотрудники полиции задержали активиста {p} после одиночного пикета',
  'суд приговорил {p} к {n} годам колонии общего режима',
  'у {p} прошёл обыск по делу о дискредитации армии',
  'суд продлил арест {p} ещё на {n} месяца',
  'суд оштрафовал {p} на {n}0 тысяч рублей',
  'после задержания {p} доставили в отдел полиции, составлен протокол',
  'против {p} возбуждено уголовное дело по статье о терроризме',
  'адвокат {p} обжаловал решение о домашнем аресте',
  '{p} задержан на выходе из дома, изъяты телефоны',
  'на акции в поддержку {p} задержаны {n} человек',
];
const EN_ACTS = [
  'police detained activist {p} after a solitary picket',
  'a court sentenced {p} to {n} years in a penal colony',
  'security officers searched the flat of {p}',
  'the court extended the arrest of {p} by {n} months',
  'a judge fined {p} {n}0,000 rubles for discrediting the army',
  'investigators charged {p} with justifying terrorism',
  '{p} was released after {n} days in detention',
  'the lawyer of {p} appealed against the house arrest',
  'officers were detaining {p} outside the home and seized phones',
  '{n} people were detained at a rally in support of {p}',
];
const RU_FILLER = [
  'Об этом сообщили правозащитники.',
  'Родственники узнали о случившемся только вечером.',
  'В ведомстве от комментариев отказались.',
  'Следующее заседание назначено на следующую неделю.',
  'Ранее активист участвовал в местных протестах.',
];
const EN_FILLER = [
  'Human rights defenders reported the case.',
  'Relatives learned about it only in the evening.',
  'The agency declined to comment.',
  'The next hearing is scheduled for next week.',
  'The activist had earlier taken part in local protests.',
];

function surname(rnd: () => number, syllables: readonly string[], ending: string): string {
  const n = 2 + Math.floor(rnd() * 2);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(rnd, syllables);
  return s[0]!.toUpperCase() + s.slice(1) + ending;
}

interface BenchDoc {
  id: string;
  title: string;
  text: string;
  language: 'ru' | 'en';
  publishedAt: string;
}

/** `syntheticReport(7)` → one report of ~5–9 sentences, Russian 60 % of the time, deterministic for its index. */
export function syntheticReport(i: number): BenchDoc {
  const rnd = random(i * 7919 + 13);
  const ru = rnd() < 0.6;
  const person = () =>
    ru
      ? `${pick(rnd, RU_GIVEN)} ${surname(rnd, RU_SYLLABLES, pick(rnd, ['ова', 'ина', 'ева', 'ского']))}`
      : `${pick(rnd, EN_GIVEN)} ${surname(rnd, EN_SYLLABLES, pick(rnd, ['ov', 'in', 'eva', 'sky']))}`;
  const sentences: string[] = [];
  const count = 3 + Math.floor(rnd() * 4);
  for (let k = 0; k < count; k++) {
    const act = pick(rnd, ru ? RU_ACTS : EN_ACTS)
      .replace('{p}', person())
      .replace('{n}', String(2 + Math.floor(rnd() * 8)));
    const city = pick(rnd, ru ? RU_CITIES : EN_CITIES);
    sentences.push(ru ? `В ${city} ${act}.` : `In ${city}, ${act}.`);
    if (rnd() < 0.6) sentences.push(pick(rnd, ru ? RU_FILLER : EN_FILLER));
  }
  const text = sentences.map((s) => s[0]!.toUpperCase() + s.slice(1)).join(' ');
  const day = new Date(Date.UTC(2019, 0, 1) + Math.floor(rnd() * 2000) * 86_400_000).toISOString().slice(0, 10);
  return {
    id: `bench-${String(i).padStart(8, '0')}`,
    title: text.slice(0, 60),
    text,
    language: ru ? 'ru' : 'en',
    publishedAt: day,
  };
}

/** The query mix: a quarter each of single words, phrases, prefixes and boolean queries; common and rare terms. */
export function queryMix(): string[] {
  const rnd = random(99);
  const rareRu = () => surname(rnd, RU_SYLLABLES, 'ова');
  const rareEn = () => surname(rnd, EN_SYLLABLES, 'ov');
  const words = [
    'задержан',
    'обыск',
    'приговор',
    'detained',
    'searched',
    'sentenced',
    'Томске',
    'Omsk',
    'протокол',
    'lawyer',
  ];
  const phrases = [
    '"продлил арест"',
    '"домашнем аресте"',
    '"house arrest"',
    '"penal colony"',
    '"одиночного пикета"',
    '"seized phones"',
  ];
  const prefixes = ['задерж*', 'обжал*', 'detain*', 'terror*', 'Самар*', 'Kaz*'];
  const booleans = [
    'задержан Уфе',
    'обыск OR арест',
    'суд -штраф',
    'detained Kazan -released',
    '(searched OR detained) Perm',
    'приговор AND колонии',
  ];
  const queries: string[] = [];
  for (let i = 0; i < 50; i++) {
    queries.push(i % 5 === 4 ? (i % 2 ? rareRu() : rareEn()) : words[i % words.length]!);
    queries.push(phrases[i % phrases.length]!);
    queries.push(prefixes[i % prefixes.length]!);
    queries.push(booleans[i % booleans.length]!);
  }
  return queries;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(runs: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

interface Opened {
  workspace: Workspace;
  dispose(): Promise<void>;
}

async function openFresh(dialect: Dialect): Promise<Opened> {
  if (dialect === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'chronicle-bench-search-'));
    const workspace = await openWorkspace({ dataDir, databaseUrl: '', key: null });
    return {
      workspace,
      dispose: async () => {
        await workspace.close();
        // CHRONICLE_BENCH_KEEP=1 leaves the indexed workspace behind, to try queries on it (`--data DIR`; on
        // PostgreSQL the database).
        if (process.env.CHRONICLE_BENCH_KEEP) process.stderr.write(`kept the SQLite workspace in ${dataDir}\n`);
        else rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `chronicle_bench_search_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const workspace = await openWorkspace({ databaseUrl: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), poolSize: 4 });
  return {
    workspace,
    dispose: async () => {
      await workspace.close();
      if (process.env.CHRONICLE_BENCH_KEEP) {
        process.stderr.write(`kept the PostgreSQL database ${name}\n`);
        return;
      }
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function insertRows(db: Kysely<Database>, docs: BenchDoc[]): Promise<void> {
  const now = '2024-01-01T00:00:00.000Z';
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('blobs')
      .values(
        docs.map((d) => ({
          sha256: d.id,
          bytes: new Uint8Array(0),
          byte_size: d.text.length,
          encryption: 'none',
          created_at: now,
        })),
      )
      .execute();
    await trx
      .insertInto('sources')
      .values(
        docs.map((d) => ({
          id: d.id,
          sha256: d.id,
          media_type: 'text/plain',
          byte_size: d.text.length,
          file_name: null,
          title: d.title,
          publisher: null,
          author: null,
          url: null,
          language: d.language,
          published_at: d.publishedAt,
          captured_at: now,
          reliability: null,
          confidentiality: 'internal' as const,
          ingested_by: null,
          parent_id: null,
          relation: null,
          text_sha256: null,
          near_duplicate_of: null,
          needs_ocr: 0,
          metadata: '{}',
          deleted_at: null,
        })),
      )
      .execute();
    await trx
      .insertInto('source_texts')
      .values(
        docs.map((d) => ({
          source_id: d.id,
          text: d.text,
          extractor: 'bench',
          extractor_version: '1',
          created_at: now,
        })),
      )
      .execute();
  });
}

interface Row {
  documents: number;
  dialect: Dialect;
  indexDocsPerSecond: number;
  search: { p50: number; p95: number };
  byKind: Record<string, { p50: number; p95: number }>;
  pkLookup: { p50: number; p95: number };
  likeScan: { p50: number; p95: number };
  /** 1-minute load average when the queries ran: on a shared machine, latencies scale with it. */
  load: number;
}

async function benchDialect(dialect: Dialect, scale: number, log: (line: string) => void): Promise<Row> {
  const opened = await openFresh(dialect);
  const { db } = opened.workspace;
  try {
    let indexMs = 0;
    for (let start = 0; start < scale; start += BATCH) {
      const docs: BenchDoc[] = [];
      for (let i = start; i < Math.min(scale, start + BATCH); i++) docs.push(syntheticReport(i));
      await insertRows(db, docs);
      // Timed apart from the row inserts: what the index adds to ingestion, in batched transactions as ingestion runs.
      const t0 = performance.now();
      await db.transaction().execute(async (trx) => {
        for (const d of docs)
          await indexSource(trx, dialect, { sourceId: d.id, title: d.title, text: d.text, language: d.language });
      });
      indexMs += performance.now() - t0;
      if ((start / BATCH) % 40 === 0) log(`  ${dialect}: ${start + docs.length}/${scale} documents`);
    }
    if (dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(db);
    else await sql`ANALYZE`.execute(db);

    const load = loadavg()[0] ?? 0;
    const queries = queryMix();
    for (const q of queries.slice(0, 20)) await searchSources(db, dialect, q); // warm caches
    const kinds = ['word', 'phrase', 'prefix', 'boolean'];
    const perKind: Record<string, number[]> = { word: [], phrase: [], prefix: [], boolean: [] };
    const all: number[] = [];
    for (let i = 0; i < queries.length; i++) {
      const t0 = performance.now();
      await searchSources(db, dialect, queries[i]!);
      const ms = performance.now() - t0;
      all.push(ms);
      perKind[kinds[i % 4]!]!.push(ms);
    }
    const summary = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { p50: percentile(s, 50), p95: percentile(s, 95) };
    };
    const pkLookup = await timed(200, (i) =>
      db
        .selectFrom('sources')
        .innerJoin('source_texts', 'source_texts.source_id', 'sources.id')
        .select(['sources.id', 'sources.title', 'source_texts.text'])
        .where('sources.id', '=', `bench-${String((i * 7919) % scale).padStart(8, '0')}`)
        .executeTakeFirst(),
    );
    const likeWords = ['%задержали%', '%detained%', '%домашнем аресте%', '%penal colony%', '%обжаловал%'];
    const likeScan = await timed(5, (i) =>
      db
        .selectFrom('source_texts')
        .select(sql<number>`count(*)`.as('n'))
        .where('text', 'like', likeWords[i % likeWords.length]!)
        .executeTakeFirst(),
    );
    return {
      documents: scale,
      dialect,
      indexDocsPerSecond: scale / (indexMs / 1000),
      search: summary(all),
      byKind: Object.fromEntries(kinds.map((k) => [k, summary(perKind[k]!)])),
      pkLookup,
      likeScan,
      load,
    };
  } finally {
    await opened.dispose();
  }
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

/** Runs the benchmark and returns a markdown table. `await runSearchBench({ scale: 10000, dialects: ['sqlite'] })`. */
export async function runSearchBench(options: {
  scale: number;
  dialects: Dialect[];
  log?: (line: string) => void;
}): Promise<string> {
  const log = options.log ?? (() => {});
  const rows: Row[] = [];
  for (const dialect of options.dialects) rows.push(await benchDialect(dialect, options.scale, log));
  const lines = [
    '| documents | dialect | index build docs/s | search p50 ms | search p95 ms | word p50/p95 | phrase p50/p95 | prefix p50/p95 | boolean p50/p95 | baseline: PK lookup p50/p95 | baseline: LIKE scan p50/p95 | load avg |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const pair = (x: { p50: number; p95: number }) => `${ms(x.p50)} / ${ms(x.p95)}`;
    lines.push(
      `| ${r.documents} | ${r.dialect} | ${Math.round(r.indexDocsPerSecond)} | ${ms(r.search.p50)} | ${ms(r.search.p95)} | ${pair(r.byKind.word!)} | ${pair(r.byKind.phrase!)} | ${pair(r.byKind.prefix!)} | ${pair(r.byKind.boolean!)} | ${pair(r.pkLookup)} | ${pair(r.likeScan)} | ${r.load.toFixed(1)} |`,
    );
  }
  lines.push(
    '',
    "Search latency is `searchSources` end to end (parse, ranked page of 20 with total, snippets) over 200 queries: a quarter each of single words (common and rare invented surnames), phrases, prefixes and boolean queries. Baselines in the same run: primary-key lookup of one source with its text (200 runs) and `LIKE` over every text (5 runs). Load avg: the machine's 1-minute load when the queries ran (latencies on a shared machine scale with it).",
  );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const scale = Number(arg('--scale') ?? 10_000);
  const dialects = (arg('--dialects') ?? 'sqlite,postgres')
    .split(',')
    .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres');
  runSearchBench({ scale, dialects, log: (line) => process.stderr.write(`${line}\n`) }).then(
    (table) => process.stdout.write(`${table}\n`),
    (error) => {
      process.stderr.write(`${String(error?.stack ?? error)}\n`);
      process.exit(1);
    },
  );
}
