/**
 * A web page saved whole (MHTML: `.mht`, `.mhtml`; "Save as… Webpage, single file" in Chrome, Edge, Internet Explorer)
 * → the page's text and what the page says about itself. The file is a MIME message, but not mail: its `Date` is when
 * the page was saved, not when it was published, its `From` is the browser ("<Saved by Blink>"), and its other parts
 * are the page's pictures and style sheets. So the page (the part saved from the snapshot's address, else the first
 * HTML part) is read as an HTML page is — main text, title, author, published date and canonical address from its
 * own markup — and the saving is kept as metadata; the resources stay in the original, kept byte for byte.
 */
import PostalMime, { type Email } from 'postal-mime';
import { ChronicleError, describeError } from '../../shared/errors.js';
import { webUrl } from '../../shared/web-url.js';
import { decodeWithCharset } from '../decode-text.js';
import { toIsoDate } from '../iso-date.js';
import type { ParserResult } from '../parse-types.js';
import { decodeHtml, htmlToDocument } from './html.js';
import { withUtf8Headers } from './mail-headers.js';

const MAX_MIME_DEPTH = 50;

interface HtmlPart {
  bytes: Uint8Array;
  charset: string | null;
  location: string | null;
}

interface MimeNodeLike {
  contentType?: {
    value?: string;
    parsed?: { value?: string; params?: Record<string, string | undefined> };
    multipart?: unknown;
  };
  contentDisposition?: { parsed?: { value?: string } };
  headers?: Array<{ key?: string; value?: string }>;
  content?: ArrayBuffer | Uint8Array | null;
}

export async function parseMhtml(bytes: Uint8Array): Promise<ParserResult> {
  const parser = new PostalMime({ maxNestingDepth: MAX_MIME_DEPTH, maxRfc822NestingDepth: 1 });
  const htmlParts: HtmlPart[] = [];
  const resources: string[] = [];
  // Internal hook (postal-mime 4.0 `collectNode(node, …)`), as the e-mail parser's: the page's part as bytes with
  // its charset, which postal-mime would decode as UTF-8 when the part names none (the page's <meta> may name one).
  // Should a later version rename it, the page is read from postal-mime's own decoded HTML instead.
  const hooked = parser as unknown as { collectNode?: (node: MimeNodeLike, ...rest: unknown[]) => Promise<void> };
  const original = hooked.collectNode;
  if (typeof original === 'function') {
    hooked.collectNode = function (this: unknown, node: MimeNodeLike, ...rest: unknown[]) {
      if (!node?.contentType?.multipart && node?.content) {
        const type = node.contentType?.parsed?.value ?? '';
        if (type === 'text/html' && node.contentDisposition?.parsed?.value !== 'attachment') {
          htmlParts.push({
            bytes: node.content instanceof Uint8Array ? node.content : new Uint8Array(node.content),
            charset: node.contentType?.parsed?.params?.charset ?? null,
            location: headerIn(node.headers, 'content-location'),
          });
        } else {
          resources.push(type || 'application/octet-stream');
        }
      }
      return original.call(this, node, ...rest);
    };
  }

  let email: Email;
  try {
    email = await parser.parse(withUtf8Headers(bytes));
  } catch (error) {
    throw new ChronicleError('PARSE_FAILED', `saved web page could not be read (${describeError(error)})`);
  }

  const snapshotUrl = headerIn(email.headers, 'snapshot-content-location');
  const page = htmlParts.find((part) => snapshotUrl !== null && part.location === snapshotUrl) ?? htmlParts[0] ?? null;
  let markup: string;
  if (page) markup = page.charset ? decodeWithCharset(page.bytes, page.charset).text : decodeHtml(page.bytes).text;
  else if (email.html) markup = email.html;
  else throw new ChronicleError('PARSE_FAILED', 'saved web page has no HTML part');

  const read = htmlToDocument(markup, { mainContent: true });
  const address = webUrl(snapshotUrl ?? page?.location ?? '');
  const savedBy = email.from ? (email.from.name || email.from.address || '').replace(/^<|>$/g, '').trim() : '';
  const frames = Math.max(0, htmlParts.length - 1);
  return {
    ...read,
    title: read.title ?? (email.subject?.trim() || null),
    url: read.url ?? address,
    encoding: null,
    metadata: {
      ...read.metadata,
      ...(address ? { savedFrom: address } : {}),
      ...(toIsoDate(email.date) ? { savedAt: toIsoDate(email.date) } : {}),
      ...(savedBy ? { savedBy } : {}),
      ...(resources.length > 0 ? { resources: resources.length } : {}),
      ...(frames > 0 ? { framesNotRead: frames } : {}),
    },
  };
}

/** A header's value among a message's or a part's headers (postal-mime gives both, names in lower case), or null. */
function headerIn(headers: Array<{ key?: string; value?: string }> | undefined, name: string): string | null {
  const value = headers?.find((h) => h.key === name)?.value;
  return value ? value.trim() : null;
}
