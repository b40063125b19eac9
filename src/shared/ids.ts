import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/**
 * ulid's default generator asks the system for one random byte per character, 16 calls per id; ingestion makes
 * thousands of ids a second, so bytes are drawn from the same CSPRNG a pool at a time.
 */
const pool = new Uint8Array(4096);
let poolAt = pool.length;
function pooledRandom(): number {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  return pool[poolAt++]! / 256;
}

const nextUlid = monotonicFactory(pooledRandom);

/** A stable, sortable record id: `newId()` → "01JD3Z8Q5K7V2XW4N9R6T0B1CE". */
export function newId(): string {
  return nextUlid();
}
