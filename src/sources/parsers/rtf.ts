/**
 * RTF → text. Lawyers' letters and court papers still arrive as RTF, often named `.doc`: Word saves it, and Russian
 * court sites publish their acts in it. rtf-stream-parser tokenizes (groups, control words, `\'hh` bytes, `\binN`
 * data); what the tokens mean for the text is decided here, after the RTF 1.9.1 specification:
 * - destinations that are not body text are skipped: the font, colour and style tables, pictures and embedded
 *   objects' data, field instructions (a hyperlink's URL; its displayed text stays), page headers and footers (as a
 *   PDF's running heads are), and every `{\*\…}` destination a reader may ignore;
 * - a photo pasted into the text (`\pict` with `\jpegblip` or `\pngblip`, bare or in Word's `{\*\shppict}`) is a
 *   part of the document, for OCR; its metafile twin for old readers (`{\nonshppict}`) and drawings are not;
 * - `\info` gives the title, the author and the dates, as DOCX's core properties do;
 * - footnotes follow the body, numbered in order ("[1] …"), as DOCX's do, rather than breaking the sentence they
 *   hang from;
 * - bytes are decoded in the code page of their font's charset (`\fcharset204` is Windows-1251), else the document's
 *   (`\ansicpg`); `\uN` is a UTF-16 unit, after which `\ucN` fallback characters are skipped;
 * - paragraphs become blank-line-separated, line breaks and table rows new lines, cells and tabs spaces.
 */
import iconv from 'iconv-lite';
import rtfStreamParser from 'rtf-stream-parser';
import { ChronicleError, describeError } from '../../shared/errors.js';
import { iconvNameOfCodePage } from '../decode-text.js';
import { normalizeProducedText, type ParserResult } from '../parse-types.js';
import { pictureParts } from './document-pictures.js';

const { Tokenize } = rtfStreamParser;

/** rtf-stream-parser's token types (a `const enum` in its typings, so not importable as values). */
const GROUP_START = 0;
const GROUP_END = 1;
const CONTROL = 2;
const TEXT = 3;

interface Token {
  type: number;
  word?: string;
  param?: number;
  data?: Buffer;
}

/** Groups nested deeper than this are an attack, not a document (Word itself refuses far fewer). */
const MAX_GROUP_DEPTH = 1_000;

/** Destinations whose content is not the document's text. */
const SKIPPED_DESTINATIONS = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'listtable',
  'listoverridetable',
  'revtbl',
  'rsidtbl',
  'filetbl',
  'pgdsctbl',
  'pict',
  'objdata',
  'fldinst',
  'datafield',
  'xmlnstbl',
  'themedata',
  'colorschememapping',
  'latentstyles',
  'datastore',
  'generator',
  'sp',
  'sn',
  'sv',
  'bkmkstart',
  'bkmkend',
  'header',
  'headerl',
  'headerr',
  'headerf',
  'footer',
  'footerl',
  'footerr',
  'footerf',
  'ftnsep',
  'ftnsepc',
  'ftncn',
  'aftnsep',
  'aftnsepc',
  'aftncn',
  'nonshppict',
  'private',
  'template',
  // Index and table-of-contents entries: marks for Word to build an index from, not shown where they stand.
  'xe',
  'tc',
  'tcn',
]);

/** `\info` fields kept as the document's metadata. */
const INFO_TEXT_FIELDS = new Set(['title', 'subject', 'author', 'operator', 'company', 'keywords', 'comment']);
const INFO_DATE_FIELDS = new Set(['creatim', 'revtim', 'printim']);

