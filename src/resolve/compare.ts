/**
 * Pairwise comparison of two personal names with a calibrated score and an explanation per part.
 *
 * After OpenSanctions' name-part alignment (nomenklatura `name_based` / `logic_v2`): each part of one name is set
 * against its partner in the other, the distance is scaled by length, the surname weighs most, and a part present
 * on one side only costs less than a part that disagrees. Evidence is added in log-odds, then mapped to a
 * probability by Platt scaling fitted on the training split of eval/names (see eval/names-eval.ts), so that a
 * score of 0.9 is right about nine times in ten.
 *
 * Hard negatives are refused by large negative evidence, not by tuning: a surname that differs by a real letter
 * (Гайнуллин / Гайнутдинов, Sokolov / Sokolovsky), two different known given names (Ринат / Руслан), a patronymic
 * that disagrees, a gender that disagrees (Валентин Котов / Валентина Котова).
 */
import { type GivenNameHit, lookupGivenName } from './given-names.js';
import type { Gender } from './inflection.js';
import { foldName, foldSimilarity, hasCyrillic, hasNameLetters, surnameSimilarity } from './normalize.js';
import { type ParsedName, parseName, surnameStemKey } from './parse-name.js';
import { SCHEME_LABELS, schemesProducing } from './transliterate.js';

export type PartName = 'surname' | 'given name' | 'patronymic' | 'gender' | 'order' | 'reading';

export type PartStatus =
  | 'exact'
  | 'transliteration'
  | 'equivalent'
  | 'diminutive'
  | 'spelling variant'
  | 'initial'
  | 'absent'
  | 'different'
  | 'swapped'
  | 'ambiguous';

/** How one part of the two names compares. */
export interface PartComparison {
  readonly part: PartName;
  readonly a?: string;
  readonly b?: string;
  readonly status: PartStatus;
  /** 0..1 similarity of the part (1 = same). */
  readonly similarity: number;
  /** Log-odds this part contributes. */
  readonly evidence: number;
  /** One phrase, e.g. "Фёдор ~ Fedor via BGN/PCGN". */
  readonly note: string;
}

export interface NameComparison {
  /** Calibrated probability that both names denote the same person, 0..1. */
  readonly score: number;
  readonly match: boolean;
  /** The explanation in words, part by part. */
  readonly why: string;
  readonly parts: readonly PartComparison[];
}

/** Probability at or above which two names are called a match. A false merge is worse than a missed one, so the
 * threshold sits above 0.5; eval/names-eval.ts reports how it performs on pairs nobody tuned to. */
export const MATCH_THRESHOLD = 0.6;

/** Platt scaling of the evidence sum (fitted by `npx tsx eval/names-eval.ts --fit` on the training split). */
export const CALIBRATION = { slope: 1.635, intercept: 0.663 } as const;

const BASE_EVIDENCE = -3;

interface Side {
  readonly parsed: ParsedName;
  /** The whole name has no letter to compare (☺☺ ☺☺☺, 1990): it matches nothing (see `hasNameLetters`). */
  readonly letterless: boolean;
  readonly given?: string;
  readonly givenKey?: string;
  readonly surname?: string;
  readonly surnameKey?: string;
  readonly patronymic?: string;
  readonly patronymicKey?: string;
  readonly givenInitial?: string;
  readonly patronymicInitial?: string;
  readonly gender?: Gender;
}

const sideCache = new WeakMap<ParsedName, [Side, Side | undefined]>();

function sideOf(p: ParsedName, swapped = false): Side {
  let pair = sideCache.get(p);
  if (pair === undefined) {
    pair = [buildSide(p, false), undefined];
    sideCache.set(p, pair);
  }
  if (!swapped) return pair[0];
  pair[1] ??= buildSide(p, true);
  return pair[1];
}

