import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeDocx, makeZip } from '../../../test/fixtures/documents.js';
import {
  buildZip,
  declaredTenGigabyteBomb,
  lyingSizeBomb,
  overlappingBomb,
  storedEntry,
} from '../../../test/fixtures/zip-bombs.js';
import { parseDocumentInProcess } from '../parse.js';
import { safeChildName } from './zip.js';

const textOf = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('ZIP', () => {
  it('is a container whose entries are children', async () => {
    const docx = await makeDocx({ paragraphs: ['Справка'] });
    const zip = makeZip({ 'a.txt': 'Первый отчёт', 'dir/b.html': '<p>Второй</p>', 'dir/c.docx': docx, 'dir/': '' });
    const doc = await parseDocumentInProcess(zip, { fileName: 'reports.zip' });
    expect(doc).toMatchObject({ mediaType: 'application/zip', text: '', isContainer: true, language: 'other' });
    expect(doc.children.map((c) => [c.name, c.relation])).toEqual([
      ['a.txt', 'archive-entry'],
      ['dir/b.html', 'archive-entry'],
      ['dir/c.docx', 'archive-entry'],
    ]);
    expect(textOf(doc.children[0]!.bytes)).toBe('Первый отчёт');
    expect(doc.children[2]!.bytes).toEqual(docx);
  });

  it('opens nested ZIPs up to the depth limit and names entries by path', async () => {
    const inner = makeZip({ 'deep.txt': 'глубоко' });
    const middle = makeZip({ 'inner.zip': inner, 'm.txt': 'middle' });
    const outer = makeZip({ 'middle.zip': middle });
    const doc = await parseDocumentInProcess(outer);
    expect(doc.children.map((c) => c.name)).toEqual(['middle.zip/inner.zip/deep.txt', 'middle.zip/m.txt']);
    await expect(parseDocumentInProcess(outer, { limits: { maxArchiveDepth: 2 } })).rejects.toMatchObject({
      code: 'DECOMPRESSION_LIMIT',
    });
  });

  it('refuses 10 GB declared in the directory without inflating it', async () => {
    // Refused by what its directory declares (checkDeclaredSizes), before any entry is read: not by a clock.
    await expect(parseDocumentInProcess(declaredTenGigabyteBomb())).rejects.toMatchObject({
      code: 'DECOMPRESSION_LIMIT',
      message: expect.stringMatching(/^archive (entry )?declares /),
    });
  });

  it('stops an entry that inflates past its declared size', async () => {
    await expect(parseDocumentInProcess(lyingSizeBomb(2))).rejects.toMatchObject({ code: 'DECOMPRESSION_LIMIT' });
  });

  it('refuses many entries sharing one compressed body (ratio, then total size)', async () => {
    const bomb = overlappingBomb(300);
    await expect(parseDocumentInProcess(bomb)).rejects.toMatchObject({ code: 'DECOMPRESSION_LIMIT' });
    await expect(
      parseDocumentInProcess(bomb, { limits: { maxExpansionRatio: 1e9, maxExpandedBytes: 50 * 1024 * 1024 } }),
    ).rejects.toMatchObject({ code: 'DECOMPRESSION_LIMIT' });
  });

  it('refuses more entries than allowed', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`f${i}.txt`] = 'x';
    await expect(parseDocumentInProcess(makeZip(files), { limits: { maxArchiveEntries: 10 } })).rejects.toMatchObject({
      code: 'DECOMPRESSION_LIMIT',
    });
  });

  it('allows highly compressible small entries (a page of one character)', async () => {
    const doc = await parseDocumentInProcess(makeZip({ 'a.txt': 'a'.repeat(200_000) }));
    expect(doc.children[0]!.bytes.length).toBe(200_000);
  });

  it('gives an encrypted entry its reason instead of its bytes, and keeps the rest', async () => {
    const zip = buildZip([storedEntry('secret.txt', 'xxxx', 0x1), storedEntry('open.txt', 'открыто')]);
    const doc = await parseDocumentInProcess(zip);
    expect(doc.children.map((c) => [c.name, c.failure?.message.match(/encrypted/)?.[0] ?? null])).toEqual([
      ['secret.txt', 'encrypted'],
      ['open.txt', null],
    ]);
    expect(textOf(doc.children[1]!.bytes)).toBe('открыто');
    // Said once, on the entry's own line of ingestion's output, not again among the archive's warnings.
    expect(doc.warnings).toEqual([]);
  });

  it('fails with PARSE_FAILED on a truncated archive', async () => {
    const zip = makeZip({ 'a.txt': 'содержимое '.repeat(100) });
    await expect(parseDocumentInProcess(zip.subarray(0, zip.length - 30))).rejects.toMatchObject({
      code: 'PARSE_FAILED',
    });
  });

  it('reads entry names in UTF-8 without the flag and in the DOS code page of Russian Windows (CP866)', async () => {
    const cp866Name = Uint8Array.of(0x8e, 0xe2, 0xe7, 0xf1, 0xe2, 0x2e, 0x74, 0x78, 0x74); // «Отчёт.txt»
    const zip = buildZip([
      { ...storedEntry('x', 'Обыск в Омске.'), nameBytes: cp866Name },
      { ...storedEntry('x', 'Протокол задержания.'), nameBytes: new TextEncoder().encode('Протокол.txt') },
      // A byte that is no letter in CP866 (0xC4, a box-drawing line there): read as before, as Latin-1.
      { ...storedEntry('x', 'Report.'), nameBytes: Uint8Array.of(0x41, 0xc4, 0x42) },
    ]);
    const doc = await parseDocumentInProcess(zip);
    expect(doc.children.map((c) => c.name)).toEqual(['Отчёт.txt', 'Протокол.txt', 'AÄB']);
  });

  it('makes entry names safe labels', () => {
    expect(safeChildName('../../etc/passwd', 'x')).toBe('etc/passwd');
    expect(safeChildName('/abs\\win\\path.txt', 'x')).toBe('abs/win/path.txt');
    expect(safeChildName('evil\u202Etxt.exe', 'x')).toBe('eviltxt.exe');
    expect(safeChildName('..', 'fallback')).toBe('fallback');
  });

  it('refuses an archive that holds no files: nothing in it is a report or kept for one', async () => {
    for (const zip of [buildZip([]), makeZip({ '__MACOSX/._a.txt': 'x', '.DS_Store': 'x' })])
      await expect(parseDocumentInProcess(zip)).rejects.toMatchObject({
        code: 'VALIDATION',
        message: 'the archive holds no files (only folders and system files: __MACOSX, .DS_Store, Thumbs.db)',
      });
  });

  it('reads the rest of an archive when an archive inside it is damaged, which fails alone', async () => {
    const damaged = new TextEncoder().encode('PK\x03\x04 the rest of this archive was never downloaded');
    const zip = makeZip({ 'letters.zip': damaged, 'report.txt': 'Суд арестовал активиста.' });
    const doc = await parseDocumentInProcess(zip);
    expect(doc.children.map((c) => [c.name, c.failure?.message ?? null])).toEqual([
      ['letters.zip', 'ZIP archive has no central directory (truncated or damaged)'],
      ['report.txt', null],
    ]);
  });

  it('keeps an archive of a single icon: not a report, but not to be lost', async () => {
    const icon = new Uint8Array(readFileSync(new URL('../../../test/fixtures/images/logo.png', import.meta.url)));
    const doc = await parseDocumentInProcess(makeZip({ 'icon.png': icon }));
    expect(doc.children).toEqual([]);
    expect(doc.metadata.notRead).toEqual([
      { name: 'icon.png', reason: 'an image of 32×32 px, too small to show a document (a logo or an icon)' },
    ]);
  });

  it('takes scans in an archive as documents, and leaves its icons in it with a warning', async () => {
    const image = (name: string) =>
      new Uint8Array(readFileSync(new URL(`../../../test/fixtures/images/${name}`, import.meta.url)));
    const zip = makeZip({ 'дело/лист-1.jpg': image('scan.jpg'), 'дело/icon.png': image('logo.png') });
    const doc = await parseDocumentInProcess(zip);
    expect(doc.children.map((c) => c.name)).toEqual(['дело/лист-1.jpg']);
    expect(doc.warnings).toEqual([
      'дело/icon.png is kept in the archive, not read: an image of 32×32 px, too small to show a document (a logo or an icon)',
    ]);
    expect(doc.metadata.notRead).toEqual([
      { name: 'дело/icon.png', reason: 'an image of 32×32 px, too small to show a document (a logo or an icon)' },
    ]);
  });

  it('leaves in the archive what a saved page loads, and reads the page and the reports beside it', async () => {
    const zip = makeZip({
      'news.html': '<html><head><title>Обыск</title></head><body><p>В Твери прошёл обыск.</p></body></html>',
      'news_files/style.css': 'body { color: black }',
      'news_files/app.js': 'console.log(1)',
      'report.txt': 'Суд арестовал активиста.',
      // Telegram Desktop's HTML export, zipped: its look is left out, the chat's photos are read.
      'ChatExport/messages.html': '<div class="page_wrap"></div>',
      'ChatExport/css/style.css': '.message {}',
      'ChatExport/js/script.js': 'void 0',
      'ChatExport/images/back.txt': 'x',
      'ChatExport/photos/note.txt': 'Фото протокола.',
      // A folder named like one, with no page beside it, is read.
      'other_files/readme.txt': 'Заметка.',
    });
    const doc = await parseDocumentInProcess(zip);
    expect(doc.children.map((c) => c.name)).toEqual([
      'news.html',
      'report.txt',
      'ChatExport/messages.html',
      'ChatExport/photos/note.txt',
      'other_files/readme.txt',
    ]);
    expect(doc.warnings).toEqual([
      'news_files/ is kept in the archive, not read: what a saved page loads (2 files)',
      'ChatExport/css/ is kept in the archive, not read: what a saved page loads (1 file)',
      'ChatExport/js/ is kept in the archive, not read: what a saved page loads (1 file)',
      'ChatExport/images/ is kept in the archive, not read: what a saved page loads (1 file)',
    ]);
    expect(doc.metadata.notRead).toContainEqual({ name: 'news_files/', reason: 'what a saved page loads (2 files)' });
  });
});
