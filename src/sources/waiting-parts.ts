/**
 * Parts of split archives that come at different times — a case file mailed in three letters on three days, or
 * uploaded part by part — are each stored as they come, byte for byte, and wait for the others in `waiting_parts`.
 * When the parts stored reach from the first to the last, a `read-parts` job reads them as one archive (parts-job.ts),
 * in the same way as parts given together. Rows are written in the transaction that stores the parts, and the job is
 * queued in it, so a set completed is never left unread.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../db/connection.js';
import { insertRows } from '../db/insert-rows.js';
import type { Database } from '../db/schema.js';
import { enqueueJob } from '../jobs/index.js';
import { jsonObjectOf, type SourceScope } from './queries.js';
import { sha256Hex } from './sha256.js';
import { LATER_VOLUME_RELATION, missingParts, PARTS_WAIT, partsKey, type VolumeName } from './volumes.js';

export const PARTS_JOB = 'read-parts';

/** The first key of the advisory locks taken on sets of parts (the audit chain's lock is a single key of its own). */
const PARTS_LOCK_CLASS = 0x70617274;

/**
 * A part a batch stored to wait for its set (`waiting`), or one stored before that the batch read with its set (a
 * duplicate now): which part of how many it is, and the first part it is linked to if it is a later one.
 */
export type StoredPart =
  | {
      waiting: true;
      sourceId: string;
      volume: VolumeName;
      /** Whether the part says it is its set's last (volume-ends.ts `isLastPart`); null when it cannot tell. */
      last: boolean | null;
    }
  | {
      waiting: false;
      sourceId: string;
      /** What reading the set says of the part: which of how many it is (`volume`), what the first keeps unread. */
      metadata: Record<string, unknown>;
      /** What reading it warned of (an archive's folders left in it…). */
      warnings: string[];
      firstId: string | null;
    };

/** A part waiting in the workspace, as the read-parts job takes it. */
export interface WaitingPart {
  sourceId: string;
  number: number;
  last: boolean | null;
  fileName: string;
  capturedAt: string;
}

/**
 * Writes down the parts a batch stored to wait, and those it read that waited (`markRead`), and queues a read-parts
 * job for each set now reaching from its first part to its last. Runs in the batch's transaction.
 */
export async function recordStoredParts(trx: Kysely<Database>, parts: readonly StoredPart[]): Promise<void> {
  await markRead(
    trx,
    parts.flatMap((part) => (part.waiting ? [] : [part])),
  );
  const waiting = parts.flatMap((part) => (part.waiting ? [part] : []));
  if (waiting.length === 0) return;
  const archives = new Map(waiting.map((part) => [partsKey(part.volume), part.volume.archiveName]));
  if (dialectOf(trx) === 'postgres')
    // Two parts of one set stored at once (two uploads, two workers) would each miss the other's row, uncommitted,
    // and neither queue the job: each set is taken in turn, until commit, in one order so that none waits in a ring.
    for (const key of [...archives.keys()].sort())
      await sql`SELECT pg_advisory_xact_lock(${PARTS_LOCK_CLASS}, hashtext(${key}))`.execute(trx);
  const now = new Date().toISOString();
  await insertRows(
    trx,
    'waiting_parts',
    waiting.map((part) => ({
      source_id: part.sourceId,
      set_key: partsKey(part.volume),
      number: part.volume.number,
      last: part.last === null ? null : part.last ? 1 : 0,
      state: 'waiting' as const,
      created_at: now,
    })),
  );
  for (const [key, archive] of archives) await queueIfWhole(trx, key, archive);
}

/**
 * Queues a read-parts job for the parts of a set waiting in the workspace, if they reach from its first part to its
 * last: when a part is stored, and when a set is read while other parts named alike wait (another case file's).
 */
