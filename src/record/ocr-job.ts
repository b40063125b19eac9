import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { Database } from '../db/schema.js';
import { enqueueJob, type JobHandler, requeueJob } from '../jobs/index.js';
import { ChronicleError } from '../shared/errors.js';
import {
  type BlobCipher,
  getSourceOriginal,
  OCR_EXTRACTOR,
  OCR_JOB,
  type OcrEngine,
  ocrJobKey,
  ocrReads,
  recognize,
  storeTranscription,
} from '../sources/index.js';
import { requeueExtraction } from './extract-job.js';
import { unstageSource } from './staging.js';

export { OCR_JOB } from '../sources/index.js';

export interface OcrJobContext {
  db: Kysely<Database>;
  cipher: BlobCipher | null;
  engine: OcrEngine;
  /** The extractor that reads the recognised text: its job is queued with it. */
  extractorVersion: string;
  userId: string | null;
}

/** What an `ocr` job did, kept as its result (`chronicle jobs`). */
export type OcrOutcome =
  | { sourceId: string; outcome: 'read'; characters: number; pages: number; pagesLeft: number; engine: string }
  | { sourceId: string; outcome: 'nothing read'; pages: number; engine: string }
  | { sourceId: string; outcome: 'skipped'; reason: string };

/**
 * Queues OCR of a scan or photo, once per source: `await queueOcr(trx, '01J…')` → `{ id, created }`.
 */
export async function queueOcr(db: Kysely<Database>, sourceId: string): Promise<{ id: string; created: boolean }> {
  return enqueueJob(db, OCR_JOB, { sourceId }, { dedupeKey: ocrJobKey(sourceId) });
}

/**
 * Queues OCR of a source again, when asked to (`chronicle ocr`): a job that read nothing or failed goes back in the
 * queue, and a source stored where there was no OCR program gets its first. Throws CONFLICT while one runs.
 */
export async function requeueOcr(db: Kysely<Database>, sourceId: string): Promise<{ id: string; created: boolean }> {
  return requeueJob(db, OCR_JOB, { sourceId }, ocrJobKey(sourceId));
}

/** Whether a source just stored is one for `engine` to read: a scan or photo with no text, of a type it reads. */
export function wantsOcr(engine: OcrEngine | null, source: { needsOcr: boolean; mediaType: string }): boolean {
  return engine !== null && source.needsOcr && ocrReads(engine, source.mediaType);
}

/**
 * The handler of `ocr` jobs (payload `{sourceId}`): reads the original off its scan outside any transaction (a page
 * takes seconds), then, in one transaction, makes what it read the source's text — searched, and extracted by the job
 * queued with it — audits it and completes the job. A person's transcription is never replaced: a source that no
 * longer needs OCR when the reading ends (someone typed its text meanwhile) is left as it is. What OCR read stays a
 * text to check: the source view says so, and a person corrects it as they would correct their own transcription.
 */
export function ocrJobHandler(context: OcrJobContext): JobHandler {
  return async (job, complete) => {
    const { sourceId } = job.payload as { sourceId?: unknown };
    if (typeof sourceId !== 'string') throw new ChronicleError('VALIDATION', `job ${job.id}: payload has no sourceId`);
    const engine = context.engine.name;
    const skip = async (reason: string) =>
      context.db
        .transaction()
        .execute((trx) => complete(trx, { sourceId, outcome: 'skipped', reason } satisfies OcrOutcome));
    if (!(await stillNeedsOcr(context.db, sourceId))) return skip('the source has a text already');
    const original = await getSourceOriginal(context.db, sourceId, context.cipher);
    if (!ocrReads(context.engine, original.mediaType)) return skip(`${engine} does not read ${original.mediaType}`);
    const read = await recognize(context.engine, original.bytes, original.mediaType);
    // What read it: the engine, or a DjVu file's own text layer (with the engine for the pages without one).
    const reader = read.reader ?? engine;
    await context.db.transaction().execute(async (trx) => {
      if (!(await stillNeedsOcr(trx, sourceId))) {
        await complete(trx, { sourceId, outcome: 'skipped', reason: 'a person gave it a text meanwhile' });
        return;
      }
      if (read.text === '') {
        // A blank page, a photo of a face: nothing to search, and still a scan for a person to read.
        await complete(trx, {
          sourceId,
          outcome: 'nothing read',
          pages: read.pages,
          engine: reader,
        } satisfies OcrOutcome);
        return;
      }
      const text =
        read.pagesLeft > 0
          ? `${read.text}\n\n[OCR stopped after ${read.pages} pages; ${read.pagesLeft} more are not read]`
          : read.text;
      await unstageSource(trx, sourceId);
      await trx.deleteFrom('staged_records').where('source_id', '=', sourceId).execute();
      const { before, after } = await storeTranscription(trx, sourceId, text, {
        extractor: OCR_EXTRACTOR,
        version: reader,
      });
      await requeueExtraction(trx, sourceId, context.extractorVersion);
      await appendAudit(trx, {
        userId: context.userId,
        action: 'source.ocr',
        target: `sources/${sourceId}`,
        before,
        after: { ...after, engine: reader, pages: read.pages, pagesLeft: read.pagesLeft },
      });
      const outcome: OcrOutcome = {
        sourceId,
        outcome: 'read',
        characters: after.characters,
        pages: read.pages,
        pagesLeft: read.pagesLeft,
        engine: reader,
      };
      await complete(trx, outcome);
    });
  };
}

async function stillNeedsOcr(db: Kysely<Database>, sourceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sources')
    .select('needs_ocr')
    .where('id', '=', sourceId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.needs_ocr === 1;
}
