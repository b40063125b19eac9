/**
 * Extraction evaluation: scores `extract()` against annotated documents with exactly the rules of
 * ../shared/fixtures/README.md, checks every span against the text and validates every prediction against
 * ../shared/schema/extraction.schema.json.
 *
 * Run: `npx tsx eval/extraction-eval.ts [--no-floor] [--doc NAME] [--unseen | --sealed]` — prints the report, exits 1
 * below the floors. `--unseen` scores the blind dev set (eval/extraction-unseen/dev), `--sealed` the sealed set.
 *
 * Choices the README leaves open, fixed here so scores stay comparable:
 * - Names (persons, places, placesOptional, event places) are normalized by lower-casing, ё → е, and turning every
 *   run of non-letters/non-digits into one space; two names match when they have the same words as a multiset
 *   (word order is ignored: "Хайруллин Рамиль" = "Рамиль Хайруллин").
 * - Each gold entry is matched at most once, by maximum bipartite matching (so a prediction matching two entries does
 *   not steal the only match of another). An unmatched prediction is neutral when it matches an optional item,
 *   otherwise a false positive — including a second prediction for an already matched referent.
 * - Optional items (placesOptional, organizationsOptional, datesOptional, eventsOptional) absorb any number of
 *   predictions.
 * - Organizations and cases: the normalized predicted name contains a normalized key (plain substring).
 * - Event places: a gold event place also accepts every other form of the gold place entry it names
 *   ("Yekaterinburg" accepts "Ekaterinburg").
 * - Events are matched one-to-one by maximum bipartite matching; among matchings of that size, the one with more
 *   subject overlap (swaps between pairs until none gains), so the gold's order of events does not change the score.
 *   A prediction without a date never matches a gold event whose `date` is not null.
 * - Subjects are scored only on matched events whose gold entry lists `subjects`: each gold surname is paired with at
 *   most one predicted subject — first by an exact word match, then by an inflection-insensitive match (the words share
 *   a prefix of ≥ 4 letters and both remainders are Russian case endings, e.g. Лавров ~ Лаврова ~ Лавровым). Unpaired
 *   gold surnames are false negatives, unpaired predicted subjects false positives. Exact pairs go first so that a
 *   husband's gold "Хайруллин" pairs with "Рамиль Хайруллин" and the wife "Альфия Хайруллина" stays a false positive.
 * - A field with nothing to find and nothing found scores P = R = F1 = 1.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';

// ---------------------------------------------------------------------------------------------------------------
// Types: gold (README format) and the prediction (schema), kept loose because predictions are validated separately.

export interface GoldNamed {
  forms: string[];
}
export interface GoldKeyed {
  keys: string[];
}
export interface GoldEvent {
  types: string[];
  date: string | null;
  places?: string[];
  subjects?: string[];
}
export interface Gold {
  referenceDate: string;
  lang: string;
  persons: GoldNamed[];
  places: GoldNamed[];
  placesOptional?: string[];
  organizations: GoldKeyed[];
  organizationsOptional?: string[];
  dates: string[];
  datesOptional?: string[];
  cases: GoldKeyed[];
  events: GoldEvent[];
  eventsOptional?: GoldEvent[];
}

export interface PredSpan {
  start: number;
  end: number;
  text: string;
}
export interface PredEntity {
  name: string;
  mentions?: PredSpan[];
}
export interface PredDate extends PredSpan {
  value: string;
}
export interface PredEvent {
  type: string;
  date?: string | null;
  places?: string[];
  subjects?: string[];
  evidence?: PredSpan;
}
export interface Prediction {
  persons?: PredEntity[];
  places?: PredEntity[];
  organizations?: PredEntity[];
  cases?: PredEntity[];
  dates?: PredDate[];
  events?: PredEvent[];
  [key: string]: unknown;
}

export const FIELDS = ['persons', 'places', 'organizations', 'cases', 'dates', 'events', 'subjects'] as const;
export type Field = (typeof FIELDS)[number];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}
export interface FieldResult extends Scores {
  /** gold items nobody predicted (false negatives), readable */
  missed: string[];
  /** predictions that matched nothing (false positives), readable */
  spurious: string[];
}
export interface BadSpan {
  where: string;
  start: number;
  end: number;
  expected: string;
  actual: string;
}
export interface DocumentScore {
  fields: Record<Field, FieldResult>;
  badSpans: BadSpan[];
  schemaErrors: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Normalization and metrics

/** Lower-case, ё → е, punctuation to spaces, collapsed: `normalizeName('Ростов-на-Дону')` → 'ростов на дону'. */
export function normalizeName(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function wordsKey(s: string): string {
  return normalizeName(s).split(' ').filter(Boolean).sort().join(' ');
}

/** Same words, ignoring case, ё/е, punctuation and order: `sameWords('Lukina, Vera', 'vera lukina')` → true. */
export function sameWords(a: string, b: string): boolean {
  const ka = wordsKey(a);
  return ka !== '' && ka === wordsKey(b);
}

/** `scores({ tp: 3, fp: 1, fn: 1 })` → precision 0.75, recall 0.75, f1 0.75; all zero counts → 1/1/1. */
export function scores(c: Counts): Scores {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

const RU_ENDINGS = new Set([
  '',
  'а',
  'я',
  'у',
  'ю',
  'е',
  'ы',
  'и',
  'о',
  'ой',
  'ей',
  'ом',
  'ем',
  'ым',
  'им',
  'ою',
  'ую',
  'юю',
  'ая',
  'яя',
  'ые',
  'ие',
  'ых',
  'их',
  'ов',
  'ев',
  'ами',
  'ями',
  'ыми',
  'ими',
  'ого',
  'его',
  'ому',
  'ему',
  'ах',
  'ях',
  'ам',
  'ям',
]);

/** Inflection-insensitive word match: `sameStem('лавров', 'лавровым')` → true, `sameStem('иванов', 'петров')` → false. */
export function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  if (p < 4) return false;
  return RU_ENDINGS.has(a.slice(p)) && RU_ENDINGS.has(b.slice(p));
}

function surnameMatches(surname: string, subject: string, exact: boolean): boolean {
  const want = normalizeName(surname).split(' ').filter(Boolean);
  const have = normalizeName(subject).split(' ').filter(Boolean);
  if (want.length === 0) return false;
  return want.every((w) => have.some((h) => (exact ? h === w : sameStem(h, w))));
}

/** Maximum bipartite matching (Kuhn). `edges[i]` lists the right-hand nodes left node i may take, in preference order. */
function maxMatching(edges: number[][], rightCount: number): { leftToRight: number[]; rightToLeft: number[] } {
  const rightToLeft = new Array<number>(rightCount).fill(-1);
  const leftToRight = new Array<number>(edges.length).fill(-1);
  const tryAssign = (i: number, seen: boolean[]): boolean => {
    for (const j of edges[i] ?? []) {
      if (seen[j]) continue;
      seen[j] = true;
      const owner = rightToLeft[j] ?? -1;
      if (owner === -1 || tryAssign(owner, seen)) {
        rightToLeft[j] = i;
        leftToRight[i] = j;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < edges.length; i++) tryAssign(i, new Array<boolean>(rightCount).fill(false));
  return { leftToRight, rightToLeft };
}

/**
 * Among matchings of the same size, moves towards the one with most preference (subject overlap): the augmenting
 * paths of maxMatching follow gold order, so two gold events of one type and date — one naming Гоголадзе, one an
 * unnamed woman — could pair the named prediction with the unnamed entry, and the score would depend on the order the
 * gold lists them in. Swaps two pairs, trades a pair's prediction for an unmatched one, or moves it to an unmatched
 * entry it fits better, while that gains; each step raises the total, so it ends.
 */
function preferOverlap(
  edges: number[][],
  leftToRight: number[],
  rightToLeft: number[],
  weight: (right: number, left: number) => number,
): void {
  const allowed = edges.map((cands) => new Set(cands));
  for (let improved = true; improved; ) {
    improved = false;
    for (let a = 0; a < leftToRight.length; a++) {
      const pa = leftToRight[a]!;
      if (pa === -1) continue;
      // An unmatched entry the same prediction fits better takes it: one prediction, two gold charges.
      const better = leftToRight.findIndex((p, b) => p === -1 && allowed[b]!.has(pa) && weight(pa, b) > weight(pa, a));
      if (better !== -1) {
        leftToRight[better] = pa;
        rightToLeft[pa] = better;
        leftToRight[a] = -1;
        improved = true;
        continue;
      }
      for (const q of edges[a]!) {
        if (q === pa) continue;
        const b = rightToLeft[q]!;
        const gain =
          b === -1
            ? weight(q, a) - weight(pa, a)
            : allowed[b]!.has(pa)
              ? weight(q, a) + weight(pa, b) - weight(pa, a) - weight(q, b)
              : 0;
        if (gain <= 0) continue;
        leftToRight[a] = q;
        rightToLeft[q] = a;
        if (b === -1) rightToLeft[pa] = -1;
        else {
          leftToRight[b] = pa;
          rightToLeft[pa] = b;
        }
        improved = true;
        break;
      }
    }
  }
}

function finish(tp: number, missed: string[], spurious: string[]): FieldResult {
  return { ...scores({ tp, fp: spurious.length, fn: missed.length }), missed, spurious };
}

// ---------------------------------------------------------------------------------------------------------------
// Per-field scoring

/** Generic one-to-one matching of predictions to gold entries with optional (neutral) items. */
function scoreMatched<P, G>(
  preds: P[],
  gold: G[],
  matches: (p: P, g: G) => boolean,
  isOptional: (p: P) => boolean,
  describePred: (p: P) => string,
  describeGold: (g: G) => string,
  preference?: (p: P, g: G) => number,
): { result: FieldResult; pairs: Array<[P, G]> } {
  const edges = gold.map((g) => {
    const cands: number[] = [];
    preds.forEach((p, j) => {
      if (matches(p, g)) cands.push(j);
    });
    if (preference) {
      cands.sort((x, y) => preference(preds[y] as P, g) - preference(preds[x] as P, g));
    }
    return cands;
  });
  const { leftToRight, rightToLeft } = maxMatching(edges, preds.length);
  if (preference) preferOverlap(edges, leftToRight, rightToLeft, (j, i) => preference(preds[j] as P, gold[i] as G));
  const missed: string[] = [];
  const pairs: Array<[P, G]> = [];
  gold.forEach((g, i) => {
    const j = leftToRight[i] ?? -1;
    if (j === -1) missed.push(describeGold(g));
    else pairs.push([preds[j] as P, g]);
  });
  const spurious: string[] = [];
  preds.forEach((p, j) => {
    if ((rightToLeft[j] ?? -1) === -1 && !isOptional(p)) spurious.push(describePred(p));
  });
  return { result: finish(pairs.length, missed, spurious), pairs };
}

function scoreNamed(preds: PredEntity[], gold: GoldNamed[], optional: string[]): FieldResult {
  return scoreMatched(
    preds,
    gold,
    (p, g) => g.forms.some((f) => sameWords(p.name, f)),
    (p) => optional.some((o) => sameWords(p.name, o)),
    (p) => p.name,
    (g) => g.forms[0] ?? '?',
  ).result;
}

function scoreKeyed(preds: PredEntity[], gold: GoldKeyed[], optional: string[]): FieldResult {
  const contains = (name: string, key: string) => {
    const k = normalizeName(key);
    return k !== '' && normalizeName(name).includes(k);
  };
  return scoreMatched(
    preds,
    gold,
    (p, g) => g.keys.some((k) => contains(p.name, k)),
    (p) => optional.some((o) => contains(p.name, o)),
    (p) => p.name,
    (g) => g.keys.join(' | '),
  ).result;
}

function scoreDates(preds: PredDate[], gold: string[], optional: string[]): FieldResult {
  const predicted = new Set(preds.map((d) => d.value));
  const goldSet = new Set(gold);
  const missed = [...goldSet].filter((d) => !predicted.has(d));
  const spurious = [...predicted].filter((d) => !goldSet.has(d) && !optional.includes(d));
  return finish([...goldSet].filter((d) => predicted.has(d)).length, missed, spurious);
}

function describeGoldEvent(g: GoldEvent): string {
  const parts = [g.types.join('/'), g.date ?? 'any date'];
  if (g.places?.length) parts.push('@' + g.places.join('/'));
  if (g.subjects?.length) parts.push('[' + g.subjects.join(', ') + ']');
  return parts.join(' ');
}

function describePredEvent(p: PredEvent): string {
  const parts = [p.type, p.date ?? 'no date'];
  if (p.places?.length) parts.push('@' + p.places.join('/'));
  if (p.subjects?.length) parts.push('[' + p.subjects.join(', ') + ']');
  if (p.evidence?.text) parts.push('«' + shorten(p.evidence.text, 70) + '»');
  return parts.join(' ');
}

function shorten(s: string, n: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? flat.slice(0, n - 1) + '…' : flat;
}

function eventMatches(p: PredEvent, g: GoldEvent, goldPlaces: GoldNamed[]): boolean {
  if (!g.types.includes(p.type)) return false;
  if (g.date !== null && g.date !== undefined) {
    if (typeof p.date !== 'string' || !p.date.startsWith(g.date)) return false;
  }
  if (g.places && g.places.length > 0) {
    // Each gold place accepts every form of the place entry it names.
    const accepted = g.places.flatMap((name) => {
      const entry = goldPlaces.find((e) => e.forms.some((f) => sameWords(f, name)));
      return entry ? [name, ...entry.forms] : [name];
    });
    if (!(p.places ?? []).some((pl) => accepted.some((a) => sameWords(pl, a)))) return false;
  }
  return true;
}

function subjectCounts(
  goldSurnames: string[],
  predSubjects: string[],
): { tp: number; missed: string[]; spurious: string[] } {
  const used = new Array<boolean>(predSubjects.length).fill(false);
  const paired = new Array<boolean>(goldSurnames.length).fill(false);
  for (const exact of [true, false]) {
    goldSurnames.forEach((s, i) => {
      if (paired[i]) return;
      const j = predSubjects.findIndex((p, k) => !used[k] && surnameMatches(s, p, exact));
      if (j !== -1) {
        used[j] = true;
        paired[i] = true;
      }
    });
  }
  return {
    tp: paired.filter(Boolean).length,
    missed: goldSurnames.filter((_, i) => !paired[i]),
    spurious: predSubjects.filter((_, j) => !used[j]),
  };
}

function scoreEvents(preds: PredEvent[], gold: Gold): { events: FieldResult; subjects: FieldResult } {
  const optional = gold.eventsOptional ?? [];
  const overlap = (p: PredEvent, g: GoldEvent) => subjectCounts(g.subjects ?? [], p.subjects ?? []).tp;
  const { result, pairs } = scoreMatched(
    preds,
    gold.events,
    (p, g) => eventMatches(p, g, gold.places),
    (p) => optional.some((o) => eventMatches(p, o, gold.places)),
    describePredEvent,
    describeGoldEvent,
    overlap,
  );
  let tp = 0;
  const missed: string[] = [];
  const spurious: string[] = [];
  for (const [p, g] of pairs) {
    if (!g.subjects || g.subjects.length === 0) continue;
    const c = subjectCounts(g.subjects, p.subjects ?? []);
    const label = `${g.types.join('/')} ${g.date ?? ''}`.trim();
    tp += c.tp;
    missed.push(...c.missed.map((s) => `${s} (${label})`));
    spurious.push(...c.spurious.map((s) => `${s} (${label})`));
  }
  return { events: result, subjects: finish(tp, missed, spurious) };
}

// ---------------------------------------------------------------------------------------------------------------
// Spans and schema

/** Every span whose text differs from text.slice(start, end): entity mentions, dates, event evidence. */
export function checkSpans(prediction: Prediction, text: string): BadSpan[] {
  const bad: BadSpan[] = [];
  const check = (where: string, s: PredSpan | undefined) => {
    if (!s || typeof s !== 'object') return;
    const actual = Number.isInteger(s.start) && Number.isInteger(s.end) ? text.slice(s.start, s.end) : '';
    if (actual !== s.text || !Number.isInteger(s.start) || !Number.isInteger(s.end)) {
      bad.push({ where, start: s.start, end: s.end, expected: String(s.text), actual });
    }
  };
  for (const field of ['persons', 'places', 'organizations', 'cases'] as const) {
    const list = prediction[field];
    if (!Array.isArray(list)) continue;
    for (const e of list) {
      if (!Array.isArray(e?.mentions)) continue;
      for (const m of e.mentions) check(`${field}: ${e.name}`, m);
    }
  }
  if (Array.isArray(prediction.dates)) for (const d of prediction.dates) check(`dates: ${d?.value}`, d);
  if (Array.isArray(prediction.events)) for (const ev of prediction.events) check(`events: ${ev?.type}`, ev?.evidence);
  return bad;
}

const SCHEMA_URL = new URL('../../shared/schema/extraction.schema.json', import.meta.url);
let validator: ((data: unknown) => string[]) | undefined;

/** Schema violations of one prediction, as readable strings; [] when valid. */
export function schemaErrors(prediction: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    validator = (data) =>
      validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
  }
  return validator(prediction);
}

// ---------------------------------------------------------------------------------------------------------------
// Document scoring

/**
 * Scores one prediction against its gold with the README rules.
 * `scoreDocument({ persons: [{ name: 'Vera Lukina', mentions: [] }], … }, gold, text).fields.persons` → { tp: 1, … }.
 */
export function scoreDocument(prediction: Prediction, gold: Gold, text: string): DocumentScore {
  const arr = <T>(v: T[] | undefined): T[] => (Array.isArray(v) ? v : []);
  const events = scoreEvents(arr(prediction.events), gold);
  const fields: Record<Field, FieldResult> = {
    persons: scoreNamed(arr(prediction.persons), gold.persons, []),
    places: scoreNamed(arr(prediction.places), gold.places, gold.placesOptional ?? []),
    organizations: scoreKeyed(arr(prediction.organizations), gold.organizations, gold.organizationsOptional ?? []),
    cases: scoreKeyed(
      arr(prediction.cases),
      gold.cases,
      ((gold as unknown as { casesOptional?: string[] }).casesOptional ?? []) as string[],
    ),
    dates: scoreDates(arr(prediction.dates), gold.dates, gold.datesOptional ?? []),
    events: events.events,
    subjects: events.subjects,
  };
  return { fields, badSpans: checkSpans(prediction, text), schemaErrors: schemaErrors(prediction) };
}

// ---------------------------------------------------------------------------------------------------------------
// Running over the corpus

export const SHARED_DIR = fileURLToPath(new URL('../../shared/fixtures/extraction/', import.meta.url));
export const OWN_DIR = fileURLToPath(new URL('./extraction/', import.meta.url));
/**
 * Documents written blind, by people who had not seen the extractor: dev/ may be read while mending it, sealed/ is
 * only ever scored (its report gives the per-field table alone), so that its figures say how unseen text fares.
 */
export const UNSEEN_DEV_DIR = fileURLToPath(new URL('./extraction-unseen/dev/', import.meta.url));
export const UNSEEN_SEALED_DIR = fileURLToPath(new URL('./extraction-unseen/sealed/', import.meta.url));
const EXTRACTOR_URL = new URL('../src/extract/index.js', import.meta.url).href;

export const FLOORS: Partial<Record<Field, number>> = { persons: 0.9, places: 0.9, dates: 0.9, events: 0.75 };

export interface EvalDocument {
  name: string;
  dir: string;
  text: string;
  gold: Gold;
}

/** Every NAME.txt / NAME.gold.json pair in the given folders, sorted by name within each folder. */
export function loadDocuments(dirs: string[] = [SHARED_DIR, OWN_DIR]): EvalDocument[] {
  const docs: EvalDocument[] = [];
  for (const dir of dirs) {
    let files: string[];
    try {
      files = readdirSync(dir);
    } catch {
      continue;
    }
    for (const f of files.filter((x) => x.endsWith('.gold.json')).sort()) {
      const name = f.slice(0, -'.gold.json'.length);
      const gold = JSON.parse(readFileSync(resolvePath(dir, f), 'utf8')) as Gold;
      const text = readFileSync(resolvePath(dir, name + '.txt'), 'utf8').replace(/^\uFEFF/, '');
      docs.push({ name, dir, text, gold });
    }
  }
  return docs;
}

export interface EvalTotals {
  fields: Record<Field, Scores>;
  badSpans: number;
  schemaErrors: number;
  documents: number;
  extractorErrors: number;
}

export interface EvalOptions {
  /** apply the CI floors (default true) */
  floor?: boolean;
  /** folders holding NAME.txt + NAME.gold.json (default: the shared fixtures and eval/extraction) */
  dirs?: string[];
  /** only documents with this name */
  doc?: string;
  /** F1 floors per field (default FLOORS); spans, schema and extractor errors fail whatever the floors */
  floors?: Partial<Record<Field, number>>;
  /** the report's first line (default 'Extraction eval') */
  title?: string;
  /** report the per-field table alone, no document names or errors: for the sealed set, which nobody may study */
  sealed?: boolean;
  /** the extractor to score (default: `extract` from src/extract/index.ts); lets tests run without it */
  extract?: ExtractFn;
}

export type ExtractFn = (text: string, options: { language: string; referenceDate: string }) => unknown;

function pct(x: number): string {
  return x.toFixed(2);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/**
 * Runs the extractor over every annotated document and reports per document, per field and the worst errors.
 * `await runExtractionEval({ floor: false })` → { passed: true, report: '…', totals: { fields: { persons: … } … } }.
 */
export async function runExtractionEval(
  options: EvalOptions = {},
): Promise<{ passed: boolean; report: string; totals: EvalTotals }> {
  const floor = options.floor ?? true;
  const floors = options.floors ?? FLOORS;
  const sealed = options.sealed ?? false;
  let docs = loadDocuments(options.dirs);
  if (options.doc) docs = docs.filter((d) => d.name === options.doc);
  const lines: string[] = [];
  const totalsCounts = Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<Field, Counts>;
  let badSpans = 0;
  let schemaCount = 0;
  let extractorErrors = 0;

  let extract: ExtractFn | undefined = options.extract;
  if (!extract) {
    try {
      const mod = (await import(EXTRACTOR_URL)) as { extract?: ExtractFn };
      extract = mod.extract;
    } catch (err) {
      lines.push(`extractor not loadable (${EXTRACTOR_URL}): ${(err as Error).message}`);
    }
  }
  if (!extract) {
    lines.push('no `extract` export — nothing to score');
    const totals: EvalTotals = {
      fields: Object.fromEntries(FIELDS.map((f) => [f, scores({ tp: 0, fp: 0, fn: 0 })])) as Record<Field, Scores>,
      badSpans: 0,
      schemaErrors: 0,
      documents: docs.length,
      extractorErrors: docs.length,
    };
    // A missing extractor is never a pass, floors or not: there is nothing to measure.
    return { passed: false, report: lines.join('\n'), totals };
  }

  const perDoc: Array<{ doc: EvalDocument; score: DocumentScore; error?: string }> = [];
  for (const doc of docs) {
    let prediction: Prediction = {};
    let error: string | undefined;
    try {
      prediction = (await extract(doc.text, {
        language: doc.gold.lang,
        referenceDate: doc.gold.referenceDate,
      })) as Prediction;
    } catch (err) {
      error = (err as Error).stack ?? String(err);
      extractorErrors++;
    }
    const score = scoreDocument(prediction ?? {}, doc.gold, doc.text);
    if (error) score.schemaErrors = [];
    for (const f of FIELDS) {
      totalsCounts[f].tp += score.fields[f].tp;
      totalsCounts[f].fp += score.fields[f].fp;
      totalsCounts[f].fn += score.fields[f].fn;
    }
    badSpans += score.badSpans.length;
    schemaCount += score.schemaErrors.length;
    perDoc.push({ doc, score, error });
  }

  // Per-document table
  const nameWidth = Math.max(10, ...docs.map((d) => d.name.length)) + 2;
  const cols = [...FIELDS, 'spans', 'schema'];
  lines.push(`${options.title ?? 'Extraction eval'}: ${docs.length} documents`);
  if (!sealed) lines.push('', pad('document', nameWidth) + cols.map((c) => pad(c.slice(0, 8), 9)).join(''));
  for (const { doc, score, error } of sealed ? [] : perDoc) {
    const cells = FIELDS.map((f) => {
      const r = score.fields[f];
      return pad(r.tp + r.fp + r.fn === 0 ? '-' : pct(r.f1), 9);
    });
    cells.push(pad(String(score.badSpans.length), 9), pad(String(score.schemaErrors.length), 9));
    lines.push(pad(doc.name, nameWidth) + cells.join('') + (error ? '  EXTRACTOR ERROR' : ''));
  }

  // Per-field table
  const fieldScores = Object.fromEntries(FIELDS.map((f) => [f, scores(totalsCounts[f])])) as Record<Field, Scores>;
  lines.push('');
  lines.push(pad('field', 15) + ['P', 'R', 'F1', 'TP', 'FP', 'FN', 'floor'].map((c) => pad(c, 7)).join(''));
  const failures: string[] = [];
  for (const f of FIELDS) {
    const s = fieldScores[f];
    const min = floors[f];
    const ok = min === undefined || s.f1 >= min;
    if (!ok) failures.push(`${f} F1 ${pct(s.f1)} < ${min}`);
    lines.push(
      pad(f, 15) +
        [pct(s.precision), pct(s.recall), pct(s.f1), String(s.tp), String(s.fp), String(s.fn)]
          .map((c) => pad(c, 7))
          .join('') +
        (min === undefined ? '' : `≥${min} ${ok ? 'ok' : 'FAIL'}`),
    );
  }
  lines.push(`bad spans: ${badSpans}   schema violations: ${schemaCount}   extractor errors: ${extractorErrors}`);
  if (badSpans > 0) failures.push(`${badSpans} bad spans`);
  if (schemaCount > 0) failures.push(`${schemaCount} schema violations`);
  if (extractorErrors > 0) failures.push(`${extractorErrors} extractor errors`);

  // Worst errors: documents with the most errors first, each field's misses and spurious items.
  if (!sealed) lines.push('', 'Errors (documents with most errors first):');
  const errorCount = (s: DocumentScore) =>
    FIELDS.reduce((n, f) => n + s.fields[f].fp + s.fields[f].fn, 0) + s.badSpans.length + s.schemaErrors.length;
  const ranked = sealed ? [] : [...perDoc].filter((d) => errorCount(d.score) > 0 || d.error);
  ranked.sort((a, b) => errorCount(b.score) - errorCount(a.score));
  const limit = options.doc ? Number.POSITIVE_INFINITY : 25;
  for (const { doc, score, error } of ranked.slice(0, limit)) {
    lines.push(`  ${doc.name} (${errorCount(score)} errors)`);
    if (error) lines.push(`    extractor threw: ${shorten(error, 200)}`);
    for (const f of FIELDS) {
      const r = score.fields[f];
      for (const m of r.missed) lines.push(`    ${pad(f, 13)} missed    ${m}`);
      for (const s of r.spurious) lines.push(`    ${pad(f, 13)} spurious  ${s}`);
    }
    for (const b of score.badSpans.slice(0, 5)) {
      lines.push(
        `    bad span  ${b.where} [${b.start},${b.end}) «${shorten(b.expected, 40)}» ≠ «${shorten(b.actual, 40)}»`,
      );
    }
    for (const e of score.schemaErrors.slice(0, 5)) lines.push(`    schema    ${e}`);
  }
  if (ranked.length > limit) lines.push(`  … ${ranked.length - limit} more documents with errors (use --doc NAME)`);

  const passed = !floor || failures.length === 0;
  lines.push('');
  lines.push(
    floor ? (passed ? 'PASSED floors' : 'FAILED floors: ' + failures.join('; ')) : 'floors not applied (--no-floor)',
  );
  const totals: EvalTotals = {
    fields: fieldScores,
    badSpans,
    schemaErrors: schemaCount,
    documents: docs.length,
    extractorErrors,
  };
  return { passed, report: lines.join('\n'), totals };
}

// ---------------------------------------------------------------------------------------------------------------
// Standalone

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolvePath(process.argv[1])).href;

if (invokedDirectly) {
  const args = process.argv.slice(2);
  const docIndex = args.indexOf('--doc');
  const doc = docIndex >= 0 ? args[docIndex + 1] : undefined;
  // --unseen scores the blind dev set with its errors, --sealed the sealed one as a table; neither has F1 floors.
  const set = args.includes('--unseen') ? UNSEEN_DEV_DIR : args.includes('--sealed') ? UNSEEN_SEALED_DIR : undefined;
  const result = await runExtractionEval({
    floor: !args.includes('--no-floor'),
    doc: doc ? basename(doc).replace(/\.(txt|gold\.json)$/, '') : undefined,
    ...(set ? { dirs: [set], floors: {}, sealed: set === UNSEEN_SEALED_DIR, title: 'Unseen documents' } : {}),
  });
  console.log(result.report);
  process.exitCode = result.passed ? 0 : 1;
}
