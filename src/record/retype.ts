import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import { dialectOf } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { toColumns } from './fields.js';
import { setNameKeys } from './name-keys.js';
import { personRow } from './persons.js';
import { scriptOf } from './staging.js';
import { refreshPersonStatus } from './status.js';
import { changeRecord, recordCreation } from './versions.js';

/**
 * The kinds a reviewer may turn a proposal into, and back: extractors read «Мемориал» or "OVD-Info" as a person,
 * and now and then a person (a police officer named as the agent) as an organization.
 */
export const RETYPE_KINDS = ['person', 'organization'] as const;
export type RetypeKind = (typeof RETYPE_KINDS)[number];
type EntityTable = 'persons' | 'organizations';

const TABLE_OF: Record<RetypeKind, EntityTable> = { person: 'persons', organization: 'organizations' };
/** The field that names each kind, in a correction (src/record/fields.ts) and as a column. */
const NAME_OF: Record<EntityTable, { field: 'displayName' | 'name'; column: 'display_name' | 'name' }> = {
  persons: { field: 'displayName', column: 'display_name' },
  organizations: { field: 'name', column: 'name' },
};

function isRetypeKind(value: unknown): value is RetypeKind {
  return typeof value === 'string' && (RETYPE_KINDS as readonly string[]).includes(value);
}

/** A checked change of kind: what the proposal is, and the new record's name and columns. */
export interface RetypePlan {
  from: { table: EntityTable; kind: RetypeKind; id: string; name: string };
  to: { table: EntityTable; kind: RetypeKind };
  /** The new record's columns from the correction (toColumns of the new kind), its name among them. */
  columns: Record<string, unknown>;
}

/**
 * Checks a correction's `recordType` and fields against the kind it asks for, changing nothing: null when the
 * proposal already is of that kind (an ordinary correction). The name is the corrected one, given as `displayName`
 * or `name` (a reviewer fixing a person's form may send either), else the proposal's own; the other fields must be
 * the new kind's, as every correction's (an organization has no birth year).
 * `planRetype(trx, { kind: 'person', id }, 'organization', { name: 'Мемориал', kind: 'ngo' })` →
 * `{ from: { table: 'persons', … }, to: { table: 'organizations', kind: 'organization' }, columns: { name: 'Мемориал', kind: 'ngo' } }`.
 */
export async function planRetype(
  trx: Kysely<Database>,
  from: { kind: string; id: string },
  recordType: unknown,
  fields: Record<string, unknown>,
): Promise<RetypePlan | null> {
  if (!isRetypeKind(recordType))
    throw new ChronicleError(
      'VALIDATION',
      `recordType is 'person' or 'organization', not ${JSON.stringify(recordType)}`,
    );
  if (!isRetypeKind(from.kind))
    throw new ChronicleError(
      'VALIDATION',
      `only a person or an organization proposal can change its kind; ${from.id} is a proposed ${from.kind}`,
    );
  if (recordType === from.kind) return null;
  const fromTable = TABLE_OF[from.kind];
  const toTable = TABLE_OF[recordType];
  const { displayName, name, ...rest } = fields;
  const given = [
    ...new Set([displayName, name].filter((n) => n !== undefined).map((n) => (typeof n === 'string' ? n.trim() : n))),
  ];
  if (given.length > 1)
    throw new ChronicleError('VALIDATION', 'displayName and name differ: give the corrected name once');
  const current =
    fromTable === 'persons'
      ? (await trx.selectFrom('persons').select('display_name').where('id', '=', from.id).executeTakeFirstOrThrow())
          .display_name
      : (await trx.selectFrom('organizations').select('name').where('id', '=', from.id).executeTakeFirstOrThrow()).name;
  const columns = toColumns(toTable, { ...rest, [NAME_OF[toTable].field]: given[0] ?? current });
  return {
    from: { table: fromTable, kind: from.kind, id: from.id, name: current },
    to: { table: toTable, kind: recordType },
    columns,
  };
}

/**
 * Refuses (409) a change of kind that would leave something pointing at the wrong kind of record. What can be
 * moved is moved by `retypeRecord`; these cannot: a case party and a merge are persons only, and a relationship's
 * kind is fixed to its ends' kinds (`mother_of` a person, `member_of` an organization). A proposal rarely has
 * any of them; an accepted person may, and a reviewer settles them first.
 */
