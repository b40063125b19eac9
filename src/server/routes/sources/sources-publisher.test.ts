import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import {
  type Agent,
  createGroup,
  createHarness,
  type Harness,
  insertSource,
} from '../../../../test/security/harness.js';

const dialects = await testDialects();

describe.each(dialects)('the publisher filter of /api/v1/sources on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let admin: Agent;

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    admin = await h.signIn('admin');
    // A group without the viewer: the source restricted to it only admins see.
    const group = await createGroup(h.t, `publishers-${dialect}`, []);
    const source = async (publisher: string, restricted = false) => {
      const id = await insertSource(h.t, {
        text: `A report published by ${publisher}.`,
        confidentiality: restricted ? 'restricted' : 'internal',
        groups: restricted ? [group] : [],
      });
      await h.t.workspace.db.updateTable('sources').set({ publisher }).where('id', '=', id).execute();
    };
    await source('Demo Monitor (invented)');
    await source('Demo Monitor (invented)');
    await source('Demo Monitor (invented)', true);
    await source('Вымышленный Вестник');
    await source('Наблюдатель Ёлкино (выдумка)');
    await source('Other 100% News_Desk');
  });
  afterAll(async () => h?.close());

  const total = async (publisher: string, agent: Agent = viewer) => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/sources?publisher=${encodeURIComponent(publisher)}`,
      headers: { cookie: agent.cookie },
    });
    expect(res.statusCode, `${publisher}: ${res.body}`).toBe(200);
    return (res.json() as { total: number }).total;
  };

  it('finds a part of the name in any letter case, Cyrillic too, with ё and е alike', async () => {
    expect(await total('Demo Monitor (invented)')).toBe(2);
    expect(await total('Demo')).toBe(2);
    expect(await total('demo monitor (invented)')).toBe(2);
    expect(await total('  MONITOR ')).toBe(2);
    expect(await total('вестник')).toBe(1);
    expect(await total('ВЫМЫШЛЕННЫЙ вестник')).toBe(1);
    expect(await total('елкино')).toBe(1);
    expect(await total('ЁЛКИНО (ВЫДУМКА)')).toBe(1);
    expect(await total('Monitor Demo')).toBe(0);
  });

  it('takes wildcard and quote characters literally', async () => {
    expect(await total('100%')).toBe(1);
    expect(await total('%')).toBe(1);
    expect(await total('news_desk')).toBe(1);
    expect(await total('news-desk')).toBe(0);
    expect(await total('_')).toBe(1);
    expect(await total('(')).toBe(3);
    for (const text of ['*', '?', '[', ']', '.*', '{', '\\', "x' OR 1=1 --", '^Demo'])
      expect(await total(text), text).toBe(0);
  });

  it('counts only the sources the reader may see', async () => {
    expect(await total('demo', admin)).toBe(3);
    expect(await total('demo', viewer)).toBe(2);
  });
});
