import type { Writable } from 'node:stream';
import { type Kysely, type SqlBool, sql } from 'kysely';
import { type Audience, isPublicAudience } from '../auth/index.js';
import type { Database } from '../db/schema.js';
import {
  ownFileName,
  type ReceiptFields,
  receiptFields,
  type SourceSummary,
  toSourceSummary,
} from '../sources/index.js';
import { ExportReads, scopeSql, visibleIdsSql } from './audience.js';
import { csvRows } from './sheet-cells.js';

export const EXPORT_FORMAT_VERSION = 1;
const PAGE = 500;

/** A later receipt of a source's bytes as the JSON export gives it (src/sources/captures.ts). */
export interface ExportedCapture extends ReceiptFields {
  /** The letter or archive it came in (exported too), or null: a file given on its own. */
  containerId: string | null;
}

/**
 * Every source this audience may see, oldest first, a page at a time so a large workspace never sits in memory
 * at once; links to a hidden parent or near-duplicate are left empty. With `captures`, each source carries its
 * later receipts, those in a letter or archive the audience may not see left out (as on the source's page).
 */
export async function* visibleSources(
  db: Kysely<Database>,
  audience: Audience,
  reads: ExportReads,
  { captures = false } = {},
): AsyncGenerator<SourceSummary & { text: string; captures?: ExportedCapture[] }> {
  let after = '';
  const visible = visibleIdsSql(audience, 'sources');
  // Where a file lay on the disk of whoever ingested it — a folder named after a family, an informant — is the
  // team's: the public is given the file's own name.
  const publicExport = isPublicAudience(audience);
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
    const received = captures
      ? await capturesOfPage(
          db,
          audience,
          rows.map((row) => row.id),
        )
      : null;
    for (const row of rows) {
      const summary = toSourceSummary({ ...row, parent_id: row.shown_parent, near_duplicate_of: row.shown_duplicate });
      const shown = received?.get(row.id) ?? [];
      yield {
        ...summary,
        fileName: publicExport ? ownFileName(summary.fileName) : summary.fileName,
        text: row.text ?? '',
        ...(received
          ? { captures: publicExport ? shown.map((c) => ({ ...c, fileName: ownFileName(c.fileName) })) : shown }
          : {}),
      };
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** The receipts of these sources that the audience may see, oldest first: source id → receipts. */
async function capturesOfPage(
  db: Kysely<Database>,
  audience: Audience,
  ids: string[],
): Promise<Map<string, ExportedCapture[]>> {
  const byId = new Map<string, ExportedCapture[]>();
  if (ids.length === 0) return byId;
  const rows = await db
    .selectFrom('source_captures')
    .selectAll()
    .where('source_id', 'in', ids)
    .where(
      sql<SqlBool>`(source_captures.parent_id IS NULL OR source_captures.parent_id IN ${visibleIdsSql(audience, 'sources')})`,
    )
    .orderBy('captured_at')
    .orderBy('id')
    .execute();
  for (const row of rows)
    byId.set(row.source_id, [
      ...(byId.get(row.source_id) ?? []),
      { ...receiptFields(row), containerId: row.parent_id },
    ]);
  return byId;
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
  // Last, so that sheets built on the columns before keep their places.
  'reliability',
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
  for await (const source of visibleSources(db, audience, reads, { captures: true })) {
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
