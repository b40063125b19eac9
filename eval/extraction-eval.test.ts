import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkSpans,
  type Gold,
  loadDocuments,
  normalizeName,
  OWN_DIR,
  type Prediction,
  runExtractionEval,
  SHARED_DIR,
  sameStem,
  sameWords,
  schemaErrors,
  scoreDocument,
  scores,
  UNSEEN_DEV_DIR,
  UNSEEN_SEALED_DIR,
} from './extraction-eval.js';

const TEXT =
  'Сегодня в Уфе задержали Рамиля Хайруллина. Вчера у него прошёл обыск. Его супруга Альфия Хайруллина в Ростове-на-Дону.';

function span(fragment: string, from = 0) {
  const start = TEXT.indexOf(fragment, from);
  if (start < 0) throw new Error(`fragment not in text: ${fragment}`);
  return { start, end: start + fragment.length, text: fragment };
}

const GOLD: Gold = {
  referenceDate: '2024-01-17',
  lang: 'ru',
  persons: [{ forms: ['Рамиль Хайруллин'] }, { forms: ['Альфия Хайруллина'] }, { forms: ['Пётр Сидоров', 'Сидоров'] }],
  places: [{ forms: ['Уфа'] }, { forms: ['Ростов-на-Дону'] }],
  placesOptional: ['Россия'],
  organizations: [{ keys: ['фсб'] }],
  organizationsOptional: ['суд'],
  dates: ['2024-01-17', '2024-01-16'],
  datesOptional: ['2024'],
  cases: [],
  events: [
    { types: ['detention', 'arrest'], date: '2024-01-17', places: ['Уфа'], subjects: ['Хайруллин'] },
    { types: ['search'], date: '2024-01-16', subjects: ['Хайруллин'] },
    { types: ['custody'], date: null },
  ],
  eventsOptional: [{ types: ['charge'], date: null }],
};

function prediction(overrides: Partial<Prediction> = {}): Prediction {
  return {
    language: 'ru',
    referenceDate: '2024-01-17',
    persons: [
      { name: 'Рамиль Хайруллин', mentions: [span('Рамиля Хайруллина')] },
      { name: 'Альфия Хайруллина', mentions: [span('Альфия Хайруллина')] },
    ],
    organizations: [],
    places: [
      { name: 'Уфа', mentions: [span('Уфе')] },
      { name: 'Ростов-на-Дону', mentions: [span('Ростове-на-Дону')] },
    ],
    dates: [{ ...span('Сегодня'), value: '2024-01-17' }],
    cases: [],
    events: [
      {
        type: 'detention',
        date: '2024-01-17',
        places: ['Уфа'],
        subjects: ['Рамиль Хайруллин'],
        evidence: span('Сегодня в Уфе задержали Рамиля Хайруллина.'),
      },
      { type: 'search', date: '2024-01-16', subjects: [], evidence: span('Вчера у него прошёл обыск.') },
      { type: 'protest', date: '2024-01-17', evidence: span('Сегодня') },
    ],
    ...overrides,
  };
}

describe('normalization', () => {
  it('treats ё as е, ignores case and punctuation and word order', () => {
    expect(normalizeName('Пётр  СИДОРОВ!')).toBe('петр сидоров');
    expect(sameWords('Семён Алёшин', 'семен алешин')).toBe(true);
    expect(sameWords('Ростов-на-Дону', 'ростов на дону')).toBe(true);
    expect(sameWords('«Vera Lukina»', 'Lukina, Vera')).toBe(true);
    expect(sameWords('Vera Lukina', 'Vera')).toBe(false);
    expect(sameWords('', '')).toBe(false);
  });

  it('matches inflected surnames by stem but not different surnames', () => {
    expect(sameStem('лавров', 'лаврова')).toBe(true);
    expect(sameStem('лаврову', 'лавровым')).toBe(true);
    expect(sameStem('исмоилова', 'исмоиловой')).toBe(true);
    expect(sameStem('лавров', 'лавренко')).toBe(false);
    expect(sameStem('ким', 'кима')).toBe(false); // stems shorter than 4 letters never match loosely
  });
});

