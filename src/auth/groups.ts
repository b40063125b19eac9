/**
 * Access groups: who may read a restricted record. A restricted source, person, case, event or organization is read by
 * admins and by the members of the groups it is given to (policy.ts) — a family's testimony by the lawyers' group, a
 * detainee's medical papers by those who look after him. Admins make groups and say who is in them; an editor gives a
 * record to groups or takes it back. Each change is audited and, like any other, makes cached figures count again.
 */
import type { Kysely } from 'kysely';
import { appendAudit, takeAuditTurn } from '../audit/index.js';
import type { Database } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { ScopedTable } from './policy.js';
import { normalizeUsername } from './users.js';

export const SCOPED_TABLES: readonly ScopedTable[] = ['sources', 'persons', 'cases', 'events', 'organizations'];

/** The longest group name: a name, not a description. */
export const MAX_GROUP_NAME = 100;

export interface GroupSummary {
  id: string;
  name: string;
  /** Its members' usernames, in order. */
  members: string[];
  /** How many records are given to it. */
  records: number;
}

/** `checkGroupName('  Адвокаты  ')` → 'Адвокаты'; a blank or overlong name throws VALIDATION. */
export function checkGroupName(name: string): string {
  const trimmed = name.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (trimmed === '') throw new ChronicleError('VALIDATION', 'a group needs a name');
  if (trimmed.length > MAX_GROUP_NAME)
    throw new ChronicleError('VALIDATION', `a group's name is at most ${MAX_GROUP_NAME} characters`);
  if (/\p{Cc}/u.test(trimmed)) throw new ChronicleError('VALIDATION', "a group's name may not hold control characters");
  return trimmed;
}

/**
 * What two group names that are one name have in common, case aside: `groupNameKey(' Адвокаты ')` and
 * `groupNameKey('адвокаты')` → 'адвокаты'.
 */
export function groupNameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('ru');
}

/**
 * A group by its name or id, case aside: two groups whose names differ only in case would be mistaken for each other.
 * Undefined when there is none.
 */
async function findGroup(db: Kysely<Database>, nameOrId: string): Promise<{ id: string; name: string } | undefined> {
  const wanted = groupNameKey(nameOrId);
  const groups = await db.selectFrom('groups').select(['id', 'name']).execute();
  return groups.find((g) => g.id === nameOrId || groupNameKey(g.name) === wanted);
}

/** `findGroup`, or the not-found that names what was asked for. */
async function requireGroup(db: Kysely<Database>, nameOrId: string): Promise<{ id: string; name: string }> {
  const group = await findGroup(db, nameOrId);
  if (!group) throw new ChronicleError('NOT_FOUND', `no group ${nameOrId}`);
  return group;
}

/**
 * Makes a group (admins). `createGroup(db, null, 'Адвокаты')` → `{ id, name: 'Адвокаты', members: [], records: 0 }`.
 */
export async function createGroup(db: Kysely<Database>, actorId: string | null, name: string): Promise<GroupSummary> {
  const checked = checkGroupName(name);
  const id = newId();
  await db.transaction().execute(async (trx) => {
    // Names are unique whatever their case, which no index of both databases can hold (SQLite's `lower` folds Latin
    // letters only), so the check and the write must not interleave, or two admins making «Адвокаты» and «адвокаты» at
    // once on PostgreSQL would each find no such group: the audit chain's turn, which the write takes anyway to append
    // its entry, is taken before the check.
    await takeAuditTurn(trx);
    const taken = await findGroup(trx, checked);
    if (taken) throw new ChronicleError('CONFLICT', `a group ${taken.name} exists`);
    await trx.insertInto('groups').values({ id, name: checked }).execute();
    await appendAudit(trx, { userId: actorId, action: 'group.add', target: `groups/${id}`, after: { name: checked } });
  });
  return { id, name: checked, members: [], records: 0 };
}

