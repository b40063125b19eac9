import { describe, expect, it } from 'vitest';
import { MEDIA_TYPES } from '../../src/sources/detect.js';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import ru from '../../web/src/i18n/ru.json' with { type: 'json' };
import { MEDIA_TYPE_KEYS } from '../../web/src/media-types.js';

describe('media type names', () => {
  it('name every type a source may have, in both languages', () => {
    // A ZIP is not stored (its entries are), and an unknown type is refused.
    const stored = Object.entries(MEDIA_TYPES).filter(([kind]) => kind !== 'zip' && kind !== 'unknown');
    for (const [kind, mediaType] of stored) {
      const key = MEDIA_TYPE_KEYS[mediaType];
      expect(key, `${kind}: ${mediaType}`).toBeDefined();
      expect((en.mediaTypes as Record<string, string>)[key!], `en ${key}`).toBeTruthy();
      expect((ru.mediaTypes as Record<string, string>)[key!], `ru ${key}`).toBeTruthy();
    }
  });
});
