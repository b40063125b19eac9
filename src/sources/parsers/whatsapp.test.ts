import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { makeZip } from '../../../test/fixtures/documents.js';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const LRM = '\u200e';

/** Android, Russian: a day of a family's chat after a search, with what the phone writes of its own. */
const ANDROID_RU = [
  '04.12.2026, 23:58 - Сообщения и звонки защищены сквозным шифрованием. Нажмите, чтобы узнать подробнее.',
  '05.12.2026, 06:12 - Ольга Вымышленная: Пришли с обыском к Пете, человек шесть',
  '05.12.2026, 06:15 - Ольга Вымышленная: <Без медиафайлов>',
  '05.12.2026, 07:40 - +7 900 000-00-00: Его увезли в СК на Лесной.',
  'Адвоката не пускают.',
  '06.12.2026, 10:02 - Ольга Вымышленная: Суд в 15:00, Ленинский районный.',
  '',
].join('\n');

/** iPhone, English: brackets, seconds, and a left-to-right mark before what the chat says of itself. */
const IPHONE_EN = [
  `${LRM}[05/12/2026, 06:10:00] Family: ${LRM}Messages and calls are end-to-end encrypted.`,
  '[05/12/2026, 06:12:31] Olga: They came to search Peter’s flat',
  `[05/12/2026, 06:13:02] Olga: ${LRM}image omitted`,
  `[05/12/2026, 06:14:40] Olga: ${LRM}<attached: 00000012-PHOTO-2026-12-05-06-14-40.jpg>`,
  '[13/12/2026, 09:00:00] Anna: Hearing moved to Monday',
  '',
].join('\n');

/** Android, US English: month first and a 12-hour clock. */
const ANDROID_US = [
  '12/5/26, 6:12 AM - Olga: They came with a search warrant',
  '12/5/26, 2:03\u202fPM - Anna: Lawyer is on the way',
  '12/13/26, 12:10 AM - Anna: Released',
  '',
].join('\n');

describe('WhatsApp chat exports', () => {
  it('are told from a report that starts with a date, and make a source of each day, line by line', async () => {
    const bytes = utf8(ANDROID_RU);
    expect(detectMediaType(bytes, 'WhatsApp Chat with Семья.txt')).toBe(MEDIA_TYPES.whatsapp);
    expect(detectMediaType(utf8('05.12.2026, 14:03 - заседание перенесли на понедельник.\nПодробности позже.'))).toBe(
      MEDIA_TYPES.text,
    );
    const doc = await parseDocumentInProcess(bytes, { fileName: 'WhatsApp Chat with Семья.txt' });
    expect(doc).toMatchObject({
      mediaType: MEDIA_TYPES.whatsapp,
      text: 'Семья',
      title: 'WhatsApp: Семья',
      metadata: { whatsappChat: 'Семья', messageCount: 5, messagesWithText: 3, dayCount: 2 },
    });
    expect(
      doc.children.map((c) => ({
        name: c.name,
        relation: c.relation,
        text: new TextDecoder().decode(c.bytes),
        ...c.metadata,
      })),
    ).toEqual([
      {
        name: 'day-2026-12-05.txt',
        relation: 'message',
        text:
          '06:12 Ольга Вымышленная: Пришли с обыском к Пете, человек шесть\n' +
          '07:40 +7 900 000-00-00: Его увезли в СК на Лесной.\nАдвоката не пускают.\n',
        title: 'WhatsApp: Семья, 2026-12-05',
        author: null,
        publisher: 'Семья',
        publishedAt: '2026-12-05',
      },
      {
        name: 'day-2026-12-06.txt',
        relation: 'message',
        text: '10:02 Ольга Вымышленная: Суд в 15:00, Ленинский районный.\n',
        title: 'WhatsApp: Семья, 2026-12-06',
        author: 'Ольга Вымышленная',
        publisher: 'Семья',
        publishedAt: '2026-12-06',
      },
    ]);
  });

  it("reads an iPhone's export, leaving out what the chat says of itself and naming attached files", async () => {
    const zip = makeZip({ '_chat.txt': IPHONE_EN });
    const inner = await parseDocumentInProcess(zip, { fileName: 'WhatsApp Chat - Family.zip' });
    const chat = inner.children[0]!;
    const doc = await parseDocumentInProcess(chat.bytes, { fileName: `WhatsApp Chat - Family.zip!${chat.name}` });
    expect(doc.metadata).toMatchObject({ whatsappChat: 'Family', dateOrder: 'day-month-year' });
    expect(doc.children.map((c) => new TextDecoder().decode(c.bytes))).toEqual([
      '06:12 Olga: They came to search Peter’s flat\n06:14 Olga: [00000012-PHOTO-2026-12-05-06-14-40.jpg]\n',
      '09:00 Anna: Hearing moved to Monday\n',
    ]);
  });

  it('tells a month-first file by its dates, and reads a 12-hour clock', async () => {
    const doc = await parseDocumentInProcess(utf8(ANDROID_US));
    expect(doc.metadata).toMatchObject({ whatsappChat: null, dateOrder: 'month-day-year' });
    expect(doc.children.map((c) => [c.metadata?.publishedAt, new TextDecoder().decode(c.bytes)])).toEqual([
      ['2026-12-05', '06:12 Olga: They came with a search warrant\n14:03 Anna: Lawyer is on the way\n'],
      ['2026-12-13', '00:10 Anna: Released\n'],
    ]);
    expect(doc.warnings).toEqual([]);
  });

  it('says when it cannot tell the order of day and month, and reads an old phone’s Windows-1251', async () => {
    const ambiguous = '03.04.2026, 10:00 - Анна: Обыск.\n04.03.2026, 11:00 - Анна: Допрос.\n';
    const doc = await parseDocumentInProcess(new Uint8Array(iconv.encode(ambiguous, 'win1251')));
    expect(doc.encoding).toBe('windows-1251');
    expect(doc.children.map((c) => c.metadata?.publishedAt)).toEqual(['2026-04-03', '2026-03-04']);
    expect(doc.warnings).toEqual(['the dates could be day-first or month-first: they were read day-first']);
  });
});
