/**
 * Reports republished with small changes — a press release with another outlet's header and footer, a wire story
 * with a line corrected, a page saved again after an edit — are near-duplicates as much as byte-different copies of
 * one text are: they are one account, not two that confirm each other (src/record/conflicts.ts counts independent
 * sources by their near-duplicate root). Ingestion links exact copies by the near-duplicate key; this links texts
 * sharing most of their wording (text-similarity.ts), once a source's text is final, when its extraction runs.
 *
 * A link by wording is explained (the source it matched, how alike) and reversible: a person may say the
 * two are reports of their own, and they are never linked again.
 */
import type { Kysely } from 'kysely';
import { appendAudit, takeAuditTurn } from '../audit/index.js';
import { insertRows } from '../db/insert-rows.js';
import type { Database } from '../db/schema.js';
import { enqueueJob, type JobHandler } from '../jobs/index.js';
import { ChronicleError } from '../shared/errors.js';
import { bandKeys, sameReport, shingles, type TextProfile, textProfile } from './text-similarity.js';

/**
 * The candidates compared exactly, those sharing the most band keys first: a wire story may have hundreds of copies,
 * and the copies most alike share the most keys. Reading and comparing a candidate is most of a link's time.
 */
const CANDIDATES = 8;

/**
 * The job that compares the sources stored before linking by wording existed (queued by migration 0023), a chunk of
 * sources at a time in the order they were stored: a workspace's reports republished with changes are linked, as a
 * source stored now is when it is extracted. Payload `{after, until}`: the last source id compared, and the time the
 * upgrade was made (sources stored since are compared by their own extraction).
 */
export const WORDING_JOB = 'compare-wording';
const WORDING_CHUNK = 200;

/** `queueWordingComparison(db)` → the job comparing every source stored until now. */
export async function queueWordingComparison(
  db: Kysely<Database>,
  until = new Date().toISOString(),
): Promise<{ id: string; created: boolean }> {
  return enqueueJob(db, WORDING_JOB, { after: '', until }, { dedupeKey: `${WORDING_JOB}:${until}:` });
}

/** What a compare-wording job did: the sources compared, those linked, and the last one. */
export interface WordingOutcome {
  compared: number;
  linked: number;
  after: string;
}

/**
 * The handler of compare-wording jobs: links each source of the chunk (`linkSimilarText`, a transaction a source, so
 * that other writers wait no longer than one link), then queues the next chunk with its completion. A chunk done
 * again after a worker was killed links nothing twice.
 */
export function wordingJobHandler(context: {
  db: Kysely<Database>;
  userId: string | null;
  /** Sources a job (tests take fewer). */
  chunk?: number;
}): JobHandler {
  const size = context.chunk ?? WORDING_CHUNK;
  return async (job, complete) => {
    const { after, until } = job.payload as { after?: unknown; until?: unknown };
    if (typeof after !== 'string' || typeof until !== 'string')
      throw new ChronicleError('VALIDATION', `job ${job.id}: payload has no after and until`);
    const chunk = await context.db
      .selectFrom('sources')
      .innerJoin('source_texts', 'source_texts.source_id', 'sources.id')
      .select('sources.id')
      .where('sources.id', '>', after)
      .where('sources.captured_at', '<=', until)
      .where('sources.deleted_at', 'is', null)
      .orderBy('sources.id')
      .limit(size)
      .execute();
    let linked = 0;
    for (const { id } of chunk) if ((await linkSimilarText(context.db, id, context.userId))?.created) linked++;
    const last = chunk.at(-1)?.id ?? after;
    await context.db.transaction().execute(async (trx) => {
      if (chunk.length === size)
        await enqueueJob(trx, WORDING_JOB, { after: last, until }, { dedupeKey: `${WORDING_JOB}:${until}:${last}` });
      const outcome: WordingOutcome = { compared: chunk.length, linked, after: last };
      await complete(trx, outcome);
    });
  };
}

export interface SimilarTextLink {
  sourceId: string;
  /** The source whose wording this one shares; the near-duplicate root is that source's root. */
  similarTo: string;
  root: string;
  similarity: number;
  /** Linked now (false: found linked before, as a job done again finds it). */
  created: boolean;
}

/** A near-duplicate by wording, for its page: the source whose wording it shares, and the share (0–1). */
export interface NearDuplicateReason {
  similarTo: string;
  similarity: number;
}

/**
 * Files a source's wording under its band keys and, unless it is a copy already, links it to the stored text that is
 * the same report (`sameReport`: worded alike, no name or number of its own) most alike to it, unless a person said
 * the two are distinct; audited. Idempotent: a source linked before keeps its link.
 * `linkSimilarText(db, '01J…', userId)` → `{ similarTo: '01H…', root: '01H…', similarity: 0.91 }` or null.
 */