/** Every group with its members and how many records it is given, by name. */
export async function listGroups(db: Kysely<Database>): Promise<GroupSummary[]> {
  const groups = await db.selectFrom('groups').select(['id', 'name']).orderBy('name').execute();
  const members = await db
    .selectFrom('user_groups')
    .innerJoin('users', 'users.id', 'user_groups.user_id')
    .select(['user_groups.group_id as groupId', 'users.username as username'])
    .orderBy('users.username')
    .execute();
  const records = await db
    .selectFrom('record_groups')
    .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('group_id')
    .execute();
  const counts = new Map(records.map((r) => [r.group_id, Number(r.n)]));
  return groups.map((g) => ({
    ...g,
    members: members.filter((m) => m.groupId === g.id).map((m) => m.username),
    records: counts.get(g.id) ?? 0,
  }));
}

/** One group as `listGroups` gives it. */
export async function getGroup(db: Kysely<Database>, nameOrId: string): Promise<GroupSummary> {
  const { id } = await requireGroup(db, nameOrId);
  return (await listGroups(db)).find((g) => g.id === id)!;
}

/**
 * Puts an account in a group, or (`member: false`) takes it out (admins); audited, and nothing to do is no change.
 * `setGroupMember(db, null, 'Адвокаты', 'anna', true)` → the group with anna among its members.
 */
export async function setGroupMember(
  db: Kysely<Database>,
  actorId: string | null,
  group: string,
  username: string,
  member: boolean,
): Promise<GroupSummary> {
  const { id } = await requireGroup(db, group);
  const user = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', '=', normalizeUsername(username))
    .executeTakeFirst();
  if (!user) throw new ChronicleError('NOT_FOUND', `no user ${username}`);
  await db.transaction().execute(async (trx) => {
    const is = await trx
      .selectFrom('user_groups')
      .select('user_id')
      .where('user_id', '=', user.id)
      .where('group_id', '=', id)
      .executeTakeFirst();
    if (Boolean(is) === member) return;
    if (member) await trx.insertInto('user_groups').values({ user_id: user.id, group_id: id }).execute();
    else await trx.deleteFrom('user_groups').where('user_id', '=', user.id).where('group_id', '=', id).execute();
    await appendAudit(trx, {
      userId: actorId,
      action: member ? 'group.member-added' : 'group.member-removed',
      target: `groups/${id}`,
      after: { username: user.username },
    });
  });
  return getGroup(db, id);
}

/**
 * Renames a group (admins): a name mistyped, or a group whose people changed. Audited with the name before and after;
 * the same name again is no change. `renameGroup(db, null, 'Адвокаты', 'Адвокаты защиты')` → the group, renamed.
 */
export async function renameGroup(
  db: Kysely<Database>,
  actorId: string | null,
  nameOrId: string,
  name: string,
): Promise<GroupSummary> {
  const group = await requireGroup(db, nameOrId);
  const checked = checkGroupName(name);
  if (checked === group.name) return getGroup(db, group.id);
  await db.transaction().execute(async (trx) => {
    await takeAuditTurn(trx); // before the check, as in createGroup
    const taken = await findGroup(trx, checked);
    // Another group of that name, whatever its letter case; the group itself may take its own name in other letters.
    if (taken && taken.id !== group.id) throw new ChronicleError('CONFLICT', `a group ${taken.name} exists`);
    await trx.updateTable('groups').set({ name: checked }).where('id', '=', group.id).execute();
    await appendAudit(trx, {
      userId: actorId,
      action: 'group.rename',
      target: `groups/${group.id}`,
      before: { name: group.name },
      after: { name: checked },
    });
  });
  return getGroup(db, group.id);
}

/**
 * Deletes a group given no record (admins), its members with it: a group made by a slip, or no longer needed. A group
 * still given records is refused — its records would silently become readable by admins only — until an editor
 * takes them from it. `deleteGroup(db, null, 'Опечатка')` → the group as it was.
 */
