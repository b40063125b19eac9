import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { Confidentiality, Database } from '../db/schema.js';
import { type JobHandler, PERMANENT_FAILURES } from '../jobs/index.js';
import { ChronicleError } from '../shared/errors.js';
import { sizeInWords } from '../shared/sizes.js';
import { getBlob } from './blob-store.js';
import { type IngestContext, type IngestResult, ingestFiles } from './ingest.js';
import { resolveLimits } from './parse-types.js';
import { jsonObjectOf } from './queries.js';
import { isMoreConfidential } from './source-details.js';
import { chooseParts, queueIfWhole, type WaitingPart, waitingParts } from './waiting-parts.js';

export { PARTS_JOB } from './waiting-parts.js';

/** What a read-parts job did, kept as its result (`chronicle jobs`). */
export type PartsOutcome =
  | { set: string; outcome: 'read'; archive: string; parts: number; sources: number }
  | { set: string; outcome: 'waiting'; missing: number[] }
  | { set: string; outcome: 'not read'; archive: string; reason: string };

/**
 * The handler of `read-parts` jobs (payload `{set, archive}`, waiting-parts.ts): reads the parts of a split archive
 * stored at different times as one archive, as if they had been given together, through ingestion itself — what the
 * archive holds becomes the first part's children, searched and extracted like any source, in one transaction with
 * the parts marked read, their pages saying which part of how many each is, the audit entry and the job's completion.
 * What it holds is as confidential as the most confidential part: a part from a restricted letter keeps its content
 * restricted. Parts that still lack one (another came meanwhile, or the set goes on past the parts stored) wait on;
 * a set that cannot be read keeps its parts, each saying why.
 */
export function partsJobHandler(context: IngestContext): JobHandler {
  return async (job, complete) => {
    const { set } = job.payload as { set?: unknown };
    if (typeof set !== 'string') throw new ChronicleError('VALIDATION', `job ${job.id}: payload has no set`);
    const db = context.workspace.db;
    const finish = (outcome: PartsOutcome) => db.transaction().execute((trx) => complete(trx, outcome));
    const { parts, missing } = chooseParts(await waitingParts(db, set));
    if (parts.length === 0 || missing.length > 0 || parts.at(-1)!.last === false)
      return finish({ set, outcome: 'waiting', missing });
    const rows = await partRows(db, parts);
    const first = rows[0]!;
    const archive = archiveNameOf(first.metadata) ?? first.file_name ?? set;
    const total = rows.reduce((sum, row) => sum + Number(row.byte_size), 0);
    const maxBytes = resolveLimits(context.limits).maxBytes;
    if (total > maxBytes) {
      const reason =
        `the ${rows.length} parts of «${archive}» come to ${sizeInWords(total)}; the limit for one file is ${sizeInWords(maxBytes)}: ` +
        'add all the parts together under a larger limit (chronicle ingest --max-size)';
      return db.transaction().execute(async (trx) => {
        await markNotRead(trx, rows, reason);
        await complete(trx, { set, outcome: 'not read', archive, reason } satisfies PartsOutcome);
      });
    }
    const bytes = await Promise.all(rows.map((row) => getBlob(db, row.sha256, context.cipher)));
    const file = {
      name: parts[0]!.fileName,
      bytes: bytes[0]!,
      metadata: {
        publisher: first.publisher,
        author: first.author,
        url: first.url,
        publishedAt: first.published_at,
        confidentiality: strictest(rows.map((row) => row.confidentiality)),
      },
      laterVolumes: parts.slice(1).map((part, i) => ({ name: part.fileName, bytes: bytes[i + 1]! })),
      wholeOrNothing: true,
    };
    let passing: ChronicleError | null = null;
    for await (const _ of ingestFiles(context, [file], {
      // The parts are read again from the store, not received again.
      keepReceipts: false,
      beforeCommit: async (trx, results) => {
        const first = results[0]!;
        // A time limit, a parser that stopped: the job is tried again rather than the parts said not to read.
        if (first.status === 'failed' && !PERMANENT_FAILURES.has(first.code ?? 'PARSE_FAILED')) {
          passing = new ChronicleError(first.code ?? 'INTERNAL', reasonOf(first));
          return;
        }
        await complete(trx, await afterReading(trx, context.userId, set, archive, rows, results));
      },
    })) {
      // The results are the job's; the job's outcome says what became of the set.
    }
    if (passing) throw passing;
  };
}

