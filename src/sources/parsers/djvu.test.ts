import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../test/fixtures/documents.js';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';
import { onPath } from '../programs.js';
import { djvuPageCount, djvuTextLayerPages } from './djvu.js';

const image = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/images/${name}`, import.meta.url)));

describe('DjVu scans', () => {
  it('are told by their content and kept for OCR, their pages counted', async () => {
    const document = image('scan-2-pages.djvu');
    expect(detectMediaType(document, 'дело.pdf')).toBe(MEDIA_TYPES.djvu);
    const doc = await parseDocumentInProcess(document);
    expect(doc).toMatchObject({
      mediaType: MEDIA_TYPES.djvu,
      text: '',
      needsOcr: true,
      metadata: { pageCount: 2 },
      warnings: ['a scanned document (DjVu): its text needs OCR or a transcription'],
    });
    expect(djvuPageCount(image('scan.djvu'))).toBe(1);
  });

  it('refuse an indirect document, whose pages are files beside it, and are not taken from text', async () => {
    // FORM:DJVM holding only its directory (DIRM): the pages are elsewhere.
    const dirm = [...utf8('DIRM'), 0, 0, 0, 4, 0x01, 0, 2, 0];
    const form = [...utf8('FORM'), 0, 0, 0, 4 + dirm.length, ...utf8('DJVM'), ...dirm];
    const indirect = Uint8Array.from([...utf8('AT&T'), ...form]);
    await expect(parseDocumentInProcess(indirect)).rejects.toMatchObject({
      code: 'UNSUPPORTED_TYPE',
      message: expect.stringContaining('an indirect DjVu document'),
    });
    expect(detectMediaType(utf8('AT&TFORM is how a DjVu file begins, as text.'))).toBe(MEDIA_TYPES.text);
  });

  it('have the text layer djvutxt prints read page by page, its escapes undone', () => {
    const printed = utf8(
      '(page 0 0 2550 3300 \n  "ПОСТАНОВЛЕНИЕ\\nСуд: \\"арест\\" \\\\ \\320\\241\\321\\203\\320\\264\\t1" )\n()\n(page 0 0 1 1 "")\n',
    );
    expect(djvuTextLayerPages(printed)).toEqual(['ПОСТАНОВЛЕНИЕ\nСуд: "арест" \\ Суд\t1', null, null]);
    expect(djvuTextLayerPages(utf8(''))).toEqual([]);
    // Cut off inside a page: that page is not taken.
    expect(djvuTextLayerPages(utf8('(page 0 0 1 1 "Суд"'))).toEqual([]);
  });

  it.skipIf(!onPath('djvutxt'))('are read from their own text layer where every page has one', async () => {
    const doc = await parseDocumentInProcess(image('text-layer.djvu'));
    expect(doc).toMatchObject({
      mediaType: MEDIA_TYPES.djvu,
      text: 'Уведомление (из текстового слоя)\nСуд назначил заседание по делу Мирона Слоистого на 12 марта.',
      needsOcr: false,
      language: 'ru',
      metadata: { pageCount: 1, textLayer: 'djvutxt' },
      warnings: [],
    });
    // A layer on one page of two: the document is a scan still, for OCR to read the other page.
    expect(await parseDocumentInProcess(image('scan-text-layer.djvu'))).toMatchObject({ text: '', needsOcr: true });
  });
});
