import { describe, expect, it } from 'vitest';
import { readSourceSpan, sourceSpanLink } from './source-span.js';

describe('source spans in the address', () => {
  it('reads back the span a link was made with', () => {
    const link = sourceSpanLink('01H SOURCE', { start: 12, end: 40 });
    expect(link).toBe('/sources/01H%20SOURCE?span=12-40');
    expect(readSourceSpan(new URL(link, 'http://x').searchParams.get('span'))).toEqual({ start: 12, end: 40 });
  });

  it('takes no span from an address that cannot hold one', () => {
    for (const value of [null, '', '40-12', '5-5', '-3-4', '1-2-3', 'a-b', '1.5-4', '1234567890-1234567891']) {
      expect(readSourceSpan(value)).toBeNull();
    }
  });
});
