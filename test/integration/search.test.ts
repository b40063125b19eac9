import { type Kysely, sql, type Updateable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';
import { readOffThread } from '../../src/db/sqlite-reader.js';
import { fieldTerms } from '../../src/search/document-terms.js';
import {
  indexSource,
  rebuildSearchIndex,
  removeSourceFromIndex,
  type SearchOptions,
  searchFacets,
  searchSources,
} from '../../src/search/index.js';
import { tsvectorsOf } from '../../src/search/tsvector.js';
import { insertPlainSources } from '../helpers/sources.js';
import {
  createTestWorkspace,
  type TestWorkspace,
  testDialects,
  unmigratedWorkspaceSuite,
} from '../helpers/workspaces.js';

const dialects = await testDialects();

/** A read of a few hundred milliseconds, whatever the workspace holds. */
const slowRead = sql<{
  n: number;
}>`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 3000000) SELECT count(*) AS n FROM k`;

interface Fixture {
  id: string;
  title: string | null;
  text: string;
  language: string | null;
  publishedAt: string | null;
  confidentiality?: 'public' | 'internal' | 'restricted';
  deleted?: boolean;
}

const FIXTURES: Fixture[] = [
  {
    id: 'src-ufa',
    title: 'Задержания в Уфе',
    text: 'Вчера в Уфе сотрудники ФСБ задержали активиста Олега Зимина.\n\nСуд продлил арест на два месяца. Ещё двое свидетелей допрошены.',
    language: 'ru',
    publishedAt: '2022-03-10',
  },
  {
    id: 'src-kazan',
    title: 'Приговор в Казани',
    text: 'Суд в Казани приговорил Ивана Петрова к домашнему аресту. После задержания его допрашивали всю ночь.',
    language: 'ru',
    publishedAt: '2022-05-01T09:30:00Z',
  },
  {
    id: 'src-moscow',
    title: 'Activist detained in Moscow',
    text: 'Police were detaining protesters near the court building. Anna Smirnova was held in detention for two days.',
    language: 'en',
    publishedAt: '2021-11-20',
  },
  {
    id: 'src-searches',
    title: 'Searches in Kazan',
    text: 'Officers searched the homes of three journalists in Kazan. Nobody was arrested, the court said.',
    language: 'en',
    publishedAt: '2023-01-15',
  },
  {
    id: 'src-deleted',
    title: 'Удалённый отчёт',
    text: 'Задержан журналист Пётр Орлов.',
    language: 'ru',
    publishedAt: '2022-03-11',
    deleted: true,
  },
  {
    id: 'src-secret',
    title: null,
    text: 'Секретный отчёт: задержан свидетель в Уфе.',
    language: 'ru',
    publishedAt: '2022-03-12',
    confidentiality: 'restricted',
  },
];

async function insertSource(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  f: Fixture,
  index = true,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Fixtures may share a text: each has its own original.
    const original = new TextEncoder().encode(`${f.text}\n${f.id}`);
    await insertPlainSources(trx, [{ ...f, original, deletedAt: f.deleted ? '2024-01-01T00:00:00.000Z' : null }]);
    if (index) await indexSource(trx, dialect, { sourceId: f.id, title: f.title, text: f.text, language: f.language });
  });
}

const ids = (r: { results: Array<{ sourceId: string }> }) => r.results.map((h) => h.sourceId).sort();

