/**
 * Tokens and sentences over the text exactly as given: nothing is rewritten, every token keeps the UTF-16 offsets
 * of its characters, so any span cut from tokens satisfies text.slice(start, end) === span.text.
 *
 * Handles what pasted reports and PDF text bring: hard line breaks inside sentences (a line break ends a sentence only
 * after terminal punctuation or after a short heading-like line), words hyphenated across lines («обыс-\nки» is one
 * token whose `norm` is «обыски»), soft hyphens, odd spaces (NBSP, thin spaces), «ёлочки» and smart quotes, and
 * abbreviations that do not end sentences («ул.», «г.», «ст.», «ч.», «т.е.», "Mr.", "St.", "Jan.", initials).
 */

export type TokenKind = 'word' | 'num' | 'punct';

export interface Token {
  /** The characters as written. */
  text: string;
  /** The word with hyphenation and soft hyphens removed (= text for most tokens). */
  norm: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** Starts with an upper-case letter. */
  upper: boolean;
  /** Line breaks between the previous token and this one. */
  breaksBefore: number;
  /**
   * A tab or a run of three or more spaces within the line before this token: a column's edge in a card or a court
   * paper's header («Судья Хасанова Г.Р.          Дело № 22-7841/2026»), which no name runs across.
   */
  columnBefore: boolean;
  /** Index in the document's token array. */
  index: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Indices into the document's tokens: [first, last). */
  first: number;
  last: number;
  paragraph: number;
}

export interface Segmentation {
  tokens: Token[];
  sentences: Sentence[];
}

