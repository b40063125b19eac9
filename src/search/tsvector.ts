/**
 * The tsvectors a source is indexed under on PostgreSQL, built here in tsvector's binary format (`tsvectorrecv`), so
 * PostgreSQL copies lexemes and positions instead of parsing a literal. Built for every report ingested, in the parse
 * worker: lexemes are numbered as they are met and only the distinct ones are sorted, each stem's pairs following it.
 */
import { type FieldTerms, fieldTerms, WORD_MARK } from './document-terms.js';

/** PostgreSQL limits (docs §8.11.1): positions above 16383 are stored as 16383; at most 256 positions per lexeme. */
export const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
/**
 * PostgreSQL refuses a vector once its lexemes and positions pass 1 MB as it reads them (`tsvectorrecv`, which counts
 * a lexeme's bytes, a byte to align, and 4 bytes for each position and for their count); keep below it.
 */
const MAX_VECTOR_BYTES = 1_000_000;
/** A position's weight sits in its top two bits: A = 3 (the title), D = 0 (the body). */
export const WEIGHT_SHIFT = 14;
const WEIGHT_A = 3;
const WEIGHT_D = 0;
const WORD_MARK_CODE = WORD_MARK.charCodeAt(0);
const SPACE = 0x20;

/** A lexeme as a tsquery literal quotes it. Terms are runs of letters, digits and marks, so the escapes are rare. */
export function quoteLexeme(lexeme: string): string {
  return /['\\]/.test(lexeme) ? `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'` : `'${lexeme}'`;
}

/** Joins two adjacent stems into one lexeme: a space never occurs inside a stem or a word, so it names pairs only. */
export function pairLexeme(first: string, second: string): string {
  return `${first} ${second}`;
}

/** The tsvectors a source is indexed under, in PostgreSQL's binary format (`tsvectorrecv`). */
export interface SourceVectors {
  vector: Uint8Array;
  rank: Uint8Array;
}

/** The vectors a source is indexed under on PostgreSQL, with the title they were made for. */
export interface IndexVectors extends SourceVectors {
  title: string | null;
}

/**
 * `tsvectorsOf` a title and a body's terms, made where the body was read: ingestion's parse worker makes them beside
 * the terms, so the writer thread, which waits on each batch's statements, does not.
 * `indexVectors('Суд', fieldTerms('Суд продлил арест'))` → `{ title: 'Суд', vector: Uint8Array […], rank: … }`.
 */
export function indexVectors(title: string | null, body: FieldTerms): IndexVectors {
  return { title, ...tsvectorsOf(fieldTerms(title), body) };
}

/**
 * The tsvectors for a source. `vector`, which the GIN index finds matches in: stems, '=word' lexemes and each pair of
 * adjacent stems at the position of the pair's first word, title first (weight A), then the body one position
 * further on so a phrase never runs from the title into the body. The pairs let the GIN index answer a phrase by
 * itself: `'суд' <-> 'арестова'` makes PostgreSQL read every vector holding both words to compare positions (150 ms
 * for a phrase in a fifth of 100,000 reports), `'суд арестова'` is one posting list (see `toTsquery`).
 * `rank`, which ranking reads: the stems alone, at the same positions (see `toRankTsquery`).
 * `tsvectorText(tsvectorsOf(terms('Суд'), terms('Суд продлил арест')).vector)` →
 * `"'=арест':5 '=продлил':4 '=суд':1A,3 'арест':5 'продл':4 'продл арест':4 'суд':1A,3 'суд продл':3"`.
 * A vector is cut to what PostgreSQL takes counting positions too: counting lexemes alone, a report of some 30,000
 * different words or more (a court ruling, a book) was refused, and its source failed to ingest.
 */
export function tsvectorsOf(title: FieldTerms, body: FieldTerms): SourceVectors {
  const tokens = title.stems.length + body.stems.length;
  const positions = wholeNumbers(tokens, 0);
  const stems = new Lexemes<string>(tokens);
  const words = new Lexemes<string>(tokens);
  const fields = [
    { terms: title, from: 0, first: 1, weight: WEIGHT_A },
    { terms: body, from: title.stems.length, first: title.stems.length + 2, weight: WEIGHT_D },
  ];
  for (const { terms, from, first, weight } of fields) {
    for (let i = 0; i < terms.stems.length; i++) {
      positions[from + i] = (weight << WEIGHT_SHIFT) | Math.min(first + i, MAX_POSITION);
      stems.add(from + i, terms.stems[i]!);
      words.add(from + i, terms.words[i]!);
    }
  }
  // A pair is named by its two stems' numbers; its text is only ever written out, as the first stem, a space, the
  // second.
  const pairs = new Lexemes<number>(tokens);
  const pairFirst: number[] = [];
  const pairSecond: number[] = [];
  for (const { terms, from } of fields) {
    for (let t = from; t + 1 < from + terms.stems.length; t++) {
      const first = stems.ofToken[t]!;
      const second = stems.ofToken[t + 1]!;
      if (pairs.add(t, first * stems.count + second)) {
        pairFirst.push(first);
        pairSecond.push(second);
      }
    }
  }
  const stemAt = stems.positions(positions);
  const pairAt = pairs.positions(positions);
  const wordAt = words.positions(positions);
  const kept = keptLexemes(stems.texts, stemAt, pairAt, pairFirst, pairSecond, words.texts, wordAt);

  // PostgreSQL wants lexemes in the order of their UTF-8 bytes, which JavaScript's order of UTF-16 units is for
  // every lexeme without characters past U+FFFF (a vector with those it finds out of order and sorts itself). A
  // pair follows its first stem, before any longer stem that starts with it, since a space sorts below every letter,
  // digit and mark; pairs of one stem go in the order of their second. '=words' sort as one run, after the stems
  // that start with a digit and before those that start with a letter.
  const stemOrder = sortedTexts(stems.texts, stems.ids, kept.stems);
  const stemRank: number[] = new Array(stems.count);
  for (let rank = 0; rank < stemOrder.length; rank++) stemRank[stemOrder[rank]!] = rank;
  const ranks = stemOrder.length;
  const pairOrder = sortedByKey(
    kept.pairs,
    ranks * ranks,
    (pair) => stemRank[pairFirst[pair]!]! * ranks + stemRank[pairSecond[pair]!]!,
  );
  const wordOrder = sortedTexts(words.texts, words.ids, kept.words);

  const vector = new VectorWriter(assembly(0, kept.bound));
  const rank = new VectorWriter(assembly(1, kept.bound));
  const writeWords = () => {
    for (const id of wordOrder) vector.lexeme(WORD_MARK, words.texts[id]!, null, wordAt, id);
  };
  let wordsWritten = false;
  let p = 0;
  for (const id of stemOrder) {
    const stem = stems.texts[id]!;
    if (!wordsWritten && stem.charCodeAt(0) > WORD_MARK_CODE) {
      writeWords();
      wordsWritten = true;
    }
    vector.lexeme('', stem, null, stemAt, id);
    rank.lexeme('', stem, null, stemAt, id);
    for (; p < pairOrder.length && pairFirst[pairOrder[p]!] === id; p++) {
      const pair = pairOrder[p]!;
      vector.lexeme('', stem, stems.texts[pairSecond[pair]!]!, pairAt, pair);
    }
  }
  if (!wordsWritten) writeWords();
  return { vector: vector.bytes(), rank: rank.bytes() };
}

/**
 * One kind of lexeme in a vector (stems, '=words', pairs): each numbered as first met, and each token's number. Stems
 * and words are keyed by their text, kept in `texts`; pairs by their stems' numbers.
 */
class Lexemes<Key extends string | number> {
  readonly ids = new Map<Key, number>();
  readonly texts: string[] = [];
  /** Per token, its lexeme's number, or -1 (the last word of a field starts no pair). */
  readonly ofToken: WholeNumbers;

  constructor(tokens: number) {
    this.ofToken = wholeNumbers(tokens, -1);
  }

  get count(): number {
    return this.ids.size;
  }

  /** Numbers the token's lexeme; true when it is met for the first time. */
  add(token: number, key: Key): boolean {
    let id = this.ids.get(key);
    const fresh = id === undefined;
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
      if (typeof key === 'string') this.texts.push(key);
    }
    this.ofToken[token] = id;
    return fresh;
  }

  /**
   * Each lexeme's positions, as PostgreSQL keeps them: ascending, at most 256, and past MAX_POSITION (where every
   * position is MAX_POSITION) only once.
   */
  positions(of: WholeNumbers): LexemePositions {
    const count = this.count;
    // Room for each lexeme's occurrences, at most as many as PostgreSQL keeps.
    const start = wholeNumbers(count + 1, 0);
    for (const id of this.ofToken) if (id >= 0 && start[id + 1]! < MAX_POSITIONS_PER_LEXEME) start[id + 1]!++;
    for (let id = 0; id < count; id++) start[id + 1]! += start[id]!;
    const kept = wholeNumbers(count, 0);
    const all = wholeNumbers(start[count]!, 0);
    for (let token = 0; token < this.ofToken.length; token++) {
      const id = this.ofToken[token]!;
      if (id < 0) continue;
      const n = kept[id]!;
      const position = of[token]!;
      if (
        n === 0 ||
        (n < MAX_POSITIONS_PER_LEXEME && (all[start[id]! + n - 1]! & MAX_POSITION) < (position & MAX_POSITION))
      ) {
        all[start[id]! + n] = position;
        kept[id] = n + 1;
      }
    }
    return { start, kept, all };
  }
}

/** Lexeme `id`'s positions are `all[start[id]]` to `all[start[id] + kept[id] - 1]`. */
interface LexemePositions {
  start: WholeNumbers;
  kept: WholeNumbers;
  all: WholeNumbers;
}

type WholeNumbers = number[] | Int32Array;
/** Above this many, a builder's numbers go in typed arrays. */
const SMALL_ARRAY = 4096;

/**
 * `length` whole numbers, each `fill`: a plain array for a report (a typed array of that size costs a microsecond or
 * more to allocate, outside V8's heap), an Int32Array for a book (4 bytes a number, not 8: a text of three million
 * words would otherwise hold some 150 MB more while its vectors are built).
 */
function wholeNumbers(length: number, fill: number): WholeNumbers {
  return length <= SMALL_ARRAY ? new Array<number>(length).fill(fill) : new Int32Array(length).fill(fill);
}

/** The numbers of a kind's first `count` lexemes, in the order of their texts' UTF-16 units. */
function sortedTexts(texts: readonly string[], ids: ReadonlyMap<string, number>, count: number): number[] {
  return texts
    .slice(0, count)
    .sort()
    .map((text) => ids.get(text)!);
}

/** Where `sortedByKey` packs its keys; grows to the largest kind of lexeme sorted. */
let packedKeys = new Float64Array(1024);

/**
 * The numbers 0 to `count` − 1 ordered by `key` (whole numbers below `limit`; equal keys in any order). Key and number
 * are packed into one double and sorted as numbers, without a comparator: several times faster than calling one.
 */
function sortedByKey(count: number, limit: number, key: (id: number) => number): number[] {
  if (limit * count >= Number.MAX_SAFE_INTEGER) {
    return Array.from({ length: count }, (_, id) => id).sort((a, b) => key(a) - key(b));
  }
  if (packedKeys.length < count) packedKeys = new Float64Array(Math.max(count, 2 * packedKeys.length));
  const packed = packedKeys.subarray(0, count);
  for (let id = 0; id < count; id++) packed[id] = key(id) * count + id;
  packed.sort();
  const order: number[] = new Array(count);
  for (let i = 0; i < count; i++) order[i] = packed[i]! % count;
  return order;
}

/**
 * How many of each kind's first-met lexemes the vector keeps, and a bound on its bytes. A huge text with a huge
 * vocabulary keeps stems, then pairs, then '=words' while the vector has room. A UTF-16 unit is at most 3 bytes of
 * UTF-8, so the bytes are counted only when that bound passes the limit.
 */
function keptLexemes(
  stems: readonly string[],
  stemAt: LexemePositions,
  pairAt: LexemePositions,
  pairFirst: readonly number[],
  pairSecond: readonly number[],
  words: readonly string[],
  wordAt: LexemePositions,
): { stems: number; pairs: number; words: number; bound: number } {
  // Each kind's lexeme `id` in bytes, by a measure of its texts: an upper bound, or UTF-8 exactly.
  type Measure = (text: string) => number;
  const kinds = [
    { count: stems.length, at: stemAt, bytes: (id: number, of: Measure) => of(stems[id]!) },
    {
      count: pairFirst.length,
      at: pairAt,
      bytes: (id: number, of: Measure) => of(stems[pairFirst[id]!]!) + of(' ') + of(stems[pairSecond[id]!]!),
    },
    { count: words.length, at: wordAt, bytes: (id: number, of: Measure) => of(WORD_MARK) + of(words[id]!) },
  ];
  // `tsvectorrecv`'s count: the lexeme's bytes, a byte to align, 4 bytes for each position and their count.
  const size = (bytes: number, positions: number) => bytes + 1 + 4 * (positions + 1);
  const atMost: Measure = (text) => text.length * 3;
  let bound = 0;
  for (const { count, at, bytes } of kinds)
    for (let id = 0; id < count; id++) bound += size(bytes(id, atMost), at.kept[id]!);
  const kept = kinds.map((kind) => kind.count);
  if (bound > MAX_VECTOR_BYTES) {
    const exactly: Measure = (text) => Buffer.byteLength(text);
    // The first lexeme that does not fit ends the vector: it and all after it, of every kind, are left out.
    let total = 0;
    let full = false;
    for (const [k, { count, at, bytes }] of kinds.entries()) {
      let fits = 0;
      while (!full && fits < count) {
        total += size(bytes(fits, exactly), at.kept[fits]!);
        if (total > MAX_VECTOR_BYTES) full = true;
        else fits++;
      }
      kept[k] = fits;
    }
  }
  return { stems: kept[0]!, pairs: kept[1]!, words: kept[2]!, bound: Math.min(bound, 2 * MAX_VECTOR_BYTES) + 4 };
}

/** Where the vector and the rank vector are put together before their bytes are copied out; grow to the largest. */
const assemblies = [new Uint8Array(64 * 1024), new Uint8Array(64 * 1024)];

function assembly(which: 0 | 1, bound: number): Uint8Array {
  if (assemblies[which]!.length < bound)
    assemblies[which] = new Uint8Array(Math.max(bound, 2 * assemblies[which]!.length));
  return assemblies[which]!;
}

/**
 * Writes lexemes, in sorted order, in the binary format of a tsvector (`tsvectorsend`): the count, then per lexeme
 * its UTF-8 bytes, a NUL, the number of positions and each position, integers big-endian.
 */
class VectorWriter {
  private offset = 4;
  private count = 0;

  constructor(private readonly buffer: Uint8Array) {}

  /** Writes `mark`, `text`, and with `second` a space and it: a '=word', a stem or a pair. */
  lexeme(mark: string, text: string, second: string | null, at: LexemePositions, id: number): void {
    let o = this.offset;
    const buffer = this.buffer;
    if (mark !== '') o = writeUtf8(mark, buffer, o);
    o = writeUtf8(text, buffer, o);
    if (second !== null) {
      buffer[o++] = SPACE;
      o = writeUtf8(second, buffer, o);
    }
    buffer[o++] = 0;
    const n = at.kept[id]!;
    buffer[o++] = n >>> 8;
    buffer[o++] = n & 0xff;
    for (let i = at.start[id]!, end = i + n; i < end; i++) {
      const position = at.all[i]!;
      buffer[o++] = position >>> 8;
      buffer[o++] = position & 0xff;
    }
    this.offset = o;
    this.count++;
  }

  /** The vector's bytes, copied out of the assembly buffer. */
  bytes(): Uint8Array {
    new DataView(this.buffer.buffer).setInt32(0, this.count);
    return this.buffer.slice(0, this.offset);
  }
}

/**
 * `text` as UTF-8 at `offset`, as `Buffer.write` would write it (a lone surrogate as U+FFFD); returns the offset after
 * it. Terms are a few letters each: a loop here costs less than a call into the runtime per term.
 */
function writeUtf8(text: string, buffer: Uint8Array, offset: number): number {
  let o = offset;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      buffer[o++] = code;
    } else if (code < 0x800) {
      buffer[o++] = 0xc0 | (code >> 6);
      buffer[o++] = 0x80 | (code & 0x3f);
    } else {
      if (code >= 0xd800 && code <= 0xdfff) {
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          i++;
          buffer[o++] = 0xf0 | (code >> 18);
          buffer[o++] = 0x80 | ((code >> 12) & 0x3f);
          buffer[o++] = 0x80 | ((code >> 6) & 0x3f);
          buffer[o++] = 0x80 | (code & 0x3f);
          continue;
        }
        code = 0xfffd;
      }
      buffer[o++] = 0xe0 | (code >> 12);
      buffer[o++] = 0x80 | ((code >> 6) & 0x3f);
      buffer[o++] = 0x80 | (code & 0x3f);
    }
  }
  return o;
}

/**
 * A binary tsvector as its text form (`'суд':1A,3 'продл':4`), lexemes in the order written: for tests and for
 * reading a vector when something is wrong. `tsvectorText(tsvectorsOf(terms(null), terms('Суд')).rank)` → `"'суд':2"`.
 */
export function tsvectorText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = buffer.readInt32BE(0);
  let offset = 4;
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const end = buffer.indexOf(0, offset);
    const lexeme = buffer.toString('utf8', offset, end);
    offset = end + 1;
    const positions: string[] = [];
    const n = buffer.readUInt16BE(offset);
    offset += 2;
    for (let j = 0; j < n; j++, offset += 2) {
      const position = buffer.readUInt16BE(offset);
      const weight = 'DCBA'[position >> WEIGHT_SHIFT]!;
      positions.push(`${position & MAX_POSITION}${weight === 'D' ? '' : weight}`);
    }
    parts.push(`${quoteLexeme(lexeme)}${positions.length > 0 ? `:${positions.join(',')}` : ''}`);
  }
  return parts.join(' ');
}
