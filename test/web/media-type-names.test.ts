import { describe, expect, it } from 'vitest';
import { MEDIA_TYPES } from '../../src/sources/detect.js';
import { SHOWN_CONVERTED } from '../../src/sources/pictures.js';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import ru from '../../web/src/i18n/ru.json' with { type: 'json' };
import { MEDIA_TYPE_KEYS, shownConverted } from '../../web/src/media-types.js';

describe('media type names', () => {
  it('name every type a source may have, in both languages', () => {
    // A whole Telegram account's export is refused; an archive is stored as any source is, and a part of a file split
    // into parts as no format of its own (`unknown`).
    const stored = Object.entries(MEDIA_TYPES).filter(([kind]) => kind !== 'telegramAccount');
    for (const [kind, mediaType] of stored) {
      const key = MEDIA_TYPE_KEYS[mediaType];
      expect(key, `${kind}: ${mediaType}`).toBeDefined();
      expect((en.mediaTypes as Record<string, string>)[key!], `en ${key}`).toBeTruthy();
      expect((ru.mediaTypes as Record<string, string>)[key!], `ru ${key}`).toBeTruthy();
    }
  });

  it('say which pictures are shown as made from the original, as the server makes them', () => {
    for (const mediaType of SHOWN_CONVERTED) expect(shownConverted(mediaType), mediaType).not.toBeNull();
    expect(shownConverted('image/vnd.djvu')).toBe('DjVu');
    for (const mediaType of ['image/jpeg', 'image/png', 'image/avif', 'application/pdf'])
      expect(shownConverted(mediaType), mediaType).toBeNull();
  });
});
