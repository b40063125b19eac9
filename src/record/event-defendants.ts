import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { changeRecord } from './versions.js';

/*
 * Defendants an event makes. Accepting in review an event of a DEFENDANT_EVENTS type with a case makes its subjects
 * defendants of the case, each party marked as the event's (`case_parties.event_id`); the event leaving the record —
 * taken back in review, deleted — takes exactly those back, and an accepted event moved to another case, retyped or
 * given other subjects has its parties follow (`settleEventDefendants`). A party set by hand is never the event's.
 */

/**
 * The event types that make their subjects defendants of the event's case: arrested, searched, charged, remanded,
 * heard or sentenced in it.
 */
export const DEFENDANT_EVENTS = ['arrest', 'search', 'charge', 'custody', 'hearing', 'sentence'];

/**
 * Makes the event's subjects defendants of its case, each party it adds marked as the event's (`case_parties.event_id`)
 * so taking the event back removes exactly those; a party already there stays as it was. The case gets a version.
 */
export async function addEventDefendants(
  trx: Kysely<Database>,
  eventId: string,
  caseId: string,
  personIds: readonly string[],
  userId: string | null,
): Promise<void> {
  if (personIds.length === 0) return;
  const present = await trx
    .selectFrom('case_parties')
    .select('person_id')
    .where('case_id', '=', caseId)
    .where('role', '=', 'defendant')
    .where('person_id', 'in', personIds)
    .execute();
  const missing = [...new Set(personIds)].filter((p) => !present.some((row) => row.person_id === p));
  if (missing.length === 0) return;
  await changeRecord(trx, 'cases', caseId, userId, 'review.defendant-added', async () => {
    await trx
      .insertInto('case_parties')
      .values(missing.map((person_id) => ({ case_id: caseId, person_id, role: 'defendant', event_id: eventId })))
      .execute();
  });
}

/**
 * Takes back the defendants accepting this event made, as the event leaves the record (reopened or rejected). A
 * party another accepted event of the case still implies passes to that event and stays; one set by hand, or there
 * before the event was accepted, was never the event's and is not touched. Each case changed gets a version.
 */
export async function removeEventDefendants(
  trx: Kysely<Database>,
  eventId: string,
  userId: string | null,
  which: (party: { case_id: string; person_id: string }) => boolean = () => true,
): Promise<void> {
  const made = await trx
    .selectFrom('case_parties')
    .select(['case_id', 'person_id', 'role'])
    .where('event_id', '=', eventId)
    .execute();
  const removed = new Map<string, string[]>();
  for (const party of made.filter(which)) {
    const other = await trx
      .selectFrom('events')
      .innerJoin('event_participants as s', 's.event_id', 'events.id')
      .select('events.id')
      .where('events.id', '!=', eventId)
      .where('events.case_id', '=', party.case_id)
      .where('events.status', '=', 'accepted')
      .where('events.deleted_at', 'is', null)
      .where('events.type', 'in', DEFENDANT_EVENTS)
      .where('s.entity_type', '=', 'persons')
      .where('s.role', '=', 'subject')
      .where('s.entity_id', '=', party.person_id)
      .orderBy('events.id')
      .limit(1)
      .executeTakeFirst();
    if (other)
      await trx
        .updateTable('case_parties')
        .set({ event_id: other.id })
        .where('case_id', '=', party.case_id)
        .where('person_id', '=', party.person_id)
        .where('role', '=', party.role)
        .execute();
    else removed.set(party.case_id, [...(removed.get(party.case_id) ?? []), party.person_id]);
  }
  for (const [caseId, personIds] of removed)
    await changeRecord(trx, 'cases', caseId, userId, 'review.defendant-removed', async () => {
      await trx
        .deleteFrom('case_parties')
        .where('case_id', '=', caseId)
        .where('person_id', 'in', personIds)
        .where('event_id', '=', eventId)
        .execute();
    });
}

/**
 * Brings the defendants an event made in line with what it now is, after it was deleted, restored or changed: none
 * when it is not a live event accepted in review, of a defendant type, with a case; otherwise its subjects in its
 * case. A party it made that still holds stays as it is (no version), one that no longer does is taken back as in
 * review, and a subject not yet a party is added.
 */
export async function settleEventDefendants(
  trx: Kysely<Database>,
  eventId: string,
  userId: string | null,
): Promise<void> {
  const event = await trx
    .selectFrom('events')
    .select(['status', 'deleted_at', 'case_id', 'type'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  // Only an event accepted in review makes defendants, as accepting it did (`addEventDefendants`): one an editor
  // created never did, and restoring it must not start to.
  const acceptedInReview =
    event !== undefined &&
    (await trx
      .selectFrom('record_versions')
      .select('version')
      .where('record_table', '=', 'events')
      .where('record_id', '=', eventId)
      .where('action', 'in', ['review.accept', 'review.correct'])
      .limit(1)
      .executeTakeFirst()) !== undefined;
  const makesDefendants =
    acceptedInReview &&
    event?.status === 'accepted' &&
    event.deleted_at === null &&
    event.case_id !== null &&
    DEFENDANT_EVENTS.includes(event.type);
  const subjects =
    makesDefendants && event.case_id
      ? (
          await trx
            .selectFrom('event_participants')
            .select('entity_id')
            .where('event_id', '=', eventId)
            .where('entity_type', '=', 'persons')
            .where('role', '=', 'subject')
            .execute()
        ).map((row) => row.entity_id)
      : [];
  const made = await trx
    .selectFrom('case_parties')
    .select(['case_id', 'person_id'])
    .where('event_id', '=', eventId)
    .execute();
  const stillHolds = (party: { case_id: string; person_id: string }) =>
    makesDefendants && party.case_id === event.case_id && subjects.includes(party.person_id);
  if (made.some((party) => !stillHolds(party)))
    await removeEventDefendants(trx, eventId, userId, (party) => !stillHolds(party));
  if (makesDefendants && event.case_id) await addEventDefendants(trx, eventId, event.case_id, subjects, userId);
}
