import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  base64Lines,
  encodedWordB,
  encodedWordQ,
  makePdf,
  quotedPrintable,
  utf8,
} from '../../../test/fixtures/documents.js';
import { parseDocumentInProcess } from '../parse.js';
import { withUtf8Headers } from './mail-headers.js';

const BODY_RU =
  'Здравствуйте!\n\nСегодня утром в Казани задержали Олега Выдуманного. Его доставили в ОП «Вахитовский».\n\nС уважением,\nМария Придуманная\n';
const NOTE_RU = 'Список задержанных: Олег Выдуманный, Анна Вымышленная.';

async function sampleMessage(): Promise<string> {
  const pdf = await makePdf({ pages: [['Court decision of 5 March 2024 concerning Oleg Inventov.']] });
  const from = encodedWordB('Мария Придуманная');
  const subject = encodedWordQ(iconv.encode('Задержание в Казани', 'windows-1251'), 'windows-1251');
  return [
    `From: ${from} <maria@example.org>`,
    'To: "Редакция" <desk@example.org>, Second Person <second@example.org>',
    'Cc: lawyer@example.org',
    `Subject: ${subject}`,
    'Date: Tue, 05 Mar 2024 10:15:00 +0300',
    'Message-ID: <fake-1@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="BOUNDARY"',
    '',
    '--BOUNDARY',
    'Content-Type: text/plain; charset=windows-1251',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(iconv.encode(BODY_RU, 'windows-1251')),
    '--BOUNDARY',
    `Content-Type: text/plain; charset=koi8-r; name="${encodedWordB('заметка.txt')}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${encodedWordB('заметка.txt')}"`,
    '',
    base64Lines(iconv.encode(NOTE_RU, 'koi8-r')),
    '--BOUNDARY',
    'Content-Type: application/pdf; name="decision.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="decision.pdf"',
    '',
    base64Lines(pdf),
    '--BOUNDARY--',
    '',
  ].join('\r\n');
}

