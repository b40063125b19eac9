import { describe, expect, it } from 'vitest';
import { stemToken } from './stem.js';

describe('stemToken', () => {
  it('joins «задержан», «задержали», «задержания», «задержание» and «задержать» in one stem', () => {
    const stems = ['задержан', 'задержали', 'задержания', 'задержание', 'задержанного', 'задержать'].map(stemToken);
    expect(new Set(stems)).toEqual(new Set(['задержа']));
  });

  it('joins other Russian verbal nouns with their verbs', () => {
    expect(stemToken('обвинение')).toBe(stemToken('обвинили'));
    expect(stemToken('преследование')).toBe(stemToken('преследовали'));
    expect(stemToken('заключение')).toBe(stemToken('заключен'));
  });

  it('does not cut short verbal nouns down to nothing', () => {
    expect(stemToken('мнение').length).toBeGreaterThanOrEqual(3);
  });

  it('stems English: detained, detaining, detain and detention share a stem', () => {
    expect(new Set(['detained', 'detaining', 'detain', 'detention', 'detentions'].map(stemToken))).toEqual(
      new Set(['detain']),
    );
    expect(stemToken('arrested')).toBe(stemToken('arrests'));
  });

  it('stems each word by its script and leaves numbers alone', () => {
    expect(stemToken('суды')).toBe('суд');
    expect(stemToken('courts')).toBe('court');
    expect(stemToken('2022')).toBe('2022');
  });

  it('folds ё before stemming', () => {
    expect(stemToken('ещё')).toBe(stemToken('еще'));
  });
});
