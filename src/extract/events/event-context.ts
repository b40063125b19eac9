/**
 * What ties an event cue to the rest of its sentence: which date and which persons belong to it. A sentence often
 * reports several acts («оштрафовал Кравец…, Лисицкому назначили 15 суток ареста») or tucks background into a
 * relative clause ("Galimov, who was … remanded in custody on Monday"), so each cue takes the date and the persons
 * nearest to it rather than the sentence's first ones.
 */
import type { EventType } from '../types.js';

export interface Range {
  start: number;
  end: number;
}

export interface CueHit extends Range {
  type: EventType;
}

const RELATIVE_CLAUSE =
  /,\s*(?:who|which|whom|whose|where|когда|который|которая|которое|которые|которого|которой|которых|которым|которому|которую|где)(?![\p{L}])[^,;—–]*/giu;
/**
 * A Russian participle phrase after a comma is a relative clause too: «активистку Сабирову, задержанную в понедельник
 * на улице Баумана» — its date is the detention's, not the arrest's. Passive (-нн-, -т-less) and active (-вш-, -ющ-,
 * -ящ-, -ащ-, -ущ-) participles in any case, reflexive too («содержащегося под стражей с 12 сентября»); «бывший» is an
 * adjective here, not a clause.
 */
const RU_PARTICIPLE_CLAUSE =
  /,\s*(?!бывш)\p{L}+(?:нн|вш|ющ|ящ|ащ|ущ)(?:ый|ий|ая|яя|ое|ее|ые|ие|ого|его|ой|ей|ую|юю|ым|им|ом|ем|ых|их|ыми|ими|ому|ему)(?:ся|сь)?(?![\p{L}])[^,;—–]*/giu;

/**
 * "Ksenia Rom, detained at a picket on 6 December, was fined": an English participle phrase between commas is a
 * relative clause too, and its date the detention's (but "detained and, on 17 June, fined 20,000 roubles" is not one).
 */
const EN_PARTICIPLE_CLAUSE =
  /,(?<=\p{L},)(?<!(?:January|February|March|April|May|June|July|August|September|October|November|December),)\s*(?:detained|arrested|sentenced|fined|convicted|charged|searched|jailed|accused|released|remanded|born)\s[^,;—–]*(?=,(?!\d))/gu;

/**
 * "a blogger who left Russia in 2023, was added …": an English relative clause without its comma, after a noun. Not
 * after a word of time: "she led a rally, after which she was detained" tells what came next, at the rally's date.
 */
const EN_BARE_RELATIVE =
  /\s(?<=\p{Ll}\s)(?<!(?<![\p{L}])(?:after|before|during|following|upon|since|until)\s)\s*(?:who|whom|whose|which)\s[^,;—–]*/gu;

/**
 * Relative clauses as ranges of `text` (offsets relative to it): ", who had spent two months in custody",
 * «, который с 2022 года живёт в Вильнюсе». `relativeClauses('Gromov, who was held, is free')` → [{ start: 6, end: 20 }].
 */