/** Control symbols and words that stand for one character. */
const CHARACTERS: Record<string, string> = {
  '\\': '\\',
  '{': '{',
  '}': '}',
  '~': '\u00a0',
  _: '-',
  emdash: '\u2014',
  endash: '\u2013',
  emspace: ' ',
  enspace: ' ',
  qmspace: ' ',
  bullet: '\u2022',
  lquote: '\u2018',
  rquote: '\u2019',
  ldblquote: '\u201c',
  rdblquote: '\u201d',
  tab: '\t',
  cell: '\t',
  nestcell: '\t',
  line: '\n',
  row: '\n',
  nestrow: '\n',
  par: '\n\n',
  sect: '\n\n',
  page: '\n\n',
};

/** Windows charsets of `\fcharsetN` as code pages (RTF 1.9.1, "Font table"). */
const CHARSET_CODE_PAGES: Record<number, number> = {
  0: 1252,
  77: 10000,
  128: 932,
  129: 949,
  134: 936,
  136: 950,
  161: 1253,
  162: 1254,
  163: 1258,
  177: 1255,
  178: 1256,
  186: 1257,
  204: 1251,
  222: 874,
  238: 1250,
  254: 437,
  255: 850,
};

/** Where the group's text goes: the body, a footnote, an `\info` field, or nowhere. */
type Sink =
  | { kind: 'body' }
  | { kind: 'note'; index: number }
  | { kind: 'info'; field: string }
  | { kind: 'picture'; index: number }
  | { kind: 'skip' };

/** A picture's data as the file writes it: its format (`\jpegblip`, `\pngblip`), hex digits or `\bin` bytes. */
interface RtfPicture {
  format: 'jpeg' | 'png' | null;
  hex: string[];
  binary: Buffer[];
}

interface GroupState {
  sink: Sink;
  /** Fallback characters to skip after `\uN`. */
  unicodeSkip: number;
  font: number | null;
  hidden: boolean;
  /** True until the group's first token: a destination word must come first. */
  atStart: boolean;
  /** `{\*` seen: an unknown destination word after it is skipped. */
  ignorable: boolean;
  inFontTable: boolean;
  inInfo: boolean;
  /** Inside `{\*\shppict}`: Word's picture as it was pasted (its `{\nonshppict}` twin is a metafile for old readers). */
  inShapePicture: boolean;
}

export function parseRtf(bytes: Uint8Array): ParserResult {
  const reader = new RtfReader();
  const tokenizer = new Tokenize();
  // The package's own synchronous path (its deEncapsulateSync) feeds the stream's transform directly; so do we, and
  // each token is read as it comes rather than kept: a large file is millions of them.
  tokenizer.push = (token: Token | null) => {
    if (token) reader.accept(token);
    return true;
  };
  const fail = (error?: unknown) => {
    if (error) throw error;
  };
  try {
    tokenizer._transform(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), undefined, fail);
    tokenizer._flush(fail);
  } catch (error) {
    if (error instanceof ChronicleError) throw error;
    throw new ChronicleError('PARSE_FAILED', `RTF could not be read (${describeError(error)})`);
  }
  return reader.finish();
}

class RtfReader {
  private codePage = 1252;
  private defaultFont: number | null = null;
  private readonly fontCodePages = new Map<number, number>();
  private fontTableFont: number | null = null;
  private body = '';
  private readonly notes: string[] = [];
  private readonly info = new Map<string, string>();
  private readonly dates = new Map<string, Partial<Record<'yr' | 'mo' | 'dy' | 'hr' | 'min', number>>>();
  private readonly warnings: string[] = [];
  private readonly pictures: RtfPicture[] = [];
  /** Code pages already warned of, once each. */
  private readonly unknownCodePages = new Set<number>();
  /** Bytes of `\'hh` and 8-bit text waiting to be decoded together (a double-byte character may span two). */
  private pendingBytes: number[] = [];
  private pendingSink: Sink | null = null;
  private pendingCodePage = 1252;
  private skipLeft = 0;
  private readonly stack: GroupState[] = [];
  private state: GroupState = rootState();
  private sawRtf = false;

