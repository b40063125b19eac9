import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { Database, RelationshipsTable } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { BASELINE_ACTION } from './versions.js';

/** What the other end of a relationship is: another person, or an organization (member of, employee of). */
export type RelationshipTargetType = 'person' | 'organization';

export interface RelationshipKindInfo {
  /** The other end's type this kind takes. */
  target: RelationshipTargetType;
  /**
   * The kind as read from the other end: `mother_of` seen from the child is `child_of`; a symmetric kind
   * (`spouse_of`) reads the same both ways; `member_of` seen from the organization is `has_member`.
   */
  inverse: string;
}

/**
 * The fixed vocabulary of relationship kinds (`A <kind> B`). A fixed list (not free text) so both ends read
 * correctly in both languages and statistics can count them; the UI labels each key in en/ru.
 */
export const RELATIONSHIP_KINDS = {
  mother_of: { target: 'person', inverse: 'child_of' },
  father_of: { target: 'person', inverse: 'child_of' },
  parent_of: { target: 'person', inverse: 'child_of' },
  child_of: { target: 'person', inverse: 'parent_of' },
  spouse_of: { target: 'person', inverse: 'spouse_of' },
  partner_of: { target: 'person', inverse: 'partner_of' },
  sibling_of: { target: 'person', inverse: 'sibling_of' },
  relative_of: { target: 'person', inverse: 'relative_of' },
  lawyer_of: { target: 'person', inverse: 'client_of' },
  client_of: { target: 'person', inverse: 'lawyer_of' },
  co_defendant_of: { target: 'person', inverse: 'co_defendant_of' },
  colleague_of: { target: 'person', inverse: 'colleague_of' },
  friend_of: { target: 'person', inverse: 'friend_of' },
  member_of: { target: 'organization', inverse: 'has_member' },
  employee_of: { target: 'organization', inverse: 'employs' },
} as const satisfies Record<string, RelationshipKindInfo>;

export type RelationshipKind = keyof typeof RELATIONSHIP_KINDS;
export const RELATIONSHIP_KIND_NAMES = Object.keys(RELATIONSHIP_KINDS) as RelationshipKind[];

export function isRelationshipKind(value: unknown): value is RelationshipKind {
  return typeof value === 'string' && Object.hasOwn(RELATIONSHIP_KINDS, value);
}

export interface RelationshipInput {
  kind: RelationshipKind;
  toType: RelationshipTargetType;
  toId: string;
  note?: string | null;
  evidenceId?: string | null;
}

/** A relationship as stored: `from` <kind> `to`. */
export interface RelationshipView {
  id: string;
  fromPersonId: string;
  kind: RelationshipKind;
  toType: RelationshipTargetType;
  toId: string;
  note: string | null;
  evidenceId: string | null;
  createdAt: string;
  createdBy: string | null;
  deletedAt: string | null;
}

/** A relationship as one person's page shows it: read from that person's side, with the other end's name. */
export interface PersonRelationship {
  id: string;
  /** `outgoing`: this person is the `from`; `incoming`: this person is the other end. */
  direction: 'outgoing' | 'incoming';
  kind: RelationshipKind;
  /** The kind read from this person's side: `mother_of` outgoing, `child_of` on the child's page. */
  relation: string;
  other: { type: RelationshipTargetType; id: string; name: string };
  note: string | null;
  evidenceId: string | null;
  createdAt: string;
}

/**
 * The stored `to_entity_type` is the other end's table name, as in `event_participants.entity_type`
 * (`persons`, `organizations`); the API speaks of a `person` or an `organization`.
 */
const TABLE_OF = { person: 'persons', organization: 'organizations' } as const;
function typeOf(table: string): RelationshipTargetType {
  return table === 'organizations' ? 'organization' : 'person';
}

function toView(r: RelationshipsTable): RelationshipView {
  return {
    id: r.id,
    fromPersonId: r.from_person_id,
    kind: r.kind as RelationshipKind,
    toType: typeOf(r.to_entity_type),
    toId: r.to_entity_id,
    note: r.note,
    evidenceId: r.evidence_id,
    createdAt: r.created_at,
    createdBy: r.created_by,
    deletedAt: r.deleted_at,
  };
}

