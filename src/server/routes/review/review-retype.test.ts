import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { ingestText, span } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createGroup, createHarness, type Harness } from '../../../../test/security/harness.js';
import { createCase, createPerson, type ExtractionInput, stageExtraction } from '../../../record/index.js';
import { newId } from '../../../shared/ids.js';

const dialects = await testDialects();

/** A fine of an organization the extractor read as a person (as it reads «Мемориал»), named twice. */
function organizationAsPerson(name: string): { text: string; extraction: ExtractionInput } {
  const text = `📰 В Москве 5 мая 2024 года суд оштрафовал ${name} на 500 тысяч рублей. Позже ${name} обжаловал решение.`;
  return {
    text,
    extraction: {
      language: 'ru',
      persons: [{ name, mentions: [span(text, name), span(text, name, text.indexOf('Позже'))], confidence: 0.7 }],
      organizations: [{ name: 'суд', mentions: [span(text, 'суд')] }],
      places: [],
      dates: [],
      cases: [],
      events: [
        {
          type: 'fine',
          date: '2024-05-05',
          places: [],
          subjects: [name],
          agents: ['суд'],
          case: null,
          sentenceYears: null,
          evidence: span(text, `В Москве 5 мая 2024 года суд оштрафовал ${name} на 500 тысяч рублей.`),
          confidence: 0.8,
        },
      ],
    } as unknown as ExtractionInput,
  };
}

/** A detention whose agent, a person, the extractor read as an organization. */
function personAsOrganization(agent: string, subject: string): { text: string; extraction: ExtractionInput } {
  const text = `📰 В Самаре 7 июня 2024 года ${agent} задержал журналиста ${subject}.`;
  return {
    text,
    extraction: {
      language: 'ru',
      persons: [{ name: subject, mentions: [span(text, subject)] }],
      organizations: [{ name: agent, mentions: [span(text, agent)] }],
      places: [],
      dates: [],
      cases: [],
      events: [
        {
          type: 'detention',
          date: '2024-06-07',
          places: [],
          subjects: [subject],
          agents: [agent],
          case: null,
          sentenceYears: null,
          evidence: span(text, text.slice(3)),
          confidence: 0.8,
        },
      ],
    } as unknown as ExtractionInput,
  };
}

interface Proposal {
  id: string;
  kind: string;
  status: string;
  label: string;
  evidence: Array<{ id: string; sourceId: string; start: number; end: number; quote: string }>;
  event?: { type: string; participants: Array<{ role: string; entityType: string; entityId: string; name: string }> };
  retypedFrom?: { id: string; kind: string };
  merged?: { mergeId: string; keptId: string };
}

