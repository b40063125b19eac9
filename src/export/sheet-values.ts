/**
 * Cell values of the spreadsheets monitoring groups keep (dates, articles, statuses, sentences, genders), read into
 * the record's shapes. Pure: each reader returns the value or a reason the cell cannot be read, which the CSV import
 * reports with the row number. Month-name dates («март 2021», "5 March 2021") go through the extractor's date
 * grammar, so the spreadsheet and the reports read dates by the same rules.
 */
import { findDateExpressions } from '../extract/index.js';
import type { ArticleInput, PersonStatus } from '../record/index.js';

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(reason: string): Read<T> => ({ ok: false, reason });

export type DateOrder = 'day-first' | 'month-first';

export interface SheetDate {
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  value: string;
  precision: 'day' | 'month' | 'year';
}

const pad = (n: number) => String(n).padStart(2, '0');

function dayExists(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Two-digit years: «05.03.21» is 2021, «12.05.87» is 1987 (a year after this one cannot be a past event). */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length !== 2) return n;
  const thisYear = new Date().getUTCFullYear() % 100;
  return n <= thisYear ? 2000 + n : 1900 + n;
}

function calendarDate(y: number, m: number, d: number | null, cell: string): Read<SheetDate> {
  if (y < 1900 || y > 2100) return fail(`unreadable date «${cell}»: year ${y}`);
  if (m < 1 || m > 12) return fail(`unreadable date «${cell}»: no month ${m}`);
  if (d === null) return ok({ value: `${y}-${pad(m)}`, precision: 'month' });
  if (!dayExists(y, m, d)) return fail(`unreadable date «${cell}»: no such day`);
  return ok({ value: `${y}-${pad(m)}-${pad(d)}`, precision: 'day' });
}

/**
 * One date cell at the precision it states. Dots are always day first (the Russian habit: 05.03.2021 is 5 March);
 * slashes follow `order` (5/3/2021 is 5 March day-first, 3 May month-first); ISO as written; month names in
 * Russian or English give the month. `readSheetDate('март 2021')` → `{ value: '2021-03', precision: 'month' }`,
 * `readSheetDate('31.02.2021')` → fails with "no such day".
 */
export function readSheetDate(cell: string, order: DateOrder = 'day-first'): Read<SheetDate> {
  // A workbook's date-and-time cell ('2021-03-05T09:30:00', see sources/parsers/spreadsheet.ts) is its day here.
  const text = cell
    .trim()
    .replace(/\s*(г\.?|года?)$/u, '')
    .replace(/^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2})?$/u, '$1');
  let m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
  if (m) {
    if (!m[2])
      return Number(m[1]) >= 1900 ? ok({ value: m[1]!, precision: 'year' }) : fail(`unreadable date «${cell}»`);
    return calendarDate(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null, cell);
  }
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(text);
  if (m) return calendarDate(fullYear(m[3]!), Number(m[2]), Number(m[1]), cell);
  m = /^(\d{1,2})\.(\d{4})$/.exec(text);
  if (m) return calendarDate(Number(m[2]), Number(m[1]), null, cell);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const [first, second] = [Number(m[1]), Number(m[2])];
    return order === 'day-first'
      ? calendarDate(fullYear(m[3]!), second, first, cell)
      : calendarDate(fullYear(m[3]!), first, second, cell);
  }
  const language = /\p{Script=Cyrillic}/u.test(text) ? 'ru' : 'en';
  const found = findDateExpressions(text, language).find((x) => x.expression.kind === 'absolute');
  // The month-name phrase must be the whole cell: «до марта 2021?» or "spring 2021" is not a date to store.
  if (found && !found.until && found.expression.kind === 'absolute' && found.start === 0 && found.end >= text.length) {
    const { year, month, day } = found.expression;
    if (year !== null && month !== null) return calendarDate(year, month, day, cell);
  }
  return fail(`unreadable date «${cell}»`);
}

/**
 * The articles of a cell, separated by `;`, `,` or new lines; a code named once («212.2 ч.1; 280.3 УК РФ») holds
 * for the cell, else `defaultCode`. `readArticles('ч. 2 ст. 205.5 УК РФ')` → `[{ code: 'УК РФ', article: '205.5',
 * part: 2 }]`; `readArticles('212.2 ч.1; 280.3')` → 212.2 part 1 and 280.3, both under `defaultCode`.
 */
export function readArticles(cell: string, defaultCode = 'УК РФ'): Read<ArticleInput[]> {
  const pieces = cell
    .split(/[;,\n]+/u)
    .map((p) => p.trim())
    .filter(Boolean);
  const codeOf = (piece: string): string | null => {
    if (/КоАП/iu.test(piece)) return 'КоАП РФ';
    if (/УК\s*РФ|\bУК\b/u.test(piece)) return 'УК РФ';
    if (/\b(CrC|Criminal Code)\b/iu.test(piece)) return 'УК РФ';
    return null;
  };
  const named = pieces.map(codeOf).find((c) => c !== null) ?? null;
  const articles: ArticleInput[] = [];
  for (const piece of pieces) {
    const rest = piece.replace(/КоАП(\s*РФ)?|УК(\s*РФ)?|Criminal Code|CrC/giu, ' ');
    const part = /(?:ч\.?|часть|part|p\.)\s*(\d+)/iu.exec(rest);
    const withoutPart = part ? rest.replace(part[0], ' ') : rest;
    const article = /(?:ст\.?|статья|art\.?|article)?\s*(\d{1,3}(?:\.\d{1,2}){0,2})(?!\d)/iu.exec(withoutPart);
    const leftover = withoutPart
      .replace(article?.[0] ?? '', ' ')
      .replace(/[\s.()]/gu, '')
      .replace(/^(ст|статья|art|article)$/iu, '');
    if (!article || leftover) return fail(`unreadable article «${piece}»`);
    articles.push({
      code: codeOf(piece) ?? named ?? defaultCode,
      article: article[1]!,
      part: part ? Number(part[1]) : null,
    });
  }
  return ok(articles);
}

