/**
 * A Telegram chat or channel exported by Telegram Desktop as JSON ("Export chat history", machine-readable format:
 * `result.json`). Monitors keep channels this way, and each post is a report of its own: one source per message,
 * linked to the export (which is kept, byte for byte, as the source they came from), dated by the message, with its
 * author (for a forward, whom it was forwarded from) and the chat as publisher.
 * Messages with no text (a photo alone, a service message: "pinned a message") are counted, not stored.
 */
import { ChronicleError } from '../../shared/errors.js';
import { toIsoDate } from '../iso-date.js';
import type { ChildDocument, ParseLimits, ParserResult } from '../parse-types.js';

/** Telegram Desktop's chat types (its export's top-level `type`). */
const CHAT_TYPES =
  /^(public_channel|private_channel|personal_chat|private_group|private_supergroup|public_supergroup|bot_chat|saved_messages)$/;

/**
 * What a chat's export starts with, as Telegram Desktop writes it: `{ "name": …, "type": …, "id": …, "messages": [`
 * (Saved Messages have no name). A whole account's export starts otherwise (`"about"`, then contacts and a list
 * of chats) and is not taken for one chat's.
 */
const EXPORT_HEAD =
  /^\s*\{\s*(?:"name"\s*:\s*(?:"(?:[^"\\]|\\.)*"|null)\s*,\s*)?"type"\s*:\s*"([a-z_]+)"\s*,\s*"id"\s*:\s*-?\d+\s*,\s*"messages"\s*:\s*\[/;

export function looksLikeTelegramExport(head: string): boolean {
  return CHAT_TYPES.test(EXPORT_HEAD.exec(head)?.[1] ?? '');
}

/**
 * What a whole account's export (Telegram Desktop's "Export Telegram data", `result.json`) starts with: `"about"`,
 * then one of the sections its owner chose — personal information, contacts, sessions, chats.
 */
const ACCOUNT_EXPORT_HEAD =
  /^\s*\{\s*"about"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*"(?:personal_information|profile_pictures|stories|contacts|frequent_contacts|sessions|web_sessions|chats|left_chats|other_data)"\s*:/;

/**
 * Whether a text is a whole Telegram account's export. It holds its owner's phone number, contacts and sessions
 * beside every chat: stored, they would be kept byte for byte and searchable in the workspace, with the same
 * confidentiality as the reports. It is refused with a word on exporting the chats themselves.
 */
export function looksLikeTelegramAccountExport(head: string): boolean {
  return ACCOUNT_EXPORT_HEAD.test(head);
}

export const TELEGRAM_ACCOUNT_REFUSAL =
  "a whole Telegram account's export holds its owner's phone number, contacts and sessions, which are not to be " +
  'stored: export each chat or channel itself (Telegram Desktop: the chat\'s menu, "Export chat history", JSON or HTML)';

type TextPart = string | { type?: string; text?: string; href?: string };

interface ExportedMessage {
  id?: number;
  type?: string;
  date?: string;
  date_unixtime?: string;
  from?: string | null;
  forwarded_from?: string | null;
  reply_to_message_id?: number;
  text?: string | TextPart[];
  photo?: string;
  file?: string;
  media_type?: string;
}

export function parseTelegramExport(bytes: Uint8Array, limits: ParseLimits): ParserResult {
  let exported: { name?: unknown; type?: unknown; id?: unknown; messages?: unknown };
  try {
    exported = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (error) {
    throw new ChronicleError('PARSE_FAILED', `Telegram export could not be read (${(error as Error).message})`);
  }
  if (
    typeof exported !== 'object' ||
    exported === null ||
    !Array.isArray(exported.messages) ||
    !CHAT_TYPES.test(String(exported.type))
  )
    throw new ChronicleError('PARSE_FAILED', 'Telegram export has no chat type or no list of messages');
  const chat = typeof exported.name === 'string' && exported.name.trim() ? exported.name.trim() : null;
  const messages = exported.messages as ExportedMessage[];

  const children: ChildDocument[] = [];
  let withoutText = 0;
  let service = 0;
  let first: string | null = null;
  let last: string | null = null;
  for (const message of messages) {
    if (typeof message !== 'object' || message === null) continue;
    if (message.type !== 'message') {
      service++;
      continue;
    }
    const text = plainText(message.text).trim();
    if (!text) {
      withoutText++;
      continue;
    }
    const sentAt = messageDate(message);
    if (sentAt) {
      if (first === null || sentAt < first) first = sentAt;
      if (last === null || sentAt > last) last = sentAt;
    }
    const id = Number.isSafeInteger(message.id) ? String(message.id) : String(children.length + 1);
    // A forward's words are the forwarded author's; the channel that passed them on is the publisher.
    const author = nonBlank(message.forwarded_from) ?? nonBlank(message.from);
    children.push(messageChild(id, text, { publishedAt: sentAt, author, publisher: chat }));
  }
  if (children.length > limits.maxArchiveEntries) {
    throw new ChronicleError(
      'DECOMPRESSION_LIMIT',
      `Telegram export has ${children.length} messages with text; the limit is ${limits.maxArchiveEntries} a file: export the chat in date ranges`,
    );
  }
  return exportResult(chat, children, {
    telegramChatType: exported.type,
    ...(typeof exported.id === 'number' || typeof exported.id === 'string' ? { telegramChatId: exported.id } : {}),
    ...(withoutText > 0 ? { messagesWithoutText: withoutText } : {}),
    ...(service > 0 ? { serviceMessages: service } : {}),
    ...(first ? { firstMessageAt: first, lastMessageAt: last } : {}),
  });
}

/** One message as a child of its export: `message-<id>`, its text as UTF-8, what it says of itself. */
export function messageChild(
  id: string,
  text: string,
  metadata: NonNullable<ChildDocument['metadata']>,
): ChildDocument {
  return { name: `message-${id}`, bytes: new TextEncoder().encode(text), relation: 'message', metadata };
}

/**
 * An export as a source: the messages are the reports, each a child; the export's own text is the chat's name, so
 * that it is found by it and its language is the chat's, not that of a line we would write about it.
 */
export function exportResult(
  chat: string | null,
  children: ChildDocument[],
  metadata: Record<string, unknown>,
): ParserResult {
  return {
    text: chat ?? '',
    title: chat ? `Telegram: ${chat}` : 'Telegram export',
    encoding: null,
    metadata: { telegramChat: chat, messageCount: children.length, ...metadata },
    children,
  };
}

function nonBlank(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/**
 * A message's text: a string, or a list of strings and entities (`{ type: 'bold', text: '…' }`, a link with its
 * `href`), joined as the reader sees them.
 */
function plainText(text: ExportedMessage['text']): string {
  if (typeof text === 'string') return text;
  if (!Array.isArray(text)) return '';
  return text
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part && typeof part === 'object' && typeof part.text === 'string') {
        // A text link shows a word, not its address: the address follows it, as in a plain-text rendering.
        return part.type === 'text_link' && typeof part.href === 'string' ? `${part.text} (${part.href})` : part.text;
      }
      return '';
    })
    .join('');
}

/**
 * When it was sent, in UTC: `date_unixtime` (seconds), which Telegram Desktop has written since 2021. An older
 * export has only `date`, the exporting machine's local time without a zone: taken as written, so the day stays the
 * day it says.
 */
function messageDate(message: ExportedMessage): string | null {
  const seconds = Number(message.date_unixtime);
  if (message.date_unixtime !== undefined && Number.isFinite(seconds) && seconds > 0)
    return new Date(seconds * 1000).toISOString();
  return typeof message.date === 'string' ? toIsoDate(message.date) : null;
}
