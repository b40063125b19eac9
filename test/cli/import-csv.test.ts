import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/spreadsheets/${name}`, import.meta.url));

describe('chronicle import csv', () => {
  let dir: string;
  let data: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-import-csv-'));
    data = join(dir, 'data');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const importCsv = (...args: string[]) =>
    runCli([
      '--data',
      data,
      'import',
      'csv',
      fixture('prisoners-messy.csv'),
      '--map',
      fixture('prisoners-map.json'),
      ...args,
    ]);

  it('--dry-run prints every row and the summary, writes nothing, and exits 1 because rows were rejected', async () => {
    const dry = await importCsv('--dry-run');
    // Nothing but the warning that the new workspace is not encrypted at rest (the test sets no key).
    expect(dry.stderr).toMatch(/^chronicle: warning: the workspace is not encrypted at rest[^\n]*\n$/);
    expect(dry.code).toBe(1);
    const lines = dry.stdout.trim().split('\n');
    expect(lines[0]).toBe('ignored columns: №, Ответственный');
    expect(lines).toContain('row 2: created Тестов Иван Петрович, 2 events');
    expect(lines).toContain(
      'row 6: merged Ivan Testov into Тестов Иван Петрович: same name «Ivan Testov», a name of «Тестов Иван Петрович» (row 2), 0 events',
    );
    expect(lines).toContain('row 7: rejected: a quote that is never closed');
    expect(lines.at(-1)).toBe(
      'dry run, nothing written: would have created 4, merged 2, rejected 5, 1 empty row skipped',
    );
    const stats = await runCli(['--data', data, 'stats', '--json']);
    expect(JSON.parse(stats.stdout).totals.detention).toEqual({ events: 0, persons: 0 });
  });

  it('imports, prints the report as JSON, and the record counts the imported events', async () => {
    const result = await importCsv('--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { created: number; merged: number; rejected: number; rows: unknown[] };
    expect(report).toMatchObject({ created: 4, merged: 2, rejected: 5, dryRun: false });
    expect(report.rows).toHaveLength(11);
    const stats = JSON.parse((await runCli(['--data', data, 'stats', '--json'])).stdout);
    expect(stats.totals.detention).toEqual({ events: 4, persons: 4 });
    expect(stats.totals.sentence).toEqual({ events: 1, persons: 1 });
  });

  it('exits 0 when no row is rejected, and names a bad map or a missing column on stderr', async () => {
    const clean = join(dir, 'clean.csv');
    writeFileSync(clean, 'ФИО,Год\nЧистов Пётр,1980\n');
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ fields: { name: 'ФИО', birthYear: 'Год' } }));
    const ok = await runCli(['--data', data, 'import', 'csv', clean, '--map', map]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /^row 2: created Чистов Пётр \([0-9A-Z]{26}\), 0 events\ncreated 1, merged 0, rejected 0\n$/,
    );

    writeFileSync(map, JSON.stringify({ fields: { name: 'ФИО', birth: 'Год' } }));
    const badMap = await runCli(['--data', data, 'import', 'csv', clean, '--map', map]);
    expect(badMap.code).toBe(1);
    expect(badMap.stderr).toMatch(/unknown field «birth» in fields \(known: name, /);

    writeFileSync(map, JSON.stringify({ fields: { name: 'Имя' } }));
    const missing = await runCli(['--data', data, 'import', 'csv', clean, '--map', map]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/MAP\.json names «Имя» \(name\), not in the header; the columns are: ФИО, Год/);

    const help = await runCli(['import', 'csv', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/Exit code 0 when no row was rejected, 1 otherwise/);
  });

  it('reads a sheet saved by Excel or LibreOffice as it reads a CSV: each row a person, dates from the cells', async () => {
    const workbookData = join(dir, 'workbook-data');
    const importSheet = (file: string, map = fixture('detainees-map.json')) =>
      runCli(['--data', workbookData, 'import', 'csv', fixture(file), '--map', map, '--json']);
    const fromExcel = await importSheet('detainees.xlsx');
    expect(fromExcel.code).toBe(0);
    const report = JSON.parse(fromExcel.stdout);
    expect(report).toMatchObject({ format: 'xlsx', sheet: 'list', encoding: null, created: 2, rejected: 0 });
    const stats = JSON.parse((await runCli(['--data', workbookData, 'stats', '--json'])).stdout);
    expect(stats.totals.detention).toEqual({ events: 2, persons: 2 });
    // The same people from LibreOffice's file: merged, nothing new.
    const fromCalc = JSON.parse((await importSheet('detainees.ods')).stdout);
    expect(fromCalc).toMatchObject({ format: 'ods', created: 0, merged: 2, rejected: 0 });
    const fromOldExcel = JSON.parse((await importSheet('detainees.xls')).stdout);
    expect(fromOldExcel).toMatchObject({ format: 'xls', sheet: 'list', created: 0, merged: 2, rejected: 0 });
    const fromFlatCalc = JSON.parse((await importSheet('detainees.fods')).stdout);
    expect(fromFlatCalc).toMatchObject({ format: 'fods', sheet: 'list', created: 0, merged: 2, rejected: 0 });

    const wrongSheet = join(dir, 'wrong-sheet.json');
    writeFileSync(wrongSheet, JSON.stringify({ fields: { name: 'ФИО' }, sheet: 'Лист1' }));
    const refused = await importSheet('detainees.xlsx', wrongSheet);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/MAP\.json names the sheet «Лист1»; the workbook has «list»/);
    const onCsv = await runCli([
      '--data',
      workbookData,
      'import',
      'csv',
      fixture('detainees.csv'),
      '--map',
      wrongSheet,
    ]);
    expect(onCsv.stderr).toMatch(/MAP\.json names a sheet, but the file is a CSV, not a workbook/);
  });

  it('refuses a row dated in the future, naming the row, and keeps the rows around it', async () => {
    const futureData = join(dir, 'future-data');
    const file = join(dir, 'future.csv');
    const next = new Date().getUTCFullYear() + 4;
    writeFileSync(file, `ФИО,Задержан\nПрошлов Пётр,05.03.2021\nБудущев Иван,01.01.${next}\n`);
    const map = join(dir, 'future-map.json');
    writeFileSync(map, JSON.stringify({ fields: { name: 'ФИО', detentionDate: 'Задержан' } }));
    const result = await runCli(['--data', futureData, 'import', 'csv', file, '--map', map]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^row 2: created Прошлов Пётр \([0-9A-Z]{26}\), 1 event$/);
    expect(lines[1]).toBe(
      `row 3: rejected: detention «01.01.${next}»: date ${next}-01-01 is in the future, and a detention can only ` +
        'have happened: a slip of the year? (only hearing, meeting, other events may be dated ahead)',
    );
    // The refused row made nobody "detained" now.
    const stats = JSON.parse((await runCli(['--data', futureData, 'stats', '--json'])).stdout);
    expect(stats.totals.detention).toEqual({ events: 1, persons: 1 });
  });
});