describe('scores', () => {
  it('computes P/R/F1 and treats nothing-to-find as perfect', () => {
    const s = scores({ tp: 2, fp: 2, fn: 1 });
    expect(s.precision).toBeCloseTo(0.5);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.f1).toBeCloseTo(4 / 7);
    expect(scores({ tp: 0, fp: 0, fn: 0 }).f1).toBe(1);
    expect(scores({ tp: 0, fp: 3, fn: 0 }).f1).toBe(0);
  });
});

describe('scoreDocument', () => {
  it('scores a hand-made prediction with known counts', () => {
    const r = scoreDocument(prediction(), GOLD, TEXT).fields;
    expect([r.persons.tp, r.persons.fp, r.persons.fn]).toEqual([2, 0, 1]);
    expect(r.persons.missed).toEqual(['Пётр Сидоров']);
    expect(r.persons.precision).toBe(1);
    expect(r.persons.recall).toBeCloseTo(2 / 3);
    expect(r.persons.f1).toBeCloseTo(0.8);
    expect([r.places.tp, r.places.fp, r.places.fn]).toEqual([2, 0, 0]);
    expect([r.organizations.tp, r.organizations.fp, r.organizations.fn]).toEqual([0, 0, 1]);
    expect([r.dates.tp, r.dates.fp, r.dates.fn]).toEqual([1, 0, 1]);
    // detention and search match, custody missed, protest spurious
    expect([r.events.tp, r.events.fp, r.events.fn]).toEqual([2, 1, 1]);
    expect(r.events.f1).toBeCloseTo(2 / 3);
    // subjects: Хайруллин found on the detention, missing on the search
    expect([r.subjects.tp, r.subjects.fp, r.subjects.fn]).toEqual([1, 0, 1]);
    expect(r.cases.f1).toBe(1);
  });

  it('counts a second prediction for the same referent as a false positive', () => {
    const p = prediction({
      persons: [
        { name: 'Рамиль Хайруллин', mentions: [] },
        { name: 'Хайруллин Рамиль', mentions: [] },
        { name: 'Сидоров', mentions: [] },
      ],
      organizations: [
        { name: 'ФСБ', mentions: [] },
        { name: 'УФСБ по Башкортостану', mentions: [] },
      ],
    });
    const r = scoreDocument(p, GOLD, TEXT).fields;
    expect([r.persons.tp, r.persons.fp, r.persons.fn]).toEqual([2, 1, 1]);
    expect(r.persons.spurious).toHaveLength(1);
    expect([r.organizations.tp, r.organizations.fp]).toEqual([1, 1]);
  });

  it('leaves optional places, organizations, dates and events neutral', () => {
    const base = scoreDocument(prediction(), GOLD, TEXT).fields;
    const p = prediction({
      places: [...(prediction().places ?? []), { name: 'Россия', mentions: [] }],
      organizations: [{ name: 'Кировский районный суд', mentions: [] }],
      dates: [...(prediction().dates ?? []), { ...span('Сегодня'), value: '2024' }],
      events: [...(prediction().events ?? []), { type: 'charge', date: '2024-01-16', evidence: span('Вчера') }],
    });
    const r = scoreDocument(p, GOLD, TEXT).fields;
    expect(r.places).toMatchObject({ tp: base.places.tp, fp: base.places.fp, fn: base.places.fn });
    expect(r.organizations).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(r.dates).toMatchObject({ tp: base.dates.tp, fp: base.dates.fp, fn: base.dates.fn });
    expect(r.events).toMatchObject({ tp: base.events.tp, fp: base.events.fp, fn: base.events.fn });
  });

  it('requires event type, date prefix and place, and matches events one-to-one', () => {
    const ev = (type: string, date: string | null, places: string[] = []) => ({
      type,
      date,
      places,
      evidence: span('Сегодня'),
    });
    const wrong = prediction({
      events: [ev('detention', '2024-01-17', ['Ростов-на-Дону']), ev('search', null), ev('search', '2024-01')],
    });
    expect(scoreDocument(wrong, GOLD, TEXT).fields.events).toMatchObject({ tp: 0, fp: 3, fn: 3 });
    const right = prediction({
      events: [ev('arrest', '2024-01-17', ['уфа']), ev('search', '2024-01-16'), ev('custody', '2024-01-18')],
    });
    expect(scoreDocument(right, GOLD, TEXT).fields.events).toMatchObject({ tp: 3, fp: 0, fn: 0 });
    const twice = prediction({ events: [ev('custody', null), ev('custody', '2024-01-18')] });
    expect(scoreDocument(twice, GOLD, TEXT).fields.events).toMatchObject({ tp: 1, fp: 1, fn: 2 });
  });

  it('pairs subjects exactly before by stem, so the wife with the same surname is a false positive', () => {
    const p = prediction({
      events: [
        {
          type: 'detention',
          date: '2024-01-17',
          places: ['Уфа'],
          subjects: ['Альфия Хайруллина', 'Рамиль Хайруллин'],
          evidence: span('Сегодня'),
        },
        { type: 'search', date: '2024-01-16', subjects: ['Рамиля Хайруллина'], evidence: span('Вчера') },
      ],
    });
    const s = scoreDocument(p, GOLD, TEXT).fields.subjects;
    expect(s).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(s.spurious[0]).toContain('Альфия');
  });

  it('pairs two gold events of one type and date by their subjects, whatever order the gold lists them in', () => {
    const named = { types: ['release' as const], date: '2024-01-17', subjects: ['Хайруллин'] };
    const unnamed = { types: ['release' as const], date: '2024-01-17' };
    const p = prediction({
      events: [
        { type: 'release', date: '2024-01-17', subjects: ['Рамиль Хайруллин'], evidence: span('Сегодня') },
        { type: 'release', date: '2024-01-17', subjects: [], evidence: span('Вчера') },
      ],
    });
    for (const events of [
      [named, unnamed],
      [unnamed, named],
    ]) {
      const fields = scoreDocument(p, { ...GOLD, events, eventsOptional: [] }, TEXT).fields;
      expect(fields.events).toMatchObject({ tp: 2, fp: 0, fn: 0 });
      expect(fields.subjects).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    }
  });

  it('gives a lone prediction to the gold event whose subjects it names, not to the first listed', () => {
    const p = prediction({
      events: [{ type: 'charge', date: '2024-01-17', subjects: ['Альфия Хайруллина'], evidence: span('Сегодня') }],
    });
    const events = [
      { types: ['charge' as const], date: null, subjects: ['Сидоров'] },
      { types: ['charge' as const], date: null, subjects: ['Хайруллина'] },
    ];
    const fields = scoreDocument(p, { ...GOLD, events, eventsOptional: [] }, TEXT).fields;
    expect(fields.events).toMatchObject({ tp: 1, fp: 0, fn: 1 });
    expect(fields.subjects).toMatchObject({ tp: 1, fp: 0, fn: 0 });
  });

  it('counts every span whose text differs from the document', () => {
    const p = prediction();
    p.persons = [{ name: 'Рамиль Хайруллин', mentions: [{ start: 0, end: 5, text: 'Рамиль' }, span('Рамиля')] }];
    p.events = [{ type: 'search', date: '2024-01-16', evidence: { start: 3, end: 10, text: 'Вчера у' } }];
    const bad = checkSpans(p, TEXT);
    expect(bad).toHaveLength(2);
    expect(scoreDocument(p, GOLD, TEXT).badSpans).toHaveLength(2);
  });

  it('reports schema violations', () => {
    expect(schemaErrors(prediction())).toEqual([]);
    const broken = { ...prediction(), events: [{ type: 'teleport', evidence: span('Сегодня') }] } as unknown;
    expect(schemaErrors(broken).length).toBeGreaterThan(0);
    const { persons: _omit, ...missing } = prediction();
    expect(schemaErrors(missing).length).toBeGreaterThan(0);
  });
});

