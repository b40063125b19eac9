import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { makePdf, makeWebArchive, utf8 } from '../../../test/fixtures/documents.js';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';
import { BinaryPlist } from './binary-plist.js';
import { parseWebArchive } from './webarchive.js';

const PAGE = `<html><head><title>Задержание в Саратове</title>
<meta name="author" content="Редакция"><meta property="article:published_time" content="2026-03-04T10:00:00+03:00">
</head><body><nav>Главная · Новости</nav><article><h1>Задержание в Саратове</h1>
<p>Сегодня в Саратове задержали Ивана Вымышленного после одиночного пикета у здания администрации.</p>
<p>Его доставили в отдел полиции, сообщил адвокат. Протокол составлен по статье 20.2 КоАП.</p>
</article></body></html>`;

/**
 * A binary plist from raw objects (each its marker and content, references one byte), the first the top: for what
 * no plist writer makes — references out of range, cycles, one object referenced many times.
 */
function rawPlist(objects: number[][], offsetTableAt?: number): Uint8Array {
  const header = [...utf8('bplist00')];
  const offsets: number[] = [];
  const body: number[] = [];
  for (const object of objects) {
    offsets.push(header.length + body.length);
    body.push(...object);
  }
  const table = header.length + body.length;
  const trailer = new Uint8Array(32);
  trailer[6] = 2;
  trailer[7] = 1;
  new DataView(trailer.buffer).setBigUint64(8, BigInt(objects.length));
  new DataView(trailer.buffer).setBigUint64(24, BigInt(offsetTableAt ?? table));
  const offsetBytes = offsets.flatMap((offset) => [offset >> 8, offset & 0xff]);
  return Uint8Array.from([...header, ...body, ...offsetBytes, ...trailer]);
}

describe('Safari web archives', () => {
  it('are told by their content and read as the page they hold, with its address and what it says of itself', async () => {
    const archive = makeWebArchive({
      data: PAGE,
      url: 'https://example.org/news/saratov',
      encoding: 'UTF-8',
      resources: 3,
    });
    expect(detectMediaType(archive, 'page.bin')).toBe(MEDIA_TYPES.webarchive);
    const doc = await parseDocumentInProcess(archive);
    expect(doc).toMatchObject({
      mediaType: MEDIA_TYPES.webarchive,
      title: 'Задержание в Саратове',
      author: 'Редакция',
      publishedAt: '2026-03-04T07:00:00.000Z',
      url: 'https://example.org/news/saratov',
      language: 'ru',
      metadata: { savedFrom: 'https://example.org/news/saratov', resources: 3 },
    });
    expect(doc.text).toContain('Сегодня в Саратове задержали Ивана Вымышленного');
    expect(doc.text).not.toContain('Главная');
  });

  it('decode the page in the encoding Safari recorded, else in the one the page declares', async () => {
    const cp1251 = new Uint8Array(
      iconv.encode(PAGE.replace('<head>', '<head><meta charset="windows-1251">'), 'win1251'),
    );
    const recorded = parseWebArchive(makeWebArchive({ data: cp1251, encoding: 'windows-1251' }));
    expect(recorded.text).toContain('задержали Ивана Вымышленного');
    const declared = parseWebArchive(makeWebArchive({ data: cp1251 }));
    expect(declared.text).toContain('задержали Ивана Вымышленного');
  });

  it('keep a PDF Safari showed as the archive’s part, named by its address', async () => {
    const pdf = await makePdf({ pages: [['Court order: the arrest is extended.']] });
    const doc = parseWebArchive(
      makeWebArchive({
        data: pdf,
        mimeType: 'application/pdf',
        url: 'https://example.org/docs/%D0%B0%D1%80%D0%B5%D1%81%D1%82.pdf?v=2',
      }),
    );
    expect(doc).toMatchObject({ isContainer: true, text: '', metadata: { savedType: 'application/pdf' } });
    expect(doc.children!.map((child) => [child.name, child.relation, child.bytes.length])).toEqual([
      ['арест.pdf', 'part', pdf.length],
    ]);
  });

  it('refuse a property list that is no web archive, and one without a page', async () => {
    const other = rawPlist([[0x51, 0x61]]);
    expect(detectMediaType(other)).toBe(MEDIA_TYPES.unknown);
    await expect(parseDocumentInProcess(other)).rejects.toMatchObject({
      code: 'UNSUPPORTED_TYPE',
      message: 'Apple property list other than a Safari web archive is not a supported document',
    });
    // {WebMainResource: {}}: the key is there, the page is not.
    const empty = rawPlist([[0xd1, 1, 2], [0x5f, 0x10, 15, ...utf8('WebMainResource')], [0xd0]]);
    await expect(parseDocumentInProcess(empty)).rejects.toMatchObject({
      code: 'PARSE_FAILED',
      message: 'the web archive holds no page (its WebMainResource has no data)',
    });
  });
});

describe('binary property lists', () => {
  it('read only what is asked for: a graph that would expand to a billion objects costs nothing', () => {
    // 40 arrays, each referring to the next twice: read whole, 2^40 leaves.
    const objects: number[][] = [];
    for (let i = 0; i < 40; i++) objects.push([0xa2, i + 1, i + 1]);
    objects.push([0x51, 0x78]);
    let node = new BinaryPlist(rawPlist(objects)).root();
    for (let i = 0; i < 40; i++) node = node.item(1)!;
    expect(node.string()).toBe('x');
  });

  it('refuse references, offsets and lengths that point outside the file', () => {
    const outOfRange = new BinaryPlist(rawPlist([[0xa1, 9]])).root();
    expect(() => outOfRange.item(0)!.string()).toThrow(
      'the property list could not be read: an object refers outside the list',
    );
    expect(() => new BinaryPlist(rawPlist([[0x51, 0x61]], 4000))).toThrow('its table of objects lies outside the file');
    const longString = new BinaryPlist(rawPlist([[0x5f, 0x13, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff]])).root();
    expect(() => longString.string()).toThrow('an object runs past the end of its list');
    expect(() => new BinaryPlist(utf8('bplist00 and then nothing at all, not even a trailer'))).toThrow(
      'the property list could not be read',
    );
    // A dictionary that holds itself: looked up, not walked.
    const cyclic = new BinaryPlist(
      rawPlist([
        [0xd1, 1, 0],
        [0x51, 0x6b],
      ]),
    ).root();
    expect(cyclic.get('k')!.get('k')!.get('x')).toBeNull();
  });
});
