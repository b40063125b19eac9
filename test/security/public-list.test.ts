import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Confidentiality } from '../../src/db/schema.js';
import { newId } from '../../src/shared/ids.js';
import { testDialects } from '../helpers/workspaces.js';
import { createHarness, type Harness } from './harness.js';

const dialects = await testDialects();

describe.each(dialects)('the public list on %s', (dialect) => {
  let h: Harness;
  const now = new Date().toISOString();

  async function person(
    name: string,
    confidentiality: Confidentiality,
    consent: number,
    { reviewStatus = 'accepted', notes = 'PRIVATE-NOTE mother lives at 5 Lenina St' } = {},
  ) {
    const id = newId();
    await h.t.workspace.db
      .insertInto('persons')
      .values({
        id,
        display_name: name,
        // What the record says, from every event: not what the public list may say.
        status: 'sentenced',
        notes,
        confidentiality,
        consent_to_publish: consent,
        review_status: reviewStatus,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    return id;
  }
  /** An accepted event with `personId` as its subject. */
  async function eventOf(personId: string, type: string, date: string, confidentiality: Confidentiality) {
    const id = newId();
    await h.t.workspace.db
      .insertInto('events')
      .values({ id, type, date, status: 'accepted', confidentiality, created_at: now, updated_at: now } as never)
      .execute();
    await h.t.workspace.db
      .insertInto('event_participants')
      .values({ event_id: id, entity_type: 'persons', entity_id: personId, role: 'subject' } as never)
      .execute();
  }
  async function caseOf(
    personId: string,
    name: string,
    confidentiality: Confidentiality,
    region: string,
    reviewStatus = 'accepted',
  ) {
    const id = newId();
    const placeId = newId();
    await h.t.workspace.db
      .insertInto('cases')
      .values({
        id,
        name,
        articles: '["280.3","207.3"]',
        confidentiality,
        review_status: reviewStatus,
        notes: 'PRIVATE-NOTE investigator phone',
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    await h.t.workspace.db
      .insertInto('case_parties')
      .values({ case_id: id, person_id: personId, role: 'defendant' })
      .execute();
    await h.t.workspace.db
      .insertInto('places')
      .values({ id: placeId, name: 'Ufa', region, created_at: now } as never)
      .execute();
    await h.t.workspace.db
      .insertInto('events')
      .values({
        id: newId(),
        type: 'detention',
        date: '2024-03-01',
        case_id: id,
        place_id: placeId,
        status: 'accepted',
        confidentiality,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
  }

  beforeAll(async () => {
    h = await createHarness(dialect);
    const published = await person('Ivan Publicov', 'public', 1);
    await caseOf(published, 'Case of the <b>Bashkir</b> activists', 'public', 'Bashkortostan');
    await caseOf(published, 'Secret case', 'restricted', 'Hidden Region');
    await caseOf(published, 'Unreviewed case', 'public', 'Unreviewed Region', 'proposed');
    await eventOf(published, 'arrest', '2024-03-05', 'public');
    // Only a family's testimony says he was sentenced.
    await eventOf(published, 'sentence', '2024-09-01', 'restricted');
    await person('Proposed Publicov', 'public', 1, { reviewStatus: 'proposed' });
    await person('Olga Noconsent', 'public', 0);
    await person('Petr Internal', 'internal', 1);
    await person('Anna Restricted', 'restricted', 1);
    await person('=HYPERLINK("http://evil")', 'public', 1);
  });
  afterAll(async () => h?.close());

  it('lists only public, consented people, with only the five publishable fields, without a session', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/public/persons' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.name).sort()).toEqual(['=HYPERLINK("http://evil")', 'Ivan Publicov']);
    // No public event says where he is: the list claims nothing (not "at liberty").
    expect(items.find((i) => i.name === '=HYPERLINK("http://evil")')?.status).toBeNull();
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual(['articles', 'case', 'name', 'region', 'status']);
    expect(items.find((i) => i.name === 'Ivan Publicov')).toEqual({
      name: 'Ivan Publicov',
      status: 'in_custody',
      case: 'Case of the <b>Bashkir</b> activists',
      articles: '280.3; 207.3',
      region: 'Bashkortostan',
    });
    for (const url of [
      '/api/v1/public/persons',
      '/api/v1/public/persons.json',
      '/api/v1/public/persons.csv',
      '/public',
    ]) {
      const body = (await h.app.inject({ method: 'GET', url })).body;
      for (const secret of [
        'Noconsent',
        'Internal',
        'Restricted',
        'Secret case',
        'Hidden Region',
        'PRIVATE-NOTE',
        'Proposed',
        'Unreviewed',
        'sentenced',
      ])
        expect(body, `${url} leaks ${secret}`).not.toContain(secret);
    }
  });

  it('serves CSV that spreadsheets cannot run and HTML that cannot inject markup', async () => {
    const csv = await h.app.inject({ method: 'GET', url: '/api/v1/public/persons.csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    // The file `chronicle export --format csv --public` writes: a BOM, so a spreadsheet reads the Cyrillic.
    expect(csv.body.split('\r\n')[0]).toBe('\uFEFFname,status,case,articles,region');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const html = await h.app.inject({ method: 'GET', url: '/public' });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).not.toContain('<b>Bashkir</b>');
    expect(html.body).toContain('&#60;b&#62;Bashkir');
    expect(html.body).not.toMatch(/<script|style=/i);
    // Words on the page, codes in the JSON and CSV that tools read.
    expect(html.body).toContain('<td>in custody</td>');
    expect(csv.body).toContain(',in_custody,');
    expect(String(html.headers['content-security-policy'])).toContain("script-src 'self'");
  });
});
