import type { Kysely } from 'kysely';
import { recordGeneration } from '../audit/index.js';
import { type Audience, visibilityClass } from '../auth/index.js';
import type { Database } from '../db/schema.js';

/** Figures kept per workspace: at most this many entries (kinds × audience classes × filters) at once. */
const KEPT = 500;

interface Kept {
  /** The record generation the entries were computed at; older entries are dropped when it moves on. */
  generation: number;
  entries: Map<string, Promise<unknown>>;
}

const kept = new WeakMap<Kysely<Database>, Kept>();

/** Computes a figure from the record for one audience, or reuses it: `memo('total', filters, () => count())`. */
export type RecordMemo = <T>(kind: string, key: unknown, compute: () => Promise<T>) => Promise<T>;

/**
 * What `compute` returns for this audience, reused by anyone who sees exactly the same records (`visibilityClass`:
 * two users in the same groups share, a user and the public never do) while the record has not changed
 * (`recordGeneration`, raised in the transaction of every change and kept in the database, so right for several
 * servers on one PostgreSQL too). Calls that arrive while the same figure is being computed wait for it rather than
 * computing it again. `const memo = await recordMemo(db, user); await memo('stats', { from }, () => computeStats(…))`.
 */
export async function recordMemo(db: Kysely<Database>, audience: Audience): Promise<RecordMemo> {
  // The generation is read before computing: a change committed meanwhile can only make a figure newer than the
  // generation it is kept under, and the next call reads the raised generation and computes again.
  const [generation, audienceClass] = await Promise.all([recordGeneration(db), visibilityClass(db, audience)]);
  return <T>(kind: string, key: unknown, compute: () => Promise<T>): Promise<T> => {
    let cache = kept.get(db);
    if (!cache || cache.generation < generation) {
      cache = { generation, entries: new Map() };
      kept.set(db, cache);
    }
    // A call that read a generation already superseded computes for itself and keeps nothing.
    if (generation < cache.generation) return compute();
    const id = JSON.stringify([kind, audienceClass, key]);
    const entries = cache.entries;
    const found = entries.get(id) as Promise<T> | undefined;
    if (found) return found;
    const computing = compute();
    entries.set(id, computing);
    if (entries.size > KEPT) entries.delete(entries.keys().next().value as string);
    computing.catch(() => {
      if (entries.get(id) === computing) entries.delete(id);
    });
    return computing;
  };
}