function buildSide(p: ParsedName, swapped: boolean): Side {
  // One object literal of fixed shape (no spreads): this runs for every name scored in bulk.
  return {
    parsed: p,
    letterless: !hasNameLetters(p.raw),
    patronymic: p.patronymic,
    patronymicKey: p.keys.patronymic,
    givenInitial: p.given === undefined ? p.initials[0] : undefined,
    patronymicInitial: p.given === undefined ? p.initials[1] : p.initials[0],
    gender: p.gender,
    given: swapped ? p.surname : p.given,
    givenKey: swapped ? p.keys.surname : p.keys.given,
    surname: swapped ? p.given : p.surname,
    surnameKey: swapped ? p.keys.given : p.keys.surname,
  };
}

interface Scored {
  evidence: number;
  /** Filled only when an explanation was asked for (bulk scoring skips the strings). */
  parts: PartComparison[];
  explain: boolean;
}

function sameEntry(
  a: readonly GivenNameHit[],
  b: readonly GivenNameHit[],
): { a: GivenNameHit; b: GivenNameHit } | undefined {
  for (const ha of a) for (const hb of b) if (ha.entry === hb.entry) return { a: ha, b: hb };
  return undefined;
}

/** Initial letters that different schemes give one Cyrillic initial (Ю. = Yu. = Iu. = J.; Ж. = Zh. = J.). */
function initialCompatible(initial: string, full: string): boolean {
  const i = foldName(initial);
  const f = foldName(full);
  if (i === '' || f === '') return false;
  if (f.startsWith(i)) return true;
  const a = i[0] ?? '';
  const b = f[0] ?? '';
  const groups = ['Jiz', 'JZ', 'ei', 'kQ', 'SW', 'Hg'];
  return groups.some((g) => g.includes(a) && g.includes(b)) && (a === 'J' || b === 'J' || i.length === 1);
}

function initialsCompatible(x: string, y: string): boolean {
  return initialCompatible(x, y) || initialCompatible(y, x);
}

