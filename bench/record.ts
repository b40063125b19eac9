/**
 * The record benchmark (issue 7), on each dialect:
 * - staging throughput: extractions per second through `stageExtraction` (the path the extraction job takes: one
 *   transaction per source; look-ups of existing records, proposals, mentions, evidence, audit entry), against plain
 *   INSERTs of the same rows (one row per staged entity, event and mention) with the same commit size;
 * - statistics latency: `computeStats` over a record of `persons` people and `events` accepted events, against a plain
 *   `GROUP BY` month and type over the events table of the same database.
 *
 *   npx tsx bench/record.ts [--extractions 1000] [--persons 10000] [--events 100000] [--dialects sqlite,postgres]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import { openWorkspace, type Workspace } from '../src/db/connection.js';
import type { Database } from '../src/db/schema.js';
import {
  computeStats,
  type ExtractionInput,
  personRow,
  placeRow,
  STAT_TYPES,
  stageExtraction,
} from '../src/record/index.js';
import { newId } from '../src/shared/ids.js';
import { ingestFiles } from '../src/sources/index.js';
import { createPostgresDatabase, postgresReachable } from '../test/helpers/workspaces.js';
import { random } from './corpus.js';

type Dialect = 'sqlite' | 'postgres';

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

const GIVEN = ['Иван', 'Олег', 'Анна', 'Мария', 'Тимур', 'Ринат', 'Ольга', 'Дмитрий', 'Алина', 'Сергей', 'Павел'];
const SYLLABLES = ['ба', 'ве', 'ги', 'до', 'жу', 'за', 'ки', 'ло', 'ми', 'ну', 'по', 'ре', 'со', 'ту', 'фи', 'ха'];
const CITIES: Array<[city: string, region: string]> = [
  ['Уфа', 'Башкортостан'],
  ['Казань', 'Татарстан'],
  ['Саратов', 'Саратовская область'],
  ['Пермь', 'Пермский край'],
  ['Томск', 'Томская область'],
  ['Самара', 'Самарская область'],
  ['Омск', 'Омская область'],
  ['Москва', 'Москва'],
];
const ARTICLES = ['212.2', '280.3', '207.3', '205.2', '282.2', '275', '318'];

function surname(rnd: () => number): string {
  const word = Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => pick(rnd, SYLLABLES)).join('');
  return `${word[0]!.toUpperCase()}${word.slice(1)}ов`;
}

/** A short report and the extraction that states what it says, with exact spans. */
function syntheticReport(i: number): { text: string; extraction: (text: string) => ExtractionInput } {
  const rnd = random(1000 + i);
  const person = `${pick(rnd, GIVEN)} ${surname(rnd)}`;
  const [city, region] = pick(rnd, CITIES);
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  const date = `${2019 + Math.floor(rnd() * 6)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const caseName = `дело ${surname(rnd)}а`;
  const article = pick(rnd, ARTICLES);
  const first = `${date} в городе ${city} сотрудники ФСБ задержали ${person}.`;
  const second = `Суд арестовал ${person} по делу «${caseName}» по статье ${article} УК РФ.`;
  const text = `${first} ${second} Сообщение №${i}.`;
  return {
    text,
    extraction: (stored) => {
      const span = (needle: string, from = 0) => {
        const start = stored.indexOf(needle, from);
        if (start < 0) throw new Error(`bench: «${needle}» not in report ${i}`);
        return { start, end: start + needle.length, text: needle };
      };
      const firstSpan = span(first);
      const secondSpan = span(second);
      return {
        language: 'ru',
        referenceDate: date,
        persons: [{ name: person, mentions: [span(person), span(person, secondSpan.start)], confidence: 0.9 }],
        organizations: [{ name: 'ФСБ', mentions: [span('ФСБ')] }],
        places: [{ name: city, region, country: 'RU', mentions: [span(city)] }],
        dates: [{ ...span(date), value: date }],
        cases: [{ name: caseName, mentions: [span(caseName)], articles: [{ code: 'УК РФ', article, part: null }] }],
        events: [
          {
            type: 'detention',
            date,
            places: [city],
            subjects: [person],
            agents: ['ФСБ'],
            evidence: firstSpan,
            confidence: 0.9,
          },
          {
            type: 'arrest',
            date,
            subjects: [person],
            case: caseName,
            articles: [{ code: 'УК РФ', article, part: null }],
            evidence: secondSpan,
            confidence: 0.8,
          },
        ],
      };
    },
  };
}

export async function withWorkspace<T>(dialect: Dialect, fn: (w: Workspace) => Promise<T>): Promise<T> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-bench-record-'));
    const w = await openWorkspace({ dataDir: dir, databaseUrl: '', key: null });
    try {
      return await fn(w);
    } finally {
      await w.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const database = await createPostgresDatabase();
  const w = await openWorkspace({ databaseUrl: database.url });
  try {
    return await fn(w);
  } finally {
    await w.close();
    await database.drop();
  }
}

export interface StagingRow {
  dialect: Dialect;
  extractions: number;
  rowsPerExtraction: number;
  plainPerSecond: number;
  stagingPerSecond: number;
  ratio: number;
}

/** Sources for the reports (ingested, not timed), then the timed staging and the timed plain INSERTs. */
async function stagingBench(w: Workspace, dialect: Dialect, extractions: number): Promise<StagingRow> {
  const reports = Array.from({ length: extractions }, (_, i) => syntheticReport(i));
  const encoder = new TextEncoder();
  const sourceIds: string[] = [];
  const files = reports.map((r, i) => ({ name: `report-${i}.txt`, bytes: encoder.encode(r.text) }));
  for await (const result of ingestFiles({ workspace: w, userId: null, cipher: null }, files)) {
    if (result.status !== 'ingested' || !result.sourceId) throw new Error(`bench: ${result.file} ${result.status}`);
    sourceIds.push(result.sourceId);
  }
  const texts = new Map(
    (await w.db.selectFrom('source_texts').select(['source_id', 'text']).execute()).map((r) => [r.source_id, r.text]),
  );
  const inputs = sourceIds.map((sourceId, i) => ({
    sourceId,
    extraction: reports[i]!.extraction(texts.get(sourceId)!),
  }));

  // Baseline: the rows staging writes (one per entity, event and mention), as plain INSERTs, one transaction each.
  await sql`CREATE TABLE bench_plain (id text primary key, source_id text not null, kind text not null, payload text not null)`.execute(
    w.db,
  );
  let rowsWritten = 0;
  const plainStarted = performance.now();
  for (const { sourceId, extraction } of inputs) {
    const rows = [
      ...[...extraction.persons, ...extraction.organizations, ...extraction.places, ...extraction.cases].map((e) => [
        'entity',
        e.name,
      ]),
      ...extraction.events.map((e) => ['event', JSON.stringify(e)]),
      ...[...extraction.persons, ...extraction.organizations, ...extraction.places, ...extraction.cases].flatMap((e) =>
        e.mentions.map((m) => ['mention', JSON.stringify(m)]),
      ),
      ...extraction.dates.map((d) => ['mention', JSON.stringify(d)]),
    ];
    rowsWritten += rows.length;
    await w.db.transaction().execute(async (trx) => {
      for (const [kind, payload] of rows)
        await sql`INSERT INTO bench_plain (id, source_id, kind, payload) VALUES (${newId()}, ${sourceId}, ${kind}, ${payload})`.execute(
          trx,
        );
    });
  }
  const plainSeconds = (performance.now() - plainStarted) / 1000;

  const started = performance.now();
  for (const { sourceId, extraction } of inputs) {
    await w.db
      .transaction()
      .execute((trx) => stageExtraction(trx, { sourceId, extraction, extractorVersion: 'bench', userId: null }));
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    dialect,
    extractions,
    rowsPerExtraction: rowsWritten / extractions,
    plainPerSecond: extractions / plainSeconds,
    stagingPerSecond: extractions / seconds,
    ratio: seconds / plainSeconds,
  };
}

/** Inserts many rows in multi-row statements (PostgreSQL allows 65,535 parameters per statement). */
async function insertMany<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += perStatement) {
    await db
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: rows are built for this table's columns by the caller
      .values(rows.slice(i, i + perStatement) as any)
      .execute();
  }
}

/** A reviewed record: persons, cases (one per three persons) and accepted events with subjects, places, articles. */
export async function populateRecord(db: Kysely<Database>, persons: number, events: number): Promise<void> {
  const rnd = random(42);
  const now = new Date().toISOString();
  const placeIds = CITIES.map(() => newId());
  await insertMany(
    db,
    'places',
    CITIES.map(([name, region], i) => placeRow(placeIds[i]!, name, now, { kind: 'city', country: 'RU', region })),
  );
  const personIds = Array.from({ length: persons }, () => newId());
  const caseIds = Array.from({ length: Math.max(1, Math.floor(persons / 3)) }, () => newId());
  await db.transaction().execute(async (trx) => {
    await insertMany(
      trx,
      'persons',
      personIds.map((id) => personRow(id, `${pick(rnd, GIVEN)} ${surname(rnd)}`, now)),
    );
    await insertMany(
      trx,
      'cases',
      caseIds.map((id) => ({
        id,
        name: `дело ${surname(rnd)}а`,
        jurisdiction: 'RU',
        articles: JSON.stringify([{ code: 'УК РФ', article: pick(rnd, ARTICLES), part: null }]),
        opened_on: null,
        status: null,
        court: null,
        notes: null,
        confidentiality: 'internal',
        review_status: 'accepted',
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })),
    );
  });
  const TYPES = [...STAT_TYPES, 'hearing', 'custody', 'release'];
  const CHUNK = 50_000;
  for (let done = 0; done < events; done += CHUNK) {
    const eventRows: Array<Record<string, unknown>> = [];
    const participantRows: Array<Record<string, unknown>> = [];
    for (let i = done; i < Math.min(events, done + CHUNK); i++) {
      const id = newId();
      const personIndex = Math.floor(rnd() * persons);
      const type = pick(rnd, TYPES);
      const date = `${2018 + Math.floor(rnd() * 8)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
      eventRows.push({
        id,
        type,
        date,
        date_precision: 'day',
        date_end: null,
        place_id: pick(rnd, placeIds),
        case_id: caseIds[personIndex % caseIds.length],
        sentence_years: type === 'sentence' ? 1 + Math.floor(rnd() * 12) : null,
        fine_amount: null,
        description: null,
        status: 'accepted',
        confidence: null,
        confidentiality: 'internal',
        source_id: null,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      });
      participantRows.push({
        event_id: id,
        entity_type: 'persons',
        entity_id: personIds[personIndex],
        role: 'subject',
      });
    }
    await db.transaction().execute(async (trx) => {
      await insertMany(trx, 'events', eventRows);
      await insertMany(trx, 'event_participants', participantRows);
    });
  }
  await sql`ANALYZE`.execute(db);
}

