import { describe, expect, it } from 'vitest';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';
import { DEFAULT_PARSE_LIMITS } from '../parse-types.js';
import { parseTelegramExport } from './telegram.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const exported = (messages: unknown[], extra: Record<string, unknown> = {}) =>
  utf8(JSON.stringify({ name: 'Выдуманный канал', type: 'public_channel', id: 1, ...extra, messages }, null, 1));

describe('Telegram Desktop exports (result.json)', () => {
  it('are told by their shape, not by their name', () => {
    expect(detectMediaType(exported([]), 'anything.txt')).toBe(MEDIA_TYPES.telegram);
    expect(detectMediaType(utf8('{\n "type": "saved_messages",\n "id": 5,\n "messages": [\n ]\n}'))).toBe(
      MEDIA_TYPES.telegram,
    );
    // Other JSON stays text; a whole account's export (its chats listed after its contacts) is no chat's.
    expect(detectMediaType(utf8('{"type": "channel", "messages": []}'), 'result.json')).toBe(MEDIA_TYPES.text);
    const account =
      '{"about": "Here is the data you requested.", "chats": {"list": [{"name": "x", "type": "personal_chat", "id": 1, "messages": []}]}}';
    expect(detectMediaType(utf8(account), 'result.json')).toBe(MEDIA_TYPES.telegramAccount);
  });

  it('give each message with text, its links written out; an older export’s date is taken as written', () => {
    const result = parseTelegramExport(
      exported([
        {
          id: 7,
          type: 'message',
          date: '2021-05-01T10:00:00',
          from: 'Выдуманный канал',
          text: ['Обыск. ', { type: 'text_link', text: 'Подробнее', href: 'https://example.org/7' }, { type: 'x' }],
        },
        { id: 8, type: 'message', date_unixtime: '1709622000', photo: 'photos/1.jpg', text: '' },
        { id: 9, type: 'service', action: 'pin_message', text: '' },
        'not a message',
      ]),
      DEFAULT_PARSE_LIMITS,
    );
    expect(result.children).toEqual([
      {
        name: 'message-7',
        bytes: utf8('Обыск. Подробнее (https://example.org/7)'),
        relation: 'message',
        metadata: {
          publishedAt: '2021-05-01T10:00:00.000Z',
          author: 'Выдуманный канал',
          publisher: 'Выдуманный канал',
        },
      },
    ]);
    expect(result.text).toBe('Выдуманный канал');
    expect(result.metadata).toMatchObject({ messageCount: 1, messagesWithoutText: 1, serviceMessages: 1 });
  });

  it('refuses an export past the limit of entries, saying how to export it in parts, and one that is not one', () => {
    const many = Array.from({ length: 3 }, (_, i) => ({ id: i, type: 'message', text: `Сообщение ${i}` }));
    expect(() => parseTelegramExport(exported(many), { ...DEFAULT_PARSE_LIMITS, maxArchiveEntries: 2 })).toThrow(
      'Telegram export has 3 messages with text; the limit is 2 a file: export the chat in date ranges',
    );
    expect(() =>
      parseTelegramExport(utf8('{"name": "x", "type": "public_channel", "messages": ['), DEFAULT_PARSE_LIMITS),
    ).toThrow(/^Telegram export could not be read/);
    expect(() => parseTelegramExport(exported([], { type: 'group' }), DEFAULT_PARSE_LIMITS)).toThrow(
      'Telegram export has no chat type or no list of messages',
    );
  });

  it('refuses a whole account’s export, which holds its owner’s phone and contacts, saying how to export a chat', async () => {
    const account = new TextEncoder().encode(
      JSON.stringify(
        {
          about: 'Here is the data you requested.',
          personal_information: { user_id: 1, first_name: 'Анна', phone_number: '+7 900 000 00 00' },
          contacts: { about: 'contacts', list: [{ first_name: 'Пётр', phone_number: '+7 900 000 00 01' }] },
          chats: { about: 'chats', list: [{ name: 'Обыски', type: 'public_channel', id: 1, messages: [] }] },
        },
        null,
        1,
      ),
    );
    expect(detectMediaType(account, 'result.json')).toBe(MEDIA_TYPES.telegramAccount);
    await expect(parseDocumentInProcess(account)).rejects.toMatchObject({
      code: 'UNSUPPORTED_TYPE',
      message: expect.stringMatching(/^a whole Telegram account's export holds its owner's phone number, contacts/),
    });
    // A text that merely begins with an "about" is text.
    const note = new TextEncoder().encode('{"about": "a note", "text": "В Казани прошёл обыск."}');
    expect(detectMediaType(note, 'note.json')).toBe(MEDIA_TYPES.text);
  });
});