// Letters (with combining marks and soft hyphens) joined by inner hyphens or apostrophes; numbers with inner
// separators (205.5, 30,000, 12:30); any other single character. No nested quantifiers: linear time.
const TOKEN =
  /[\p{L}\p{M}\u00AD][\p{L}\p{M}\p{N}\u00AD]*(?:[-‐‑'’][\p{L}\p{M}\p{N}\u00AD]+)*|\p{N}+(?:[.,:]\p{N}+)*|[^\s]/gu;
const LOWER_START = /^\p{Ll}/u;
const UPPER_START = /^\p{Lu}/u;

/** Abbreviations after which a full stop does not end a sentence (lower-cased). */
const ABBREVIATIONS = new Set(
  (
    'ул г гг ст ст-и ч п пп д им пр просп пер обл корп кв стр св см т е др г-н г-жа проф акад доц гр пос дер наб пл ' +
    'р-н р-на респ ген полк подполк лейт мл ст-ка ср напр тел рис ок ' +
    'mr mrs ms dr st prof gen lt col sgt capt no nos jan feb mar apr jun jul aug sep sept oct nov dec jr sr vs gov rep ' +
    'sen rev mt ft ave approx art pt para u.s i.e e.g'
  ).split(' '),
);
/** Abbreviations that end a sentence when a capitalised word follows («… 10 тыс. руб. Его…», "… Ltd. The…"). */
const SOFT_ABBREVIATIONS = new Set(['руб', 'тыс', 'млн', 'млрд', 'коп', 'etc', 'inc', 'ltd', 'co', 'corp']);
/** Initials written with more than one letter: Cyrillic Х, Ш, Ж, Ч, Ц, Ю, Я, Е, Щ, Дж in Latin script. */
const DIGRAPH_INITIAL = /^(?:Kh|Sh|Zh|Ch|Ts|Tz|Yu|Iu|Ya|Ia|Ye|Yo|Sch|Shch|Dzh|Dj|Gh|Дж)$/u;
const TERMINAL = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['»', '"', '”', "'", '’', ')', ']', '“']);
/** An emoji after a sentence's full stop, as a channel's posts put them («…к отделу! 🙏», «…жалобу. 😡»): part of it. */
const TRAILING_EMOJI = /^(?:\p{Extended_Pictographic}|\uFE0F)$/u;
const MAX_SENTENCE_TOKENS = 400;
const HEADING_MAX_CHARS = 70;
const SUBHEADING_MAX_CHARS = 50;
/** A line that starts with a field's label: «Статья:», «Мера пресечения:», "Status:". */
const FIELD_LINE = /^\p{Lu}[\p{L}]*(?:\s+[\p{L}]+){0,2}:\s/u;
/**
 * A court website's card copied as text puts a field's label and its value in two columns: «Судья ⇥ Кораблёва Т. В.»,
 * «Дата поступления ⇥ 09.07.2026» — a label of up to eight words, one run of tabs, and a value without tabs.
 */
const TAB_FIELD_LINE = /^\p{Lu}[\p{L}\p{N}.,()/-]*(?: [\p{L}\p{N}.,()/-]+){0,7} *\t+[^\t\n]*$/u;
/** A line ending on one of these runs on into the next whatever the line breaks: "Pavel Larin and ⏎⏎ Artyom Sokolov". */
const CONTINUATION_WORDS = new Set(
  'and or of the a an to in on at for with by from и или в во на с со по к о об за у из от а но что'.split(' '),
);

/** Splits text into tokens. `tokenize('В г. Уфе')` → tokens «В», «г», «.», «Уфе» with their offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let previousEnd = 0;
  let match: RegExpExecArray | null = TOKEN.exec(text);
  while (match !== null) {
    const raw = match[0];
    const start = match.index;
    let end = start + raw.length;
    let norm = raw.includes('\u00AD') ? raw.replace(/\u00AD/g, '') : raw;
    // «Арсе́ний Льво́вич»: an encyclopaedia's lead marks the stress with a combining accent; the word is read without it.
    if (/[\u0300\u0301]/u.test(norm)) norm = norm.replace(/[\u0300\u0301]/gu, '');
    const first = raw[0] ?? '';
    const isWord = /[\p{L}\p{M}]/u.test(first);
    // A word hyphenated across a line break: «обыс-\nки», "de-\ntained".
    if (isWord && text[end] === '-') {
      let j = end + 1;
      let sawBreak = false;
      while (
        j < text.length &&
        j - end < 8 &&
        (text[j] === ' ' || text[j] === '\t' || text[j] === '\r' || text[j] === '\n')
      ) {
        if (text[j] === '\n') sawBreak = true;
        j++;
      }
      if (sawBreak) {
        TOKEN.lastIndex = j;
        const next = TOKEN.exec(text);
        if (next && next.index === j && LOWER_START.test(next[0])) {
          end = j + next[0].length;
          norm = norm + next[0].replace(/\u00AD/g, '');
        } else {
          TOKEN.lastIndex = end;
        }
      }
    }
    let breaks = 0;
    for (let k = previousEnd; k < start; k++) if (text.charCodeAt(k) === 10) breaks++;
    const gap = start - previousEnd;
    const columnBefore =
      breaks === 0 && gap > 0 && (gap >= 3 ? /\t|[ \u00A0]{3}/u : /\t/u).test(text.slice(previousEnd, start));
    tokens.push({
      text: text.slice(start, end),
      norm,
      start,
      end,
      kind: isWord ? 'word' : /\p{N}/u.test(first) ? 'num' : 'punct',
      upper: UPPER_START.test(first),
      breaksBefore: breaks,
      columnBefore,
      index: tokens.length,
    });
    previousEnd = end;
    TOKEN.lastIndex = Math.max(TOKEN.lastIndex, end);
    match = TOKEN.exec(text);
  }
  return tokens;
}

/** List bullets: a line opening with one starts a sentence («• НОВОСИБИРСК, 23 ноября.», "● Police searched …"). */
const BULLETS = '•●▪■◦►▸‣·*';

function startsSentence(token: Token | undefined): boolean {
  if (!token) return true;
  if (token.upper || token.kind === 'num') return true;
  return '«"“„(—–-[\''.includes(token.text) || BULLETS.includes(token.text);
}

/**
 * The separator that splits a line into three or more table cells (`a | b | c`, `| a | b |`, or tabs), or null.
 * `tableRowSeparator('Ким | Омск | 03.09.2026')` → '|'.
 */
export function tableRowSeparator(line: string): '|' | '\t' | null {
  // `| a | b |` in markdown, but "DEFENDER | Lvova A. B. |" is a row with its last cell empty.
  const trimmed = line.trim();
  const inner = trimmed.startsWith('|') ? trimmed.slice(1).replace(/\|$/u, '') : trimmed;
  if ((inner.match(/\|/gu)?.length ?? 0) >= 2) return '|';
  if ((line.trim().match(/\t+/gu)?.length ?? 0) >= 2) return '\t';
  return null;
}

/** Whether the line holding `offset` is a table row. */
function onTableRow(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return tableRowSeparator(text.slice(start, end < 0 ? text.length : end)) !== null;
}

/** Whether `token` begins a field's label («Статья: …», "Status: …"). */
function opensField(text: string, token: Token): boolean {
  if (FIELD_LINE.test(text.slice(token.start, token.start + 40))) return true;
  const end = text.indexOf('\n', token.start);
  return TAB_FIELD_LINE.test(text.slice(token.start, end < 0 ? text.length : end));
}

/** Documents already measured by `isMostlyLowerCase`. */
const lowerCaseDocuments = new WeakMap<Token[], boolean>();

/**
 * Whether a document is written without capitals, as posts and chats often are: most of the Cyrillic words that open
 * a line or follow a full stop, «!» or «?» are lower-case («вчера в 6 утра пришли с обыском. руслана увезли»).
 */
export function isMostlyLowerCase(tokens: Token[]): boolean {
  const known = lowerCaseDocuments.get(tokens);
  if (known !== undefined) return known;
  let lower = 0;
  let openers = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || !/^\p{Script=Cyrillic}/u.test(t.norm)) continue;
    const prev = tokens[k - 1];
    if (k > 0 && t.breaksBefore === 0 && !(prev?.kind === 'punct' && /^[.!?]+$/u.test(prev.text))) continue;
    openers++;
    if (!t.upper) lower++;
  }
  const result = openers >= 5 && lower >= openers * 0.6;
  lowerCaseDocuments.set(tokens, result);
  return result;
}