export async function deleteGroup(
  db: Kysely<Database>,
  actorId: string | null,
  nameOrId: string,
): Promise<GroupSummary> {
  const group = await getGroup(db, nameOrId);
  await db.transaction().execute(async (trx) => {
    const given = await trx
      .selectFrom('record_groups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('group_id', '=', group.id)
      .executeTakeFirstOrThrow();
    const records = Number(given.n);
    if (records > 0)
      throw new ChronicleError(
        'CONFLICT',
        `${group.name} is given ${records} record${records === 1 ? '' : 's'}: take ${records === 1 ? 'it' : 'them'} from it first, or ${records === 1 ? 'it' : 'they'} would be read by admins only`,
      );
    await trx.deleteFrom('user_groups').where('group_id', '=', group.id).execute();
    await trx.deleteFrom('groups').where('id', '=', group.id).execute();
    await appendAudit(trx, {
      userId: actorId,
      action: 'group.delete',
      target: `groups/${group.id}`,
      before: { name: group.name, members: group.members },
    });
  });
  return group;
}

/**
 * The groups a record is given to, by name: `await recordGroups(db, 'sources', '01J…')` → `[{ id, name: 'Адвокаты' }]`.
 */
export async function recordGroups(
  db: Kysely<Database>,
  table: ScopedTable,
  recordId: string,
): Promise<Array<{ id: string; name: string }>> {
  return db
    .selectFrom('record_groups')
    .innerJoin('groups', 'groups.id', 'record_groups.group_id')
    .select(['groups.id as id', 'groups.name as name'])
    .where('record_groups.record_table', '=', table)
    .where('record_groups.record_id', '=', recordId)
    .orderBy('groups.name')
    .execute();
}

/**
 * Gives a record to exactly these groups (names or ids), within the caller's transaction: the groups it was in and is
 * not now are taken away. Audited (`record.groups`) with the groups before and after; the same groups again change
 * nothing. `setRecordGroups(trx, null, 'sources', '01J…', ['Адвокаты'])` → `[{ id, name: 'Адвокаты' }]`.
 */
export async function setRecordGroups(
  trx: Kysely<Database>,
  actorId: string | null,
  table: ScopedTable,
  recordId: string,
  groups: readonly string[],
): Promise<Array<{ id: string; name: string }>> {
  if (!SCOPED_TABLES.includes(table))
    throw new ChronicleError('VALIDATION', `records of ${table} have no access groups: ${SCOPED_TABLES.join(', ')}`);
  const record = await trx
    .selectFrom(table as 'sources')
    .select('id')
    .where('id', '=', recordId)
    .executeTakeFirst();
  if (!record) throw new ChronicleError('NOT_FOUND', `no ${table} record ${recordId}`);
  const wanted = new Map<string, { id: string; name: string }>();
  for (const group of groups) {
    const found = await requireGroup(trx, group);
    wanted.set(found.id, found);
  }
  const before = await recordGroups(trx, table, recordId);
  const had = new Set(before.map((g) => g.id));
  const added = [...wanted.keys()].filter((id) => !had.has(id));
  const removed = before.filter((g) => !wanted.has(g.id)).map((g) => g.id);
  if (added.length === 0 && removed.length === 0) return before;
  if (removed.length > 0)
    await trx
      .deleteFrom('record_groups')
      .where('record_table', '=', table)
      .where('record_id', '=', recordId)
      .where('group_id', 'in', removed)
      .execute();
  if (added.length > 0)
    await trx
      .insertInto('record_groups')
      .values(added.map((groupId) => ({ record_table: table, record_id: recordId, group_id: groupId })))
      .execute();
  const after = await recordGroups(trx, table, recordId);
  await appendAudit(trx, {
    userId: actorId,
    action: 'record.groups',
    target: `${table}/${recordId}`,
    before: { groups: before.map((g) => g.name) },
    after: { groups: after.map((g) => g.name) },
  });
  return after;
}
