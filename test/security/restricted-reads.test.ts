import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/shared/ids.js';
import { testDialects } from '../helpers/workspaces.js';
import { type Agent, createGroup, createHarness, type Harness, insertSource } from './harness.js';

const dialects = await testDialects();

/**
 * DESIGN §8: every read of a restricted record is audited — single reads, list pages and search hits that show a
 * group member restricted rows, and exports. Each route below is called by a member (entries appended, naming
 * the record and how it was read) and by a viewer outside the group (the rows are hidden: nothing appended).
 */
describe.each(dialects)('restricted reads are audited on every route that returns them, on %s', (dialect) => {
  let h: Harness;
  let member: Agent;
  let outsider: Agent;
  const ids = {} as Record<'sources' | 'persons' | 'cases' | 'events', string>;

  beforeAll(async () => {
    h = await createHarness(dialect);
    member = await h.signIn('editor');
    outsider = await h.signIn('viewer');
    const group = await createGroup(h.t, 'lawyers', [member.userId]);
    const { db } = h.t.workspace;
    const now = new Date().toISOString();
    ids.sources = await insertSource(h.t, {
      text: 'A report zqxhiddenvy about a search',
      title: 'zqxhiddenvy',
      confidentiality: 'restricted',
      groups: [group],
    });
    ids.persons = newId();
    await db
      .insertInto('persons')
      .values({
        id: ids.persons,
        display_name: 'Hidden Person',
        confidentiality: 'restricted',
        review_status: 'accepted',
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    ids.cases = newId();
    await db
      .insertInto('cases')
      .values({
        id: ids.cases,
        name: 'Hidden case',
        articles: '[]',
        confidentiality: 'restricted',
        review_status: 'accepted',
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    ids.events = newId();
    await db
      .insertInto('events')
      .values({
        id: ids.events,
        type: 'search',
        date: '2024-05-01',
        status: 'accepted',
        confidentiality: 'restricted',
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    await db
      .insertInto('event_participants')
      .values({ event_id: ids.events, entity_type: 'persons', entity_id: ids.persons, role: 'subject' })
      .execute();
    await db
      .insertInto('case_parties')
      .values({ case_id: ids.cases, person_id: ids.persons, role: 'defendant' })
      .execute();
    for (const table of ['persons', 'cases', 'events'] as const)
      await db
        .insertInto('record_groups')
        .values({ record_table: table, record_id: ids[table], group_id: group })
        .execute();
  });
  afterAll(async () => h?.close());

  const reads = async (agent: Agent) =>
    (
      await h.t.workspace.db
        .selectFrom('audit_log')
        .select(['target', 'after'])
        .where('user_id', '=', agent.userId)
        .where('action', '=', 'record.read')
        .orderBy('seq')
        .execute()
    ).map((r) => `${r.target} ${JSON.parse(r.after ?? '{}').part ?? ''}`.trim());

  it('appends one entry per restricted record a member reads, and none for a user who cannot see it', async () => {
    const calls: Array<[string, string]> = [
      ['/api/v1/persons', `persons/${ids.persons} list`],
      ['/api/v1/cases', `cases/${ids.cases} list`],
      ['/api/v1/events', `events/${ids.events} list`],
      ['/api/v1/sources', `sources/${ids.sources} list`],
      ['/api/v1/search?q=zqxhiddenvy', `sources/${ids.sources} search`],
      [`/api/v1/persons/${ids.persons}`, `persons/${ids.persons}`],
      [`/api/v1/persons/${ids.persons}`, `events/${ids.events} timeline`],
      [`/api/v1/persons/${ids.persons}`, `cases/${ids.cases} person`],
      [`/api/v1/persons/${ids.persons}/history`, `persons/${ids.persons} history`],
      [`/api/v1/cases/${ids.cases}`, `cases/${ids.cases}`],
      [`/api/v1/cases/${ids.cases}/history`, `cases/${ids.cases} history`],
      [`/api/v1/events/${ids.events}`, `events/${ids.events}`],
      [`/api/v1/sources/${ids.sources}`, `sources/${ids.sources}`],
      ['/api/v1/export?format=json', `sources/${ids.sources} export:json`],
      ['/api/v1/review?status=accepted&kind=person', `persons/${ids.persons} review`],
      [`/api/v1/cases/${ids.cases}/detail`, `cases/${ids.cases}`],
    ];
    for (const [url, entry] of calls) {
      // Twice: the second read of a list page, person page or search is answered from what the first kept, and is a
      // read all the same.
      for (const time of ['first', 'again']) {
        const before = (await reads(member)).length;
        const res = await h.app.inject({ method: 'GET', url, headers: { cookie: member.cookie } });
        expect(res.statusCode, url).toBe(200);
        const after = await reads(member);
        expect(after.slice(before), `${url} ${time}`).toContain(entry);
      }
      const hidden = await h.app.inject({ method: 'GET', url, headers: { cookie: outsider.cookie } });
      expect(hidden.body, url).not.toContain('zqxhiddenvy');
    }
    expect(await reads(outsider)).toEqual([]);
  });
});