/** Tokens and sentences. `segment('Он пришёл. Его задержали.').sentences.length` → 2. */
export function segment(text: string): Segmentation {
  const tokens = tokenize(text);
  const sentences: Sentence[] = [];
  // «…пришли с обыском. руслана увезли»: where nothing is capitalised, a full stop or a blank line ends a sentence.
  const lowerCase = isMostlyLowerCase(tokens);
  const opens = (t: Token | undefined) => startsSentence(t) || (lowerCase && t?.kind === 'word');
  let first = 0;
  let paragraph = 0;
  let lineStartOffset = 0;
  const close = (lastExclusive: number) => {
    if (lastExclusive <= first) return;
    const a = tokens[first]!;
    const b = tokens[lastExclusive - 1]!;
    sentences.push({ start: a.start, end: b.end, first, last: lastExclusive, paragraph });
    first = lastExclusive;
  };
  // The document's first line is no subheading: a short first line may break mid-sentence ("… activist Pavel ⏎ Larin").
  let lineOpensParagraph = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (token.breaksBefore > 0) {
      lineStartOffset = token.start;
      lineOpensParagraph = token.breaksBefore >= 2;
    }
    if (!next) break;
    let boundary = false;
    if (next.breaksBefore > 0 && (onTableRow(text, token.start) || onTableRow(text, next.start))) {
      // A table's row is a sentence of its own: «Ким Ольга | Омск | 03.09.2026 ⏎ Лунин Олег | Томск | …».
      boundary = true;
    } else if (TERMINAL.has(token.text)) {
      // Closing quotes and brackets after the full stop belong to this sentence.
      let j = i + 1;
      while (
        j < tokens.length &&
        (CLOSERS.has(tokens[j]!.text) || TRAILING_EMOJI.test(tokens[j]!.text)) &&
        tokens[j]!.breaksBefore === 0
      )
        j++;
      const after = tokens[j];
      if (j > i + 1) {
        if (opens(after)) {
          close(j);
          i = j - 1;
          if (after && after.breaksBefore >= 2) paragraph++;
        }
        continue;
      }
      boundary =
        opens(next) &&
        !isDottedName(tokens, i) &&
        (token.text !== '.' ||
          !isAbbreviationStop(tokens, i, next) ||
          // «Директору … Сорокиной-Пайгановой Л.Р. ⏎⏎ Уважаемая Лилия Рашидовна!»: initials after a surname close the
          // name, and a blank line after them ends the address.
          (next.breaksBefore >= 2 && closesNameWithInitials(tokens, i)) ||
          // «…2025 г. ⏎ Задержание: 4 февраля»: a field's label on the next line ends the line, abbreviation or not.
          (next.breaksBefore > 0 && opensField(text, next)));
    } else if (next.breaksBefore > 0) {
      // A straight quote that touches the word before it closes («Centre "Viasna"»); one that opens runs on.
      const closingQuote = token.text === '"' && i > 0 && tokens[i - 1]!.end === token.start;
      const continues =
        token.kind === 'punct'
          ? ',-–(«"„'.includes(token.text) && !closingQuote
          : !token.upper && CONTINUATION_WORDS.has(token.norm);
      if ((token.text === ':' || token.text === ';') && startsSentence(next)) boundary = true;
      else if (BULLETS.includes(next.text)) boundary = true;
      // A case card's fields, one to a line: «Тимур Галиев ⏎ Город: Казань ⏎ Статья: …».
      else if (!continues && next.upper && opensField(text, next)) boundary = true;
      // "Appeal rejected ⏎ On 19 June, the court…": a short unpunctuated line that opens a paragraph is a subheading
      // (a PDF's lines run the page's width; only a paragraph's last line is short, and it does not open one).
      else if (
        !continues &&
        next.breaksBefore === 1 &&
        lineOpensParagraph &&
        token.end - lineStartOffset < SUBHEADING_MAX_CHARS &&
        (next.upper || next.kind === 'num')
      )
        boundary = true;
      else if (!continues && next.breaksBefore >= 2 && (next.upper || next.kind === 'num' || lowerCase)) {
        // A blank line ends a heading (a short line) or a long headline that ends on a name ("… Andrei Kulikov in
        // Tbilisi"); in double-spaced PDF text a blank line also falls mid-sentence ("Pavel Larin and ⏎⏎ Artyom").
        // The document's first line over a blank line is its title, however long.
        const lineLength = token.end - lineStartOffset;
        const titleLine = lineStartOffset === tokens[0]!.start;
        boundary =
          titleLine ||
          lineLength < HEADING_MAX_CHARS ||
          (token.kind === 'word' && token.upper) ||
          CLOSERS.has(token.text);
      }
    }
    if (!boundary && i + 1 - first >= MAX_SENTENCE_TOKENS) boundary = true;
    if (boundary) {
      close(i + 1);
      if (next.breaksBefore >= 2) paragraph++;
    } else if (next.breaksBefore >= 2 && first === i + 1) {
      paragraph++;
    }
  }
  close(tokens.length);
  return { tokens, sentences };
}