function display(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text
    .split(/([\s-])/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function isCyrillic(s: string): boolean {
  return hasCyrillic(s);
}

/** "via BGN/PCGN, ICAO 9303" when one side is Cyrillic and a standard writes it as the other side. */
function viaSchemes(x: string, y: string, explain: boolean): string {
  if (!explain) return '';
  const cyr = isCyrillic(x) ? x : isCyrillic(y) ? y : undefined;
  const lat = cyr === x ? y : x;
  if (cyr === undefined || isCyrillic(lat)) return '';
  const schemes = schemesProducing(cyr, lat);
  if (schemes.length === 0) return ' (press spelling)';
  return ` via ${schemes
    .slice(0, 3)
    .map((s) => SCHEME_LABELS[s])
    .join(', ')}`;
}

/** The fold of a Latin word reading its j as ж, as French-style press spellings write it (Bajanenko, Nadejda);
 * the ordinary fold reads j as й. Undefined when the word has no j or is Cyrillic. */
function foldWithJAsZh(word: string | undefined, surname: boolean): string | undefined {
  if (word === undefined || !/j/i.test(word) || isCyrillic(word)) return undefined;
  const folded = foldName(word.replace(/j/g, 'zh').replace(/J/g, 'Zh'));
  return surname ? surnameStemKey(folded) : folded;
}

/** Similarity of two name parts' keys, trying j as ж on a Latin side when the plain keys differ. */
function partSimilarity(
  aKey: string,
  aWord: string | undefined,
  bKey: string,
  bWord: string | undefined,
  surname: boolean,
): number {
  const sim = surname ? surnameSimilarity(aKey, bKey) : foldSimilarity(aKey, bKey);
  if (sim === 1) return sim;
  const aj = foldWithJAsZh(aWord, surname);
  const bj = foldWithJAsZh(bWord, surname);
  if ((aj !== undefined && aj === bKey) || (bj !== undefined && bj === aKey) || (aj !== undefined && aj === bj))
    return 1;
  return sim;
}

/** The note for a part written on one or both sides without letters (so without a key): "★ has no letters to
 * compare", "☺☺ and ★ have no letters to compare". */
function noLettersNote(
  aWord: string | undefined,
  aKey: string | undefined,
  bWord: string | undefined,
  bKey: string | undefined,
): string {
  const empty: string[] = [];
  if (aWord !== undefined && aKey === undefined) empty.push(aWord);
  if (bWord !== undefined && bKey === undefined) empty.push(bWord);
  return `${empty.join(' and ')} ${empty.length === 1 ? 'has' : 'have'} no letters to compare`;
}

function compareSurnames(a: Side, b: Side, explain: boolean, out: Scored): void {
  const da = out.explain ? display(a.surname) : undefined;
  const db = out.explain ? display(b.surname) : undefined;
  if (a.surnameKey === undefined || b.surnameKey === undefined) {
    const evidence = -2.5;
    out.evidence += evidence;
    if (out.explain)
      out.parts.push({
        part: 'surname',
        a: da,
        b: db,
        status: 'absent',
        similarity: 0,
        evidence,
        note:
          (a.surname !== undefined && a.surnameKey === undefined) ||
          (b.surname !== undefined && b.surnameKey === undefined)
            ? noLettersNote(da, a.surnameKey, db, b.surnameKey)
            : 'absent on one side',
      });
    return;
  }
  const sim = partSimilarity(a.surnameKey, a.surname, b.surnameKey, b.surname, true);
  let status: PartStatus;
  let note: string;
  let evidence: number;
  const cross = isCyrillic(a.surname ?? '') !== isCyrillic(b.surname ?? '');
  if (sim === 1 && a.surnameKey !== b.surnameKey && foldSimilarity(a.surnameKey, b.surnameKey) < 1) {
    evidence = 3;
    status = cross ? 'transliteration' : 'spelling variant';
    note = `${da} ~ ${db}, j read as ж (press spelling)`;
  } else if (sim === 1) {
    evidence = 3;
    if (a.surname === b.surname) {
      status = 'exact';
      note = `${da} = ${db}`;
    } else {
      status = cross ? 'transliteration' : 'spelling variant';
      const via = cross ? viaSchemes(a.surname ?? '', b.surname ?? '', explain) : '';
      const endings =
        explain && foldName(a.surname ?? '') !== foldName(b.surname ?? '')
          ? ', same after gender and case endings'
          : '';
      note = `${da} ~ ${db}${via === ' (press spelling)' || (cross && via === '') ? ', same after transliteration' : via}${endings}`;
    }
  } else {
    evidence = Math.max(-6, 3 - 30 * (1 - sim));
    status = evidence > 0 ? 'spelling variant' : 'different';
    note =
      evidence > 0
        ? `${da} ~ ${db}, close spelling (similarity ${sim.toFixed(2)})`
        : `${da} ≠ ${db}, different surnames (similarity ${sim.toFixed(2)})`;
  }
  out.evidence += evidence;
  if (out.explain) out.parts.push({ part: 'surname', a: da, b: db, status, similarity: sim, evidence, note });
}

function compareGiven(a: Side, b: Side, explain: boolean, out: Scored): void {
  const da = out.explain ? display(a.given) : undefined;
  const db = out.explain ? display(b.given) : undefined;
  const push = (status: PartStatus, similarity: number, evidence: number, note: string, x = da, y = db): void => {
    out.evidence += evidence;
    if (out.explain) out.parts.push({ part: 'given name', a: x, b: y, status, similarity, evidence, note });
  };
  // A given name written without letters (Гайнуллин ★) is unknown, as if absent: not equal to another such name,
  // and not different from a real one or an initial.
  if ((a.given !== undefined && a.givenKey === undefined) || (b.given !== undefined && b.givenKey === undefined)) {
    push('absent', 0, -1, out.explain ? noLettersNote(da, a.givenKey, db, b.givenKey) : '');
    return;
  }
  if (a.given !== undefined && b.given !== undefined && a.givenKey !== undefined && b.givenKey !== undefined) {
    if (a.givenKey === b.givenKey || partSimilarity(a.givenKey, a.given, b.givenKey, b.given, false) === 1) {
      const cross = isCyrillic(a.given) !== isCyrillic(b.given);
      if (a.given === b.given) push('exact', 1, 3, `${da} = ${db}`);
      else if (cross) {
        const via = viaSchemes(a.given, b.given, explain);
        push(
          'transliteration',
          1,
          3,
          `${da} ~ ${db}${via === '' || via === ' (press spelling)' ? ', same after transliteration' : via}`,
        );
      } else push('spelling variant', 1, 3, `${da} ~ ${db}`);
      return;
    }
    const ha = lookupGivenName(a.given);
    const hb = lookupGivenName(b.given);
    const shared = sameEntry(ha, hb);
    if (shared) {
      const viaDiminutive = shared.a.via === 'diminutive' || shared.b.via === 'diminutive';
      if (viaDiminutive) push('diminutive', 0.85, 1.6, `${da} ~ ${db}, diminutive of ${shared.a.entry.name}`);
      else push('equivalent', 0.95, 2.6, `${da} ~ ${db}, equivalent forms of ${shared.a.entry.name}`);
      return;
    }
    const sim = foldSimilarity(a.givenKey, b.givenKey);
    const bothKnown = ha.some((h) => h.via === 'name') && hb.some((h) => h.via === 'name');
    if (bothKnown) {
      push('different', sim, -6, `${da} ≠ ${db}, different names`);
      return;
    }
    if (sim >= 0.9)
      push(
        'spelling variant',
        sim,
        2.4 - (1 - sim) * 10,
        `${da} ~ ${db}, close spelling (similarity ${sim.toFixed(2)})`,
      );
    else if (sim >= 0.8)
      push('spelling variant', sim, 0, `${da} ~ ${db}, weakly similar (similarity ${sim.toFixed(2)})`);
    else push('different', sim, -5, `${da} ≠ ${db}, different names (similarity ${sim.toFixed(2)})`);
    return;
  }
  const ia = a.given === undefined ? a.givenInitial : undefined;
  const ib = b.given === undefined ? b.givenInitial : undefined;
  if (a.given !== undefined && ib !== undefined) {
    if (initialCompatible(ib, a.given))
      push('initial', 0.7, 1.2, `initial ${ib.toUpperCase()}. fits ${da}`, da, `${ib.toUpperCase()}.`);
    else push('different', 0, -5, `initial ${ib.toUpperCase()}. does not fit ${da}`, da, `${ib.toUpperCase()}.`);
    return;
  }
  if (b.given !== undefined && ia !== undefined) {
    if (initialCompatible(ia, b.given))
      push('initial', 0.7, 1.2, `initial ${ia.toUpperCase()}. fits ${db}`, `${ia.toUpperCase()}.`, db);
    else push('different', 0, -5, `initial ${ia.toUpperCase()}. does not fit ${db}`, `${ia.toUpperCase()}.`, db);
    return;
  }
  if (ia !== undefined && ib !== undefined) {
    if (initialsCompatible(ia, ib))
      push('initial', 0.5, 0.6, `same initial ${ia.toUpperCase()}.`, `${ia.toUpperCase()}.`, `${ib.toUpperCase()}.`);
    else
      push(
        'different',
        0,
        -5,
        `initials ${ia.toUpperCase()}. and ${ib.toUpperCase()}. differ`,
        `${ia.toUpperCase()}.`,
        `${ib.toUpperCase()}.`,
      );
    return;
  }
  if (a.given === undefined && b.given === undefined && ia === undefined && ib === undefined) {
    push('absent', 0, -1.5, 'absent on both sides');
    return;
  }
  push('absent', 0, -1, 'absent on one side');
}

function comparePatronymic(a: Side, b: Side, out: Scored): void {
  const da = out.explain ? display(a.patronymic) : undefined;
  const db = out.explain ? display(b.patronymic) : undefined;
  const push = (status: PartStatus, similarity: number, evidence: number, note: string, x = da, y = db): void => {
    out.evidence += evidence;
    if (out.explain) out.parts.push({ part: 'patronymic', a: x, b: y, status, similarity, evidence, note });
  };
  if (a.patronymicKey !== undefined && b.patronymicKey !== undefined) {
    const sim = foldSimilarity(a.patronymicKey, b.patronymicKey);
    if (sim === 1) push(a.patronymic === b.patronymic ? 'exact' : 'transliteration', 1, 2, `${da} ~ ${db}`);
    else if (sim >= 0.9) push('spelling variant', sim, 1, `${da} ~ ${db}, close spelling`);
    else push('different', sim, -5, `${da} ≠ ${db}, different patronymics`);
    return;
  }
  const pa = a.patronymic;
  const pb = b.patronymic;
  const ia = a.patronymicInitial;
  const ib = b.patronymicInitial;
  if (pa !== undefined && ib !== undefined) {
    if (initialCompatible(ib, pa))
      push('initial', 0.7, 0.6, `initial ${ib.toUpperCase()}. fits ${da}`, da, `${ib.toUpperCase()}.`);
    else push('different', 0, -4, `initial ${ib.toUpperCase()}. does not fit ${da}`, da, `${ib.toUpperCase()}.`);
    return;
  }
  if (pb !== undefined && ia !== undefined) {
    if (initialCompatible(ia, pb))
      push('initial', 0.7, 0.6, `initial ${ia.toUpperCase()}. fits ${db}`, `${ia.toUpperCase()}.`, db);
    else push('different', 0, -4, `initial ${ia.toUpperCase()}. does not fit ${db}`, `${ia.toUpperCase()}.`, db);
    return;
  }
  if (ia !== undefined && ib !== undefined) {
    if (initialsCompatible(ia, ib)) push('initial', 0.5, 0.3, `same initial ${ia.toUpperCase()}.`);
    else push('different', 0, -4, `initials ${ia.toUpperCase()}. and ${ib.toUpperCase()}. differ`);
    return;
  }
  if (pa === undefined && pb === undefined && ia === undefined && ib === undefined) return;
  push('absent', 0, 0, 'absent on one side');
}

const GENDER_WORD: Record<Gender, string> = { m: 'male', f: 'female' };

function compareGender(a: Side, b: Side, out: Scored): void {
  if (a.gender === undefined || b.gender === undefined) return;
  if (a.gender === b.gender) {
    if (out.explain)
      out.parts.push({
        part: 'gender',
        a: a.gender,
        b: b.gender,
        status: 'exact',
        similarity: 1,
        evidence: 0,
        note: `both ${GENDER_WORD[a.gender]}`,
      });
    return;
  }
  const evidence = -8;
  out.evidence += evidence;
  if (out.explain)
    out.parts.push({
      part: 'gender',
      a: a.gender,
      b: b.gender,
      status: 'different',
      similarity: 0,
      evidence,
      note: `${GENDER_WORD[a.gender]} vs ${GENDER_WORD[b.gender]}`,
    });
}

function scoreSides(a: Side, b: Side, explain: boolean): Scored {
  const out: Scored = { evidence: BASE_EVIDENCE, parts: [], explain };
  compareSurnames(a, b, explain, out);
  compareGiven(a, b, explain, out);
  comparePatronymic(a, b, out);
  compareGender(a, b, out);
  return out;
}

function alignOnce(pa: ParsedName, pb: ParsedName, explain: boolean): Scored {
  const straight = scoreSides(sideOf(pa), sideOf(pb), explain);
  const canSwap =
    (pa.orderUncertain || pb.orderUncertain) &&
    pa.given !== undefined &&
    pa.surname !== undefined &&
    pb.given !== undefined &&
    pb.surname !== undefined;
  if (!canSwap) return straight;
  const swapped = scoreSides(sideOf(pa), sideOf(pb, true), explain);
  swapped.evidence -= 0.5;
  if (swapped.evidence <= straight.evidence) return straight;
  if (explain)
    swapped.parts.push({
      part: 'order',
      status: 'swapped',
      similarity: 1,
      evidence: -0.5,
      note: 'given name and surname read in the other order',
    });
  return swapped;
}

/** Evidence taken away when a Cyrillic form reads as either gender and the reading decides the match. */
const AMBIGUITY_PENALTY = 4;

function bestAlignment(pa: ParsedName, pb: ParsedName, explain: boolean): Scored {
  if (pa.alternative === undefined && pb.alternative === undefined) return alignOnce(pa, pb, explain);
  const as = pa.alternative ? [pa, pa.alternative] : [pa];
  const bs = pb.alternative ? [pb, pb.alternative] : [pb];
  let best: Scored | undefined;
  let worst = Number.POSITIVE_INFINITY;
  let bestPair: [ParsedName, ParsedName] = [pa, pb];
  for (const a of as) {
    for (const b of bs) {
      const r = alignOnce(a, b, explain);
      if (best === undefined || r.evidence > best.evidence) {
        best = r;
        bestPair = [a, b];
      }
      worst = Math.min(worst, r.evidence);
    }
  }
  const result = best!;
  if (result.evidence - worst > 3) {
    result.evidence -= AMBIGUITY_PENALTY;
    if (explain) {
      const side = bestPair[0] !== pa || pa.alternative ? pa : pb;
      result.parts.push({
        part: 'reading',
        status: 'ambiguous',
        similarity: 0.5,
        evidence: -AMBIGUITY_PENALTY,
        note: `«${side.raw}» reads as a man's name in an oblique case or a woman's name; the match depends on which`,
      });
    }
  }
  return result;
}

function calibrate(evidence: number): number {
  const z = CALIBRATION.slope * evidence + CALIBRATION.intercept;
  return 1 / (1 + Math.exp(-z));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The evidence sum (log-odds before calibration) for two parsed names; used to fit the calibration. */
export function nameEvidence(a: ParsedName, b: ParsedName): number {
  return bestAlignment(a, b, false).evidence;
}

/**
 * Compares two parsed names with an explanation. A name without letters to compare (see `hasNameLetters`) scores 0
 * against anything, itself included.
 * `compareParsedNames(parseName("Ринат Гайнуллин"), parseName("Rinat Gaynullin"))` → { score: 0.98, match: true, … };
 * `compareParsedNames(parseName("☺☺ ☺☺☺"), parseName("★ ★★★"))` → { score: 0, match: false, why: "different people
 * (score 0.00): «☺☺ ☺☺☺» and «★ ★★★» have no letters to compare", parts: [] }.
 */
export function compareParsedNames(a: ParsedName, b: ParsedName): NameComparison {
  const empty = [a, b].filter((p) => sideOf(p).letterless).map((p) => `«${p.raw.trim()}»`);
  if (empty.length > 0)
    return {
      score: 0,
      match: false,
      why: `different people (score 0.00): ${empty.join(' and ')} ${empty.length === 1 ? 'has' : 'have'} no letters to compare`,
      parts: [],
    };
  const scored = bestAlignment(a, b, true);
  const score = round(calibrate(scored.evidence));
  const match = score >= MATCH_THRESHOLD;
  const order: PartName[] = ['surname', 'given name', 'patronymic', 'gender', 'order', 'reading'];
  const parts = [...scored.parts].sort((x, y) => order.indexOf(x.part) - order.indexOf(y.part));
  const why = `${match ? 'same person' : 'different people'} (score ${score.toFixed(2)}): ${parts
    .map((p) => `${p.part}: ${p.note}`)
    .join('; ')}`;
  return { score, match, why, parts };
}

/**
 * Compares two names written in any script, order or case, with a calibrated score and explanation.
 * `compareNames("Фёдор Щукин", "Fedor Shchukin")` → { score: 0.99, match: true, why: "same person (score 0.99):
 * surname: Щукин ~ Shchukin via ICAO 9303, BGN/PCGN, …; given name: Фёдор ~ Fedor via ICAO 9303, BGN/PCGN, …" }.
 */
export function compareNames(a: string, b: string): NameComparison {
  return compareParsedNames(parseName(a), parseName(b));
}

/** Score and decision only, without building the explanation (for bulk scoring). `scoreNames("R. Gainullin", "Ринат Гайнуллин").match === true`. */
export function scoreNames(a: string, b: string): { score: number; match: boolean } {
  return scoreParsedNames(parseName(a), parseName(b));
}

/** Score and decision of two parsed names, without the explanation. */
export function scoreParsedNames(a: ParsedName, b: ParsedName): { score: number; match: boolean } {
  // A name without letters matches nothing, not even itself: "" = "" is no evidence.
  if (sideOf(a).letterless || sideOf(b).letterless) return { score: 0, match: false };
  const score = round(calibrate(bestAlignment(a, b, false).evidence));
  return { score, match: score >= MATCH_THRESHOLD };
}