  accept(token: Token): void {
    if (token.type === GROUP_START) {
      if (this.stack.length >= MAX_GROUP_DEPTH)
        throw new ChronicleError('PARSE_FAILED', `RTF nests groups more than ${MAX_GROUP_DEPTH} deep`);
      this.flushBytes();
      this.stack.push(this.state);
      this.state = { ...this.state, atStart: true, ignorable: false };
      this.skipLeft = 0;
      return;
    }
    if (token.type === GROUP_END) {
      this.flushBytes();
      // A closing brace too many (a truncated or hand-edited file) leaves the body as it was.
      this.state = this.stack.pop() ?? rootState();
      this.skipLeft = 0;
      return;
    }
    const state = this.state;
    const atStart = state.atStart;
    state.atStart = false;
    if (token.type === CONTROL) {
      const word = token.word ?? '';
      if (word === 'rtf') this.sawRtf = true;
      if (word === '*' && atStart) {
        state.ignorable = true;
        state.atStart = true;
        return;
      }
      if (atStart && this.startDestination(state, word)) return;
      this.control(state, word, token);
      return;
    }
    if (token.type === TEXT && token.data) this.text(state, token.data);
  }

  finish(): ParserResult {
    this.flushBytes();
    if (!this.sawRtf) throw new ChronicleError('PARSE_FAILED', 'RTF has no \\rtf header');
    const notes = this.notes.map((note) => normalizeProducedText(note)).filter(Boolean);
    const text = normalizeProducedText(
      [this.body, notes.map((note, i) => `[${i + 1}] ${note}`).join('\n\n')].filter((part) => part.trim()).join('\n\n'),
    );
    const field = (name: string) => normalizeProducedText(this.info.get(name) ?? '') || null;
    const metadata: Record<string, unknown> = {};
    for (const name of ['subject', 'operator', 'company', 'keywords', 'comment']) {
      const value = field(name);
      if (value) metadata[name] = value;
    }
    const created = infoDate(this.dates.get('creatim'));
    const modified = infoDate(this.dates.get('revtim'));
    if (created) metadata.created = created;
    if (modified) metadata.modified = modified;
    const pictures = pictureParts(
      this.pictures.flatMap((picture, index) => {
        if (!picture.format) return [];
        const bytes =
          picture.binary.length > 0
            ? Buffer.concat(picture.binary)
            : Buffer.from(picture.hex.join('').replace(/[^0-9a-fA-F]/g, ''), 'hex');
        return [{ name: `image${index + 1}.${picture.format}`, bytes: new Uint8Array(bytes) }];
      }),
    );
    return {
      text,
      title: field('title'),
      author: field('author'),
      encoding: null,
      metadata,
      ...(pictures.length > 0 ? { children: pictures } : {}),
      warnings: this.warnings,
    };
  }

  /** The first control word of a group: is the group a destination, and where does its text go? */
  private startDestination(state: GroupState, word: string): boolean {
    // Inside \info every group is skipped but the fields kept; elsewhere a skipped group's groups stay skipped.
    if (state.inInfo && INFO_TEXT_FIELDS.has(word)) {
      state.sink = { kind: 'info', field: word };
      return true;
    }
    if (state.inInfo && INFO_DATE_FIELDS.has(word)) {
      this.dates.set(word, {});
      state.sink = { kind: 'info', field: word };
      return true;
    }
    // A photo pasted into the text: kept as a part of the document for OCR (document-pictures.ts), not as text.
    if (word === 'shppict' && state.sink.kind !== 'skip') {
      state.inShapePicture = true;
      state.sink = { kind: 'skip' };
      return true;
    }
    if (word === 'pict' && (state.inShapePicture || state.sink.kind === 'body' || state.sink.kind === 'note')) {
      state.sink = { kind: 'picture', index: this.pictures.length };
      this.pictures.push({ format: null, hex: [], binary: [] });
      return true;
    }
    if (state.sink.kind === 'skip') return false;
    if (word === 'fonttbl') {
      state.inFontTable = true;
      state.sink = { kind: 'skip' };
      return true;
    }
    if (word === 'info') {
      state.inInfo = true;
      state.sink = { kind: 'skip' };
      return true;
    }
    if (word === 'footnote') {
      state.sink = { kind: 'note', index: this.notes.length };
      this.notes.push('');
      return true;
    }
    if (SKIPPED_DESTINATIONS.has(word) || state.ignorable) {
      state.sink = { kind: 'skip' };
      return true;
    }
    return false;
  }