export function relativeClauses(text: string): Range[] {
  const out: Range[] = [];
  for (const pattern of [RELATIVE_CLAUSE, RU_PARTICIPLE_CLAUSE, EN_PARTICIPLE_CLAUSE, EN_BARE_RELATIVE]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      out.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const inside = (r: Range, at: number) => at >= r.start && at < r.end;
const PLACE_OR_TIME_CLAUSE = /^,\s*(?:где|когда|where|when)(?![\p{L}])/iu;

const CLAUSE_JOINT = /,\s*(?:а|но|однако|whereas|while|but)\s/iu;
const BARE_AND = /^\s*(?:and|и)\s*$/iu;
/** Also "detained and, on 17 June, fined": an "and" with a comma after it opens a clause of its own. */
const CLAUSE_JOINT_AHEAD = /[;:]|,\s*(?:а|но|однако|whereas|while|but|and|и)\s|(?<![\p{L}])(?:and|и),/iu;

/** Distance between two ranges of one sentence; a semicolon between them counts as far away, a clause's joint far. */
export function distance(text: string, a: Range, b: Range): number {
  const [left, right] = a.start <= b.start ? [a, b] : [b, a];
  const gap = Math.max(0, right.start - left.end);
  const between = text.slice(Math.max(0, left.end), Math.max(left.end, right.start));
  // «…объявило его в розыск, а в октябре включило в реестр»: a date past a clause's joint belongs to the next clause;
  // "arrested in March 2024 and sentenced … in June 2025": one joined by "and" alone, to its own verb.
  const joint = CLAUSE_JOINT.test(between) || BARE_AND.test(between);
  // A table's cells are apart as clauses after a semicolon are: «03.09.2026 | отпущен 04.09.2026».
  const apart = between.includes(';') || between.includes('|') || between.includes('\t');
  return gap + (apart ? 1000 : 0) + (joint ? 50 : 0);
}

/** "… within minutes and ⟨the next day⟩": a bare "and" just before the date, after some words of the cue's clause. */
const AND_BEFORE_DATE = /^\s+\S[^,;:]*\s(?:and|и)\s+$/iu;
/** A card's field: «Дата возбуждения дела: 3 февраля 2025 г.», "Detained: 4 February 2025" — the label's act's date. */
const FIELD_LABEL = /^[\s•*–—-]*[\p{L}][\p{L} ]{0,40}:\s*$/u;

function labelsDate(text: string, cue: Range, date: Range): boolean {
  // A label is short: look no further back than it could reach, so a long line costs nothing here.
  const from = Math.max(0, cue.start - 48);
  const window = text.slice(from, date.start);
  const newline = window.lastIndexOf('\n');
  if (newline < 0 && from > 0) return false;
  return FIELD_LABEL.test(window.slice(newline + 1));
}

/**
 * The date that belongs to a cue: the nearest one in its own relative clause when the cue is inside one; otherwise
 * the nearest one outside every relative clause. `null` when the sentence offers none (the caller falls back to the
 * narrative's last date).
 */
export function dateForCue<D extends Range>(text: string, cue: Range, dates: D[], relatives: Range[]): D | null {
  const own = relatives.find((r) => inside(r, cue.start));
  // "He was detained within minutes, and the next day the court …": a date past a clause's joint after the cue is the
  // next clause's, so the cue takes none of its own rather than that one.
  // "detained within minutes and the next day jailed": a date right after an "and" opens the next verb's clause.
  const ahead = (d: D) =>
    d.start >= cue.end &&
    (CLAUSE_JOINT_AHEAD.test(text.slice(cue.end, d.start)) || AND_BEFORE_DATE.test(text.slice(cue.end, d.start))) &&
    !labelsDate(text, cue, d);
  const outside = dates.filter((d) => !relatives.some((r) => inside(r, d.start)));
  let candidates = (own ? dates.filter((d) => inside(own, d.start)) : outside).filter((d) => !ahead(d));
  // «Накануне её задержали у памятника, где она стояла с плакатом»: a clause of where or when, with no date of its
  // own, tells of the time its sentence does.
  if (own && candidates.length === 0 && PLACE_OR_TIME_CLAUSE.test(text.slice(own.start, own.end)))
    candidates = outside.filter((d) => !ahead(d));
  let best: D | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const d of candidates) {
    // «Судебное заседание ⇥ 27.11.2026 ⇥ … ⇥ Вынесен приговор ⇥ 30.11.2026»: a cell with an act and no date of its
    // own takes the date of a cell before it (the act's column); a date after it is when the row was written up.
    const laterCell = d.start >= cue.end && /[|\t]/u.test(text.slice(cue.end, d.start));
    // «Илья под стражей с 14 февраля, приговор огласили 27 ноября»: a date past a comma is another clause's, when the
    // cue's own clause has one.
    const between = d.start >= cue.end ? text.slice(cue.end, d.start) : text.slice(d.end, cue.start);
    const dist = distance(text, cue, d) + (laterCell ? 500 : 0) + (between.includes(',') ? 30 : 0);
    if (dist < bestDistance) {
      best = d;
      bestDistance = dist;
    }
  }
  return best;
}

/** «, а Гелашвили оставили на ночь», «, но Петрова — нет»: a contrasting Russian clause, not one that goes on. */
const RU_CONTRAST =
  /,\s*(?:а|но|однако)\s+(?!(?:также|затем|потом|позже|после|через|уже|ещё|еще|вскоре)(?![\p{L}]))/giu;
const CLAUSE_END = /[;:.!?]|,\s*(?:а|но|однако|и)\s/u;
const RU_PAST_OR_NO = /(?<![\p{L}])(?:\p{L}{2,}(?:ли|ла|ло)(?:сь)?|нет)(?![\p{L}])/u;

/**
 * «Лаптеву … отпустили, а Гелашвили оставили на ночь»: the persons of a contrasting clause with a verb of its own and
 * no cue are those the sentence's acts did not befall.
 */
function contrastedAway(text: string, cues: CueHit[], persons: Range[]): Set<number> {
  const away = new Set<number>();
  const from = Math.min(...cues.map((c) => c.start), ...persons.map((p) => p.start));
  const to = Math.max(...cues.map((c) => c.end), ...persons.map((p) => p.end));
  if (!Number.isFinite(from)) return away;
  const window = text.slice(from, to + 120);
  for (const m of window.matchAll(RU_CONTRAST)) {
    const start = from + m.index! + m[0].length;
    const rest = text.slice(start, start + 200);
    const stop = CLAUSE_END.exec(rest);
    const end = start + (stop ? stop.index : rest.length);
    if (cues.some((c) => c.start >= start && c.start < end)) continue;
    if (!cues.some((c) => c.end <= start)) continue;
    if (!RU_PAST_OR_NO.test(text.slice(start, end))) continue;
    persons.forEach((p, i) => {
      if (p.start >= start && p.start < end) away.add(i);
    });
  }
  // «Отпущен в 00:40, но у Гринберга изъяли телефон»: when the clause names the sentence's only person, the acts are
  // still his.
  if (away.size === persons.length) away.clear();
  return away;
}

/**
 * Which persons each event type takes: every person goes to its nearest cue; a type that got nobody takes every
 * person of the sentence ("police detained 14 protesters, including Zorina, who was later fined" — both acts are
 * Zorina's). A person nearest to a denied cue (`denied`: "Olga Lisova was not detained at the rally") is the one
 * that act did not befall, and no other act of the sentence takes her. Returns indices into `persons` per type.
 */
export function subjectsByCue(
  text: string,
  cues: CueHit[],
  persons: Range[],
  denied: Range[] = [],
): Map<EventType, number[]> {
  const out = new Map<EventType, number[]>();
  for (const c of cues) if (!out.has(c.type)) out.set(c.type, []);
  const spoken = contrastedAway(text, cues, persons);
  persons.forEach((p, i) => {
    if (spoken.has(i)) return;
    let best: CueHit | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const d of denied) {
      const dist = distance(text, d, p);
      if (dist < bestDistance) bestDistance = dist;
    }
    for (const c of cues) {
      // «продлил арест … Курбанову — участникам акции»: a protest or meeting named beside a person is mostly what they
      // took part in, so the person goes to the other act of the sentence when there is one.
      const dist = distance(text, c, p) + (c.type === 'protest' || c.type === 'meeting' ? 500 : 0);
      if (dist < bestDistance) {
        best = c;
        bestDistance = dist;
      }
    }
    if (best) out.get(best.type)!.push(i);
    else if (bestDistance < Number.POSITIVE_INFINITY) spoken.add(i);
  });
  const all = persons.map((_, i) => i).filter((i) => !spoken.has(i));
  for (const c of cues) {
    if (out.get(c.type)!.length > 0) continue;
    // «Абасова оштрафовали на 15 000 рублей и отпустили», "fined 15,000 roubles and released": two verbs of one clause
    // joined by "and" share their person.
    const partner = cues.findLast((o) => {
      if (o.type === c.type || o.end > c.start || out.get(o.type)!.length === 0) return false;
      const between = text.slice(o.end, c.start);
      return between.length <= 60 && !/[;:—–]|,\s/u.test(between) && /\s(?:и|and)\s+$/iu.test(between);
    });
    if (partner) out.set(c.type, [...out.get(partner.type)!]);
  }
  for (const [type, list] of out) if (list.length === 0) out.set(type, all);
  return out;
}

/** Two dates of one act: equal, or one of them unknown. */
export function compatibleDates(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}
