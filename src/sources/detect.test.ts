import { describe, expect, it } from 'vitest';
import { makeDocx, makePdf, makeRar, makeRarVolumes, makeZip, utf8 } from '../../test/fixtures/documents.js';
import { describeUnsupported, detectMediaType } from './detect.js';

describe('detectMediaType', () => {
  it('recognises a PDF by its header whatever the name', async () => {
    const pdf = await makePdf({ pages: [['Hello']] });
    expect(detectMediaType(pdf, 'report.txt')).toBe('application/pdf');
  });

  it('takes an archive storing a PDF uncompressed near its start for the archive, and a PDF after junk for a PDF', async () => {
    const pdf = await makePdf({ pages: [['Hello']] });
    expect(detectMediaType(makeZip({ 'обвинение.pdf': pdf }, 0), 'дело.zip')).toBe('application/zip');
    const [rar] = makeRarVolumes([{ name: 'обвинение.pdf', data: pdf }], 100_000);
    expect(detectMediaType(makeRar([{ name: 'обвинение.pdf', data: pdf }]), 'дело.rar')).toBe('application/vnd.rar');
    expect(detectMediaType(rar!, 'дело.part1.rar')).toBe('application/vnd.rar');
    const junk = new Uint8Array([0x00, 0x01, 0x02, 0xff, 0x0a]);
    expect(detectMediaType(new Uint8Array([...junk, ...pdf]), 'scan.bin')).toBe('application/pdf');
  });

  it('tells DOCX from a plain ZIP by its entries', async () => {
    expect(detectMediaType(await makeDocx({ paragraphs: ['x'] }), 'a.zip')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(detectMediaType(makeZip({ 'a.txt': 'x' }), 'a.docx')).toBe('application/zip');
    // Apple Pages keeps its text in its own format: a document unread, not an archive of a thumbnail.
    const pages = makeZip({
      'Index/Document.iwa': new Uint8Array([0, 12, 0, 0, 1, 2, 3]),
      'Metadata/Properties.plist': 'bplist00',
      'preview.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xe0]),
    });
    expect(detectMediaType(pages, 'ходатайство.pages')).toBe('application/octet-stream');
    expect(describeUnsupported(pages)).toBe(
      'Apple Pages, Numbers or Keynote document is not read: export it as Word, Excel, PowerPoint or PDF ' +
        '(File › Export To) and add that',
    );
  });

  it('tells spreadsheets and presentations by their parts, and refuses other office ZIPs rather than unpacking them', () => {
    const xlsx = makeZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    expect(detectMediaType(xlsx, 'table.bin')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const pptx = makeZip({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<presentation/>' });
    expect(detectMediaType(pptx, 'talk.bin')).toBe(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    );
    // A Visio drawing (OOXML, neither Word, Excel nor PowerPoint) is not unpacked as an archive of reports.
    const vsdx = makeZip({ '[Content_Types].xml': '<Types/>', 'visio/document.xml': '<VisioDocument/>' });
    expect(detectMediaType(vsdx, 'plan.vsdx')).toBe('application/octet-stream');
  });

  it('recognises HTML documents and fragments, not text that mentions a tag', () => {
    expect(detectMediaType(utf8('<!DOCTYPE html><html><body>x</body></html>'))).toBe('text/html');
    expect(detectMediaType(utf8('  <p>Один</p><p>Два</p>'))).toBe('text/html');
    expect(detectMediaType(utf8('<script>alert(1)</script>'))).toBe('text/plain');
    expect(detectMediaType(utf8('Text about <b>tags</b>'))).toBe('text/plain');
  });

  it('recognises an e-mail by its headers', () => {
    const eml = 'From: a@example.org\r\nTo: b@example.org\r\nSubject: Hi\r\n\r\nBody';
    expect(detectMediaType(utf8(eml), 'message.txt')).toBe('message/rfc822');
    expect(detectMediaType(utf8('Note: this is text\nwith a colon line\n\nand more'))).toBe('text/plain');
  });

  it('uses the name only to break ties between Markdown and text', () => {
    expect(detectMediaType(utf8('just a line'), 'notes.md')).toBe('text/markdown');
    expect(detectMediaType(utf8('# Heading\n\nSee [link](https://example.org)'), 'notes.txt')).toBe('text/plain');
    expect(detectMediaType(utf8('# Heading\n\nSee [link](https://example.org)'))).toBe('text/markdown');
    expect(detectMediaType(utf8('just a line'))).toBe('text/plain');
  });

  it('refuses executables, archives we do not read and random bytes', () => {
    const database = new Uint8Array([...new TextEncoder().encode('SQLite format 3\0'), 0x10, 0, 1, 1]);
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);
    const exe = new Uint8Array(512).map((_, i) => (i < 2 ? [0x4d, 0x5a][i]! : i % 7 === 0 ? 0 : i & 0xff));
    const random = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    for (const bytes of [database, elf, exe, random])
      expect(detectMediaType(bytes, 'x.txt')).toBe('application/octet-stream');
  });

  it('takes text that merely starts like a magic number as text', () => {
    expect(detectMediaType(utf8('BMW drivers were detained'))).toBe('text/plain');
    expect(detectMediaType(utf8('MZ: a report'))).toBe('text/plain');
    expect(detectMediaType(utf8('Header is %PDF-1.4 in every PDF'))).toBe('text/plain');
  });

  it('calls an empty file empty text', () => {
    expect(detectMediaType(new Uint8Array())).toBe('text/plain');
  });
});
