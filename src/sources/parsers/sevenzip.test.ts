import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';
import { DEFAULT_PARSE_LIMITS } from '../parse-types.js';
import { parseSevenZip } from './sevenzip.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/archives/${name}`, import.meta.url)));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('7z archives', () => {
  it('are told by their signature and kept without text, each file in them a child under its path', async () => {
    const archive = fixture('case.7z');
    expect(detectMediaType(archive, 'материалы.7z')).toBe(MEDIA_TYPES.sevenZip);
    const doc = await parseDocumentInProcess(archive);
    expect(doc).toMatchObject({ text: '', isContainer: true, language: 'other' });
    expect(doc.children.map((child) => [child.name, child.relation, text(child.bytes)])).toEqual([
      ['дело/протокол обыска.txt', 'archive-entry', 'Протокол обыска у Петра Вымышленного от 4 марта.\n'],
      ['ходатайство.txt', 'archive-entry', 'Прошу отменить меру пресечения.\n'],
    ]);
  });

  it('fails an encrypted file alone, keeps the others, and refuses an archive whose names are encrypted', async () => {
    const mixed = await parseSevenZip(fixture('mixed.7z'), DEFAULT_PARSE_LIMITS);
    expect(mixed.children!.map((child) => [child.name, child.failure?.message ?? text(child.bytes)])).toEqual([
      ['дело/протокол обыска.txt', 'Протокол обыска у Петра Вымышленного от 4 марта.\n'],
      ['ходатайство.txt', 'the file is encrypted: ask for the password or a copy without one'],
    ]);
    const locked = await parseSevenZip(fixture('locked.7z'), DEFAULT_PARSE_LIMITS);
    expect(locked.children!.every((child) => child.failure?.code === 'UNSUPPORTED_TYPE')).toBe(true);
    await expect(parseSevenZip(fixture('hidden-names.7z'), DEFAULT_PARSE_LIMITS)).rejects.toThrow(
      'the 7z archive is encrypted, its file names too: ask for the password or a copy without one',
    );
  });

  it('refuses what it declares past the limits before unpacking, and an archive cut short', async () => {
    await expect(parseSevenZip(fixture('case.7z'), { ...DEFAULT_PARSE_LIMITS, maxExpandedBytes: 50 })).rejects.toThrow(
      /archive declares .* uncompressed; the limit is/,
    );
    await expect(
      parseSevenZip(fixture('case.7z'), { ...DEFAULT_PARSE_LIMITS, maxArchiveEntries: 2 }),
    ).rejects.toMatchObject({
      code: 'DECOMPRESSION_LIMIT',
    });
    const cut = fixture('case.7z');
    await expect(parseSevenZip(cut.subarray(0, cut.length - 40), DEFAULT_PARSE_LIMITS)).rejects.toThrow(
      'the 7z archive could not be read: open error: cannot open the file as [7z] archive',
    );
    const noisy = cut.slice();
    for (let i = 40; i < noisy.length; i += 37) noisy[i]! ^= 0x55;
    await expect(parseSevenZip(noisy, DEFAULT_PARSE_LIMITS)).rejects.toMatchObject({ code: 'PARSE_FAILED' });
  });

  it('read a ZIP split by WinZip or Info-ZIP from all its parts, and say so when a part is missing', async () => {
    const part = (name: string) => fixture(`split-zip/${name}`);
    const doc = await parseDocumentInProcess(part('case.z01'), {
      fileName: 'дело.z01',
      laterVolumes: [part('case.z02'), part('case.zip')],
    });
    expect(doc).toMatchObject({ mediaType: MEDIA_TYPES.zip, isContainer: true });
    expect(doc.children.map((child) => child.name).sort()).toEqual([
      'дело/материалы-по-уголовному-делу-о-публичных-призывах-к-осуществлению-экстремистской-деятельности-статья-280/постановление.txt',
      'дело/протокол обыска.txt',
      'материалы дела.txt',
      'ходатайство.txt',
    ]);
    const materials = doc.children.find((child) => child.name === 'материалы дела.txt')!;
    expect(new TextDecoder().decode(materials.bytes)).toMatch(/^Материалы дела Сидора Выдуманного/);
    expect(materials.bytes.length).toBeGreaterThan(130_000);
    await expect(
      parseDocumentInProcess(part('case.z01'), { fileName: 'дело.z01', laterVolumes: [part('case.zip')] }),
    ).rejects.toMatchObject({ code: 'PARSE_FAILED', message: expect.stringMatching(/^the split ZIP archive/) });
  });
});
