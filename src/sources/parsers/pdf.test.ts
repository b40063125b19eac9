import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cyrillicFontPath, makePdf, makePdfWithLyingFont, makeScannedPdf } from '../../../test/fixtures/documents.js';
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

  it('drops the running head and foot of the pages, so a sentence over a page break reads whole', async () => {
    const head = (n: number) => `District Court of Testograd, case 1-234/2024, sheet ${n}`;
    const pdf = await makePdf({
      pages: [
        [head(1), '', 'The court heard the case of Oleg Inventov, who was', 'Page 1 of 3'],
        [head(2), '', 'detained in Saratov on 5 March. The prosecutor asked for', 'Page 2 of 3'],
        [head(3), '', 'six years in a penal colony.', '', 'Judge Maria Fictiva', 'Page 3 of 3'],
      ],
    });
    const doc = await parseDocumentInProcess(pdf);
    expect(doc.text).toBe(
      'District Court of Testograd, case 1-234/2024, sheet 1\n\n' +
        'The court heard the case of Oleg Inventov, who was detained in Saratov on 5 March. The prosecutor asked ' +
        'for six years in a penal colony.\nJudge Maria Fictiva',
    );
  });

  it('keeps a line that heads only two pages, and drops page numbers written 2/4, - 3 - and p. 4', async () => {
    const pdf = await makePdf({
      pages: [
        ['Statement of the press service', '', 'Police detained Ivan Testov', '2/4'],
        ['outside the court. Statement of the press service', 'continues here.', '- 3 -'],
        ['A second statement', '', 'was published later.', 'p. 4'],
        ['Statement of the press service', '', 'Nothing more happened.'],
      ],
    });
    const doc = await parseDocumentInProcess(pdf);
    // Two of four pages begin alike: a running line heads at least three, and half of them.
    expect(doc.text).toBe(
      'Statement of the press service\n\nPolice detained Ivan Testov outside the court. Statement of the press ' +
        'service continues here.\nA second statement\n\nwas published later.\nStatement of the press service\n\n' +
        'Nothing more happened.',
    );
  });

  it.skipIf(!cyrillicFontPath)('drops Russian page numbers at a page break («Страница 2 из 3»)', async () => {
    const pdf = await makePdf({
      cyrillic: true,
      pages: [
        ['Сотрудники полиции задержали активиста у здания', 'Страница 1 из 2'],
        ['суда в понедельник.', 'стр. 2 из 2'],
      ],
    });
    const doc = await parseDocumentInProcess(pdf);
    expect(doc.text).toBe('Сотрудники полиции задержали активиста у здания суда в понедельник.');
  });

  it.skipIf(!cyrillicFontPath)(
    'drops the running head of a two-page PDF, so a word hyphenated over the page break reads whole',
    async () => {
      const pdf = await makePdf({
        cyrillic: true,
        runningHead: 'Дело № 1-234/2024 — Ленинский районный суд',
        pages: [
          ['Подсудимый Аркадий Вымыслов был задержан', 'сотрудниками Центра «Э» и доставлен в изо-', 'Страница 1 из 2'],
          ['лятор временного содержания, где провёл', 'двое суток без доступа к адвокату.', 'Страница 2 из 2'],
        ],
      });
      const doc = await parseDocumentInProcess(pdf);
      expect(doc.text).toBe(
        'Дело № 1-234/2024 — Ленинский районный суд Подсудимый Аркадий Вымыслов был задержан сотрудниками Центра «Э» ' +
          'и доставлен в изолятор временного содержания, где провёл двое суток без доступа к адвокату.',
      );
    },
  );

  it.skipIf(!cyrillicFontPath)('drops a running head and foot set apart by a blank line on two pages', async () => {
    const head = 'Правозащитный центр «Вымысел» — бюллетень № 7';
    const foot = 'vymysel.example — горячая линия 8 800 000-00-00';
    const pdf = await makePdf({
      cyrillic: true,
      pages: [
        [head, '', 'Сотрудники полиции задержали активиста у здания', '', foot],
        [head, '', 'суда в понедельник.', '', foot],
      ],
    });
    const doc = await parseDocumentInProcess(pdf);
    expect(doc.text).toBe(`${head}\n\nСотрудники полиции задержали активиста у здания суда в понедельник.\n\n${foot}`);
  });

  it.skipIf(!cyrillicFontPath)(
    'keeps what begins both pages of a two-page PDF when it is not a running head: another line, a date, a body line',
    async () => {
      const pages = (first: string, second: string, apart: boolean) => [
        [first, ...(apart ? [''] : []), 'Полицейские задержали Ивана Тестова.'],
        [second, ...(apart ? [''] : []), 'Суд арестовал Петра Примерова.'],
      ];
      const text = async (first: string, second: string, apart: boolean) =>
        (await parseDocumentInProcess(await makePdf({ cyrillic: true, pages: pages(first, second, apart) }))).text;
      expect(await text('Заявление пресс-службы', 'Ответ прокуратуры', true)).toBe(
        'Заявление пресс-службы\n\nПолицейские задержали Ивана Тестова.\nОтвет прокуратуры\n\n' +
          'Суд арестовал Петра Примерова.',
      );
      // The same once numbers are masked, and set apart, but a date: each page's own heading.
      expect(await text('12 марта 2024 года', '14 марта 2024 года', true)).toBe(
        '12 марта 2024 года\n\nПолицейские задержали Ивана Тестова.\n14 марта 2024 года\n\n' +
          'Суд арестовал Петра Примерова.',
      );
      // The same words, but in the body's type and spacing: a line of the body, as in a form filled in twice.
      expect(await text('В отдел полиции доставлены двое:', 'В отдел полиции доставлены двое:', false)).toBe(
        'В отдел полиции доставлены двое:\nПолицейские задержали Ивана Тестова.\nВ отдел полиции доставлены двое:\n' +
          'Суд арестовал Петра Примерова.',
      );
    },
  );

  it('keeps a PDF without a text layer and flags it for OCR', async () => {
    const doc = await parseDocumentInProcess(await makeScannedPdf(3));
    expect(doc).toMatchObject({ mediaType: 'application/pdf', text: '', needsOcr: true, metadata: { pageCount: 3 } });
    expect(doc.warnings.join(' ')).toMatch(/OCR/);
  });

  it('says which pages of a typed PDF have no text, so a scanned page among them is read in the original', async () => {
    const pages = [
      ['Yesterday in Saratov police detained two activists at a picket near the court.'],
      [],
      ['The court ordered both of them held for two months pending trial.'],
      ['Their lawyer said he would appeal the decision on Monday.'],
    ];
    const doc = await parseDocumentInProcess(await makePdf({ pages }));
    expect(doc).toMatchObject({ needsOcr: false, metadata: { pagesWithoutText: 1 } });
    expect(doc.warnings).toEqual(['page 2 of 4 has no text (a scan, or blank): read it in the original']);
  });

  it('makes the photo of a scanned page among typed ones a part of its own, for OCR, leaving the text as typed', async () => {
    const scan = new Uint8Array(readFileSync(new URL('../../../test/fixtures/images/scan.jpg', import.meta.url)));
    const { PDFDocument, StandardFonts } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const typed = [
      'The court heard the case of two activists detained at a picket.',
      'The protocol of their detention is attached as the next page.',
      'Their lawyer said he would appeal the decision on Monday.',
    ];
    for (const [index, line] of typed.entries()) {
      doc.addPage([595, 842]).drawText(line, { x: 50, y: 780, size: 11, font });
      if (index === 1) {
        const image = await doc.embedJpg(scan);
        doc
          .addPage([image.width, image.height])
          .drawImage(image, { x: 0, y: 0, width: image.width, height: image.height });
      }
    }
    const parsed = await parseDocumentInProcess(await doc.save());
    expect(parsed).toMatchObject({ needsOcr: false, metadata: { pagesWithoutText: 1 } });
    expect(parsed.text).toContain('attached as the next page.');
    expect(parsed.children.map((child) => [child.name, child.relation, child.bytes.length])).toEqual([
      ['page-3.jpg', 'part', scan.length],
    ]);
    expect(parsed.warnings).toEqual(['page 3 of 4, a scan among typed pages, is a part of its own, for OCR']);
  });

  it('reads back a Russian text layer written in Windows-1251 under a Latin font, and says so', async () => {
    const pdf = await makePdfWithLyingFont('cp1251-as-latin', [
      ['Суд арестовал Петра Вымышленного', 'на два месяца по делу № 3/1-45/2024.'],
    ]);
    const doc = await parseDocumentInProcess(pdf);
    expect(doc).toMatchObject({
      text: 'Суд арестовал Петра Вымышленного на два месяца по делу № 3/1-45/2024.',
      language: 'ru',
      needsOcr: false,
      metadata: { pagesReadBackFromWindows1251: [1] },
    });
    expect(doc.warnings).toEqual([
      'the text layer of page 1 was written in Windows-1251 under a Latin font ("Ñóä" for «Суд»): read back as Cyrillic',
    ]);
  });

  it.skipIf(!cyrillicFontPath)(
    'leaves out a text layer of glyph numbers, and sends the PDF to OCR when most pages have one',
    async () => {
      const lines = ['Суд арестовал Петра Вымышленного', 'на два месяца по делу № 3/1-45/2024.'];
      const broken = await parseDocumentInProcess(await makePdfWithLyingFont('no-unicode-map', [lines, lines]));
      expect(broken).toMatchObject({ text: '', needsOcr: true, metadata: { pagesWithUnreadableTextLayer: [1, 2] } });
      expect(broken.warnings).toEqual([
        'the text layer of pages 1, 2 gives glyph numbers, not letters (a font without a Unicode map): left out',
        'PDF has no text layer on most pages; OCR is needed',
      ]);
    },
  );

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
