/**
 * Splits rows for multi-row INSERTs so one statement stays under SQLite's (32,766) and PostgreSQL's (65,535) limit
 * on bound parameters. `chunksForInsert(rows, 22)` → arrays of at most 1,000 rows.
 */
export function chunksForInsert<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.min(1000, Math.floor(30_000 / columns)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