async function timed(fn: () => Promise<unknown>, runs: number): Promise<{ p50: number; max: number }> {
  await fn(); // warm-up: caches and prepared statements, as a server that has answered once
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length / 2)]!, max: ms[ms.length - 1]! };
}

export interface StatsRow {
  dialect: Dialect;
  persons: number;
  events: number;
  statsP50: number;
  statsMax: number;
  groupByP50: number;
  ratio: number;
}

async function statsBench(w: Workspace, dialect: Dialect, persons: number, events: number): Promise<StatsRow> {
  await populateRecord(w.db, persons, events);
  const runs = events >= 1_000_000 ? 3 : 5;
  const stats = await timed(() => computeStats(w.db), runs);
  // Baseline: the database alone counting the same events by month and type.
  const month = dialect === 'postgres' ? sql`substring(date from 1 for 7)` : sql`substr(date, 1, 7)`;
  const groupBy = await timed(
    () =>
      sql`SELECT ${month} AS month, type, COUNT(*) AS n FROM events WHERE status = 'accepted' AND deleted_at IS NULL AND type IN ('detention', 'arrest', 'search', 'sentence') GROUP BY 1, 2`.execute(
        w.db,
      ),
    runs,
  );
  return {
    dialect,
    persons,
    events,
    statsP50: stats.p50,
    statsMax: stats.max,
    groupByP50: groupBy.p50,
    ratio: stats.p50 / groupBy.p50,
  };
}

