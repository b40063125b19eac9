import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeZip } from '../../../test/fixtures/documents.js';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';

const P = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A slide of text boxes, each a list of paragraphs, each paragraph a list of runs. */
const slide = (boxes: string[][][]) =>
  `<?xml version="1.0"?><p:sld ${P} ${A}><p:cSld><p:spTree>${boxes
    .map(
      (paragraphs) =>
        `<p:sp><p:txBody>${paragraphs.map((runs) => `<a:p>${runs.map((r) => `<a:r><a:t>${r}</a:t></a:r>`).join('')}</a:p>`).join('')}</p:txBody></p:sp>`,
    )
    .join('')}</p:spTree></p:cSld></p:sld>`;

function pptx(slides: Record<string, string>, order: string[]): Uint8Array {
  return makeZip({
    '[Content_Types].xml': '<Types/>',
    'ppt/presentation.xml': `<?xml version="1.0"?><p:presentation ${P} ${R}><p:sldIdLst>${order.map((_, i) => `<p:sldId id="${256 + i}" r:id="rId${i + 2}"/>`).join('')}</p:sldIdLst></p:presentation>`,
    'ppt/_rels/presentation.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="slideMasters/slideMaster1.xml"/>${order.map((name, i) => `<Relationship Id="rId${i + 2}" Target="slides/${name}"/>`).join('')}</Relationships>`,
    'ppt/slideMasters/slideMaster1.xml': slide([[['Образец заголовка']]]),
    'docProps/core.xml': `<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Итоги года</dc:title><dc:creator>Выдуманный центр</dc:creator></cp:coreProperties>`,
    ...Object.fromEntries(Object.entries(slides).map(([name, xml]) => [`ppt/slides/${name}`, xml])),
  });
}

describe('presentations', () => {
  it('read a PowerPoint file slide by slide in the order it shows them, without masters', async () => {
    const bytes = pptx(
      {
        'slide1.xml': slide([[['Задержания в 2024 году']], [['Пермь: '], ['Пётр Вымышленный']]]),
        'slide2.xml': slide([[['Итоги']], [['Суд арестовал ', 'Анну Небывалую', '.']]]),
      },
      ['slide2.xml', 'slide1.xml'],
    );
    expect(detectMediaType(bytes, 'итоги.pptx')).toBe(MEDIA_TYPES.pptx);
    const doc = await parseDocumentInProcess(bytes);
    expect(doc).toMatchObject({
      title: 'Итоги года',
      author: 'Выдуманный центр',
      language: 'ru',
      metadata: { slideCount: 2 },
    });
    expect(doc.text).toBe('Итоги\nСуд арестовал Анну Небывалую.\n\nЗадержания в 2024 году\nПермь:\nПётр Вымышленный');
  });

  it('read a LibreOffice presentation (.odp) as its frames’ paragraphs, its pictures left in it', async () => {
    const bytes = makeZip({
      mimetype: 'application/vnd.oasis.opendocument.presentation',
      'content.xml': `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"><office:body><office:presentation><draw:page><draw:frame><draw:text-box><text:p>Обыски в Казани</text:p></draw:text-box></draw:frame></draw:page></office:presentation></office:body></office:document-content>`,
      'Pictures/photo.jpg': new Uint8Array(
        readFileSync(new URL('../../../test/fixtures/images/scan.jpg', import.meta.url)),
      ),
    });
    expect(detectMediaType(bytes, 'доклад.odp')).toBe(MEDIA_TYPES.odp);
    const doc = await parseDocumentInProcess(bytes);
    expect(doc.text).toBe('Обыски в Казани');
    expect(doc.children).toEqual([]);
  });

  it('refuses a part that declares entities', async () => {
    const laughs = pptx({ 'slide1.xml': '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>' }, [
      'slide1.xml',
    ]);
    await expect(parseDocumentInProcess(laughs)).rejects.toThrow('PPTX part ppt/slides/slide1.xml declares a DTD');
  });
});
