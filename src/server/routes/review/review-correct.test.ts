import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { ingestText, span } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createGroup, createHarness, type Harness } from '../../../../test/security/harness.js';
import { createCase, createPerson, type ExtractionInput, stageExtraction } from '../../../record/index.js';

const dialects = await testDialects();

/**
 * A report of one detention with its own names, so that each test stages proposals no other test accepts (an
 * accepted name would be linked by the next staging instead of proposed). It starts with an emoji, two UTF-16 code
 * units, so an offset counted in code points would miss every span.
 */
function report(person: string, inflected: string): { text: string; extraction: ExtractionInput } {
  const text = `📰 В Казани 3 апреля 2024 года полиция задержала активиста ${inflected}.  Позже ${person} вышел на свободу.`;
  const surname = inflected.split(' ')[1]!;
  return {
    text,
    extraction: {
      language: 'ru',
      persons: [
        {
          name: person,
          // The extractor caught only the surname in the first sentence; a reviewer widens it to the full name.
          mentions: [span(text, surname), span(text, person)],
          confidence: 0.9,
        },
      ],
      organizations: [{ name: 'полиция', mentions: [span(text, 'полиция')] }],
      places: [],
      dates: [],
      cases: [],
      events: [
        {
          type: 'detention',
          date: '2024-04-03',
          places: [],
          subjects: [person],
          agents: ['полиция'],
          case: null,
          sentenceYears: null,
          evidence: span(text, `В Казани 3 апреля 2024 года полиция задержала активиста ${inflected}.`),
          confidence: 0.8,
        },
      ],
    } as unknown as ExtractionInput,
  };
}

interface Staged {
  sourceId: string;
  text: string;
  person: Proposal;
  event: Proposal;
}

interface Proposal {
  id: string;
  kind: string;
  status: string;
  evidence: Array<{ id: string; sourceId: string; start: number; end: number; quote: string }>;
  event?: { type: string; participants: Array<{ role: string; entityType: string; entityId: string }> };
}