export function formatTables(staging: StagingRow[], stats: StatsRow[]): string {
  const lines = [
    '| database | extractions | rows each | baseline: plain INSERT extractions/s | staging extractions/s | time vs baseline |',
    '|---|---:|---:|---:|---:|---:|',
    ...staging.map(
      (r) =>
        `| ${r.dialect} | ${r.extractions} | ${r.rowsPerExtraction.toFixed(0)} | ${r.plainPerSecond.toFixed(0)} | ${r.stagingPerSecond.toFixed(0)} | ${r.ratio.toFixed(1)}× |`,
    ),
    '',
    '| database | persons | events | computeStats p50 | max | baseline: GROUP BY p50 | time vs baseline |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...stats.map(
      (r) =>
        `| ${r.dialect} | ${r.persons} | ${r.events} | ${r.statsP50.toFixed(0)} ms | ${r.statsMax.toFixed(0)} ms | ${r.groupByP50.toFixed(1)} ms | ${r.ratio.toFixed(1)}× |`,
    ),
    '',
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const extractions = Number(option('--extractions')) || 1000;
  const persons = Number(option('--persons')) || 10_000;
  const events = Number(option('--events')) || 100_000;
  const dialects = (option('--dialects') ?? 'sqlite,postgres')
    .split(',')
    .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres');
  const staging: StagingRow[] = [];
  const stats: StatsRow[] = [];
  for (const dialect of dialects) {
    if (dialect === 'postgres' && !(await postgresReachable())) {
      process.stdout.write('(PostgreSQL unreachable: skipped)\n');
      continue;
    }
    staging.push(await withWorkspace(dialect, (w) => stagingBench(w, dialect, extractions)));
    stats.push(await withWorkspace(dialect, (w) => statsBench(w, dialect, persons, events)));
  }
  process.stdout.write(`${formatTables(staging, stats)}\n`);
}
