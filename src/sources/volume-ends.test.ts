import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makePdf, makeRar, makeRar4Volumes, makeRarVolumes, makeZip } from '../../test/fixtures/documents.js';
import { isLastPart, joinedFileEnds, rarEndsSet } from './volume-ends.js';
import { volumeOf } from './volumes.js';

const archive = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/archives/${name}`, import.meta.url)));
const files = [{ name: 'протокол.txt', data: 'Протокол допроса свидетеля Ионы Концевого. '.repeat(40) }];

describe('whether the parts of a split archive reach its end', () => {
  it('reads it from the header that closes each RAR volume, in RAR 5 and in RAR 4', () => {
    for (const volumes of [
      makeRarVolumes(files, 500),
      makeRar4Volumes(files, 500),
      makeRar4Volumes(files, 500, true),
    ]) {
      expect(volumes.length).toBeGreaterThanOrEqual(3);
      expect(volumes.map(rarEndsSet)).toEqual([...volumes.slice(1).map(() => false), true]);
    }
    // An archive that is whole ends as the last volume does.
    expect(rarEndsSet(makeRar(files))).toBe(true);
  });

  it('cannot tell for a RAR volume cut short, or for bytes that are no RAR', () => {
    const [first] = makeRarVolumes(files, 500);
    expect(rarEndsSet(first!.slice(0, -3))).toBeNull();
    expect(rarEndsSet(first!.slice(0, 200))).toBeNull();
    expect(rarEndsSet(new TextEncoder().encode('Rar! not really'))).toBeNull();
  });

  it('says a split ZIP ends with its .zip, and leaves a file 7-Zip cut to the file joined', () => {
    const zipPart = volumeOf('дело.z01', new Uint8Array(10))!;
    expect(isLastPart(zipPart, new Uint8Array(10))).toBe(false);
    const split = volumeOf('дело.pdf.002', new Uint8Array(10))!;
    expect(isLastPart(split, new Uint8Array(10))).toBeNull();
    const [, second] = makeRarVolumes(files, 500);
    expect(isLastPart(volumeOf('дело.part2.rar', second!)!, second!)).toBe(false);
  });

  it('tells a file joined from parts whole where its format gives its end: 7z, ZIP, PDF, RAR', async () => {
    const sevenZip = archive('case.7z');
    const zip = makeZip({ 'a.txt': 'Протокол. '.repeat(100) }, 0);
    const pdf = await makePdf({ pages: [['Protocol of the search.']] });
    const rar = makeRar(files);
    for (const whole of [sevenZip, zip, pdf, rar]) expect(joinedFileEnds(whole)).toBe(true);
    for (const whole of [sevenZip, zip, pdf])
      expect(joinedFileEnds(whole.slice(0, Math.floor(whole.length * 0.6)))).toBe(false);
    // A RAR archive cut short has no closing header to read: it is read, and fails if it is cut.
    expect(joinedFileEnds(rar.slice(0, Math.floor(rar.length * 0.6)))).toBeNull();
    // A format that does not say where it ends: read as it is.
    expect(joinedFileEnds(new TextEncoder().encode('Просто текст, разрезанный на части.'))).toBeNull();
  });
});