/** Quote marks that open or close a quoted name or speech; '“' closes in English and opens in Russian. */
export const OPENING_QUOTES: ReadonlySet<string> = new Set(['«', '„', '“', '"']);
/** What may stand before a quoted name as before a word: «Ведёт Анна Лис, «Исеть. Хроника»», «· «Тобол.Хроника»». */
const NAME_LEADS = new Set([',', '—', '–', '·', '|']);
export const CLOSING_QUOTES: ReadonlySet<string> = new Set(['»', '“', '”', '"']);
/** Quoted words, whose pronouns are the quoted speaker's and whose "you" is the speaker's listener. */
export const QUOTED_SPANS = /«[^«»]*»|"[^"]*"|“[^”]*”/gu;

/**
 * The dot inside a quoted name of one or two words on each side: «Тобол.Хроника», «Узник. Урал», "Sever.Info". With a
 * space after the dot, only where a word or a comma stands before the quote («проекта «Узник. Урал»»): after a colon
 * or at a sentence's start the quote is speech («Хватит. Ухожу»), whose full stops end sentences.
 */
function isDottedName(tokens: Token[], dot: number): boolean {
  const word = tokens[dot - 1];
  const quote = tokens[dot - 2];
  if (word?.kind !== 'word' || word.end !== tokens[dot]!.start || !quote || !OPENING_QUOTES.has(quote.text))
    return false;
  if (quote.end !== word.start) return false;
  const after = tokens[dot + 1];
  if (after?.kind !== 'word' || after.breaksBefore > 0 || !after.upper) return false;
  const spaced = after.start > tokens[dot]!.end;
  const before = tokens[dot - 3];
  if (spaced && before?.kind !== 'word' && !NAME_LEADS.has(before?.text ?? '')) return false;
  for (let k = dot + 2; k <= dot + 3; k++) {
    const t = tokens[k];
    if (!t || t.breaksBefore > 0) return false;
    if (CLOSING_QUOTES.has(t.text)) return true;
    if (t.kind !== 'word') return false;
  }
  return false;
}