  private control(state: GroupState, word: string, token: Token): void {
    const param = token.param;
    if (state.sink.kind === 'picture') {
      const picture = this.pictures[state.sink.index]!;
      if (word === 'jpegblip') picture.format = 'jpeg';
      else if (word === 'pngblip') picture.format = 'png';
      else if (word === 'bin' && token.data) picture.binary.push(token.data);
      return;
    }
    if (state.inFontTable) {
      if (word === 'f' && param !== undefined) this.fontTableFont = param;
      else if (word === 'fcharset' && param !== undefined && this.fontTableFont !== null) {
        const codePage = CHARSET_CODE_PAGES[param];
        if (codePage !== undefined) this.fontCodePages.set(this.fontTableFont, codePage);
      } else if (word === 'cpg' && param !== undefined && this.fontTableFont !== null) {
        this.fontCodePages.set(this.fontTableFont, param);
      }
      return;
    }
    if (state.sink.kind === 'info' && INFO_DATE_FIELDS.has(state.sink.field)) {
      const date = this.dates.get(state.sink.field);
      if (
        date &&
        param !== undefined &&
        (word === 'yr' || word === 'mo' || word === 'dy' || word === 'hr' || word === 'min')
      )
        date[word] = param;
      return;
    }
    switch (word) {
      case 'ansi':
        this.codePage = 1252;
        return;
      case 'mac':
        this.codePage = 10000;
        return;
      case 'pc':
        this.codePage = 437;
        return;
      case 'pca':
        this.codePage = 850;
        return;
      case 'ansicpg':
        if (param !== undefined && param > 0) this.codePage = param;
        return;
      case 'deff':
        if (param !== undefined) this.defaultFont = param;
        return;
      case 'f':
        if (param !== undefined) state.font = param;
        return;
      case 'plain':
        state.font = null;
        state.hidden = false;
        return;
      case 'v':
        state.hidden = param !== 0;
        return;
      case 'uc':
        if (param !== undefined && param >= 0) state.unicodeSkip = param;
        return;
      case 'u':
        if (param === undefined) return;
        this.flushBytes();
        // A signed 16-bit UTF-16 unit; anything outside that range is no character.
        this.emit(
          state,
          param >= -0x8000 && param <= 0xffff ? String.fromCharCode(param < 0 ? param + 0x10000 : param) : '\ufffd',
        );
        this.skipLeft = state.unicodeSkip;
        return;
      case "'":
        if (!token.data) return;
        if (this.skipLeft > 0) {
          this.skipLeft--;
          return;
        }
        this.queueBytes(state, token.data);
        return;
      case 'bin':
        // Binary data is never text; it counts as one fallback character if one was due.
        if (this.skipLeft > 0) this.skipLeft--;
        return;
      case '-':
        // An optional hyphen: where the word was split on a line, not part of it.
        return;
      default: {
        const character = CHARACTERS[word];
        if (character === undefined) return;
        if (this.skipLeft > 0 && word.length === 1) {
          this.skipLeft--;
          return;
        }
        this.flushBytes();
        this.emit(state, character);
      }
    }
  }

