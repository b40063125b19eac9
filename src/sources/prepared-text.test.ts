import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomTexts } from '../../test/helpers/random-texts.js';
import { fieldTerms, ftsFieldText } from '../search/index.js';
import { parseDocumentInProcess } from './parse.js';
import { DEFAULT_PARSE_LIMITS } from './parse-types.js';
import { nearDuplicateKey, prepareTerms, prepareTexts } from './prepared-text.js';
import { sha256Hex } from './sha256.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('prepareTexts', () => {
  it('reads plain text and Markdown as parseDocument does, with hashes and terms; leaves other types alone', async () => {
    const files = [
      { fileName: 'a.txt', bytes: utf8('В Уфе задержали Ивана Пробного.\nСуд арестовал его на два месяца.') },
      { fileName: 'b.md', bytes: utf8('# Hearing\n\nThe *court* postponed it.') },
      { fileName: 'c.html', bytes: utf8('<!doctype html><html><body><p>Police detained two.</p></body></html>') },
      { fileName: 'd.pdf', bytes: utf8('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n') },
      { fileName: 'e.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) },
    ];
    const prepared = await prepareTexts(files, DEFAULT_PARSE_LIMITS);
    expect(prepared.map((p) => p.kind)).toEqual(['parsed', 'parsed', 'other', 'other', 'other']);
    for (const [i, p] of prepared.slice(0, 2).entries()) {
      if (p.kind !== 'parsed') throw new Error('not parsed');
      const file = files[i]!;
      expect(p.document).toEqual(await parseDocumentInProcess(file.bytes, { fileName: file.fileName }));
      expect(p.terms).toEqual(prepareTerms(file.bytes, p.document.text));
      expect(p.terms.sha256).toBe(sha256Hex(file.bytes));
      expect(p.terms.ftsBody).toBe(ftsFieldText(fieldTerms(p.document.text)));
    }
  });

  it('gives an empty index body for a text without words, and one near-duplicate key for texts that differ in case and punctuation', () => {
    const terms = prepareTerms(utf8('—  …  —'), '—  …  —');
    expect(terms.ftsBody).toBe('');
    expect(terms.textKey).toBeNull();
    expect(nearDuplicateKey('Суд продлил арест Петру Тестову.')).toBe(
      nearDuplicateKey('СУД ПРОДЛИЛ  АРЕСТ ПЕТРУ ТЕСТОВУ!'),
    );
    expect(nearDuplicateKey('Ещё один')).toBe(nearDuplicateKey('еще один'));
    expect(nearDuplicateKey('Суд продлил арест')).not.toBe(nearDuplicateKey('Суд отменил арест'));
  });

  it('keys every text as before: the SHA-256 of its letters and digits, lower-cased, one space between runs', () => {
    // The keys are stored with every source (text_sha256): a text ingested later must get the key it got before.
    const storedKey = (text: string) => {
      const folded = text
        .toLowerCase()
        .replaceAll('ё', 'е')
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
      return folded === '' ? null : createHash('sha256').update(folded).digest('hex');
    };
    const samples = [
      '',
      ' ',
      '!!!',
      'a',
      '«Суд» — №5, ст. 20.3.3 КоАП;\tЁлка\u00a0ёж',
      'Café café cafe\u0301 ÇA',
      'Ǆemal ǅ ǆ İstanbul ΣΑΣ',
      '東京 大阪 ٣٤ ١٢٣ 𝐀𝐁𝐂 𝐀b 😀 x😀y \ud800 lone',
      ' edges ',
      '½ ² Ⅻ ⅻ ①',
      'ﬁne ﬂow ŉ ß ẞ',
      ...randomTexts(300, 7),
    ];
    for (const text of samples) expect(nearDuplicateKey(text), JSON.stringify(text)).toBe(storedKey(text));
  });
});
