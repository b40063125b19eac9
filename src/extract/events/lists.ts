/**
 * Numbered or bulleted lists of people, as monitors publish them after a rally: «Список задержанных: 1. Маргарита Ким
 * — ОМВД по Мещанскому району. Отпущена около 23:00.» Each item tells one person's part in the act the list is
 * about, mostly without naming the act or the person again: «Отпущена» is hers, and she is one of the detained.
 */

export interface ListItem {
  /** Where the item's line starts, and where its content starts after the marker ("1.", "—", "•"). */
  start: number;
  contentStart: number;
  /** Exclusive: the next item's start, a blank line, or the end of the text. */
  end: number;
  /** Items of one list share it: a run of two or more items with nothing between them. */
  list: number;
}

const ITEM_MARKER = /^[ \t]*(?:\d{1,3}[.)]|[•*–—-])[ \t]+(?=\S)/gmu;
const BLANK_LINE = /\n[ \t]*\n/gu;

/**
 * The items of every list in `text`, in order. A lone numbered line is no list.
 * `findListItems('Задержаны:\n1. Ким — ОМВД.\n2. Лунин — ОВД.\n\nДалее…')` → two items of list 0.
 */
export function findListItems(text: string): ListItem[] {
  const markers: Array<{ start: number; contentStart: number }> = [];
  ITEM_MARKER.lastIndex = 0;
  for (let m = ITEM_MARKER.exec(text); m !== null; m = ITEM_MARKER.exec(text)) {
    markers.push({ start: m.index, contentStart: m.index + m[0].length });
  }
  const blanks: number[] = [];
  BLANK_LINE.lastIndex = 0;
  for (let m = BLANK_LINE.exec(text); m !== null; m = BLANK_LINE.exec(text)) blanks.push(m.index);
  const items: ListItem[] = [];
  let list = -1;
  let b = 0;
  markers.forEach((marker, k) => {
    const next = markers[k + 1]?.start ?? text.length;
    while (b < blanks.length && blanks[b]! < marker.contentStart) b++;
    const blank = blanks[b] ?? text.length;
    const end = Math.min(next, blank);
    const previous = items.at(-1);
    const continues = previous !== undefined && previous.end === marker.start;
    if (!continues) list++;
    items.push({ ...marker, end, list });
  });
  const sizes = new Map<number, number>();
  for (const item of items) sizes.set(item.list, (sizes.get(item.list) ?? 0) + 1);
  return items.filter((item) => (sizes.get(item.list) ?? 0) >= 2);
}

/** The line over a list that says what it lists: «Список задержанных (обновлён …):», "Below is everyone we know of". */
export const LIST_HEADER =
  /(?<![\p{L}])(?:список|перечень|ниже|следующ\p{L}*|list(?:ed)?|below|following|here\s+(?:is|are))(?![\p{L}])|:\s*$/iu;

/** "Released at 03:00", «отпущен в 01:30»: a time past midnight, after an evening act. */
export function smallHours(sentenceText: string): boolean {
  // A colon only: «ст. 5.35 КоАП» is an article.
  const m = /(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])/u.exec(sentenceText);
  return m !== null && Number(m[1]) < 6;
}
