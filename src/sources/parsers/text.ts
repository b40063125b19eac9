/**
 * Plain text and Markdown: decoded, BOM removed, nothing else changed, so an offset into the text is an offset into
 * the file's characters. Markdown is kept as written (its markup is harmless to extraction).
 */
import { decodeText } from '../decode-text.js';
import type { ParserResult } from '../parse-types.js';

export function parseText(bytes: Uint8Array): ParserResult {
  const { text, encoding } = decodeText(bytes);
  const warnings: string[] = [];
  if (text.includes('\ufffd')) warnings.push('some bytes could not be decoded and were replaced with U+FFFD');
  return { text, encoding, warnings };
}

/** `parseMarkdown(utf8('# Обыск у Ивановой\n\nТекст'))` → text unchanged, title 'Обыск у Ивановой'. */
export function parseMarkdown(bytes: Uint8Array): ParserResult {
  const result = parseText(bytes);
  const heading = /^ {0,3}#\s+(.+?)\s*#*\s*$/m.exec(result.text.slice(0, 64 * 1024));
  const setext = /^(\S.*)\n=+\s*$/m.exec(result.text.slice(0, 64 * 1024));
  const title = heading?.[1] ?? setext?.[1] ?? null;
  return { ...result, title: title ? title.trim().slice(0, 500) : null };
}
