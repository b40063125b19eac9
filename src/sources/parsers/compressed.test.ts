import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeTar, utf8 } from '../../../test/fixtures/documents.js';
import { compressedMediaType, isTar } from '../compressed-kind.js';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';
import { DEFAULT_PARSE_LIMITS } from '../parse-types.js';
import { parseCompressed, parseTar, withoutCompressionSuffix } from './compressed.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/archives/${name}`, import.meta.url)));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const LONG_FOLDER =
  'дело/материалы-по-уголовному-делу-о-публичных-призывах-к-осуществлению-экстремистской-деятельности-статья-280';
const CASE_FILES = [
  [`${LONG_FOLDER}/постановление.txt`, 'Постановление суда: продлить арест Анне Выдуманной на два месяца.\n'],
  [
    'дело/протокол обыска.txt',
    'Протокол обыска.\nВ квартире Ивана Вымышленного в Саратове проведён обыск по делу о призывах.\n',
  ],
  ['ходатайство.txt', 'Ходатайство защиты об изменении меры пресечения Петру Придуманову.\n'],
];

describe('tar archives and compressed files', () => {
  it('are told by their content, whatever their names say', () => {
    expect(detectMediaType(fixture('case.tar.gz'), 'case.txt')).toBe(MEDIA_TYPES.gzip);
    expect(detectMediaType(fixture('letter.eml.bz2'))).toBe(MEDIA_TYPES.bzip2);
    expect(detectMediaType(fixture('protocol.txt.xz'))).toBe(MEDIA_TYPES.xz);
    expect(detectMediaType(fixture('summary.md.zst'))).toBe(MEDIA_TYPES.zstd);
    expect(detectMediaType(fixture('protocol.txt.Z'))).toBe(MEDIA_TYPES.unixCompress);
    expect(detectMediaType(fixture('case-pax.tar'), 'notes.md')).toBe(MEDIA_TYPES.tar);
    // compress's magic with flags no compress writes (code sizes past 16 bits) is no compressed file.
    expect(compressedMediaType(Uint8Array.from([0x1f, 0x9d, 0x1f, 1, 2, 3]))).toBeNull();
    // "BZh" begins words, and "ustar" may stand at byte 257 of a text: neither is a format without the rest.
    expect(compressedMediaType(utf8('BZh9 is how a bzip2 stream begins.'))).toBeNull();
    expect(detectMediaType(utf8('BZh9 — заметка о формате сжатия.'))).toBe(MEDIA_TYPES.text);
    const tarLike = utf8(`${'x'.repeat(257)}ustar${' текст'.repeat(100)}`);
    expect(isTar(tarLike)).toBe(false);
    const badSum = makeTar([{ name: 'a.txt', data: 'Обыск.' }]);
    badSum[148] = 0x37;
    expect(isTar(badSum)).toBe(false);
  });

  it('read a compressed tar as one archive: its files are the children, by path, clutter and links passed over', async () => {
    const doc = await parseDocumentInProcess(fixture('case.tar.gz'), { fileName: 'дело.tar.gz' });
    expect(doc).toMatchObject({ mediaType: MEDIA_TYPES.gzip, text: '', isContainer: true, language: 'other' });
    // GNU tar's long name (over 100 bytes), a symbolic link, .DS_Store and a Mac's `._` resource fork are in it.
    expect(doc.children.map((child) => [child.name, text(child.bytes)])).toEqual(CASE_FILES);
    expect(doc.children.every((child) => child.relation === 'archive-entry')).toBe(true);
    expect(doc.metadata).toMatchObject({ compression: 'gzip', entryCount: 3 });
    // The same tar by Unix compress, as old servers kept it.
    const old = await parseDocumentInProcess(fixture('case.tar.Z'), { fileName: 'дело.tar.Z' });
    expect(old).toMatchObject({ mediaType: MEDIA_TYPES.unixCompress, metadata: { compression: 'Unix compress' } });
    expect(old.children.map((child) => [child.name, text(child.bytes)])).toEqual(CASE_FILES);
  });

  it('read a POSIX (pax) tar, whose long names stand in extended headers', async () => {
    const doc = await parseDocumentInProcess(fixture('case-pax.tar'));
    expect(doc.mediaType).toBe(MEDIA_TYPES.tar);
    expect(doc.children.map((child) => [child.name, text(child.bytes)])).toEqual(CASE_FILES);
  });

  it('give the one file compressed as the child, named by gzip’s stored name or the file’s own less its suffix', async () => {
    const letter = await parseDocumentInProcess(fixture('letter.eml.bz2'), { fileName: 'letter.eml.bz2' });
    expect(letter.children.map((child) => child.name)).toEqual(['letter.eml']);
    expect(detectMediaType(letter.children[0]!.bytes, 'letter.eml')).toBe(MEDIA_TYPES.eml);
    const xz = await parseDocumentInProcess(fixture('protocol.txt.xz'), { fileName: 'protocol.txt.xz' });
    expect(xz.children.map((child) => [child.name, text(child.bytes)])).toEqual([
      ['protocol.txt', 'Протокол задержания.\nВ Перми задержали Олега Сочинённого после пикета.\n'],
    ]);
    const compressed = await parseDocumentInProcess(fixture('protocol.txt.Z'), { fileName: 'protocol.txt.Z' });
    expect(compressed.children.map((child) => [child.name, text(child.bytes)])).toEqual([
      ['protocol.txt', 'Протокол задержания.\nВ Перми задержали Олега Сочинённого после пикета.\n'],
    ]);
    expect(compressed.warnings).toEqual([
      'Unix compress records no length or checksum: that the file is whole cannot be checked',
    ]);
    const zstd = await parseDocumentInProcess(fixture('summary.md.zst'), { fileName: 'summary.md.zst' });
    expect(zstd.metadata).toMatchObject({ compression: 'Zstandard' });
    expect(text(zstd.children[0]!.bytes)).toContain('В Казани задержали');
    // gzip keeps the name it compressed: the file downloaded as `download.gz` was `протокол.txt`.
    const named = await parseDocumentInProcess(fixture('download.gz'), { fileName: 'download.gz' });
    expect(named.children.map((child) => child.name)).toEqual(['протокол.txt']);
    // Without a stored name or a file name, the child is still there, under a plain one.
    const bare = await parseCompressed(gzipSync('Обыск у Веры Условной.'), 'application/gzip', DEFAULT_PARSE_LIMITS);
    expect(bare.children!.map((child) => [child.name, text(child.bytes)])).toEqual([
      ['unpacked', 'Обыск у Веры Условной.'],
    ]);
    expect(withoutCompressionSuffix('материалы.tgz')).toBe('материалы.tar');
    expect(withoutCompressionSuffix('C:\\дела\\письмо.eml.GZ')).toBe('письмо.eml');
    expect(withoutCompressionSuffix('.gz')).toBeNull();
    expect(withoutCompressionSuffix('backup.taz')).toBe('backup.tar');
  });

  it('stop a bomb at the expansion limits, by ratio and by size', async () => {
    // 100 MB of zeros in 113 bytes.
    await expect(parseDocumentInProcess(fixture('zeros.bz2'))).rejects.toMatchObject({
      code: 'DECOMPRESSION_LIMIT',
      message: 'the bzip2 file expands more than 100:1 (past 1 MB from 113 bytes); the limit is 100:1',
    });
    // 100 MB of zeros in 22 KB: LZW compresses no better than about 4,000:1.
    await expect(parseDocumentInProcess(fixture('zeros.Z'))).rejects.toMatchObject({
      code: 'DECOMPRESSION_LIMIT',
      message: 'the Unix compress file expands more than 100:1 (past 2.2 MB from 22,928 bytes); the limit is 100:1',
    });
    const report = utf8('В Саратове задержали участников пикета. '.repeat(60_000));
    await expect(
      parseCompressed(gzipSync(report), 'application/gzip', { ...DEFAULT_PARSE_LIMITS, maxExpandedBytes: 1_000_000 }),
    ).rejects.toMatchObject({
      code: 'DECOMPRESSION_LIMIT',
      message: 'the gzip file expands past 1,000,000 bytes; the limit is 1,000,000 bytes',
    });
    const many = makeTar(Array.from({ length: 5 }, (_, i) => ({ name: `${i}.txt`, data: 'Обыск.' })));
    await expect(parseTar(many, { ...DEFAULT_PARSE_LIMITS, maxArchiveEntries: 4 })).rejects.toMatchObject({
      code: 'DECOMPRESSION_LIMIT',
      message: 'archive has more than 4 entries',
    });
  });

  it('keep the whole files before a cut or a damaged header, and fail the one cut through', async () => {
    const tar = makeTar([
      { name: 'первый.txt', data: 'Первый протокол.' },
      { name: 'второй.txt', data: 'Второй протокол, длинный. '.repeat(40) },
      { name: 'третий.txt', data: 'Третий протокол.' },
    ]);
    const cut = await parseTar(tar.subarray(0, 512 * 3 + 200), DEFAULT_PARSE_LIMITS);
    expect(cut.children!.map((child) => [child.name, child.failure?.message ?? text(child.bytes)])).toEqual([
      ['первый.txt', 'Первый протокол.'],
      ['второй.txt', 'the archive is cut short inside this file'],
    ]);
    expect(cut.warnings).toContain(
      'the archive is cut short: what came after the damage is lost, the files before it are kept',
    );
    const damaged = tar.slice();
    damaged[1024 + 10] = 0x41; // the second header's name, its checksum now wrong
    const read = await parseTar(damaged, DEFAULT_PARSE_LIMITS);
    expect(read.children!.map((child) => child.name)).toEqual(['первый.txt']);
    expect(read.warnings).toContain(
      'the archive is damaged: what came after the damage is lost, the files before it are kept',
    );

    // A compressed tar cut short: the tar's whole files come out of the part that is there.
    const big = makeTar([
      { name: 'первый.txt', data: 'Первый протокол.' },
      {
        name: 'шум.bin',
        data: Array.from({ length: 30_000 }, (_, i) => String.fromCharCode(0x400 + ((i * 7919) % 256))).join(''),
      },
    ]);
    const gz = gzipSync(big);
    const partial = await parseCompressed(gz.subarray(0, gz.length - 200), 'application/gzip', DEFAULT_PARSE_LIMITS);
    expect(partial.children!.map((child) => [child.name, child.failure?.message ?? text(child.bytes)])).toEqual([
      ['первый.txt', 'Первый протокол.'],
      ['шум.bin', 'the archive is cut short inside this file'],
    ]);
  });

  it('keep a single compressed file cut short as a failure, and refuse a stream that gives nothing', async () => {
    const gz = gzipSync(utf8('Протокол задержания Ивана Вымышленного. '.repeat(500)));
    const cut = await parseCompressed(
      gz.subarray(0, gz.length - 30),
      'application/gzip',
      DEFAULT_PARSE_LIMITS,
      'p.txt.gz',
    );
    expect(cut.children).toEqual([
      expect.objectContaining({
        name: 'p.txt',
        failure: { code: 'PARSE_FAILED', message: 'the gzip file is cut short: its content is incomplete' },
      }),
    ]);
    // Cut inside the first header: nothing of the tar is whole.
    const tarGz = fixture('case.tar.gz');
    await expect(parseDocumentInProcess(tarGz.subarray(0, 300))).rejects.toMatchObject({
      code: 'PARSE_FAILED',
      message: 'the tar archive is cut short before its first file',
    });
    const noise = Uint8Array.from({ length: 400 }, (_, i) => (i * 131 + 7) % 256);
    noise.set([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]);
    await expect(parseDocumentInProcess(noise)).rejects.toMatchObject({ code: 'PARSE_FAILED' });
    await expect(parseTar(makeTar([]), DEFAULT_PARSE_LIMITS)).rejects.toMatchObject({ code: 'PARSE_FAILED' });
  });
});
