import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the extraction schema the README points at', () => {
  it('is in the repository, as the shared checkout has it', () => {
    const vendored = readFileSync(new URL('../../docs/extraction.schema.json', import.meta.url), 'utf8');
    const shared = readFileSync(new URL('../../../shared/schema/extraction.schema.json', import.meta.url), 'utf8');
    expect(vendored).toBe(shared);
  });
});
