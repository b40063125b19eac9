import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import { type CsvImportReport, importCsvSpreadsheet, readCsvMap, readSpreadsheet } from '../../src/export/index.js';
import { computeStats, createPerson, getCase, getPerson, getPersonStatus, listEvents } from '../../src/record/index.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();
const fixture = (name: string) => readFileSync(new URL(`../fixtures/spreadsheets/${name}`, import.meta.url));
const map = readCsvMap(JSON.parse(fixture('prisoners-map.json').toString('utf8')));
const FILE = 'prisoners-messy.csv';

const TABLES = [
  'persons',
  'person_names',
  'name_keys',
  'cases',
  'case_parties',
  'events',
  'event_participants',
  'places',
  'record_versions',
  'audit_log',
] as const satisfies ReadonlyArray<keyof Database>;

/** The report of the messy spreadsheet, row by row; `id` stands for a person id (null in a dry run). */
function expectedRows(id: unknown, existingId: unknown) {
  return [
    { row: 2, outcome: 'created', name: 'Тестов Иван Петрович', personId: id, events: 2 },
    { row: 3, outcome: 'created', name: 'Примерова Анна Сергеевна', personId: id, events: 2 },
    { row: 5, outcome: 'created', name: 'Выдуманов Олег', personId: id, events: 1 },
    {
      row: 6,
      outcome: 'merged',
      name: 'Ivan Testov',
      personId: id,
      into: { name: 'Тестов Иван Петрович', row: 2 },
      reason: 'same name «Ivan Testov», a name of «Тестов Иван Петрович» (row 2)',
      events: 0,
      kept: [],
    },
    { row: 7, outcome: 'rejected', reason: 'a quote that is never closed' },
    { row: 8, outcome: 'rejected', reason: 'unreadable date «31.02.2021»: no such day' },
    { row: 9, outcome: 'rejected', reason: '4 columns where the header has 16' },
    { row: 10, outcome: 'rejected', reason: 'no name' },
    { row: 11, outcome: 'rejected', reason: 'unknown status «под подпиской»' },
    {
      row: 12,
      outcome: 'merged',
      name: 'Anna Vymyshlenova',
      personId: existingId,
      into: { name: 'Анна Вымышленова', row: null },
      reason: '«Anna Vymyshlenova» written in the other script is «Анна Вымышленова»',
      events: 1,
      kept: [],
    },
    {
      row: 13,
      outcome: 'merged',
      name: 'Примерова Анна Сергеевна',
      personId: id,
      into: { name: 'Примерова Анна Сергеевна', row: 3 },
      reason: 'same name «Примерова Анна Сергеевна» (row 3)',
      events: 0,
      kept: ['birth year 1990 kept (row says 1991)'],
    },
  ];
}

