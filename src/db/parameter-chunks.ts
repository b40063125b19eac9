/** Bound parameters per statement: under SQLite's limit (32,766) and PostgreSQL's (65,535), with room to spare. */
const MAX_PARAMETERS = 30_000;
/** Rows per statement, whatever their width: a longer statement costs more to compile than it saves. */
const MAX_ROWS = 1000;

/**
 * Splits the rows of a multi-row INSERT (or the values of an IN list) so one statement stays under the drivers'
 * limit on bound parameters. `parameterChunks(rows, 22)` → arrays of at most 1,000 rows.
 */
export function parameterChunks<T>(rows: readonly T[], parametersPerRow: number): T[][] {
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / Math.max(1, parametersPerRow))));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/** `parameterChunks` for rows given as objects, one parameter per column. */
export function rowChunks<T extends object>(rows: readonly T[]): T[][] {
  return parameterChunks(rows, rows.length === 0 ? 1 : Object.keys(rows[0]!).length);
}
