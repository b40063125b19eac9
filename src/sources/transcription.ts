/**
 * A person's reading of a source whose file has no text to read: a scan, a photo of a page, a recording. It becomes the
 * source's text (DESIGN §4 `source_texts`, extractor 'transcription'), which every later offset refers to; the original
 * stays as it was, byte for byte. A text read from the file itself is never replaced: its offsets are the file's.
 */
import type { Kysely } from 'kysely';
import { dialectOf } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { indexSource } from '../search/index.js';
import { ChronicleError } from '../shared/errors.js';
import { detectLanguage } from '../shared/language.js';
import { earliestSourceWithTextKey } from './ingest.js';
import { OCR_EXTRACTOR } from './ocr.js';
import { withoutNul } from './parse.js';
import { nearDuplicateKey } from './prepared-text.js';
import { sha256Hex } from './sha256.js';

/** `source_texts.extractor` of a text a person typed or pasted from their own OCR. */
export const TRANSCRIPTION_EXTRACTOR = 'transcription';
export const TRANSCRIPTION_VERSION = '1';
/** Texts read off a scan rather than out of the file: a person's, or an OCR program's, which a person corrects. */
const READ_OFF_THE_ORIGINAL = new Set([TRANSCRIPTION_EXTRACTOR, OCR_EXTRACTOR]);
/** A hundred-page scan transcribed is some 500,000 characters: ten times that is no reading of one source. */
export const MAX_TRANSCRIPTION_CHARS = 5_000_000;

export interface TextState {
  /** SHA-256 of the text, hex; null for an empty one. */
  sha256: string | null;
  characters: number;
  extractor: string;
}

/**
 * The text as it is stored: line breaks as \n, NUL as U+FFFD (PostgreSQL's text holds none), blank space around it
 * gone. Throws VALIDATION for a text that is blank or too long.
 * `transcriptionText('  Постановление\r\nсуда ')` → 'Постановление\nсуда'.
 */
export function transcriptionText(text: string): string {
  const stored = withoutNul(text.replace(/\r\n?/g, '\n')).trim();
  if (stored === '') throw new ChronicleError('VALIDATION', 'the transcription is empty: type or paste the text');
  if (stored.length > MAX_TRANSCRIPTION_CHARS)
    throw new ChronicleError(
      'VALIDATION',
      `the transcription has ${stored.length} characters; the limit is ${MAX_TRANSCRIPTION_CHARS}`,
    );
  return stored;
}

/**
 * Stores a transcription as the text of a source that needs OCR (or was transcribed before), in the caller's
 * transaction: the text, its language, its near-duplicate key and link, and its search index row change together,
 * and the source no longer needs OCR. Returns the text before and after, for the audit entry.
 * Throws NOT_FOUND for no such source, CONFLICT for one whose text was read from its file.
 */
export async function storeTranscription(
  trx: Kysely<Database>,
  sourceId: string,
  text: string,
  /** Who read it: a person (the default), or an OCR program (`{ extractor: 'ocr', version: 'tesseract 5.3.0 …' }`). */
  readBy: { extractor: string; version: string } = {
    extractor: TRANSCRIPTION_EXTRACTOR,
    version: TRANSCRIPTION_VERSION,
  },
): Promise<{ before: TextState; after: TextState }> {
  const stored = transcriptionText(text);
  const source = await trx
    .selectFrom('sources')
    .innerJoin('source_texts', 'source_texts.source_id', 'sources.id')
    .select(['sources.title', 'sources.needs_ocr', 'source_texts.text', 'source_texts.extractor'])
    .where('sources.id', '=', sourceId)
    .where('sources.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!source) throw new ChronicleError('NOT_FOUND', `no source ${sourceId}`);
  if (source.needs_ocr !== 1 && !READ_OFF_THE_ORIGINAL.has(source.extractor))
    throw new ChronicleError(
      'CONFLICT',
      'this source has the text its file holds, which every offset refers to; only a scan, a photo or a recording ' +
        'without readable text can be transcribed',
    );

  const textKey = nearDuplicateKey(stored);
  const near = textKey ? await earliestSourceWithTextKey(trx, textKey, sourceId) : null;
  const language = detectLanguage(stored);
  // Sources taken for copies of the text this one had are copies of it no longer.
  let formerCopies = trx
    .updateTable('sources')
    .set({ near_duplicate_of: null })
    .where('near_duplicate_of', '=', sourceId);
  if (textKey) formerCopies = formerCopies.where('text_sha256', '!=', textKey);
  await formerCopies.execute();
  await trx
    .updateTable('sources')
    .set({ language, text_sha256: textKey, near_duplicate_of: near, needs_ocr: 0 })
    .where('id', '=', sourceId)
    .execute();
  // A link by the wording it had goes with it; its extraction, queued with the new text, compares the new wording.
  await trx.deleteFrom('similar_texts').where('source_id', '=', sourceId).execute();
  await trx
    .updateTable('source_texts')
    .set({
      text: stored,
      extractor: readBy.extractor,
      extractor_version: readBy.version,
      created_at: new Date().toISOString(),
    })
    .where('source_id', '=', sourceId)
    .execute();
  await indexSource(trx, dialectOf(trx), { sourceId, title: source.title, text: stored, language });
  return {
    before: textState(source.text, source.extractor),
    after: textState(stored, readBy.extractor),
  };
}

function textState(text: string, extractor: string): TextState {
  return { sha256: text === '' ? null : sha256Hex(text), characters: text.length, extractor };
}
