/**
 * The extractor: text → Extraction (../shared/schema/extraction.schema.json). Pure and deterministic; dictionaries
 * and gazetteers load once per process (loadExtractor). Work is per sentence with document-level hash maps, so time
 * grows linearly with the text.
 */
import { loadMorphology, parseWord } from '../morph/index.js';
import { detectLanguage } from '../shared/language.js';
import { findDateExpressions } from './dates/date-grammar.js';
import { isoDay, parseIsoDay, type ResolvedDate, resolveDates } from './dates/date-resolver.js';
import {
  EN_CUES,
  findFineAmount,
  findRussianTerm,
  findSentenceYears,
  isNegated,
  RU_CUES,
} from './events/event-cues.js';
import { findArticles, findCases } from './legal/legal-finder.js';
import { findOrganizations } from './organizations/organization-finder.js';
import { findPersons, loadPersonLexicons, type PersonMention } from './persons/person-finder.js';
import { fold, type Gazetteer, loadGazetteer, type PlaceRecord } from './places/gazetteer.js';
import { type Sentence, segment, type Token } from './segment.js';
import type {
  ArticleMention,
  CaseEntity,
  DateMention,
  Entity,
  EventType,
  ExtractedEvent,
  Extraction,
  ExtractOptions,
  PersonEntity,
  PlaceEntity,
  Span,
} from './types.js';

export const EXTRACTOR_VERSION = '0.1.0';

let loaded = false;

/** Pays start-up costs (morphology ~0.2 s, gazetteers ~0.4 s) once per process. Idempotent. */
export function loadExtractor(): void {
  if (loaded) return;
  loadMorphology();
  loadGazetteer();
  loadPersonLexicons();
  loaded = true;
}

const span = (text: string, start: number, end: number): Span => ({ start, end, text: text.slice(start, end) });

/** Words that look like place names but begin district/court names: «Советский районный суд». */
const DISTRICT_FOLLOWERS = /^(?:районн|район|district|городск|областн)/iu;
const LANDMARK_FOLLOWERS = /^(?:monument|square|street|avenue|prospekt|park|памятник|площад|улиц|проспект)/iu;

interface PlaceHit {
  first: number;
  last: number; // exclusive token index
  record: PlaceRecord;
  surface: string;
}

