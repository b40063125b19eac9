/**
 * The same bytes received again: a press release saved from a second outlet's site, the PDF a lawyer's office
 * attached to a second letter, an archive holding a court file stored before. The original is stored once and the
 * source stays one (the same bytes are one report), but where and how it came in again is provenance — which letter
 * carried it, from which address, dated how by whom — and a documentalist asked about a report's chain of custody
 * needs every receipt, not the first alone. Each later receipt that says something new is kept as a capture of the
 * source (`source_captures`), listed on its page, and the letter or archive it came in lists it among what it holds.
 *
 * Giving a batch again after a crash, or a folder twice, says nothing new and keeps nothing: a capture is kept only
 * when its container, its file's own name or a field given with it differs from the source's first receipt and from
 * every capture kept before.
 */
import type { Kysely } from 'kysely';
import { appendAudit, takeAuditTurn } from '../audit/index.js';
import { insertRows } from '../db/insert-rows.js';
import { parameterChunks } from '../db/parameter-chunks.js';
import type { Database, SourceCapturesTable } from '../db/schema.js';
import { newId } from '../shared/ids.js';
import { storedFileName, withoutNul } from './parse.js';
import { ownFileName } from './queries.js';

/** The fields given with a receipt (`--url`, an upload's `publisher`, a letter's date for its attachment…). */
export const GIVEN_FIELDS = ['title', 'publisher', 'author', 'url', 'published_at'] as const;

type GivenField = (typeof GIVEN_FIELDS)[number];

/** One receipt of bytes stored before: the source they are, where they came in, what was given with them. */
export interface Receipt {
  sourceId: string;
  /** The letter or archive it came in, or null for a file given on its own. */
  parentId: string | null;
  relation: string | null;
  fileName: string | null;
  given: Partial<Record<GivenField, string | null>>;
}

/** A receipt as the source's own row or a kept capture records it. */
export type KnownReceipt = Pick<SourceCapturesTable, 'parent_id' | 'file_name' | GivenField>;

/**
 * Whether `receipt` says nothing that `known` does not: the same container, the same file's own name (folders aside:
 * a folder given again from elsewhere is the same files), and every field given with it the same as there. A field
 * not given says nothing.
 * `sameReceipt({ parentId: null, fileName: 'reports/a.txt', given: { url: null } }, { parent_id: null,
 * file_name: './reports/a.txt', url: 'https://…', … })` → true.
 */
export function sameReceipt(receipt: Receipt, known: KnownReceipt): boolean {
  if (receipt.parentId !== known.parent_id) return false;
  if (ownFileName(receipt.fileName) !== ownFileName(known.file_name)) return false;
  return GIVEN_FIELDS.every((field) => {
    const value = receipt.given[field] ?? null;
    return value === null || value === known[field];
  });
}

/** A kept capture and the source it is a receipt of, as audited. */
export interface KeptCapture {
  /** Its receipt's place in the receipts given. */
  receipt: number;
  captureId: string;
  sourceId: string;
  parentId: string | null;
  file: string | null;
}

/**
 * Keeps the receipts in `receipts` that say something new (`sameReceipt`) as captures of their sources, within the
 * caller's transaction, and audits them in one entry (`source.captured-again`). A receipt in the same batch as the
 * source's first (a folder holding two copies of one file) is compared with that first like any other.
 */
export async function keepReceipts(
  trx: Kysely<Database>,
  receipts: readonly Receipt[],
  userId: string | null,
): Promise<KeptCapture[]> {
  if (receipts.length === 0) return [];
  // Before reading what is kept: two batches receiving the same file at once (two workers, an upload beside the CLI)
  // would each find no capture and each keep one.
  await takeAuditTurn(trx);
  const known = await knownReceipts(trx, [...new Set(receipts.map((r) => r.sourceId))]);
  const capturedAt = new Date().toISOString();
  const rows: SourceCapturesTable[] = [];
  const keptReceipts: number[] = [];
  for (const [index, receipt] of receipts.map(asStored).entries()) {
    const before = known.get(receipt.sourceId) ?? [];
    if (before.some((k) => sameReceipt(receipt, k))) continue;
    const row: SourceCapturesTable = {
      id: newId(),
      source_id: receipt.sourceId,
      parent_id: receipt.parentId,
      relation: receipt.parentId === null ? null : receipt.relation,
      file_name: receipt.fileName,
      title: receipt.given.title ?? null,
      publisher: receipt.given.publisher ?? null,
      author: receipt.given.author ?? null,
      url: receipt.given.url ?? null,
      published_at: receipt.given.published_at ?? null,
      captured_at: capturedAt,
      ingested_by: userId,
    };
    rows.push(row);
    keptReceipts.push(index);
    // The same receipt twice in one batch is kept once.
    before.push(row);
    known.set(receipt.sourceId, before);
  }
  if (rows.length === 0) return [];
  await insertRows(trx, 'source_captures', rows);
  const kept = rows.map((row, i) => ({
    receipt: keptReceipts[i]!,
    captureId: row.id,
    sourceId: row.source_id,
    parentId: row.parent_id,
    file: row.file_name,
  }));
  await appendAudit(trx, {
    userId,
    action: 'source.captured-again',
    target: kept.length === 1 ? `sources/${kept[0]!.sourceId}` : 'sources',
    after: kept.map(({ receipt: _, ...audited }) => audited),
  });
  return kept;
}

/** `receipt` as its fields are stored (PostgreSQL's text holds no NUL), so that it compares with what is stored. */
function asStored(receipt: Receipt): Receipt {
  const given = Object.fromEntries(
    GIVEN_FIELDS.map((field) => {
      const value = receipt.given[field] ?? null;
      return [field, value === null ? null : withoutNul(value)];
    }),
  );
  return { ...receipt, fileName: receipt.fileName === null ? null : storedFileName(receipt.fileName), given };
}

/** Each source's first receipt (its own row) and the captures kept of it: source id → receipts. */
async function knownReceipts(db: Kysely<Database>, sourceIds: string[]): Promise<Map<string, KnownReceipt[]>> {
  const known = new Map<string, KnownReceipt[]>();
  const add = (id: string, receipt: KnownReceipt) => known.set(id, [...(known.get(id) ?? []), receipt]);
  for (const chunk of parameterChunks(sourceIds, 1)) {
    const sources = await db
      .selectFrom('sources')
      .select(['id', 'parent_id', 'file_name', ...GIVEN_FIELDS])
      .where('id', 'in', chunk)
      .execute();
    for (const { id, ...receipt } of sources) add(id, receipt);
    const captures = await db
      .selectFrom('source_captures')
      .select(['source_id', 'parent_id', 'file_name', ...GIVEN_FIELDS])
      .where('source_id', 'in', chunk)
      .execute();
    for (const { source_id, ...receipt } of captures) add(source_id, receipt);
  }
  return known;
}
