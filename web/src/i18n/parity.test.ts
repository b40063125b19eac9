import { describe, expect, it } from 'vitest';
import en from './en.json';
import ru from './ru.json';

type Dictionary = { [key: string]: string | Dictionary };

/** Every key of a dictionary, nested keys joined by dots, plural forms (_one, _few, …) folded into their base key. */
function keys(dictionary: Dictionary, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(dictionary)) {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (typeof value === 'string') out.add(path);
    else for (const inner of keys(value, `${path}.`)) out.add(inner);
  }
  return out;
}

describe('the two languages of the UI', () => {
  it('have the same words: no screen is half translated', () => {
    const english = keys(en as Dictionary);
    const russian = keys(ru as Dictionary);
    expect([...english].filter((k) => !russian.has(k))).toEqual([]);
    expect([...russian].filter((k) => !english.has(k))).toEqual([]);
  });

  it('say every plural of Russian a number needs', () => {
    const plurals = (dictionary: Dictionary, prefix = ''): string[] =>
      Object.entries(dictionary).flatMap(([key, value]) =>
        typeof value === 'string'
          ? key.endsWith('_one')
            ? [`${prefix}${key.slice(0, -4)}`]
            : []
          : plurals(value, `${prefix}${key}.`),
      );
    const flat = (dictionary: Dictionary, path: string): unknown =>
      path.split('.').reduce<unknown>((node, part) => (node as Dictionary | undefined)?.[part], dictionary);
    for (const base of plurals(ru as Dictionary)) {
      const parent = base.split('.').slice(0, -1).join('.');
      const leaf = base.split('.').at(-1);
      const node = (parent ? flat(ru as Dictionary, parent) : ru) as Dictionary;
      for (const form of ['one', 'few', 'many', 'other'])
        expect(typeof node[`${leaf}_${form}`], `${base}_${form}`).toBe('string');
    }
  });
});
