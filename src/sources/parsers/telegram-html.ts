/**
 * A Telegram chat or channel exported by Telegram Desktop as HTML, its default format (`messages.html`,
 * `messages2.html`, … of a thousand messages each, beside `css/`, `js/` and `photos/`). Read as the JSON export is
 * (parsers/telegram.ts): each message with text a source of its own, dated and signed, linked to the page it came
 * from. The markup is Telegram Desktop's: a message is `div.message.default` with its time in the `title` of
 * `div.date` ("05.03.2024 10:00:00 UTC+03:00"; older exports leave out the zone), its author in `div.from_name`
 * (left out of a message "joined" to the one before it, by the same author) and its text in `div.text`; a forward
 * holds the forwarded author and text in `div.forwarded`.
 */
import { parseHTML } from 'linkedom';
import { ChronicleError } from '../../shared/errors.js';
import type { ChildDocument, ParseLimits, ParserResult } from '../parse-types.js';
import { type DomNode, decodeHtml, visibleText } from './html.js';
import { exportResult, messageChild } from './telegram.js';

interface Element extends DomNode {
  id: string;
  textContent: string | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Element>;
  getAttribute(name: string): string | null;
}

export function parseTelegramHtml(bytes: Uint8Array, limits: ParseLimits): ParserResult {
  const { text: html } = decodeHtml(bytes);
  const { document } = parseHTML(html) as unknown as { document: Element };
  const chat = clean(document.querySelector('.page_header .text.bold')?.textContent);
  const messages = document.querySelectorAll('div.message.default');
  if (messages.length > limits.maxArchiveEntries) {
    throw new ChronicleError(
      'DECOMPRESSION_LIMIT',
      `Telegram export page has ${messages.length} messages; the limit is ${limits.maxArchiveEntries} a file`,
    );
  }
  const children: ChildDocument[] = [];
  let withoutText = 0;
  let author: string | null = null;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]!;
    const body = directChild(message, 'body');
    if (!body) continue;
    // A message joined to the one before it has no name of its own: it is the same author's.
    author = clean(directChild(body, 'from_name')?.textContent) ?? (isJoined(message) ? author : null);
    const forwarded = directChild(body, 'forwarded');
    const forwardedFrom = forwarded ? forwardedAuthor(forwarded) : null;
    const textElement = directChild(forwarded ?? body, 'text') ?? directChild(body, 'text');
    const text = textElement ? visibleText(textElement) : '';
    if (!text) {
      withoutText++;
      continue;
    }
    const id = /^message(\d+)$/.exec(message.id)?.[1] ?? String(children.length + 1);
    const publishedAt = messageTime(body.querySelector('.date.details')?.getAttribute('title') ?? null);
    children.push(messageChild(id, text, { publishedAt, author: forwardedFrom ?? author, publisher: chat }));
  }
  if (children.length === 0 && messages.length === 0 && !chat)
    throw new ChronicleError('PARSE_FAILED', 'Telegram export page holds no messages');
  return exportResult(chat, children, withoutText > 0 ? { messagesWithoutText: withoutText } : {});
}

/** The first child element of `parent` with `className` among its classes. */
function directChild(parent: Element, className: string): Element | null {
  for (let node = parent.firstChild as Element | null; node; node = node.nextSibling as Element | null) {
    if (node.nodeType === 1 && (node.getAttribute('class') ?? '').split(/\s+/).includes(className)) return node;
  }
  return null;
}

function isJoined(message: Element): boolean {
  return (message.getAttribute('class') ?? '').split(/\s+/).includes('joined');
}

/** `div.forwarded > div.from_name` is the name, then a `span.details` with the original's date: the name only. */
function forwardedAuthor(forwarded: Element): string | null {
  const name = directChild(forwarded, 'from_name');
  if (!name) return null;
  let text = '';
  for (let node = name.firstChild as Element | null; node; node = node.nextSibling as Element | null)
    if (node.nodeType === 3) text += node.nodeValue ?? '';
  return clean(text);
}

/**
 * `05.03.2024 10:00:00 UTC+03:00` → '2024-03-05T07:00:00.000Z'. Without a zone (exports before 2021), the time is
 * the exporting machine's: taken as written, so the day stays the day it says.
 */
export function messageTime(title: string | null): string | null {
  const match = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: UTC([+-])(\d{2}):(\d{2}))?$/.exec(
    title?.trim() ?? '',
  );
  if (!match) return null;
  const [, day, month, year, hour, minute, second, sign, zoneHours, zoneMinutes] = match;
  const local = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const check = new Date(local);
  if (check.getUTCDate() !== Number(day) || check.getUTCMonth() !== Number(month) - 1) return null;
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes)) : 0;
  return new Date(local - offset * 60_000).toISOString();
}

function clean(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}
