import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, decodeWithCharset, iconvNameOfCodePage, normalizeCharset } from './decode-text.js';

const SHORT_RU = 'Привет, мир';
const SENTENCE_RU = 'Сегодня в Саратове полиция задержала активиста Петра Выдуманного.';
const LONG_RU = `${SENTENCE_RU} Его доставили в отдел, где составили протокол по статье 20.2 КоАП. `.repeat(40);

describe('decodeText', () => {
  it('reads UTF-8 and removes the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Уфа\r\nUfa')]);
    expect(decodeText(bytes)).toEqual({ text: 'Уфа\r\nUfa', encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...iconv.encode('Суд', 'utf-16le')]))).toEqual({
      text: 'Суд',
      encoding: 'utf-16le',
    });
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...iconv.encode('Court', 'utf-16be')]))).toEqual({
      text: 'Court',
      encoding: 'utf-16be',
    });
  });

  it('reads UTF-16 LE without a BOM', () => {
    expect(decodeText(iconv.encode('Задержание в Уфе, 2024', 'utf-16le'))).toEqual({
      text: 'Задержание в Уфе, 2024',
      encoding: 'utf-16le',
    });
  });

  for (const encoding of ['windows-1251', 'koi8-r']) {
    for (const [label, text] of [
      ['a two-word', SHORT_RU],
      ['a one-sentence', SENTENCE_RU],
      ['a long', LONG_RU],
      ['an all-capitals', 'ЗАДЕРЖАН АКТИВИСТ'],
    ] as const) {
      it(`detects ${encoding} in ${label} text`, () => {
        expect(decodeText(iconv.encode(text, encoding))).toEqual({ text, encoding });
      });
    }
  }

  it('detects single short Russian words in each Cyrillic code page', () => {
    for (const encoding of ['windows-1251', 'koi8-r', 'ibm866']) {
      for (const word of [
        'Суд',
        'Да',
        'Уфа',
        'Москва',
        'ОМОН',
        'Обыск',
        'полиция',
        'Пётр Выдуманный',
        'ст. 20.3.3 КоАП',
      ]) {
        expect(decodeText(iconv.encode(word, encoding)), `${word} in ${encoding}`).toEqual({ text: word, encoding });
      }
    }
  });

  it('reads short Western words in Windows-1252, not as CJK or broken UTF-8', () => {
    for (const word of ['café', 'naïve façade', 'Jürgen Müller', 'Ærø', 'São Paulo', 'Straße']) {
      expect(decodeText(iconv.encode(word, 'windows-1252')).text, word).toBe(word);
    }
  });

  it('detects IBM866 (DOS) Russian text', () => {
    expect(decodeText(iconv.encode(SENTENCE_RU, 'ibm866'))).toEqual({ text: SENTENCE_RU, encoding: 'ibm866' });
  });

  it('reads Western European text in Windows-1252 rather than as Cyrillic', () => {
    const text = 'Le procès de Jürgen Fictif a été reporté à décembre.';
    const decoded = decodeText(iconv.encode(text, 'windows-1252'));
    expect(decoded.text).toBe(text);
  });

  it('keeps mostly valid UTF-8 as UTF-8 and replaces the broken bytes', () => {
    const good = new TextEncoder().encode('Задержан активист Пётр Выдуманный. ');
    const bytes = new Uint8Array([...good, 0xff, ...good]);
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('\ufffd');
    expect(decoded.text.startsWith('Задержан')).toBe(true);
  });

  it('never throws on arbitrary bytes', () => {
    for (let seed = 1; seed < 50; seed++) {
      const bytes = new Uint8Array(257).map((_, i) => (i * seed * 7919 + seed) & 0xff);
      expect(typeof decodeText(bytes).text).toBe('string');
    }
  });

  it('round-trips any UTF-8 text exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        fc.pre(!text.startsWith('\ufeff'));
        expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        expect(typeof decodeText(bytes).text).toBe('string');
      }),
      { numRuns: 200 },
    );
  });

  it('reads empty input as empty UTF-8', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });
});

describe('decodeWithCharset', () => {
  it('uses the declared charset', () => {
    expect(decodeWithCharset(iconv.encode(SHORT_RU, 'koi8-r'), 'KOI8-R')).toEqual({
      text: SHORT_RU,
      encoding: 'koi8-r',
    });
  });

  it('guesses when the declared UTF-8 is false', () => {
    expect(decodeWithCharset(iconv.encode(SENTENCE_RU, 'windows-1251'), 'utf-8').encoding).toBe('windows-1251');
  });

  it('reads UTF-8 declared as a legacy charset as UTF-8, unless a person chose the charset', () => {
    const utf8 = new TextEncoder().encode(SENTENCE_RU);
    expect(decodeWithCharset(utf8, 'windows-1251')).toEqual({ text: SENTENCE_RU, encoding: 'utf-8' });
    expect(decodeWithCharset(utf8, 'koi8-r').encoding).toBe('utf-8');
    expect(decodeWithCharset(utf8, 'windows-1251', { asDeclared: true })).toEqual({
      text: iconv.decode(Buffer.from(utf8), 'windows-1251'),
      encoding: 'windows-1251',
    });
    // Plain ASCII is the same in both: the declared charset stands.
    expect(decodeWithCharset(new TextEncoder().encode('Moscow, 5 March'), 'windows-1251').encoding).toBe(
      'windows-1251',
    );
  });

  it('normalises charset aliases', () => {
    expect(normalizeCharset('CP1251')).toBe('windows-1251');
    expect(normalizeCharset('"koi8-r"')).toBe('koi8-r');
    expect(normalizeCharset('no-such-charset')).toBeNull();
  });

  it('names the code pages that documents give by number as iconv-lite knows them', () => {
    expect([1251, 866, 20866, 21866, 10007, 10000, 1200, 65001, 1252].map(iconvNameOfCodePage)).toEqual([
      'cp1251',
      'cp866',
      'cp20866',
      'cp21866',
      'maccyrillic',
      'macintosh',
      'utf16le',
      'utf-8',
      'cp1252',
    ]);
    expect(iconvNameOfCodePage(99999)).toBeNull();
  });
});
