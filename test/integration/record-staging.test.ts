import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup, type PolicyUser, recordGroups, setRecordGroups, visibleIds } from '../../src/auth/index.js';
import { runWorker } from '../../src/jobs/index.js';
import { EXTRACT_JOB, extractJobHandler, queueExtraction, stageExtraction } from '../../src/record/index.js';
import { ChronicleError } from '../../src/shared/errors.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';
import { insertUser } from '../security/exports-property.js';
import { ingestText, span, UFA_TEXT, ufaExtraction } from './record-fixtures.js';

const dialects = await testDialects();

describe.each(dialects)('staging extractions on %s', (dialect) => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
  });
  afterAll(async () => t.dispose());

  it('turns an extraction into proposed mentions, entities and events with evidence quoting the source', async () => {
    const { db } = t.workspace;
    const sourceId = await ingestText(t.workspace, 'ufa.txt', UFA_TEXT);
    const result = await db
      .transaction()
      .execute((trx) =>
        stageExtraction(trx, { sourceId, extraction: ufaExtraction(), extractorVersion: '1', userId: null }),
      );
    expect(result).toMatchObject({
      skipped: false,
      persons: 1,
      organizations: 1,
      places: 1,
      cases: 1,
      events: 2,
      mentions: 6,
    });

    const person = await db.selectFrom('persons').selectAll().executeTakeFirstOrThrow();
    expect(person).toMatchObject({ display_name: 'Иван Петров', review_status: 'proposed' });
    expect(
      await db.selectFrom('person_names').select(['name', 'script']).where('person_id', '=', person.id).execute(),
    ).toEqual([{ name: 'Иван Петров', script: 'Cyrl' }]);

    const place = await db.selectFrom('places').selectAll().executeTakeFirstOrThrow();
    expect(place).toMatchObject({ name: 'Уфа', country: 'RU', gazetteer_id: 'geonames:479561' });
    expect(place.lat).toBeCloseTo(54.74);

    const events = await db.selectFrom('events').selectAll().orderBy('type').execute();
    expect(events.map((e) => [e.type, e.date, e.date_precision, e.status, e.sentence_years])).toEqual([
      ['detention', '2024-03-12', 'day', 'proposed', null],
      ['sentence', '2024-03', 'month', 'proposed', 6],
    ]);
    expect(events[0]!.place_id).toBe(place.id);
    expect(events[1]!.case_id).not.toBeNull();

    const participants = await db
      .selectFrom('event_participants')
      .selectAll()
      .where('event_id', '=', events[0]!.id)
      .orderBy('role')
      .execute();
    expect(participants.map((p) => [p.role, p.entity_type])).toEqual([
      ['agent', 'organizations'],
      ['subject', 'persons'],
    ]);

    const evidence = await db.selectFrom('evidence').selectAll().where('source_id', '=', sourceId).execute();
    for (const e of evidence) expect(e.quote).toBe(UFA_TEXT.slice(e.start, e.end));
    expect(evidence.filter((e) => e.target_table === 'persons')).toHaveLength(2);
    expect(evidence.find((e) => e.target_id === events[0]!.id)?.quote).toBe(
      'В Уфе 12 марта 2024 года полиция задержала Ивана Петрова.',
    );

    const mentions = await db
      .selectFrom('mentions')
      .select(['kind', 'text', 'status'])
      .where('source_id', '=', sourceId)
      .orderBy('start')
      .execute();
    expect(mentions.map((m) => m.kind).sort()).toEqual(['case', 'date', 'organization', 'person', 'person', 'place']);
    expect(mentions.every((m) => m.status === 'proposed')).toBe(true);

    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', '=', 'record.stage')
      .execute();
    expect(audit).toEqual([{ action: 'record.stage', target: `sources/${sourceId}` }]);
  });

  it('links a name to an existing accepted person after normalization (case, ё→е) instead of proposing a new one', async () => {
    const { db } = t.workspace;
    const first = await db
      .selectFrom('persons')
      .select('id')
      .where('display_name', '=', 'Иван Петров')
      .executeTakeFirstOrThrow();
    await db.updateTable('persons').set({ review_status: 'accepted' }).where('id', '=', first.id).execute();
    const text = 'В Уфе задержали ИВАНА ПЕТРОВА и Пётра Семёнова.';
    const sourceId = await ingestText(t.workspace, 'ufa-2.txt', text);
    const extraction = {
      language: 'ru',
      places: [],
      persons: [
        { name: 'ИВАН ПЕТРОВ', mentions: [span(text, 'ИВАНА ПЕТРОВА')] },
        { name: 'Пётр Семёнов', mentions: [span(text, 'Пётра Семёнова')] },
      ],
      organizations: [],
      cases: [],
      dates: [],
      events: [{ type: 'detention' as const, subjects: ['ИВАН ПЕТРОВ', 'Пётр Семёнов'], evidence: span(text, text) }],
    };
    const result = await db
      .transaction()
      .execute((trx) => stageExtraction(trx, { sourceId, extraction, extractorVersion: '1', userId: null }));
    expect(result).toMatchObject({ persons: 1, events: 1 });
    const subjects = await db
      .selectFrom('event_participants')
      .innerJoin('events', 'events.id', 'event_participants.event_id')
      .select('entity_id')
      .where('events.source_id', '=', sourceId)
      .where('role', '=', 'subject')
      .execute();
    expect(subjects.map((s) => s.entity_id)).toContain(first.id);
    expect(subjects).toHaveLength(2);
  });

  it('re-staging with a newer extractor version replaces proposed rows and keeps accepted and rejected ones', async () => {
    const { db } = t.workspace;
    const text = 'Анну Смирнову задержали в Москве. Позже Анну Смирнову отпустили.';
    const sourceId = await ingestText(t.workspace, 'moscow.txt', text);
    const v1 = {
      language: 'ru',
      persons: [
        { name: 'Анна Смирнова', mentions: [span(text, 'Анну Смирнову')] },
        { name: 'Москва Позже', mentions: [span(text, 'Москве. Позже')] },
      ],
      organizations: [],
      places: [],
      dates: [],
      cases: [],
      events: [
        {
          type: 'detention' as const,
          subjects: ['Анна Смирнова'],
          evidence: span(text, 'Анну Смирнову задержали в Москве.'),
        },
        {
          type: 'release' as const,
          subjects: ['Анна Смирнова'],
          evidence: span(text, 'Позже Анну Смирнову отпустили.'),
        },
      ],
    };
    await db
      .transaction()
      .execute((trx) => stageExtraction(trx, { sourceId, extraction: v1, extractorVersion: '1', userId: null }));
    const events = await db.selectFrom('events').select(['id', 'type']).where('source_id', '=', sourceId).execute();
    const detention = events.find((e) => e.type === 'detention')!;
    await db.updateTable('events').set({ status: 'accepted' }).where('id', '=', detention.id).execute();
    const wrong = await db
      .selectFrom('persons')
      .select('id')
      .where('display_name', '=', 'Москва Позже')
      .executeTakeFirstOrThrow();
    await db.updateTable('persons').set({ review_status: 'rejected' }).where('id', '=', wrong.id).execute();

    const same = await db
      .transaction()
      .execute((trx) => stageExtraction(trx, { sourceId, extraction: v1, extractorVersion: '1', userId: null }));
    expect(same.skipped).toBe(true);

    const v2 = {
      ...v1,
      persons: v1.persons,
      events: [...v1.events, { type: 'search' as const, subjects: ['Анна Смирнова'], evidence: span(text, 'Позже') }],
    };
    const result = await db
      .transaction()
      .execute((trx) => stageExtraction(trx, { sourceId, extraction: v2, extractorVersion: '2', userId: null }));
    expect(result.skipped).toBe(false);
    expect(result.replaced).toBeGreaterThan(0);

    const after = await db
      .selectFrom('events')
      .select(['id', 'type', 'status'])
      .where('source_id', '=', sourceId)
      .orderBy('type')
      .execute();
    // The accepted detention is kept and not proposed again; release is proposed anew; search is new.
    expect(after.map((e) => [e.type, e.status])).toEqual([
      ['detention', 'accepted'],
      ['release', 'proposed'],
      ['search', 'proposed'],
    ]);
    expect(after.find((e) => e.type === 'detention')!.id).toBe(detention.id);
    // The accepted detention still has its subject, the rejected name was not proposed again.
    expect(
      await db.selectFrom('event_participants').select('entity_id').where('event_id', '=', detention.id).execute(),
    ).toHaveLength(1);
    expect(await db.selectFrom('persons').select('id').where('display_name', '=', 'Москва Позже').execute()).toEqual([
      { id: wrong.id },
    ]);
    const anna = await db
      .selectFrom('persons')
      .select(['id', 'review_status'])
      .where('display_name', '=', 'Анна Смирнова')
      .execute();
    expect(anna).toHaveLength(1);
  });

  it('refuses an extraction whose spans lie outside the text, writing nothing', async () => {
    const { db } = t.workspace;
    const sourceId = await ingestText(t.workspace, 'short.txt', 'Коротко.');
    const bad = {
      language: 'ru',
      persons: [{ name: 'X', mentions: [{ start: 0, end: 99, text: 'X' }] }],
      organizations: [],
      places: [],
      dates: [],
      cases: [],
      events: [],
    };
    const error = await db
      .transaction()
      .execute((trx) => stageExtraction(trx, { sourceId, extraction: bad, extractorVersion: '1', userId: null }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChronicleError);
    expect((error as ChronicleError).code).toBe('VALIDATION');
    expect(await db.selectFrom('mentions').select('id').where('source_id', '=', sourceId).execute()).toEqual([]);
  });

  it('runs extraction as a job: extractor called with the source text, staged and completed in one transaction', async () => {
    const { db } = t.workspace;
    const sourceId = await ingestText(t.workspace, 'ufa-job.txt', `${UFA_TEXT} `, { publishedAt: '2024-03-13' });
    const calls: Array<{ text: string; options: unknown }> = [];
    const handler = extractJobHandler({
      db,
      extractorVersion: 'job-1',
      userId: null,
      runExtractor: (text, options) => {
        calls.push({ text, options });
        return ufaExtraction(text);
      },
    });
    await queueExtraction(db, sourceId, 'job-1');
    const again = await queueExtraction(db, sourceId, 'job-1');
    expect(again.created).toBe(false);
    const done = await runWorker({ db, handlers: { [EXTRACT_JOB]: handler }, exitWhenIdle: true });
    expect(done).toBe(1);
    expect(calls).toEqual([{ text: `${UFA_TEXT} `, options: { language: 'ru', referenceDate: '2024-03-13' } }]);
    const job = await db.selectFrom('jobs').selectAll().where('kind', '=', EXTRACT_JOB).executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
    expect(JSON.parse(job.result!)).toMatchObject({ sourceId, events: 2 });
    expect(await db.selectFrom('events').select('id').where('source_id', '=', sourceId).execute()).toHaveLength(2);
  });

  it('does not extract again the same text in other bytes, whose original is extracted: its proposals would stand twice', async () => {
    const { db } = t.workspace;
    const text = `${UFA_TEXT} Об этом сообщили дважды.`;
    const original = await ingestText(t.workspace, 'twice.txt', text);
    const copy = await ingestText(t.workspace, 'twice-bom.txt', `\uFEFF${text}`);
    const hiddenText = `${UFA_TEXT} Об этом сообщили в письме.`;
    const restricted = await ingestText(t.workspace, 'twice-hidden.txt', hiddenText, {
      confidentiality: 'restricted',
    });
    const hiddenCopy = await ingestText(t.workspace, 'twice-hidden-bom.txt', `\uFEFF${hiddenText}`);
    const calls: string[] = [];
    const handler = extractJobHandler({
      db,
      extractorVersion: 'copies-1',
      userId: null,
      runExtractor: (t) => {
        calls.push(t);
        return ufaExtraction(t);
      },
    });
    for (const id of [original, copy, restricted, hiddenCopy]) await queueExtraction(db, id, 'copies-1');
    await runWorker({ db, handlers: { [EXTRACT_JOB]: handler }, exitWhenIdle: true });
    const events = async (id: string) =>
      (await db.selectFrom('events').select('id').where('source_id', '=', id).execute()).length;
    expect([await events(original), await events(copy)]).toEqual([2, 0]);
    // The copy of a restricted report is extracted itself: what the original proposes is restricted.
    expect([await events(restricted), await events(hiddenCopy)]).toEqual([2, 2]);
    expect(calls).toHaveLength(3);
    const job = await db
      .selectFrom('jobs')
      .select(['status', 'result'])
      .where('dedupe_key', '=', `extract:${copy}:copies-1`)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
    expect(JSON.parse(job.result!)).toMatchObject({ sourceId: copy, copyOf: original, events: 0 });
  });

  it('proposes what a restricted source names as restricted, to its groups, and leaves no groups behind', async () => {
    const { db } = t.workspace;
    const text =
      'В Туле 3 мая 2024 года полиция задержала Олесю Тайнову. Суд арестовал Олесю Тайнову по делу «Тульских тетрадей».';
    const sourceId = await ingestText(t.workspace, 'tula-testimony.txt', text, { confidentiality: 'restricted' });
    const lawyers = await createGroup(db, null, 'Адвокаты Тулы');
    await db.transaction().execute((trx) => setRecordGroups(trx, null, 'sources', sourceId, [lawyers.id]));
    const member = await insertUser(db, 'staging-member', 'editor', [lawyers.id]);
    const outsider = await insertUser(db, 'staging-outsider', 'editor', []);
    const extraction = (version: string) => ({
      language: 'ru',
      persons: [{ name: 'Олеся Тайнова', mentions: [span(text, 'Олесю Тайнову')] }],
      organizations: [{ name: 'Тульская полиция', mentions: [span(text, 'полиция')] }],
      places: [],
      dates: [],
      cases: [{ name: `дело «Тульских тетрадей» ${version}`, mentions: [span(text, '«Тульских тетрадей»')] }],
      events: [
        {
          type: 'detention' as const,
          subjects: ['Олеся Тайнова'],
          agents: ['Тульская полиция'],
          evidence: span(text, 'В Туле 3 мая 2024 года полиция задержала Олесю Тайнову.'),
        },
      ],
    });
    const stage = (version: string) =>
      db
        .transaction()
        .execute((trx) =>
          stageExtraction(trx, { sourceId, extraction: extraction(version), extractorVersion: version, userId: null }),
        );
    expect(await stage('1')).toMatchObject({ persons: 1, organizations: 1, cases: 1, events: 1 });
    const proposed = await db
      .selectFrom('staged_records')
      .select(['record_table', 'record_id'])
      .where('source_id', '=', sourceId)
      .where('record_table', '!=', 'places')
      .execute();
    expect(proposed.map((r) => r.record_table).sort()).toEqual(['cases', 'events', 'organizations', 'persons']);
    for (const { record_table: table, record_id: id } of proposed) {
      const scoped = table as 'cases' | 'events' | 'organizations' | 'persons';
      const row = await db.selectFrom(scoped).select('confidentiality').where('id', '=', id).executeTakeFirstOrThrow();
      expect([table, row.confidentiality]).toEqual([table, 'restricted']);
      expect(await recordGroups(db, scoped, id)).toEqual([{ id: lawyers.id, name: 'Адвокаты Тулы' }]);
      const sees = async (user: PolicyUser) => (await visibleIds(db, user, scoped, [id])).has(id);
      expect([table, await sees(member), await sees(outsider)]).toEqual([table, true, false]);
    }
    // A newer extractor replaces the proposals: their groups go with them.
    await stage('2');
    const left = await db
      .selectFrom('record_groups')
      .select('record_id')
      .where(
        'record_id',
        'in',
        proposed.map((r) => r.record_id),
      )
      .execute();
    expect(left).toEqual([]);
  });
});
