import { describe, expect, it } from 'vitest';
import { type FieldTerms, fieldTerms } from './document-terms.js';
import { tsvectorsOf, tsvectorText } from './tsvector.js';

/** A binary vector as lexeme → positions (`tsvectorText`'s form of them). */
function lexemes(vector: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tsvectorText(vector).matchAll(/'((?:[^']|'')*)':(\S+)/g)) out.set(m[1]!.replaceAll("''", "'"), m[2]!);
  return out;
}

const indexVector = (title: FieldTerms, body: FieldTerms) => tsvectorsOf(title, body).vector;

describe('tsvectorsOf', () => {
  it('writes stems, marked words and each pair of adjacent stems at its first word, in the title and the body apart', () => {
    const vector = lexemes(indexVector(fieldTerms('Суд'), fieldTerms('Суд продлил арест')));
    expect(Object.fromEntries(vector)).toEqual({
      суд: '1A,3',
      '=суд': '1A,3',
      продл: '4',
      '=продлил': '4',
      арест: '5',
      '=арест': '5',
      'суд продл': '3',
      'продл арест': '4',
    });
  });

  it('keeps stems first, then pairs, when a huge text has more lexemes than a vector holds', () => {
    const words = Array.from({ length: 15_000 }, (_, i) => `слово${i}`).join(' ');
    const vector = lexemes(indexVector(fieldTerms(null), fieldTerms(words)));
    expect(vector.has('слово14999')).toBe(true);
    expect(vector.has('слово0 слово1')).toBe(true);
    expect(vector.has('=слово14999')).toBe(false);
  });
});

describe('the rank vector', () => {
  it('holds the stems alone, at the positions and weights of the index vector', () => {
    const { vector, rank } = tsvectorsOf(fieldTerms('Суд'), fieldTerms('Суд продлил арест'));
    expect(Object.fromEntries(lexemes(rank))).toEqual({ суд: '1A,3', продл: '4', арест: '5' });
    for (const [lexeme, positions] of lexemes(rank)) expect(lexemes(vector).get(lexeme)).toBe(positions);
  });

  it('keeps the stems the index vector keeps when a huge text is cut', () => {
    const words = Array.from({ length: 120_000 }, (_, i) => `слово${i}`).join(' ');
    const { vector, rank } = tsvectorsOf(fieldTerms(null), fieldTerms(words));
    const stems = [...lexemes(vector).keys()].filter((l) => !l.includes(' ') && !l.startsWith('='));
    expect(stems.length).toBeLessThan(120_000);
    expect([...lexemes(rank).keys()]).toEqual(stems);
  });
});

/** A binary vector's lexemes as UTF-8, in the order written. */
function lexemeBytes(vector: Uint8Array): Buffer[] {
  const buffer = Buffer.from(vector);
  const out: Buffer[] = [];
  let offset = 4;
  for (let i = buffer.readInt32BE(0); i > 0; i--) {
    const end = buffer.indexOf(0, offset);
    out.push(buffer.subarray(offset, end));
    offset = end + 3 + 2 * buffer.readUInt16BE(end + 1);
  }
  expect(offset).toBe(buffer.length);
  return out;
}

describe('the order of lexemes', () => {
  // PostgreSQL takes a binary vector's lexemes in the order of their bytes without sorting them again, and a search
  // for a lexeme out of order does not find it.
  const inByteOrder = (vector: Uint8Array) => {
    const written = lexemeBytes(vector);
    expect(written.map(String)).toEqual([...written].sort(Buffer.compare).map(String));
    expect(new Set(written.map(String)).size).toBe(written.length);
  };

  it('is the order of their UTF-8 bytes: digits, then marked words, then letters, each pair after its first stem', () => {
    const { vector, rank } = tsvectorsOf(
      fieldTerms('2 мая: суд'),
      fieldTerms('Суд судов 10 суда. Судья судил 2024 года, суд а б ab a b abc 9 =9 Zed zed ёж Ёлка ЁЖ e ex'),
    );
    inByteOrder(vector);
    inByteOrder(rank);
    const order = lexemeBytes(vector).map(String);
    expect(order.indexOf('2024 год')).toBe(order.indexOf('2024') + 1);
    // A pair sorts after its first stem and before a longer stem that starts with it: 'ab', 'ab a', 'abc'.
    expect(order.slice(order.indexOf('a'), order.indexOf('abc') + 1)).toEqual(['a', 'a b', 'ab', 'ab a', 'abc']);
    // The marked words run between the lexemes that start with a digit and those that start with a letter.
    expect(order.indexOf('=10')).toBe(order.indexOf('9 zed') + 1);
    expect(order.indexOf('a')).toBe(order.indexOf('=судья') + 1);
  });

  it('holds for texts of every script, including characters outside the Basic Multilingual Plane', () => {
    const samples = [
      'Άρης Ελλάδα και Ελλάς · 東京 大阪 東京 · مرحبا بالعالم · 𝐀𝐁 𝐀 𝒳y 𝐀b · Ǆemal ǅemal',
      'ab a-b a b ab-c abc a1 a 1 11 1a 0 0x 01',
      'Ñandú ñu Ölsardine ö o ø ÅSA åsa Ł ł ß SS ss',
    ];
    for (const text of samples) {
      const { vector, rank } = tsvectorsOf(fieldTerms(text.slice(0, 12)), fieldTerms(text));
      const written = lexemeBytes(vector).map(String);
      // Characters past U+FFFF order differently as UTF-16 and as UTF-8; PostgreSQL sorts such a vector itself.
      if (!/[\u{10000}-\u{10ffff}]/u.test(text)) inByteOrder(vector);
      inByteOrder(rank);
      expect(new Set(written).size).toBe(written.length);
    }
  });
});

describe('positions', () => {
  it('are kept once past the last position PostgreSQL stores and at most 256 a lexeme', () => {
    const text = Array.from({ length: 17_000 }, (_, i) => (i % 2 === 0 ? 'суд' : `слово${i}`)).join(' ');
    const vector = lexemes(indexVector(fieldTerms(null), fieldTerms(text)));
    const positions = vector.get('суд')!.split(',');
    expect(positions).toHaveLength(256);
    expect(positions.slice(0, 3)).toEqual(['2', '4', '6']);
    expect(vector.get('слово16999')).toBe('16383');
    expect(vector.get('слово16997')).toBe('16383');
    expect(vector.get('слово16001')).toBe('16003');
  });
});
