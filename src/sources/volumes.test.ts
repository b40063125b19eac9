import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeRar, makeRar4Volumes, makeRarVolumes, makeZip } from '../../test/fixtures/documents.js';
import { gatherVolumes, partSetKey, rarVolume, volumeOf, zipSpanDisk } from './volumes.js';

const text = (s: string) => new TextEncoder().encode(s);
const [first, second, third] = makeRarVolumes([{ name: 'a.txt', data: 'Протокол обыска. '.repeat(40) }], 300);

describe('parts of split archives', () => {
  it('are told from RAR volumes by the archive header, and numbered by name in both of WinRAR’s numberings', () => {
    expect([rarVolume(first!), rarVolume(second!), rarVolume(makeRar([{ name: 'a', data: 'b' }]))]).toEqual([
      'first-volume',
      'volume',
      null,
    ]);
    expect(volumeOf('письма/Дело.part1.rar', first!)).toEqual({
      kind: 'rar',
      set: 'rar:письма/дело',
      number: 1,
      archiveName: 'Дело.rar',
    });
    expect(volumeOf('письма/дело.part02.rar', second!)).toMatchObject({ set: 'rar:письма/дело', number: 2 });
    expect(volumeOf('дело.rar', first!)).toMatchObject({ set: 'rar:дело', number: 1 });
    expect(volumeOf('дело.r00', second!)).toMatchObject({ set: 'rar:дело', number: 2 });
    expect(volumeOf('дело.s01', second!)).toMatchObject({ number: 103 });
    // Named as a volume, but a whole archive (or no RAR at all): no part of anything.
    expect(volumeOf('дело.part2.rar', makeRar([{ name: 'a', data: 'b' }]))).toBeNull();
    expect(volumeOf('дело.r00', text('просто текст'))).toBeNull();
    // RAR 4 flags the first volume in its archive header; the others are volumes only.
    const [old1, old2] = makeRar4Volumes([{ name: 'a.txt', data: 'Протокол. '.repeat(100) }], 300);
    expect([rarVolume(old1!), rarVolume(old2!)]).toEqual(['first-volume', 'volume']);
    expect(volumeOf('дело.rar', old1!)).toMatchObject({ set: 'rar:дело', number: 1 });
    expect(volumeOf('дело.r00', old2!)).toMatchObject({ set: 'rar:дело', number: 2 });
  });

  it('are told from 7-Zip’s split files by name, where the file split keeps its extension', () => {
    expect(volumeOf('дело.7z.001', text('x'))).toEqual({
      kind: 'split',
      set: 'split:дело.7z',
      number: 1,
      archiveName: 'дело.7z',
    });
    expect(volumeOf('письмо.eml!скан.pdf.012', text('x'))).toMatchObject({
      set: 'split:письмо.eml!скан.pdf',
      number: 12,
    });
    // A camera's or a scanner's numbered files, and numbers that are no part: none.
    for (const name of ['DSC.001', 'scan.123.001', 'дело.7z.000', 'отчёт.txt', 'дело.7z.1'])
      expect(volumeOf(name, text('x'))).toBeNull();
  });

  it('are told from a split ZIP’s parts by name, and its last part by the disk its directory says it is on', () => {
    const part = (name: string) =>
      new Uint8Array(readFileSync(new URL(`../../test/fixtures/archives/split-zip/${name}`, import.meta.url)));
    expect(volumeOf('дело.z01', part('case.z01'))).toEqual({
      kind: 'zip-span',
      set: 'zip-span:дело',
      number: 1,
      archiveName: 'дело.zip',
    });
    expect(volumeOf('дело.z02', part('case.z02'))).toMatchObject({ set: 'zip-span:дело', number: 2 });
    expect(zipSpanDisk(part('case.zip'))).toBe(2);
    expect(volumeOf('Дело.zip', part('case.zip'))).toMatchObject({ set: 'zip-span:дело', number: 3 });
    // A ZIP that is whole is no part of anything.
    expect(volumeOf('дело.zip', makeZip({ 'a.txt': 'b' }))).toBeNull();
    expect(partSetKey('Дело.z01')).toBe('zip-span:дело');
    expect(partSetKey('дело.zip')).toBe('zip-span:дело');
  });

  it('gathers each whole set behind its first part, in order, and leaves other files where they were', () => {
    const file = (name: string, bytes: Uint8Array = text(name)) => ({ name, bytes });
    const gathered = gatherVolumes([
      file('дело.7z.002'),
      file('отчёт.txt'),
      file('дело.rar', first),
      file('дело.7z.001'),
      file('дело.r01', third),
      file('дело.r00', second),
    ]);
    expect(
      gathered.map((item) => [item.kind, item.file.name, item.kind === 'set' ? item.later.map((f) => f.name) : []]),
    ).toEqual([
      ['set', 'дело.7z.001', ['дело.7z.002']],
      ['single', 'отчёт.txt', []],
      ['set', 'дело.rar', ['дело.r00', 'дело.r01']],
    ]);
  });

  it('says which parts a set lacks, fails one given a part twice, and leaves a first part alone to be read', () => {
    const file = (name: string) => ({ name, bytes: text(name) });
    const gathered = gatherVolumes([file('a.zip.001'), file('a.zip.003'), file('b.7z.002'), file('c.7z.001')]);
    expect(gathered.map((item) => [item.kind, item.file.name])).toEqual([
      ['incomplete', 'a.zip.001'],
      ['incomplete', 'a.zip.003'],
      ['incomplete', 'b.7z.002'],
      ['single', 'c.7z.001'],
    ]);
    expect(gathered[0]).toMatchObject({
      reason:
        'a part of «a.zip», split into parts, given without its part 2: it is kept, and the archive is read as soon as all its parts are in the workspace (at once when given together)',
      missing: [2],
    });
    expect(gathered[2]).toMatchObject({
      reason: expect.stringContaining('given without its part 1'),
      missing: [1],
    });
    const twice = gatherVolumes([
      { name: 'd.part1.rar', bytes: first! },
      { name: 'd.part2.rar', bytes: second! },
      { name: 'd.part02.rar', bytes: second! },
    ]);
    expect(twice.map((item) => item.kind)).toEqual(['incomplete', 'incomplete', 'incomplete']);
    expect(twice[0]).toMatchObject({
      reason: 'part 2 of «d.rar» is given twice under different names: give each part once',
      missing: [],
    });
  });

  it('looks only at the files it may', () => {
    const parts = [
      { name: 'a.7z.001', bytes: text('1'), failed: true },
      { name: 'a.7z.002', bytes: text('2'), failed: false },
    ];
    expect(gatherVolumes(parts, (part) => !part.failed).map((item) => item.kind)).toEqual(['single', 'incomplete']);
  });
});
