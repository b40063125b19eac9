import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decideProposals,
  getPersonStatus,
  listProposals,
  reopenProposals,
  stageExtraction,
  updatePerson,
} from '../../src/record/index.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';
import { ingestText, UFA_TEXT, ufaExtraction } from './record-fixtures.js';

const dialects = await testDialects();

/** Taking a review decision back (the queue's Undo): back to proposed, audited, never over later work. */
describe.each(dialects)('reopening decided proposals on %s', (dialect) => {
  let t: TestWorkspace;
  let detentionId: string;
  let sentenceId: string;
  let personId: string;

  const statusOf = async (id: string) => {
    const event = await t.workspace.db.selectFrom('events').select('status').where('id', '=', id).executeTakeFirst();
    if (event) return event.status;
    return (
      await t.workspace.db.selectFrom('persons').select('review_status').where('id', '=', id).executeTakeFirstOrThrow()
    ).review_status;
  };
  const inTrx = <T>(fn: (trx: TestWorkspace['workspace']['db']) => Promise<T>) =>
    t.workspace.db.transaction().execute(fn);

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    const sourceId = await ingestText(t.workspace, 'ufa.txt', UFA_TEXT);
    await inTrx((trx) =>
      stageExtraction(trx, { sourceId, extraction: ufaExtraction(), extractorVersion: '1', userId: null }),
    );
    const { items } = await listProposals(t.workspace.db, { kind: 'event' });
    const detention = items.find((i) => i.event?.type === 'detention')!;
    detentionId = detention.id;
    sentenceId = items.find((i) => i.event?.type === 'sentence')!.id;
    personId = detention.event!.participants.find((p) => p.role === 'subject')!.entityId;
  });
  afterAll(async () => t.dispose());

  it('puts a rejected proposal back as proposed, versioned and audited as review.reopen', async () => {
    await inTrx((trx) => decideProposals(trx, [sentenceId], 'reject', 'u1'));
    expect(await statusOf(sentenceId)).toBe('rejected');
    expect(await inTrx((trx) => reopenProposals(trx, [sentenceId], 'u2'))).toEqual({ reopened: [sentenceId] });
    expect(await statusOf(sentenceId)).toBe('proposed');
    expect((await listProposals(t.workspace.db, { kind: 'event' })).items.map((i) => i.id)).toContain(sentenceId);
    const audit = await t.workspace.db
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('target', '=', `events/${sentenceId}`)
      .execute();
    expect(audit).toContainEqual({ action: 'review.reopen', user_id: 'u2' });
    const versions = await t.workspace.db
      .selectFrom('record_versions')
      .select('action')
      .where('record_id', '=', sentenceId)
      .orderBy('version', 'desc')
      .execute();
    expect(versions[0]!.action).toBe('review.reopen');
    // Already proposed: nothing to take back, nothing written.
    expect(await inTrx((trx) => reopenProposals(trx, [sentenceId], 'u2'))).toEqual({ reopened: [] });
  });

  it('undoes an accept with what it accepted along, and derives the subject status again', async () => {
    const decided = await inTrx((trx) => decideProposals(trx, [detentionId], 'accept', 'u1'));
    expect(decided.accepted).toEqual(expect.arrayContaining([detentionId, personId]));
    expect((await getPersonStatus(t.workspace.db, personId)).status).toBe('detained');
    const reopened = await inTrx((trx) => reopenProposals(trx, decided.accepted, 'u2'));
    expect(reopened.reopened.sort()).toEqual([...decided.accepted].sort());
    expect(await statusOf(detentionId)).toBe('proposed');
    expect(await statusOf(personId)).toBe('proposed');
    expect((await getPersonStatus(t.workspace.db, personId)).eventId).toBeNull();
    const mentions = await t.workspace.db
      .selectFrom('mentions')
      .select('status')
      .where('entity_id', '=', personId)
      .execute();
    expect(mentions.every((m) => m.status === 'proposed')).toBe(true);
  });

  it('refuses, changing nothing, to take back an accepted person another accepted event names', async () => {
    await inTrx((trx) => decideProposals(trx, [detentionId], 'accept', 'u1'));
    for (const attempt of [
      () => inTrx((trx) => reopenProposals(trx, [personId], 'u2')),
      () => inTrx((trx) => decideProposals(trx, [personId], 'reject', 'u2')),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'CONFLICT',
        message: `person ${personId} is named by the accepted event ${detentionId}: take that event back first`,
      });
      expect(await statusOf(personId)).toBe('accepted');
    }
  });

  it('refuses to take back an accepted person edited since, even with its event', async () => {
    await inTrx((trx) => updatePerson(trx, personId, { notes: 'met his lawyer in April' }, 'editor'));
    const error = await inTrx((trx) => reopenProposals(trx, [detentionId, personId], 'u2')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect((error as Error).message).toBe(
      `person ${personId} was changed since it was decided (person.update): taking it back would lose that change`,
    );
    // The whole request is refused: the event is not reopened without its subject.
    expect(await statusOf(detentionId)).toBe('accepted');
    expect(await statusOf(personId)).toBe('accepted');
    // The event alone, on which nothing was built, can still be taken back.
    expect(await inTrx((trx) => reopenProposals(trx, [detentionId], 'u2'))).toEqual({ reopened: [detentionId] });
  });
});
