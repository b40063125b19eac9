import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import ru from '../i18n/ru.json';
import type { MergeProposal } from '../api/merges.js';
import { isMatch, partLabelKey, partPhrase, renderPhrase, summaryPhrase } from './explain.js';

type Why = MergeProposal['why'];

/** i18next's lookup and {{value}} interpolation, enough to prove every key the phrases use exists in both files. */
function translator(dictionary: unknown) {
  return (key: string, values: Record<string, string> = {}): string => {
    let node: unknown = dictionary;
    for (const segment of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[segment];
    if (typeof node !== 'string') throw new Error(`missing translation ${key}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
  };
}

const why: Why = {
  summary: 'same person (score 0.97): surname: Гайнуллин ~ Gainullin via ICAO 9303; given name: Ринат = Ринат',
  match: true,
  names: ['Ринат Гайнуллин', 'Rinat Gainullin'],
  parts: [
    { part: 'surname', a: 'Гайнуллин', b: 'Gainullin', status: 'transliteration', note: 'Гайнуллин ~ Gainullin via ICAO 9303' },
    { part: 'given name', a: 'Ринат', b: 'Rinat', status: 'transliteration', note: 'Ринат ~ Rinat via BGN/PCGN' },
    { part: 'patronymic', status: 'absent', note: 'absent on one side' },
    { part: 'gender', a: 'm', b: 'm', status: 'exact', note: 'both male' },
    { part: 'order', status: 'swapped', note: 'given name and surname read in the other order' },
  ],
};

describe('the resolver’s explanation in the UI language', () => {
  it('keeps the resolver’s own English notes in English, with their schemes', () => {
    const t = translator(en);
    expect(renderPhrase(partPhrase(why.parts[0]!, 'en'), t)).toBe('Гайнуллин ~ Gainullin via ICAO 9303');
  });

  it('leaves no English in the Russian explanation', () => {
    const t = translator(ru);
    const lines = why.parts.map((p) => renderPhrase(partPhrase(p, 'ru'), t));
    expect(lines).toEqual([
      'Гайнуллин ~ Gainullin, совпадают после транслитерации',
      'Ринат ~ Rinat, совпадают после транслитерации',
      'нет у одного из двух',
      'оба: мужской пол',
      'имя и фамилия прочитаны в обратном порядке',
    ]);
    for (const line of lines) expect(line.replace(/Gainullin|Rinat/g, '')).not.toMatch(/[A-Za-z]/);
    expect(renderPhrase(summaryPhrase(why), t)).toBe('один и тот же человек');
  });

  it('translates a gender mismatch and a different surname', () => {
    const t = translator(ru);
    expect(renderPhrase(partPhrase({ part: 'gender', a: 'm', b: 'f', status: 'different', note: 'male vs female' }, 'ru'), t)).toBe(
      'мужской пол и женский пол',
    );
    expect(
      renderPhrase(partPhrase({ part: 'surname', a: 'Гайнуллин', b: 'Гайнутдинов', status: 'different', note: '…' }, 'ru'), t),
    ).toBe('Гайнуллин ≠ Гайнутдинов, различаются');
  });

  it('has a phrase in both languages for every status the resolver gives', () => {
    const statuses = ['exact', 'transliteration', 'spelling variant', 'diminutive', 'equivalent', 'initial', 'absent', 'different', 'swapped', 'ambiguous'];
    for (const dictionary of [en, ru]) {
      const t = translator(dictionary);
      for (const status of statuses) {
        const line = renderPhrase(partPhrase({ part: 'surname', a: 'A', b: 'B', status, note: '' }, 'ru'), t);
        expect(line).not.toContain('{{');
      }
      for (const part of ['surname', 'given name', 'patronymic', 'gender', 'order', 'reading']) expect(t(partLabelKey(part)!)).not.toBe('');
    }
  });

  it('falls back to the note for a status it does not know, and reads the verdict of older proposals from the summary', () => {
    expect(partPhrase({ part: 'surname', status: 'novel', note: 'as the resolver said' }, 'ru')).toEqual({ text: 'as the resolver said' });
    const { match: _, ...older } = why;
    expect(isMatch(older)).toBe(true);
    expect(isMatch({ ...older, summary: 'different people (score 0.12): …' })).toBe(false);
  });
});