/** «Сорокиной-Пайгановой Л.Р.», "Ivanova A. B.": the stop ends initials written after a surname. */
function closesNameWithInitials(tokens: Token[], dot: number): boolean {
  let k = dot;
  let initials = 0;
  while (k >= 2 && tokens[k]!.text === '.' && tokens[k - 1]!.kind === 'word' && tokens[k - 1]!.upper) {
    if (tokens[k - 1]!.norm.length > 2) break;
    initials++;
    k -= 2;
  }
  const surname = tokens[k];
  return initials > 0 && surname?.kind === 'word' && surname.upper && surname.norm.length > 2;
}

function isAbbreviationStop(tokens: Token[], dot: number, next: Token): boolean {
  const prev = tokens[dot - 1];
  if (!prev || prev.end !== tokens[dot]!.start) return false;
  if (prev.kind !== 'word') return false;
  const lower = prev.norm.toLowerCase();
  // Initials: «О. Кузнецов», "O. Kuznetsov"; single lower-case letters: «т.е.», «и т.д.».
  if (prev.norm.length === 1) return true;
  // A transliterated initial of two or more letters before a name: "Kh. A. Dzhabrailov", "R. Sh. Murtazin", «Дж.».
  if (next.upper && DIGRAPH_INITIAL.test(prev.norm)) return true;
  if (lower === 'г' || lower === 'гг') {
    const before = tokens[dot - 2];
    return !(before && before.kind === 'num' && next.upper);
  }
  if (ABBREVIATIONS.has(lower)) return true;
  if (SOFT_ABBREVIATIONS.has(lower)) return !next.upper;
  return false;
}

/** A sentence's text with words hyphenated across lines rejoined, and the way back to the document's offsets. */
export interface SentenceView {
  text: string;
  /** Document offset of the view's character `i` (i may equal text.length: the sentence end). */
  toDocument(i: number): number;
}

/**
 * The longest run of white space between two words the view keeps whole; a longer one keeps its first and last
 * `LONG_GAP / 2` characters. A PDF's layout can leave tens of thousands of spaces inside one sentence, and the
 * grammars' patterns that end in `\s*…\s*$` would rescan such a run from every point in it.
 */
const LONG_GAP = 8;

function isWhiteSpace(text: string, from: number, to: number): boolean {
  for (let c = from; c < to; c++) if (!/\s/u.test(text[c]!)) return false;
  return true;
}

/**
 * The sentence as the grammars should read it: «задер-\nжаны» becomes «задержаны», "Septem-\nber" "September"; a run
 * of white space longer than `LONG_GAP` is cut to its two ends; everything else is the document text itself.
 * `sentenceView('17 Sep-\ntember', …).text` → '17 September'.
 */
export function sentenceView(text: string, tokens: Token[], sentence: Sentence): SentenceView {
  let rejoined = false;
  for (let k = sentence.first; k < sentence.last; k++) {
    const t = tokens[k]!;
    const gap = t.start - (k === sentence.first ? sentence.start : tokens[k - 1]!.end);
    if (t.norm.length !== t.text.length || (gap > LONG_GAP && isWhiteSpace(text, t.start - gap, t.start))) {
      rejoined = true;
      break;
    }
  }
  const base = sentence.start;
  if (!rejoined) {
    return { text: text.slice(sentence.start, sentence.end), toDocument: (i) => base + i };
  }
  let out = '';
  const map: number[] = [];
  let at = sentence.start;
  for (let k = sentence.first; k < sentence.last; k++) {
    const t = tokens[k]!;
    if (t.start - at > LONG_GAP && isWhiteSpace(text, at, t.start)) {
      for (const from of [at, t.start - LONG_GAP / 2])
        for (let c = from; c < from + LONG_GAP / 2; c++) {
          out += text[c];
          map.push(c);
        }
      at = t.start;
    }
    for (; at < t.start; at++) {
      out += text[at];
      map.push(at);
    }
    if (t.norm.length === t.text.length) {
      out += t.text;
      for (let c = 0; c < t.text.length; c++) map.push(t.start + c);
    } else {
      // norm is text with hyphens, line breaks and soft hyphens taken out: walk both.
      let n = 0;
      for (let c = 0; c < t.text.length && n < t.norm.length; c++) {
        if (t.text[c] === t.norm[n]) {
          out += t.norm[n];
          map.push(t.start + c);
          n++;
        }
      }
    }
    at = t.end;
  }
  map.push(sentence.end);
  return { text: out, toDocument: (i) => map[Math.min(i, map.length - 1)]! };
}
