import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import { dialectOf } from './connection.js';
import { rowChunks } from './parameter-chunks.js';
import type { Database } from './schema.js';

type Table = keyof Database & string;

/** Statement texts by dialect, table, columns, row count and conflict clause; a few shapes recur (ingestion's). */
const statements = new Map<string, string>();
const MAX_STATEMENTS = 256;

/**
 * `INSERT INTO table (…) VALUES (…), (…)` of rows that all have the same columns, in chunks under the drivers'
 * limits on parameters; with `ignoreConflictOn`, a row whose value there exists already is left out (`ON CONFLICT
 * (column) DO NOTHING`). Kysely compiles the statement the first time a shape is met; after that its text is reused
 * and the values are bound in the order it binds them, row by row, column by column. Building a node for every value
 * (200 sources × 22 columns a batch) had cost ingestion's writer thread more than the statement itself costs to run.
 * `await insertRows(trx, 'source_texts', [{ source_id: '01J…', text: 'Суд…', … }])`.
 */
export async function insertRows<T extends Table>(
  db: Kysely<Database>,
  table: T,
  rows: ReadonlyArray<Insertable<Database[T]>>,
  options: { ignoreConflictOn?: keyof Database[T] & string } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (const chunk of rowChunks(rows as ReadonlyArray<Record<string, unknown>>)) {
    const values = new Array<unknown>(chunk.length * columns.length);
    let i = 0;
    for (const row of chunk) {
      if (Object.keys(row).length !== columns.length) throw new Error(`insertRows: rows of ${table} differ in columns`);
      for (const column of columns) {
        const value = row[column];
        // Kysely would leave an undefined value's column out of its row (its DEFAULT): not one statement's shape.
        if (value === undefined) throw new Error(`insertRows: ${table}.${column} is undefined`);
        values[i++] = value;
      }
    }
    const key = `${dialectOf(db)}\u0000${table}\u0000${columns.join(',')}\u0000${chunk.length}\u0000${options.ignoreConflictOn ?? ''}`;
    let text = statements.get(key);
    if (text === undefined) {
      let insert = db.insertInto(table).values(chunk as never);
      if (options.ignoreConflictOn) {
        const column = options.ignoreConflictOn;
        insert = insert.onConflict((oc) => oc.column(column as never).doNothing());
      }
      const compiled = insert.compile();
      text = compiled.sql;
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      statements.set(key, text);
    }
    await db.executeQuery(CompiledQuery.raw(text, values));
  }
}