describe('e-mail', () => {
  it('turns headers into metadata and the text part into the text', async () => {
    const doc = await parseDocumentInProcess(utf8(await sampleMessage()), { fileName: 'message.eml' });
    expect(doc).toMatchObject({
      mediaType: 'message/rfc822',
      title: 'Задержание в Казани',
      author: 'Мария Придуманная',
      publishedAt: '2024-03-05T07:15:00.000Z',
      language: 'ru',
      isContainer: false,
    });
    expect(doc.text).toBe(BODY_RU.trim());
    expect(doc.metadata).toMatchObject({
      from: 'Мария Придуманная <maria@example.org>',
      to: ['Редакция <desk@example.org>', 'Second Person <second@example.org>'],
      cc: ['lawyer@example.org'],
      messageId: '<fake-1@example.org>',
    });
  });

  it('makes every attachment a child, text attachments re-encoded from their charset', async () => {
    const doc = await parseDocumentInProcess(utf8(await sampleMessage()));
    expect(doc.children.map((c) => [c.name, c.relation])).toEqual([
      ['заметка.txt', 'attachment'],
      ['decision.pdf', 'attachment'],
    ]);
    expect(new TextDecoder().decode(doc.children[0]!.bytes)).toBe(NOTE_RU);
    const pdf = await parseDocumentInProcess(doc.children[1]!.bytes);
    expect(pdf.text).toContain('Oleg Inventov');
  });

  it('takes a photographed page as a document, and keeps a signature logo in the message: listed, not a child', async () => {
    const imagePart = (name: string, bytes: Buffer) => [
      '--BOUNDARY',
      `Content-Type: image/png; name="${name}"`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="${name}"`,
      '',
      base64Lines(bytes),
    ];
    const page = readFileSync(new URL('../../../test/fixtures/images/scan.png', import.meta.url));
    const logo = readFileSync(new URL('../../../test/fixtures/images/logo.png', import.meta.url));
    const message = (await sampleMessage()).replace(
      '--BOUNDARY--',
      [...imagePart('постановление.png', page), ...imagePart('logo.png', logo), '--BOUNDARY--'].join('\r\n'),
    );
    const doc = await parseDocumentInProcess(utf8(message));
    expect(doc.children.map((c) => c.name)).toEqual(['заметка.txt', 'decision.pdf', 'постановление.png']);
    expect(Buffer.from(doc.children[2]!.bytes).equals(page)).toBe(true);
    const reason = 'an image of 32×32 px, too small to show a document (a logo or an icon)';
    expect(doc.metadata).toMatchObject({
      attachmentCount: 3,
      notRead: [{ name: 'logo.png', bytes: logo.length, reason }],
    });
    expect(doc.warnings).toContain(`attachment logo.png is kept in the original message, not read: ${reason}`);
  });

  it('reads an HTML-only message through the HTML path, greeting included', async () => {
    const eml = [
      'From: desk@example.org',
      'To: team@example.org',
      'Subject: =?UTF-8?B?0J7QsdGL0YHQug==?=',
      'Date: Wed, 06 Mar 2024 09:00:00 +0000',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(
        utf8(
          '<html><body><p>Коллеги,</p><p>у Анны Вымышленной прошёл <b>обыск</b>.</p><script>x()</script></body></html>',
        ),
      ),
      '',
    ].join('\r\n');
    const doc = await parseDocumentInProcess(utf8(eml));
    expect(doc).toMatchObject({
      title: 'Обыск',
      author: 'desk@example.org',
      text: 'Коллеги,\n\nу Анны Вымышленной прошёл обыск.',
    });
  });

  it('reads an HTML part with no <html> or <body>, in Windows-1251 quoted-printable, ', async () => {
    const html = '<p>Коллеги,</p><p>в Перми задержали Анну Вымышленную.</p>';
    const eml = [
      'From: desk@example.org',
      'Subject: Perm',
      'Content-Type: multipart/alternative; boundary="ALT"',
      '',
      '--ALT',
      'Content-Type: text/html; charset=windows-1251',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      quotedPrintable(iconv.encode(html, 'windows-1251')),
      '--ALT--',
      '',
    ].join('\r\n');
    expect((await parseDocumentInProcess(utf8(eml))).text).toBe('Коллеги,\n\nв Перми задержали Анну Вымышленную.');
  });

  it('reads raw 8-bit headers in the charset of their part, and leaves the bodies as sent', async () => {
    // Old Russian mail clients wrote Windows-1251 or KOI8-R bytes into headers instead of encoded words.
    const cp1251 = (text: string) => iconv.encode(text, 'windows-1251');
    const koi8 = (text: string) => iconv.encode(text, 'koi8-r');
    const message = Buffer.concat([
      Buffer.from('From: '),
      cp1251('Мария Придуманная'),
      Buffer.from(' <maria@example.org>\r\nSubject: '),
      cp1251('Обыск в Омске'),
      Buffer.from('\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="part"\r\n\r\n'),
      Buffer.from(
        '--part\r\nContent-Type: text/plain; charset=windows-1251\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
      ),
      cp1251('Вчера в Омске прошёл обыск у Льва Выдумкина.\r\n'),
      Buffer.from('--part\r\nContent-Type: text/plain; charset=koi8-r\r\nContent-Disposition: attachment; filename="'),
      koi8('Протокол.txt'),
      Buffer.from('"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
      koi8('Протокол обыска у Льва Выдумкина.\r\n'),
      Buffer.from('--part--\r\n'),
    ]);
    const doc = await parseDocumentInProcess(new Uint8Array(message), { fileName: 'omsk.eml' });
    expect(doc.title).toBe('Обыск в Омске');
    expect(doc.author).toBe('Мария Придуманная');
    expect(doc.text).toBe('Вчера в Омске прошёл обыск у Льва Выдумкина.');
    expect(doc.children.map((c) => c.name)).toEqual(['Протокол.txt']);
    expect(new TextDecoder().decode(doc.children[0]!.bytes).trimEnd()).toBe('Протокол обыска у Льва Выдумкина.');
  });

  it('leaves a message whose headers are ASCII as it is, 8-bit body and all', () => {
    const message = new Uint8Array(
      Buffer.concat([
        Buffer.from('Subject: Search\r\nContent-Type: text/plain; charset=windows-1251\r\n\r\n'),
        iconv.encode('Обыск у Льва Выдумкина.', 'windows-1251'),
      ]),
    );
    expect(withUtf8Headers(message)).toBe(message);
  });

  it('survives a message with broken MIME structure', async () => {
    const eml =
      'From: a@example.org\r\nTo: b@example.org\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nunterminated';
    const doc = await parseDocumentInProcess(utf8(eml));
    expect(doc.mediaType).toBe('message/rfc822');
  });
});
