import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { type Agent, createGroup, createHarness, type Harness } from '../../../../test/security/harness.js';
import type { Confidentiality } from '../../../db/schema.js';
import { createPerson, placeRow } from '../../../record/index.js';
import { newId } from '../../../shared/ids.js';

const dialects = await testDialects();

interface Row {
  displayName: string;
  region: string | null;
  lastEventDate: string | null;
  cases: Array<{ name: string }>;
}
interface Facets {
  status: Array<{ value: string; count: number }>;
  region: Array<{ value: string; count: number }>;
  case: Array<{ value: string; label: string; count: number }>;
  article: Array<{ value: string; count: number }>;
  date: { min: string | null; max: string | null };
}

/** `[{ value: 'a', count: 2 }]` → `{ a: 2 }`, so facet expectations read as a table. */
const counts = (values: Array<{ value: string; label?: string; count: number }>, key: 'value' | 'label' = 'value') =>
  Object.fromEntries(values.map((v) => [v[key], v.count]));

describe.each(dialects)('the people table (GET /api/v1/persons) on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let admin: Agent;
  const ids: Record<string, string> = {};

  const list = async (query: string, agent: Agent = viewer) => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/persons?${query}`,
      headers: { cookie: agent.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; items: Row[]; facets?: Facets };
  };
  const names = async (query: string, agent: Agent = viewer) =>
    (await list(query, agent)).items.map((p) => p.displayName);

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    admin = await h.signIn('admin');
    const { db } = h.t.workspace;
    // A group with no members: what is restricted to it only admins see.
    const group = await createGroup(h.t, `table-${dialect}`, []);
    const now = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      const restrict = (table: string, id: string) =>
        trx.insertInto('record_groups').values({ record_table: table, record_id: id, group_id: group }).execute();
      const place = async (name: string, region: string) => {
        const id = newId();
        await trx
          .insertInto('places')
          .values(placeRow(id, name, now, { kind: 'city', country: 'RU', region }))
          .execute();
        return id;
      };
      const ufa = await place('Уфа', 'Башкортостан');
      const kazan = await place('Казань', 'Татарстан');
      const kase = async (name: string, articles: object[], confidentiality: Confidentiality = 'internal') => {
        const id = newId();
        await trx
          .insertInto('cases')
          .values({
            id,
            name,
            jurisdiction: 'RU',
            articles: JSON.stringify(articles),
            opened_on: null,
            status: null,
            court: null,
            notes: null,
            confidentiality,
            review_status: 'accepted',
            version: 1,
            created_at: now,
            updated_at: now,
            deleted_at: null,
          })
          .execute();
        if (confidentiality === 'restricted') await restrict('cases', id);
        return id;
      };
      ids.alpha = await kase('Дело Альфа', [{ code: 'УК РФ', article: '205.4', part: 2 }]);
      ids.beta = await kase('Дело Бета', [{ code: 'УК РФ', article: '205.5' }]);
      ids.closed = await kase('Дело Закрытое', [{ code: 'УК РФ', article: '275' }], 'restricted');
      const person = async (
        key: string,
        displayName: string,
        status: string,
        confidentiality: Confidentiality = 'internal',
      ) => {
        const p = await createPerson(trx, { displayName, confidentiality }, null);
        await trx.updateTable('persons').set({ status }).where('id', '=', p.id).execute();
        if (confidentiality === 'restricted') await restrict('persons', p.id);
        ids[key] = p.id;
        return p.id;
      };
      const event = async (
        personId: string,
        date: string,
        placeId: string,
        caseId: string,
        confidentiality: Confidentiality = 'internal',
      ) => {
        const id = newId();
        await trx
          .insertInto('events')
          .values({
            id,
            type: 'detention',
            date,
            date_precision: 'day',
            date_end: null,
            place_id: placeId,
            case_id: caseId,
            sentence_years: null,
            fine_amount: null,
            description: null,
            status: 'accepted',
            confidence: null,
            confidentiality,
            source_id: null,
            version: 1,
            created_at: now,
            updated_at: now,
            deleted_at: null,
          })
          .execute();
        await trx
          .insertInto('event_participants')
          .values({ event_id: id, entity_type: 'persons', entity_id: personId, role: 'subject' })
          .execute();
        if (confidentiality === 'restricted') await restrict('events', id);
      };
      const party = (personId: string, caseId: string) =>
        trx.insertInto('case_parties').values({ case_id: caseId, person_id: personId, role: 'defendant' }).execute();

      await event(await person('a', 'Алексей Абрамов', 'detained'), '2024-03-12', ufa, ids.alpha!);
      await party(ids.a!, ids.alpha!);
      await event(await person('b', 'Борис Белов', 'sentenced'), '2023-05-01', kazan, ids.beta!);
      await party(ids.b!, ids.beta!);
      await person('v', 'Виктор Волков', 'at_liberty');
      await event(await person('g', 'Галина Гусева', 'detained', 'restricted'), '2024-06-01', ufa, ids.alpha!);
      await party(ids.g!, ids.alpha!);
      await person('d', 'Дмитрий Демин', 'detained');
      await party(ids.d!, ids.closed!);
      await event(ids.d!, '2022-01-01', kazan, ids.beta!, 'restricted');
    });
  });
  afterAll(async () => h?.close());

  it('counts facets over visible people, events and cases only: a viewer never counts restricted records', async () => {
    const { total, facets } = await list('facets=true');
    expect(total).toBe(4);
    expect(counts(facets!.status)).toEqual({ detained: 2, sentenced: 1, at_liberty: 1 });
    expect(counts(facets!.region)).toEqual({ Башкортостан: 1, Татарстан: 1 });
    expect(counts(facets!.case, 'label')).toEqual({ 'Дело Альфа': 1, 'Дело Бета': 1 });
    expect(counts(facets!.article)).toEqual({ 'УК РФ 205.4 ч. 2': 1, 'УК РФ 205.5': 1 });
    expect(facets!.date).toEqual({ min: '2023-05-01', max: '2024-03-12' });

    const all = await list('facets=true', admin);
    expect(all.total).toBe(5);
    expect(counts(all.facets!.status)).toEqual({ detained: 3, sentenced: 1, at_liberty: 1 });
    expect(counts(all.facets!.region)).toEqual({ Башкортостан: 2, Татарстан: 2 });
    expect(counts(all.facets!.case, 'label')).toEqual({ 'Дело Альфа': 2, 'Дело Бета': 2, 'Дело Закрытое': 1 });
    expect(counts(all.facets!.article)).toEqual({ 'УК РФ 205.4 ч. 2': 2, 'УК РФ 205.5': 2, 'УК РФ 275': 1 });
    expect(all.facets!.date).toEqual({ min: '2022-01-01', max: '2024-06-01' });
  });

  it('filters by region, case, article, event dates and status; each facet counts with the other filters applied', async () => {
    const inBashkortostan = await list(`region=${encodeURIComponent('Башкортостан')}&facets=true`);
    expect(inBashkortostan.items.map((p) => p.displayName)).toEqual(['Алексей Абрамов']);
    expect(counts(inBashkortostan.facets!.status)).toEqual({ detained: 1 });
    // The region facet ignores its own filter, so the other regions stay to choose from.
    expect(counts(inBashkortostan.facets!.region)).toEqual({ Башкортостан: 1, Татарстан: 1 });
    expect(await names(`case=${ids.alpha}`)).toEqual(['Алексей Абрамов']);
    expect(await names(`case=${ids.alpha}`, admin)).toEqual(['Алексей Абрамов', 'Галина Гусева']);
    expect(await names(`case=${ids.closed}`)).toEqual([]);
    expect(await names(`article=${encodeURIComponent('УК РФ 205.5')}`)).toEqual(['Борис Белов']);
    expect(await names(`article=${encodeURIComponent('УК РФ 275')}`)).toEqual([]);
    expect(await names(`article=${encodeURIComponent('УК РФ 275')}`, admin)).toEqual(['Дмитрий Демин']);
    expect(await names('from=2024&to=2024')).toEqual(['Алексей Абрамов']);
    expect(await names('from=2023-05&to=2023-05')).toEqual(['Борис Белов']);
    expect(await names('to=2023')).toEqual(['Борис Белов']);
    expect(await names(`status=detained&q=${encodeURIComponent('демин')}`)).toEqual(['Дмитрий Демин']);
  });

  it('sorts by name, status, region, last event and case on the server, empty values last either way', async () => {
    expect(await names('sort=name&order=desc')).toEqual([
      'Дмитрий Демин',
      'Виктор Волков',
      'Борис Белов',
      'Алексей Абрамов',
    ]);
    expect(await names('sort=status')).toEqual(['Виктор Волков', 'Алексей Абрамов', 'Дмитрий Демин', 'Борис Белов']);
    expect(await names('sort=lastEvent&order=desc')).toEqual([
      'Алексей Абрамов',
      'Борис Белов',
      'Виктор Волков',
      'Дмитрий Демин',
    ]);
    expect(await names('sort=lastEvent&order=asc')).toEqual([
      'Борис Белов',
      'Алексей Абрамов',
      'Виктор Волков',
      'Дмитрий Демин',
    ]);
    expect(await names('sort=region&order=desc')).toEqual([
      'Борис Белов',
      'Алексей Абрамов',
      'Виктор Волков',
      'Дмитрий Демин',
    ]);
    expect(await names('sort=case')).toEqual(['Алексей Абрамов', 'Борис Белов', 'Виктор Волков', 'Дмитрий Демин']);
    expect(await names('sort=name&limit=2&offset=2')).toEqual(['Виктор Волков', 'Дмитрий Демин']);
    const [first] = (await list('sort=name&limit=1')).items;
    expect(first).toMatchObject({
      displayName: 'Алексей Абрамов',
      region: 'Башкортостан',
      lastEventDate: '2024-03-12',
      cases: [{ name: 'Дело Альфа' }],
    });
    // The restricted event and case of Дмитрий Демин do not show in his row for a viewer.
    const [demin] = (await list(`q=${encodeURIComponent('Демин')}`)).items;
    expect(demin).toMatchObject({ region: null, lastEventDate: null, cases: [] });
  });

  it('rejects unknown sorts, orders, dates and facet values with 400', async () => {
    for (const query of [
      'sort=age',
      'order=up',
      'from=yesterday',
      'limit=0',
      'limit=501',
      'case=%25',
      'status=flying',
    ]) {
      const res = await h.app.inject({
        method: 'GET',
        url: `/api/v1/persons?${query}`,
        headers: { cookie: viewer.cookie },
      });
      expect(res.statusCode, query).toBe(400);
    }
  });
});

describe.each(dialects)('finding people by name in the people table (GET /api/v1/persons?q=…) on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let admin: Agent;

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    admin = await h.signIn('admin');
    // A group with no members: the person restricted to it only admins see.
    const group = await createGroup(h.t, `names-${dialect}`, []);
    await h.t.workspace.db.transaction().execute(async (trx) => {
      await createPerson(trx, { displayName: 'Ruslan Galiev' }, null);
      await createPerson(trx, { displayName: 'Тимур Ахметзянов' }, null);
      await createPerson(trx, { displayName: 'Тамара Гайнуллина', aliases: ['Tamara Gaynullina'] }, null);
      const hidden = await createPerson(trx, { displayName: 'Марат Галиев', confidentiality: 'restricted' }, null);
      await trx
        .insertInto('record_groups')
        .values({ record_table: 'persons', record_id: hidden.id, group_id: group })
        .execute();
    });
  });
  afterAll(async () => h?.close());

  const found = async (q: string, agent: Agent = viewer) => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/persons?q=${encodeURIComponent(q)}`,
      headers: { cookie: agent.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { total: number; items: Row[] };
    expect(body.total, q).toBe(body.items.length);
    return body.items.map((p) => p.displayName).sort();
  };

  it('finds a Latin-written person by a Cyrillic query, and a Cyrillic-written one by a Latin query', async () => {
    for (const q of ['Галиев', 'Руслан', 'руслан галиев', 'Гал'])
      expect(await found(q, viewer), q).toEqual(['Ruslan Galiev']);
    for (const q of ['Akhmetzyanov', 'Akhmetzianov', 'Timur', 'timur akhmetz', 'Akhmet'])
      expect(await found(q, viewer), q).toEqual(['Тимур Ахметзянов']);
    for (const q of ['Гайнуллин', 'Gainullin', 'Gaynullin', 'Gajnullina'])
      expect(await found(q, viewer), q).toEqual(['Тамара Гайнуллина']);
  });

  it('finds a person by an inflected form of the surname or the given name', async () => {
    for (const q of ['Галиева', 'Галиевым', 'Руслана Галиева']) expect(await found(q), q).toEqual(['Ruslan Galiev']);
    for (const q of ['Ахметзянова', 'Тимура Ахметзянова', 'Ахметзяновым'])
      expect(await found(q), q).toEqual(['Тимур Ахметзянов']);
    expect(await found('Гайнуллиной')).toEqual(['Тамара Гайнуллина']);
  });

  it('wants every word of the query to begin a word of the name', async () => {
    expect(await found('Timur Galiev')).toEqual([]);
    expect(await found('Нет Такого')).toEqual([]);
    expect(await found("x' OR 1=1 --")).toEqual([]);
  });

  it('keeps a restricted person hidden from a viewer outside its group, however the name is written', async () => {
    for (const q of ['Марат', 'Marat', 'Galiev', 'Галиевым'])
      expect(await found(q, viewer), q).not.toContain('Марат Галиев');
    expect(await found('Galiev', admin)).toEqual(['Ruslan Galiev', 'Марат Галиев']);
    expect(await found('Марат', admin)).toEqual(['Марат Галиев']);
  });
});
