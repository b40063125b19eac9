import { describe, expect, it } from 'vitest';
import { makeRar, makeRar4Volumes, makeRarVolumes, makeZip } from '../../../test/fixtures/documents.js';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';
import { DEFAULT_PARSE_LIMITS } from '../parse-types.js';
import { parseRar } from './rar.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('RAR archives', () => {
  it('are told by their signature and kept without text, each file in them a child under its path', async () => {
    const rar = makeRar([
      { name: 'дело 1-45/протокол обыска.txt', data: 'Протокол обыска у Петра Вымышленного.' },
      { name: 'дело 1-45', data: '', directory: true },
      { name: 'ходатайство.txt', data: 'Прошу отменить меру пресечения.' },
      { name: '__MACOSX/._ходатайство.txt', data: 'x' },
      { name: 'Thumbs.db', data: 'x' },
    ]);
    expect(detectMediaType(rar, 'материалы.rar')).toBe(MEDIA_TYPES.rar);
    const doc = await parseDocumentInProcess(rar);
    expect(doc).toMatchObject({ text: '', isContainer: true, language: 'other' });
    expect(doc.children.map((child) => [child.name, child.relation, text(child.bytes)])).toEqual([
      ['дело 1-45/протокол обыска.txt', 'archive-entry', 'Протокол обыска у Петра Вымышленного.'],
      ['ходатайство.txt', 'archive-entry', 'Прошу отменить меру пресечения.'],
    ]);
    expect(doc.metadata).toMatchObject({ entryCount: 2, notRead: [] });
  });

  it('fails an encrypted or damaged file alone, with its reason, and keeps the others', async () => {
    const doc = await parseRar(
      makeRar([
        { name: 'a.txt', data: 'Первый файл.' },
        { name: 'secret.txt', data: 'Тайна.', encrypted: true },
        { name: 'broken.txt', data: 'Испорчен.', badCrc: true },
      ]),
      DEFAULT_PARSE_LIMITS,
    );
    const children = doc.children!;
    expect(children.map((child) => [child.name, child.failure?.code ?? null])).toEqual([
      ['a.txt', null],
      ['secret.txt', 'UNSUPPORTED_TYPE'],
      ['broken.txt', 'PARSE_FAILED'],
    ]);
    expect(children[1]!.failure!.message).toBe('the file is encrypted: ask for the password or a copy without one');
    expect(children[2]!.failure!.message).toMatch(/^the archive is damaged: /);
  });

  it('refuses what it declares past the limits before unpacking, and an archive of nothing', async () => {
    const big = makeRar([{ name: 'a.txt', data: 'x'.repeat(2000) }]);
    await expect(parseRar(big, { ...DEFAULT_PARSE_LIMITS, maxExpandedBytes: 1000 })).rejects.toThrow(
      /archive declares .* uncompressed; the limit is/,
    );
    const many = makeRar(Array.from({ length: 30 }, (_, i) => ({ name: `${i}.txt`, data: `${i}` })));
    await expect(parseRar(many, { ...DEFAULT_PARSE_LIMITS, maxArchiveEntries: 20 })).rejects.toMatchObject({
      code: 'DECOMPRESSION_LIMIT',
    });
    await expect(parseRar(makeRar([{ name: 'Thumbs.db', data: 'x' }]), DEFAULT_PARSE_LIMITS)).rejects.toThrow(
      'the archive holds no files',
    );
    const cut = makeRar([{ name: 'a.txt', data: 'Протокол.'.repeat(100) }]);
    await expect(parseRar(cut.subarray(0, 20), DEFAULT_PARSE_LIMITS)).rejects.toThrow('lists no files');
    await expect(parseRar(cut.subarray(0, 600), DEFAULT_PARSE_LIMITS)).rejects.toThrow(
      'the RAR archive could not be read: it is cut short or damaged',
    );
    // Not every file that begins "Rar!" is one: a ZIP stays a ZIP.
    expect(detectMediaType(makeZip({ 'a.txt': 'a' }))).toBe(MEDIA_TYPES.zip);
  });
});

describe('RAR archives split into volumes', () => {
  const files = [
    { name: 'опись.txt', data: 'Опись материалов дела.' },
    { name: 'дело/протокол.txt', data: 'Протокол допроса свидетеля. '.repeat(60) },
    { name: 'ходатайство.txt', data: 'Прошу отменить меру пресечения.' },
  ];

  it('are read from all their volumes as one archive, a file cut across volumes whole', async () => {
    const [first, ...later] = makeRarVolumes(files, 500);
    expect(later.length).toBeGreaterThanOrEqual(3);
    const doc = await parseDocumentInProcess(first!, { fileName: 'дело.part1.rar', laterVolumes: later });
    expect(doc).toMatchObject({ mediaType: MEDIA_TYPES.rar, isContainer: true });
    expect(doc.children.map((child) => [child.name, child.failure ?? null, text(child.bytes)])).toEqual(
      files.map((file) => [file.name, null, file.data]),
    );
  });

  it('are read in RAR 4 too, in the old numbering (.rar, .r00, .r01…) and in the new', async () => {
    for (const newNumbering of [false, true]) {
      // RAR 4 keeps names in the code page of the packing machine unless flagged Unicode: ASCII names here.
      const ascii = files.map((file, i) => ({ ...file, name: `file-${i}.txt` }));
      const [first, ...later] = makeRar4Volumes(ascii, 500, newNumbering);
      expect(later.length).toBeGreaterThanOrEqual(3);
      const doc = await parseDocumentInProcess(first!, { fileName: 'дело.rar', laterVolumes: later });
      expect(doc.children.map((child) => [child.name, child.failure ?? null, text(child.bytes)])).toEqual(
        ascii.map((file) => [file.name, null, file.data]),
      );
    }
  });

  it('say which volume is missing when those given end before the archive does', async () => {
    const [first, second] = makeRarVolumes(files, 500);
    await expect(parseRar(first!, DEFAULT_PARSE_LIMITS, [second!])).rejects.toThrow(
      /^the RAR archive could not be read: its part 3 is not here \(the parts given end before the archive does\): add it$/,
    );
  });

  it('are refused one by one, with a word on how to name them (ingestion keeps the parts it can name to wait)', async () => {
    const [first, second] = makeRarVolumes(files, 500);
    for (const volume of [first!, second!])
      await expect(parseRar(volume, DEFAULT_PARSE_LIMITS)).rejects.toMatchObject({
        code: 'UNSUPPORTED_TYPE',
        message: expect.stringMatching(
          /under a name that does not say which part it is: add its parts under the names/,
        ),
      });
  });

  it('are held to the limits of the whole set', async () => {
    const [first, ...later] = makeRarVolumes([{ name: 'big.txt', data: 'x'.repeat(5000) }], 1000);
    await expect(parseRar(first!, { ...DEFAULT_PARSE_LIMITS, maxExpandedBytes: 4000 }, later)).rejects.toMatchObject({
      code: 'DECOMPRESSION_LIMIT',
    });
  });
});
