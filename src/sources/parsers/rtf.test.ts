import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ChronicleError } from '../../shared/errors.js';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';
import { parseRtf } from './rtf.js';

/** Text as Word writes it into RTF for a Cyrillic font: each byte of its Windows-1251 form as `\'hh`. */
function cp1251Escaped(text: string): string {
  return [...iconv.encode(text, 'cp1251')]
    .map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\'${b.toString(16)}`))
    .join('');
}

const ascii = (text: string) => new TextEncoder().encode(text);

/** The shape of a letter saved by Word on Russian Windows: the tables and groups before the text are Word's own. */
const WORD_LETTER = String.raw`{\rtf1\adeflang1025\ansi\ansicpg1251\uc1\adeff31507\deff0\stshfdbch31505\deflang1049
{\fonttbl{\f0\fbidi \froman\fcharset204\fprq2{\*\panose 02020603050405020304}Times New Roman;}
{\f1\fbidi \fswiss\fcharset0\fprq2 Arial;}}
{\colortbl;\red0\green0\blue0;\red0\green0\blue255;}
{\*\defchp \fs22\lang1049 }{\stylesheet{\ql \li0\ri0\widctlpar\f0\fs24 \snext0 Normal;}{\*\cs10 \additive Default Paragraph Font;}}
{\*\listtable{\list\listtemplateid1{\listlevel{\leveltext\'02\'00.;}{\levelnumbers\'01;}}\listid1}}
{\*\rsidtbl \rsid1324\rsid9210}{\mmathPr\mmathFont34}
{\info{\title ${cp1251Escaped('Жалоба на арест')}}{\author ${cp1251Escaped('Адвокат Сомова')}}{\operator Somova}
{\creatim\yr2024\mo3\dy5\hr10\min30}{\revtim\yr2024\mo3\dy6\hr9\min5}{\*\company ${cp1251Escaped('Коллегия')}}}
{\*\xmlnstbl {\xmlns1 http://schemas.microsoft.com/office/word/2003/wordml}}
\paperw11906\paperh16838\margl1701\margr850 \sectd
{\header \pard\plain \qr\f0 ${cp1251Escaped('Адвокатская коллегия «Защита»')}\par}
{\footer \pard\plain \qc\f0 {\field{\*\fldinst PAGE}{\fldrslt 1}}\par}
\pard\plain \f0\fs24 ${cp1251Escaped('В Ленинский районный суд г. Саратова')}\par
\pard ${cp1251Escaped('Подзащитный задержан 3 марта')}{\cs15\super\chftn {\footnote \pard\plain \f0 {\chftn }${cp1251Escaped('Протокол задержания от 03.03.2024.')}\par}}${cp1251Escaped(' и помещён в ИВС.')}\par
{\listtext\pard\plain \f0 1.\tab}\pard ${cp1251Escaped('Обжаловать арест')} \emdash  ${cp1251Escaped('см.')} {\field{\*\fldinst { HYPERLINK "https://example.org/case" }}{\fldrslt {\ul ${cp1251Escaped('карточку дела')}}}}.\par
\trowd\cellx3000\cellx6000\pard\intbl ${cp1251Escaped('Статья')}\cell 212.2\cell\row
\pard {\*\shppict{\pict\pngblip\picw10\pich10 89504e470d0a1a0a0000000d49484452}}{\nonshppict{\pict\wmetafile8 0100090000}}
{\v ${cp1251Escaped('скрытый текст')}}${cp1251Escaped('Адвокат')}\~${cp1251Escaped('Е.\u00a0Сомова')}\par
{\*\themedata 504b030414000600}{\*\datastore 0105000002000000}}`;