async function assertMovable(trx: Kysely<Database>, from: RetypePlan['from']): Promise<void> {
  const refuse = (what: string) =>
    new ChronicleError(
      'CONFLICT',
      `${from.kind} ${from.id} ${what}; settle that before making it ${from.kind === 'person' ? 'an organization' : 'a person'}`,
    );
  if (from.table === 'persons') {
    const person = await trx
      .selectFrom('persons')
      .select('merged_into')
      .where('id', '=', from.id)
      .executeTakeFirstOrThrow();
    if (person.merged_into !== null) throw refuse(`is merged into person ${person.merged_into}`);
    const folded = await trx.selectFrom('persons').select('id').where('merged_into', '=', from.id).executeTakeFirst();
    if (folded) throw refuse(`holds person ${folded.id} merged into it`);
    const merge = await trx
      .selectFrom('person_merges')
      .select('id')
      .where((eb) => eb.or([eb('kept_id', '=', from.id), eb('other_id', '=', from.id)]))
      .where('undone_at', 'is', null)
      .executeTakeFirst();
    if (merge) throw refuse(`has a merge or split not undone (${merge.id})`);
    const pending = await trx
      .selectFrom('merge_proposals')
      .select('id')
      .where((eb) => eb.or([eb('person_a', '=', from.id), eb('person_b', '=', from.id)]))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) throw refuse(`is in the pending merge proposal ${pending.id}`);
    const party = await trx
      .selectFrom('case_parties')
      .select(['case_id', 'role'])
      .where('person_id', '=', from.id)
      .executeTakeFirst();
    if (party) throw refuse(`is a party (${party.role}) to case ${party.case_id}`);
  }
  const relationship = await trx
    .selectFrom('relationships')
    .select('id')
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('from_person_id', '=', from.id),
        eb.and([eb('to_entity_type', 'in', [from.table, from.kind]), eb('to_entity_id', '=', from.id)]),
      ]),
    )
    .executeTakeFirst();
  if (relationship) throw refuse(`has the relationship ${relationship.id}`);
}

/**
 * Turns a checked plan into a new record of the other kind, in the caller's transaction: accepted, with the
 * proposal's confidentiality and access groups (a restricted proposal stays restricted), its names and keys; the
 * proposal's evidence, mentions (as the new kind, so the source view highlights it so) and event participations
 * move to it, each event versioned; the proposal is retired as a deleted record, rejected, with its history. Both
 * records are versioned and audited as `review.retype`, and `review.retype-moved` on the proposal names the new
 * record and every row that moved. `retypeRecord(trx, plan, userId)` → `{ table: 'organizations', kind: 'organization', id }`.
 */
