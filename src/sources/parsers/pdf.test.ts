import { describe, expect, it } from 'vitest';
import { cyrillicFontPath, makePdf, makeScannedPdf } from '../../../test/fixtures/documents.js';
import { parseDocumentInProcess } from '../parse.js';
import { pdfDate } from './pdf.js';

describe('PDF', () => {
  it('reads the text layer and repairs printed line breaks', async () => {
    const pdf = await makePdf({
      title: 'Monthly report',
      author: 'Example Watch',
      pages: [
        [
          'Yesterday in Saratov',
          'police detained two activists, Oleg Inventov and Maria Fictiva, who were',
          'protesting against the war. Officers were detain-',
          'ing people for hours, a pro-',
          'democracy group said.',
          '',
          'A court later fined both of them.',
        ],
      ],
    });
    const doc = await parseDocumentInProcess(pdf);
    expect(doc).toMatchObject({
      mediaType: 'application/pdf',
      title: 'Monthly report',
      author: 'Example Watch',
      publishedAt: '2024-03-05T10:00:00.000Z',
      needsOcr: false,
      language: 'en',
    });
    expect(doc.text).toBe(
      'Yesterday in Saratov police detained two activists, Oleg Inventov and Maria Fictiva, who were protesting ' +
        'against the war. Officers were detaining people for hours, a pro-democracy group said.\n\n' +
        'A court later fined both of them.',
    );
    expect(doc.metadata).toMatchObject({ pageCount: 1 });
  });

  it.skipIf(!cyrillicFontPath)('reads Cyrillic and re-joins Russian hyphenation across a page break', async () => {
    const pdf = await makePdf({
      cyrillic: true,
      pages: [
        ['Вчера в Саратове полиция задер-', 'жала активиста Петра Выдуманного у', '1'],
        ['здания администрации в Ростове-на-', 'Дону, сообщила пресс-', 'служба.'],
      ],
    });
    const doc = await parseDocumentInProcess(pdf);
    expect(doc.text).toBe(
      'Вчера в Саратове полиция задержала активиста Петра Выдуманного у здания администрации в Ростове-на-Дону, ' +
        'сообщила пресс-служба.',
    );
    expect(doc).toMatchObject({ language: 'ru', metadata: { pageCount: 2 } });
  });

  it('keeps a PDF without a text layer and flags it for OCR', async () => {
    const doc = await parseDocumentInProcess(await makeScannedPdf(3));
    expect(doc).toMatchObject({ mediaType: 'application/pdf', text: '', needsOcr: true, metadata: { pageCount: 3 } });
    expect(doc.warnings.join(' ')).toMatch(/OCR/);
  });

  it('fails with PARSE_FAILED on a truncated PDF', async () => {
    const pdf = await makePdf({ pages: [['Hello world']] });
    await expect(parseDocumentInProcess(pdf.subarray(0, 40))).rejects.toMatchObject({ code: 'PARSE_FAILED' });
  });
});

describe('pdfDate', () => {
  it('reads PDF dates with and without offsets', () => {
    expect(pdfDate('D:20240102030405Z')).toBe('2024-01-02T03:04:05.000Z');
    expect(pdfDate("D:20240102030405+03'00'")).toBe('2024-01-02T00:04:05.000Z');
    expect(pdfDate('D:2024')).toBe('2024-01-01T00:00:00.000Z');
    expect(pdfDate('garbage')).toBeNull();
  });

  it('drops a day or a time no calendar has, which Date rolls over', () => {
    expect(pdfDate('D:20240230120000Z')).toBeNull();
    expect(pdfDate('D:20241301')).toBeNull();
    expect(pdfDate('D:20240301240000Z')).toBeNull();
    expect(pdfDate('D:20240229235959Z')).toBe('2024-02-29T23:59:59.000Z');
  });
});
