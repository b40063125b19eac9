import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/db/connection.js';
import { updateCase } from '../../src/record/index.js';
import { runMain } from '../helpers/cli.js';
import { stageUfaReport } from '../integration/record-fixtures.js';

describe('chronicle stats (SQLite)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chronicle-stats-cli-'));
    // The Ufa report as extracted and accepted: Иван Петров detained in Уфа (a place the extraction gives no
    // region), then sentenced in the «Башкирский кружок» case, here under ч. 1 ст. 282.2 УК РФ.
    const workspace = await openWorkspace({ dataDir, databaseUrl: '', key: null });
    await stageUfaReport(workspace, { accept: true });
    await workspace.db.transaction().execute(async (trx) => {
      const kruzhok = await trx.selectFrom('cases').select('id').executeTakeFirstOrThrow();
      await updateCase(trx, kruzhok.id, { articles: [{ code: 'УК РФ', article: '282.2', part: 1 }] }, null);
    });
    await workspace.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the totals and the tables by month, region, case and article', async () => {
    const result = await runMain(['--data', dataDir, 'stats'], { CHRONICLE_KEY: '' });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'detention       1 events      1 persons',
      'arrest          0 events      0 persons',
      'search          0 events      0 persons',
      'custody         0 events      0 persons',
      'sentence        1 events      1 persons',
      'sentences: 1 persons, 6 years in total',
      '',
      'by month',
      '2024-03  detention  1 events, 1 persons',
      '2024-03  sentence   1 events, 1 persons',
      '',
      'by region',
      'unknown       sentence   1 events, 1 persons',
      'Башкортостан  detention  1 events, 1 persons',
      '',
      'by case',
      'дело «Башкирского кружка»  sentence   1 events, 1 persons',
      '',
      'by article',
      'УК РФ 282.2 ч. 1  sentence   1 events, 1 persons',
      '',
    ]);
  });

  it('refuses a range that ends before it starts as a usage error, as the server does', async () => {
    const result = await runMain(['--data', dataDir, 'stats', '--from', '2024-05', '--to', '2024-03'], {
      CHRONICLE_KEY: '',
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('chronicle: --from 2024-05 is after --to 2024-03: the range would hold nothing\n');
    // A day within the month --to names is in the range.
    const within = await runMain(['--data', dataDir, 'stats', '--from', '2024-03-15', '--to', '2024-03'], {
      CHRONICLE_KEY: '',
    });
    expect(within.code).toBe(0);
  });

  it('keeps --json one document with the same figures', async () => {
    const result = await runMain(['--data', dataDir, 'stats', '--json'], { CHRONICLE_KEY: '' });
    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(stats)).toEqual(['totals', 'byMonth', 'byRegion', 'byCase', 'byArticle', 'sentences']);
    expect(stats.byRegion).toEqual([
      { key: 'unknown', type: 'sentence', events: 1, persons: 1 },
      { key: 'Башкортостан', type: 'detention', events: 1, persons: 1 },
    ]);
    expect(stats.byArticle).toEqual([{ key: 'УК РФ 282.2 ч. 1', type: 'sentence', events: 1, persons: 1 }]);
  });
});