describe('runExtractionEval with a stand-in extractor', () => {
  const empty = () => ({
    language: 'ru',
    persons: [],
    organizations: [],
    places: [],
    dates: [],
    cases: [],
    events: [],
  });

  it('fails the floors for an empty extractor and passes without them', async () => {
    const strict = await runExtractionEval({ dirs: [SHARED_DIR], extract: empty });
    expect(strict.passed).toBe(false);
    expect(strict.totals.documents).toBe(4);
    expect(strict.totals.fields.persons.fn).toBeGreaterThan(0);
    expect(strict.report).toContain('FAILED floors');
    const lax = await runExtractionEval({ dirs: [SHARED_DIR], extract: empty, floor: false });
    expect(lax.passed).toBe(true);
  });

  it('scores a set without F1 floors, yet fails it on a span that does not match its text', async () => {
    const noFloors = await runExtractionEval({ dirs: [SHARED_DIR], extract: empty, floors: {} });
    expect(noFloors.passed, noFloors.report).toBe(true);
    const badSpan = () => ({
      ...empty(),
      persons: [{ name: 'Рамиль Хайруллин', mentions: [{ start: 0, end: 5, text: 'nowhere' }] }],
    });
    const failing = await runExtractionEval({ dirs: [SHARED_DIR], extract: badSpan, floors: {} });
    expect(failing.passed).toBe(false);
    expect(failing.report).toContain('bad spans');
  });

  it('reports a sealed set as its per-field table alone, naming no document and no error', async () => {
    const open = await runExtractionEval({ dirs: [SHARED_DIR], extract: empty, floors: {} });
    expect(open.report).toContain('ru-ufa');
    expect(open.report).toContain('missed');
    const sealed = await runExtractionEval({
      dirs: [SHARED_DIR],
      extract: empty,
      floors: {},
      sealed: true,
      title: 'Sealed',
    });
    expect(sealed.report).toMatch(/^Sealed: 4 documents/);
    expect(sealed.report).toContain('persons');
    expect(sealed.report).not.toContain('ru-ufa');
    expect(sealed.report).not.toContain('missed');
    expect(sealed.report).not.toContain('Хайруллин');
  });
});

