/**
 * Reversible merges and splits of persons (issues 4 and 5), over the database.
 *
 * - `proposeMerges` runs the names resolver (src/resolve: blocking keys, then calibrated comparison of every name
 *   pair that shares a key, under every reading of an ambiguous inflected name) over the persons' names and stores
 *   one pending proposal per pair of persons that may be one, with its score and explanation.
 * - `mergePersons` folds one person into another: the merged person gets `merged_into`, and its names, event
 *   participations, case parties, relationships, mentions and evidence move to the kept one. Exactly what moved is
 *   recorded in `person_merges`, so `undoMerge` puts every row back where it was.
 * - `splitPerson` moves chosen names and event participations of one person to a new person; undone the same way.
 * - `keepApart` records that a pair is two people, so it is never proposed again.
 *
 * Every change is a new version of each person touched and an audit entry. Deciding needs the `records.merge`
 * action (editor); nobody sees or decides a proposal involving a person they may not see (NOT_FOUND, as missing).
 */
import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../audit/index.js';
import { recordGroups, setRecordGroups } from '../auth/index.js';
import { can, type PolicyUser, personScope, sourceScope, visibleIds } from '../auth/policy.js';
import { dialectOf } from '../db/connection.js';
import type { Confidentiality, Database, MergeProposalsTable, PersonMergesTable, PersonsTable } from '../db/schema.js';
import {
  blockingKeys,
  compareParsedNames,
  type NameComparison,
  type ParsedName,
  PROPOSAL_THRESHOLD,
  parseName,
  scriptOf,
} from '../resolve/index.js';
import { ChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { isMoreConfidential } from '../sources/index.js';
import { setNameKeys } from './name-keys.js';
import { personRow as newPersonRow } from './persons.js';
import { refreshPersonStatus } from './status.js';
import { changeRecord, recordCreation } from './versions.js';

/** A proposal waits for a decision, or was merged, or its persons were said to be two people. */
export const MERGE_PROPOSAL_STATUSES: ReadonlyArray<MergeProposalsTable['status']> = [
  'pending',
  'merged',
  'kept_apart',
];

/** What a row of the merge history did: fold one person into another, or split one off. */
export const MERGE_KINDS: ReadonlyArray<PersonMergesTable['kind']> = ['merge', 'split'];

/** Why two persons were proposed: the best-matching pair of their names and the resolver's explanation. */
export interface MergeWhy {
  /** The explanation in words, e.g. "same person (score 1.00): surname: Гайнуллин ~ Gainullin via ICAO 9303; …". */
  summary: string;
  /** The resolver's verdict on the two names (absent on proposals stored before it was kept). */
  match?: boolean;
  /** The two names compared (one of each person). */
  names: [string, string];
  parts: Array<{ part: string; a?: string; b?: string; status: string; note: string }>;
  /** Set when the match holds under another reading of an inflected name (e.g. «Рината Гайнуллина», genitive). */
  reading?: string;
}

export interface ProposalPerson {
  id: string;
  displayName: string;
  names: Array<{ name: string; script: 'cyrillic' | 'latin' }>;
  gender: string | null;
  confidentiality: string;
  mergedInto: string | null;
  eventsCount: number;
  evidence: Array<{ quote: string; sourceId: string; sourceTitle: string | null }>;
}

export interface MergeProposalView {
  id: string;
  score: number;
  status: MergeProposalsTable['status'];
  why: MergeWhy;
  decidedBy: string | null;
  decidedAt: string | null;
  a: ProposalPerson;
  b: ProposalPerson;
}

export interface MergeView {
  id: string;
  kind: PersonMergesTable['kind'];
  proposalId: string | null;
  keptId: string;
  keptName: string;
  otherId: string;
  otherName: string;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
  undoneAt: string | null;
}

/** Exactly what one merge or split moved, so undo puts it back (stored as JSON in person_merges.moved). */
interface Moved {
  /**
   * Who could read the kept person before the merge made it stricter (`protectionAfterMerge`); absent when the
   * merge left it as it was, and in merges made before it could.
   */
  keptProtection?: { before: Protection; after: Protection };
  names: Array<{ id: string; kind: string }>;
  participants: Array<{ event_id: string; role: string; dropped: boolean }>;
  parties: Array<{ case_id: string; role: string; dropped: boolean }>;
  relationshipsFrom: string[];
  relationshipsTo: string[];
  mentions: string[];
  evidence: string[];
}

type Db = Kysely<Database>;

/** Who may read a person: its level and, when restricted, the ids of its access groups. */
interface Protection {
  confidentiality: Confidentiality;
  groups: string[];
}

/** How a relationship names a person as its target (both spellings are met). */
const PERSON_TYPES = ['persons', 'person'];

/** Runs `work` in a transaction, or in the caller's when it already is one. */
async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}

/** The command line acts as this user: every record, and no account named in versions and audit entries. */
export const COMMAND_LINE_USER: PolicyUser = { id: '', role: 'admin' };

function actorOf(user: PolicyUser | null): string | null {
  return user?.id || null;
}

/**
 * On PostgreSQL, locks the persons' rows until the transaction ends, so two editors merging the same person at once
 * are serialized and the second sees the first's result (SQLite has one writer at a time already).
 */
async function lockPersons(trx: Db, ids: string[]): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  await trx.selectFrom('persons').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

function assertMay(user: PolicyUser | null): void {
  if (!can(user, 'records.merge')) throw new ChronicleError('FORBIDDEN');
}

