import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeZip } from '../../../test/fixtures/documents.js';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';

const NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
].join(' ');

function odt(body: string, meta = '', mimetype = 'application/vnd.oasis.opendocument.text'): Uint8Array {
  return makeZip({
    mimetype,
    'content.xml': `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NAMESPACES}><office:body><office:text>${body}</office:text></office:body></office:document-content>`,
    'meta.xml': `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${NAMESPACES}><office:meta>${meta}</office:meta></office:document-meta>`,
    'styles.xml': `<office:document-styles ${NAMESPACES}><text:p>Колонтитул</text:p></office:document-styles>`,
  });
}

describe('OpenDocument text (.odt)', () => {
  it('is read as LibreOffice saves it: body, table and footnote, without the page header', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../test/fixtures/office/letter.odt', import.meta.url)));
    expect(detectMediaType(bytes, 'letter.zip')).toBe(MEDIA_TYPES.odt);
    const doc = await parseDocumentInProcess(bytes);
    expect(doc.text).toBe(
      [
        'В Ленинский районный суд г. Саратова',
        'Подзащитный Пётр Вымышленный задержан 3 марта и помещён в ИВС.',
        'Прошу отменить постановление об аресте — см. материалы дела № 3/1-45/2024.',
        'Статья 212.2\nАдвокат Е. Сомова',
        '[1] Протокол задержания от 03.03.2024.',
      ].join('\n\n'),
    );
    expect(doc.language).toBe('ru');
    expect(doc.title).toBe('Жалоба на арест');
    expect(doc.author).toBe('Адвокат Сомова');
    expect(doc.metadata).toMatchObject({ created: '2024-03-05T10:30:00.000Z' });
  });

  it('writes out spaces, tabs, breaks, list items and text boxes; leaves out comments, deletions and indexes', async () => {
    const doc = await parseDocumentInProcess(
      odt(
        [
          '<text:table-of-content><text:index-body><text:p>Оглавление 1</text:p></text:index-body></text:table-of-content>',
          '<text:tracked-changes><text:changed-region><text:deletion><text:p>удалённый текст</text:p></text:deletion>',
          '</text:changed-region></text:tracked-changes>',
          '<text:h>Обыск</text:h>',
          '<text:p>Дело<text:s text:c="3"/>№ 1<text:tab/>от 3 марта<text:line-break/>второй строкой',
          '<office:annotation><dc:creator>Редактор</dc:creator><text:p>проверить дату</text:p></office:annotation>.</text:p>',
          '<text:list><text:list-item><text:p>первый пункт</text:p></text:list-item>',
          '<text:list-item><text:p>второй<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation>',
          '<text:note-body><text:p>Примечание.</text:p></text:note-body></text:note> пункт</text:p></text:list-item></text:list>',
          '<draw:frame><svg:title>Рисунок</svg:title><draw:text-box><text:p>Подпись к фото</text:p></draw:text-box></draw:frame>',
          '<text:p><![CDATA[a < b]]></text:p>',
        ].join(''),
        '<dc:title>Обыск</dc:title><dc:creator>Редактор</dc:creator><dc:date>2024-03-06T09:00:00</dc:date>',
      ),
    );
    expect(doc.text).toBe(
      [
        'Обыск',
        'Дело № 1 от 3 марта\nвторой строкой.',
        'первый пункт',
        'второй пункт',
        'Подпись к фото',
        'a < b',
        '[1] Примечание.',
      ].join('\n\n'),
    );
    expect(doc.title).toBe('Обыск');
    // No initial creator: the last editor stands for the author.
    expect(doc.author).toBe('Редактор');
    expect(doc.metadata).toMatchObject({ modified: '2024-03-06T09:00:00.000Z' });
  });

  it('reads a flat ODT (.fodt) as the ZIP it was saved from: no styles, settings, header or properties in its text', async () => {
    const fixture = (name: string) =>
      new Uint8Array(readFileSync(new URL(`../../../test/fixtures/office/${name}`, import.meta.url)));
    const saved = fixture('letter-saved.fodt');
    expect(detectMediaType(saved, 'letter.xml')).toBe('application/vnd.oasis.opendocument.text-flat-xml');
    const [fromFlat, fromZip, handWritten] = await Promise.all([
      parseDocumentInProcess(saved),
      parseDocumentInProcess(fixture('letter.odt')),
      parseDocumentInProcess(fixture('letter.fodt')),
    ]);
    expect(fromFlat.text).toBe(fromZip.text);
    expect(handWritten.text).toBe(fromZip.text);
    expect(fromFlat).toMatchObject({ title: 'Жалоба на арест', author: 'Адвокат Сомова', language: 'ru' });
    expect(fromFlat.metadata).toEqual(fromZip.metadata);
  });

  it('leaves a flat ODT’s embedded charts and base64 pictures out, and refuses one that declares entities', async () => {
    const flat = (body: string, prolog = '') =>
      new TextEncoder().encode(
        `<?xml version="1.0"?>${prolog}<office:document ${NAMESPACES} office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>${body}</office:text></office:body></office:document>`,
      );
    const doc = await parseDocumentInProcess(
      flat(
        '<text:p>\n      Обыск у Анны\n      Небывалой.<draw:frame><draw:image><office:binary-data>iVBORw0KGgo=</office:binary-data></draw:image></draw:frame></text:p>' +
          '<draw:frame><draw:object><office:document><office:body><office:chart><table:table><table:table-row><table:table-cell><text:p>42</text:p></table:table-cell></table:table-row></table:table></office:chart></office:body></office:document></draw:object></draw:frame>',
      ),
    );
    expect(doc.text).toBe('Обыск у Анны Небывалой.');
    await expect(
      parseDocumentInProcess(flat('<text:p>x</text:p>', '<!DOCTYPE d [<!ENTITY a "aaaa">]>')),
    ).rejects.toThrow('the flat ODT declares a DTD');
  });

  it('makes a photographed page in its Pictures a part of its own', async () => {
    const scan = new Uint8Array(readFileSync(new URL('../../../test/fixtures/images/scan.jpg', import.meta.url)));
    const bytes = makeZip({
      mimetype: 'application/vnd.oasis.opendocument.text',
      'content.xml': `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NAMESPACES}><office:body><office:text><text:p>Постановление — на фото.</text:p></office:text></office:body></office:document-content>`,
      'Pictures/10000000000002580000032077A5.jpg': scan,
    });
    const doc = await parseDocumentInProcess(bytes);
    expect(doc.children.map((child) => [child.name, child.relation])).toEqual([
      ['10000000000002580000032077A5.jpg', 'part'],
    ]);
  });

  it('keeps the other OpenDocument kinds refused, and refuses a part with a DTD', async () => {
    expect(detectMediaType(odt('<text:p>x</text:p>', '', 'application/vnd.oasis.opendocument.graphics'))).toBe(
      MEDIA_TYPES.unknown,
    );
    const laughs = makeZip({
      mimetype: 'application/vnd.oasis.opendocument.text',
      'content.xml': '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>',
    });
    await expect(parseDocumentInProcess(laughs)).rejects.toThrow('ODT part content.xml declares a DTD');
    const broken = makeZip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<a><b></a>' });
    await expect(parseDocumentInProcess(broken)).rejects.toThrow(/^ODT content could not be read/);
  });
});
