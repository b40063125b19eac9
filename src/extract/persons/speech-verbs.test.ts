import { describe, expect, it } from 'vitest';
import { speechVerbsEn, speechVerbsRu } from './speech-verbs.js';

describe('speech verbs', () => {
  it('reads a Russian past in any gender and number, the present as it stands', () => {
    expect(speechVerbsRu({ сообщить: ['past', 'present'], говорить: ['present'] })).toBe(
      'сообщил\\p{L}*|сообщает|говорит',
    );
    const re = new RegExp(`^(?:${speechVerbsRu({ рассказать: ['past'] })})$`, 'iu');
    expect(re.test('рассказала')).toBe(true);
    expect(re.test('рассказали')).toBe(true);
  });

  it('lets the present read an ending where a context asks («говорится»)', () => {
    expect(speechVerbsRu({ говорить: ['present'] }, { anyEnding: true })).toBe('говорит\\p{L}*');
  });

  it('takes the English forms listed, in order', () => {
    expect(speechVerbsEn({ say: ['past', 'present'], tell: ['past'] })).toBe('said|says|told');
  });
});