export async function retypeRecord(
  trx: Kysely<Database>,
  plan: RetypePlan,
  userId: string | null,
): Promise<{ table: EntityTable; kind: RetypeKind; id: string }> {
  const { from, to, columns } = plan;
  // Two reviewers changing the same proposal at once: the second waits for the first, then finds it retired
  // (otherwise it would make a second, empty record). SQLite runs one writer at a time already.
  let locked = trx
    .selectFrom(from.table as 'organizations')
    .select(['confidentiality', 'deleted_at'])
    .where('id', '=', from.id);
  if (dialectOf(trx) === 'postgres') locked = locked.forUpdate();
  const { confidentiality, deleted_at } = await locked.executeTakeFirstOrThrow();
  if (deleted_at !== null) throw new ChronicleError('CONFLICT', `${from.kind} ${from.id} was retired meanwhile`);
  await assertMovable(trx, from);
  const id = newId();
  const now = new Date().toISOString();
  const staged = await trx
    .selectFrom('staged_records')
    .selectAll()
    .where('record_table', '=', from.table)
    .where('record_id', '=', from.id)
    .orderBy('created_at')
    .orderBy('source_id')
    .execute();
  const name = columns[NAME_OF[to.table].column] as string;

  if (to.table === 'persons') {
    // Status is derived below from the events that move to it, as for any person the record holds.
    await trx
      .insertInto('persons')
      .values(personRow(id, name, now, { confidentiality, status: null, ...columns }))
      .execute();
    // As staging writes a person's names: the name the source gave, from that source; a reviewer's name besides it.
    const names = [{ name, sourceId: from.name === name ? (staged[0]?.source_id ?? null) : null }];
    if (from.name !== name) names.push({ name: from.name, sourceId: staged[0]?.source_id ?? null });
    await trx
      .insertInto('person_names')
      .values(
        names.map((n, i) => ({
          id: newId(),
          person_id: id,
          name: n.name,
          script: scriptOf(n.name),
          kind: i === 0 ? 'primary' : 'alias',
          source_id: n.sourceId,
        })),
      )
      .execute();
    await setNameKeys(
      trx,
      'persons',
      id,
      names.map((n) => n.name),
    );
  } else {
    await trx
      .insertInto('organizations')
      .values({
        id,
        name,
        kind: null,
        confidentiality,
        review_status: 'accepted',
        created_at: now,
        updated_at: now,
        deleted_at: null,
        ...columns,
      })
      .execute();
    await setNameKeys(trx, 'organizations', id, [name]);
  }
  const groups = await trx
    .selectFrom('record_groups')
    .select('group_id')
    .where('record_table', '=', from.table)
    .where('record_id', '=', from.id)
    .execute();
  if (groups.length > 0)
    await trx
      .insertInto('record_groups')
      .values(groups.map((g) => ({ record_table: to.table, record_id: id, group_id: g.group_id })))
      .execute();
  // The new record remembers the sources it was staged from, as a decided proposal does.
  if (staged.length > 0)
    await trx
      .insertInto('staged_records')
      .values(staged.map((s) => ({ ...s, record_table: to.table, record_id: id, created_at: now })))
      .execute();

  const evidence = (
    await trx
      .selectFrom('evidence')
      .select('id')
      .where('target_table', '=', from.table)
      .where('target_id', '=', from.id)
      .orderBy('id')
      .execute()
  ).map((e) => e.id);
  await trx
    .updateTable('evidence')
    .set({ target_table: to.table, target_id: id })
    .where('target_table', '=', from.table)
    .where('target_id', '=', from.id)
    .execute();
  const mentions = (
    await trx.selectFrom('mentions').select('id').where('entity_id', '=', from.id).orderBy('id').execute()
  ).map((m) => m.id);
  await trx
    .updateTable('mentions')
    .set({ kind: to.kind, entity_id: id, status: 'accepted' })
    .where('entity_id', '=', from.id)
    .execute();
  const participants = await trx
    .selectFrom('event_participants')
    .select(['event_id', 'role'])
    .where('entity_type', '=', from.table)
    .where('entity_id', '=', from.id)
    .orderBy('event_id')
    .orderBy('role')
    .execute();
  // Participants are part of an event's versions: each event keeps the version that named the proposal.
  for (const eventId of new Set(participants.map((p) => p.event_id)))
    await changeRecord(trx, 'events', eventId, userId, 'review.retype', async () => {
      await trx
        .updateTable('event_participants')
        .set({ entity_type: to.table, entity_id: id })
        .where('event_id', '=', eventId)
        .where('entity_type', '=', from.table)
        .where('entity_id', '=', from.id)
        .execute();
    });
  if (to.table === 'persons') await refreshPersonStatus(trx, id);
  await recordCreation(trx, to.table, id, userId, 'review.retype');

  // Retired as a deleted record (never removed: its versions and names stay), and rejected: re-staging its source
  // removes the proposals nobody decided on (unstageSource), and this one was decided.
  await changeRecord(trx, from.table, from.id, userId, 'review.retype', async () => {
    await trx
      .updateTable(from.table as 'organizations')
      .set({ deleted_at: now, review_status: 'rejected' })
      .where('id', '=', from.id)
      .execute();
    await setNameKeys(trx, from.table, from.id, []);
  });
  await appendAudit(trx, {
    userId,
    action: 'review.retype-moved',
    target: `${from.table}/${from.id}`,
    before: { kind: from.kind, id: from.id },
    after: { kind: to.kind, id, evidence, mentions, participants },
  });
  return { table: to.table, kind: to.kind, id };
}