describe.each(dialects)('POST /api/v1/review/:id/correct with recordType on %s', (dialect) => {
  let h: Harness;
  let reviewer: Agent;
  let editor: Agent;
  let viewer: Agent;

  const call: Harness['call'] = (...request) => h.call(...request);
  const correct = (id: string, agent: Agent, body: object) => call('POST', `/api/v1/review/${id}/correct`, agent, body);

  async function stage(name: string, report: { text: string; extraction: ExtractionInput }) {
    const sourceId = await ingestText(h.t.workspace, name, report.text);
    await h.t.workspace.db
      .transaction()
      .execute((trx) =>
        stageExtraction(trx, { sourceId, extraction: report.extraction, extractorVersion: '1', userId: null }),
      );
    const { items } = (await call('GET', `/api/v1/review?sourceId=${sourceId}`, reviewer)).json() as {
      items: Proposal[];
    };
    return { sourceId, text: report.text, items, event: items.find((i) => i.kind === 'event')! };
  }

  /** Everything a change of kind could touch, to show a refused one touched nothing. */
  async function state(ids: string[]) {
    const { db } = h.t.workspace;
    const count = async (
      table:
        | 'audit_log'
        | 'record_versions'
        | 'persons'
        | 'organizations'
        | 'person_names'
        | 'name_keys'
        | 'record_groups'
        | 'staged_records',
    ) =>
      Number(
        (await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst())!.n,
      );
    return {
      persons: await db.selectFrom('persons').selectAll().where('id', 'in', ids).orderBy('id').execute(),
      organizations: await db.selectFrom('organizations').selectAll().where('id', 'in', ids).orderBy('id').execute(),
      events: await db.selectFrom('events').selectAll().where('id', 'in', ids).orderBy('id').execute(),
      participants: await db
        .selectFrom('event_participants')
        .selectAll()
        .where((eb) => eb.or([eb('event_id', 'in', ids), eb('entity_id', 'in', ids)]))
        .orderBy('event_id')
        .orderBy('role')
        .orderBy('entity_id')
        .execute(),
      evidence: await db.selectFrom('evidence').selectAll().where('target_id', 'in', ids).orderBy('id').execute(),
      mentions: await db.selectFrom('mentions').selectAll().where('entity_id', 'in', ids).orderBy('id').execute(),
      keys: await db.selectFrom('name_keys').selectAll().where('record_id', 'in', ids).orderBy('name_key').execute(),
      counts: {
        audit: await count('audit_log'),
        versions: await count('record_versions'),
        persons: await count('persons'),
        organizations: await count('organizations'),
        names: await count('person_names'),
        keys: await count('name_keys'),
        groups: await count('record_groups'),
        staged: await count('staged_records'),
      },
    };
  }

  beforeAll(async () => {
    h = await createHarness(dialect);
    reviewer = await h.signIn('reviewer');
    editor = await h.signIn('editor');
    viewer = await h.signIn('viewer');
  });
  afterAll(async () => h?.close());

  it('makes a proposed person an accepted organization holding its evidence, mentions and participation; restricted stays restricted', async () => {
    const s = await stage('memorial.txt', organizationAsPerson('Мемориал'));
    const { db } = h.t.workspace;
    const person = s.items.find((i) => i.kind === 'person')!;
    const group = await createGroup(h.t, `retype-${dialect}`, [reviewer.userId]);
    await db.updateTable('persons').set({ confidentiality: 'restricted' }).where('id', '=', person.id).execute();
    await db
      .insertInto('record_groups')
      .values({ record_table: 'persons', record_id: person.id, group_id: group })
      .execute();
    const mentionIds = (
      await db.selectFrom('mentions').select('id').where('entity_id', '=', person.id).orderBy('id').execute()
    ).map((m) => m.id);
    expect(mentionIds).toHaveLength(2);
    const evidenceIds = person.evidence.map((e) => e.id).sort();
    expect(evidenceIds).toHaveLength(2);

    const res = await correct(person.id, reviewer, {
      recordType: 'organization',
      name: 'Правозащитный центр «Мемориал»',
      kind: 'ngo',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Proposal;
    const orgId = body.id;
    expect(orgId).not.toBe(person.id);
    expect(body).toMatchObject({
      kind: 'organization',
      status: 'accepted',
      label: 'Правозащитный центр «Мемориал»',
      retypedFrom: { id: person.id, kind: 'person' },
    });
    expect(body.evidence.map((e) => e.id).sort()).toEqual(evidenceIds);

    const org = await db.selectFrom('organizations').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
    expect(org).toMatchObject({
      name: 'Правозащитный центр «Мемориал»',
      kind: 'ngo',
      review_status: 'accepted',
      confidentiality: 'restricted',
      deleted_at: null,
    });
    const groups = await db
      .selectFrom('record_groups')
      .select('group_id')
      .where('record_table', '=', 'organizations')
      .where('record_id', '=', orgId)
      .execute();
    expect(groups).toEqual([{ group_id: group }]);
    const evidence = await db
      .selectFrom('evidence')
      .select(['id', 'target_table', 'target_id'])
      .where('id', 'in', evidenceIds)
      .orderBy('id')
      .execute();
    expect(evidence).toEqual(evidenceIds.map((id) => ({ id, target_table: 'organizations', target_id: orgId })));
    const mentions = await db
      .selectFrom('mentions')
      .select(['id', 'kind', 'entity_id', 'status'])
      .where('id', 'in', mentionIds)
      .orderBy('id')
      .execute();
    expect(mentions).toEqual(
      mentionIds.map((id) => ({ id, kind: 'organization', entity_id: orgId, status: 'accepted' })),
    );
    const participants = await db
      .selectFrom('event_participants')
      .select(['entity_type', 'entity_id', 'role'])
      .where('event_id', '=', s.event.id)
      .where('role', '=', 'subject')
      .execute();
    expect(participants).toEqual([{ entity_type: 'organizations', entity_id: orgId, role: 'subject' }]);
    const keys = await db.selectFrom('name_keys').select(['record_table', 'record_id', 'name_key']).execute();
    expect(keys.filter((k) => k.record_id === person.id)).toEqual([]);
    expect(keys.filter((k) => k.record_id === orgId)).toEqual([
      { record_table: 'organizations', record_id: orgId, name_key: 'правозащитный центр «мемориал»' },
    ]);
    const staged = await db.selectFrom('staged_records').select('source_id').where('record_id', '=', orgId).execute();
    expect(staged).toEqual([{ source_id: s.sourceId }]);

    // The person is retired, never removed: its row and names stay, out of the record and the queue.
    const old = await db.selectFrom('persons').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(old.deleted_at).not.toBeNull();
    expect(old.review_status).toBe('rejected');
    const oldNames = await db.selectFrom('person_names').select('name').where('person_id', '=', person.id).execute();
    expect(oldNames).toEqual([{ name: 'Мемориал' }]);
    const persons = (await call('GET', '/api/v1/persons?limit=200', reviewer)).json() as {
      items: Array<{ id: string }>;
    };
    expect(persons.items.map((p) => p.id)).not.toContain(person.id);
    expect((await call('GET', '/api/v1/persons?q=мемориал', reviewer)).json().total).toBe(0);
    const queue = (await call('GET', `/api/v1/review?sourceId=${s.sourceId}`, reviewer)).json() as {
      items: Proposal[];
    };
    expect(queue.items.map((i) => i.id)).not.toContain(person.id);
    const all = (await call('GET', `/api/v1/review?sourceId=${s.sourceId}&status=all`, reviewer)).json() as {
      items: Proposal[];
    };
    expect(all.items.map((i) => i.id)).not.toContain(person.id);
    expect(all.items.find((i) => i.id === orgId)?.kind).toBe('organization');
    const event = all.items.find((i) => i.id === s.event.id)!;
    expect(event.event!.participants.find((p) => p.role === 'subject')).toMatchObject({
      entityType: 'organizations',
      entityId: orgId,
      name: 'Правозащитный центр «Мемориал»',
    });
    // Outside the group, the organization is as hidden as the person was.
    const hidden = await call('GET', `/api/v1/review?sourceId=${s.sourceId}&status=all`, viewer);
    expect(hidden.statusCode).toBe(200);
    expect((hidden.json() as { items: Proposal[] }).items.map((i) => i.id)).not.toContain(orgId);

    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'target', 'user_id', 'before', 'after'])
      .where('action', 'like', 'review.retype%')
      .where('target', 'in', [`persons/${person.id}`, `organizations/${orgId}`, `events/${s.event.id}`])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.action, a.target, a.user_id])).toEqual([
      ['review.retype', `events/${s.event.id}`, reviewer.userId],
      ['review.retype', `organizations/${orgId}`, reviewer.userId],
      ['review.retype', `persons/${person.id}`, reviewer.userId],
      ['review.retype-moved', `persons/${person.id}`, reviewer.userId],
    ]);
    expect(JSON.parse(audit[3]!.before!)).toEqual({ kind: 'person', id: person.id });
    expect(JSON.parse(audit[3]!.after!)).toEqual({
      kind: 'organization',
      id: orgId,
      evidence: evidenceIds,
      mentions: mentionIds,
      participants: [{ event_id: s.event.id, role: 'subject' }],
    });
    expect(JSON.parse(audit[2]!.after!)).toMatchObject({ review_status: 'rejected', deleted_at: old.deleted_at });
    const versions = await db
      .selectFrom('record_versions')
      .select(['record_table', 'version'])
      .where('record_id', 'in', [orgId, person.id])
      .orderBy('record_table')
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      { record_table: 'organizations', version: 1 },
      { record_table: 'persons', version: 1 },
      { record_table: 'persons', version: 2 },
    ]);
  });

  it('makes a proposed organization an accepted person with its names and keys, found in the people table', async () => {
    const s = await stage('garin.txt', personAsOrganization('Лев Гарин', 'Павла Шумова'));
    const { db } = h.t.workspace;
    const org = s.items.find((i) => i.kind === 'organization' && i.label === 'Лев Гарин')!;
    const mentionIds = (await db.selectFrom('mentions').select('id').where('entity_id', '=', org.id).execute()).map(
      (m) => m.id,
    );
    expect(mentionIds).toHaveLength(1);

    const res = await correct(org.id, reviewer, { recordType: 'person', gender: 'male', birthYear: 1979 });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Proposal;
    const personId = body.id;
    expect(body).toMatchObject({
      kind: 'person',
      status: 'accepted',
      label: 'Лев Гарин',
      retypedFrom: { id: org.id, kind: 'organization' },
    });
    expect(body.evidence.map((e) => e.quote)).toEqual(['Лев Гарин']);

    const person = await db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    expect(person).toMatchObject({
      display_name: 'Лев Гарин',
      gender: 'male',
      birth_year: 1979,
      review_status: 'accepted',
      confidentiality: 'internal',
      merged_into: null,
      deleted_at: null,
    });
    const names = await db
      .selectFrom('person_names')
      .select(['name', 'kind', 'script', 'source_id'])
      .where('person_id', '=', personId)
      .execute();
    expect(names).toEqual([{ name: 'Лев Гарин', kind: 'primary', script: 'Cyrl', source_id: s.sourceId }]);
    const keys = await db
      .selectFrom('name_keys')
      .select(['record_table', 'name_key'])
      .where('record_id', 'in', [personId, org.id])
      .orderBy('name_key')
      .execute();
    // The exact key, and a person's search keys (a fold and a spelling per word: src/resolve/name-search-keys.ts).
    expect(keys.map((k) => `${k.record_table} ${k.name_key}`).sort()).toEqual(
      ['лев гарин', 'Φlev', 'Ωлев', 'Φgarin', 'Ωгарин'].map((k) => `persons ${k}`).sort(),
    );
    const mentions = await db
      .selectFrom('mentions')
      .select(['kind', 'entity_id'])
      .where('id', 'in', mentionIds)
      .execute();
    expect(mentions).toEqual([{ kind: 'person', entity_id: personId }]);
    const agent = await db
      .selectFrom('event_participants')
      .select(['entity_type', 'entity_id'])
      .where('event_id', '=', s.event.id)
      .where('role', '=', 'agent')
      .execute();
    expect(agent).toEqual([{ entity_type: 'persons', entity_id: personId }]);
    const old = await db.selectFrom('organizations').selectAll().where('id', '=', org.id).executeTakeFirstOrThrow();
    expect([old.review_status, old.deleted_at === null]).toEqual(['rejected', false]);

    const found = (await call('GET', '/api/v1/persons?q=гарин', reviewer)).json() as { items: Array<{ id: string }> };
    expect(found.items.map((p) => p.id)).toEqual([personId]);
    const page = await call('GET', `/api/v1/persons/${personId}`, reviewer);
    expect(page.statusCode).toBe(200);
  });

  it('refuses recordType on an event, an unknown kind and fields of the wrong kind with 400, changing nothing', async () => {
    const s = await stage('refused.txt', organizationAsPerson('Открытая Россия'));
    const person = s.items.find((i) => i.kind === 'person')!;
    const existing = (
      await h.t.workspace.db.transaction().execute((trx) => createPerson(trx, { displayName: 'Борис Жуков' }, null))
    ).id;
    const ids = [person.id, s.event.id, existing];
    const before = await state(ids);
    const refusals: Array<[string, string, Agent, object]> = [
      ['an event made an organization', s.event.id, reviewer, { recordType: 'organization' }],
      ['an event made a person', s.event.id, reviewer, { recordType: 'person', type: 'arrest' }],
      ['an unknown kind', person.id, reviewer, { recordType: 'place' }],
      ['a case', person.id, reviewer, { recordType: 'case' }],
      ['a field organizations lack', person.id, reviewer, { recordType: 'organization', gender: 'male' }],
      ['two different names', person.id, reviewer, { recordType: 'organization', name: 'А', displayName: 'Б' }],
      ['an empty name', person.id, reviewer, { recordType: 'organization', name: ' ' }],
      [
        'a link to a person while becoming an organization',
        person.id,
        editor,
        { recordType: 'organization', samePersonAs: existing },
      ],
      [
        'a bad span',
        person.id,
        reviewer,
        { recordType: 'organization', evidence: [{ id: person.evidence[0]!.id, start: 5, end: 5 }] },
      ],
      [
        'participants of a non-event',
        person.id,
        reviewer,
        { recordType: 'organization', subjects: [{ id: existing }] },
      ],
    ];
    for (const [what, id, agent, body] of refusals) {
      const res = await correct(id, agent, body);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error.code, what).toBe('VALIDATION');
      expect(await state(ids), what).toEqual(before);
    }
    const onEvent = await correct(s.event.id, reviewer, { recordType: 'organization' });
    expect(onEvent.json().error.message).toBe(
      `only a person or an organization proposal can change its kind; ${s.event.id} is a proposed event`,
    );
    expect(before.persons.find((p) => p.id === person.id)?.review_status).toBe('proposed');
  });

  it('refuses with 409 while a case party, relationship, merge or merge proposal names the person, changing nothing', async () => {
    const s = await stage('conflict.txt', organizationAsPerson('Агора'));
    const { db } = h.t.workspace;
    const person = s.items.find((i) => i.kind === 'person')!;
    const other = (await db.transaction().execute((trx) => createPerson(trx, { displayName: 'Павел Чиков' }, null))).id;
    const caseId = (await db.transaction().execute((trx) => createCase(trx, { name: 'дело «Агоры»' }, null))).id;
    const now = new Date().toISOString();
    const ids = [person.id, s.event.id, other];
    const blockers: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      [
        'a case party',
        () =>
          db.insertInto('case_parties').values({ case_id: caseId, person_id: person.id, role: 'defendant' }).execute(),
        () => db.deleteFrom('case_parties').where('person_id', '=', person.id).execute(),
      ],
      [
        'a relationship to it',
        () =>
          db
            .insertInto('relationships')
            .values({
              id: newId(),
              from_person_id: other,
              to_entity_type: 'persons',
              to_entity_id: person.id,
              kind: 'lawyer_of',
              evidence_id: null,
              created_at: now,
              deleted_at: null,
              note: null,
              created_by: null,
            })
            .execute(),
        () => db.deleteFrom('relationships').where('to_entity_id', '=', person.id).execute(),
      ],
      [
        'a person merged into it',
        () => db.updateTable('persons').set({ merged_into: person.id }).where('id', '=', other).execute(),
        () => db.updateTable('persons').set({ merged_into: null }).where('id', '=', other).execute(),
      ],
      [
        'a pending merge proposal',
        () =>
          db
            .insertInto('merge_proposals')
            .values({
              id: newId(),
              // A pair is stored in id order (merges.ts pairKey).
              person_a: [person.id, other].sort()[0]!,
              person_b: [person.id, other].sort()[1]!,
              score: 0.9,
              why: '{}',
              status: 'pending',
              decided_by: null,
              decided_at: null,
              created_at: now,
              updated_at: now,
            })
            .execute(),
        () => db.deleteFrom('merge_proposals').where('person_a', 'in', [person.id, other]).execute(),
      ],
    ];
    for (const [what, block, unblock] of blockers) {
      await block();
      const before = await state(ids);
      const res = await correct(person.id, reviewer, { recordType: 'organization' });
      expect(res.statusCode, what).toBe(409);
      expect(res.json().error.code, what).toBe('CONFLICT');
      expect(res.json().error.message, what).toContain(person.id);
      expect(await state(ids), what).toEqual(before);
      await unblock();
    }
    // A relationship deleted before stays pointing at the retired person and does not block.
    await db
      .insertInto('relationships')
      .values({
        id: newId(),
        from_person_id: other,
        to_entity_type: 'persons',
        to_entity_id: person.id,
        kind: 'lawyer_of',
        evidence_id: null,
        created_at: now,
        deleted_at: now,
        note: null,
        created_by: null,
      })
      .execute();
    expect((await correct(person.id, reviewer, { recordType: 'organization' })).statusCode).toBe(200);
  });

  it('with the kind it already has, is an ordinary correction; an accepted proposal changes kind as it is corrected', async () => {
    const s = await stage('same-kind.txt', organizationAsPerson('Роман Доброхотов'));
    const { db } = h.t.workspace;
    const person = s.items.find((i) => i.kind === 'person')!;
    const organizations = await db
      .selectFrom('organizations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const same = await correct(person.id, reviewer, { recordType: 'person', displayName: 'Роман Доброхотов' });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ id: person.id, kind: 'person', status: 'accepted' });
    expect(same.json().retypedFrom).toBeUndefined();
    const after = await db
      .selectFrom('organizations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(organizations.n));

    // Now accepted, and a correction route corrects accepted proposals: it may still turn out to be an organization.
    const res = await correct(person.id, reviewer, { recordType: 'organization', name: 'The Insider' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'organization', label: 'The Insider', retypedFrom: { id: person.id } });
    const persons = (await call('GET', '/api/v1/persons?q=доброхотов', reviewer)).json();
    expect(persons.total).toBe(0);
  });

  it('makes an organization proposal a person and links it to an existing person (editor), undone by the merge undo', async () => {
    const s = await stage('linked.txt', personAsOrganization('Игорь Зотов', 'Андрея Белова'));
    const { db } = h.t.workspace;
    const org = s.items.find((i) => i.kind === 'organization' && i.label === 'Игорь Зотов')!;
    const kept = (
      await db.transaction().execute((trx) => createPerson(trx, { displayName: 'Игорь Зотов-старший' }, null))
    ).id;
    const before = await state([org.id, kept, s.event.id]);
    // A reviewer may change the kind but not merge: the whole correction is refused.
    const denied = await correct(org.id, reviewer, { recordType: 'person', samePersonAs: kept });
    expect(denied.statusCode).toBe(404);
    expect(await state([org.id, kept, s.event.id])).toEqual(before);

    const res = await correct(org.id, editor, { recordType: 'person', samePersonAs: kept });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Proposal;
    expect(body.merged?.keptId).toBe(kept);
    expect(body.retypedFrom).toEqual({ id: org.id, kind: 'organization' });
    const agent = await db
      .selectFrom('event_participants')
      .select(['entity_type', 'entity_id'])
      .where('event_id', '=', s.event.id)
      .where('role', '=', 'agent')
      .execute();
    expect(agent).toEqual([{ entity_type: 'persons', entity_id: kept }]);
    const merged = await db.selectFrom('persons').select('merged_into').where('id', '=', body.id).executeTakeFirst();
    expect(merged?.merged_into).toBe(kept);
    expect((await call('POST', `/api/v1/merges/${body.merged!.mergeId}/undo`, editor)).statusCode).toBe(200);
    const back = await db
      .selectFrom('event_participants')
      .select(['entity_type', 'entity_id'])
      .where('event_id', '=', s.event.id)
      .where('role', '=', 'agent')
      .execute();
    expect(back).toEqual([{ entity_type: 'persons', entity_id: body.id }]);
  });

  it('makes one record when two reviewers change the same proposal at once', async () => {
    const s = await stage('twice.txt', organizationAsPerson('Новая газета'));
    const { db } = h.t.workspace;
    const person = s.items.find((i) => i.kind === 'person')!;
    const other = await h.signIn('reviewer');
    const results = await Promise.all([
      correct(person.id, reviewer, { recordType: 'organization' }),
      correct(person.id, other, { recordType: 'organization' }),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    // The later one finds the proposal gone (it began after) or retired (it waited for the first).
    expect([404, 409]).toContain(codes[1]);
    const made = await db.selectFrom('organizations').select('id').where('name', '=', 'Новая газета').execute();
    expect(made).toHaveLength(1);
    const evidence = await db.selectFrom('evidence').select('target_id').where('target_id', '=', made[0]!.id).execute();
    expect(evidence).toHaveLength(2);
  });

  it('describes recordType and retypedFrom in the OpenAPI document', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json', reviewer)).json();
    const post = doc.paths['/api/v1/review/{id}/correct'].post;
    const schema = post.requestBody.content['application/json'].schema;
    expect(schema.properties.recordType.description).toEqual(expect.any(String));
    expect(JSON.stringify(schema.properties.recordType)).toContain('organization');
    const response = post.responses['200'].content['application/json'].schema;
    expect(response.properties.retypedFrom.description).toEqual(expect.any(String));
  });
});
