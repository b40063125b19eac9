import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detentionReport, republished, VEDENEEV } from '../../../../test/helpers/republished.js';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { ingestText } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createHarness, type Harness } from '../../../../test/security/harness.js';
import { getSource, linkSimilarText } from '../../../sources/index.js';

const dialects = await testDialects();

describe.each(dialects)('/api/v1/search on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;

  const search = async (q: string) =>
    h.app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent(q)}`,
      headers: { cookie: viewer.cookie },
    });

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    await ingestText(h.t.workspace, 'first.txt', 'В Уфе задержали активиста Петра Зябликова у здания суда.');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers a query asked again as the first time, and finds a source ingested after it', async () => {
    const first = await search('задержан');
    expect(first.statusCode).toBe(200);
    expect(first.json().total).toBe(1);
    expect((await search('задержан')).body).toBe(first.body);
    // Ingesting is a change to the record: what was kept for the query is not answered any more.
    await ingestText(h.t.workspace, 'second.txt', 'В Казани задержан второй активист, Иван Снегирёв.');
    const after = await search('задержан');
    expect(after.json().total).toBe(2);
    expect(
      after
        .json()
        .results.map((r: { snippet: string }) => r.snippet)
        .join(' '),
    ).toContain('Казани');
  });

  it('counts the matches by language and year when asked, and not otherwise', async () => {
    await ingestText(h.t.workspace, 'third.txt', 'Police detained a third activist in Perm.', {
      publishedAt: '2023-04-01',
    });
    const plain = (await search('задержан OR detained')).json();
    expect(plain.facets).toBeUndefined();
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent('задержан OR detained')}&facets=true&lang=en`,
      headers: { cookie: viewer.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(1);
    expect(res.json().facets.language).toEqual([
      { value: 'ru', count: 2 },
      { value: 'en', count: 1 },
    ]);
    expect(res.json().facets.year).toEqual([{ value: '2023', count: 1 }]);
  });

  it('says which hits are copies of a report the reader may see, by the same text or by wording', async () => {
    const report = detentionReport({ ...VEDENEEV, person: 'активиста Тимура Найденова', surname: 'Найденова' });
    const first = await ingestText(h.t.workspace, 'naydenov.txt', report, { title: 'Задержание Найденова' });
    const reworded = await ingestText(h.t.workspace, 'naydenov-2.txt', republished(report));
    const same = await ingestText(h.t.workspace, 'naydenov-3.txt', `${report}\n`);
    // A public copy of a restricted report: its hit names no root to a viewer.
    const hiddenReport = detentionReport({
      ...VEDENEEV,
      person: 'активиста Тимура Найденышева',
      surname: 'Найденышева',
    });
    const { insertSource } = await import('../../../../test/security/harness.js');
    const hidden = await insertSource(h.t, { text: hiddenReport, confidentiality: 'restricted' });
    const visibleCopy = await ingestText(h.t.workspace, 'naydenyshev.txt', republished(hiddenReport));
    for (const id of [first, reworded, hidden, visibleCopy]) await linkSimilarText(h.t.workspace.db, id, null);
    expect((await getSource(h.t.workspace.db, visibleCopy)).nearDuplicateOf).toBe(hidden);

    const copyOf = async (q: string) => {
      const res = await search(q);
      expect(res.statusCode).toBe(200);
      return new Map(
        (res.json().results as Array<{ sourceId: string; copyOf: unknown }>).map((r) => [r.sourceId, r.copyOf]),
      );
    };
    const found = await copyOf('Найденова');
    expect(found.get(first)).toBeNull();
    expect(found.get(reworded)).toEqual({
      sourceId: first,
      title: 'Задержание Найденова',
      fileName: 'naydenov.txt',
      byWording: true,
    });
    expect(found.get(same)).toEqual({
      sourceId: first,
      title: 'Задержание Найденова',
      fileName: 'naydenov.txt',
      byWording: false,
    });
    expect((await copyOf('Найденышева')).get(visibleCopy)).toBeNull();
  });

  it('refuses an empty or malformed query with a 400', async () => {
    expect((await search('')).statusCode).toBe(400);
    const bad = await h.app.inject({
      method: 'GET',
      url: '/api/v1/search?q=x&limit=1000',
      headers: { cookie: viewer.cookie },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('holds to the limits its OpenAPI document states: the query’s length and the languages', async () => {
    const get = (url: string) => h.app.inject({ method: 'GET', url, headers: { cookie: viewer.cookie } });
    const spec = (await get('/api/v1/openapi.json')).json();
    const params = spec.paths['/api/v1/search'].get.parameters as Array<{ name: string; schema: unknown }>;
    const q = params.find((p) => p.name === 'q')!.schema as { maxLength: number };
    // Up to the length the document states a query is searched (words apart: a query holds at most 32 words).
    const ofLength = (n: number) => `суд${' '.repeat(n - 8)}арест`;
    const longest = await search(ofLength(q.maxLength));
    expect(longest.json()).toMatchObject({ total: 0 });
    const long = await search(ofLength(q.maxLength + 1));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toMatch(/1000/);
    expect((await get('/api/v1/search?q=x&lang=en')).statusCode).toBe(200);
    const german = await get('/api/v1/search?q=x&lang=de');
    expect(german.statusCode).toBe(400);
    expect(german.json().error).toEqual({
      code: 'VALIDATION',
      message: 'querystring/lang must be one of ru, en, other',
    });
  });
});
