import { describe, expect, it } from 'vitest';
import { mailWithAttachments, makeMbox, utf8 } from '../../../test/fixtures/documents.js';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';
import { DEFAULT_PARSE_LIMITS } from '../parse-types.js';
import { looksLikeMbox, parseMbox } from './mbox.js';

const letter = (subject: string, body: string, date = 'Mon, 04 Mar 2024 10:00:00 +0300') =>
  [`From: Анна <anna@example.org>`, 'To: desk@example.org', `Subject: ${subject}`, `Date: ${date}`, '', body].join(
    '\n',
  );

describe('mailbox (mbox)', () => {
  it('is told by its separator lines and read as its letters, each an e-mail of its own', async () => {
    const box = makeMbox([
      letter('Обыск', 'Сегодня в Казани прошёл обыск у Петра Вымышленного.'),
      letter('Arrest', 'Суд арестовал Анну Небывалую.\nFrom the court: appeal filed.\n>From an earlier letter.'),
    ]);
    expect(detectMediaType(box, 'Inbox')).toBe(MEDIA_TYPES.mbox);
    const doc = await parseDocumentInProcess(box, { fileName: 'Mail/Inbox.mbox' });
    expect(doc).toMatchObject({
      title: 'Mailbox: Inbox',
      text: 'Inbox',
      metadata: { mailbox: 'Inbox', letterCount: 2 },
    });
    expect(doc.children!.map((child) => [child.name, child.relation])).toEqual([
      ['letter-1.eml', 'message'],
      ['letter-2.eml', 'message'],
    ]);
    // Each letter as it was before the mailbox escaped its "From " lines, without the separator.
    expect(new TextDecoder().decode(doc.children![1]!.bytes)).toBe(
      `${letter('Arrest', 'Суд арестовал Анну Небывалую.\nFrom the court: appeal filed.\n>From an earlier letter.')}\n`,
    );
    const second = await parseDocumentInProcess(doc.children![1]!.bytes);
    expect(second).toMatchObject({ mediaType: MEDIA_TYPES.eml, title: 'Arrest' });
    expect(second.text).toContain('From the court: appeal filed.');
  });

  it('keeps a letter whole when a line of it begins "From " unescaped, and reads Windows line ends', () => {
    const careless = utf8(
      [
        'From - Mon Mar  4 10:00:00 2024',
        letter('Обыск', 'Первая строка.\n\nFrom the court, 10:30 on 4 March 2024\nсудья отказал.'),
        '',
        'From - Tue Mar  5 11:00:00 2024',
        letter('Арест', 'Вторая.'),
      ].join('\n'),
    );
    const doc = parseMbox(careless, DEFAULT_PARSE_LIMITS, 'box.mbox');
    expect(doc.children).toHaveLength(2);
    expect(new TextDecoder().decode(doc.children![0]!.bytes)).toContain('From the court, 10:30 on 4 March 2024\nсудья');
    const crlf = makeMbox([letter('A', 'a').replace(/\n/g, '\r\n'), letter('B', 'b').replace(/\n/g, '\r\n')], '\r\n');
    expect(detectMediaType(crlf)).toBe(MEDIA_TYPES.mbox);
    const letters = parseMbox(crlf, DEFAULT_PARSE_LIMITS).children!.map((c) => new TextDecoder().decode(c.bytes));
    expect(letters).toEqual([
      `${letter('A', 'a')}\n`.replace(/\n/g, '\r\n'),
      `${letter('B', 'b')}\n`.replace(/\n/g, '\r\n'),
    ]);
  });

  it('leaves a letter Thunderbird saved alone (with its "From - " line) a letter, unless the file says mailbox', () => {
    const alone = makeMbox([mailWithAttachments({ subject: 'Обыск', body: 'Текст.', attachments: [] })]);
    expect(detectMediaType(alone, 'letter.eml')).toBe(MEDIA_TYPES.eml);
    expect(detectMediaType(alone, 'Sent.mbox')).toBe(MEDIA_TYPES.mbox);
    // Apple Mail exports a mailbox as a folder `Sent.mbox/` holding its letters in a file named `mbox`.
    expect(detectMediaType(alone, 'Export/Sent.mbox/mbox')).toBe(MEDIA_TYPES.mbox);
    expect(detectMediaType(alone, 'mbox')).toBe(MEDIA_TYPES.mbox);
    expect(detectMediaType(alone, 'notes-on-mbox')).toBe(MEDIA_TYPES.eml);
    expect(looksLikeMbox(utf8('From the editors: a note\nSubject: x\n\nFrom the editors 10:00 2024\nA: b\n'))).toBe(
      false,
    );
  });

  it('gives a letter the same bytes wherever it stands, so a later export of the folder stores only new letters', () => {
    const first = letter('Обыск', 'Текст.');
    const alone = parseMbox(makeMbox([first]), DEFAULT_PARSE_LIMITS, 'a.mbox').children![0]!.bytes;
    const later = parseMbox(makeMbox([first, letter('Арест', 'Ещё.')]), DEFAULT_PARSE_LIMITS).children![0]!.bytes;
    expect(Buffer.from(later).equals(Buffer.from(alone))).toBe(true);
  });

  it('refuses a mailbox of more letters than an archive may hold, saying to export it in parts', () => {
    const many = makeMbox(Array.from({ length: 30 }, (_, i) => letter(`N${i}`, `Письмо ${i}.`)));
    expect(() => parseMbox(many, { ...DEFAULT_PARSE_LIMITS, maxArchiveEntries: 20 })).toThrow(
      'the mailbox holds more than 20 letters: export the folder in parts',
    );
  });
});
