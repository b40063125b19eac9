import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { Database } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { storeTranscription } from '../sources/index.js';
import { requeueExtraction } from './extract-job.js';
import { unstageSource } from './staging.js';

export interface TranscribeInput {
  sourceId: string;
  text: string;
  userId: string | null;
  /** The extractor that reads the new text: its job is queued in the same transaction. */
  extractorVersion: string;
}

export interface TranscribeResult {
  sourceId: string;
  characters: number;
  /** Proposals read from the text before, which nobody had decided on, removed with it. */
  proposalsRemoved: number;
  extractionJobId: string;
}

/**
 * Makes a person's transcription the text of a scan, photo or recording, in the caller's transaction, and has it
 * read: what was proposed from an earlier transcription goes, the extraction of the new one is queued, the change
 * is audited.
 * A transcription can be corrected until something read from it is decided in review: an accepted or rejected
 * mention, or evidence citing it, refers to its offsets, and those must keep pointing at the same words.
 * `await transcribeSource(trx, { sourceId: '01J…', text: 'Постановление…', userId, extractorVersion })` →
 * `{ sourceId: '01J…', characters: 1834, proposalsRemoved: 0, extractionJobId: '01J…' }`.
 */
export async function transcribeSource(trx: Kysely<Database>, input: TranscribeInput): Promise<TranscribeResult> {
  const { sourceId, userId } = input;
  const proposalsRemoved = await unstageSource(trx, sourceId);
  // Unstaging leaves only what review decided: mentions accepted or rejected, evidence of records kept. Places are
  // not reviewed (a place is shared, as the gazetteer's), so their evidence from this text is no decision.
  const [decided, cited] = await Promise.all([
    trx.selectFrom('mentions').select('id').where('source_id', '=', sourceId).limit(1).executeTakeFirst(),
    trx
      .selectFrom('evidence')
      .select('id')
      .where('source_id', '=', sourceId)
      .where('target_table', '!=', 'places')
      .limit(1)
      .executeTakeFirst(),
  ]);
  if (decided || cited)
    throw new ChronicleError(
      'CONFLICT',
      'what was read from this text has been reviewed, and its evidence points at these words: the text can no ' +
        'longer be changed',
    );
  // What staging remembers of the old text goes too, or the new text would be taken as staged already.
  await trx.deleteFrom('evidence').where('source_id', '=', sourceId).where('target_table', '=', 'places').execute();
  await trx.deleteFrom('staged_records').where('source_id', '=', sourceId).execute();
  const { before, after } = await storeTranscription(trx, sourceId, input.text);
  const job = await requeueExtraction(trx, sourceId, input.extractorVersion);
  await appendAudit(trx, {
    userId,
    action: 'source.transcribe',
    target: `sources/${sourceId}`,
    before,
    after: { ...after, proposalsRemoved },
  });
  return { sourceId, characters: after.characters, proposalsRemoved, extractionJobId: job.id };
}