describe.each(dialects)('import csv of a messy spreadsheet on %s', (dialect) => {
  let t: TestWorkspace;
  let existingId: string;

  const counts = async () => {
    const out = {} as Record<(typeof TABLES)[number], number>;
    for (const table of TABLES) {
      const row = await t.workspace.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    return out;
  };
  const run = (bytes: Buffer, dryRun: boolean) =>
    importCsvSpreadsheet(t.workspace.db, readSpreadsheet(bytes, map), { file: FILE, dryRun, userId: null, map });

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    // Already in the record before the spreadsheet arrives, written in Cyrillic only.
    existingId = await t.workspace.db
      .transaction()
      .execute(async (trx) => (await createPerson(trx, { displayName: 'Анна Вымышленова' }, null)).id);
  });
  afterAll(async () => t.dispose());

  it('a dry run reports what it would do, from UTF-8 and from Windows-1251 alike, and writes nothing', async () => {
    const before = await counts();
    const utf8 = await run(fixture('prisoners-messy.csv'), true);
    const cp1251 = await run(fixture('prisoners-messy.cp1251.csv'), true);
    expect(await counts()).toEqual(before);
    expect(utf8).toMatchObject({
      dryRun: true,
      encoding: 'utf-8',
      delimiter: ';',
      ignoredColumns: ['№', 'Ответственный'],
      emptyRows: 1,
      created: 3,
      merged: 3,
      rejected: 5,
    });
    expect(utf8.rows).toEqual(expectedRows(null, existingId));
    expect(cp1251.encoding).toBe('windows-1251');
    expect(cp1251.rows).toEqual(utf8.rows);
  });

  it('a failure in the middle of the import leaves nothing committed', async () => {
    const db = t.workspace.db;
    // The database refuses the event of row 12, after rows 2–6 were written in the same transaction.
    if (dialect === 'sqlite') {
      await sql`CREATE TRIGGER fail_import BEFORE INSERT ON events WHEN NEW.date = '2020-05' BEGIN SELECT RAISE(ABORT, 'forced failure'); END`.execute(
        db,
      );
    } else {
      await sql`CREATE FUNCTION fail_import() RETURNS trigger AS $$ BEGIN IF NEW.date = '2020-05' THEN RAISE EXCEPTION 'forced failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(
        db,
      );
      await sql`CREATE TRIGGER fail_import BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION fail_import()`.execute(
        db,
      );
    }
    const before = await counts();
    try {
      await expect(run(fixture('prisoners-messy.csv'), false)).rejects.toThrow(/forced failure/);
      expect(await counts()).toEqual(before);
    } finally {
      await sql`DROP TRIGGER fail_import${sql.raw(dialect === 'postgres' ? ' ON events' : '')}`.execute(db);
    }
  });

  it('imports the accepted rows in one go: persons, names, cases, events and statuses, each audited', async () => {
    const before = await counts();
    const report: CsvImportReport = await run(fixture('prisoners-messy.csv'), false);
    expect(report).toMatchObject({ dryRun: false, created: 3, merged: 3, rejected: 5 });
    expect(report.rows).toEqual(expectedRows(expect.any(String), existingId));
    const after = await counts();
    expect(after.persons - before.persons).toBe(3);
    expect(after.cases - before.cases).toBe(3);
    expect(after.events - before.events).toBe(6);

    const idOf = (row: number) => (report.rows.find((r) => r.row === row) as { personId: string }).personId;
    expect(idOf(6)).toBe(idOf(2));
    expect(idOf(13)).toBe(idOf(3));

    const testov = await getPerson(t.workspace.db, idOf(2));
    expect(testov).toMatchObject({
      displayName: 'Тестов Иван Петрович',
      gender: 'masc',
      birthYear: 1987,
      notes: 'из английского отчёта',
      confidentiality: 'internal',
      details: { region: 'Башкортостан', sourceUrls: ['https://example.org/testov'] },
      version: 2,
    });
    expect(testov.names.map((n) => n.name).sort()).toEqual(['Ivan Testov', 'Тестов Иван', 'Тестов Иван Петрович']);
    expect(await getPersonStatus(t.workspace.db, testov.id)).toMatchObject({ status: 'in_custody', override: null });
    const testovEvents = await listEvents(t.workspace.db, { personId: testov.id });
    expect(testovEvents.items.map((e) => [e.type, e.date, e.datePrecision]).sort()).toEqual([
      ['arrest', '2021-03-07', 'day'],
      ['detention', '2021-03-05', 'day'],
    ]);
    const testovCase = await getCase(t.workspace.db, testovEvents.items[0]!.caseId!);
    expect(testovCase).toMatchObject({
      name: 'дело Тестов Иван Петрович',
      articles: [
        { code: 'УК РФ', article: '212.2', part: 1 },
        { code: 'УК РФ', article: '280.3', part: null },
      ],
      parties: [{ personId: testov.id, role: 'defendant' }],
    });

    const primerova = await getPerson(t.workspace.db, idOf(3));
    expect(primerova).toMatchObject({ birthYear: 1990, gender: 'femn', details: { region: 'Татарстан' } });
    expect(primerova.names.map((n) => n.name)).toContain('Anna Primerova');
    const sentence = (await listEvents(t.workspace.db, { personId: primerova.id })).items.find(
      (e) => e.type === 'sentence',
    );
    expect(sentence).toMatchObject({ date: '2022-01-10', sentenceYears: 6.5 });
    expect((await getCase(t.workspace.db, sentence!.caseId!)).name).toBe('дело «Антивоенных листовок»');
    expect(await getPersonStatus(t.workspace.db, primerova.id)).toMatchObject({ status: 'sentenced', override: null });

    // The status column says what no event does: a manual status naming the row.
    expect(await getPersonStatus(t.workspace.db, idOf(5))).toMatchObject({
      status: 'emigrated',
      reason: `${FILE}, row 5: «эмигрировал»`,
    });
    const existing = await getPerson(t.workspace.db, existingId);
    expect(existing).toMatchObject({
      gender: 'femn',
      birthYear: 1995,
      details: { region: 'Москва', sourceUrls: ['https://example.org/a', 'https://example.org/b'] },
    });
    expect(existing.names.map((n) => n.name)).toContain('Anna Vymyshlenova');
    expect(await getPersonStatus(t.workspace.db, existingId)).toMatchObject({
      status: 'released',
      derived: 'detained',
    });

    // Events are placed in the row's region, so the published figures count them by region.
    const stats = await computeStats(t.workspace.db);
    expect(stats.byRegion).toEqual(
      expect.arrayContaining([
        { key: 'Башкортостан', type: 'detention', events: 1, persons: 1 },
        { key: 'Башкортостан', type: 'arrest', events: 1, persons: 1 },
        { key: 'Татарстан', type: 'sentence', events: 1, persons: 1 },
        { key: 'Москва', type: 'detention', events: 1, persons: 1 },
        { key: 'unknown', type: 'detention', events: 1, persons: 1 },
      ]),
    );
    expect(stats.sentences).toEqual({ persons: 1, totalYears: 6.5 });
    expect(stats.byArticle).toContainEqual({ key: 'УК РФ 212.2 ч. 1', type: 'detention', events: 1, persons: 1 });

    // Every created record has version 1 and its audit entry; the import itself is audited once.
    const audit = await t.workspace.db.selectFrom('audit_log').select(['action', 'target', 'user_id']).execute();
    for (const id of [idOf(2), idOf(3), idOf(5)])
      expect(audit).toContainEqual({ action: 'person.create', target: `persons/${id}`, user_id: null });
    expect(audit.filter((a) => a.action === 'event.create')).toHaveLength(6);
    expect(audit.filter((a) => a.action === 'record.import-csv')).toHaveLength(1);
  });

  it('importing the same spreadsheet again merges every row and adds nothing', async () => {
    const before = await counts();
    const again = await run(fixture('prisoners-messy.csv'), false);
    expect(again).toMatchObject({ created: 0, merged: 6, rejected: 5 });
    const after = await counts();
    for (const table of ['persons', 'cases', 'events', 'person_names', 'places'] as const)
      expect(after[table]).toBe(before[table]);
  });
});

describe.each(dialects)('import csv: what a public import may publish, on %s', (dialect) => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
  });
  afterAll(async () => t.dispose());

  it('a case named after its defendant stays internal, where the spreadsheet names a case it stays public', async () => {
    const publicMap = readCsvMap({
      fields: { name: 'ФИО', articles: 'Статьи', caseName: 'Дело' },
      confidentiality: 'public',
    });
    const csv = 'ФИО,Статьи,Дело\nПублий Вымыслов,212.2 ч.1,\nДарья Сочинёнова,280.3,дело «Северного кружка»\n';
    const report = await importCsvSpreadsheet(t.workspace.db, readSpreadsheet(Buffer.from(csv), publicMap), {
      file: 'public.csv',
      dryRun: false,
      userId: null,
      map: publicMap,
    });
    expect(report).toMatchObject({ created: 2, rejected: 0 });
    const cases = await t.workspace.db
      .selectFrom('cases')
      .select(['name', 'confidentiality'])
      .orderBy('name')
      .execute();
    expect(cases).toEqual([
      { name: 'дело «Северного кружка»', confidentiality: 'public' },
      { name: 'дело Публий Вымыслов', confidentiality: 'internal' },
    ]);
    const stats = await computeStats(t.workspace.db, { user: { public: true } });
    expect(stats.byCase.map((b) => b.caseName)).not.toContain('дело Публий Вымыслов');
  });
});
