import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { enqueueJob, type JobHandler, requeueJob } from '../jobs/index.js';
import { ChronicleError, isChronicleError } from '../shared/errors.js';
import { linkSimilarTextIn } from '../sources/index.js';
import type { ExtractionInput } from './extraction-input.js';
import { nothingStaged, type StageResult, stageExtraction } from './staging.js';

export const EXTRACT_JOB = 'extract';

/** The extractor as the record domain sees it; the composition root passes src/extract's `extract` here. */
export type RunExtractor = (
  text: string,
  options: { language?: string; referenceDate?: string },
) => ExtractionInput | Promise<ExtractionInput>;

export interface ExtractJobContext {
  db: Kysely<Database>;
  runExtractor: RunExtractor;
  /** Recorded with the staged rows; a new version re-stages a source's proposals. */
  extractorVersion: string;
  userId: string | null;
}

/**
 * Queues extraction of one source, once: `queueExtraction(db, '01J…', '1.2.0')` → `{ id, created }`. The dedupe key
 * includes the extractor version, so a newer extractor queues the source again.
 */
export async function queueExtraction(
  db: Kysely<Database>,
  sourceId: string,
  extractorVersion: string,
): Promise<{ id: string; created: boolean }> {
  return enqueueJob(db, EXTRACT_JOB, { sourceId }, { dedupeKey: extractionKey(sourceId, extractorVersion) });
}

/**
 * Queues extraction of a source whose text was replaced (a transcription), under the same key, so the source's
 * state follows that job as it follows any. Throws CONFLICT while its text is being read.
 */
export async function requeueExtraction(
  db: Kysely<Database>,
  sourceId: string,
  extractorVersion: string,
): Promise<{ id: string; created: boolean }> {
  try {
    return await requeueJob(db, EXTRACT_JOB, { sourceId }, extractionKey(sourceId, extractorVersion));
  } catch (error) {
    if (!isChronicleError(error) || error.code !== 'CONFLICT') throw error;
    throw new ChronicleError('CONFLICT', 'the text of this source is being read right now: save again in a moment');
  }
}

/**
 * The source whose copy this one is — the same text in other bytes (a page saved twice, a file in another encoding)
 * — when its extraction is done or under way and whoever reads the copy reads what it proposes: the copy's words are
 * its words, and extracted again they would stand in the review queue twice, accepted as a second person and a second
 * set of events. A copy of a restricted source is extracted itself, since what the original proposes is restricted.
 * Null when the copy is to be extracted.
 */
async function extractedOriginal(
  db: Kysely<Database>,
  sourceId: string,
  extractorVersion: string,
): Promise<string | null> {
  const original = await db
    .selectFrom('sources as copy')
    .innerJoin('sources as original', 'original.id', 'copy.near_duplicate_of')
    .select('original.id')
    .where('copy.id', '=', sourceId)
    .whereRef('original.text_sha256', '=', 'copy.text_sha256')
    .where('original.deleted_at', 'is', null)
    .where('original.confidentiality', '!=', 'restricted')
    .executeTakeFirst();
  if (!original) return null;
  const extraction = await db
    .selectFrom('jobs')
    .select('id')
    .where('dedupe_key', '=', extractionKey(original.id, extractorVersion))
    .where('status', '!=', 'failed')
    .executeTakeFirst();
  return extraction ? original.id : null;
}

/** `extract:<source id>:<extractor version>`, the key source-states.ts looks a source's extraction up by. */
function extractionKey(sourceId: string, extractorVersion: string): string {
  return `${EXTRACT_JOB}:${sourceId}:${extractorVersion}`;
}

/**
 * The handler of `extract` jobs (payload `{sourceId}`): reads the source text, runs the extractor outside any
 * transaction (it can take seconds), then links the source to a text worded alike (`linkSimilarTextIn`: its text is
 * final once it is extracted, as stored or as OCR or a transcription gave it), stages the proposals and completes the
 * job in one transaction, so a worker killed half-way leaves neither half-staged proposals nor a job marked done
 * without them.
 */
export function extractJobHandler(context: ExtractJobContext): JobHandler {
  return async (job, complete) => {
    const { sourceId } = job.payload as { sourceId?: unknown };
    if (typeof sourceId !== 'string') throw new ChronicleError('VALIDATION', `job ${job.id}: payload has no sourceId`);
    const source = await context.db
      .selectFrom('sources')
      .innerJoin('source_texts', 'source_texts.source_id', 'sources.id')
      .select(['sources.language', 'sources.published_at', 'source_texts.text'])
      .where('sources.id', '=', sourceId)
      .executeTakeFirst();
    if (!source) throw new ChronicleError('NOT_FOUND', `no source ${sourceId} with text`);
    const original = await extractedOriginal(context.db, sourceId, context.extractorVersion);
    if (original) {
      const result = { ...nothingStaged(sourceId, context.extractorVersion), skipped: true, copyOf: original };
      await context.db.transaction().execute((trx) => complete(trx, result));
      return;
    }
    const referenceDate =
      source.published_at && /^\d{4}-\d{2}-\d{2}/.test(source.published_at)
        ? source.published_at.slice(0, 10)
        : undefined;
    const extraction = await context.runExtractor(source.text, {
      language: source.language ?? undefined,
      referenceDate,
    });
    await context.db.transaction().execute(async (trx) => {
      const result: StageResult = await stageExtraction(trx, {
        sourceId,
        extraction,
        extractorVersion: context.extractorVersion,
        userId: context.userId,
      });
      // In the same commit (one a source), last: it holds the audit chain's turn, which staging took for its entry.
      const similarText = await linkSimilarTextIn(trx, sourceId, context.userId);
      await complete(trx, similarText ? { ...result, similarText } : result);
    });
  };
}