async function liveRecordExists(db: Kysely<Database>, type: RelationshipTargetType, id: string): Promise<boolean> {
  const row =
    type === 'person'
      ? await db
          .selectFrom('persons')
          .select('id')
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .where('merged_into', 'is', null)
          .executeTakeFirst()
      : await db
          .selectFrom('organizations')
          .select('id')
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
  return row !== undefined;
}

/** Keeps a version of the relationship row (record_versions, like every record) and audits the change. */
async function keepVersion(
  trx: Kysely<Database>,
  row: RelationshipsTable,
  version: number,
  userId: string | null,
  action: string,
  before: RelationshipsTable | null,
): Promise<void> {
  const now = new Date().toISOString();
  await trx
    .insertInto('record_versions')
    .values({
      id: newId(),
      record_table: 'relationships',
      record_id: row.id,
      version,
      data: JSON.stringify({ row }),
      user_id: userId,
      at: now,
      action,
    })
    .execute();
  await appendAudit(trx, { userId, action, target: `relationships/${row.id}`, before, after: row });
}

/**
 * Records that a person stands in a relationship to another person or an organization, versioned and audited.
 * `createRelationship(trx, mother.id, { kind: 'mother_of', toType: 'person', toId: son.id }, userId)`.
 * Refuses an unknown kind, the wrong kind of other end, a missing or deleted end, a person related to themself,
 * and a relationship that already exists (for a symmetric kind, in either direction).
 */
export async function createRelationship(
  trx: Kysely<Database>,
  fromPersonId: string,
  input: RelationshipInput,
  userId: string | null,
): Promise<RelationshipView> {
  if (!isRelationshipKind(input.kind))
    throw new ChronicleError('VALIDATION', `unknown relationship kind ${String(input.kind)}`);
  const info: RelationshipKindInfo = RELATIONSHIP_KINDS[input.kind];
  if (input.toType !== info.target)
    throw new ChronicleError('VALIDATION', `${input.kind} relates a person to a ${info.target}, not a ${input.toType}`);
  if (input.toType === 'person' && input.toId === fromPersonId)
    throw new ChronicleError('VALIDATION', 'a person cannot be related to themself');
  if (!(await liveRecordExists(trx, 'person', fromPersonId)))
    throw new ChronicleError('NOT_FOUND', `no person ${fromPersonId}`);
  if (!(await liveRecordExists(trx, input.toType, input.toId)))
    throw new ChronicleError('NOT_FOUND', `no ${input.toType} ${input.toId}`);
  const symmetric = info.inverse === input.kind;
  const existing = await trx
    .selectFrom('relationships')
    .select('id')
    .where('deleted_at', 'is', null)
    .where((eb) => {
      const same = eb.and([
        eb('from_person_id', '=', fromPersonId),
        eb('to_entity_type', '=', TABLE_OF[input.toType]),
        eb('to_entity_id', '=', input.toId),
        eb('kind', '=', input.kind),
      ]);
      if (!symmetric) return same;
      return eb.or([
        same,
        eb.and([
          eb('from_person_id', '=', input.toId),
          eb('to_entity_type', '=', 'persons'),
          eb('to_entity_id', '=', fromPersonId),
          eb('kind', '=', input.kind),
        ]),
      ]);
    })
    .executeTakeFirst();
  if (existing) throw new ChronicleError('CONFLICT', `this relationship is already recorded (${existing.id})`);
  if (input.evidenceId) {
    const evidence = await trx
      .selectFrom('evidence')
      .select('id')
      .where('id', '=', input.evidenceId)
      .executeTakeFirst();
    if (!evidence) throw new ChronicleError('VALIDATION', `no evidence ${input.evidenceId}`);
  }
  const row: RelationshipsTable = {
    id: newId(),
    from_person_id: fromPersonId,
    to_entity_type: TABLE_OF[input.toType],
    to_entity_id: input.toId,
    kind: input.kind,
    evidence_id: input.evidenceId ?? null,
    created_at: new Date().toISOString(),
    deleted_at: null,
    note: input.note?.trim() || null,
    created_by: userId,
  };
  await trx.insertInto('relationships').values(row).execute();
  await keepVersion(trx, row, 1, userId, 'relationship.create', null);
  return toView(row);
}

