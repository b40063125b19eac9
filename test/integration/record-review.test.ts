import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptAllProposals,
  correctProposal,
  decideProposals,
  getPersonStatus,
  listProposals,
  listVersions,
  setStatusOverride,
  stageExtraction,
} from '../../src/record/index.js';
import type { ChronicleError } from '../../src/shared/errors.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';
import { ingestText, span, UFA_TEXT, ufaExtraction } from './record-fixtures.js';

const dialects = await testDialects();

describe.each(dialects)('review and status on %s', (dialect) => {
  let t: TestWorkspace;
  let sourceId: string;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    sourceId = await ingestText(t.workspace, 'ufa.txt', UFA_TEXT);
    await t.workspace.db
      .transaction()
      .execute((trx) =>
        stageExtraction(trx, { sourceId, extraction: ufaExtraction(), extractorVersion: '1', userId: null }),
      );
  });
  afterAll(async () => t.dispose());

  it('lists events and entities waiting for review, with their evidence', async () => {
    const { total, items } = await listProposals(t.workspace.db);
    expect(total).toBe(5);
    expect(items.map((i) => i.kind).sort()).toEqual(['case', 'event', 'event', 'organization', 'person']);
    const detention = items.find((i) => i.event?.type === 'detention')!;
    expect(detention.event).toMatchObject({ date: '2024-03-12', place: { name: 'Уфа' } });
    expect(detention.event!.participants.map((p) => [p.role, p.name])).toEqual([
      ['subject', 'Иван Петров'],
      ['agent', 'полиция'],
    ]);
    expect(detention.evidence[0]!.quote).toBe('В Уфе 12 марта 2024 года полиция задержала Ивана Петрова.');
    const person = items.find((i) => i.kind === 'person')!;
    expect(person.evidence.map((e) => e.quote)).toEqual(['Ивана Петрова', 'Ивана Петрова']);
    expect((await listProposals(t.workspace.db, { kind: 'event', limit: 1 })).items).toHaveLength(1);
  });

  it('accepting an event accepts its participants, derives the subject status and audits the decision', async () => {
    const { db } = t.workspace;
    const { items } = await listProposals(db, { kind: 'event' });
    const detention = items.find((i) => i.event?.type === 'detention')!;
    const result = await db.transaction().execute((trx) => decideProposals(trx, [detention.id], 'accept', 'u1'));
    const personId = detention.event!.participants.find((p) => p.role === 'subject')!.entityId;
    expect(result.accepted).toEqual(expect.arrayContaining([detention.id, personId]));
    expect(await getPersonStatus(db, personId)).toMatchObject({
      status: 'detained',
      eventId: detention.id,
      override: null,
    });
    const person = await db
      .selectFrom('persons')
      .select(['status', 'review_status'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(person).toEqual({ status: 'detained', review_status: 'accepted' });
    const mention = await db.selectFrom('mentions').select('status').where('entity_id', '=', personId).execute();
    expect(mention.every((m) => m.status === 'accepted')).toBe(true);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'target', 'user_id'])
      .where('action', '=', 'review.accept')
      .execute();
    expect(audit).toContainEqual({ action: 'review.accept', target: `events/${detention.id}`, user_id: 'u1' });
  });

  it('a correction keeps both the machine proposal and the person change in the versions', async () => {
    const { db } = t.workspace;
    const { items } = await listProposals(db, { kind: 'event' });
    const sentence = items.find((i) => i.event?.type === 'sentence')!;
    const view = await db
      .transaction()
      .execute((trx) =>
        correctProposal(trx, sentence.id, { sentenceYears: 6.5, date: '2024-03-20' }, { id: 'u2', role: 'reviewer' }),
      );
    expect(view).toMatchObject({
      status: 'accepted',
      event: { sentenceYears: 6.5, date: '2024-03-20', datePrecision: 'day' },
    });
    const versions = await listVersions(db, 'events', sentence.id);
    expect(versions.map((v) => [v.version, v.userId, v.data.row.sentence_years, v.data.row.status])).toEqual([
      [1, null, 6, 'proposed'],
      [2, 'u2', 6.5, 'accepted'],
    ]);
    const personId = sentence.event!.participants[0]!.entityId;
    expect((await getPersonStatus(db, personId)).status).toBe('sentenced');
    const parties = await db.selectFrom('case_parties').selectAll().where('person_id', '=', personId).execute();
    // Made by accepting the sentence, so taking the sentence back takes it too.
    expect(parties).toEqual([
      { case_id: sentence.event!.case!.id, person_id: personId, role: 'defendant', event_id: sentence.id },
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'review.correct')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!).sentence_years).toBe(6);
    expect(JSON.parse(audit.after!).sentence_years).toBe(6.5);
  });

  it('rejects an unknown field in a correction and an unknown id, with codes', async () => {
    const { db } = t.workspace;
    const item = await db.selectFrom('persons').select('id').executeTakeFirstOrThrow();
    const bad = await db
      .transaction()
      .execute((trx) => correctProposal(trx, item.id, { colour: 'red' }, null))
      .catch((e: unknown) => e);
    expect((bad as ChronicleError).code).toBe('VALIDATION');
    const missing = await db
      .transaction()
      .execute((trx) => decideProposals(trx, ['01NOSUCHID'], 'reject', null))
      .catch((e: unknown) => e);
    expect((missing as ChronicleError).code).toBe('NOT_FOUND');
  });

  it('a later release changes the status; rejecting it changes it back; an override wins with its reason', async () => {
    const { db } = t.workspace;
    const personId = (
      await db.selectFrom('persons').select('id').where('display_name', '=', 'Иван Петров').executeTakeFirstOrThrow()
    ).id;
    const text = 'Ивана Петрова освободили 1 мая 2025 года.';
    const source2 = await ingestText(t.workspace, 'release.txt', text);
    const extraction = {
      language: 'ru',
      persons: [{ name: 'Иван Петров', mentions: [span(text, 'Ивана Петрова')] }],
      organizations: [],
      places: [],
      dates: [],
      cases: [],
      events: [{ type: 'release' as const, date: '2025-05-01', subjects: ['Иван Петров'], evidence: span(text, text) }],
    };
    const staged = await db
      .transaction()
      .execute((trx) => stageExtraction(trx, { sourceId: source2, extraction, extractorVersion: '1', userId: null }));
    expect(staged).toMatchObject({ persons: 0, linked: 1, events: 1 });
    const { items } = await listProposals(db, { sourceId: source2 });
    expect(items).toHaveLength(1);
    await db.transaction().execute((trx) => decideProposals(trx, [items[0]!.id], 'accept', null));
    expect(await getPersonStatus(db, personId)).toMatchObject({ status: 'released', eventId: items[0]!.id });
    await db.transaction().execute((trx) => decideProposals(trx, [items[0]!.id], 'reject', null));
    expect((await getPersonStatus(db, personId)).status).toBe('sentenced');

    const noReason = await db
      .transaction()
      .execute((trx) => setStatusOverride(trx, personId, { status: 'emigrated', reason: '' }, null))
      .catch((e: unknown) => e);
    expect((noReason as ChronicleError).code).toBe('VALIDATION');
    const view = await db
      .transaction()
      .execute((trx) =>
        setStatusOverride(trx, personId, { status: 'emigrated', reason: 'left for Georgia, per his lawyer' }, 'u3'),
      );
    expect(view).toMatchObject({
      status: 'emigrated',
      derived: 'sentenced',
      override: 'emigrated',
      reason: 'left for Georgia, per his lawyer',
    });
    expect(
      (await db.selectFrom('persons').select('status').where('id', '=', personId).executeTakeFirstOrThrow()).status,
    ).toBe('emigrated');
    await db.transaction().execute((trx) => setStatusOverride(trx, personId, { status: null, reason: null }, 'u3'));
    expect((await getPersonStatus(db, personId)).status).toBe('sentenced');

    // A deleted person's status is no one's to set: refused, and nothing written.
    await db.updateTable('persons').set({ deleted_at: new Date().toISOString() }).where('id', '=', personId).execute();
    const onDeleted = await db
      .transaction()
      .execute((trx) => setStatusOverride(trx, personId, { status: 'emigrated', reason: 'per family' }, 'u3'))
      .catch((e: unknown) => e);
    expect(onDeleted).toMatchObject({ code: 'CONFLICT', message: `person ${personId} is deleted` });
    expect(
      (await db.selectFrom('persons').select('status_override').where('id', '=', personId).executeTakeFirstOrThrow())
        .status_override,
    ).toBeNull();
    await db.updateTable('persons').set({ deleted_at: null }).where('id', '=', personId).execute();
  });

  it('accepts everything in bulk', async () => {
    const { db } = t.workspace;
    const other = await ingestText(t.workspace, 'ufa-again.txt', `${UFA_TEXT}\n`);
    await db
      .transaction()
      .execute((trx) =>
        stageExtraction(trx, { sourceId: other, extraction: ufaExtraction(), extractorVersion: '1', userId: null }),
      );
    const before = await listProposals(db);
    expect(before.total).toBeGreaterThan(0);
    const result = await db.transaction().execute((trx) => acceptAllProposals(trx, 'u4'));
    expect(result.accepted.length).toBeGreaterThanOrEqual(before.total);
    expect((await listProposals(db)).total).toBe(0);
  });
});
