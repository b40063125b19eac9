import type { Job, JobHandler } from '../jobs/index.js';
import { enqueueJob, retryJobs } from '../jobs/index.js';
import { ChronicleError } from '../shared/errors.js';
import { getBlob, putBlob } from './blob-store.js';
import {
  type IngestContext,
  type IngestFile,
  type IngestResult,
  ingestFiles,
  type SourceMetadataInput,
} from './ingest.js';
import { sha256Hex } from './sha256.js';

export const INGEST_JOB = 'ingest';

interface IngestJobPayload {
  sha256: string;
  name: string;
  metadata: SourceMetadataInput;
  /** The parts after the first of a split archive (`IngestFile.laterVolumes`), read with it in the one job. */
  laterVolumes?: Array<{ sha256: string; name: string }>;
  /** `IngestFile.missingParts`: the file is a part stored to wait for these. */
  missingParts?: number[];
}

/**
 * Queues a file for a worker instead of ingesting it now. The bytes go to the blob store first (so a worker on
 * another machine can read them from the shared database). The same file queued twice — the same bytes under the same
 * name with the same details — makes one job; under another name or with other details it is another receipt of the
 * same source, which its own job keeps with it (as ingestion at once does), and a file whose job failed is queued
 * again rather than said to be there. The parts of a split archive (gathered by `gatherVolumeFiles`) make one job,
 * which their first part's hash alone does not name.
 */
export async function queueIngest(
  context: IngestContext,
  file: IngestFile,
): Promise<{ jobId: string; created: boolean; sha256: string }> {
  refuseNothingToRead(file.bytes);
  const sha256 = sha256Hex(file.bytes);
  const later = (file.laterVolumes ?? []).map((part) => ({ sha256: sha256Hex(part.bytes), name: part.name }));
  const payload: IngestJobPayload = { sha256, name: file.name, metadata: file.metadata ?? {} };
  if (later.length > 0) payload.laterVolumes = later;
  if (file.missingParts) payload.missingParts = file.missingParts;
  const key = sha256Hex(new TextEncoder().encode(JSON.stringify(payload)));
  return context.workspace.db.transaction().execute(async (trx) => {
    await putBlob(trx, file.bytes, context.cipher);
    for (const part of file.laterVolumes ?? []) await putBlob(trx, part.bytes, context.cipher);
    const job = await enqueueJob(trx, INGEST_JOB, payload, { dedupeKey: `${INGEST_JOB}:${key}` });
    if (job.created) return { jobId: job.id, created: true, sha256 };
    const failedBefore = await trx
      .selectFrom('jobs')
      .select('id')
      .where('id', '=', job.id)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    if (failedBefore) await retryJobs(trx, [job.id]);
    return { jobId: job.id, created: Boolean(failedBefore), sha256 };
  });
}

/** Bytes of blank space alone: tabs, spaces, line breaks (UTF-8's byte order mark aside). */
const BLANK = /^(?:\xef\xbb\xbf)?[\t\n\r ]*$/;

/**
 * An empty file, or one of blank space, refused before it is queued, as ingestion at once refuses it: queued, it was
 * said to be queued and failed later in a worker, unseen by whoever queued it.
 */
function refuseNothingToRead(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new ChronicleError('VALIDATION', 'the file is empty (0 bytes): nothing to store');
  if (bytes.length <= 1024 * 1024 && BLANK.test(Buffer.from(bytes).toString('latin1')))
    throw new ChronicleError('VALIDATION', 'the file holds only blank space: nothing to store');
}

/** The worker side: parses the queued original and writes its sources in the transaction that completes the job. */
export function ingestJobHandler(
  context: IngestContext,
  onResult?: (result: IngestResult, job: Job) => void,
): JobHandler {
  return async (job, complete) => {
    const payload = job.payload as IngestJobPayload;
    const bytes = await getBlob(context.workspace.db, payload.sha256, context.cipher);
    const file: IngestFile = { name: payload.name, bytes, metadata: payload.metadata };
    if (payload.missingParts) file.missingParts = payload.missingParts;
    if (payload.laterVolumes?.length)
      file.laterVolumes = await Promise.all(
        payload.laterVolumes.map(async (part) => ({
          name: part.name,
          bytes: await getBlob(context.workspace.db, part.sha256, context.cipher),
        })),
      );
    const results: IngestResult[] = [];
    for await (const result of ingestFiles(context, [file], {
      beforeCommit: async (trx, batch) => {
        // A file that could not be read at all is a failed job (kept with its reason), not a done one.
        if (batch.every((r) => r.status === 'failed')) return;
        await complete(
          trx,
          batch.map((r) => ({ file: r.file, status: r.status, sourceId: r.sourceId, error: r.error })),
        );
      },
    })) {
      results.push(result);
      onResult?.(result, job);
    }
    const failed = results.find((r) => r.status === 'failed');
    if (failed && results.every((r) => r.status === 'failed'))
      throw new ChronicleError(failed.code ?? 'PARSE_FAILED', failed.error ?? 'failed');
  };
}
