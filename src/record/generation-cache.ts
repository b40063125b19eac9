import type { Kysely } from 'kysely';
import { recordGeneration } from '../audit/index.js';
import { type Audience, visibilityClass } from '../auth/index.js';
import type { Database } from '../db/schema.js';

/**
 * Figures kept per workspace and kind: at most this many entries (audience classes × filters) of one kind at once, the
 * oldest dropped first. Per kind, so a crawl through a thousand person pages cannot push out the statistics, which
 * take seconds to count again.
 */
const KEPT_PER_KIND = 500;

interface Kept {
  /** The record generation the entries were computed at; older entries are dropped when it moves on. */
  generation: number;
  /** Per kind, the entries by audience class and key. */
  kinds: Map<string, Map<string, Promise<unknown>>>;
}

const kept = new WeakMap<Kysely<Database>, Kept>();

/** The audience a figure was computed for changed groups while it was computed (see `recordMemo`). */
class AudienceChanged extends Error {}

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
      cache = { generation, kinds: new Map() };
      kept.set(db, cache);
    }
    // A call that read a generation already superseded computes for itself and keeps nothing.
    if (generation < cache.generation) return compute();
    const id = JSON.stringify([audienceClass, key]);
    let entries = cache.kinds.get(kind);
    if (!entries) {
      entries = new Map();
      cache.kinds.set(kind, entries);
    }
    // Whoever waits for another caller's figure computes their own if that one's groups changed meanwhile.
    const own = (shared: Promise<T>) =>
      shared.catch((error: unknown) => (error instanceof AudienceChanged ? compute() : Promise.reject(error)));
    const found = entries.get(id) as Promise<T> | undefined;
    if (found) return own(found);
    // The figure is computed as this user; it stands for the class only if their groups (membership is not an
    // audited change) were the same after it as before: else a user added to a group mid-count would share that
    // group's records with the users outside it.
    const computing = compute().then(async (value) => {
      if ((await visibilityClass(db, audience)) !== audienceClass) throw new AudienceChanged();
      return value;
    });
    entries.set(id, computing);
    if (entries.size > KEPT_PER_KIND) entries.delete(entries.keys().next().value as string);
    const kinded = entries;
    computing.catch(() => {
      if (kinded.get(id) === computing) kinded.delete(id);
    });
    return own(computing);
  };
}