  /** Literal text: ASCII as it is (line ends in the file are not text), 8-bit bytes in the current code page. */
  private text(state: GroupState, data: Buffer): void {
    let from = 0;
    if (this.skipLeft > 0) {
      const skipped = Math.min(this.skipLeft, data.length);
      this.skipLeft -= skipped;
      from = skipped;
    }
    if (state.sink.kind === 'picture') {
      this.pictures[state.sink.index]!.hex.push(data.toString('latin1'));
      return;
    }
    if (state.inFontTable || state.sink.kind === 'skip' || state.hidden) return;
    for (let i = from; i < data.length; i++) {
      const byte = data[i]!;
      if (byte === 0x0d || byte === 0x0a) continue;
      if (byte < 0x80 && this.pendingBytes.length === 0) this.emit(state, String.fromCharCode(byte));
      else this.queueBytes(state, data.subarray(i, i + 1));
    }
  }

  private queueBytes(state: GroupState, bytes: Uint8Array): void {
    if (state.sink.kind === 'skip' || state.hidden || state.inFontTable) return;
    const codePage = this.fontCodePage(state);
    if (this.pendingBytes.length > 0 && (this.pendingSink !== state.sink || this.pendingCodePage !== codePage))
      this.flushBytes();
    this.pendingSink = state.sink;
    this.pendingCodePage = codePage;
    for (const byte of bytes) this.pendingBytes.push(byte);
  }

  private flushBytes(): void {
    if (this.pendingBytes.length === 0 || this.pendingSink === null) return;
    const sink = this.pendingSink;
    const text = iconv.decode(Buffer.from(this.pendingBytes), this.encodingOf(this.pendingCodePage));
    this.pendingBytes = [];
    this.pendingSink = null;
    this.append(sink, text);
  }

  private emit(state: GroupState, text: string): void {
    if (state.sink.kind === 'skip' || state.hidden || state.inFontTable) return;
    this.flushBytes();
    this.append(state.sink, text);
  }

  private append(sink: Sink, text: string): void {
    if (sink.kind === 'body') this.body += text;
    else if (sink.kind === 'note') this.notes[sink.index] = (this.notes[sink.index] ?? '') + text;
    else if (sink.kind === 'info') this.info.set(sink.field, (this.info.get(sink.field) ?? '') + text);
  }

  private fontCodePage(state: GroupState): number {
    const font = state.font ?? this.defaultFont;
    return (font !== null ? this.fontCodePages.get(font) : undefined) ?? this.codePage;
  }

  private encodingOf(codePage: number): string {
    const name = iconvNameOfCodePage(codePage);
    if (name) return name;
    if (!this.unknownCodePages.has(codePage)) {
      this.unknownCodePages.add(codePage);
      this.warnings.push(`RTF code page ${codePage} is unknown: its bytes were read as Windows-1252`);
    }
    return 'cp1252';
  }
}

function rootState(): GroupState {
  return {
    sink: { kind: 'body' },
    unicodeSkip: 1,
    font: null,
    hidden: false,
    atStart: false,
    ignorable: false,
    inFontTable: false,
    inInfo: false,
    inShapePicture: false,
  };
}

/** `\creatim\yr2024\mo3\dy5\hr10\min0` → '2024-03-05T10:00'; RTF dates carry no zone, so none is invented. */
function infoDate(date: Partial<Record<'yr' | 'mo' | 'dy' | 'hr' | 'min', number>> | undefined): string | null {
  if (!date?.yr || !date.mo || !date.dy) return null;
  const { yr, mo, dy } = date;
  if (yr < 1900 || yr > 9999 || mo < 1 || mo > 12 || dy < 1 || dy > 31) return null;
  const day = new Date(Date.UTC(yr, mo - 1, dy));
  if (day.getUTCDate() !== dy) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const isoDay = `${yr}-${pad(mo)}-${pad(dy)}`;
  const { hr, min } = date;
  if (hr === undefined || hr < 0 || hr > 23) return isoDay;
  return `${isoDay}T${pad(hr)}:${pad(min !== undefined && min >= 0 && min < 60 ? min : 0)}`;
}