/** Both persons exist and the user may see them; otherwise the not-found a missing id gets. */
async function assertVisiblePersons(db: Db, user: PolicyUser | null, ids: string[]): Promise<void> {
  const visible = await visibleIds(db, user, 'persons', ids);
  for (const id of ids) if (!visible.has(id)) throw new ChronicleError('NOT_FOUND', `no person ${id}`);
}

async function personRow(db: Db, id: string): Promise<PersonsTable> {
  const row = await db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ChronicleError('NOT_FOUND', `no person ${id}`);
  return row;
}

function assertActive(row: PersonsTable): void {
  if (row.merged_into !== null)
    throw new ChronicleError('CONFLICT', `person ${row.id} is already merged into ${row.merged_into}`);
  if (row.deleted_at !== null) throw new ChronicleError('CONFLICT', `person ${row.id} is deleted`);
}

function pairKey(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

function readings(p: ParsedName): ParsedName[] {
  if (!p.alternative) return [p];
  const { alternative, ...primary } = p;
  return [primary, alternative];
}

function whyOf(c: NameComparison, names: [string, string], reading: boolean): MergeWhy {
  return {
    summary: c.why,
    match: c.match,
    names,
    parts: c.parts.map((p) => ({
      part: p.part,
      ...(p.a === undefined ? {} : { a: p.a }),
      ...(p.b === undefined ? {} : { b: p.b }),
      status: p.status,
      note: p.note,
    })),
    ...(reading ? { reading: `«${names[1]}» read as an inflected form` } : {}),
  };
}

export interface ProposeResult {
  /** Pending proposals after the run (within the scope looked at). */
  pending: number;
  created: number;
  updated: number;
  removed: number;
  persons: number;
}

/**
 * Runs the names resolver over the names of the active persons (the user's visible ones when `user` is given;
 * every one for the command line) and stores or refreshes the pending proposals. A pair decided before (merged or
 * kept apart) is left as decided. `await proposeMerges(db)` → `{ pending: 3, created: 3, … }`.
 */
export async function proposeMerges(
  db: Db,
  options: { user?: PolicyUser | null; threshold?: number } = {},
): Promise<ProposeResult> {
  const threshold = options.threshold ?? PROPOSAL_THRESHOLD;
  let personsQuery = db
    .selectFrom('persons')
    .select(['id', 'gender'])
    .where('merged_into', 'is', null)
    .where('deleted_at', 'is', null)
    .where('review_status', '=', 'accepted');
  if (options.user !== undefined) personsQuery = personsQuery.where(personScope(options.user));
  const persons = await personsQuery.orderBy('id').execute();
  const genderOf = new Map(persons.map((p) => [p.id, p.gender]));
  const ids = persons.map((p) => p.id);

  // Each distinct (person, name) once, with its readings and blocking keys.
  const entries: Array<{ person: string; name: string; readings: ParsedName[] }> = [];
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('person_names')
      .select(['person_id', 'name'])
      .where('person_id', 'in', ids.slice(i, i + 500))
      .orderBy('person_id')
      .orderBy('id')
      .execute();
    const seen = new Set<string>();
    for (const row of rows) {
      const key = `${row.person_id}\u0000${row.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const rs = readings(parseName(row.name));
      const index = entries.length;
      entries.push({ person: row.person_id, name: row.name, readings: rs });
      const keys = new Set(rs.flatMap((r) => blockingKeys(r)));
      for (const k of keys) {
        const list = blocks.get(k);
        if (list) list.push(index);
        else blocks.set(k, [index]);
      }
    }
  }

  // Compare every pair of names of different persons that share a key; keep each person pair's best.
  const best = new Map<string, { score: number; why: MergeWhy; a: string; b: string }>();
  const compared = new Set<string>();
  for (const members of blocks.values()) {
    const list = members.length > 2000 ? members.slice(0, 2000) : members;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const x = entries[list[i]!]!;
        const y = entries[list[j]!]!;
        if (x.person === y.person) continue;
        const gx = genderOf.get(x.person);
        const gy = genderOf.get(y.person);
        if (gx && gy && gx !== gy) continue;
        const seenKey = list[i]! < list[j]! ? `${list[i]}:${list[j]}` : `${list[j]}:${list[i]}`;
        if (compared.has(seenKey)) continue;
        compared.add(seenKey);
        const [a, b] = pairKey(x.person, y.person);
        const [na, nb] = a === x.person ? [x, y] : [y, x];
        let top: { c: NameComparison; reading: boolean } | undefined;
        for (const [ri, ra] of na.readings.entries())
          for (const [rj, rb] of nb.readings.entries()) {
            const c = compareParsedNames(ra, rb);
            if (!top || c.score > top.c.score) top = { c, reading: ri > 0 || rj > 0 };
          }
        if (!top || top.c.score < threshold) continue;
        const key = `${a}|${b}`;
        const previous = best.get(key);
        if (!previous || top.c.score > previous.score)
          best.set(key, { score: top.c.score, why: whyOf(top.c, [na.name, nb.name], top.reading), a, b });
      }
    }
  }

  return inTransaction(db, async (trx) => {
    const now = new Date().toISOString();
    const inScope = new Set(ids);
    const existing = new Map<string, { id: string; status: string; score: number; why: string }>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await trx
        .selectFrom('merge_proposals')
        .select(['id', 'person_a', 'person_b', 'status', 'score', 'why'])
        .where('person_a', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) existing.set(`${r.person_a}|${r.person_b}`, r);
    }
    let created = 0;
    let updated = 0;
    let removed = 0;
    for (const [key, p] of best) {
      const old = existing.get(key);
      const why = JSON.stringify(p.why);
      if (!old) {
        await trx
          .insertInto('merge_proposals')
          .values({
            id: newId(),
            person_a: p.a,
            person_b: p.b,
            score: p.score,
            why,
            status: 'pending',
            decided_by: null,
            decided_at: null,
            created_at: now,
            updated_at: now,
          })
          // A refresh running at the same time may have stored the pair first.
          .onConflict((oc) => oc.columns(['person_a', 'person_b']).doNothing())
          .execute();
        created += 1;
      } else if (old.status === 'pending' && (old.why !== why || Math.abs(old.score - p.score) > 1e-9)) {
        await trx
          .updateTable('merge_proposals')
          .set({ score: p.score, why, updated_at: now })
          .where('id', '=', old.id)
          .execute();
        updated += 1;
      }
    }
    // Pending proposals the resolver no longer makes, between persons it looked at, go.
    for (const [key, old] of existing) {
      const [a, b] = key.split('|') as [string, string];
      if (old.status === 'pending' && !best.has(key) && inScope.has(a) && inScope.has(b)) {
        await trx.deleteFrom('merge_proposals').where('id', '=', old.id).execute();
        removed += 1;
      }
    }
    const pending = [...best.keys()].filter((k) => (existing.get(k)?.status ?? 'pending') === 'pending').length;
    // The proposals are what merge decisions point to: which the resolver made, changed or withdrew is in the log.
    if (created + updated + removed > 0)
      await appendAudit(trx, {
        userId: options.user ? actorOf(options.user) : null,
        action: 'merge.refresh',
        target: 'merge_proposals',
        after: { created, updated, removed, pending },
      });
    return { pending, created, updated, removed, persons: ids.length };
  });
}

async function proposalPerson(db: Db, user: PolicyUser | null, id: string): Promise<ProposalPerson> {
  const row = await personRow(db, id);
  const names = await db.selectFrom('person_names').select('name').where('person_id', '=', id).orderBy('id').execute();
  const eventIds = (
    await db
      .selectFrom('event_participants')
      .innerJoin('events', 'events.id', 'event_participants.event_id')
      .select('events.id')
      .where('event_participants.entity_type', '=', 'persons')
      .where('event_participants.entity_id', '=', id)
      .where('events.deleted_at', 'is', null)
      .where('events.status', '!=', 'rejected')
      .execute()
  ).map((e) => e.id);
  const visibleEvents = [...(await visibleIds(db, user, 'events', eventIds))];
  const quotes = await db
    .selectFrom('evidence')
    .innerJoin('sources', 'sources.id', 'evidence.source_id')
    .select(['evidence.quote', 'evidence.source_id', 'sources.title', 'sources.file_name'])
    .where((eb) =>
      eb.or([
        eb.and([eb('evidence.target_table', '=', 'persons'), eb('evidence.target_id', '=', id)]),
        ...(visibleEvents.length > 0
          ? [eb.and([eb('evidence.target_table', '=', 'events'), eb('evidence.target_id', 'in', visibleEvents)])]
          : []),
      ]),
    )
    .where(sourceScope(user))
    .where('sources.deleted_at', 'is', null)
    .orderBy('evidence.created_at')
    .orderBy('evidence.id')
    .limit(3)
    .execute();
  const unique = [...new Set(names.map((n) => n.name))];
  return {
    id,
    displayName: row.display_name,
    names: unique.map((name) => ({ name, script: scriptOf(name) })),
    gender: row.gender,
    confidentiality: row.confidentiality,
    mergedInto: row.merged_into,
    eventsCount: visibleEvents.length,
    evidence: quotes.map((q) => ({ quote: q.quote, sourceId: q.source_id, sourceTitle: q.title ?? q.file_name })),
  };
}

/**
 * Merge proposals whose persons the user may both see, strongest first, with each person's names, events count and
 * evidence quotes. `listMergeProposals(db, viewer, { status: 'pending', limit: 20 })` → `{ total, items }`.
 */
export async function listMergeProposals(
  db: Db,
  user: PolicyUser | null,
  options: { status?: MergeProposalsTable['status']; limit?: number; offset?: number } = {},
): Promise<{ total: number; items: MergeProposalView[] }> {
  const status = options.status ?? 'pending';
  const visible = (active: boolean) => (eb: import('kysely').ExpressionBuilder<Database, 'merge_proposals'>) => {
    let q = eb
      .selectFrom('persons')
      .select('persons.id')
      .where(personScope(user))
      .where('persons.deleted_at', 'is', null);
    if (active) q = q.where('persons.merged_into', 'is', null);
    return q;
  };
  const active = status === 'pending';
  const query = db
    .selectFrom('merge_proposals')
    .where('merge_proposals.status', '=', status)
    .where('merge_proposals.person_a', 'in', visible(active))
    .where('merge_proposals.person_b', 'in', visible(active));
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await query
    .selectAll()
    .orderBy('score', 'desc')
    .orderBy('id')
    .limit(Math.min(options.limit ?? 20, 200))
    .offset(options.offset ?? 0)
    .execute();
  const items: MergeProposalView[] = [];
  for (const r of rows) items.push(await proposalView(db, user, r));
  return { total: Number(count?.n ?? 0), items };
}

async function proposalView(db: Db, user: PolicyUser | null, r: MergeProposalsTable): Promise<MergeProposalView> {
  return {
    id: r.id,
    score: r.score,
    status: r.status,
    why: JSON.parse(r.why) as MergeWhy,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    a: await proposalPerson(db, user, r.person_a),
    b: await proposalPerson(db, user, r.person_b),
  };
}

/** One proposal the user may see (both persons visible), or NOT_FOUND. */
export async function getMergeProposal(db: Db, user: PolicyUser | null, id: string): Promise<MergeProposalView> {
  const row = await db.selectFrom('merge_proposals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ChronicleError('NOT_FOUND', `no merge proposal ${id}`);
  const visible = await visibleIds(db, user, 'persons', [row.person_a, row.person_b]);
  if (!visible.has(row.person_a) || !visible.has(row.person_b))
    throw new ChronicleError('NOT_FOUND', `no merge proposal ${id}`);
  return proposalView(db, user, row);
}

async function setProposalStatus(
  trx: Db,
  id: string,
  status: MergeProposalsTable['status'],
  user: PolicyUser | null,
): Promise<void> {
  const decided =
    status === 'pending'
      ? { decided_by: null, decided_at: null }
      : {
          decided_by: actorOf(user),
          decided_at: new Date().toISOString(),
        };
  await trx
    .updateTable('merge_proposals')
    .set({ status, ...decided, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

export interface MergeResult {
  /** The id of the merge (for undo). */
  mergeId: string;
  keptId: string;
  mergedId: string;
  proposalId: string | null;
}

/**
 * Merges person `mergeId` into person `keepId`: names (a primary name becomes an alias), event participations, case
 * parties, relationships both ways, mentions and evidence move to the kept person; the merged one gets
 * `merged_into`. A new version and an audit entry for both; exactly what moved is kept for `undoMerge`.
 * `await mergePersons(db, editor, rinatId, gainullinId, 'same court case, same birth year')` → `{ mergeId, … }`.
 */
export async function mergePersons(
  db: Db,
  user: PolicyUser | null,
  keepId: string,
  mergeId: string,
  reason: string | null = null,
): Promise<MergeResult> {
  assertMay(user);
  if (keepId === mergeId) throw new ChronicleError('VALIDATION', 'a person cannot be merged into itself');
  return inTransaction(db, async (trx) => {
    await lockPersons(trx, [keepId, mergeId]);
    await assertVisiblePersons(trx, user, [keepId, mergeId]);
    const keptBefore = await personRow(trx, keepId);
    const mergedBefore = await personRow(trx, mergeId);
    assertActive(keptBefore);
    assertActive(mergedBefore);
    const protection = await protectionAfterMerge(trx, keptBefore, mergedBefore);
    const [a, b] = pairKey(keepId, mergeId);
    const proposal = await trx
      .selectFrom('merge_proposals')
      .select(['id'])
      .where('person_a', '=', a)
      .where('person_b', '=', b)
      .executeTakeFirst();
    const userId = actorOf(user);
    const id = newId();
    const moved: Moved = {
      names: [],
      participants: [],
      parties: [],
      relationshipsFrom: [],
      relationshipsTo: [],
      mentions: [],
      evidence: [],
    };
    await changeRecord(trx, 'persons', keepId, userId, 'person.merge', async () => {
      await changeRecord(trx, 'persons', mergeId, userId, 'person.merge', async () => {
        moved.names = await trx
          .selectFrom('person_names')
          .select(['id', 'kind'])
          .where('person_id', '=', mergeId)
          .orderBy('id')
          .execute();
        if (moved.names.length > 0) {
          await trx.updateTable('person_names').set({ person_id: keepId }).where('person_id', '=', mergeId).execute();
          await trx
            .updateTable('person_names')
            .set({ kind: 'alias' })
            .where(
              'id',
              'in',
              moved.names
                .filter((n) => n.kind === 'primary')
                .map((n) => n.id)
                .concat(['']),
            )
            .execute();
        }
        moved.participants = await moveParticipants(trx, mergeId, keepId);
        moved.parties = await moveParties(trx, mergeId, keepId);
        moved.relationshipsFrom = (
          await trx.selectFrom('relationships').select('id').where('from_person_id', '=', mergeId).execute()
        ).map((r) => r.id);
        moved.relationshipsTo = (
          await trx
            .selectFrom('relationships')
            .select('id')
            .where('to_entity_type', 'in', PERSON_TYPES)
            .where('to_entity_id', '=', mergeId)
            .execute()
        ).map((r) => r.id);
        await trx
          .updateTable('relationships')
          .set({ from_person_id: keepId })
          .where('from_person_id', '=', mergeId)
          .execute();
        await trx
          .updateTable('relationships')
          .set({ to_entity_id: keepId })
          .where('to_entity_type', 'in', PERSON_TYPES)
          .where('to_entity_id', '=', mergeId)
          .execute();
        moved.mentions = (await trx.selectFrom('mentions').select('id').where('entity_id', '=', mergeId).execute()).map(
          (r) => r.id,
        );
        await trx.updateTable('mentions').set({ entity_id: keepId }).where('entity_id', '=', mergeId).execute();
        moved.evidence = (
          await trx
            .selectFrom('evidence')
            .select('id')
            .where('target_table', '=', 'persons')
            .where('target_id', '=', mergeId)
            .execute()
        ).map((r) => r.id);
        await trx
          .updateTable('evidence')
          .set({ target_id: keepId })
          .where('target_table', '=', 'persons')
          .where('target_id', '=', mergeId)
          .execute();
        await trx.updateTable('persons').set({ merged_into: keepId }).where('id', '=', mergeId).execute();
        await setNameKeys(trx, 'persons', mergeId, []);
      });
      await setNameKeys(trx, 'persons', keepId, await namesOf(trx, keepId));
      await refreshPersonStatus(trx, keepId);
      if (protection) {
        moved.keptProtection = protection;
        await setProtection(trx, userId, keepId, protection.after);
      }
    });
    await trx
      .insertInto('person_merges')
      .values({
        id,
        kind: 'merge',
        proposal_id: proposal?.id ?? null,
        kept_id: keepId,
        other_id: mergeId,
        reason: reason?.trim() || null,
        moved: JSON.stringify(moved),
        before: JSON.stringify({ kept: keptBefore, other: mergedBefore }),
        created_by: userId,
        created_at: new Date().toISOString(),
        undone_by: null,
        undone_at: null,
      })
      .execute();
    if (proposal) await setProposalStatus(trx, proposal.id, 'merged', user);
    await appendAudit(trx, {
      userId,
      action: 'merge.create',
      target: `person_merges/${id}`,
      after: { keptId: keepId, mergedId: mergeId, proposalId: proposal?.id ?? null, reason, moved },
    });
    return { mergeId: id, keptId: keepId, mergedId: mergeId, proposalId: proposal?.id ?? null };
  });
}

/**
 * Who may read the kept person once the other's names, events and relatives are its own: never more people than
 * could read the other before. It takes the stricter level of the two and, made restricted by the other, exactly the
 * other's groups. Two restricted persons given to different groups are refused: each group's members would read
 * the other's. Null when the kept person is protected enough as it is.
 */
async function protectionAfterMerge(
  trx: Db,
  kept: PersonsTable,
  other: PersonsTable,
): Promise<Moved['keptProtection'] | null> {
  const keptGroups = (await recordGroups(trx, 'persons', kept.id)).map((g) => g.id);
  const otherGroups = (await recordGroups(trx, 'persons', other.id)).map((g) => g.id);
  if (kept.confidentiality === 'restricted' && other.confidentiality === 'restricted') {
    if (!sameGroups(keptGroups, otherGroups))
      throw new ChronicleError(
        'CONFLICT',
        `${kept.display_name} and ${other.display_name} are restricted to different access groups: give both the ` +
          'same groups before merging them, so that neither is shown to those who may read only the other',
      );
    return null;
  }
  if (!isMoreConfidential(other.confidentiality, kept.confidentiality)) return null;
  return {
    before: { confidentiality: kept.confidentiality, groups: keptGroups },
    after: {
      confidentiality: other.confidentiality,
      groups: other.confidentiality === 'restricted' ? otherGroups : keptGroups,
    },
  };
}

async function namesOf(trx: Db, personId: string): Promise<string[]> {
  return (await trx.selectFrom('person_names').select('name').where('person_id', '=', personId).execute()).map(
    (n) => n.name,
  );
}

/**
 * The two tables that tie a person to something under a role: an event's participants and a case's parties. A
 * merge, a split and their undo move these rows between persons in the same way, so one description of each table
 * serves them all (identifiers from this fixed list only; every value is a bound parameter).
 */
const PERSON_LINKS = {
  participants: { table: 'event_participants', key: 'event_id', person: 'entity_id', personsOnly: true },
  parties: { table: 'case_parties', key: 'case_id', person: 'person_id', personsOnly: false },
} as const;
type PersonLink = (typeof PERSON_LINKS)[keyof typeof PERSON_LINKS];

/** A link of `person` to `key` under `role` (only persons' rows of event_participants, which also holds others). */
function linkRow(link: PersonLink, key: string, person: string, role: string) {
  return sql.join(
    [
      sql`${sql.ref(link.key)} = ${key}`,
      sql`${sql.ref(link.person)} = ${person}`,
      sql`role = ${role}`,
      ...(link.personsOnly ? [sql`entity_type = 'persons'`] : []),
    ],
    sql` AND `,
  );
}

/**
 * Moves a person's links (of `onlyKeys`, or all) to another person; a link the other already has is dropped from
 * the first and recorded as dropped, so an undo can put it back. Returns what was moved, in a stable order.
 */
async function moveLinks(
  trx: Db,
  link: PersonLink,
  from: string,
  to: string,
  onlyKeys?: readonly string[],
): Promise<Array<{ key: string; role: string; dropped: boolean }>> {
  const table = sql.table(link.table);
  const only = onlyKeys ? sql` AND ${sql.ref(link.key)} IN (${sql.join([...onlyKeys, ''])})` : sql``;
  const scope = link.personsOnly ? sql` AND entity_type = 'persons'` : sql``;
  const rows = await sql<{ link_key: string; role: string }>`SELECT ${sql.ref(link.key)} AS link_key, role FROM ${table}
    WHERE ${sql.ref(link.person)} = ${from}${scope}${only} ORDER BY 1, 2`.execute(trx);
  const out: Array<{ key: string; role: string; dropped: boolean }> = [];
  for (const r of rows.rows) {
    const key = r.link_key;
    const clash = await sql`SELECT 1 FROM ${table} WHERE ${linkRow(link, key, to, r.role)}`.execute(trx);
    const dropped = clash.rows.length > 0;
    if (dropped) await sql`DELETE FROM ${table} WHERE ${linkRow(link, key, from, r.role)}`.execute(trx);
    else
      await sql`UPDATE ${table} SET ${sql.ref(link.person)} = ${to} WHERE ${linkRow(link, key, from, r.role)}`.execute(
        trx,
      );
    out.push({ key, role: r.role, dropped });
  }
  return out;
}

/** Puts one moved link back on `original`: re-inserted where it was dropped, otherwise moved back from `current`. */
async function moveLinkBack(
  trx: Db,
  link: PersonLink,
  moved: { key: string; role: string; dropped: boolean },
  original: string,
  current: string,
): Promise<void> {
  const table = sql.table(link.table);
  if (moved.dropped) {
    const columns = [sql.ref(link.key), sql.ref(link.person), sql.ref('role')];
    const values = [moved.key, original, moved.role];
    if (link.personsOnly) {
      columns.push(sql.ref('entity_type'));
      values.push('persons');
    }
    await sql`INSERT INTO ${table} (${sql.join(columns)}) VALUES (${sql.join(values)})`.execute(trx);
  } else {
    await sql`UPDATE ${table} SET ${sql.ref(link.person)} = ${original}
      WHERE ${linkRow(link, moved.key, current, moved.role)}`.execute(trx);
  }
}

async function moveParticipants(
  trx: Db,
  from: string,
  to: string,
  onlyEvents?: readonly string[],
): Promise<Moved['participants']> {
  const moved = await moveLinks(trx, PERSON_LINKS.participants, from, to, onlyEvents);
  return moved.map((m) => ({ event_id: m.key, role: m.role, dropped: m.dropped }));
}

async function moveParties(trx: Db, from: string, to: string): Promise<Moved['parties']> {
  const moved = await moveLinks(trx, PERSON_LINKS.parties, from, to);
  return moved.map((m) => ({ case_id: m.key, role: m.role, dropped: m.dropped }));
}

/** Puts back what `moved` records as moved from `original` to `current`. */
async function moveBack(trx: Db, moved: Moved, original: string, current: string): Promise<void> {
  for (const n of moved.names)
    await trx.updateTable('person_names').set({ person_id: original, kind: n.kind }).where('id', '=', n.id).execute();
  for (const p of moved.participants)
    await moveLinkBack(trx, PERSON_LINKS.participants, { key: p.event_id, ...p }, original, current);
  for (const p of moved.parties)
    await moveLinkBack(trx, PERSON_LINKS.parties, { key: p.case_id, ...p }, original, current);
  const some = (ids: string[]) => [...ids, ''];
  if (moved.relationshipsFrom.length > 0)
    await trx
      .updateTable('relationships')
      .set({ from_person_id: original })
      .where('id', 'in', some(moved.relationshipsFrom))
      .execute();
  if (moved.relationshipsTo.length > 0)
    await trx
      .updateTable('relationships')
      .set({ to_entity_id: original })
      .where('id', 'in', some(moved.relationshipsTo))
      .execute();
  if (moved.mentions.length > 0)
    await trx.updateTable('mentions').set({ entity_id: original }).where('id', 'in', some(moved.mentions)).execute();
  if (moved.evidence.length > 0)
    await trx.updateTable('evidence').set({ target_id: original }).where('id', 'in', some(moved.evidence)).execute();
}

/**
 * Undoes a merge or a split: every moved row goes back, and the persons' status and `merged_into` are what they
 * were (a split-off person is folded back and hidden). Each person gets a new version and an audit entry; history
 * is never rewritten. A later merge or split involving the same persons must be undone first.
 * `await undoMerge(db, editor, mergeId)` → the merge, now with `undoneAt`.
 */
export async function undoMerge(db: Db, user: PolicyUser | null, mergeId: string): Promise<MergeView> {
  assertMay(user);
  return inTransaction(db, async (trx) => {
    const found = await trx.selectFrom('person_merges').selectAll().where('id', '=', mergeId).executeTakeFirst();
    if (found) await lockPersons(trx, [found.kept_id, found.other_id]);
    // Read again under the lock: an undo running at the same time has finished by now.
    const m = found
      ? await trx.selectFrom('person_merges').selectAll().where('id', '=', mergeId).executeTakeFirst()
      : undefined;
    if (!m) throw new ChronicleError('NOT_FOUND', `no merge ${mergeId}`);
    const visible = await visibleIds(trx, user, 'persons', [m.kept_id, m.other_id]);
    if (!visible.has(m.kept_id) || !visible.has(m.other_id))
      throw new ChronicleError('NOT_FOUND', `no merge ${mergeId}`);
    if (m.undone_at !== null) throw new ChronicleError('CONFLICT', `merge ${mergeId} is already undone`);
    const later = await trx
      .selectFrom('person_merges')
      .select('id')
      .where('id', '>', m.id)
      .where('undone_at', 'is', null)
      .where((eb) =>
        eb.or([eb('kept_id', 'in', [m.kept_id, m.other_id]), eb('other_id', 'in', [m.kept_id, m.other_id])]),
      )
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (later) throw new ChronicleError('CONFLICT', `undo the later merge ${later.id} first`);
    const moved = JSON.parse(m.moved) as Moved;
    const before = JSON.parse(m.before) as { kept: PersonsTable; other: PersonsTable | null };
    const userId = actorOf(user);
    const action = m.kind === 'merge' ? 'person.merge-undo' : 'person.split-undo';
    await changeRecord(trx, 'persons', m.kept_id, userId, action, async () => {
      await changeRecord(trx, 'persons', m.other_id, userId, action, async () => {
        if (m.kind === 'merge') {
          await moveBack(trx, moved, m.other_id, m.kept_id);
          await trx
            .updateTable('persons')
            .set({ merged_into: before.other?.merged_into ?? null, status: before.other?.status ?? null })
            .where('id', '=', m.other_id)
            .execute();
        } else {
          // A split moved rows from the kept (split) person to the new one: they go back, the new person folds in.
          await moveBack(trx, moved, m.kept_id, m.other_id);
          await trx
            .updateTable('persons')
            .set({ merged_into: m.kept_id, deleted_at: new Date().toISOString() })
            .where('id', '=', m.other_id)
            .execute();
        }
        await setNameKeys(trx, 'persons', m.other_id, await namesOf(trx, m.other_id));
      });
      await trx.updateTable('persons').set({ status: before.kept.status }).where('id', '=', m.kept_id).execute();
      if (m.kind === 'merge' && moved.keptProtection) await restoreProtection(trx, userId, m.kept_id, moved);
      await setNameKeys(trx, 'persons', m.kept_id, await namesOf(trx, m.kept_id));
    });
    const now = new Date().toISOString();
    await trx.updateTable('person_merges').set({ undone_by: userId, undone_at: now }).where('id', '=', m.id).execute();
    if (m.proposal_id) await setProposalStatus(trx, m.proposal_id, 'pending', user);
    await appendAudit(trx, { userId, action: 'merge.undo', target: `person_merges/${m.id}`, after: { kind: m.kind } });
    return mergeView(trx, { ...m, undone_by: userId, undone_at: now });
  });
}

/**
 * Gives the kept person back the readers it had before a merge made it stricter, unless someone has changed who may
 * read it since: their choice stands. Groups deleted since are left out.
 */
async function restoreProtection(trx: Db, userId: string | null, keptId: string, moved: Moved): Promise<void> {
  const { before, after } = moved.keptProtection!;
  const now = {
    confidentiality: (await personRow(trx, keptId)).confidentiality,
    groups: (await recordGroups(trx, 'persons', keptId)).map((g) => g.id),
  };
  if (!sameProtection(now, after)) return;
  const remaining = await trx
    .selectFrom('groups')
    .select('id')
    .where('id', 'in', [...before.groups, ''])
    .execute();
  await setProtection(trx, userId, keptId, {
    confidentiality: before.confidentiality,
    groups: remaining.map((g) => g.id),
  });
}

async function setProtection(trx: Db, userId: string | null, personId: string, to: Protection): Promise<void> {
  await trx.updateTable('persons').set({ confidentiality: to.confidentiality }).where('id', '=', personId).execute();
  await setRecordGroups(trx, userId, 'persons', personId, to.groups);
}

function sameProtection(a: Protection, b: Protection): boolean {
  return a.confidentiality === b.confidentiality && sameGroups(a.groups, b.groups);
}

function sameGroups(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

/**
 * Records that the two persons of a proposal are different people: the pair is not proposed again.
 * `await keepApart(db, editor, proposalId)` → the proposal, status kept_apart.
 */
export async function keepApart(db: Db, user: PolicyUser | null, proposalId: string): Promise<MergeProposalView> {
  assertMay(user);
  return inTransaction(db, async (trx) => {
    const p = await getMergeProposal(trx, user, proposalId);
    if (p.status !== 'pending') throw new ChronicleError('CONFLICT', `proposal ${proposalId} is already ${p.status}`);
    await setProposalStatus(trx, proposalId, 'kept_apart', user);
    await appendAudit(trx, {
      userId: actorOf(user),
      action: 'merge.keep-apart',
      target: `merge_proposals/${proposalId}`,
      after: { personA: p.a.id, personB: p.b.id, score: p.score },
    });
    return getMergeProposal(trx, user, proposalId);
  });
}

/**
 * Merges the two persons of a pending proposal; keeps `keepId` when given (one of the two), else the one with more
 * events (the first on a tie). `await mergeProposal(db, editor, proposalId)` → `{ mergeId, keptId, … }`.
 */
export async function mergeProposal(
  db: Db,
  user: PolicyUser | null,
  proposalId: string,
  options: { keepId?: string; reason?: string | null } = {},
): Promise<MergeResult> {
  assertMay(user);
  return inTransaction(db, async (trx) => {
    const p = await getMergeProposal(trx, user, proposalId);
    if (p.status !== 'pending') throw new ChronicleError('CONFLICT', `proposal ${proposalId} is already ${p.status}`);
    let keep = p.b.eventsCount > p.a.eventsCount ? p.b.id : p.a.id;
    if (options.keepId !== undefined) {
      if (options.keepId !== p.a.id && options.keepId !== p.b.id)
        throw new ChronicleError('VALIDATION', 'keepId must be one of the two persons of the proposal');
      keep = options.keepId;
    }
    const other = keep === p.a.id ? p.b.id : p.a.id;
    return mergePersons(trx, user, keep, other, options.reason ?? null);
  });
}

export interface SplitInput {
  /** Names of the person (as written) that belong to the new person. */
  names: string[];
  /** Events whose participation of this person belongs to the new person. */
  eventIds?: string[];
  /** The new person's display name; the first moved name when absent. */
  displayName?: string;
  reason?: string | null;
}

export interface SplitResult {
  mergeId: string;
  personId: string;
  newPersonId: string;
}

/**
 * Splits a person: the chosen names and event participations move to a new person (same confidentiality and
 * access groups). Reversible with `undoMerge(db, user, result.mergeId)`.
 * `await splitPerson(db, editor, id, { names: ['Тамара Гайнуллина'], eventIds: [e1] })` → `{ newPersonId, … }`.
 */
export async function splitPerson(
  db: Db,
  user: PolicyUser | null,
  personId: string,
  input: SplitInput,
): Promise<SplitResult> {
  assertMay(user);
  const wanted = new Set(input.names.map((n) => n.trim()).filter(Boolean));
  if (wanted.size === 0) throw new ChronicleError('VALIDATION', 'name at least one name for the new person');
  return inTransaction(db, async (trx) => {
    await lockPersons(trx, [personId]);
    await assertVisiblePersons(trx, user, [personId]);
    const original = await personRow(trx, personId);
    assertActive(original);
    const names = await trx
      .selectFrom('person_names')
      .select(['id', 'name', 'kind'])
      .where('person_id', '=', personId)
      .orderBy('id')
      .execute();
    const moving = names.filter((n) => wanted.has(n.name));
    const known = new Set(names.map((n) => n.name));
    const unknown = [...wanted].filter((n) => !known.has(n));
    if (unknown.length > 0) throw new ChronicleError('VALIDATION', `the person has no name ${unknown.join(', ')}`);
    if (moving.length === names.length)
      throw new ChronicleError('VALIDATION', 'at least one name must stay with the person');
    const eventIds = [...new Set(input.eventIds ?? [])];
    if (eventIds.length > 0) {
      const have = new Set(
        (
          await trx
            .selectFrom('event_participants')
            .select('event_id')
            .where('entity_type', '=', 'persons')
            .where('entity_id', '=', personId)
            .where('event_id', 'in', eventIds)
            .execute()
        ).map((r) => r.event_id),
      );
      const missing = eventIds.filter((e) => !have.has(e));
      if (missing.length > 0)
        throw new ChronicleError('VALIDATION', `the person takes no part in event ${missing.join(', ')}`);
    }
    const userId = actorOf(user);
    const newPersonId = newId();
    const id = newId();
    const now = new Date().toISOString();
    const moved: Moved = {
      names: moving.map((n) => ({ id: n.id, kind: n.kind })),
      participants: [],
      parties: [],
      relationshipsFrom: [],
      relationshipsTo: [],
      mentions: [],
      evidence: [],
    };
    await changeRecord(trx, 'persons', personId, userId, 'person.split', async () => {
      await trx
        .insertInto('persons')
        .values(
          newPersonRow(newPersonId, input.displayName?.trim() || moving[0]!.name, now, {
            gender: original.gender,
            confidentiality: original.confidentiality,
          }),
        )
        .execute();
      const groups = await trx
        .selectFrom('record_groups')
        .select('group_id')
        .where('record_table', '=', 'persons')
        .where('record_id', '=', personId)
        .execute();
      if (groups.length > 0)
        await trx
          .insertInto('record_groups')
          .values(groups.map((g) => ({ record_table: 'persons', record_id: newPersonId, group_id: g.group_id })))
          .execute();
      await trx
        .updateTable('person_names')
        .set({ person_id: newPersonId })
        .where(
          'id',
          'in',
          moving.map((n) => n.id),
        )
        .execute();
      moved.participants = eventIds.length > 0 ? await moveParticipants(trx, personId, newPersonId, eventIds) : [];
      await setNameKeys(trx, 'persons', newPersonId, await namesOf(trx, newPersonId));
      await refreshPersonStatus(trx, newPersonId);
      await recordCreation(trx, 'persons', newPersonId, userId, 'person.split');
      await setNameKeys(trx, 'persons', personId, await namesOf(trx, personId));
      await refreshPersonStatus(trx, personId);
    });
    await trx
      .insertInto('person_merges')
      .values({
        id,
        kind: 'split',
        proposal_id: null,
        kept_id: personId,
        other_id: newPersonId,
        reason: input.reason?.trim() || null,
        moved: JSON.stringify(moved),
        before: JSON.stringify({ kept: original, other: null }),
        created_by: userId,
        created_at: now,
        undone_by: null,
        undone_at: null,
      })
      .execute();
    await appendAudit(trx, {
      userId,
      action: 'merge.split',
      target: `person_merges/${id}`,
      after: { personId, newPersonId, moved },
    });
    return { mergeId: id, personId, newPersonId };
  });
}

async function mergeView(db: Db, m: PersonMergesTable): Promise<MergeView> {
  const names = await db
    .selectFrom('persons')
    .select(['id', 'display_name'])
    .where('id', 'in', [m.kept_id, m.other_id])
    .execute();
  const nameOf = new Map(names.map((n) => [n.id, n.display_name]));
  return {
    id: m.id,
    kind: m.kind,
    proposalId: m.proposal_id,
    keptId: m.kept_id,
    keptName: nameOf.get(m.kept_id) ?? '',
    otherId: m.other_id,
    otherName: nameOf.get(m.other_id) ?? '',
    reason: m.reason,
    createdBy: m.created_by,
    createdAt: m.created_at,
    undoneAt: m.undone_at,
  };
}

/** Merges and splits whose persons the user may both see, newest first. */
export async function listMerges(
  db: Db,
  user: PolicyUser | null,
  options: { limit?: number; offset?: number; includeUndone?: boolean } = {},
): Promise<{ total: number; items: MergeView[] }> {
  const visible = (eb: import('kysely').ExpressionBuilder<Database, 'person_merges'>) =>
    eb.selectFrom('persons').select('persons.id').where(personScope(user));
  let query = db
    .selectFrom('person_merges')
    .where('person_merges.kept_id', 'in', visible)
    .where('person_merges.other_id', 'in', visible);
  if (!options.includeUndone) query = query.where('undone_at', 'is', null);
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await query
    .selectAll()
    .orderBy('id', 'desc')
    .limit(Math.min(options.limit ?? 20, 200))
    .offset(options.offset ?? 0)
    .execute();
  const items: MergeView[] = [];
  for (const r of rows) items.push(await mergeView(db, r));
  return { total: Number(count?.n ?? 0), items };
}
