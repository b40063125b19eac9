import { describe, expect, it } from 'vitest';
import { type DroppedEntry, droppedFiles } from './dropped-files.js';

const file = (name: string, text: string): DroppedEntry => ({
  name,
  isFile: true,
  isDirectory: false,
  file: (success) => success(new File([text], name, { type: 'text/plain' })),
});

/** A folder whose reader gives its entries two at a time, then an empty batch, as a browser's does. */
const folder = (name: string, children: DroppedEntry[]): DroppedEntry => ({
  name,
  isFile: false,
  isDirectory: true,
  createReader: () => {
    let at = 0;
    return {
      readEntries: (success) => {
        success(children.slice(at, at + 2));
        at += 2;
      },
    };
  },
});

describe('droppedFiles', () => {
  it('opens a dropped folder at any depth, naming each file by its path, leaving hidden ones out', async () => {
    const dropped = folder('материалы', [
      file('протокол.txt', 'Протокол обыска.'),
      file('.DS_Store', 'x'),
      folder('.git', [file('config', 'x')]),
      folder('суд', [file('решение.txt', 'Решение суда.'), file('жалоба.txt', 'Жалоба.')]),
    ]);
    const loose = [new File([''], 'материалы')];
    const files = await droppedFiles([dropped, file('письмо.txt', 'Письмо.')], loose);
    expect(files.map((f) => f.name)).toEqual([
      'материалы/протокол.txt',
      'материалы/суд/жалоба.txt',
      'материалы/суд/решение.txt',
      'письмо.txt',
    ]);
    expect(await files[0]!.text()).toBe('Протокол обыска.');
  });

  it('gives the files as the browser gave them when nothing dropped is a folder', async () => {
    const loose = [new File(['a'], 'a.txt')];
    expect(await droppedFiles([file('a.txt', 'a'), null], loose)).toBe(loose);
  });
});
