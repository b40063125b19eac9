import { readFileSync } from 'node:fs';
import CFB from 'cfb';
import { describe, expect, it } from 'vitest';
import { describeUnsupported, detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/office/${name}`, import.meta.url)));

/** An OLE container holding the given streams, as Excel, Outlook or a damaged Word file would be. */
function oleContainer(streams: Record<string, Uint8Array>): Uint8Array {
  const container = CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(container, name, content);
  return new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
}

describe('Word 97–2003 documents (.doc)', () => {
  it('are read: body, table and footnote, without the page header; title, author and date from the properties', async () => {
    const doc = await parseDocumentInProcess(fixture('letter.doc'), { fileName: 'letter.doc' });
    expect(doc.mediaType).toBe('application/msword');
    expect(doc.text).toBe(
      [
        'В Ленинский районный суд г. Саратова',
        'Подзащитный Пётр Вымышленный задержан 3 марта и помещён в ИВС.',
        'Прошу отменить постановление об аресте — см. материалы дела № 3/1-45/2024.',
        'Статья 212.2',
        'Адвокат Е. Сомова',
        'Протокол задержания от 03.03.2024.',
      ].join('\n\n'),
    );
    expect(doc.language).toBe('ru');
    expect(doc.title).toBe('Жалоба на арест');
    expect(doc.author).toBe('Адвокат Сомова');
    expect(doc.metadata).toMatchObject({ created: '2024-03-05T10:30:00.000Z' });
    expect(doc.warnings).toEqual([]);
  });

  it('give a photographed page pasted into them as a part of its own, and their logos and letters none', async () => {
    const doc = await parseDocumentInProcess(fixture('photo.doc'));
    expect(doc.text).toBe('Постановление суда — на фотографии ниже.');
    expect(doc.children.map((child) => [child.name, child.relation, child.bytes.subarray(0, 3)])).toEqual([
      ['image1.jpeg', 'part', new Uint8Array([0xff, 0xd8, 0xff])],
    ]);
    // The letter from the same folder has a header and a table, and no picture.
    expect((await parseDocumentInProcess(fixture('letter.doc'))).children).toEqual([]);
  });

  it('keep their typographic quotes and dashes in 8-bit text', async () => {
    const doc = await parseDocumentInProcess(fixture('notice.doc'));
    expect(doc.text).toBe(
      'On 12 March the court in Kazan will hear the appeal of Ivan Madeup, detained on 3 March after a picket.\n\n' +
        'His lawyer said the “evidence” was a single photograph.',
    );
    expect(doc.language).toBe('en');
    expect(doc.title).toBe('Hearing notice');
  });

  it('are told from other OLE files by their Word stream, whatever they are named', () => {
    expect(detectMediaType(fixture('letter.doc'), 'letter.txt')).toBe(MEDIA_TYPES.doc);
    const workbook = oleContainer({ Workbook: new Uint8Array(600).fill(1) });
    expect(detectMediaType(workbook, 'table.doc')).toBe(MEDIA_TYPES.xls);
    const slides = oleContainer({ 'PowerPoint Document': new Uint8Array(600).fill(1) });
    expect(detectMediaType(slides, 'talk.doc')).toBe(MEDIA_TYPES.unknown);
    expect(describeUnsupported(slides)).toMatch(/^legacy Office document that is damaged, or neither Word, Excel nor/);
  });

  it('that are damaged are refused with the reason, as any unreadable file is', async () => {
    const damaged = oleContainer({ WordDocument: new Uint8Array(600).fill(7) });
    await expect(parseDocumentInProcess(damaged)).rejects.toThrow(/^Word document could not be read/);
  });
});
