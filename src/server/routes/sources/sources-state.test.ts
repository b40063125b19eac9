import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { ingestText, UFA_TEXT, ufaExtraction } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createGroup, createHarness, type Harness } from '../../../../test/security/harness.js';
import { EXTRACTOR_VERSION } from '../../../extract/index.js';
import { acceptAllProposals, queueExtraction, stageExtraction } from '../../../record/index.js';

const dialects = await testDialects();

describe.each(dialects)('where each source stands, in /api/v1/sources on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let admin: Agent;
  const ids: Record<'waiting' | 'decided' | 'unread' | 'queued' | 'failed' | 'hidden', string> = {
    waiting: '',
    decided: '',
    unread: '',
    queued: '',
    failed: '',
    hidden: '',
  };
  const list = async (agent: Agent, query = '') => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/sources${query}`,
      headers: { cookie: agent.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; items: Array<{ id: string; state: string; waiting: number }> };
  };
  const stateOf = async (agent: Agent) =>
    Object.fromEntries(
      (await list(agent, '?limit=50')).items
        .map((item) => [Object.entries(ids).find(([, id]) => id === item.id)?.[0], `${item.state} ${item.waiting}`])
        .filter(([name]) => name),
    );

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    admin = await h.signIn('admin');
    const { db } = h.t.workspace;
    // The same report in different bytes, once per case below, each with its own proposals.
    const stage = async (name: string, variant: number) => {
      const text = `${UFA_TEXT}${' '.repeat(variant)}`;
      const id = await ingestText(h.t.workspace, name, text);
      await db
        .transaction()
        .execute((trx) =>
          stageExtraction(trx, { sourceId: id, extraction: ufaExtraction(text), extractorVersion: '1', userId: null }),
        );
      return id;
    };
    ids.decided = await stage('decided.txt', 1);
    await db.transaction().execute((trx) => acceptAllProposals(trx, null));
    ids.waiting = await stage('waiting.txt', 2);
    ids.hidden = await stage('hidden.txt', 3);
    ids.unread = await ingestText(h.t.workspace, 'unread.txt', 'Nothing here names anyone.');
    ids.queued = await ingestText(h.t.workspace, 'queued.txt', 'Queued for the extractor.');
    await queueExtraction(db, ids.queued, EXTRACTOR_VERSION);
    ids.failed = await ingestText(h.t.workspace, 'failed.txt', 'The extractor failed on this one.');
    const job = await queueExtraction(db, ids.failed, EXTRACTOR_VERSION);
    await db
      .updateTable('jobs')
      .set({ status: 'failed', error: 'extractor crashed' })
      .where('id', '=', job.id)
      .execute();
    // Every proposal of one source restricted to a group the viewer is not in: for the viewer nothing waits there.
    const group = await createGroup(h.t, 'lawyers', []);
    for (const table of ['events', 'persons', 'organizations', 'cases'] as const) {
      const staged = await db
        .selectFrom('staged_records')
        .select('record_id')
        .where('source_id', '=', ids.hidden)
        .where('record_table', '=', table)
        .execute();
      for (const { record_id } of staged) {
        await db.updateTable(table).set({ confidentiality: 'restricted' }).where('id', '=', record_id).execute();
        await db.insertInto('record_groups').values({ record_table: table, record_id, group_id: group }).execute();
      }
    }
  });
  afterAll(async () => h?.close());

  it('says of each listed source whether its proposals wait, are decided, or it is still being read', async () => {
    const seen = await stateOf(admin);
    expect(seen.waiting).toMatch(/^to-review [1-9]\d*$/);
    expect(seen).toMatchObject({
      decided: 'reviewed 0',
      unread: 'nothing-proposed 0',
      queued: 'extracting 0',
      failed: 'extraction-failed 0',
      hidden: seen.waiting,
    });
    // Proposals the viewer may not see neither wait for them nor count.
    expect(await stateOf(viewer)).toMatchObject({ waiting: seen.waiting, hidden: 'nothing-proposed 0' });
  });

  it('lists only the sources in a state, with the total for paging, as each reader sees them', async () => {
    const names = async (agent: Agent, state: string) => {
      const page = await list(agent, `?state=${state}`);
      expect(page.total).toBe(page.items.length);
      expect(page.items.every((item) => item.state === state)).toBe(true);
      return page.items.map((item) => Object.entries(ids).find(([, id]) => id === item.id)?.[0]).sort();
    };
    expect(await names(admin, 'to-review')).toEqual(['hidden', 'waiting']);
    expect(await names(viewer, 'to-review')).toEqual(['waiting']);
    expect(await names(admin, 'reviewed')).toEqual(['decided']);
    expect(await names(admin, 'extracting')).toEqual(['queued']);
    expect(await names(admin, 'extraction-failed')).toEqual(['failed']);
    expect(await names(viewer, 'nothing-proposed')).toEqual(['hidden', 'unread']);
    const bad = await h.app.inject({
      method: 'GET',
      url: '/api/v1/sources?state=done',
      headers: { cookie: viewer.cookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe(
      'querystring/state must be one of extracting, extraction-failed, to-review, reviewed, nothing-proposed',
    );
  });

  it('sees a source waiting again once its extraction is queued anew, and reviewed once all is decided', async () => {
    const { db } = h.t.workspace;
    await db.transaction().execute((trx) => acceptAllProposals(trx, null));
    expect((await stateOf(admin)).waiting).toBe('reviewed 0');
    await db.deleteFrom('jobs').where('dedupe_key', '=', `extract:${ids.waiting}:${EXTRACTOR_VERSION}`).execute();
    await queueExtraction(db, ids.waiting, EXTRACTOR_VERSION);
    expect((await stateOf(admin)).waiting).toBe('extracting 0');
  });
});