export async function linkSimilarText(
  db: Kysely<Database>,
  sourceId: string,
  userId: string | null,
): Promise<SimilarTextLink | null> {
  return db.transaction().execute((trx) => linkSimilarTextIn(trx, sourceId, userId));
}

/**
 * `linkSimilarText` in the caller's transaction, which holds the audit chain's turn (`takeAuditTurn`) from here until
 * it ends: link last in a transaction, so that other audited changes wait the shortest time.
 */
export async function linkSimilarTextIn(
  trx: Kysely<Database>,
  sourceId: string,
  userId: string | null,
): Promise<SimilarTextLink | null> {
  // Two texts linked at once by two workers would each miss the other's keys, uncommitted.
  await takeAuditTurn(trx);
  const source = await trx
    .selectFrom('sources')
    .innerJoin('source_texts', 'source_texts.source_id', 'sources.id')
    .select(['sources.near_duplicate_of', 'sources.deleted_at', 'sources.captured_at', 'source_texts.text'])
    .where('sources.id', '=', sourceId)
    .executeTakeFirst();
  await trx.deleteFrom('text_bands').where('source_id', '=', sourceId).execute();
  if (!source || source.deleted_at !== null) return null;
  const linked = await trx.selectFrom('similar_texts').selectAll().where('source_id', '=', sourceId).executeTakeFirst();
  // A copy of the same text is filed under its original's keys already.
  if (source.near_duplicate_of !== null && !linked) return null;
  const own = textProfile(source.text);
  const keys = bandKeys(own.shingles);
  await insertRows(
    trx,
    'text_bands',
    keys.map((band_key) => ({ band_key, source_id: sourceId })),
  );
  if (linked) {
    if (source.near_duplicate_of !== null)
      return {
        sourceId,
        similarTo: linked.similar_to,
        root: source.near_duplicate_of,
        similarity: linked.similarity,
        created: false,
      };
    // Its text was replaced (a transcription) since, and the link with it.
    await trx.deleteFrom('similar_texts').where('source_id', '=', sourceId).execute();
  }
  if (keys.length === 0) return null;
  const match = await closestText(trx, sourceId, keys, own);
  if (!match) return null;
  // The report stored first is the original, whichever is compared first (a source stored before the upgrade, or
  // extracted after one stored later; in one batch, by id): a later text that is a root of its own becomes the copy.
  const storedLater =
    match.capturedAt > source.captured_at || (match.capturedAt === source.captured_at && match.id > sourceId);
  if (match.root === match.id && storedLater)
    return writeLink(
      trx,
      { copy: match.id, similarTo: sourceId, root: sourceId, similarity: match.similarity },
      userId,
    );
  return writeLink(
    trx,
    { copy: sourceId, similarTo: match.id, root: match.root, similarity: match.similarity },
    userId,
  );
}

/** Links `copy` to `root` as its near-duplicate by wording (matched against `similarTo`), its own copies with it. */
async function writeLink(
  trx: Kysely<Database>,
  link: { copy: string; similarTo: string; root: string; similarity: number },
  userId: string | null,
): Promise<SimilarTextLink> {
  const { copy, similarTo, root, similarity } = link;
  await trx.updateTable('sources').set({ near_duplicate_of: root }).where('id', '=', copy).execute();
  // Its own copies follow it, so that every copy points at the root, as `getSource` lists them.
  await trx.updateTable('sources').set({ near_duplicate_of: root }).where('near_duplicate_of', '=', copy).execute();
  await trx
    .insertInto('similar_texts')
    .values({ source_id: copy, similar_to: similarTo, similarity, created_at: new Date().toISOString() })
    .execute();
  await appendAudit(trx, {
    userId,
    action: 'source.similar-text-linked',
    target: `sources/${copy}`,
    before: { nearDuplicateOf: null },
    after: { nearDuplicateOf: root, similarTo, similarity },
  });
  return { sourceId: copy, similarTo, root, similarity, created: true };
}

/**
 * The stored source that is the same report as `own` (`sameReport`) most alike to it, among those sharing
 * a band key: not deleted, not this source or one of its copies, not a pair said to be distinct. Ties go to the
 * earlier stored.
 */
