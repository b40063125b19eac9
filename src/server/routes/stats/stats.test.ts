import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { ingestText, UFA_TEXT, ufaExtraction } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createHarness, type Harness } from '../../../../test/security/harness.js';
import { acceptAllProposals, stageExtraction } from '../../../record/index.js';

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
    const sourceId = await ingestText(h.t.workspace, 'ufa.txt', UFA_TEXT);
    await h.t.workspace.db.transaction().execute(async (trx) => {
      await stageExtraction(trx, { sourceId, extraction: ufaExtraction(), extractorVersion: '1', userId: null });
      await acceptAllProposals(trx, null);
    });
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

  it('gives no counts to a user who cannot see every counted record, and all of them to an admin', async () => {
    const { db } = h.t.workspace;
    await db.updateTable('persons').set({ confidentiality: 'restricted' }).execute();
    expect((await get('/api/v1/stats', viewer)).statusCode).toBe(404);
    expect((await get('/api/v1/stats', admin)).json().totals.detention).toEqual({ events: 1, persons: 1 });
    await db.updateTable('persons').set({ confidentiality: 'internal' }).execute();
    await db.updateTable('events').set({ confidentiality: 'restricted' }).where('type', '=', 'detention').execute();
    expect((await get('/api/v1/stats', viewer)).statusCode).toBe(404);
  });
});