export async function getRelationship(db: Kysely<Database>, id: string): Promise<RelationshipView> {
  const row = await db.selectFrom('relationships').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ChronicleError('NOT_FOUND', `no relationship ${id}`);
  return toView(row);
}

/** Soft-deletes a relationship (kept with its history), as a new version, audited. */
export async function deleteRelationship(
  trx: Kysely<Database>,
  id: string,
  userId: string | null,
): Promise<RelationshipView> {
  const before = await trx.selectFrom('relationships').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new ChronicleError('NOT_FOUND', `no relationship ${id}`);
  if (before.deleted_at) throw new ChronicleError('CONFLICT', `relationship ${id} is already deleted`);
  const latest = await trx
    .selectFrom('record_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('record_table', '=', 'relationships')
    .where('record_id', '=', id)
    .executeTakeFirst();
  let version = Number(latest?.v ?? 0);
  // A relationship that came in without history (an import of an older export) gets its baseline first.
  if (version === 0) {
    version = 1;
    await trx
      .insertInto('record_versions')
      .values({
        id: newId(),
        record_table: 'relationships',
        record_id: id,
        version,
        data: JSON.stringify({ row: before }),
        user_id: null,
        at: new Date().toISOString(),
        action: BASELINE_ACTION,
      })
      .execute();
  }
  const after: RelationshipsTable = { ...before, deleted_at: new Date().toISOString() };
  await trx.updateTable('relationships').set({ deleted_at: after.deleted_at }).where('id', '=', id).execute();
  await keepVersion(trx, after, version + 1, userId, 'relationship.delete', before);
  return toView(after);
}

/**
 * The live relationships of one person, both ways, each read from this person's side, with the other end's
 * name; relationships whose other end is deleted or merged away are left out. Visibility of the other end is the
 * caller's to apply (the API keeps only those whose both ends the user may see).
 * `listPersonRelationships(db, son.id)` → `[{ relation: 'child_of', other: { name: 'Тамара Гайнуллина' }, … }]`.
 */
export async function listPersonRelationships(db: Kysely<Database>, personId: string): Promise<PersonRelationship[]> {
  const rows = await db
    .selectFrom('relationships')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('from_person_id', '=', personId),
        eb.and([eb('to_entity_type', '=', 'persons'), eb('to_entity_id', '=', personId)]),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const personIds = new Set<string>();
  const organizationIds = new Set<string>();
  for (const r of rows) {
    if (r.from_person_id !== personId) personIds.add(r.from_person_id);
    else if (r.to_entity_type === 'organizations') organizationIds.add(r.to_entity_id);
    else personIds.add(r.to_entity_id);
  }
  const names = new Map<string, string>();
  if (personIds.size > 0) {
    const people = await db
      .selectFrom('persons')
      .select(['id', 'display_name'])
      .where('id', 'in', [...personIds])
      .where('deleted_at', 'is', null)
      .where('merged_into', 'is', null)
      .execute();
    for (const p of people) names.set(`person:${p.id}`, p.display_name);
  }
  if (organizationIds.size > 0) {
    const organizations = await db
      .selectFrom('organizations')
      .select(['id', 'name'])
      .where('id', 'in', [...organizationIds])
      .where('deleted_at', 'is', null)
      .execute();
    for (const o of organizations) names.set(`organization:${o.id}`, o.name);
  }
  const result: PersonRelationship[] = [];
  for (const r of rows) {
    if (!isRelationshipKind(r.kind)) continue;
    const outgoing = r.from_person_id === personId;
    const other = outgoing
      ? { type: typeOf(r.to_entity_type), id: r.to_entity_id }
      : { type: 'person' as const, id: r.from_person_id };
    const name = names.get(`${other.type}:${other.id}`);
    if (name === undefined) continue;
    result.push({
      id: r.id,
      direction: outgoing ? 'outgoing' : 'incoming',
      kind: r.kind,
      relation: outgoing ? r.kind : RELATIONSHIP_KINDS[r.kind].inverse,
      other: { ...other, name },
      note: r.note,
      evidenceId: r.evidence_id,
      createdAt: r.created_at,
    });
  }
  return result;
}
