import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { type Seeded, seedGainullins } from '../../../../test/integration/merge-fixtures.js';
import { type Agent, createHarness, type Harness } from '../../../../test/security/harness.js';

const dialects = await testDialects();

describe.each(dialects)('/api/v1/merges on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let editor: Agent;
  let member: Agent;
  let s: Seeded;

  const call: Harness['call'] = (...request) => h.call(...request);
  const ids = (body: { items: Array<{ a: { id: string }; b: { id: string } }> }) =>
    body.items.map((p) => [p.a.id, p.b.id].sort().join('|'));
  const pair = (x: string, y: string) => [x, y].sort().join('|');

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    editor = await h.signIn('editor');
    member = await h.signIn('admin');
    s = await seedGainullins(h.t.workspace, null);
  });
  afterAll(async () => h?.close());

  it('refreshes proposals (editor only) and lists them with names, events, evidence and why, with paging', async () => {
    expect((await call('POST', '/api/v1/merges/refresh', viewer)).statusCode).toBe(404);
    const refreshed = await call('POST', '/api/v1/merges/refresh', editor);
    expect(refreshed.statusCode).toBe(200);
    // The editor cannot see the restricted namesake: the refresh did not look at it.
    expect(refreshed.json().persons).toBe(5);
    const list = await call('GET', '/api/v1/merges?limit=50', viewer);
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(ids(body)).toEqual(expect.arrayContaining([pair(s.rinat, s.latin), pair(s.rinat, s.genitive)]));
    expect(ids(body).join(' ')).not.toContain(s.secret);
    expect(ids(body).join(' ')).not.toContain(s.tamara);
    const first = body.items[0];
    expect(first.why.parts.length).toBeGreaterThan(0);
    expect(first.a.names[0]).toHaveProperty('script');
    expect(body.total).toBe(body.items.length);
    const page = (await call('GET', '/api/v1/merges?limit=1&offset=1', viewer)).json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0].id).toBe(body.items[1].id);
    expect((await call('GET', '/api/v1/merges?status=maybe', viewer)).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/merges?limit=0', viewer)).statusCode).toBe(400);
    // An admin refresh sees the restricted namesake too; a viewer still never gets it.
    await call('POST', '/api/v1/merges/refresh', member);
    const forAdmin = (await call('GET', '/api/v1/merges?limit=50', member)).json();
    expect(ids(forAdmin).join(' ')).toContain(s.secret);
    expect(ids((await call('GET', '/api/v1/merges?limit=50', viewer)).json()).join(' ')).not.toContain(s.secret);
  });

  it('merges a proposal and undoes it; validates; 404 for invisible and missing alike', async () => {
    const all = (await call('GET', '/api/v1/merges?limit=50', member)).json();
    const target = all.items.find(
      (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join('|') === pair(s.rinat, s.latin),
    );
    const hidden = all.items.find((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].includes(s.secret));
    const url = `/api/v1/merges/proposals/${target.id}/merge`;
    expect((await call('POST', url, viewer, { keepId: s.rinat })).statusCode).toBe(404);
    expect((await call('POST', url, editor, { keepId: s.tamara })).statusCode).toBe(400);
    expect((await call('POST', url, editor, { keep: s.rinat })).statusCode).toBe(400);
    const invisible = await call('POST', `/api/v1/merges/proposals/${hidden.id}/merge`, editor, {});
    const missing = await call('POST', '/api/v1/merges/proposals/01NOSUCHPROPOSAL/merge', editor, {});
    expect(invisible.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(invisible.json().error.code).toBe(missing.json().error.code);

    const merged = await call('POST', url, editor, { keepId: s.rinat, reason: 'same court case' });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ keptId: s.rinat, mergedId: s.latin, proposalId: target.id });
    expect((await call('POST', url, editor, {})).statusCode).toBe(409);
    const person = (await call('GET', `/api/v1/persons/${s.rinat}`, viewer)).json();
    expect(person.person.names.map((n: { name: string }) => n.name)).toEqual(
      expect.arrayContaining(['Ринат Гайнуллин', 'Rinat Gainullin']),
    );
    expect(person.timeline).toHaveLength(3);
    // The merged person's own page points to the person it now lives in.
    const gone = (await call('GET', `/api/v1/persons/${s.latin}`, viewer)).json();
    expect(gone.person.mergedInto).toBe(s.rinat);
    const history = (await call('GET', '/api/v1/merges/history', viewer)).json();
    expect(history.items[0]).toMatchObject({ id: merged.json().mergeId, keptName: 'Ринат Гайнуллин', undoneAt: null });

    const undoUrl = `/api/v1/merges/${merged.json().mergeId}/undo`;
    expect((await call('POST', undoUrl, viewer)).statusCode).toBe(404);
    const undone = await call('POST', undoUrl, editor);
    expect(undone.statusCode).toBe(200);
    expect(undone.json().undoneAt).not.toBeNull();
    expect((await call('POST', undoUrl, editor)).statusCode).toBe(409);
    expect((await call('POST', '/api/v1/merges/01NOSUCHMERGE/undo', editor)).statusCode).toBe(404);
    const back = (await call('GET', `/api/v1/persons/${s.rinat}`, viewer)).json();
    expect(back.person.names.map((n: { name: string }) => n.name)).not.toContain('Rinat Gainullin');
    expect((await call('GET', `/api/v1/persons/${s.latin}`, viewer)).json().person.mergedInto).toBeNull();
    expect((await call('GET', '/api/v1/merges/history', viewer)).json().total).toBe(0);
    expect((await call('GET', '/api/v1/merges/history?undone=true', viewer)).json().total).toBe(1);
  });

  it('keeps a pair apart', async () => {
    const all = (await call('GET', '/api/v1/merges?limit=50', editor)).json();
    const target = all.items[0];
    const url = `/api/v1/merges/proposals/${target.id}/keep-apart`;
    expect((await call('POST', url, viewer)).statusCode).toBe(404);
    const res = await call('POST', url, editor);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('kept_apart');
    expect((await call('POST', url, editor)).statusCode).toBe(409);
    const kept = (await call('GET', '/api/v1/merges?status=kept_apart', viewer)).json();
    expect(kept.items.map((p: { id: string }) => p.id)).toEqual([target.id]);
  });

  it('splits a person and undoes the split', async () => {
    const url = `/api/v1/persons/${s.rinat}/split`;
    expect((await call('POST', url, viewer, { names: ['Гайнуллин Ринат Рашидович'] })).statusCode).toBe(404);
    expect((await call('POST', url, editor, { names: [] })).statusCode).toBe(400);
    expect((await call('POST', url, editor, { names: ['Nobody'] })).statusCode).toBe(400);
    expect(
      (await call('POST', `/api/v1/persons/${s.secret}/split`, editor, { names: ['Rinat Gaynullin'] })).statusCode,
    ).toBe(404);
    const res = await call('POST', url, editor, { names: ['Гайнуллин Ринат Рашидович'], eventIds: [s.detention] });
    expect(res.statusCode).toBe(200);
    const { newPersonId, mergeId } = res.json();
    const fresh = (await call('GET', `/api/v1/persons/${newPersonId}`, viewer)).json();
    expect(fresh.person.names.map((n: { name: string }) => n.name)).toEqual(['Гайнуллин Ринат Рашидович']);
    expect(fresh.timeline.map((e: { id: string }) => e.id)).toEqual([s.detention]);
    expect((await call('POST', `/api/v1/merges/${mergeId}/undo`, editor)).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/persons/${newPersonId}`, viewer)).json().person.deletedAt).not.toBeNull();
    const original = (await call('GET', `/api/v1/persons/${s.rinat}`, viewer)).json();
    expect(original.person.names.map((n: { name: string }) => n.name)).toContain('Гайнуллин Ринат Рашидович');
  });

  it('documents every merges route in the OpenAPI document', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json', viewer)).json();
    for (const path of [
      '/api/v1/merges',
      '/api/v1/merges/history',
      '/api/v1/merges/refresh',
      '/api/v1/merges/proposals/{id}/merge',
      '/api/v1/merges/proposals/{id}/keep-apart',
      '/api/v1/merges/{id}/undo',
      '/api/v1/persons/{id}/split',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
  });
});
