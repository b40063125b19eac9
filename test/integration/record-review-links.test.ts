import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  computeStats,
  correctProposal,
  createCase,
  createEvent,
  decideProposals,
  deleteCase,
  deleteEvent,
  listProposals,
  reopenProposals,
  restoreEvent,
  stageExtraction,
  updateCase,
  updateEvent,
} from '../../src/record/index.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';
import { ingestText, UFA_TEXT, ufaExtraction } from './record-fixtures.js';

const dialects = await testDialects();

/**
 * What accepting an event brings into the record and what taking it back takes out: nothing a reviewer rejected
 * comes back through an accepted event, and the defendant link an accept made goes with its reopen (only that one).
 */
describe.each(dialects)('the links of accepted events on %s', (dialect) => {
  let t: TestWorkspace;
  let detentionId: string;
  let sentenceId: string;
  let personId: string;
  let caseId: string;

  const db = () => t.workspace.db;
  const inTrx = <T>(fn: (trx: TestWorkspace['workspace']['db']) => Promise<T>) => db().transaction().execute(fn);
  const reviewStatus = async (table: 'persons' | 'cases', id: string) =>
    (await db().selectFrom(table).select('review_status').where('id', '=', id).executeTakeFirstOrThrow()).review_status;
  const eventStatus = async (id: string) =>
    (await db().selectFrom('events').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const defendants = async () =>
    (
      await db()
        .selectFrom('case_parties')
        .select('person_id')
        .where('case_id', '=', caseId)
        .where('role', '=', 'defendant')
        .execute()
    ).map((p) => p.person_id);

  beforeEach(async () => {
    t = await createTestWorkspace(dialect);
    const sourceId = await ingestText(t.workspace, 'ufa.txt', UFA_TEXT);
    await inTrx((trx) =>
      stageExtraction(trx, { sourceId, extraction: ufaExtraction(), extractorVersion: '1', userId: null }),
    );
    const { items } = await listProposals(db(), { kind: 'event' });
    const detention = items.find((i) => i.event?.type === 'detention')!;
    const sentence = items.find((i) => i.event?.type === 'sentence')!;
    detentionId = detention.id;
    sentenceId = sentence.id;
    personId = detention.event!.participants.find((p) => p.role === 'subject')!.entityId;
    caseId = sentence.event!.case!.id;
  });
  afterEach(async () => t.dispose());

  it('refuses to accept an event naming a rejected person, naming them, and accepts both when both are accepted', async () => {
    await inTrx((trx) => decideProposals(trx, [personId], 'reject', 'u1'));
    const error = await inTrx((trx) => decideProposals(trx, [detentionId], 'accept', 'u1')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: `event ${detentionId} names the person ${personId}, which was rejected in review: accept or reopen it first, or correct the event`,
    });
    expect(await eventStatus(detentionId)).toBe('proposed');
    expect(await reviewStatus('persons', personId)).toBe('rejected');
    // A correction accepts the event too: refused the same way.
    const corrected = await inTrx((trx) => correctProposal(trx, detentionId, { description: 'x' }, null)).catch(
      (e: unknown) => e,
    );
    expect(corrected).toMatchObject({ code: 'CONFLICT' });
    expect(await eventStatus(detentionId)).toBe('proposed');
    // The reviewer accepting the person with the event, in either order, is their decision on both.
    const decided = await inTrx((trx) => decideProposals(trx, [detentionId, personId], 'accept', 'u1'));
    expect(decided.accepted).toEqual(expect.arrayContaining([detentionId, personId]));
    expect(await eventStatus(detentionId)).toBe('accepted');
    expect(await reviewStatus('persons', personId)).toBe('accepted');
  });

  it('refuses to accept an event naming a rejected case', async () => {
    await inTrx((trx) => decideProposals(trx, [caseId], 'reject', 'u1'));
    const error = await inTrx((trx) => decideProposals(trx, [sentenceId], 'accept', 'u1')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect((error as Error).message).toContain(`names the case ${caseId}, which was rejected in review`);
    expect(await eventStatus(sentenceId)).toBe('proposed');
    expect(await defendants()).toEqual([]);
  });

  it('counts no rejected subject among the persons of accepted events', async () => {
    await inTrx((trx) => decideProposals(trx, [detentionId], 'accept', 'u1'));
    // As a record written before accepting checked this: the subject rejected while the event stayed accepted.
    await db().updateTable('persons').set({ review_status: 'rejected' }).where('id', '=', personId).execute();
    const stats = await computeStats(db());
    expect(stats.totals.detention).toEqual({ events: 1, persons: 0 });
  });

  it('takes back with the event the defendant link its acceptance made, versioned and audited', async () => {
    await inTrx((trx) => decideProposals(trx, [sentenceId], 'accept', 'u1'));
    expect(await defendants()).toEqual([personId]);
    expect(await inTrx((trx) => reopenProposals(trx, [sentenceId], 'u2'))).toEqual({ reopened: [sentenceId] });
    expect(await defendants()).toEqual([]);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('target', '=', `cases/${caseId}`)
      .orderBy('seq')
      .execute();
    expect(audit.slice(-2)).toEqual([
      { action: 'review.defendant-added', user_id: 'u1' },
      { action: 'review.defendant-removed', user_id: 'u2' },
    ]);
    // Accepted again and this time rejected: the link goes as well.
    await inTrx((trx) => decideProposals(trx, [sentenceId], 'accept', 'u1'));
    await inTrx((trx) => decideProposals(trx, [sentenceId], 'reject', 'u1'));
    expect(await defendants()).toEqual([]);
  });

  it('takes back an event with the case it accepted along, its defendant with them', async () => {
    const decided = await inTrx((trx) => decideProposals(trx, [sentenceId], 'accept', 'u1'));
    expect(decided.accepted).toContain(caseId);
    await inTrx((trx) => reopenProposals(trx, [sentenceId, caseId], 'u2'));
    expect(await reviewStatus('cases', caseId)).toBe('proposed');
    expect(await defendants()).toEqual([]);
  });

  it('takes the defendant link with an accepted event deleted, gives it back restored, and moves it with the event', async () => {
    await inTrx((trx) => decideProposals(trx, [sentenceId], 'accept', 'u1'));
    expect(await defendants()).toEqual([personId]);
    await inTrx((trx) => deleteEvent(trx, sentenceId, 'u2'));
    expect(await defendants()).toEqual([]);
    await inTrx((trx) => restoreEvent(trx, sentenceId, 'u2'));
    expect(await defendants()).toEqual([personId]);
    // Moved to another case, the event's defendant goes with it; a change that keeps the case writes no case version.
    const versions = async (id: string) =>
      (await db().selectFrom('record_versions').select('version').where('record_id', '=', id).execute()).length;
    const before = await versions(caseId);
    await inTrx((trx) => updateEvent(trx, sentenceId, { description: 'приговор оглашён' }, 'u2'));
    expect(await versions(caseId)).toBe(before);
    const other = await inTrx((trx) => createCase(trx, { name: 'дело Перенесённое' }, 'u2'));
    await inTrx((trx) => updateEvent(trx, sentenceId, { caseId: other.id }, 'u2'));
    expect(await defendants()).toEqual([]);
    const moved = await db()
      .selectFrom('case_parties')
      .select(['person_id', 'role', 'event_id'])
      .where('case_id', '=', other.id)
      .execute();
    expect(moved).toEqual([{ person_id: personId, role: 'defendant', event_id: sentenceId }]);
  });

  it('leaves a defendant link set by hand before the accept', async () => {
    await inTrx((trx) => decideProposals(trx, [caseId, personId], 'accept', 'u1'));
    await inTrx((trx) => updateCase(trx, caseId, { parties: [{ personId, role: 'defendant' }] }, 'editor'));
    await inTrx((trx) => decideProposals(trx, [sentenceId], 'accept', 'u1'));
    await inTrx((trx) => reopenProposals(trx, [sentenceId], 'u2'));
    expect(await defendants()).toEqual([personId]);
  });

  it('leaves a defendant link another accepted event of the case implies, and takes it back with that one', async () => {
    await inTrx((trx) => decideProposals(trx, [sentenceId], 'accept', 'u1'));
    const charge = await inTrx((trx) =>
      createEvent(
        trx,
        {
          type: 'charge',
          date: '2024-02',
          caseId,
          participants: [{ entityType: 'persons', entityId: personId, role: 'subject' }],
        },
        'editor',
      ),
    );
    await inTrx((trx) => reopenProposals(trx, [sentenceId], 'u2'));
    expect(await defendants()).toEqual([personId]);
    // The charge, created by hand, is no review accept to take back; the link is now its.
    const party = await db()
      .selectFrom('case_parties')
      .select('event_id')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(party.event_id).toBe(charge.id);
  });

  it('refuses to link an event to a deleted, rejected or (for an accepted event) proposed case', async () => {
    const other = await inTrx((trx) =>
      createEvent(trx, { type: 'detention', date: '2024-01-10', participants: [] }, 'editor'),
    );
    // Proposed: the case is not yet in the record, and changing an accepted event is no review.
    const proposed = await inTrx((trx) => updateEvent(trx, other.id, { caseId }, 'editor')).catch((e: unknown) => e);
    expect(proposed).toMatchObject({
      code: 'CONFLICT',
      message: `case ${caseId} is still a proposal: accept it in review before an accepted event names it`,
    });
    await inTrx((trx) => decideProposals(trx, [caseId], 'reject', 'u1'));
    const rejected = await inTrx((trx) => updateEvent(trx, other.id, { caseId }, 'editor')).catch((e: unknown) => e);
    expect(rejected).toMatchObject({
      code: 'CONFLICT',
      message: `case ${caseId} was rejected in review: reopen it before an event names it`,
    });
    await inTrx((trx) => reopenProposals(trx, [caseId], 'u1'));
    await inTrx((trx) => decideProposals(trx, [caseId], 'accept', 'u1'));
    await inTrx((trx) => deleteCase(trx, caseId, 'editor'));
    const deleted = await inTrx((trx) => updateEvent(trx, other.id, { caseId }, 'editor')).catch((e: unknown) => e);
    expect(deleted).toMatchObject({ code: 'NOT_FOUND', message: `no case ${caseId}` });
    const stored = await db()
      .selectFrom('events')
      .select('case_id')
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(stored.case_id).toBeNull();
  });
});