describe('annotated documents', () => {
  const docs = loadDocuments([SHARED_DIR, OWN_DIR, UNSEEN_DEV_DIR, UNSEEN_SEALED_DIR]);
  const isStrings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

  it('every gold file has its text', () => {
    for (const dir of [SHARED_DIR, OWN_DIR, UNSEEN_DEV_DIR, UNSEEN_SEALED_DIR]) {
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.gold.json'))) {
        expect(existsSync(join(dir, f.replace(/\.gold\.json$/, '.txt'))), f).toBe(true);
      }
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
        expect(existsSync(join(dir, f.replace(/\.txt$/, '.gold.json'))), f).toBe(true);
      }
    }
  });

  it.each(docs.map((d) => [d.name, d] as const))('%s gold has the shared shape', (_name, doc) => {
    const g = doc.gold as unknown as Record<string, unknown>;
    const allowed = [
      'referenceDate',
      'lang',
      'persons',
      'places',
      'placesOptional',
      'organizations',
      'organizationsOptional',
      'dates',
      'datesOptional',
      'cases',
      'events',
      'eventsOptional',
    ];
    expect(Object.keys(g).filter((k) => !allowed.includes(k))).toEqual([]);
    expect(doc.gold.referenceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(['ru', 'en']).toContain(doc.gold.lang);
    for (const k of ['persons', 'places']) {
      expect(Array.isArray(g[k]), k).toBe(true);
      for (const e of g[k] as Array<{ forms: unknown }>)
        expect(isStrings(e.forms) && (e.forms as []).length > 0).toBe(true);
    }
    for (const k of ['organizations', 'cases']) {
      expect(Array.isArray(g[k]), k).toBe(true);
      for (const e of g[k] as Array<{ keys: unknown }>)
        expect(isStrings(e.keys) && (e.keys as []).length > 0).toBe(true);
    }
    for (const k of ['placesOptional', 'organizationsOptional', 'datesOptional']) {
      if (k in g) expect(isStrings(g[k]), k).toBe(true);
    }
    expect(isStrings(g.dates)).toBe(true);
    for (const d of [...doc.gold.dates, ...(doc.gold.datesOptional ?? [])]) {
      expect(d).toMatch(/^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$/);
    }
    const types = [
      'protest',
      'detention',
      'arrest',
      'search',
      'charge',
      'custody',
      'hearing',
      'sentence',
      'fine',
      'release',
      'ill_treatment',
      'designation',
      'meeting',
      'other',
    ];
    const placeForms = doc.gold.places.flatMap((p) => p.forms);
    for (const ev of [...doc.gold.events, ...(doc.gold.eventsOptional ?? [])]) {
      expect(ev.types.length).toBeGreaterThan(0);
      for (const t of ev.types) expect(types).toContain(t);
      expect(ev.date === null || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(ev.date), String(ev.date)).toBe(true);
      // event places name gold places, so the place rule can be met
      for (const p of ev.places ?? [])
        expect(
          placeForms.some((f) => sameWords(f, p)),
          p,
        ).toBe(true);
      if (ev.subjects) expect(isStrings(ev.subjects)).toBe(true);
    }
    // every person form occurs in the text in some inflection (catches typos in gold), a PDF paste's word broken
    // over two lines («Лы-\nсенко») joined
    const text = normalizeName(doc.text.replace(/(\p{L})-[ \t]*\r?\n[ \t]*(\p{Ll})/gu, '$1$2'));
    for (const p of doc.gold.persons) {
      const surname = normalizeName(p.forms[0] ?? '')
        .split(' ')
        .pop()!
        .slice(0, 4);
      expect(text.includes(surname), p.forms[0]).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(doc.dir, `${doc.name}.gold.json`), 'utf8'))).toBeTruthy();
  });
});

