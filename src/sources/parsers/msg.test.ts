import { readFileSync } from 'node:fs';
import CFB from 'cfb';
import { describe, expect, it } from 'vitest';
import { makeMsg } from '../../../test/fixtures/outlook-msg.js';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';

const LOGO = new Uint8Array(readFileSync(new URL('../../../test/fixtures/images/logo.png', import.meta.url)));

describe('Outlook items (.msg)', () => {
  it('are read as e-mail: subject, sender, recipients, time sent, body, and each readable attachment a child', async () => {
    const bytes = makeMsg({
      subject: 'Обыск у активиста',
      senderName: 'Анна Вымышленная',
      senderEmail: 'anna@example.org',
      to: [
        { name: 'Редакция', email: 'news@example.org' },
        { name: 'Юрист', email: 'law@example.org', type: 2 },
      ],
      body: 'Сегодня утром у активиста прошёл обыск.\r\nЕго задержали и доставили в отдел.',
      sentAt: new Date('2024-03-05T09:00:00Z'),
      attachments: [
        { name: 'заявление.txt', data: new TextEncoder().encode('Заявление о задержании активиста.') },
        { name: 'logo.png', data: LOGO },
      ],
    });
    expect(detectMediaType(bytes, 'letter.msg')).toBe(MEDIA_TYPES.msg);
    const doc = await parseDocumentInProcess(bytes, { fileName: 'letter.msg' });
    expect(doc.mediaType).toBe('application/vnd.ms-outlook');
    expect(doc.text).toBe('Сегодня утром у активиста прошёл обыск.\nЕго задержали и доставили в отдел.');
    expect(doc.language).toBe('ru');
    expect(doc.title).toBe('Обыск у активиста');
    expect(doc.author).toBe('Анна Вымышленная');
    expect(doc.publishedAt).toBe('2024-03-05T09:00:00.000Z');
    expect(doc.metadata).toMatchObject({
      from: 'Анна Вымышленная <anna@example.org>',
      to: ['Редакция <news@example.org>'],
      cc: ['Юрист <law@example.org>'],
      attachmentCount: 1,
      notRead: [
        {
          name: 'logo.png',
          bytes: LOGO.length,
          reason: 'an image of 32×32 px, too small to show a document (a logo or an icon)',
        },
      ],
    });
    expect(doc.children.map((c) => [c.name, new TextDecoder().decode(c.bytes)])).toEqual([
      ['заявление.txt', 'Заявление о задержании активиста.'],
    ]);
  });

  // Windows-1251, DOS (866), KOI8-R and Mac Cyrillic, whose iconv name is not cp<number>.
  it.each([1251, 866, 20866, 10007])(
    'decode the 8-bit strings of older Outlook in the message’s code page (%i)',
    async (ansiCodePage) => {
      const doc = await parseDocumentInProcess(
        makeMsg({
          subject: 'Задержание в Омске',
          senderName: 'Редакция',
          senderEmail: 'desk@example.org',
          to: [],
          body: 'В Омске задержали активистку после пикета.',
          ansiCodePage,
        }),
      );
      expect(doc.title).toBe('Задержание в Омске');
      expect(doc.text).toBe('В Омске задержали активистку после пикета.');
      expect(doc.author).toBe('Редакция');
    },
  );

  it('give their HTML body when they have no plain one', async () => {
    const doc = await parseDocumentInProcess(
      makeMsg({
        subject: 'Hearing',
        senderName: 'Court watch',
        senderEmail: 'watch@example.org',
        to: [{ name: 'Desk', email: 'desk@example.org' }],
        html: '<html><body><p>Dear colleagues,</p><p>the appeal of Ivan Madeup is heard on <b>12 March</b>.</p></body></html>',
      }),
    );
    expect(doc.text).toBe('Dear colleagues,\n\nthe appeal of Ivan Madeup is heard on 12 March.');
  });

  it('give their RTF body, whether Outlook wrote it or kept a mailed HTML body in it', async () => {
    const base = { subject: 'RTF', senderName: 'A', senderEmail: 'a@example.org', to: [] };
    const written = await parseDocumentInProcess(
      makeMsg({
        ...base,
        rtf: String.raw`{\rtf1\ansi\ansicpg1251{\fonttbl{\f0\fcharset204 Calibri;}}\f0 \'c7\'e0\'e4\'e5\'f0\'e6\'e0\'ed \'e0\'ea\'f2\'e8\'e2\'e8\'f1\'f2.\par}`,
      }),
    );
    expect(written.text).toBe('Задержан активист.');
    const mailed = await parseDocumentInProcess(
      makeMsg({
        ...base,
        rtf: String.raw`{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}{\*\htmltag64 <html><body>}{\*\htmltag <p>}Hearing on 12 March{\*\htmltag </p>}{\*\htmltag <p>}Appeal{\*\htmltag </p>}{\*\htmltag </body></html>}}`,
      }),
    );
    expect(mailed.text).toBe('Hearing on 12 March\n\nAppeal');
  });

  it('with a Word document attached are still Outlook items, and the document their attachment', async () => {
    const word = new Uint8Array(readFileSync(new URL('../../../test/fixtures/office/letter.doc', import.meta.url)));
    const bytes = makeMsg({
      subject: 'Жалоба',
      senderName: 'Адвокат',
      senderEmail: 'lawyer@example.org',
      to: [],
      body: 'Жалоба во вложении.',
      attachments: [{ name: 'zhaloba.doc', data: word }],
    });
    expect(detectMediaType(bytes, 'letter.msg')).toBe(MEDIA_TYPES.msg);
    const doc = await parseDocumentInProcess(bytes);
    expect(doc.children.map((c) => [c.name, detectMediaType(c.bytes, c.name)])).toEqual([
      ['zhaloba.doc', MEDIA_TYPES.doc],
    ]);
  });

  it('are told from other OLE files by their property streams; a damaged one is refused with the reason', async () => {
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, '/__substg1.0_0037001F', new Uint8Array([0x41]));
    const damaged = new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
    expect(detectMediaType(damaged)).toBe(MEDIA_TYPES.msg);
    // The header's first directory sector pointed past the end of the file.
    new DataView(damaged.buffer, damaged.byteOffset).setUint32(0x30, 0x00ffffff, true);
    await expect(parseDocumentInProcess(damaged)).rejects.toThrow(/^Outlook message could not be read/);
  });
});