/** Words in status cells, lower case and ё folded, matched at the start of the cell (first match wins). */
const STATUS_WORDS: Array<[RegExp, PersonStatus]> = [
  [/^(под )?домашн\S* арест|^house.?arrest/u, 'house_arrest'],
  [/^(в )?сизо|^под страж|^арестован|^in.?custody|^pre.?trial|^remand/u, 'in_custody'],
  [/^задержан|^detained/u, 'detained'],
  [/^осужден|^приговор|^(в )?колони|^отбывает|^sentenced|^convicted|^serving/u, 'sentenced'],
  [/^освобожден|^вышел|^released/u, 'released'],
  [/^на свобод|^at.?liberty|^free/u, 'at_liberty'],
  [/^эмигрир|^уехал|^покинул|^emigrated|^left/u, 'emigrated'],
  [/^умер|^скончал|^погиб|^deceased|^died|^dead/u, 'deceased'],
];

const STATUS_CODES = new Set<string>([
  'at_liberty',
  'detained',
  'in_custody',
  'house_arrest',
  'sentenced',
  'released',
  'emigrated',
  'deceased',
]);

/**
 * A status cell → the record's status: the map's own labels first, then the record's codes, then common Russian
 * and English words. `readStatus('в СИЗО')` → in_custody; `readStatus('под подпиской')` fails (unknown status).
 */
export function readStatus(cell: string, labels: Record<string, string> = {}): Read<PersonStatus> {
  const text = cell.trim().toLowerCase().replaceAll('ё', 'е').replace(/\s+/gu, ' ');
  for (const [label, status] of Object.entries(labels)) {
    if (label.trim().toLowerCase().replaceAll('ё', 'е') === text) return ok(status as PersonStatus);
  }
  if (STATUS_CODES.has(text.replace(/[ -]/gu, '_'))) return ok(text.replace(/[ -]/gu, '_') as PersonStatus);
  for (const [pattern, status] of STATUS_WORDS) if (pattern.test(text)) return ok(status);
  return fail(`unknown status «${cell}»`);
}

/**
 * A sentence cell in years: «6 лет», «6,5», «6 лет 6 месяцев», "4 years 3 months", «8 мес.».
 * `readSentenceYears('6 лет 6 месяцев')` → 6.5; a cell with no term in it («штраф», «условно») fails.
 */
export function readSentenceYears(cell: string): Read<number> {
  const text = cell
    .trim()
    .toLowerCase()
    .replace(/(\d),(\d)/gu, '$1.$2');
  if (/^\d+(?:\.\d+)?$/u.test(text)) return ok(Number(text));
  const end = '(?=[\\s.,;]|$)';
  const years = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(?:г|год|года|лет|years?|yrs?)${end}`, 'u').exec(text);
  const months = new RegExp(`(\\d+)\\s*(?:мес|месяц|месяца|месяцев|months?|mos?)${end}`, 'u').exec(text);
  if (!years && !months) return fail(`unreadable sentence «${cell}»`);
  const total = Number(years?.[1] ?? 0) + Number(months?.[1] ?? 0) / 12;
  return ok(Math.round(total * 100) / 100);
}

/** «м», «муж.», "M", "male" → 'masc'; «ж», «жен.», "F", "female" → 'femn' (the extractor's values). */
export function readGender(cell: string): Read<'masc' | 'femn'> {
  const text = cell.trim().toLowerCase().replace(/\.$/u, '');
  if (/^(м|муж|мужской|m|male|man)$/u.test(text)) return ok('masc');
  if (/^(ж|жен|женский|f|female|woman)$/u.test(text)) return ok('femn');
  return fail(`unknown gender «${cell}»`);
}

/** A birth-year cell: «1987», «1987 г.», or a full birth date («12.05.1987») of which the year is kept. */
export function readBirthYear(cell: string): Read<number> {
  const text = cell.trim();
  const year = /^(\d{4})(\s*(г\.?|года?))?$/u.exec(text);
  const fromDate = year ? null : readSheetDate(text);
  const value = year ? Number(year[1]) : fromDate?.ok ? Number(fromDate.value.value.slice(0, 4)) : null;
  if (value === null || value < 1900 || value > new Date().getUTCFullYear())
    return fail(`unreadable birth year «${cell}»`);
  return ok(value);
}

/** The http(s) addresses in a cell; other text in it fails (a source must be a link somebody can open). */
export function readUrls(cell: string): Read<string[]> {
  const pieces = cell.split(/[\s;,]+/u).filter(Boolean);
  const bad = pieces.find((p) => {
    try {
      const url = new URL(p);
      return url.protocol !== 'http:' && url.protocol !== 'https:';
    } catch {
      return true;
    }
  });
  return bad ? fail(`not a link «${bad}» in sources`) : ok(pieces);
}
