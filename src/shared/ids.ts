import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** A stable, sortable record id: `newId()` → "01JD3Z8Q5K7V2XW4N9R6T0B1CE". */
export function newId(): string {
  return nextUlid();
}