describe.each(dialects)('search on %s', (dialect) => {
  let t: TestWorkspace;
  let db: Kysely<Database>;
  const search = (q: string, options?: Parameters<typeof searchSources>[3]) => searchSources(db, dialect, q, options);

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    db = t.workspace.db;
    for (const f of FIXTURES) await insertSource(db, dialect, f);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('finds «задержали» and «задержания» for «задержан», and never a deleted source', async () => {
    const r = await search('задержан');
    expect(ids(r)).toEqual(['src-kazan', 'src-secret', 'src-ufa']);
    expect(r.total).toBe(3);
    const ufa = r.results.find((h) => h.sourceId === 'src-ufa')!;
    const text = FIXTURES[0]!.text;
    expect(ufa.matches.map((m) => text.slice(m.start, m.end))).toEqual(['задержали']);
    expect(ufa.highlights.map((h) => ufa.snippet.slice(h.start, h.end))).toEqual(['задержали']);
    const kazan = r.results.find((h) => h.sourceId === 'src-kazan')!;
    expect(kazan.highlights.map((h) => kazan.snippet.slice(h.start, h.end))).toEqual(['задержания']);
  });

  it('finds a hyphenated compound spelt either way: "pre-trial quarantine" finds «pretrial quarantine»', async () => {
    const spelt = [
      ['src-hyphen', 'The pre-trial quarantine of Yakov Sostavnoy was extended.'],
      ['src-joined', 'The pretrial quarantine of Yakov Sostavnoy was extended.'],
    ] as const;
    for (const [id, text] of spelt)
      await insertSource(db, dialect, { id, title: null, text, language: 'en', publishedAt: '2024-02-01' });
    expect(ids(await search('"pre-trial quarantine" Sostavnoy'))).toEqual(['src-hyphen', 'src-joined']);
    expect(ids(await search('pre-trial Sostavnoy'))).toEqual(['src-hyphen', 'src-joined']);
    const joined = (await search('"pre-trial quarantine" Sostavnoy')).results.find((h) => h.sourceId === 'src-joined')!;
    expect(joined.matches.map((m) => spelt[1][1].slice(m.start, m.end))).toEqual(['pretrial quarantine', 'Sostavnoy']);
    // Not a compound to close up: a name of three words, a range of years.
    expect((await search('Ростов-на-Дону')).total).toBe(0);
  });

  it('counts the matches by language and by year, each facet under the other’s filter but not its own', async () => {
    const facets = (q: string, options?: SearchOptions) => searchFacets(db, dialect, q, options);
    expect(await facets('суд OR court')).toEqual({
      language: [
        { value: 'en', count: 2 },
        { value: 'ru', count: 2 },
      ],
      year: [
        { value: '2022', count: 2 },
        { value: '2021', count: 1 },
        { value: '2023', count: 1 },
      ],
    });
    const russian = await facets('суд OR court', { language: 'ru' });
    expect(russian.language).toHaveLength(2);
    expect(russian.year).toEqual([{ value: '2022', count: 2 }]);
    const since2022 = await facets('суд OR court', { from: '2022-01-01' });
    expect(since2022.year).toHaveLength(3);
    expect(since2022.language).toEqual([
      { value: 'ru', count: 2 },
      { value: 'en', count: 1 },
    ]);
    // The scope and deletion apply as in the results: a restricted match counts only for those who may see it.
    const visible: SearchOptions['scope'] = (eb) => eb('sources.confidentiality', '!=', 'restricted');
    expect((await facets('задержан')).language).toEqual([{ value: 'ru', count: 3 }]);
    expect((await facets('задержан', { scope: visible })).language).toEqual([{ value: 'ru', count: 2 }]);
    await expect(facets('   ')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('ranks a source that has the word in its title above one that has it only in its text', async () => {
    const r = await search('задержан');
    const order = r.results.map((h) => h.sourceId);
    expect(order.indexOf('src-ufa')).toBeLessThan(order.indexOf('src-secret'));
    for (const hit of r.results) expect(typeof hit.score).toBe('number');
    const scores = r.results.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('ranks the matches of a query with NOT by its other words', async () => {
    // By id the weaker match comes first: a tie (PostgreSQL had ranked every match of `a & !b` 1e-20) shows.
    await insertSource(db, dialect, {
      id: 'src-not-1',
      title: null,
      text: 'Один пикет прошёл тихо.',
      language: 'ru',
      publishedAt: null,
    });
    await insertSource(db, dialect, {
      id: 'src-not-2',
      title: 'Пикет у здания суда',
      text: 'Пикет прошёл тихо, пикет разошёлся.',
      language: 'ru',
      publishedAt: null,
    });
    try {
      const r = await search('пикет -штраф');
      expect(r.results.map((h) => h.sourceId)).toEqual(['src-not-2', 'src-not-1']);
      expect(r.results[0]!.score).toBeGreaterThan(r.results[1]!.score);
      expect(r.results[1]!.score).toBeGreaterThan(1e-6);
    } finally {
      for (const id of ['src-not-1', 'src-not-2']) {
        await removeSourceFromIndex(db, dialect, id);
        await db.deleteFrom('source_texts').where('source_id', '=', id).execute();
        await db.deleteFrom('sources').where('id', '=', id).execute();
      }
    }
  });

  it('returns title, language, publication date and a snippet cut from the original text', async () => {
    const r = await search('Зимина');
    expect(r.results).toHaveLength(1);
    const hit = r.results[0]!;
    expect(hit).toMatchObject({
      sourceId: 'src-ufa',
      title: 'Задержания в Уфе',
      language: 'ru',
      publishedAt: '2022-03-10',
    });
    expect(hit.snippet).toContain('Олега Зимина');
    expect(hit.snippet).not.toContain('\n');
  });

  it('stems English: "detained" finds "detaining" and "detention"', async () => {
    expect(ids(await search('detained'))).toEqual(['src-moscow']);
    const r = await search('detention');
    expect(ids(r)).toEqual(['src-moscow']);
    const text = FIXTURES[2]!.text;
    expect(r.results[0]!.matches.map((m) => text.slice(m.start, m.end))).toEqual(['detaining', 'detention']);
  });

  it('folds ё to е', async () => {
    expect(ids(await search('еще двое'))).toEqual(['src-ufa']);
    expect(ids(await search('отчёт'))).toEqual(['src-secret']);
  });

  it('matches a phrase only with its words in order', async () => {
    const r = await search('"суд продлил арест"');
    expect(ids(r)).toEqual(['src-ufa']);
    const hit = r.results[0]!;
    expect(hit.highlights.map((h) => hit.snippet.slice(h.start, h.end))).toEqual(['Суд продлил арест']);
    expect((await search('"арест продлил суд"')).total).toBe(0);
    // A hyphenated or dotted word is a phrase of its parts.
    expect(ids(await search('court-building'))).toEqual(['src-moscow']);
  });

  it('finds phrases of two to four words and a prefix after them, never words apart or across title and text', async () => {
    expect(ids(await search('"продлил арест"'))).toEqual(['src-ufa']);
    expect(ids(await search('"суд продлил арест на"'))).toEqual(['src-ufa']);
    expect(ids(await search('"еще двое свидетелей"'))).toEqual(['src-ufa']);
    expect(ids(await search('"суд продлил ар"*'))).toEqual(['src-ufa']);
    expect(ids(await search('"в Казани приговорил"'))).toEqual(['src-kazan']);
    expect((await search('"суд продлил на"')).total).toBe(0);
    expect((await search('"продлил суд"')).total).toBe(0);
    expect((await search('"двое свидетелей ещё"')).total).toBe(0);
    // «Searches in Kazan» then «Officers searched…»: next to each other only across the title's end.
    expect((await search('"Kazan officers"')).total).toBe(0);
    expect(ids(await search('"in Kazan"'))).toEqual(['src-searches']);
  });

  it('matches a prefix against the words as written', async () => {
    expect(ids(await search('Казан*'))).toEqual(['src-kazan']);
    expect(ids(await search('kaz*'))).toEqual(['src-searches']);
    expect(ids(await search('задерж*'))).toEqual(['src-kazan', 'src-secret', 'src-ufa']);
    expect(ids(await search('"суд прод"*'))).toEqual(['src-ufa']);
  });

  it('combines words with AND, OR, NOT and parentheses', async () => {
    expect(ids(await search('суд Казани'))).toEqual(['src-kazan']);
    expect(ids(await search('суд AND Казани'))).toEqual(['src-kazan']);
    expect(ids(await search('Зимина OR Петрова'))).toEqual(['src-kazan', 'src-ufa']);
    expect(ids(await search('суд -Казань'))).toEqual(['src-ufa']);
    expect(ids(await search('суд NOT Казань'))).toEqual(['src-ufa']);
    expect(ids(await search('court -"held in detention"'))).toEqual(['src-searches']);
    expect(ids(await search('(detained OR searched) Kazan'))).toEqual(['src-searches']);
    expect(ids(await search('court (Smirnova OR nobody) -arrested'))).toEqual(['src-moscow']);
  });

  it('filters by language and publication dates (the `to` day included, with or without a time)', async () => {
    expect(ids(await search('суд OR court', { language: 'en' }))).toEqual(['src-moscow', 'src-searches']);
    expect(ids(await search('задержан', { from: '2022-01-01', to: '2022-03-10' }))).toEqual(['src-ufa']);
    expect(ids(await search('задержан', { from: '2022-05-01', to: '2022-05-01' }))).toEqual(['src-kazan']);
    await expect(search('задержан', { from: '2022-02-30' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(search('задержан', { to: 'yesterday' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('applies the scope inside the query, so hidden sources count in neither results nor total', async () => {
    const r = await search('задержан', { scope: (eb) => eb('sources.confidentiality', '!=', 'restricted') });
    expect(ids(r)).toEqual(['src-kazan', 'src-ufa']);
    expect(r.total).toBe(2);
    const paged = await search('задержан', {
      limit: 1,
      scope: (eb) => eb('sources.confidentiality', '!=', 'restricted'),
    });
    expect(paged.total).toBe(2);
    expect(paged.results).toHaveLength(1);
  });

  it('pages through results with a stable order and a total independent of the page', async () => {
    for (let i = 0; i < 25; i++) {
      await insertSource(db, dialect, {
        id: `src-page-${String(i).padStart(2, '0')}`,
        title: `Обыск ${i}`,
        text: `Прошёл обыск номер ${i} у активистов.`,
        language: 'ru',
        publishedAt: '2020-01-01',
      });
    }
    const seen = new Set<string>();
    for (let offset = 0; offset < 25; offset += 10) {
      const page = await search('обыски', { limit: 10, offset });
      expect(page.total).toBe(25);
      for (const h of page.results) seen.add(h.sourceId);
    }
    expect(seen.size).toBe(25);
    const beyond = await search('обыски', { limit: 10, offset: 100 });
    expect(beyond).toEqual({ total: 25, results: [] });
    expect((await search('обыски', { limit: 1000 })).results).toHaveLength(25);
    await expect(search('обыски', { limit: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(search('обыски', { offset: -1 })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('replaces a source’s index row when it is indexed again, and forgets it when removed', async () => {
    await insertSource(db, dialect, {
      id: 'src-edit',
      title: 'Черновик',
      text: 'Первая версия про голубей.',
      language: 'ru',
      publishedAt: null,
    });
    expect(ids(await search('голуби'))).toEqual(['src-edit']);
    await db
      .updateTable('source_texts')
      .set({ text: 'Вторая версия про воробьёв.' })
      .where('source_id', '=', 'src-edit')
      .execute();
    await indexSource(db, dialect, {
      sourceId: 'src-edit',
      title: 'Черновик',
      text: 'Вторая версия про воробьёв.',
      language: 'ru',
    });
    expect((await search('голуби')).total).toBe(0);
    expect(ids(await search('воробей'))).toEqual(['src-edit']);
    if (dialect === 'postgres') {
      // Its rank vector (migration 0020) follows: the stems of the new text, under the row's doc.
      const rank = await sql<{ stems: string }>`SELECT r.vector::text AS stems FROM source_search_rank AS r
        JOIN source_search AS k ON k.doc = r.doc WHERE k.source_id = 'src-edit'`.execute(db);
      expect(rank.rows).toHaveLength(1);
      expect(rank.rows[0]!.stems).toContain("'вороб'");
      expect(rank.rows[0]!.stems).not.toContain('голуб');
    }
    await removeSourceFromIndex(db, dialect, 'src-edit');
    expect((await search('воробей')).total).toBe(0);
    if (dialect === 'postgres') {
      const orphans = await sql<{ n: string }>`SELECT count(*) AS n FROM source_search_rank AS r
        WHERE NOT EXISTS (SELECT 1 FROM source_search AS k WHERE k.doc = r.doc)`.execute(db);
      const rows = await sql<{ index: string; rank: string }>`SELECT
        (SELECT count(*) FROM source_search) AS index, (SELECT count(*) FROM source_search_rank) AS rank`.execute(db);
      expect(Number(orphans.rows[0]!.n)).toBe(0);
      expect(rows.rows[0]!.rank).toBe(rows.rows[0]!.index);
    }
    await removeSourceFromIndex(db, dialect, 'src-edit'); // removing twice is harmless
  });

  it('follows later changes to a source’s deletion, language, date and confidentiality without re-indexing', async () => {
    // Search filters on copies of these columns in the index rows (migration 0011); a trigger keeps them in step
    // with every UPDATE of sources, whichever code makes it.
    await insertSource(db, dialect, {
      id: 'src-sync',
      title: null,
      text: 'Заметка про фламинго.',
      language: 'ru',
      publishedAt: '2021-06-01',
    });
    const update = (set: Updateable<Database['sources']>) =>
      db.updateTable('sources').set(set).where('id', '=', 'src-sync').execute();
    const visible = {
      scope: (eb: Parameters<NonNullable<SearchOptions['scope']>>[0]) =>
        eb('sources.confidentiality', '!=', 'restricted'),
    };
    expect((await search('фламинго', { language: 'ru', from: '2021-06-01' })).total).toBe(1);
    await update({ language: 'en', published_at: '2020-01-01' });
    expect((await search('фламинго', { language: 'ru' })).total).toBe(0);
    expect((await search('фламинго', { from: '2021-01-01' })).total).toBe(0);
    expect(ids(await search('фламинго', { language: 'en', to: '2020-01-01' }))).toEqual(['src-sync']);
    await update({ confidentiality: 'restricted' });
    expect((await search('фламинго', visible)).total).toBe(0);
    await update({ confidentiality: 'internal', deleted_at: '2024-02-01T00:00:00.000Z' });
    expect(await search('фламинго', visible)).toEqual({ total: 0, results: [] });
    await update({ deleted_at: null });
    expect(ids(await search('фламинго', visible))).toEqual(['src-sync']);
  });

  it('counts the same total whether the hidden sources are taken off FTS5’s count or every match is read', async () => {
    // With `scopeHidesOnlyRestricted`, SQLite finds the hidden sources among the deleted and restricted ones and, when
    // none or a few are hidden, counts without reading each match's filter row; without it, it reads them all. Both
    // must give the same total for any query, any number hidden, prefixes included.
    const cranes = Array.from({ length: 40 }, (_, i) => `src-crane-${String(i).padStart(2, '0')}`);
    for (const [i, id] of cranes.entries())
      await insertSource(db, dialect, {
        id,
        title: i % 5 === 0 ? 'Серый журавль' : null,
        text: i % 2 === 0 ? 'Над полем летел серый журавль.' : 'Журавли и цапля у реки.',
        language: 'ru',
        publishedAt: '2022-05-01',
      });
    const scope: SearchOptions['scope'] = (eb) => eb('sources.confidentiality', '!=', 'restricted');
    const queries = ['журавль', 'журав*', '"серый журавль"', 'журавль OR цапля', 'журавль -цапля', 'цапл* серый'];
    const hide = async (restricted: string[], deleted: string[]) => {
      await db
        .updateTable('sources')
        .set({ confidentiality: 'internal', deleted_at: null })
        .where('id', 'in', cranes)
        .execute();
      if (restricted.length)
        await db.updateTable('sources').set({ confidentiality: 'restricted' }).where('id', 'in', restricted).execute();
      if (deleted.length)
        await db
          .updateTable('sources')
          .set({ deleted_at: '2024-01-01T00:00:00.000Z' })
          .where('id', 'in', deleted)
          .execute();
    };
    const expected = {
      журавль: 40,
      'журав*': 40,
      '"серый журавль"': 24,
      'журавль OR цапля': 40,
      'журавль -цапля': 20,
      'цапл* серый': 4,
    };
    for (const [restricted, deleted] of [
      [[], []],
      [cranes.slice(0, 3), [cranes[39]!]],
      [cranes.slice(0, 20), cranes.slice(30, 33)],
    ] as Array<[string[], string[]]>) {
      await hide(restricted, deleted);
      const gone = new Set([...restricted, ...deleted]);
      for (const q of queries) {
        const fast = await search(q, { scope, scopeHidesOnlyRestricted: true, limit: 100 });
        const slow = await search(q, { scope, limit: 100 });
        expect(fast.total, `${q}, ${gone.size} hidden`).toBe(slow.total);
        expect(ids(fast), q).toEqual(ids(slow));
        expect(
          fast.results.some((r) => gone.has(r.sourceId)),
          q,
        ).toBe(false);
        if (gone.size === 0) expect(fast.total, q).toBe(expected[q as keyof typeof expected]);
      }
    }
    await hide([], cranes);
  });

  it('rolls the index row back with the transaction that wrote it', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await indexSource(trx, dialect, { sourceId: 'src-ufa', title: 'x', text: 'пингвины', language: 'ru' });
        throw new Error('ingestion failed');
      }),
    ).rejects.toThrow('ingestion failed');
    expect((await search('пингвин')).total).toBe(0);
    expect(ids(await search('Зимина'))).toEqual(['src-ufa']);
  });

  it.runIf(dialect === 'sqlite')(
    'searches and counts facets in the reader threads, leaving the server’s thread free',
    async () => {
      const order: string[] = [];
      // A slow count of an earlier search (a common word at a million reports) still reading in the count lane.
      const earlier = readOffThread(db, slowRead.compile(db), 'count').then(() => order.push('earlier count'));
      const searched = search('задержан').then((r) => {
        order.push('search');
        return r;
      });
      const counted = searchFacets(db, dialect, 'задержан').then((f) => {
        order.push('facets');
        return f;
      });
      // On the workspace's own connection these would have ended before the main thread could do anything else.
      setImmediate(() => order.push('main thread'));
      expect((await searched).total).toBe(3);
      expect((await counted).language).toEqual([{ value: 'ru', count: 3 }]);
      await earlier;
      expect(order.slice(0, 2)).toEqual(['main thread', 'earlier count']);
      expect(order.sort()).toEqual(['earlier count', 'facets', 'main thread', 'search']);
    },
  );

  it('searches a transaction on its own connection, where its uncommitted index rows are', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await indexSource(trx, dialect, { sourceId: 'src-ufa', title: 'x', text: 'пингвины', language: 'ru' });
        const inside = await searchSources(trx, dialect, 'пингвин');
        expect([inside.total, ids(inside)]).toEqual([1, ['src-ufa']]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await search('пингвин')).total).toBe(0);
  });

  it('rebuilds the index for sources written without it', async () => {
    await insertSource(
      db,
      dialect,
      { id: 'src-old', title: 'Старый отчёт', text: 'Архивная запись о пикетах.', language: 'ru', publishedAt: null },
      false,
    );
    expect((await search('пикет')).total).toBe(0);
    const indexed = await rebuildSearchIndex(db, dialect, { batchSize: 7 });
    expect(indexed).toBeGreaterThanOrEqual(FIXTURES.length + 25);
    expect(ids(await search('пикет'))).toEqual(['src-old']);
    expect(ids(await search('задержан'))).toEqual(['src-kazan', 'src-secret', 'src-ufa']);
  });

  it('answers hostile query strings with results or a VALIDATION error, never an SQL error', async () => {
    const hostile = [
      '"',
      '"unbalanced quote',
      '"*^:()NEAR',
      'NEAR(a b)',
      'title:задержан',
      '{title body}: x',
      '^start',
      'a AND',
      'OR OR OR',
      'NOT',
      '-',
      '--',
      '***',
      '((((((',
      '))))) суд',
      "'; DROP TABLE sources; --",
      "' OR 1=1 --",
      "суд') OR ('1'='1",
      'Robert"); DROP TABLE source_search;--',
      '\\',
      "'",
      ':*',
      'суд:*',
      '!суд & арест | <->',
      '\u0000',
      '\u0301\u0301',
      '🙂',
      '𝕏 Ａ Ｂ',
      'a'.repeat(10_000),
      'суд '.repeat(2_500),
      '('.repeat(50) + 'суд' + ')'.repeat(50),
      Array.from({ length: 40 }, (_, i) => `w${i}`).join(' OR '),
    ];
    for (const q of hostile) {
      try {
        const r = await search(q);
        expect(r.total).toBeGreaterThanOrEqual(0);
      } catch (error) {
        expect({ q, code: (error as { code?: string }).code }).toEqual({ q, code: 'VALIDATION' });
      }
    }
    // The source table is still there.
    expect((await search('Зимина')).total).toBe(1);
  });
});

describe.each(dialects)('migration 0011 over an older workspace on %s', (dialect) => {
  const workspace = unmigratedWorkspaceSuite(dialect);

  it('copies the filter columns of sources indexed before it, then keeps them in step', async () => {
    const db = workspace().db;
    await migrateTo(db as Kysely<unknown>, '0010-stats-indices');
    const old: Fixture[] = [
      { id: 'old-ru', title: null, text: 'Отчёт о пикетах.', language: 'ru', publishedAt: '2021-01-01' },
      { id: 'old-en', title: null, text: 'Пикеты в Лондоне.', language: 'en', publishedAt: '2022-01-01' },
      { id: 'old-gone', title: null, text: 'Удалённый пикет.', language: 'ru', publishedAt: null, deleted: true },
      {
        id: 'old-secret',
        title: null,
        text: 'Тайный пикет.',
        language: 'ru',
        publishedAt: null,
        confidentiality: 'restricted',
      },
    ];
    for (const f of old) {
      await insertSource(db, dialect, f, false);
      // The index rows as 0002 wrote them: no filter columns yet.
      const title = fieldTerms(f.title);
      const body = fieldTerms(f.text);
      if (dialect === 'postgres') {
        await sql`INSERT INTO source_search (source_id, vector) VALUES (${f.id}, ${tsvectorsOf(title, body).vector}::tsvector)`.execute(
          db,
        );
      } else {
        const key = await sql<{
          doc: number;
        }>`INSERT INTO source_search_keys (source_id) VALUES (${f.id}) RETURNING doc`.execute(db);
        await sql`INSERT INTO source_search (rowid, title, body, title_words, body_words) VALUES (${key.rows[0]!.doc}, '', ${body.stems.join(' ')}, '', ${body.words.join(' ')})`.execute(
          db,
        );
      }
    }
    await migrateToLatest(db as Kysely<unknown>);
    const search = (options?: SearchOptions) => searchSources(db, dialect, 'пикет', options);
    const notRestricted: SearchOptions = { scope: (eb) => eb('sources.confidentiality', '!=', 'restricted') };
    expect(ids(await search())).toEqual(['old-en', 'old-ru', 'old-secret']);
    expect(ids(await search({ language: 'ru', ...notRestricted }))).toEqual(['old-ru']);
    expect(ids(await search({ from: '2021-06-01' }))).toEqual(['old-en']);
    await db.updateTable('sources').set({ deleted_at: null }).where('id', '=', 'old-gone').execute();
    expect((await search(notRestricted)).total).toBe(3);
  });
});