describe('parseRtf', () => {
  it('reads a letter saved by Word: body, notes and metadata, none of Word’s tables, headers or pictures', () => {
    const result = parseRtf(ascii(WORD_LETTER));
    expect(result.text).toBe(
      [
        'В Ленинский районный суд г. Саратова',
        'Подзащитный задержан 3 марта и помещён в ИВС.',
        '1. Обжаловать арест — см. карточку дела.',
        // A table row ends a line; the paragraph after the table follows on the next.
        'Статья 212.2\nАдвокат Е. Сомова',
        '[1] Протокол задержания от 03.03.2024.',
      ].join('\n\n'),
    );
    expect(result.title).toBe('Жалоба на арест');
    expect(result.author).toBe('Адвокат Сомова');
    expect(result.metadata).toEqual({
      operator: 'Somova',
      company: 'Коллегия',
      created: '2024-03-05T10:30',
      modified: '2024-03-06T09:05',
    });
    expect(result.warnings).toEqual([]);
    // Its picture is a ten-pixel sliver, cut short: no page to read.
    expect(result.children ?? []).toEqual([]);
  });

  it('gives a photo pasted into the text as a part of its own, not its metafile twin', async () => {
    const rtf = new Uint8Array(readFileSync(new URL('../../../test/fixtures/office/photo.rtf', import.meta.url)));
    const doc = await parseDocumentInProcess(rtf);
    expect(doc.text).toContain('Постановление суда — на фотографии ниже.');
    expect(doc.children.map((child) => [child.name, child.relation, child.bytes.subarray(0, 3)])).toEqual([
      ['image1.jpeg', 'part', new Uint8Array([0xff, 0xd8, 0xff])],
    ]);
    // A bare \pict (WordPad's) is a picture too.
    const photo = readFileSync(new URL('../../../test/fixtures/images/scan.jpg', import.meta.url)).toString('hex');
    const wordpad = parseRtf(ascii(`{\\rtf1\\ansi Photo:\\par{\\pict\\jpegblip\\picw600\\pich800 ${photo}}\\par}`));
    expect(wordpad.children!.map((child) => child.name)).toEqual(['image1.jpeg']);
  });

  it('reads \\uN as UTF-16 and skips the \\ucN fallback characters after it', () => {
    const rtf = String.raw`{\rtf1\ansi\ansicpg1252 \u1054?\u1084?\u1089?\u1082? {\uc2\u1040\'c0\'c0 } \uc0\u1041 b {\uc1\u-10179?\u-8704?}}`;
    expect(parseRtf(ascii(rtf)).text).toBe('Омск А Бb 😀');
  });

  it('decodes bytes in their font’s code page, else the document’s', () => {
    const rtf = String.raw`{\rtf1\ansi\ansicpg1251{\fonttbl{\f0\fcharset0 Arial;}{\f1\fcharset238 Arial CE;}}\'e0\'e1 {\f1 \'b9}{\f0 \'e9}\par}`;
    // \deff is absent: text outside a font is Windows-1251 (ansicpg), \f1 Windows-1250, \f0 Windows-1252.
    expect(parseRtf(ascii(rtf)).text).toBe('аб ąé');
  });

  it('keeps escaped braces and backslashes, and drops optional hyphens', () => {
    expect(parseRtf(ascii(String.raw`{\rtf1 a\{b\}c\\d pro\-test\_ing}`)).text).toBe('a{b}c\\d protest-ing');
  });

  it('leaves out index and contents entries, which Word only marks', () => {
    expect(parseRtf(ascii(String.raw`{\rtf1 Article{\xe {\v Article 212}} 212{\tc Contents entry}.}`)).text).toBe(
      'Article 212.',
    );
  });

  it('reads what there is of a truncated file', () => {
    const rtf = String.raw`{\rtf1\ansi\ansicpg1251{\fonttbl{\f0\fcharset204 Times;}}\f0 ${cp1251Escaped('Суд продлил арест')}\par ${cp1251Escaped('Ещё')}`;
    expect(parseRtf(ascii(rtf)).text).toBe('Суд продлил арест\n\nЕщё');
  });

  it('says which code page it did not know', () => {
    const result = parseRtf(ascii(String.raw`{\rtf1\ansi\ansicpg4242 caf\'e9}`));
    expect(result.text).toBe('café');
    expect(result.warnings).toEqual(['RTF code page 4242 is unknown: its bytes were read as Windows-1252']);
  });

  it('refuses groups nested past any depth a word processor writes, and text without an \\rtf header', () => {
    expect(() => parseRtf(ascii(`{\\rtf1 ${'{'.repeat(5000)}x`))).toThrow(/nests groups more than 1000 deep/);
    expect(() => parseRtf(ascii('{\\b bold}'))).toThrow(ChronicleError);
  });
});

describe('RTF through detection and parsing', () => {
  it('is told by its content, whatever it is named', () => {
    const rtf = ascii(`\ufeff {\\rtf1\\ansi ${'x'.repeat(10)}}`);
    expect(detectMediaType(rtf, 'decision.doc')).toBe(MEDIA_TYPES.rtf);
    expect(detectMediaType(ascii('An RTF file starts with {\\rtf1'), 'notes.txt')).toBe(MEDIA_TYPES.text);
  });

  it('becomes a Russian source with its title, not a page of markup', async () => {
    const doc = await parseDocumentInProcess(ascii(WORD_LETTER), { fileName: 'zhaloba.doc' });
    expect(doc.mediaType).toBe('application/rtf');
    expect(doc.language).toBe('ru');
    expect(doc.title).toBe('Жалоба на арест');
    expect(doc.text).not.toMatch(/\\|fonttbl|89504e47/);
  });
});