describe('gold self-consistency', () => {
  it('an oracle prediction read back from each gold scores F1 = 1 on every field', async () => {
    const dirs = [SHARED_DIR, OWN_DIR, UNSEEN_DEV_DIR, UNSEEN_SEALED_DIR];
    const docs = loadDocuments(dirs);
    const byText = new Map(docs.map((d) => [d.text, d.gold]));
    const oracle = (text: string) => {
      const g = byText.get(text)!;
      const entity = (name: string) => ({ name, mentions: [] });
      return {
        language: g.lang,
        referenceDate: g.referenceDate,
        persons: g.persons.map((p) => entity(p.forms[0]!)),
        places: g.places.map((p) => entity(p.forms[0]!)),
        organizations: g.organizations.map((o) => entity(o.keys[0]!)),
        cases: g.cases.map((c) => entity(c.keys[0]!)),
        dates: g.dates.map((value) => ({ value, start: 0, end: 0, text: '' })),
        events: g.events.map((e) => ({
          type: e.types[0]!,
          date: e.date,
          places: e.places?.slice(0, 1) ?? [],
          subjects: e.subjects ?? [],
          evidence: { start: 0, end: 0, text: '' },
        })),
      };
    };
    // Sealed: a failure names the field, not the sealed documents' contents.
    const result = await runExtractionEval({ dirs, extract: oracle, sealed: true });
    for (const [field, s] of Object.entries(result.totals.fields)) {
      expect(s.f1, `${field}\n${result.report}`).toBe(1);
    }
    expect(result.passed, result.report).toBe(true);
  });
});
