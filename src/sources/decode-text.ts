/**
 * Bytes of a text file → string, with the encoding named. Russian reports still arrive in Windows-1251 and KOI8-R;
 * chardet alone misjudges short Cyrillic texts, so single-byte Cyrillic candidates are scored by how Russian the
 * decoded words look (letter frequency, case pattern, no Latin/Cyrillic mix inside a word), and chardet only breaks
 * ties and names non-Cyrillic encodings.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** Lower-case WHATWG-style label: 'utf-8', 'utf-16le', 'windows-1251', 'koi8-r', … */
  encoding: string;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Windows code page numbers whose iconv-lite names are not `cp<number>`. */
const CODE_PAGE_NAMES: Record<number, string> = {
  1200: 'utf16le',
  65001: 'utf-8',
  10000: 'macintosh',
  10007: 'maccyrillic',
};

/**
 * The iconv-lite name of a Windows code page, as RTF (`\ansicpg`, `\fcharset`), Word's document properties and
 * Outlook's PidTagMessageCodepage give it, or null for one iconv-lite does not know; what to read instead is the
 * caller's to choose. `iconvNameOfCodePage(1251)` → 'cp1251'; `iconvNameOfCodePage(10007)` → 'maccyrillic'.
 */
export function iconvNameOfCodePage(codePage: number): string | null {
  const name = CODE_PAGE_NAMES[codePage] ?? `cp${codePage}`;
  return iconv.encodingExists(name) ? name : null;
}

/** Only the first bytes decide the encoding; the whole file is then decoded with it. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Decodes bytes of unknown encoding; the BOM is removed and nothing else is changed (offsets into the result are
 * offsets into the file's text). Never throws: undecodable bytes become U+FFFD.
 * `decodeText(iconv.encode('Привет', 'koi8-r'))` → `{ text: 'Привет', encoding: 'koi8-r' }`.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = detectBom(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding };
  if (bytes.length === 0) return { text: '', encoding: 'utf-8' };

  const utf16 = guessUtf16WithoutBom(bytes);
  if (utf16) return { text: decodeWith(bytes, utf16), encoding: utf16 };

  // Most reports are valid UTF-8: the strict decode is both the test and the result, so it runs once.
  const strict = decodeStrictUtf8(bytes);
  if (strict !== null) return { text: strict, encoding: 'utf-8' };
  if (classifyUtf8(bytes) === 'mostly') return { text: utf8Lenient.decode(bytes), encoding: 'utf-8' };

  const encoding = guessSingleByteEncoding(bytes.subarray(0, SAMPLE_BYTES));
  return { text: decodeWith(bytes, encoding), encoding };
}

/**
 * Decodes with a named charset (as declared by a MIME header or an HTML meta tag); unknown names fall back to
 * guessing. A file declared in a legacy charset whose bytes are valid UTF-8 with letters beyond ASCII is UTF-8: a page
 * re-saved as UTF-8 under its old `<meta charset=windows-1251>`, a letter whose program kept the old header. Russian
 * in a single-byte code page is never valid UTF-8 for more than a few letters, and decoding it so would store
 * «РЎСѓРґ» for «Суд». `asDeclared` keeps to the name (a person chose it).
 */
export function decodeWithCharset(
  bytes: Uint8Array,
  charset: string | null | undefined,
  options: { asDeclared?: boolean } = {},
): DecodedText {
  const label = normalizeCharset(charset);
  if (!label) return decodeText(bytes);
  const bom = detectBom(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding };
  if (label === 'utf-8') {
    // A declared UTF-8 that is not valid UTF-8 is common (wrong server config): trust the bytes over the label.
    if (classifyUtf8(bytes) === 'invalid') return decodeText(bytes);
    return { text: utf8Lenient.decode(bytes), encoding: 'utf-8' };
  }
  if (!options.asDeclared && !label.startsWith('utf-16') && bytes.some((b) => b >= 0x80)) {
    const utf8 = decodeStrictUtf8(bytes);
    if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  }
  return { text: decodeWith(bytes, label), encoding: label };
}

/** `normalizeCharset('CP1251')` → 'windows-1251'; null when iconv-lite does not know the name. */
export function normalizeCharset(charset: string | null | undefined): string | null {
  if (!charset) return null;
  const name = charset
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (!name || !iconv.encodingExists(name)) return null;
  const aliases: Record<string, string> = {
    utf8: 'utf-8',
    cp1251: 'windows-1251',
    'win-1251': 'windows-1251',
    'x-cp1251': 'windows-1251',
    koi8r: 'koi8-r',
    'us-ascii': 'utf-8',
    ascii: 'utf-8',
    cp866: 'ibm866',
    latin1: 'windows-1252',
    'iso-8859-1': 'windows-1252',
  };
  return aliases[name] ?? name;
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return utf8Lenient.decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: false });
}

function detectBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { encoding: 'utf-32le', length: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 without a BOM: text in Latin or Cyrillic has a zero (Latin) or 0x04 (Cyrillic) high byte in most code
 * units, always on the same side. Require an even length and a strong majority so binary files are not taken.
 */
function guessUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 8 || bytes.length % 2 !== 0) return null;
  // High bytes of Latin (0x00) and Cyrillic (0x04) code units; a zero low byte is rare in such text.
  let evenHigh = 0;
  let oddHigh = 0;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    const even = bytes[i]!;
    const odd = bytes[i + 1]!;
    if (even === 0 || even === 4) evenHigh++;
    if (odd === 0 || odd === 4) oddHigh++;
    if (even === 0) evenZero++;
    if (odd === 0) oddZero++;
  }
  const units = n / 2;
  if (oddHigh > units * 0.9 && evenZero < units * 0.05 && oddZero > 0) return 'utf-16le';
  if (evenHigh > units * 0.9 && oddZero < units * 0.05 && evenZero > 0) return 'utf-16be';
  return null;
}

