import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { stageUfaReport } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createGroup, createHarness, type Harness } from '../../../../test/security/harness.js';
import { changeRecord, createCase, createEvent } from '../../../record/index.js';

const dialects = await testDialects();

describe.each(dialects)('/api/v1/stats on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let admin: Agent;
  const get = (url: string, agent: Agent) => h.app.inject({ method: 'GET', url, headers: { cookie: agent.cookie } });

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    admin = await h.signIn('admin');
    await stageUfaReport(h.t.workspace, { accept: true });
  });
  afterAll(async () => h?.close());

  it('counts accepted events and distinct persons by month, case and article, within a period', async () => {
    const res = await get('/api/v1/stats', viewer);
    expect(res.statusCode).toBe(200);
    const stats = res.json();
    expect(stats.totals.detention).toEqual({ events: 1, persons: 1 });
    expect(stats.totals.sentence).toEqual({ events: 1, persons: 1 });
    expect(stats.byMonth).toContainEqual({ key: '2024-03', type: 'detention', events: 1, persons: 1 });
    expect(stats.byCase).toContainEqual(
      expect.objectContaining({ caseName: 'дело «Башкирского кружка»', type: 'sentence', events: 1 }),
    );
    expect(stats.sentences).toEqual({ persons: 1, totalYears: 6 });
    expect((await get('/api/v1/stats?from=2025', viewer)).json().totals.detention).toEqual({ events: 0, persons: 0 });
    expect((await get('/api/v1/stats?from=March', viewer)).statusCode).toBe(400);
  });

  it('refuses a period that ends before it starts, and counts one month given as both ends', async () => {
    for (const query of ['from=2026&to=2024', 'from=2024-04&to=2024-03-31', 'from=2024-03-02&to=2024-03-01']) {
      const res = await get(`/api/v1/stats?${query}`, viewer);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBe('VALIDATION');
    }
    // The detention is on 2024-03-12: inside March and inside 2024 up to March, before the 15th.
    for (const [query, detentions] of [
      ['from=2024-03&to=2024-03', 1],
      ['from=2024&to=2024-03', 1],
      ['from=2024-03-15&to=2024-03', 0],
    ] as const) {
      const res = await get(`/api/v1/stats?${query}`, viewer);
      expect(res.statusCode, query).toBe(200);
      expect(res.json().totals.detention.events, query).toBe(detentions);
    }
    expect((await get('/api/v1/stats?from=2025-13', viewer)).statusCode).toBe(400);
  });

  it('sends the same figures gzipped to a client that takes gzip', async () => {
    const plain = await get('/api/v1/stats', viewer);
    const inject = (encoding: string) =>
      h.app.inject({
        method: 'GET',
        url: '/api/v1/stats',
        headers: { cookie: viewer.cookie, 'accept-encoding': encoding },
      });
    const zipped = await inject('gzip, deflate, br');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
    const refused = await inject('gzip;q=0, identity');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.json()).toEqual(plain.json());
  });

  it('counts for each user only what the policy lets them see, with the hidden records left out', async () => {
    const { db } = h.t.workspace;
    const member = await h.signIn('editor');
    const group = await createGroup(h.t, 'lawyers', [member.userId]);
    // Through changeRecord, as the record is changed (versioned and audited): the route's cached figures follow it.
    const change = (
      table: 'persons' | 'events' | 'cases',
      ids: string[],
      write: (trx: typeof db, id: string) => Promise<unknown>,
    ) =>
      db.transaction().execute(async (trx) => {
        for (const id of ids)
          await changeRecord(trx, table, id, null, 'record.restrict', () => write(trx, id).then(() => {}));
      });
    const restrict = (table: 'persons' | 'events' | 'cases', ids: string[]) =>
      change(table, ids, async (trx, id) => {
        await trx.updateTable(table).set({ confidentiality: 'restricted' }).where('id', '=', id).execute();
        await trx.insertInto('record_groups').values({ record_table: table, record_id: id, group_id: group }).execute();
      });
    const reset = async () => {
      for (const table of ['persons', 'events', 'cases'] as const) {
        const ids = (await db.selectFrom(table).select('id').execute()).map((r) => r.id);
        await change(table, ids, async (trx, id) => {
          await trx.updateTable(table).set({ confidentiality: 'internal' }).where('id', '=', id).execute();
          await trx.deleteFrom('record_groups').where('record_id', '=', id).execute();
        });
      }
    };
    const totals = async (agent: Agent) => {
      const res = await get('/api/v1/stats', agent);
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const persons = (await db.selectFrom('persons').select('id').execute()).map((p) => p.id);
    await restrict('persons', persons);
    const hidden = await totals(viewer);
    expect(hidden.totals.detention).toEqual({ events: 1, persons: 0 });
    expect(hidden.sentences).toEqual({ persons: 0, totalYears: 0 });
    expect(JSON.stringify(hidden)).not.toContain('"persons":1');
    expect((await totals(member)).totals.detention).toEqual({ events: 1, persons: 1 });
    expect((await totals(admin)).totals.detention).toEqual({ events: 1, persons: 1 });
    await reset();

    const detentions = await db.selectFrom('events').select('id').where('type', '=', 'detention').execute();
    await restrict(
      'events',
      detentions.map((e) => e.id),
    );
    expect((await totals(viewer)).totals.detention).toEqual({ events: 0, persons: 0 });
    expect((await totals(viewer)).byMonth).not.toContainEqual(expect.objectContaining({ type: 'detention' }));
    expect((await totals(member)).totals.detention).toEqual({ events: 1, persons: 1 });
    await reset();

    // An event of a hidden case is hidden with it: no case name, no article, no sentence.
    const cases = (await db.selectFrom('cases').select('id').execute()).map((c) => c.id);
    await restrict('cases', cases);
    const noCase = await totals(viewer);
    expect(noCase.byCase).toEqual([]);
    expect(noCase.byArticle).toEqual([]);
    expect(noCase.totals.sentence).toEqual({ events: 0, persons: 0 });
    expect((await totals(member)).byCase).toContainEqual(
      expect.objectContaining({ caseName: 'дело «Башкирского кружка»', type: 'sentence', events: 1 }),
    );
    await reset();
    expect(await totals(viewer)).toEqual(await totals(admin));
  });

  it('sends the hundred cases with the most events and the rest summed per type, and every case when asked', async () => {
    await h.t.workspace.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 101; i++) {
        const c = await createCase(trx, { name: `дело № ${i}` }, null);
        await createEvent(trx, { type: 'arrest', date: '2023-05-01', caseId: c.id }, null);
      }
    });
    const keys = (stats: { byCase: Array<{ key: string }> }) => new Set(stats.byCase.map((b) => b.key));
    const events = (rows: Array<{ events: number }>) => rows.reduce((sum, r) => sum + r.events, 0);
    const top = (await get('/api/v1/stats', viewer)).json();
    const all = (await get('/api/v1/stats?cases=all', viewer)).json();
    expect(keys(all).size).toBe(102);
    expect(all.caseCount).toBe(102);
    expect(all.byCaseOther).toEqual([]);
    expect(keys(top).size).toBe(100);
    expect(top.caseCount).toBe(102);
    expect(events(top.byCase) + events(top.byCaseOther)).toBe(events(all.byCase));
    // The Ufa case, with the most events (or, on a tie, the oldest id), is among those kept.
    expect(top.byCase).toContainEqual(expect.objectContaining({ caseName: 'дело «Башкирского кружка»' }));
    expect((await get('/api/v1/stats?cases=every', viewer)).statusCode).toBe(400);
  });

  it('counts a court-ordered custody (a court «арест» as a measure of restraint) beside arrests', async () => {
    await h.t.workspace.db
      .transaction()
      .execute((trx) => createEvent(trx, { type: 'custody', date: '2022-07-14' }, null));
    const stats = (await get('/api/v1/stats?from=2022-07&to=2022-07', viewer)).json();
    expect(stats.totals.custody).toEqual({ events: 1, persons: 0 });
    expect(stats.byMonth).toContainEqual({ key: '2022-07', type: 'custody', events: 1, persons: 0 });
  });
});
