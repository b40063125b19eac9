/**
 * Outlook items (.msg: a letter dragged out of Outlook onto the desktop) → text, as an e-mail is read: subject →
 * title, sender → author, time sent → publishedAt, the plain body (else the HTML body, else the RTF body Outlook
 * keeps compressed) → text, every attachment a child document. @kenjiuno/msgreader reads the Compound File; its
 * 8-bit strings (older Outlook, Windows-1251 on Russian systems) are decoded in the message's own code page.
 */
import decompressRtfModule from '@kenjiuno/decompressrtf';
import msgreaderModule, { type FieldsData } from '@kenjiuno/msgreader';
import iconv from 'iconv-lite';
import rtfStreamParser from 'rtf-stream-parser';
import { ChronicleError, describeError } from '../../shared/errors.js';
import { iconvNameOfCodePage } from '../decode-text.js';
import { toIsoDate } from '../iso-date.js';
import { normalizeProducedText, type ParseLimits, type ParserResult } from '../parse-types.js';
import { readableAttachments } from './eml.js';
import { htmlToDocument } from './html.js';
import { parseRtf } from './rtf.js';

// A CommonJS module whose class is its `default` export: Node's ESM interop hands over the whole `module.exports`.
type MsgReaderClass = (typeof msgreaderModule)['default'];
const MsgReader: MsgReaderClass =
  (msgreaderModule as unknown as { default?: MsgReaderClass }).default ??
  (msgreaderModule as unknown as MsgReaderClass);
type Reader = InstanceType<MsgReaderClass>;

export async function parseMsg(bytes: Uint8Array, limits: ParseLimits): Promise<ParserResult> {
  let { reader, fields } = read(bytes, undefined);
  // PidTagMessageCodepage: the code page of the message's 8-bit strings. Read a second time in it if it is not ours.
  const codePage = fields.messageCodepage ?? fields.internetCodepage;
  const encoding = codePage === undefined ? null : iconvNameOfCodePage(codePage);
  // Unicode strings are stored as such (PT_UNICODE): a Unicode code page leaves nothing 8-bit to read again.
  if (encoding && encoding !== 'utf16le' && encoding !== 'utf-8') ({ reader, fields } = read(bytes, encoding));

  const warnings: string[] = [];
  const text = bodyText(fields, warnings);
  const listed = fields.attachments ?? [];
  if (listed.length > limits.maxArchiveEntries) {
    throw new ChronicleError(
      'DECOMPRESSION_LIMIT',
      `Outlook message has ${listed.length} attachments; the limit is ${limits.maxArchiveEntries}`,
    );
  }
  const attachments: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const attachment of listed) {
    try {
      const data = reader.getAttachment(attachment);
      attachments.push({ name: data.fileName || attachment.fileName || attachment.name || '', bytes: data.content });
    } catch (error) {
      warnings.push(
        `attachment ${attachment.fileName ?? attachment.name ?? ''} could not be read (${describeError(error)})`,
      );
    }
  }
  const { children, notRead } = readableAttachments(attachments, warnings, limits.maxArchiveEntries);

  const sender = fields.senderSmtpAddress ?? (fields.senderAddressType === 'EX' ? undefined : fields.senderEmail);
  const from = address(fields.senderName, sender);
  const recipients = (type: string) =>
    (fields.recipients ?? [])
      .filter((r) => r.recipType === type)
      .map((r) => address(r.name, r.smtpAddress ?? r.email))
      .filter((a): a is string => a !== null);
  const sent = fields.clientSubmitTime ?? fields.messageDeliveryTime ?? null;
  return {
    text,
    title: fields.subject?.trim() || null,
    author: fields.senderName?.trim() || sender || null,
    publishedAt: toIsoDate(sent),
    encoding: null,
    metadata: {
      from,
      to: recipients('to'),
      cc: recipients('cc'),
      messageId: fields.messageId ?? null,
      date: toIsoDate(sent),
      subject: fields.subject ?? null,
      ...(fields.messageClass && fields.messageClass !== 'IPM.Note' ? { messageClass: fields.messageClass } : {}),
      attachmentCount: children.length,
      ...(notRead.length > 0 ? { notRead } : {}),
    },
    children,
    warnings,
  };
}

function read(bytes: Uint8Array, ansiEncoding: string | undefined): { reader: Reader; fields: FieldsData } {
  let reader: Reader;
  let fields: FieldsData;
  try {
    // The reader takes an ArrayBuffer of its own: a Buffer's may be a pool shared with other data.
    reader = new MsgReader(bytes.slice().buffer);
    if (ansiEncoding) reader.parserConfig = { ansiEncoding };
    fields = reader.getFileData();
  } catch (error) {
    throw new ChronicleError('PARSE_FAILED', `Outlook message could not be read (${describeError(error)})`);
  }
  if (fields.error) throw new ChronicleError('PARSE_FAILED', `Outlook message could not be read (${fields.error})`);
  return { reader, fields };
}

/** The plain body, else the HTML body (all of it: a greeting and a signature are evidence too), else the RTF body. */
function bodyText(fields: FieldsData, warnings: string[]): string {
  if (fields.body?.trim()) return normalizeProducedText(fields.body);
  const html =
    fields.bodyHtml ??
    (fields.html ? iconv.decode(Buffer.from(fields.html), htmlEncoding(fields.internetCodepage)) : undefined);
  if (html?.trim()) return htmlToDocument(html, { mainContent: false }).text;
  if (!fields.compressedRtf) return '';
  try {
    const rtf = Buffer.from(decompressRtf(fields.compressedRtf));
    // Outlook keeps an HTML or plain body that came by mail "encapsulated" in RTF (MS-OXRTFEX); one written in
    // Outlook is RTF proper.
    if (/\\fromhtml1|\\fromtext/.test(rtf.subarray(0, 4096).toString('latin1'))) {
      const inner = rtfStreamParser.deEncapsulateSync(rtf, { decode: iconv.decode, warn: () => {} });
      const content = String(inner.text);
      return inner.mode === 'html'
        ? htmlToDocument(content, { mainContent: false }).text
        : normalizeProducedText(content);
    }
    return parseRtf(rtf).text;
  } catch (error) {
    warnings.push(`the message's RTF body could not be read (${describeError(error)})`);
    return '';
  }
}

/** PidTagRtfCompressed (MS-OXRTFCP) → RTF, by the decoder of msgreader's authors. */
function decompressRtf(compressed: Uint8Array): number[] {
  return decompressRtfModule.decompressRTF(Array.from(compressed));
}

function htmlEncoding(codePage: number | undefined): string {
  return (codePage === undefined ? null : iconvNameOfCodePage(codePage)) ?? 'utf-8';
}

function address(name: string | undefined, email: string | undefined): string | null {
  const cleanName = name?.trim();
  const cleanEmail = email?.trim();
  if (cleanName && cleanEmail && cleanName !== cleanEmail) return `${cleanName} <${cleanEmail}>`;
  return cleanEmail || cleanName || null;
}