function findPlaces(tokens: Token[], sentence: Sentence, language: 'ru' | 'en', gaz: Gazetteer): PlaceHit[] {
  const hits: PlaceHit[] = [];
  let i = sentence.first;
  while (i < sentence.last) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || !t.upper) {
      i++;
      continue;
    }
    let matched: PlaceHit | null = null;
    // Longest name first: «Нижнего Новгорода», "Saint Petersburg", "St. Petersburg".
    for (let n = Math.min(gaz.maxWords, sentence.last - i); n >= 1 && !matched; n--) {
      const words: string[] = [];
      let j = i;
      let ok = true;
      while (words.length < n && j < sentence.last) {
        const w = tokens[j]!;
        if (w.kind !== 'word') {
          if (w.text === '.' && words.length > 0 && words.at(-1) === 'st') {
            words[words.length - 1] = 'st.';
            j++;
            continue;
          }
          ok = false;
          break;
        }
        words.push(fold(w.norm.replace(/['’]s$/u, '')));
        j++;
      }
      if (!ok || words.length < n) continue;
      const key = words.join(' ');
      const isCyr = /\p{Script=Cyrillic}/u.test(key);
      const record = isCyr ? gaz.cyrillic.get(key) : gaz.latin.get(key);
      if (!record) continue;
      const next = tokens[j];
      if (next && next.kind === 'word' && (DISTRICT_FOLLOWERS.test(next.norm) || LANDMARK_FOLLOWERS.test(next.norm)))
        continue;
      // A capitalised common word at the start of a sentence («Мир изменился») is not a place.
      if (isCyr && n === 1 && i === sentence.first) {
        const top = parseWord(t.norm)[0];
        if (top && !top.tags.includes('Geox') && top.score > 0.5) continue;
      }
      const surface =
        language === 'ru'
          ? record.name
          : tokens
              .slice(i, j)
              .map((x) => x.norm.replace(/['’]s$/u, ''))
              .join(' ')
              .replace(' .', '.');
      matched = { first: i, last: j, record, surface };
    }
    if (matched) {
      hits.push(matched);
      i = matched.last;
    } else i++;
  }
  return hits;
}

const SUBJECT_EXCLUDERS_RU =
  /(?<![\p{L}])(?:адвокат\p{L}*|защитник\p{L}*|суд(?:ья|ьи|ье|ью)|прокурор\p{L}*|следовател\p{L}*|сообщил\p{L}*|рассказал\p{L}*|заявил\p{L}*|супруг\p{L}*|мать|матери|жена|жены|отец)\s*$/iu;
const SUBJECT_EXCLUDERS_EN =
  /(?<![\p{L}])(?:lawyer|attorney|judge|prosecutor|investigator|spokes\p{L}*|mother|father|wife|husband|said|told)[\s,]*$/iu;
const RU_PRONOUN = /(?<![\p{L}])(его|него|её|неё|ее|нее|их|них|он|она|они|им|ему|ей|ним|ней)(?![\p{L}])/iu;
const EN_PRONOUN = /(?<![\p{L}])(he|she|they|him|her|them)(?![\p{L}])/iu;
const GENERIC_AGENTS_RU =
  /(?<![\p{L}])(полици\p{L}*|полицейск\p{L}*|силовик\p{L}*|сотрудник\p{L}*\s+полиции)(?![\p{L}])/iu;
const GENERIC_AGENTS_EN = /(?<![\p{L}])(police|officers)(?![\p{L}])/iu;
const COURT_WORD = /(?<![\p{L}])(?:суд\p{L}*|court|judge)(?![\p{L}])/iu;

interface PersonCluster {
  entity: PersonEntity;
  surnameKey: string | null;
  givenKey: string | null;
  gender: 'masc' | 'femn' | null;
  parts: number;
  lastSeen: number;
}

/**
 * Extracts persons, organizations, places, dates, cases and events, each tied to its span.
 * `extract('Сегодня в Уфе задержали Рамиля Хайруллина.', { referenceDate: '2024-01-17' })` → persons
 * [{ name: 'Рамиль Хайруллин', … }], places [{ name: 'Уфа', country: 'RU', … }], dates [{ value: '2024-01-17', … }],
 * events [{ type: 'detention', date: '2024-01-17', places: ['Уфа'], subjects: ['Рамиль Хайруллин'], … }].
 */
export function extract(text: string, options: ExtractOptions = {}): Extraction {
  loadExtractor();
  const input = typeof text === 'string' ? text : '';
  const detected = options.language && options.language !== 'auto' ? options.language : detectLanguage(input);
  const language: 'ru' | 'en' = detected === 'ru' ? 'ru' : 'en';
  const reportedLanguage =
    options.language && options.language !== 'auto' ? options.language : detected === 'other' ? 'en' : detected;
  const gaz = loadGazetteer();
  const { tokens, sentences } = segment(input);

  // Dates first (document order), so the reference can fall back to a dateline date.
  const rawDates: Array<ReturnType<typeof findDateExpressions>[number] & { text: string; sentence: number }> = [];
  sentences.forEach((s, si) => {
    const st = input.slice(s.start, s.end);
    for (const d of findDateExpressions(st, language)) {
      rawDates.push({
        ...d,
        start: d.start + s.start,
        end: d.end + s.start,
        text: st.slice(d.start, d.end),
        sentence: si,
      });
    }
  });
  let reference = parseIsoDay(options.referenceDate ?? null) ? (options.referenceDate ?? null) : null;
  if (!reference) {
    const dateline = rawDates.find(
      (d) =>
        d.start < 300 && d.expression.kind === 'absolute' && d.expression.year !== null && d.expression.day !== null,
    );
    if (dateline && dateline.expression.kind === 'absolute') {
      const { year, month, day } = dateline.expression;
      const ymd = { y: year!, m: month!, d: day! };
      reference = parseIsoDay(isoDay(ymd)) ? isoDay(ymd) : null;
    }
  }
  const resolved = resolveDates(rawDates, reference);
  const datesBySentence = new Map<number, ResolvedDate[]>();
  {
    let k = 0;
    for (const d of resolved) {
      while (k < rawDates.length && rawDates[k]!.start !== d.start) k++;
      const si = rawDates[k]?.sentence ?? 0;
      const list = datesBySentence.get(si) ?? [];
      list.push(d);
      datesBySentence.set(si, list);
    }
  }
  const dates: DateMention[] = resolved.map((d) => ({ ...span(input, d.start, d.end), value: d.value }));

  const placeEntities = new Map<string, PlaceEntity>();
  const orgEntities = new Map<string, Entity>();
  const caseEntities = new Map<string, CaseEntity>();
  const articles: ArticleMention[] = [];
  const clusters: PersonCluster[] = [];
  const events: ExtractedEvent[] = [];
  const eventSubjectClusters: PersonCluster[][] = [];
  let lastSubjects: PersonCluster[] = [];
  let lastDate: string | null = null;
  const lastByGender: Record<'masc' | 'femn' | 'any', PersonCluster | null> = { masc: null, femn: null, any: null };

  const personFor = (m: PersonMention, order: number): PersonCluster => {
    const words = m.parts.filter((p) => !p.endsWith('.'));
    const initials = m.parts.filter((p) => p.endsWith('.'));
    const surnameKey = m.surname ? fold(m.surname) : null;
    const candidates = m.surnameOnly ? m.alternatives.map(fold) : surnameKey ? [surnameKey] : [];
    let best: PersonCluster | null = null;
    for (const c of clusters) {
      if (!c.surnameKey || !candidates.includes(c.surnameKey)) continue;
      const given = m.given ? fold(m.given) : null;
      if (given && c.givenKey && given !== c.givenKey) continue;
      if (initials.length > 0 && c.givenKey && fold(initials[0]!)[0] !== c.givenKey[0]) continue;
      if (!best || c.lastSeen > best.lastSeen) best = c;
    }
    const name = m.parts.join(' ');
    if (best) {
      best.entity.mentions.push(span(input, m.start, m.end));
      best.lastSeen = order;
      const richer = words.length + initials.length * 0.5 > best.parts;
      if (richer && !m.surnameOnly) {
        best.entity.name = name;
        best.parts = words.length + initials.length * 0.5;
        best.givenKey = m.given ? fold(m.given) : best.givenKey;
      }
      return best;
    }
    const cluster: PersonCluster = {
      entity: {
        name,
        mentions: [span(input, m.start, m.end)],
        confidence: m.surnameOnly ? 0.6 : 0.85,
        gender: m.gender,
      },
      surnameKey: m.surnameOnly ? fold(m.parts[0]!) : surnameKey,
      givenKey: m.given ? fold(m.given) : null,
      gender: m.gender,
      parts: words.length + initials.length * 0.5,
      lastSeen: order,
    };
    clusters.push(cluster);
    return cluster;
  };

  sentences.forEach((s, si) => {
    const st = input.slice(s.start, s.end);
    const places = findPlaces(tokens, s, language, gaz);
    const blocked = new Set<number>();
    // Russian place forms block person reading («в Уфе»); in English a given name that is also a town ("Sofia
    // Makarenko") must stay readable as a name, and the person then wins over the place below.
    if (language === 'ru') for (const p of places) for (let k = p.first; k < p.last; k++) blocked.add(k);
    const orgs = findOrganizations(st, language).map((o) => ({ ...o, start: o.start + s.start, end: o.end + s.start }));
    for (const o of orgs) {
      for (let k = s.first; k < s.last; k++) {
        const t = tokens[k]!;
        if (t.start >= o.start && t.end <= o.end) {
          // A court's city stays a place: «суд Саратова».
          if (!places.some((p) => k >= p.first && k < p.last)) blocked.add(k);
        }
      }
    }
    const placeTokens = new Set<number>();
    for (const p of places) for (let k = p.first; k < p.last; k++) placeTokens.add(k);
    // A lone word that is a town ("Saratov") is the town, not a surname.
    const mentions = findPersons(tokens, s.first, s.last, language, (k) => blocked.has(k)).filter(
      (m) => !(m.surnameOnly && places.some((p) => tokens[p.first]!.start === m.start)),
    );
    void placeTokens;
    // A person's name wins over a town of the same name ("Vera Lukina" is not a place).
    const personTokens = new Set<number>();
    for (const m of mentions)
      for (let k = s.first; k < s.last; k++)
        if (tokens[k]!.start >= m.start && tokens[k]!.end <= m.end) personTokens.add(k);
    const keptPlaces = places.filter((p) => !personTokens.has(p.first) && !personTokens.has(p.last - 1));
    const sentencePlaces: string[] = [];
    for (const p of keptPlaces) {
      const key = p.record.geonameId !== null ? `g${p.record.geonameId}` : `n${fold(p.record.name)}`;
      let entity = placeEntities.get(key);
      if (!entity) {
        entity = {
          name: p.surface,
          mentions: [],
          confidence: 0.9,
          country: p.record.country,
          lat: p.record.lat,
          lon: p.record.lon,
          geonameId: p.record.geonameId,
        };
        placeEntities.set(key, entity);
      }
      entity.mentions.push(span(input, tokens[p.first]!.start, tokens[p.last - 1]!.end));
      if (!sentencePlaces.includes(entity.name)) sentencePlaces.push(entity.name);
    }
    const sentenceOrgs: string[] = [];
    for (const o of orgs) {
      const key = fold(o.value);
      let entity = orgEntities.get(key);
      if (!entity) {
        entity = { name: o.value, mentions: [], confidence: 0.8 };
        orgEntities.set(key, entity);
      }
      entity.mentions.push(span(input, o.start, o.end));
      if (!sentenceOrgs.includes(entity.name)) sentenceOrgs.push(entity.name);
    }
    const sentenceArticles = findArticles(st, language);
    for (const a of sentenceArticles) articles.push({ ...a.value, ...span(input, a.start + s.start, a.end + s.start) });
    let sentenceCase: string | null = null;
    for (const c of findCases(st, language)) {
      const key = fold(c.value);
      let entity = caseEntities.get(key);
      if (!entity) {
        entity = { name: c.value, mentions: [], confidence: 0.8, articles: [] };
        caseEntities.set(key, entity);
      }
      entity.mentions.push(span(input, c.start + s.start, c.end + s.start));
      sentenceCase ??= entity.name;
    }
    // Persons and their roles in this sentence.
    const subjects: PersonCluster[] = [];
    const agentsFromPersons: string[] = [];
    for (const m of mentions) {
      const cluster = personFor(m, si);
      const before = st.slice(Math.max(0, m.start - s.start - 30), m.start - s.start);
      const excluded = (language === 'ru' ? SUBJECT_EXCLUDERS_RU : SUBJECT_EXCLUDERS_EN).test(before);
      if (excluded) {
        if (/суд|judge/iu.test(before)) agentsFromPersons.push(cluster.entity.name);
      } else if (!subjects.includes(cluster)) subjects.push(cluster);
      const g = cluster.gender ?? 'any';
      lastByGender[g] = cluster;
      lastByGender.any = cluster;
    }
    // Events.
    const cues = language === 'ru' ? RU_CUES : EN_CUES;
    const found = new Map<EventType, number>();
    for (const [type, re] of cues) {
      re.lastIndex = 0;
      for (let m = re.exec(st); m !== null; m = re.exec(st)) {
        if (isNegated(st, m.index, language)) continue;
        if (!found.has(type)) found.set(type, m.index);
      }
    }
    if (found.has('arrest') && COURT_WORD.test(st) && !/сут(?:ок|ки)|days/iu.test(st)) {
      found.set('custody', found.get('custody') ?? found.get('arrest')!);
      found.delete('arrest');
    }
    if (found.has('custody')) found.delete('detention');
    if (found.has('sentence') && found.has('hearing')) found.delete('hearing');
    const sentenceDates = datesBySentence.get(si) ?? [];
    const eventDate = sentenceDates.find((d) => !/^(?:до|until|by)\s/iu.test(input.slice(d.start - 3, d.end)))?.value;
    if (found.size > 0) {
      let eventSubjects = subjects;
      if (eventSubjects.length === 0) {
        const pronoun = (language === 'ru' ? RU_PRONOUN : EN_PRONOUN).exec(st);
        if (pronoun) {
          const p = pronoun[1]!.toLowerCase();
          const plural = /^(?:их|них|они|им|ними|they|them)$/u.test(p);
          const fem = /^(?:её|неё|ее|нее|она|ей|ней|she|her)$/u.test(p);
          if (plural && lastSubjects.length > 1) eventSubjects = lastSubjects;
          else if (fem && lastByGender.femn) eventSubjects = [lastByGender.femn];
          else if (!plural && !fem && lastByGender.masc) eventSubjects = [lastByGender.masc];
          else if (lastByGender.any) eventSubjects = [lastByGender.any];
        } else if ([...found.keys()].some((t) => ['custody', 'hearing', 'sentence', 'charge'].includes(t))) {
          eventSubjects = lastSubjects;
        }
      }
      const generic = (language === 'ru' ? GENERIC_AGENTS_RU : GENERIC_AGENTS_EN).exec(st);
      const agents = [...sentenceOrgs, ...agentsFromPersons];
      if (generic && agents.length === 0) agents.push(language === 'ru' ? 'полиция' : 'police');
      const date = eventDate ?? lastDate;
      const years = findSentenceYears(st, language) ?? (language === 'ru' ? findRussianTerm(st) : null);
      const fineAmount = findFineAmount(st, language);
      for (const [type] of [...found.entries()].sort((a, b) => a[1] - b[1])) {
        const event: ExtractedEvent = {
          type,
          date: date ?? null,
          places: [...sentencePlaces],
          subjects: [],
          agents: [...agents],
          case: sentenceCase,
          sentenceYears: type === 'sentence' ? years : null,
          evidence: span(input, s.start, s.end),
          confidence: Math.min(
            0.95,
            0.55 +
              (eventSubjects.length > 0 ? 0.15 : 0) +
              (eventDate ? 0.1 : 0) +
              (sentencePlaces.length > 0 ? 0.05 : 0) +
              (agents.length > 0 ? 0.05 : 0),
          ),
        };
        if (type === 'fine') event.fine = fineAmount !== null ? { amount: fineAmount, currency: 'RUB' } : null;
        if (sentenceArticles.length > 0) event.articles = sentenceArticles.map((a) => a.value);
        events.push(event);
        eventSubjectClusters.push([...eventSubjects]);
      }
      if (subjects.length > 0) lastSubjects = subjects;
    } else if (subjects.length > 0) {
      lastSubjects = subjects;
    }
    if (eventDate) lastDate = eventDate;
    else if (sentenceDates.length > 0) lastDate = sentenceDates.at(-1)!.value;
  });

  // Subjects are resolved to clusters during the pass; their canonical names are final only now.
  events.forEach((e, k) => {
    e.subjects = [...new Set((eventSubjectClusters[k] ?? []).map((c) => c.entity.name))];
  });
  const persons: PersonEntity[] = clusters.map((c) => c.entity);
  const caseList = [...caseEntities.values()];
  for (const c of caseList) {
    const related = articles.filter((a) => c.mentions.some((m) => Math.abs(m.start - a.start) < 300));
    c.articles = related.map(({ code, article, part }) => ({ code, article, part }));
  }
  return {
    language: reportedLanguage,
    referenceDate: reference,
    persons,
    organizations: [...orgEntities.values()],
    places: [...placeEntities.values()],
    dates,
    cases: caseList,
    events,
    articles,
  };
}
