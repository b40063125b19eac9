import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { acceptAllProposals, computeStats, createEvent, regionPlace, stageExtraction } from '../../src/record/index.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';
import { ingestText } from './record-fixtures.js';

const dialects = await testDialects();

const TEXT =
  'В Уфе 12 марта 2024 года полиция задержала Ивана Петрова. В Казани 14 марта 2024 года полиция задержала Марию Сидорову.';

describe.each(dialects)('regions of extracted places on %s', (dialect) => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
  });
  afterAll(async () => t.dispose());

  it('gives an extracted Уфа and Казань their region, and statistics count their events by it', async () => {
    const { db } = t.workspace;
    const sourceId = await ingestText(t.workspace, 'report.txt', TEXT);
    // What the extractor gives (no region: its schema has none), staged as the extraction job stages it.
    const extraction = extract(TEXT, { language: 'ru', referenceDate: '2024-03-20' });
    expect(extraction.places.map((p) => [p.name, p.geonameId])).toEqual([
      ['Уфа', 479561],
      ['Казань', 551487],
    ]);
    await db.transaction().execute(async (trx) => {
      await stageExtraction(trx, { sourceId, extraction, extractorVersion: '1', userId: null });
      await acceptAllProposals(trx, null);
    });
    const places = await db.selectFrom('places').select(['name', 'region', 'gazetteer_id']).orderBy('name').execute();
    expect(places).toEqual([
      { name: 'Казань', region: 'Татарстан', gazetteer_id: 'geonames:551487' },
      { name: 'Уфа', region: 'Башкортостан', gazetteer_id: 'geonames:479561' },
    ]);

    const stats = await computeStats(db);
    expect(stats.byRegion).toEqual([
      { key: 'Башкортостан', type: 'detention', events: 1, persons: 1 },
      { key: 'Татарстан', type: 'detention', events: 1, persons: 1 },
    ]);
  });

  it('counts an event imported with the «Регион» Башкортостан in the same bucket as the extracted Уфа', async () => {
    const { db } = t.workspace;
    // As the CSV import places a row's event: in the place that stands for its «Регион» column.
    await db.transaction().execute(async (trx) => {
      const placeId = await regionPlace(trx, 'Башкортостан');
      await createEvent(trx, { type: 'detention', date: '2024-03-15', placeId }, null);
    });
    const stats = await computeStats(db);
    expect(stats.byRegion.filter((b) => b.key === 'Башкортостан')).toEqual([
      { key: 'Башкортостан', type: 'detention', events: 2, persons: 1 },
    ]);
  });
});
