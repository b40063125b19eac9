import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeDocx, makeZip } from '../../../test/fixtures/documents.js';
import { parseDocumentInProcess } from '../parse.js';

describe('DOCX', () => {
  it('reads paragraphs and core properties', async () => {
    const docx = await makeDocx({
      title: 'Справка о задержании',
      creator: 'Правозащитный центр «Пример»',
      paragraphs: ['5 марта 2024 года в Казани задержан Олег Выдуманный.', 'Ему вменяют статью 280.3 УК РФ.'],
    });
    const doc = await parseDocumentInProcess(docx, { fileName: 'справка.docx' });
    expect(doc).toMatchObject({
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      text: '5 марта 2024 года в Казани задержан Олег Выдуманный.\n\nЕму вменяют статью 280.3 УК РФ.',
      title: 'Справка о задержании',
      author: 'Правозащитный центр «Пример»',
      language: 'ru',
      isContainer: false,
    });
  });

  it('reads footnotes and endnotes after the body, numbered, without Word’s separators', async () => {
    const body = await makeDocx({ paragraphs: ['Суд приговорил Ивана Придуманова к 5 годам.'] });
    const { unzipSync } = await import('fflate');
    const parts = unzipSync(body);
    const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const note = (kind: string, id: number, inner: string, type = '') =>
      `<w:${kind} w:id="${id}"${type ? ` w:type="${type}"` : ''}>${inner}</w:${kind}>`;
    const p = (...runs: string[]) => `<w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>${runs.join('')}</w:p>`;
    const t = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
    parts['word/footnotes.xml'] = new TextEncoder().encode(
      `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ${w}>${note('footnote', -1, p('<w:r><w:separator/></w:r>'), 'separator')}${note('footnote', 0, p('<w:r><w:continuationSeparator/></w:r>'), 'continuationSeparator')}${note('footnote', 1, p(t('Постановление Пленума ВС РФ &#8470; 11 &amp; ч. 2 ст. 280.3')))}${note('footnote', 2, p(t('Первый абзац.')) + p(t('Второй'), '<w:r><w:tab/></w:r>', t('абзац.')))}</w:footnotes>`,
    );
    parts['word/endnotes.xml'] = new TextEncoder().encode(
      `<?xml version="1.0" encoding="UTF-8"?><w:endnotes ${w}>${note('endnote', 1, p(t('Концевая сноска: 5 марта 2024 года.')))}</w:endnotes>`,
    );
    const doc = await parseDocumentInProcess(makeZip(parts), { fileName: 'приговор.docx' });
    expect(doc.text).toBe(
      'Суд приговорил Ивана Придуманова к 5 годам.\n\n[1] Постановление Пленума ВС РФ № 11 & ч. 2 ст. 280.3\n\n' +
        '[2] Первый абзац.\nВторой абзац.\n\n[1] Концевая сноска: 5 марта 2024 года.',
    );
  });

  it('makes each photographed page pasted into it a part of its own, leaving logos and drawings in the document', async () => {
    const body = await makeDocx({ paragraphs: ['Решение суда — на фотографиях ниже.'] });
    const { unzipSync } = await import('fflate');
    const parts = unzipSync(body);
    const image = (name: string) =>
      new Uint8Array(readFileSync(new URL(`../../../test/fixtures/images/${name}`, import.meta.url)));
    parts['word/media/image10.png'] = image('scan.png');
    parts['word/media/image2.png'] = image('ocr-ru.png');
    parts['word/media/image1.png'] = image('logo.png');
    parts['word/media/image3.emf'] = new Uint8Array([1, 0, 0, 0, 0x6c, 0, 0, 0]);
    const doc = await parseDocumentInProcess(makeZip(parts), { fileName: 'решение.docx' });
    expect(doc.text).toBe('Решение суда — на фотографиях ниже.');
    expect(doc.children.map((child) => [child.name, child.relation, child.bytes.length])).toEqual([
      ['image2.png', 'part', image('ocr-ru.png').length],
      ['image10.png', 'part', image('scan.png').length],
    ]);
  });

  it('refuses a DOCX whose XML declares entities (billion laughs)', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>';
    const docx = makeZip({
      '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      'word/document.xml': laughs,
    });
    await expect(parseDocumentInProcess(docx)).rejects.toMatchObject({ code: 'PARSE_FAILED' });
  });

  it('refuses a DOCX whose document part inflates past the limit before mammoth sees it', async () => {
    const huge = `<w:document>${'<w:p/>'.repeat(400_000)}</w:document>`;
    const docx = makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': huge });
    await expect(parseDocumentInProcess(docx, { limits: { maxExpandedBytes: 1024 * 1024 } })).rejects.toMatchObject({
      code: 'DECOMPRESSION_LIMIT',
    });
  });

  it('fails with PARSE_FAILED on a DOCX without its document part', async () => {
    const fake = makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': 'not xml at all <<<' });
    await expect(parseDocumentInProcess(fake)).rejects.toMatchObject({ code: 'PARSE_FAILED' });
  });
});