async function closestText(
  trx: Kysely<Database>,
  sourceId: string,
  keys: readonly string[],
  own: TextProfile,
): Promise<{ id: string; root: string; similarity: number; capturedAt: string } | null> {
  const shared = await trx
    .selectFrom('text_bands')
    .select(['source_id', (eb) => eb.fn.countAll<number>().as('bands')])
    .where('band_key', 'in', keys)
    .where('source_id', '!=', sourceId)
    .groupBy('source_id')
    .orderBy('bands', 'desc')
    .orderBy('source_id')
    .limit(CANDIDATES)
    .execute();
  if (shared.length === 0) return null;
  const candidates = await trx
    .selectFrom('sources')
    .innerJoin('source_texts', 'source_texts.source_id', 'sources.id')
    .select(['sources.id', 'sources.near_duplicate_of', 'sources.captured_at', 'source_texts.text'])
    .where(
      'sources.id',
      'in',
      shared.map((row) => row.source_id),
    )
    .where('sources.deleted_at', 'is', null)
    .execute();
  const distinct = await distinctFrom(
    trx,
    sourceId,
    candidates.map((c) => c.id),
  );
  let best: { id: string; root: string; similarity: number; capturedAt: string } | null = null;
  for (const candidate of candidates) {
    const root = candidate.near_duplicate_of ?? candidate.id;
    if (root === sourceId || distinct.has(candidate.id) || distinct.has(root)) continue;
    const share = sameReport(own, textProfile(candidate.text));
    if (share === null) continue;
    if (!best || share > best.similarity || (share === best.similarity && candidate.captured_at < best.capturedAt))
      best = { id: candidate.id, root, similarity: Math.round(share * 1000) / 1000, capturedAt: candidate.captured_at };
  }
  return best;
}

/** Of `ids`, those said to be reports distinct from `sourceId`. */
async function distinctFrom(trx: Kysely<Database>, sourceId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await trx
    .selectFrom('distinct_texts')
    .select(['source_id', 'other_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('source_id', '=', sourceId), eb('other_id', 'in', ids)]),
        eb.and([eb('other_id', '=', sourceId), eb('source_id', 'in', ids)]),
      ]),
    )
    .execute();
  return new Set(rows.map((row) => (row.source_id === sourceId ? row.other_id : row.source_id)));
}

/**
 * Says a source linked by its wording is a report of its own: the link goes, with the copies that followed it and the
 * texts linked through it, and the pair is never linked again. Audited. Throws CONFLICT for a copy of the same
 * text (its text is its original's; there is nothing to tell apart) and NOT_FOUND for a source not linked.
 */
export async function unlinkSimilarText(trx: Kysely<Database>, sourceId: string, userId: string | null): Promise<void> {
  const source = await trx
    .selectFrom('sources')
    .select(['near_duplicate_of', 'text_sha256'])
    .where('id', '=', sourceId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!source) throw new ChronicleError('NOT_FOUND', `no source ${sourceId}`);
  const linked = await trx.selectFrom('similar_texts').selectAll().where('source_id', '=', sourceId).executeTakeFirst();
  if (source.near_duplicate_of === null)
    throw new ChronicleError('NOT_FOUND', `source ${sourceId} is not a near-duplicate of another source`);
  if (!linked)
    throw new ChronicleError(
      'CONFLICT',
      'this source has the same text as the source it is a near-duplicate of: a copy cannot be told apart from it',
    );
  const root = source.near_duplicate_of;
  await trx.updateTable('sources').set({ near_duplicate_of: null }).where('id', '=', sourceId).execute();
  // Its copies, and the texts that matched its wording, come back to it.
  const followers = trx.selectFrom('similar_texts').select('source_id').where('similar_to', '=', sourceId);
  let back = trx
    .updateTable('sources')
    .set({ near_duplicate_of: sourceId })
    .where('near_duplicate_of', '=', root)
    .where('id', '!=', sourceId);
  back =
    source.text_sha256 === null
      ? back.where('id', 'in', followers)
      : back.where((eb) => eb.or([eb('text_sha256', '=', source.text_sha256), eb('id', 'in', followers)]));
  await back.execute();
  await trx.deleteFrom('similar_texts').where('source_id', '=', sourceId).execute();
  // Apart from the text it matched and from that text's root, which a later comparison would find in its place.
  for (const other of new Set([linked.similar_to, root])) {
    const [first, second] = [sourceId, other].sort() as [string, string];
    await trx
      .insertInto('distinct_texts')
      .values({ source_id: first, other_id: second, user_id: userId, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await appendAudit(trx, {
    userId,
    action: 'source.similar-text-unlinked',
    target: `sources/${sourceId}`,
    before: { nearDuplicateOf: root, similarTo: linked.similar_to, similarity: linked.similarity },
    after: { nearDuplicateOf: null },
  });
}

/** Files a text under its band keys, as linking does (an imported source's); keys already there stay. */
export async function fileWording(trx: Kysely<Database>, sourceId: string, text: string): Promise<void> {
  const keys = bandKeys(shingles(text));
  if (keys.length === 0) return;
  await trx
    .insertInto('text_bands')
    .values(keys.map((band_key) => ({ band_key, source_id: sourceId })))
    .onConflict((oc) => oc.columns(['band_key', 'source_id']).doNothing())
    .execute();
}

/** Why each of `ids` is a near-duplicate by wording (those linked by the same text are absent). */
export async function similarTextReasons(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, NearDuplicateReason>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('similar_texts')
    .select(['source_id', 'similar_to', 'similarity'])
    .where('source_id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.source_id, { similarTo: row.similar_to, similarity: row.similarity }]));
}
