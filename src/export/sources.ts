import type { Writable } from 'node:stream';
import { type Kysely, sql } from 'kysely';
import type { Audience } from '../auth/index.js';
import type { Database } from '../db/schema.js';
import { type SourceSummary, toSourceSummary } from '../sources/index.js';
import { ExportReads, scopeSql, visibleIdsSql } from './audience.js';
import { csvRows } from './sheet-cells.js';

export const EXPORT_FORMAT_VERSION = 1;
const PAGE = 500;

/**
 * Every source this audience may see, oldest first, a page at a time so a large workspace never sits in memory
 * at once; links to a hidden parent or near-duplicate are left empty.
 */
export async function* visibleSources(
  db: Kysely<Database>,
  audience: Audience,
  reads: ExportReads,
): AsyncGenerator<SourceSummary & { text: string }> {
  let after = '';
  const visible = visibleIdsSql(audience, 'sources');
  for (;;) {
    const rows = await db
      .selectFrom('sources')
      .leftJoin('source_texts', 'source_texts.source_id', 'sources.id')
      .selectAll('sources')
      .select('source_texts.text')
      .select(
        sql<string | null>`CASE WHEN sources.parent_id IN ${visible} THEN sources.parent_id END`.as('shown_parent'),
      )
      .select(
        sql<string | null>`CASE WHEN sources.near_duplicate_of IN ${visible} THEN sources.near_duplicate_of END`.as(
          'shown_duplicate',
        ),
      )
      .where('sources.deleted_at', 'is', null)
      .where('sources.id', '>', after)
      .where(scopeSql(audience, 'sources'))
      .orderBy('sources.id')
      .limit(PAGE)
      .execute();
    reads.note('sources', rows);
    for (const row of rows)
      yield {
        ...toSourceSummary({ ...row, parent_id: row.shown_parent, near_duplicate_of: row.shown_duplicate }),
        text: row.text ?? '',
      };
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

export const CSV_COLUMNS: Array<keyof SourceSummary> = [
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
export async function exportSourcesJson(db: Kysely<Database>, audience: Audience, out: Writable): Promise<number> {
  let n = 0;
  const reads = new ExportReads('sources-json');
  await write(
    out,
    `{"format":"chronicle-export","version":${EXPORT_FORMAT_VERSION},"exportedAt":${JSON.stringify(new Date().toISOString())},"sources":[`,
  );
  for await (const source of visibleSources(db, audience, reads)) {
    await write(out, `${n === 0 ? '\n' : ',\n'}${JSON.stringify(source)}`);
    n++;
  }
  await write(out, '\n]}\n');
  await reads.audit(db, audience);
  return n;
}

/** `chronicle export --format csv`: spreadsheet-friendly UTF-8 with a BOM (Excel otherwise misreads Cyrillic). */
export async function exportSourcesCsv(db: Kysely<Database>, audience: Audience, out: Writable): Promise<number> {
  let n = 0;
  const reads = new ExportReads('sources-csv');
  await write(out, `\uFEFF${csvRows([CSV_COLUMNS])}`);
  for await (const source of visibleSources(db, audience, reads)) {
    await write(out, csvRows([CSV_COLUMNS.map((c) => source[c])]));
    n++;
  }
  await reads.audit(db, audience);
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
