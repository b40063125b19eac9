import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Confidentiality, Database } from '../../src/db/schema.js';
import {
  type IngestContext,
  type IngestFile,
  type IngestOptions,
  type IngestResult,
  ingestFiles,
} from '../../src/sources/index.js';

export interface PlainSource {
  id: string;
  text: string;
  title?: string | null;
  language?: string | null;
  publishedAt?: string | null;
  confidentiality?: Confidentiality;
  deletedAt?: string | null;
  /** The original, when it is not the text in UTF-8 (two sources of one text need two originals). */
  original?: Uint8Array;
}

const NOW = '2024-01-01T00:00:00.000Z';

/** The blob, source and text rows of a plain-text source as ingestion writes them. */
export function plainSourceRows(source: PlainSource) {
  const bytes = source.original ?? new TextEncoder().encode(source.text);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    blob: { sha256, bytes, byte_size: bytes.length, encryption: 'none', created_at: NOW },
    source: {
      id: source.id,
      sha256,
      media_type: 'text/plain',
      byte_size: bytes.length,
      file_name: null,
      title: source.title ?? null,
      publisher: null,
      author: null,
      url: null,
      language: source.language ?? null,
      published_at: source.publishedAt ?? null,
      captured_at: NOW,
      reliability: null,
      confidentiality: source.confidentiality ?? 'internal',
      ingested_by: null,
      parent_id: null,
      relation: null,
      text_sha256: null,
      near_duplicate_of: null,
      needs_ocr: 0,
      metadata: '{}',
      deleted_at: source.deletedAt ?? null,
    },
    text: { source_id: source.id, text: source.text, extractor: 'test', extractor_version: '1', created_at: NOW },
  };
}

/** Writes plain-text sources (not their index rows) on `db`, a few hundred rows per statement. */
export async function insertPlainSources(db: Kysely<Database>, sources: readonly PlainSource[]): Promise<void> {
  for (let i = 0; i < sources.length; i += 500) {
    const rows = sources.slice(i, i + 500).map(plainSourceRows);
    await db
      .insertInto('blobs')
      .values(rows.map((r) => r.blob))
      .execute();
    await db
      .insertInto('sources')
      .values(rows.map((r) => r.source))
      .execute();
    await db
      .insertInto('source_texts')
      .values(rows.map((r) => r.text))
      .execute();
  }
}

/** Every result of ingesting `files`, in order: `await ingestAll(context, [{ name: 'a.txt', bytes }])`. */
export async function ingestAll(
  context: IngestContext,
  files: IngestFile[],
  options?: IngestOptions,
): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  for await (const result of ingestFiles(context, files, options)) results.push(result);
  return results;
}
