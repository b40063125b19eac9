import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { type SourceScope, type SourceSummary, toSourceSummary } from '../sources/index.js';

export const EXPORT_FORMAT_VERSION = 1;
const PAGE = 500;

/** Every visible source, oldest first, a page at a time so a large workspace never sits in memory at once. */
async function* visibleSources(
  db: Kysely<Database>,
  scope?: SourceScope,
): AsyncGenerator<SourceSummary & { text: string }> {
  let after = '';
  for (;;) {
    let query = db
      .selectFrom('sources')
      .leftJoin('source_texts', 'source_texts.source_id', 'sources.id')
      .selectAll('sources')
      .select('source_texts.text')
      .where('sources.deleted_at', 'is', null)
      .where('sources.id', '>', after)
      .orderBy('sources.id')
      .limit(PAGE);
    if (scope) query = query.where(scope as never);
    const rows = await query.execute();
    for (const row of rows) yield { ...toSourceSummary(row), text: row.text ?? '' };
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

const CSV_COLUMNS: Array<keyof SourceSummary> = [
  'id',
  'title',
  'publisher',
  'author',
  'url',
  'language',
  'publishedAt',
  'capturedAt',
  'mediaType',
  'byteSize',
  'sha256',
  'fileName',
  'confidentiality',
  'parentId',
  'relation',
  'nearDuplicateOf',
  'needsOcr',
];

/**
 * `chronicle export --format json`: one JSON document `{format, version, exportedAt, sources: [...]}`, each source
 * with its metadata and text (originals stay in the workspace; their SHA-256 identifies them).
 */
export async function exportSourcesJson(db: Kysely<Database>, out: Writable, scope?: SourceScope): Promise<number> {
  let n = 0;
  await write(
    out,
    `{"format":"chronicle-export","version":${EXPORT_FORMAT_VERSION},"exportedAt":${JSON.stringify(new Date().toISOString())},"sources":[`,
  );
  for await (const source of visibleSources(db, scope)) {
    await write(out, `${n === 0 ? '\n' : ',\n'}${JSON.stringify(source)}`);
    n++;
  }
  await write(out, '\n]}\n');
  return n;
}

/** `chronicle export --format csv`: spreadsheet-friendly UTF-8 with a BOM (Excel otherwise misreads Cyrillic). */
export async function exportSourcesCsv(db: Kysely<Database>, out: Writable, scope?: SourceScope): Promise<number> {
  let n = 0;
  await write(out, `\uFEFF${stringify([CSV_COLUMNS])}`);
  for await (const source of visibleSources(db, scope)) {
    await write(out, stringify([CSV_COLUMNS.map((c) => source[c] ?? '')]));
    n++;
  }
  return n;
}

function write(out: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(chunk)) resolve();
    else {
      out.once('drain', resolve);
      out.once('error', reject);
    }
  });
}