/** The bytes as UTF-8 text, or null if they are not well-formed UTF-8 (a BOM is kept). */
export function decodeStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * 'valid' when the bytes are UTF-8; 'mostly' when well-formed multi-byte sequences far outnumber broken ones
 * (a truncated or slightly damaged UTF-8 file is still UTF-8); 'invalid' otherwise.
 */
function classifyUtf8(bytes: Uint8Array): 'valid' | 'mostly' | 'invalid' {
  if (decodeStrictUtf8(bytes) !== null) return 'valid';
  let good = 0;
  let bad = 0;
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) ok = ((bytes[i + k] ?? 0) & 0xc0) === 0x80;
    if (ok) {
      good++;
      i += len;
    } else {
      // A sequence cut by the sample boundary is not evidence against UTF-8.
      if (!(len > 0 && i + len > n && n < bytes.length)) bad++;
      i++;
    }
  }
  return good >= 4 && good >= bad * 8 ? 'mostly' : 'invalid';
}

const CYRILLIC_CANDIDATES = ['windows-1251', 'koi8-r', 'ibm866'] as const;
/** The ten most frequent Russian letters cover about 60 % of running text (о е а и н т с р в л). */
const FREQUENT_RU = new Set('оеаинтсрвл');
const CYR = /\p{Script=Cyrillic}/u;
const LAT = /\p{Script=Latin}/u;

interface CyrillicScore {
  encoding: string;
  score: number;
  pureShare: number;
}

const RUSSIAN_LETTER = /[А-Яа-яЁё]/;

/**
 * How Russian the sample looks in one code page, 0…1: the share of high bytes that became letters of pure Cyrillic
 * words weighs most (a wrong code page turns some into box-drawing signs or Latin letters inside words), then the
 * share of the ten most frequent letters, a sane case pattern per word (a wrong page turns «Привет» into «пРХБЕР»),
 * and letters of the Russian alphabet rather than Serbian or Ukrainian ones.
 */
function scoreCyrillic(sample: Uint8Array, encoding: string, highBytes: number): CyrillicScore {
  const text = decodeWith(sample, encoding);
  let cyrInPureWords = 0;
  let frequent = 0;
  let russian = 0;
  let cyrTotal = 0;
  let goodCaseWords = 0;
  let cyrWords = 0;
  for (const word of text.split(/[^\p{L}]+/u)) {
    if (!word) continue;
    let cyr = 0;
    let lat = 0;
    for (const ch of word) {
      if (CYR.test(ch)) cyr++;
      else if (LAT.test(ch)) lat++;
    }
    if (cyr === 0) continue;
    cyrTotal += cyr;
    if (lat > 0) continue;
    cyrWords++;
    cyrInPureWords += cyr;
    for (const ch of word.toLowerCase()) {
      if (FREQUENT_RU.has(ch)) frequent++;
      if (RUSSIAN_LETTER.test(ch)) russian++;
    }
    const rest = word.slice(1);
    if (rest === rest.toLowerCase() || word === word.toUpperCase()) goodCaseWords++;
  }
  const pureShare = highBytes === 0 ? 0 : Math.min(1, cyrInPureWords / highBytes);
  const freqShare = cyrInPureWords === 0 ? 0 : frequent / cyrInPureWords;
  const russianShare = cyrInPureWords === 0 ? 0 : russian / cyrInPureWords;
  const caseShare = cyrWords === 0 ? 0 : goodCaseWords / cyrWords;
  const mixPenalty = cyrTotal === 0 ? 1 : (cyrTotal - cyrInPureWords) / cyrTotal;
  const score = pureShare * 0.4 + freqShare * 0.25 + caseShare * 0.15 + russianShare * 0.2 - mixPenalty;
  return { encoding, score, pureShare };
}

/**
 * chardet names UTF-8 for bytes we already know are not UTF-8, and CJK multi-byte encodings for a few accented
 * Western letters; Chronicle's reports are Russian or English, so those guesses need real evidence.
 */
function acceptChardet(name: string, highBytes: number): boolean {
  if (name === 'utf-8' || name.startsWith('utf-16') || name.startsWith('utf-32')) return false;
  const multiByte = /^(shift_jis|big5|euc-|gb|iso-2022)/.test(name);
  return !multiByte || highBytes >= 64;
}

function guessSingleByteEncoding(sample: Uint8Array): string {
  let highBytes = 0;
  for (const b of sample) if (b >= 0x80) highBytes++;
  const chardetGuess = chardet.analyse(sample)[0];
  const chardetName = normalizeCharset(chardetGuess?.name ?? null);

  // Only code pages in which most high bytes form pure Cyrillic words are candidates at all.
  const scores = CYRILLIC_CANDIDATES.map((e) => scoreCyrillic(sample, e, highBytes))
    .filter((s) => s.pureShare >= 0.6 && s.score >= 0.45)
    .sort((a, b) => b.score - a.score);
  const best = scores[0];
  if (best) {
    const second = scores[1];
    if (second && best.score - second.score < 0.03 && chardetName && scores.some((s) => s.encoding === chardetName)) {
      return chardetName;
    }
    return best.encoding;
  }
  if (chardetName && acceptChardet(chardetName, highBytes)) return chardetName;
  return 'windows-1252';
}
