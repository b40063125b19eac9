import { describe, expect, it } from 'vitest';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';
import { messageTime } from './telegram-html.js';

/** A page as Telegram Desktop exports it (markup trimmed to what matters, its indentation kept). */
const PAGE = `<!DOCTYPE html>
<html>
 <head>
  <meta charset="utf-8"/>
<title>Exported Data</title>
  <link href="css/style.css" rel="stylesheet"/>
 </head>
 <body onload="CheckLocation();">
  <div class="page_wrap">
   <div class="page_header">
    <div class="content">
     <div class="text bold">
Выдуманный мониторинг
     </div>
    </div>
   </div>
   <div class="page_body chat_page">
    <div class="history">
     <div class="message service" id="message-1">
      <div class="body details">
5 March 2024
      </div>
     </div>
     <div class="message default clearfix" id="message2">
      <div class="pull_left userpic_wrap"><div class="userpic userpic2" style="width: 42px; height: 42px"><div class="initials" style="line-height: 42px">ВМ</div></div></div>
      <div class="body">
       <div class="pull_right date details" title="05.03.2024 10:00:00 UTC+03:00">
10:00
       </div>
       <div class="from_name">
Выдуманный мониторинг
       </div>
       <div class="text">
В Саратове <strong>задержали</strong> Петра Небывалого.<br>Его доставили в отдел.
       </div>
      </div>
     </div>
     <div class="message default clearfix joined" id="message3">
      <div class="body">
       <div class="pull_right date details" title="05.03.2024 10:05:00 UTC+03:00">
10:05
       </div>
       <div class="media_wrap clearfix"><a class="photo_wrap clearfix pull_left" href="photos/photo_1.jpg"><img class="photo" src="photos/photo_1_thumb.jpg"/></a></div>
      </div>
     </div>
     <div class="message default clearfix joined" id="message4">
      <div class="body">
       <div class="pull_right date details" title="06.03.2024 12:30:00 UTC+03:00">
12:30
       </div>
       <div class="forwarded body">
        <div class="from_name">
Придуманный центр <span class="details"> 06.03.2024 11:00:00</span>
        </div>
        <div class="text">
Суд арестовал Петра Небывалого на два месяца.
        </div>
       </div>
      </div>
     </div>
     <div class="message default clearfix joined" id="message5">
      <div class="body">
       <div class="pull_right date details" title="07.03.2024 08:15:00">
08:15
       </div>
       <div class="text">
Апелляция назначена на 20 марта.
       </div>
      </div>
     </div>
    </div>
   </div>
  </div>
 </body>
</html>`;

describe('Telegram Desktop HTML exports (messages.html)', () => {
  it('are told from other pages by their markup', () => {
    const bytes = new TextEncoder().encode(PAGE);
    expect(detectMediaType(bytes, 'messages.html')).toBe(MEDIA_TYPES.telegramHtml);
    expect(
      detectMediaType(new TextEncoder().encode('<html><body><div class="message default">x</div></body></html>')),
    ).toBe(MEDIA_TYPES.html);
  });

  it('give each message with text, with its time, its author (a joined one the one before’s, a forward the original’s)', async () => {
    const doc = await parseDocumentInProcess(new TextEncoder().encode(PAGE), { fileName: 'messages.html' });
    expect(doc.title).toBe('Telegram: Выдуманный мониторинг');
    expect(doc.language).toBe('ru');
    const read = doc.children.map((c) => ({ name: c.name, text: new TextDecoder().decode(c.bytes), ...c.metadata }));
    const publisher = 'Выдуманный мониторинг';
    expect(read).toEqual([
      {
        name: 'message-2',
        text: 'В Саратове задержали Петра Небывалого.\nЕго доставили в отдел.',
        publishedAt: '2024-03-05T07:00:00.000Z',
        author: 'Выдуманный мониторинг',
        publisher,
      },
      {
        name: 'message-4',
        text: 'Суд арестовал Петра Небывалого на два месяца.',
        publishedAt: '2024-03-06T09:30:00.000Z',
        author: 'Придуманный центр',
        publisher,
      },
      {
        name: 'message-5',
        text: 'Апелляция назначена на 20 марта.',
        publishedAt: '2024-03-07T08:15:00.000Z',
        author: 'Выдуманный мониторинг',
        publisher,
      },
    ]);
    expect(doc.children.every((c) => c.relation === 'message')).toBe(true);
    expect(doc.metadata).toMatchObject({ messageCount: 3, messagesWithoutText: 1 });
  });

  it('read the time in its zone, and refuse a day that does not exist', () => {
    expect(messageTime('31.12.2023 23:30:00 UTC-05:00')).toBe('2024-01-01T04:30:00.000Z');
    expect(messageTime('30.02.2024 10:00:00 UTC+03:00')).toBeNull();
    expect(messageTime('yesterday')).toBeNull();
  });
});