export async function queueIfWhole(trx: Kysely<Database>, key: string, archive: string): Promise<void> {
  const chosen = chooseParts(await waitingParts(trx, key));
  // A part alone was tried alone when it was stored: it waits because it did not read so.
  if (chosen.parts.length < 2 || chosen.missing.length > 0 || chosen.parts.at(-1)?.last === false) return;
  // A job per set of parts: the same parts never make two jobs, and a part added later makes a new one.
  const ids = chosen.parts.map((part) => part.sourceId).join(' ');
  await enqueueJob(
    trx,
    PARTS_JOB,
    { set: key, archive },
    { dedupeKey: `${PARTS_JOB}:${sha256Hex(new TextEncoder().encode(ids))}` },
  );
}

/**
 * Parts that waited, now read with their set (by the read-parts job, or given again together with the rest): their
 * rows marked read, their pages made to say which part of how many each is (and the first, what it keeps unread) and
 * no longer that it waits, and a later part stored on its own (in no letter or archive) linked to the first, as
 * parts given together are.
 */
async function markRead(
  trx: Kysely<Database>,
  parts: ReadonlyArray<Extract<StoredPart, { waiting: false }>>,
): Promise<void> {
  if (parts.length === 0) return;
  const waited = await trx
    .selectFrom('waiting_parts')
    .innerJoin('sources', 'sources.id', 'waiting_parts.source_id')
    .select(['waiting_parts.source_id', 'sources.metadata', 'sources.parent_id'])
    .where(
      'waiting_parts.source_id',
      'in',
      parts.map((part) => part.sourceId),
    )
    .where('waiting_parts.state', '=', 'waiting')
    .execute();
  const byId = new Map(parts.map((part) => [part.sourceId, part]));
  for (const row of waited) {
    const part = byId.get(row.source_id)!;
    await trx.updateTable('waiting_parts').set({ state: 'read' }).where('source_id', '=', row.source_id).execute();
    const metadata = jsonObjectOf(row.metadata);
    const said = Array.isArray(metadata.warnings) ? (metadata.warnings as unknown[]) : [];
    const stillSaid = said.filter((w) => !(typeof w === 'string' && w.endsWith(PARTS_WAIT)));
    const linked =
      part.firstId && row.parent_id === null ? { parent_id: part.firstId, relation: LATER_VOLUME_RELATION } : {};
    await trx
      .updateTable('sources')
      .set({
        metadata: JSON.stringify({ ...metadata, ...part.metadata, warnings: [...stillSaid, ...part.warnings] }),
        ...linked,
      })
      .where('id', '=', row.source_id)
      .execute();
  }
}

/** The parts of a set waiting in the workspace (not deleted), in order of their number, the latest stored first. */
export async function waitingParts(db: Kysely<Database>, setKey: string): Promise<WaitingPart[]> {
  const rows = await db
    .selectFrom('waiting_parts')
    .innerJoin('sources', 'sources.id', 'waiting_parts.source_id')
    .select([
      'waiting_parts.source_id',
      'waiting_parts.number',
      'waiting_parts.last',
      'sources.file_name',
      'sources.captured_at',
    ])
    .where('waiting_parts.set_key', '=', setKey)
    .where('waiting_parts.state', '=', 'waiting')
    .where('sources.deleted_at', 'is', null)
    .orderBy('waiting_parts.number')
    .orderBy('sources.captured_at', 'desc')
    .orderBy('waiting_parts.source_id', 'desc')
    .execute();
  return rows.map((row) => ({
    sourceId: row.source_id,
    number: Number(row.number),
    last: row.last === null ? null : Number(row.last) === 1,
    fileName: row.file_name ?? '',
    capturedAt: row.captured_at,
  }));
}

/**
 * One part of each number, the one stored last where a number came twice (two case files named alike, the later
 * most likely the one being completed), and the numbers still missing below the highest.
 */
export function chooseParts(parts: readonly WaitingPart[]): { parts: WaitingPart[]; missing: number[] } {
  const chosen: WaitingPart[] = [];
  for (const part of parts) if (chosen.at(-1)?.number !== part.number) chosen.push(part);
  return { parts: chosen, missing: missingParts(chosen.map((part) => part.number)) };
}

