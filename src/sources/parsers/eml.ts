/**
 * E-mail (.eml, RFC 5322/MIME) through postal-mime: headers become metadata (subject → title, from → author,
 * date → publishedAt), the text part (or else the HTML part, read like an HTML page) becomes the text, and every
 * attachment becomes a child document. postal-mime hands attachments over as bytes without their charset, so the
 * charset is taken from the MIME part as it is collected, and plain-text attachments are re-encoded as UTF-8 so their
 * own parse cannot guess a different code page.
 */
import PostalMime, { type Address, type Attachment, type Email } from 'postal-mime';
import { ChronicleError, describeError } from '../../shared/errors.js';
import { decodeWithCharset, normalizeCharset } from '../decode-text.js';
import { whyNotADocument } from '../detect.js';
import { toIsoDate } from '../iso-date.js';
import type { ChildDocument, KeptNotRead, ParseLimits, ParserResult } from '../parse-types.js';
import { normalizeProducedText } from '../parse-types.js';
import { htmlToDocument } from './html.js';
import { withUtf8Headers } from './mail-headers.js';
import { isTnef, tnefAttachments } from './tnef.js';
import { safeChildName } from './zip.js';

/** MIME nesting deeper than this is an attack, not a message (postal-mime's own default is 256). */
const MAX_MIME_DEPTH = 50;
const TRANSCODED_TEXT = /^text\/(plain|markdown|csv|x-markdown)$/;

interface MimeNodeLike {
  contentType?: { parsed?: { params?: Record<string, string | undefined> } };
}

export async function parseEml(bytes: Uint8Array, limits: ParseLimits): Promise<ParserResult> {
  const parser = new PostalMime({ maxNestingDepth: MAX_MIME_DEPTH, maxRfc822NestingDepth: 5 });
  const charsets = new WeakMap<object, string>();
  // Internal hook (postal-mime 4.0 `collectAttachment(node, …)`): read the part's charset parameter. If a future
  // version renames it, attachments are still collected and their charset is guessed from the bytes instead.
  const hooked = parser as unknown as {
    collectAttachment?: (node: MimeNodeLike, ...rest: unknown[]) => unknown;
    attachments?: Attachment[];
  };
  const original = hooked.collectAttachment;
  if (typeof original === 'function') {
    hooked.collectAttachment = function (this: typeof hooked, node: MimeNodeLike, ...rest: unknown[]) {
      const result = original.call(this, node, ...rest);
      const last = this.attachments?.at(-1);
      const charset = node?.contentType?.parsed?.params?.charset;
      if (last && charset) charsets.set(last, String(charset));
      return result;
    };
  }

  let email: Email;
  try {
    email = await parser.parse(withUtf8Headers(bytes));
  } catch (error) {
    throw new ChronicleError('PARSE_FAILED', `e-mail could not be read (${describeError(error)})`);
  }

  const warnings: string[] = [];
  let text = '';
  if (email.text?.trim()) {
    text = normalizeProducedText(email.text);
  } else if (email.html) {
    // An e-mail's greeting and signature are evidence too: the whole visible body, not Readability's "article".
    text = htmlToDocument(email.html, { mainContent: false }).text;
  }

  if (email.attachments.length > limits.maxArchiveEntries) {
    throw new ChronicleError(
      'DECOMPRESSION_LIMIT',
      `e-mail has ${email.attachments.length} attachments; the limit is ${limits.maxArchiveEntries}`,
    );
  }
  const { children, notRead } = readableAttachments(
    email.attachments.map((attachment) => ({
      name: attachment.filename ?? '',
      bytes: attachmentBytes(attachment, charsets.get(attachment) ?? null, warnings),
    })),
    warnings,
    limits.maxArchiveEntries,
  );

  const from = formatAddress(email.from);
  const author = email.from && !email.from.group ? email.from.name || email.from.address || null : from;
  return {
    text,
    title: email.subject?.trim() || null,
    author: author ? author.trim() : null,
    publishedAt: toIsoDate(email.date),
    encoding: null,
    metadata: {
      from,
      to: (email.to ?? []).map(formatAddress).filter(Boolean),
      cc: (email.cc ?? []).map(formatAddress).filter(Boolean),
      messageId: email.messageId ?? null,
      date: email.date ?? null,
      subject: email.subject ?? null,
      ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
      attachmentCount: children.length,
      ...(notRead.length > 0 ? { notRead } : {}),
    },
    children,
    warnings,
  };
}

/**
 * A message's attachments as its children, named safely (`attachment-3` for one without a name). A photo of a page
 * is a document of its own; a signature's logo or an icon is part of the message, not a report: it stays in the
 * message's original (kept byte for byte) and is listed, as is a file of a type we do not read, rather than failing
 * the message on every ingest. Outlook's `winmail.dat` is opened: the files in it are the message's attachments.
 */
export function readableAttachments(
  listed: Array<{ name: string; bytes: Uint8Array }>,
  warnings: string[],
  maxAttachments: number,
): { children: ChildDocument[]; notRead: KeptNotRead[] } {
  const children: ChildDocument[] = [];
  const notRead: KeptNotRead[] = [];
  const attachments = listed.flatMap((attachment) => {
    if (!isTnef(attachment.bytes)) return [attachment];
    try {
      return tnefAttachments(attachment.bytes, maxAttachments);
    } catch (error) {
      const name = safeChildName(attachment.name || 'winmail.dat', 'winmail.dat');
      notRead.push({ name, bytes: attachment.bytes.length, reason: describeError(error) });
      return [];
    }
  });
  if (attachments.length > maxAttachments)
    throw new ChronicleError('DECOMPRESSION_LIMIT', `the message has more than ${maxAttachments} attachments`);
  attachments.forEach((attachment, i) => {
    const name = safeChildName(attachment.name || `attachment-${i + 1}`, `attachment-${i + 1}`);
    const reason = whyNotADocument(attachment.bytes, name);
    if (reason === null) children.push({ name, bytes: attachment.bytes, relation: 'attachment' });
    else notRead.push({ name, bytes: attachment.bytes.length, reason });
  });
  for (const a of notRead) warnings.push(`attachment ${a.name} is kept in the original message, not read: ${a.reason}`);
  return { children, notRead };
}

function attachmentBytes(attachment: Attachment, charset: string | null, warnings: string[]): Uint8Array {
  const content = attachment.content;
  const raw =
    typeof content === 'string'
      ? new TextEncoder().encode(content)
      : content instanceof Uint8Array
        ? content
        : new Uint8Array(content);
  const label = normalizeCharset(charset);
  if (TRANSCODED_TEXT.test(attachment.mimeType) && label && label !== 'utf-8') {
    const decoded = decodeWithCharset(raw, label);
    warnings.push(`attachment ${attachment.filename ?? ''} re-encoded from ${label} to UTF-8`.replace('  ', ' '));
    return new TextEncoder().encode(decoded.text);
  }
  return raw;
}

function formatAddress(address: Address | undefined): string | null {
  if (!address) return null;
  if (address.group) return `${address.name}: ${address.group.map((m) => formatAddress(m)).join(', ')}`;
  if (address.name && address.address) return `${address.name} <${address.address}>`;
  return address.address || address.name || null;
}