/** A failed result's reason without the file name it begins with. */
function reasonOf(result: IngestResult): string {
  const error = result.error ?? 'the parts could not be read';
  return error.startsWith(`${result.file}: `) ? error.slice(result.file.length + 2) : error;
}

type PartRow = Awaited<ReturnType<typeof partRows>>[number];

/** The stored parts' rows, in the order of `parts`. */
async function partRows(db: Kysely<Database>, parts: readonly WaitingPart[]) {
  const rows = await db
    .selectFrom('sources')
    .select([
      'id',
      'sha256',
      'byte_size',
      'file_name',
      'publisher',
      'author',
      'url',
      'published_at',
      'confidentiality',
      'metadata',
    ])
    .where(
      'id',
      'in',
      parts.map((part) => part.sourceId),
    )
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return parts.map((part) => byId.get(part.sourceId)!);
}

/**
 * In the transaction that stored what the set holds: whether it was read (ingestion then marked its parts read, each
 * page saying which part of how many it is: waiting-parts.ts `markRead`), with an audit entry; or, when it could
 * not be read, each part saying why.
 */
async function afterReading(
  trx: Kysely<Database>,
  userId: string | null,
  set: string,
  archive: string,
  rows: readonly PartRow[],
  results: readonly IngestResult[],
): Promise<PartsOutcome> {
  const first = results[0]!;
  if (first.status === 'failed') {
    const reason = reasonOf(first);
    await markNotRead(trx, rows, reason);
    return { set, outcome: 'not read', archive, reason };
  }
  const state = await trx
    .selectFrom('waiting_parts')
    .select('state')
    .where('source_id', '=', rows[0]!.id)
    .executeTakeFirst();
  // The parts end before the archive does (the file 7-Zip cut says it is longer): they wait for the rest.
  if (state?.state !== 'read') return { set, outcome: 'waiting', missing: [] };
  const stored = results.filter((result) => result.status === 'ingested');
  // Parts of another case file named alike may wait on, now whole without those read here.
  await queueIfWhole(trx, set, archive);
  await appendAudit(trx, {
    userId,
    action: 'source.parts-read',
    target: `sources/${rows[0]!.id}`,
    after: { archive, parts: rows.map((row) => row.id), sources: stored.map((result) => result.sourceId) },
  });
  return { set, outcome: 'read', archive, parts: rows.length, sources: stored.length };
}

/** Each part's page says why the set could not be read; the parts wait on, in case a part was the wrong one. */
async function markNotRead(trx: Kysely<Database>, rows: readonly PartRow[], reason: string): Promise<void> {
  for (const row of rows) {
    const metadata = jsonObjectOf(row.metadata);
    const volume = { ...(metadata.volume as Record<string, unknown> | undefined), notRead: reason };
    await trx
      .updateTable('sources')
      .set({ metadata: JSON.stringify({ ...metadata, volume }) })
      .where('id', '=', row.id)
      .execute();
  }
}

/** The most confidential of the levels given: restricted over internal over public. */
function strictest(levels: readonly Confidentiality[]): Confidentiality {
  return levels.reduce((a, b) => (isMoreConfidential(b, a) ? b : a));
}

function archiveNameOf(stored: string | null): string | null {
  const volume = jsonObjectOf(stored).volume as { archive?: unknown } | undefined;
  return typeof volume?.archive === 'string' ? volume.archive : null;
}