describe.each(dialects)('POST /api/v1/review/:id/correct on %s', (dialect) => {
  let h: Harness;
  let reviewer: Agent;
  let editor: Agent;

  const call: Harness['call'] = (...request) => h.call(...request);
  const correct = (id: string, agent: Agent, body: object) => call('POST', `/api/v1/review/${id}/correct`, agent, body);

  async function stage(name: string, person: string, inflected: string): Promise<Staged> {
    const { text, extraction } = report(person, inflected);
    const sourceId = await ingestText(h.t.workspace, name, text);
    await h.t.workspace.db
      .transaction()
      .execute((trx) => stageExtraction(trx, { sourceId, extraction, extractorVersion: '1', userId: null }));
    const { items } = (await call('GET', `/api/v1/review?sourceId=${sourceId}`, reviewer)).json() as {
      items: Proposal[];
    };
    return {
      sourceId,
      text,
      person: items.find((i) => i.kind === 'person')!,
      event: items.find((i) => i.kind === 'event')!,
    };
  }

  async function existingPerson(displayName: string): Promise<string> {
    const view = await h.t.workspace.db.transaction().execute((trx) => createPerson(trx, { displayName }, null));
    return view.id;
  }

  /** Everything a correction of these records could touch, to show a refused one touched nothing. */
  async function state(ids: string[]) {
    const { db } = h.t.workspace;
    const count = async (table: 'audit_log' | 'record_versions' | 'person_merges') =>
      Number(
        (await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst())!.n,
      );
    return {
      persons: await db
        .selectFrom('persons')
        .select(['id', 'display_name', 'review_status', 'merged_into', 'version'])
        .where('id', 'in', ids)
        .orderBy('id')
        .execute(),
      events: await db
        .selectFrom('events')
        .select(['id', 'type', 'date', 'status', 'version'])
        .where('id', 'in', ids)
        .orderBy('id')
        .execute(),
      names: await db.selectFrom('person_names').selectAll().where('person_id', 'in', ids).orderBy('id').execute(),
      participants: await db
        .selectFrom('event_participants')
        .selectAll()
        .where('event_id', 'in', ids)
        .orderBy('role')
        .orderBy('entity_id')
        .execute(),
      evidence: await db.selectFrom('evidence').selectAll().where('target_id', 'in', ids).orderBy('id').execute(),
      mentions: await db.selectFrom('mentions').selectAll().where('entity_id', 'in', ids).orderBy('id').execute(),
      audit: await count('audit_log'),
      versions: await count('record_versions'),
      merges: await count('person_merges'),
    };
  }

  beforeAll(async () => {
    h = await createHarness(dialect);
    reviewer = await h.signIn('reviewer');
    editor = await h.signIn('editor');
  });
  afterAll(async () => h?.close());

  it('moves an evidence span: the quote is the text between the new offsets, the mention follows, both are audited', async () => {
    const s = await stage('span.txt', 'Олег Смирнов', 'Олега Смирнова');
    const { db } = h.t.workspace;
    const short = s.person.evidence.find((e) => e.quote === 'Смирнова')!;
    const other = s.person.evidence.find((e) => e.quote === 'Олег Смирнов')!;
    const start = s.text.indexOf('Олега Смирнова');
    const end = start + 'Олега Смирнова'.length;
    const mentionBefore = await db
      .selectFrom('mentions')
      .selectAll()
      .where('entity_id', '=', s.person.id)
      .where('start', '=', short.start)
      .executeTakeFirstOrThrow();

    const res = await correct(s.person.id, reviewer, { evidence: [{ id: short.id, start, end }] });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Proposal;
    expect(body.status).toBe('accepted');
    expect(body.evidence.find((e) => e.id === short.id)).toEqual({
      id: short.id,
      sourceId: s.sourceId,
      start,
      end,
      quote: 'Олега Смирнова',
    });

    const evidence = await db.selectFrom('evidence').selectAll().where('id', '=', short.id).executeTakeFirstOrThrow();
    expect([evidence.start, evidence.end, evidence.quote]).toEqual([start, end, s.text.slice(start, end)]);
    // The other evidence row, and its mention, stay where they were.
    const untouched = await db.selectFrom('evidence').selectAll().where('id', '=', other.id).executeTakeFirstOrThrow();
    expect([untouched.start, untouched.end, untouched.quote]).toEqual([other.start, other.end, 'Олег Смирнов']);
    const mentions = await db
      .selectFrom('mentions')
      .select(['id', 'start', 'end', 'text'])
      .where('entity_id', '=', s.person.id)
      .orderBy('start')
      .execute();
    expect(mentions).toEqual([
      { id: mentionBefore.id, start, end, text: 'Олега Смирнова' },
      { id: expect.any(String), start: other.start, end: other.end, text: 'Олег Смирнов' },
    ]);
    // The organization's mention elsewhere in the source did not move.
    const police = await db
      .selectFrom('mentions')
      .select(['start', 'text'])
      .where('source_id', '=', s.sourceId)
      .where('text', '=', 'полиция')
      .executeTakeFirstOrThrow();
    expect(police.start).toBe(s.text.indexOf('полиция'));

    const audit = await db
      .selectFrom('audit_log')
      .select(['user_id', 'before', 'after'])
      .where('action', '=', 'review.correct-evidence')
      .where('target', '=', `persons/${s.person.id}`)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.user_id).toBe(reviewer.userId);
    expect(JSON.parse(audit[0]!.before!)).toEqual({
      evidence: [{ id: short.id, sourceId: s.sourceId, start: short.start, end: short.end, quote: 'Смирнова' }],
    });
    expect(JSON.parse(audit[0]!.after!)).toEqual({
      evidence: [
        { id: short.id, sourceId: s.sourceId, start, end, quote: 'Олега Смирнова', mentions: [mentionBefore.id] },
      ],
    });
  });

  it('refuses each bad span with 400, changing nothing (not even the other fields of the correction)', async () => {
    const s = await stage('bad-span.txt', 'Пётр Орлов', 'Петра Орлова');
    const elsewhere = await stage('bad-span-2.txt', 'Иван Котов', 'Ивана Котова');
    const ev = s.person.evidence[0]!;
    const space = s.text.indexOf('.  Позже') + 1;
    const bad: Array<[string, object]> = [
      ['evidence of another proposal of the source', { id: s.event.evidence[0]!.id, start: 3, end: 10 }],
      ['evidence of another source', { id: elsewhere.person.evidence[0]!.id, start: 3, end: 10 }],
      ['an unknown evidence id', { id: '01NOSUCHEVIDENCE', start: 3, end: 10 }],
      ['start equal to end', { id: ev.id, start: 10, end: 10 }],
      ['start after end', { id: ev.id, start: 12, end: 10 }],
      ['an end beyond the text', { id: ev.id, start: 3, end: s.text.length + 1 }],
      ['a span of whitespace only', { id: ev.id, start: space, end: space + 2 }],
      ['a negative start', { id: ev.id, start: -1, end: 10 }],
      ['a fractional end', { id: ev.id, start: 3, end: 10.5 }],
      ['a boundary inside the emoji', { id: ev.id, start: 1, end: 10 }],
    ];
    expect(s.text.slice(space, space + 2)).toBe('  ');
    const before = await state([s.person.id, s.event.id]);
    for (const [what, span] of bad) {
      const res = await correct(s.person.id, reviewer, { displayName: 'Пётр Орлов-Иной', evidence: [span] });
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error.code, what).toBe('VALIDATION');
      expect(await state([s.person.id, s.event.id]), what).toEqual(before);
    }
    const foreign = await correct(s.person.id, reviewer, { evidence: [{ id: '01NOSUCHEVIDENCE', start: 3, end: 10 }] });
    expect(foreign.json().error.message).toContain('01NOSUCHEVIDENCE');
    const twice = await correct(s.person.id, reviewer, {
      evidence: [
        { id: ev.id, start: 3, end: 10 },
        { id: ev.id, start: 4, end: 10 },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(before.persons[0]!.review_status).toBe('proposed');
    expect(await state([s.person.id, s.event.id])).toEqual(before);
    // The same span within the text is taken: the refusals above were for their spans, not for the proposal.
    const good = await correct(s.person.id, reviewer, { evidence: [{ id: ev.id, start: 3, end: 10 }] });
    expect(good.statusCode).toBe(200);
  });

  it('links a person proposal to an existing person for an editor: accepted, merged in, and undone by the merge undo', async () => {
    const s = await stage('same.txt', 'Тимур Сафин', 'Тимура Сафина');
    const kept = await existingPerson('Айдар Валиев');
    const { db } = h.t.workspace;
    const proposalMentions = (
      await db.selectFrom('mentions').select('id').where('entity_id', '=', s.person.id).execute()
    ).map((m) => m.id);
    const proposalEvidence = s.person.evidence.map((e) => e.id);
    const short = s.person.evidence.find((e) => e.quote === 'Сафина')!;
    const start = s.text.indexOf('Тимура Сафина');

    // A reviewer may accept but not merge: refused like any action beyond the role (DESIGN §8: 404), nothing changed.
    const before = await state([s.person.id, kept, s.event.id]);
    const denied = await correct(s.person.id, reviewer, { displayName: 'Тимур Сафин', samePersonAs: kept });
    expect(denied.statusCode).toBe(404);
    expect(denied.json().error.code).toBe('NOT_FOUND');
    expect(await state([s.person.id, kept, s.event.id])).toEqual(before);

    const res = await correct(s.person.id, editor, {
      samePersonAs: kept,
      evidence: [{ id: short.id, start, end: start + 'Тимура Сафина'.length }],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Proposal & { merged: { mergeId: string; keptId: string } };
    expect(body.status).toBe('accepted');
    expect(body.merged.keptId).toBe(kept);
    expect(body.evidence.find((e) => e.id === short.id)?.quote).toBe('Тимура Сафина');

    const proposal = await db.selectFrom('persons').selectAll().where('id', '=', s.person.id).executeTakeFirstOrThrow();
    expect([proposal.review_status, proposal.merged_into]).toEqual(['accepted', kept]);
    const names = await db.selectFrom('person_names').select('name').where('person_id', '=', kept).execute();
    expect(names.map((n) => n.name).sort()).toEqual(['Айдар Валиев', 'Тимур Сафин']);
    const mentions = await db.selectFrom('mentions').select('id').where('entity_id', '=', kept).execute();
    expect(mentions.map((m) => m.id).sort()).toEqual([...proposalMentions].sort());
    const evidence = await db.selectFrom('evidence').select('id').where('target_id', '=', kept).execute();
    expect(evidence.map((e) => e.id).sort()).toEqual([...proposalEvidence].sort());
    // The detention now names the existing person as its subject.
    const subject = await db
      .selectFrom('event_participants')
      .select('entity_id')
      .where('event_id', '=', s.event.id)
      .where('role', '=', 'subject')
      .execute();
    expect(subject.map((p) => p.entity_id)).toEqual([kept]);
    const merge = await db
      .selectFrom('person_merges')
      .selectAll()
      .where('id', '=', body.merged.mergeId)
      .executeTakeFirstOrThrow();
    expect([merge.kept_id, merge.other_id, merge.created_by]).toEqual([kept, s.person.id, editor.userId]);
    expect(merge.reason).toContain('linked in review');
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `person_merges/${merge.id}`)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['merge.create']);

    const undo = await call('POST', `/api/v1/merges/${merge.id}/undo`, editor);
    expect(undo.statusCode).toBe(200);
    const separated = await db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', s.person.id)
      .executeTakeFirstOrThrow();
    expect([separated.review_status, separated.merged_into]).toEqual(['accepted', null]);
    const back = await db.selectFrom('person_names').select('name').where('person_id', '=', s.person.id).execute();
    expect(back.map((n) => n.name)).toEqual(['Тимур Сафин']);
    const keptNames = await db.selectFrom('person_names').select('name').where('person_id', '=', kept).execute();
    expect(keptNames.map((n) => n.name)).toEqual(['Айдар Валиев']);
    const mentionsBack = await db.selectFrom('mentions').select('id').where('entity_id', '=', s.person.id).execute();
    expect(mentionsBack.map((m) => m.id).sort()).toEqual([...proposalMentions].sort());
    const evidenceBack = await db.selectFrom('evidence').select('id').where('target_id', '=', s.person.id).execute();
    expect(evidenceBack.map((e) => e.id).sort()).toEqual([...proposalEvidence].sort());
  });

  it('refuses a link to a person that is missing, deleted, merged or hidden (404), and on an event or itself (400)', async () => {
    const s = await stage('same-bad.txt', 'Руслан Ахметов', 'Руслана Ахметова');
    const { db } = h.t.workspace;
    const deleted = await existingPerson('Удалённый Человек');
    await db.updateTable('persons').set({ deleted_at: new Date().toISOString() }).where('id', '=', deleted).execute();
    const merged = await existingPerson('Слитый Человек');
    const survivor = await existingPerson('Оставшийся Человек');
    await db.updateTable('persons').set({ merged_into: survivor }).where('id', '=', merged).execute();
    const hidden = await existingPerson('Скрытый Человек');
    const group = await createGroup(h.t, `correct-${dialect}`, []);
    await db.updateTable('persons').set({ confidentiality: 'restricted' }).where('id', '=', hidden).execute();
    await db
      .insertInto('record_groups')
      .values({ record_table: 'persons', record_id: hidden, group_id: group })
      .execute();
    const organization = s.event.event!.participants.find((p) => p.entityType === 'organizations')!.entityId;

    const before = await state([s.person.id, s.event.id, deleted, merged, hidden]);
    for (const [what, target] of [
      ['unknown', '01NOSUCHPERSON'],
      ['deleted', deleted],
      ['merged', merged],
      ['restricted and invisible', hidden],
      ['an organization, not a person', organization],
    ] as const) {
      const res = await correct(s.person.id, editor, { samePersonAs: target });
      expect(res.statusCode, what).toBe(404);
      expect(res.json().error, what).toEqual({ code: 'NOT_FOUND', message: `no person ${target}` });
      expect(await state([s.person.id, s.event.id, deleted, merged, hidden]), what).toEqual(before);
    }
    const onEvent = await correct(s.event.id, editor, { samePersonAs: survivor });
    expect(onEvent.statusCode).toBe(400);
    expect(onEvent.json().error.code).toBe('VALIDATION');
    const itself = await correct(s.person.id, editor, { samePersonAs: s.person.id });
    expect(itself.statusCode).toBe(400);
    expect(itself.json().error.code).toBe('VALIDATION');
    expect(await state([s.person.id, s.event.id, deleted, merged, hidden])).toEqual(before);
    // An admin sees the restricted person: the refusal above was the policy's, not a broken link.
    const admin = await h.signIn('admin');
    expect((await correct(s.person.id, admin, { samePersonAs: hidden })).statusCode).toBe(200);
  });

  it('replaces the subjects only with live persons the user may see, and agents with live organizations', async () => {
    const s = await stage('subjects.txt', 'Альберт Галиев', 'Альберта Галиева');
    const { db } = h.t.workspace;
    const existing = await existingPerson('Ильдар Юсупов');
    const deleted = await existingPerson('Удалённый Участник');
    await db.updateTable('persons').set({ deleted_at: new Date().toISOString() }).where('id', '=', deleted).execute();
    const hidden = await existingPerson('Скрытый Участник');
    const group = await createGroup(h.t, `subjects-${dialect}`, []);
    await db.updateTable('persons').set({ confidentiality: 'restricted' }).where('id', '=', hidden).execute();
    await db
      .insertInto('record_groups')
      .values({ record_table: 'persons', record_id: hidden, group_id: group })
      .execute();
    const police = s.event.event!.participants.find((p) => p.role === 'agent')!;
    expect(police.entityType).toBe('organizations');

    const before = await state([s.event.id, s.person.id]);
    for (const [what, body, message] of [
      ['an unknown person', { subjects: [{ type: 'persons', id: '01NOSUCHPERSON' }] }, 'no person 01NOSUCHPERSON'],
      ['a deleted person', { subjects: [{ id: deleted }] }, `no person ${deleted}`],
      ['a person hidden from the reviewer', { subjects: [{ id: existing }, { id: hidden }] }, `no person ${hidden}`],
      [
        'an unknown organization',
        { agents: [{ type: 'organizations', id: '01NOSUCHORG' }] },
        'no organization 01NOSUCHORG',
      ],
      ['a person id given as an organization', { agents: [{ type: 'organizations', id: existing }] }, undefined],
    ] as const) {
      const res = await correct(s.event.id, reviewer, { date: '2024-04-04', ...body });
      expect(res.statusCode, what).toBe(404);
      expect(res.json().error.code, what).toBe('NOT_FOUND');
      if (message) expect(res.json().error.message, what).toBe(message);
      expect(await state([s.event.id, s.person.id]), what).toEqual(before);
    }
    const place = await correct(s.event.id, reviewer, { subjects: [{ type: 'places', id: existing }] });
    expect(place.statusCode).toBe(400);
    expect(await state([s.event.id, s.person.id])).toEqual(before);

    const res = await correct(s.event.id, reviewer, {
      subjects: [{ type: 'persons', id: existing }, { id: existing }],
      agents: [{ type: 'organizations', id: police.entityId }],
    });
    expect(res.statusCode).toBe(200);
    const participants = await db
      .selectFrom('event_participants')
      .select(['entity_type', 'entity_id', 'role'])
      .where('event_id', '=', s.event.id)
      .orderBy('role')
      .execute();
    expect(participants).toEqual([
      { entity_type: 'organizations', entity_id: police.entityId, role: 'agent' },
      { entity_type: 'persons', entity_id: existing, role: 'subject' },
    ]);
    const event = await db.selectFrom('events').select('status').where('id', '=', s.event.id).executeTakeFirstOrThrow();
    expect(event.status).toBe('accepted');
  });

  it('changes the event type to another known type, and refuses an unknown one with 400', async () => {
    const s = await stage('type.txt', 'Дамир Нуриев', 'Дамира Нуриева');
    const { db } = h.t.workspace;
    const before = await state([s.event.id]);
    const unknown = await correct(s.event.id, reviewer, { type: 'abduction' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION');
    expect(await state([s.event.id])).toEqual(before);
    const res = await correct(s.event.id, reviewer, { type: 'arrest' });
    expect(res.statusCode).toBe(200);
    expect(res.json().event.type).toBe('arrest');
    const row = await db
      .selectFrom('events')
      .select(['type', 'status'])
      .where('id', '=', s.event.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ type: 'arrest', status: 'accepted' });
  });

  it('keeps a sentence left empty empty (null, never 0), and refuses a day that does not exist', async () => {
    const s = await stage('dates.txt', 'Ринат Хасанов', 'Рината Хасанова');
    const { db } = h.t.workspace;
    const before = await state([s.event.id]);
    for (const date of ['2025-02-30', '2024-13', '2025-13-45', '0000-00-00']) {
      const bad = await correct(s.event.id, reviewer, { date, sentenceYears: null });
      expect(bad.statusCode, date).toBe(400);
      expect(bad.json().error.code, date).toBe('VALIDATION');
      expect(await state([s.event.id]), date).toEqual(before);
    }
    // A JSON body is taken as typed: a number sent as text is refused, not coerced.
    expect((await correct(s.event.id, reviewer, { sentenceYears: '6' })).statusCode).toBe(400);
    const res = await correct(s.event.id, reviewer, { date: '2024-02-29', sentenceYears: null });
    expect(res.statusCode).toBe(200);
    expect(res.json().event.sentenceYears).toBeNull();
    const row = await db
      .selectFrom('events')
      .select(['date', 'sentence_years'])
      .where('id', '=', s.event.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ date: '2024-02-29', sentence_years: null });
  });

  it('describes the new fields of a correction in the OpenAPI document', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json', reviewer)).json();
    const schema = doc.paths['/api/v1/review/{id}/correct'].post.requestBody.content['application/json'].schema;
    for (const field of ['evidence', 'samePersonAs', 'subjects', 'agents'])
      expect(schema.properties[field].description, field).toEqual(expect.any(String));
    expect(schema.properties.evidence.maxItems).toBe(20);
  });

  it("refuses an event's hidden case or missing place as not found, and its contradictory dates, changing nothing", async () => {
    const s = await stage('links.txt', 'Глеб Ветров', 'Глеба Ветрова');
    const hiddenCase = await h.t.workspace.db
      .transaction()
      .execute((trx) => createCase(trx, { name: 'дело Ветрова', confidentiality: 'restricted' }, null));
    const missingId = '01M96VEP3E50RWK41B6XDSYTM9';
    const before = await state([s.event.id]);
    const hidden = await correct(s.event.id, reviewer, { caseId: hiddenCase.id });
    const missing = await correct(s.event.id, reviewer, { caseId: missingId });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual(JSON.parse(missing.body.replaceAll(missingId, hiddenCase.id)));
    expect((await correct(s.event.id, reviewer, { placeId: 'NOPE' })).json().error).toEqual({
      code: 'NOT_FOUND',
      message: 'no place NOPE',
    });
    for (const [body, message] of [
      [{ date: '2024-04', datePrecision: 'day' }, /datePrecision day disagrees with date 2024-04, which is a month/],
      [{ dateEnd: '2024-04-02' }, /dateEnd 2024-04-02 is before date 2024-04-03/],
      [{ date: '2999-04-03' }, /date 2999-04-03 is in the future, and a detention can only have happened/],
    ] as const) {
      const res = await correct(s.event.id, reviewer, body);
      expect(res.json().error, JSON.stringify(body)).toEqual({
        code: 'VALIDATION',
        message: expect.stringMatching(message),
      });
    }
    expect(await state([s.event.id])).toEqual(before);
    const hearing = await correct(s.event.id, reviewer, { type: 'hearing', date: '2999-04-03' });
    expect(hearing.json()).toMatchObject({ status: 'accepted', event: { type: 'hearing', date: '2999-04-03' } });
  });
});
