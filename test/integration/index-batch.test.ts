import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldTerms, indexSources, indexVectors, searchSources } from '../../src/search/index.js';
import { type IngestResult, ingestFiles } from '../../src/sources/index.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();
const utf8 = (s: string) => new TextEncoder().encode(s);

describe.each(dialects)('indexing many sources at once on %s', (dialect) => {
  let t: TestWorkspace;
  let ids: string[];

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    const results: IngestResult[] = [];
    const files = [
      { name: 'a.txt', bytes: utf8('Первыйотчёт: в Уфе задержали активиста.') },
      { name: 'b.txt', bytes: utf8('Secondreport: a court in Kazan fined a journalist.') },
    ];
    for await (const r of ingestFiles({ workspace: t.workspace, userId: null, cipher: null }, files)) results.push(r);
    ids = results.map((r) => r.sourceId!);
  });
  afterAll(async () => t.dispose());

  it('replaces the index rows of sources indexed before, the last text given for a source winning', async () => {
    const { db } = t.workspace;
    expect((await searchSources(db, dialect, 'первыйотчёт')).total).toBe(1);
    await db.transaction().execute(async (trx) => {
      await indexSources(trx, dialect, [
        { sourceId: ids[0]!, title: null, text: 'Stale text that a later entry replaces.', language: 'en' },
        { sourceId: ids[1]!, title: 'Заголовокбатча', text: 'Secondreport again.', language: 'en' },
        { sourceId: ids[0]!, title: null, text: 'Обновлённыйтекст о задержаниях.', language: 'ru' },
      ]);
    });
    expect((await searchSources(db, dialect, 'первыйотчёт')).total).toBe(0);
    expect((await searchSources(db, dialect, 'stale')).total).toBe(0);
    expect((await searchSources(db, dialect, 'обновлённыйтекст')).results.map((r) => r.sourceId)).toEqual([ids[0]]);
    expect((await searchSources(db, dialect, 'заголовокбатча')).results.map((r) => r.sourceId)).toEqual([ids[1]]);
  });

  it("uses index literals made beforehand only when they were made for the source's title", async () => {
    const { db } = t.workspace;
    const text = 'Предсобранныйтекст о суде.';
    await db.transaction().execute(async (trx) => {
      await indexSources(trx, dialect, [
        // Made for another title (the file was read before its title was known): the source's own title is indexed.
        {
          sourceId: ids[0]!,
          title: 'Настоящийзаголовок',
          text,
          language: 'ru',
          indexVectors: indexVectors('Прежний', fieldTerms(text)),
        },
        {
          sourceId: ids[1]!,
          title: 'Заголовокготовый',
          text,
          language: 'ru',
          indexVectors: indexVectors('Заголовокготовый', fieldTerms(text)),
        },
      ]);
    });
    expect((await searchSources(db, dialect, 'настоящийзаголовок')).results.map((r) => r.sourceId)).toEqual([ids[0]]);
    expect((await searchSources(db, dialect, 'прежний')).total).toBe(0);
    expect((await searchSources(db, dialect, 'заголовокготовый')).results.map((r) => r.sourceId)).toEqual([ids[1]]);
    expect((await searchSources(db, dialect, 'предсобранныйтекст')).total).toBe(2);
  });

  it('refuses to run outside a transaction, so the index cannot drift from the sources it describes', async () => {
    await expect(
      indexSources(t.workspace.db, dialect, [{ sourceId: ids[0]!, title: null, text: 'x', language: null }]),
    ).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
