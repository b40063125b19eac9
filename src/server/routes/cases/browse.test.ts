import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CasesAndEvents, seedCasesAndEvents } from '../../../../test/fixtures/cases-events.js';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { type Agent, createHarness, type Harness } from '../../../../test/security/harness.js';

const dialects = await testDialects();

describe.each(dialects)('case list facets and the case page on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let admin: Agent;
  let s: CasesAndEvents;
  const get = (url: string, agent: Agent) => h.app.inject({ method: 'GET', url, headers: { cookie: agent.cookie } });
  const names = async (url: string) =>
    ((await get(url, viewer)).json().items as Array<{ name: string }>).map((c) => c.name);

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    admin = await h.signIn('admin');
    s = await seedCasesAndEvents(h.t.workspace);
  });
  afterAll(async () => h?.close());

  it('counts facets over the other filters, filters by each, and sorts and pages', async () => {
    const all = (await get('/api/v1/cases', viewer)).json();
    expect(all.total).toBe(2);
    expect(all.facets.article).toEqual([
      { value: 'УК РФ 207.3', count: 1 },
      { value: 'УК РФ 282.2', count: 1 },
    ]);
    expect(all.facets.region.map((f: { value: string }) => f.value).sort()).toEqual([
      'Республика Башкортостан',
      'Республика Татарстан',
    ]);
    const sidorova = all.items.find((c: { id: string }) => c.id === s.sidorova);
    expect(sidorova).toMatchObject({ defendantCount: 1, nextHearing: '2099-01-15', regions: ['Республика Татарстан'] });

    expect(await names(`/api/v1/cases?article=${encodeURIComponent('УК РФ 207.3')}`)).toEqual(['дело Марии Сидоровой']);
    expect(await names(`/api/v1/cases?region=${encodeURIComponent('Республика Башкортостан')}`)).toEqual([
      'дело «Башкирского кружка»',
    ]);
    expect(await names(`/api/v1/cases?court=${encodeURIComponent('Советский районный суд Казани')}`)).toHaveLength(1);
    expect(await names(`/api/v1/cases?status=${encodeURIComponent('приговор')}`)).toEqual([
      'дело «Башкирского кружка»',
    ]);
    expect(await names(`/api/v1/cases?q=${encodeURIComponent('КРУЖК')}`)).toEqual(['дело «Башкирского кружка»']);
    expect(await names(`/api/v1/cases?q=${encodeURIComponent('207.3')}`)).toEqual(['дело Марии Сидоровой']);
    // With a region chosen, the region facet still offers the other region; the article facet narrows.
    const narrowed = (await get(`/api/v1/cases?region=${encodeURIComponent('Республика Татарстан')}`, viewer)).json();
    expect(narrowed.facets.region).toHaveLength(2);
    expect(narrowed.facets.article).toEqual([{ value: 'УК РФ 207.3', count: 1 }]);

    expect(await names('/api/v1/cases?sort=-openedOn')).toEqual(['дело Марии Сидоровой', 'дело «Башкирского кружка»']);
    expect(await names('/api/v1/cases?sort=openedOn')).toEqual(['дело «Башкирского кружка»', 'дело Марии Сидоровой']);
    expect(await names('/api/v1/cases?sort=openedOn&limit=1&offset=1')).toEqual(['дело Марии Сидоровой']);
    expect((await get('/api/v1/cases?sort=openedOn&limit=1&offset=1', viewer)).json().total).toBe(2);
    expect((await get('/api/v1/cases?sort=size', viewer)).statusCode).toBe(400);
    expect((await get('/api/v1/cases?limit=0', viewer)).statusCode).toBe(400);
  });

  it('shows a case with its defendants, its events oldest first with evidence, and the next hearing', async () => {
    const res = await get(`/api/v1/cases/${s.sidorova}/detail`, viewer);
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.case).toMatchObject({ id: s.sidorova, court: 'Советский районный суд Казани' });
    expect(detail.parties).toEqual([
      { personId: s.maria, displayName: 'Мария Сидорова', status: 'detained', roles: ['defendant'] },
    ]);
    expect(
      detail.timeline.map((e: { event: { type: string; date: string } }) => `${e.event.type} ${e.event.date}`),
    ).toEqual(['detention 2024-04-30', 'hearing 2024-06-11', 'hearing 2099-01-15']);
    expect(detail.timeline[0].event.place).toEqual({ id: s.kazan, name: 'Казань' });
    expect(detail.nextHearing.event.date).toBe('2099-01-15');

    const kruzhok = (await get(`/api/v1/cases/${s.kruzhok}/detail`, viewer)).json();
    // A month-precision date sorts before the days of that month, as on the person page.
    expect(kruzhok.timeline.map((e: { event: { type: string } }) => e.event.type)).toEqual(['sentence', 'detention']);
    expect(kruzhok.timeline[0].evidence).toEqual([
      expect.objectContaining({ sourceId: s.sourceId, quote: expect.stringContaining('6 годам колонии') }),
    ]);
    expect(kruzhok.nextHearing).toBeNull();
    expect((await get('/api/v1/cases/01NOSUCHCASE/detail', viewer)).statusCode).toBe(404);
  });

  it('leaves out restricted defendants, events and cases for those outside their groups', async () => {
    const { db } = h.t.workspace;
    await db.updateTable('persons').set({ confidentiality: 'restricted' }).where('id', '=', s.maria).execute();
    const hidden = (await get(`/api/v1/cases/${s.sidorova}/detail`, viewer)).json();
    expect(hidden.parties).toEqual([]);
    expect(hidden.timeline.flatMap((e: { event: { participants: unknown[] } }) => e.event.participants)).toEqual([]);
    expect(
      (await get('/api/v1/cases', viewer)).json().items.find((c: { id: string }) => c.id === s.sidorova).defendantCount,
    ).toBe(0);

    await db
      .updateTable('events')
      .set({ confidentiality: 'restricted' })
      .where('case_id', '=', s.sidorova)
      .where('type', '=', 'hearing')
      .execute();
    const fewer = (await get(`/api/v1/cases/${s.sidorova}/detail`, viewer)).json();
    expect(fewer.timeline).toHaveLength(1);
    expect(fewer.nextHearing).toBeNull();
    expect(
      (await get('/api/v1/cases', viewer)).json().items.find((c: { id: string }) => c.id === s.sidorova).nextHearing,
    ).toBeNull();

    await db.updateTable('cases').set({ confidentiality: 'restricted' }).where('id', '=', s.sidorova).execute();
    expect((await get(`/api/v1/cases/${s.sidorova}/detail`, viewer)).statusCode).toBe(404);
    const list = (await get('/api/v1/cases', viewer)).json();
    expect(list.total).toBe(1);
    expect(list.facets.article).toEqual([{ value: 'УК РФ 282.2', count: 1 }]);
    expect((await get(`/api/v1/cases/${s.sidorova}/detail`, admin)).json().parties).toHaveLength(1);
  });
});