/** An archive split into parts whose parts stored so far do not make it whole, or did not read as one archive. */
export interface WaitingSet {
  /** The archive the parts make, as the latest part names it: `Дело.rar`. */
  archive: string;
  /** The parts here, by number (a number given twice, by two case files named alike, lists both). */
  parts: Array<{ number: number; sourceId: string; fileName: string; capturedAt: string; confidentiality: string }>;
  /** The numbers below the highest here that are not here. */
  missing: number[];
  /** Whether the highest part here says it is the last (true), that more follow (false), or cannot tell (null). */
  lastHere: boolean | null;
  /** Why the parts, all here, did not read as one archive: the latest attempt's reason, or null. */
  notRead: string | null;
  /** A read-parts job for the set is queued or running. */
  reading: boolean;
}

/** At most this many waiting parts are listed: a list to act on, not an inventory. */
export const WAITING_PARTS_LISTED = 500;

/**
 * The archives whose parts wait, those with a part stored most recently first, among the sources `scope` lets one
 * see: `[{ archive: 'дело.rar', parts: [{ number: 2, … }], missing: [1], lastHere: false, notRead: null }]`.
 */
export async function listWaitingSets(
  db: Kysely<Database>,
  scope?: SourceScope,
): Promise<{ sets: WaitingSet[]; more: boolean }> {
  let query = db
    .selectFrom('sources')
    .innerJoin('waiting_parts', 'waiting_parts.source_id', 'sources.id')
    .select([
      'sources.id',
      'sources.file_name',
      'sources.captured_at',
      'sources.confidentiality',
      'sources.metadata',
      'waiting_parts.set_key',
      'waiting_parts.number',
      'waiting_parts.last',
    ])
    .where('waiting_parts.state', '=', 'waiting')
    .where('sources.deleted_at', 'is', null);
  if (scope) query = query.where((eb) => scope(eb as unknown as ExpressionBuilder<Database, 'sources'>));
  const rows = await query
    .orderBy('sources.captured_at', 'desc')
    .orderBy('sources.id', 'desc')
    .limit(WAITING_PARTS_LISTED + 1)
    .execute();
  const more = rows.length > WAITING_PARTS_LISTED;
  const sets = new Map<string, WaitingSet & { highest: number }>();
  for (const row of rows.slice(0, WAITING_PARTS_LISTED)) {
    const volume = (jsonObjectOf(row.metadata).volume ?? {}) as { archive?: unknown; notRead?: unknown };
    let set = sets.get(row.set_key);
    if (!set) {
      set = {
        archive: typeof volume.archive === 'string' ? volume.archive : row.set_key.replace(/^[^:]*:/, ''),
        parts: [],
        missing: [],
        lastHere: null,
        notRead: typeof volume.notRead === 'string' ? volume.notRead : null,
        reading: false,
        highest: 0,
      };
      sets.set(row.set_key, set);
    }
    const number = Number(row.number);
    set.parts.push({
      number,
      sourceId: row.id,
      fileName: row.file_name ?? '',
      capturedAt: row.captured_at,
      confidentiality: row.confidentiality,
    });
    if (number > set.highest) {
      set.highest = number;
      set.lastHere = row.last === null ? null : Number(row.last) === 1;
    }
  }
  // The jobs waiting to read a set are few (one a set whose last part came), however many parts wait.
  const jobs = await db
    .selectFrom('jobs')
    .select('payload')
    .where('kind', '=', PARTS_JOB)
    .where('status', 'in', ['queued', 'running'])
    .execute();
  for (const job of jobs) {
    const set = sets.get(String((jsonObjectOf(job.payload) as { set?: unknown }).set));
    if (set) set.reading = true;
  }
  return {
    sets: [...sets.values()].map(({ highest: _, ...set }) => {
      set.parts.sort((a, b) => a.number - b.number || b.capturedAt.localeCompare(a.capturedAt));
      return { ...set, missing: missingParts(set.parts.map((part) => part.number)) };
    }),
    more,
  };
}
