import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../test/fixtures/documents.js';
import { parseDocumentInProcess } from '../parse.js';

describe('plain text and Markdown', () => {
  it('keeps plain text exactly as in the file, BOM removed, CRLF kept', async () => {
    const text = 'Сегодня в Уфе\r\nзадержали  Олега Выдуманного.\r\n';
    const doc = await parseDocumentInProcess(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]));
    expect(doc).toMatchObject({ mediaType: 'text/plain', text, encoding: 'utf-8', language: 'ru', isContainer: false });
  });

  it('decodes Windows-1251 and KOI8-R files', async () => {
    const text = 'Суд арестовал Анну Вымышленную на два месяца.';
    expect(await parseDocumentInProcess(iconv.encode(text, 'windows-1251'))).toMatchObject({
      text,
      encoding: 'windows-1251',
      language: 'ru',
    });
    expect(await parseDocumentInProcess(iconv.encode(text, 'koi8-r'))).toMatchObject({ text, encoding: 'koi8-r' });
  });

  it('reads UTF-16 with a BOM', async () => {
    const text = 'Police detained Oleg Inventov in Kazan.';
    const doc = await parseDocumentInProcess(new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf-16le')]));
    expect(doc).toMatchObject({ text, encoding: 'utf-16le', language: 'en' });
  });

  it('does not crash on invalid UTF-8 and warns about replaced bytes', async () => {
    const doc = await parseDocumentInProcess(new Uint8Array([...utf8('Задержан активист. '.repeat(5)), 0xc3, 0x28]));
    expect(doc.text).toContain('\ufffd');
    expect(doc.warnings.length).toBeGreaterThan(0);
  });

  it('keeps Markdown as written and takes the first heading as title', async () => {
    const md = '# Обыск у Анны Вымышленной\n\n- **Когда:** 3 марта\n- [Источник](https://example.org/x)\n';
    const doc = await parseDocumentInProcess(utf8(md), { fileName: 'note.md' });
    expect(doc).toMatchObject({ mediaType: 'text/markdown', text: md, title: 'Обыск у Анны Вымышленной' });
  });

  it('refuses an empty file and one of blank space, which no report is', async () => {
    await expect(parseDocumentInProcess(new Uint8Array())).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'the file is empty (0 bytes): nothing to store',
    });
    for (const blank of [' \n\t\r\n', '\uFEFF  \n', '\u00a0\n'])
      await expect(
        parseDocumentInProcess(new TextEncoder().encode(blank)),
        JSON.stringify(blank),
      ).rejects.toMatchObject({
        code: 'VALIDATION',
        message: 'the file holds only blank space: nothing to store',
      });
    expect((await parseDocumentInProcess(new TextEncoder().encode(' x '))).text.trim()).toBe('x');
  });
});
