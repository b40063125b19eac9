import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CasesAndEvents, seedCasesAndEvents } from '../../../../test/fixtures/cases-events.js';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { type Agent, createHarness, type Harness } from '../../../../test/security/harness.js';

const dialects = await testDialects();

describe.each(dialects)('events table filters and map points on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let s: CasesAndEvents;
  const get = (url: string) => h.app.inject({ method: 'GET', url, headers: { cookie: viewer.cookie } });
  const dates = async (url: string) => ((await get(url)).json().items as Array<{ date: string }>).map((e) => e.date);

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    s = await seedCasesAndEvents(h.t.workspace);
  });
  afterAll(async () => h?.close());

  it('names each event’s place, case and people, and counts types and regions', async () => {
    const list = (await get('/api/v1/events')).json();
    expect(list.total).toBe(6);
    const detention = list.items.find((e: { date: string }) => e.date === '2024-04-30');
    expect(detention.place).toEqual({
      id: s.kazan,
      name: 'Казань',
      region: 'Республика Татарстан',
      lat: 55.79,
      lon: 49.12,
    });
    expect(detention.case).toEqual({ id: s.sidorova, name: 'дело Марии Сидоровой' });
    expect(detention.persons).toEqual([{ id: s.maria, name: 'Мария Сидорова', role: 'subject' }]);
    expect(list.facets.type).toEqual(
      [
        { value: 'hearing', count: 2 },
        { value: 'detention', count: 2 },
        { value: 'search', count: 1 },
        { value: 'sentence', count: 1 },
      ].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    );
    expect(list.facets.case).toEqual([
      { value: s.sidorova, label: 'дело Марии Сидоровой', count: 3 },
      { value: s.kruzhok, label: 'дело «Башкирского кружка»', count: 2 },
    ]);
    expect(list.facets.region).toEqual([
      { value: 'Республика Татарстан', count: 3 },
      { value: 'Республика Башкортостан', count: 1 },
      { value: 'Санкт-Петербург', count: 1 },
    ]);
  });

  it('filters by dates (a partial end date covering its month), region, type, place and case', async () => {
    expect(await dates('/api/v1/events?from=2024-04-01&to=2024-06-30')).toEqual(['2024-06-11', '2024-04-30']);
    expect(await dates('/api/v1/events?from=2024-03&to=2024-03')).toEqual(['2024-03-12', '2024-03']);
    expect(await dates('/api/v1/events?to=2023')).toEqual(['2023-11-20']);
    expect(await dates(`/api/v1/events?region=${encodeURIComponent('Республика Татарстан')}&type=hearing`)).toEqual([
      '2099-01-15',
      '2024-06-11',
    ]);
    expect(await dates(`/api/v1/events?placeId=${s.ufa}`)).toEqual(['2024-03-12']);
    expect(await dates(`/api/v1/events?caseId=${s.kruzhok}`)).toEqual(['2024-03-12', '2024-03']);
    const typed = (await get('/api/v1/events?type=hearing')).json();
    // The type facet ignores the type filter; the region facet follows it.
    expect(typed.facets.type).toHaveLength(4);
    expect(typed.facets.region).toEqual([{ value: 'Республика Татарстан', count: 2 }]);
    expect((await get('/api/v1/events?from=12.03.2024')).statusCode).toBe(400);
    expect((await get('/api/v1/events?type=picnic')).statusCode).toBe(400);
  });

  it('counts the filtered events by located place for the map', async () => {
    const all = (await get('/api/v1/events/places')).json();
    expect(all).toEqual({
      total: 6,
      located: 4,
      places: [
        { id: s.kazan, name: 'Казань', region: 'Республика Татарстан', lat: 55.79, lon: 49.12, count: 3 },
        { id: s.ufa, name: 'Уфа', region: 'Республика Башкортостан', lat: 54.74, lon: 55.97, count: 1 },
      ],
    });
    const detentions = (await get('/api/v1/events/places?type=detention&from=2024-04-01')).json();
    expect(detentions).toMatchObject({ total: 1, located: 1, places: [{ id: s.kazan, count: 1 }] });
    expect((await get('/api/v1/events/places?to=bad')).statusCode).toBe(400);
  });

  it('documents the new routes and filters in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/events/places', '/api/v1/cases/{id}/detail', '/api/v1/cases']),
    );
    const params = (path: string) => (doc.paths[path].get.parameters as Array<{ name: string }>).map((p) => p.name);
    expect(params('/api/v1/events')).toEqual(expect.arrayContaining(['from', 'to', 'region', 'placeId', 'caseId']));
    expect(params('/api/v1/events/places')).toEqual(expect.arrayContaining(['from', 'to', 'region', 'type']));
    expect(params('/api/v1/cases')).toEqual(expect.arrayContaining(['q', 'article', 'court', 'region', 'sort']));
  });

  it('leaves hidden events off the table and the map', async () => {
    const { db } = h.t.workspace;
    await db.updateTable('events').set({ confidentiality: 'restricted' }).where('place_id', '=', s.kazan).execute();
    expect((await get('/api/v1/events/places')).json()).toMatchObject({
      total: 3,
      located: 1,
      places: [{ id: s.ufa }],
    });
    expect((await get('/api/v1/events')).json().facets.region).not.toContainEqual(
      expect.objectContaining({ value: 'Республика Татарстан' }),
    );
    await db.updateTable('cases').set({ confidentiality: 'restricted' }).where('id', '=', s.kruzhok).execute();
    const facets = (await get('/api/v1/events')).json().facets;
    expect(facets.case).toEqual([]);
    expect((await get('/api/v1/events')).json().items.every((e: { case: unknown }) => e.case === null)).toBe(true);
  });
});
