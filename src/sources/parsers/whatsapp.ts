/**
 * A WhatsApp chat exported from the phone ("Export chat": `WhatsApp Chat with …txt`, or `_chat.txt` in a ZIP with
 * the media). Families and lawyers keep what happened to a detained relative this way, message by message: who was
 * taken, where, what the investigator said. Messages are short and lean on each other ("его увезли в СК"), so a day
 * of the chat is one source, each line keeping its time and sender; the export is kept byte for byte as the source
 * the days came from. Exported again later, the days already stored are duplicates and only new days are stored; a
 * day an earlier export stopped in the middle of is stored whole, linked to the part stored before as its
 * near-duplicate.
 *
 * The export has no time zone (the phone's clock) and writes dates in the phone's locale: `[05.12.2026, 14:03:12]`
 * (iPhone), `05.12.2026, 14:03 -` (Android), `12/5/26, 2:03 PM -` (Android, US English). Whether a date is
 * day-first is told from the whole file (a first field past 12 is a day); a day is stored as that day only.
 */

import { isCalendarDay } from '../../shared/dates.js';
import { ChronicleError } from '../../shared/errors.js';
import { decodeText } from '../decode-text.js';
import type { ChildDocument, ParseLimits, ParserResult } from '../parse-types.js';

/**
 * One message's first line: an optional left-to-right mark (iPhone), the date and time, in brackets (iPhone) or
 * followed by " - " (Android), then the sender and text, or a notice of the chat's own.
 */
const MESSAGE_LINE =
  /^\u200e?\[?(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?(?:[ \u00a0\u202f]?([AaPp])\.? ?[Mm]\.?)?(?:\] | [-–—] )(.*)$/;
/** What a phone writes for what it left out of an export or cannot show as text: not a word of the chat. */
const PLACEHOLDER =
  /^\u200e?(?:<(?:media omitted|без медиафайлов|медиафайл отсутствует|this message was edited|сообщение изменено)>|(?:image|video|audio|sticker|gif|document|contact card) omitted|(?:изображение|видео|аудио|стикер|gif|документ|карточка контакта) отсутствует|this message was deleted|данное сообщение удалено|you deleted this message|вы удалили данное сообщение|null)$/i;
/** What the sender's name may look like: a saved name or a phone number, not a sentence. */
const SENDER = /^[^:\n]{1,80}$/;
/** A file name the export names: `IMG-20261205-WA0001.jpg (file attached)`, `<attached: 00000012-PHOTO-….jpg>`. */
const ATTACHED =
  /^\u200e?(?:<attached: (.+)>|(.+\.[A-Za-z0-9]{2,5}) \((?:file attached|файл добавлен|файл прикреплён)\))$/;

interface Message {
  day: { first: number; second: number; year: number };
  time: string;
  sender: string;
  lines: string[];
}

/** A chat export's first lines: its first non-blank line and at least one more are message lines. */
export function looksLikeWhatsAppChat(head: string): boolean {
  const lines = head
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .slice(0, 40);
  const first = lines.find((line) => line.trim() !== '');
  if (!first || !MESSAGE_LINE.test(first)) return false;
  return lines.filter((line) => MESSAGE_LINE.test(line)).length >= 2;
}

export function parseWhatsAppChat(bytes: Uint8Array, limits: ParseLimits, fileName?: string): ParserResult {
  const { text, encoding } = decodeText(bytes);
  const { messages, count, order } = readMessages(text);
  const warnings: string[] = [];
  const dayFirst = isDayFirst(order, warnings);
  const chat = chatName(fileName);

  const days = new Map<string, Message[]>();
  let unreadable = 0;
  for (const message of messages) {
    const day = isoDay(message.day, dayFirst);
    if (!day) {
      unreadable++;
      continue;
    }
    const dayMessages = days.get(day);
    if (dayMessages) dayMessages.push(message);
    else days.set(day, [message]);
  }
  if (unreadable > 0) warnings.push(`${unreadable} messages have a date no calendar has, and were left out`);
  if (days.size > limits.maxArchiveEntries)
    throw new ChronicleError(
      'DECOMPRESSION_LIMIT',
      `the chat spans ${days.size} days; the limit is ${limits.maxArchiveEntries}: export it in parts`,
    );

  const children: ChildDocument[] = [];
  let stored = 0;
  for (const [day, dayMessages] of days) {
    const written: string[] = [];
    const senders = new Set<string>();
    for (const message of dayMessages) {
      const line = writtenMessage(message);
      if (line === null) continue;
      written.push(line);
      senders.add(message.sender);
    }
    if (written.length === 0) continue;
    stored += written.length;
    children.push({
      name: `day-${day}.txt`,
      bytes: new TextEncoder().encode(`${written.join('\n')}\n`),
      relation: 'message',
      // An export made during the day stops at that moment; the next one holds the whole day.
      growsAcrossExports: true,
      metadata: {
        title: chat ? `WhatsApp: ${chat}, ${day}` : `WhatsApp, ${day}`,
        author: senders.size === 1 ? [...senders][0]! : null,
        publisher: chat,
        publishedAt: day,
      },
    });
  }
  return {
    text: chat ?? '',
    title: chat ? `WhatsApp: ${chat}` : 'WhatsApp chat',
    encoding,
    metadata: {
      whatsappChat: chat,
      messageCount: count,
      messagesWithText: stored,
      dayCount: children.length,
      dateOrder: dayFirst ? 'day-month-year' : 'month-day-year',
    },
    children,
    warnings,
  };
}

/** What the dates of a whole file say of their order, gathered while it is read. */
interface DateOrderSeen {
  firstPast12: boolean;
  secondPast12: boolean;
  differ: boolean;
}

/**
 * Lines into messages: a line without a date continues the message before it (a message of several lines). What
 * the chat says of itself, with no sender, is only counted: a file of a million notices holds nothing to keep.
 */
function readMessages(text: string): { messages: Message[]; count: number; order: DateOrderSeen } {
  const messages: Message[] = [];
  const order: DateOrderSeen = { firstPast12: false, secondPast12: false, differ: false };
  let count = 0;
  let current: Message | null = null;
  for (const line of text.replace(/^\ufeff/, '').split(/\r?\n/)) {
    const m = MESSAGE_LINE.exec(line);
    if (!m) {
      current?.lines.push(line);
      continue;
    }
    count++;
    const [, first, , second, year, hour, minute, , meridiem, rest] = m;
    const day = { first: Number(first), second: Number(second), year: Number(year!.length === 2 ? `20${year}` : year) };
    order.firstPast12 ||= day.first > 12;
    order.secondPast12 ||= day.second > 12;
    order.differ ||= day.first !== day.second;
    const colon = rest!.indexOf(': ');
    if (colon <= 0 || !SENDER.test(rest!.slice(0, colon))) {
      current = null;
      continue;
    }
    current = {
      day,
      time: clockTime(Number(hour), minute!, meridiem),
      sender: rest!.slice(0, colon).replace(/\u200e/g, ''),
      lines: [rest!.slice(colon + 2)],
    };
    messages.push(current);
  }
  return { messages, count, order };
}

/** `2:03` with `P` → '14:03'; `12:10` with `A` → '00:10'. */
function clockTime(hour: number, minute: string, meridiem: string | undefined): string {
  const h = meridiem === undefined ? hour : (hour % 12) + (/p/i.test(meridiem) ? 12 : 0);
  return `${String(h).padStart(2, '0')}:${minute}`;
}

/**
 * Whether the file writes the day first. A first field past 12 can only be a day, a second one only a day too; a
 * file that never says is read day-first (as every locale with dots is), and the warning says so.
 */
function isDayFirst(order: DateOrderSeen, warnings: string[]): boolean {
  if (order.firstPast12) return true;
  if (order.secondPast12) return false;
  if (order.differ) warnings.push('the dates could be day-first or month-first: they were read day-first');
  return true;
}

function isoDay(day: Message['day'], dayFirst: boolean): string | null {
  const [d, m] = dayFirst ? [day.first, day.second] : [day.second, day.first];
  const iso = `${day.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCalendarDay(iso) ? iso : null;
}

/** `14:03 Анна: Текст`, a message's later lines after it; null for a placeholder or an iPhone's notice. */
function writtenMessage(message: Message): string | null {
  // An iPhone marks what the chat says of itself ("Messages and calls are end-to-end encrypted", "image omitted")
  // with a left-to-right mark before the text.
  if (message.lines[0]!.startsWith('\u200e') && !ATTACHED.test(message.lines[0]!)) return null;
  const lines = message.lines.map((line) => {
    const attached = ATTACHED.exec(line.trim());
    return attached ? `[${attached[1] ?? attached[2]}]` : line.replace(/\u200e/g, '');
  });
  const body = lines.join('\n').trim();
  if (body === '' || PLACEHOLDER.test(body)) return null;
  return `${message.time} ${message.sender}: ${body}`;
}

/**
 * The chat's name, which the file itself never holds: its phone names the export after it, in the phone's language
 * (`WhatsApp Chat with Мама.txt`, `WhatsApp Chat - Мама.zip` holding `_chat.txt`, `Чат WhatsApp с Мама.txt`).
 */
function chatName(fileName: string | undefined): string | null {
  if (!fileName) return null;
  for (const part of fileName.split('!').reverse()) {
    // A second download of the same name is `… (2).txt`.
    const base = part
      .split('/')
      .pop()!
      .replace(/\.(txt|zip)$/i, '')
      .replace(/\s*\(\d+\)$/, '');
    const m = /^(?:WhatsApp Chat (?:with|-)|Чат WhatsApp (?:с|-)|WhatsApp-чат с)\s+(.+)$/i.exec(base);
    if (m) return m[1]!.trim();
  }
  return null;
}
