/**
 * Organizations: courts (with their district or city), security services, police units, investigators,
 * prosecutors, ministries, NGOs and monitoring groups, media, and groups named in charges.
 * «Кировского районного суда Саратова» → «Кировский районный суд Саратова»; "OVD-Info" → "OVD-Info".
 */
import { parseWord } from '../../morph/index.js';
import type { Found } from '../legal/legal-finder.js';

/** [pattern, canonical name]; patterns are tried on the sentence text. */
const RU_KNOWN: Array<[RegExp, string]> = [
  [/(?<![\p{L}])У?ФСБ(?![\p{L}])/gu, 'ФСБ'],
  [/(?<![\p{L}])[Цц]ентр\p{L}*\s+[«"]Э[»"]/gu, 'Центр «Э»'],
  [/(?<![\p{L}])[Цц]ентр\p{L}*\s+по\s+противодействию\s+экстремизму/gu, 'Центр по противодействию экстремизму'],
  [/(?<![\p{L}])ЦПЭ(?![\p{L}])/gu, 'Центр «Э»'],
  [/(?<![\p{L}])[Сс]ледственн\p{L}*\s+комитет\p{L}*/gu, 'Следственный комитет'],
  [/(?<![\p{L}])(?:управлени\p{L}*\s+)?СКР?(?![\p{L}])/gu, 'Следственный комитет'],
  [/(?<![\p{L}])(?:ГУ\s+|УМВД\s+|ГУМВД\s+)?МВД(?![\p{L}])/gu, 'МВД'],
  [/(?<![\p{L}])[Рр]осгварди\p{L}*/gu, 'Росгвардия'],
  // The Prosecutor General's Office is its own body: «Генеральная прокуратура» keeps its first word.
  [/(?<![\p{L}])[Гг]енеральн\p{L}*\s+[Пп]рокуратур\p{L}*|(?<![\p{L}])Генпрокуратур\p{L}*/gu, 'Генеральная прокуратура'],
  [/(?<![\p{L}])[Пп]рокуратур\p{L}*/gu, 'прокуратура'],
  // Prison monitors: both the acronym and the full name, in one name, so either mention reads as the same body.
  [
    /(?<![\p{L}])ОНК(?![\p{L}])|(?<![\p{L}])[Оо]бщественн\p{L}*\s+наблюдательн\p{L}*\s+комисси\p{L}*/gu,
    'Общественная наблюдательная комиссия (ОНК)',
  ],
  [/(?<![\p{L}])ГУБОПиК\p{L}*|(?<![\p{L}])ГУБОП(?![\p{L}])/gu, 'ГУБОПиК'],
  [/(?<![\p{L}])КГБ(?![\p{L}])/gu, 'КГБ'],
  [/(?<![\p{L}])(?:ФСО|СВР|ФССП)(?![\p{L}])/gu, ''],
  [/(?<![\p{L}])Росфинмониторинг\p{L}*/gu, 'Росфинмониторинг'],
  [/(?<![\p{L}])Меджлис\p{L}*(?:\s+крымскотатарского\s+народа)?/gu, 'Меджлис крымскотатарского народа'],
  [/(?<![\p{L}])Минюст\p{L}*|[Мм]инистерств\p{L}*\s+юстиции/gu, 'Минюст'],
  [/(?<![\p{L}])(?:ГУ|У)?ФСИН(?![\p{L}])/gu, 'ФСИН'],
  [/(?<![\p{L}])Роскомнадзор\p{L}*/gu, 'Роскомнадзор'],
  [/(?<![\p{L}])ОВД-Инфо/gu, 'ОВД-Инфо'],
  [
    /(?<![\p{L}])(?:[Пп]равозащитн\p{L}*\s+центр\p{L}*\s+)?[«"]Мемориал\p{L}*[»"]|(?<![\p{L}])Мемориал(?![\p{L}])/gu,
    'Мемориал',
  ],
  [/(?<![\p{L}])[Сс]видетел\p{L}*\s+Иеговы/gu, 'Свидетели Иеговы'],
  [/(?<![\p{L}])Хизб\s+ут-Тахрир/gu, 'Хизб ут-Тахрир'],
  [/(?<![\p{L}])ФБК|[Фф]онд\p{L}*\s+борьбы\s+с\s+коррупцией/gu, 'Фонд борьбы с коррупцией'],
  [/(?<![\p{L}])[«"]?Медиазон\p{L}*[»"]?/gu, 'Медиазона'],
  [/(?<![\p{L}])[«"]Новая\s+газета[»"]|[«"]Новой\s+газет\p{L}*[»"]/gu, 'Новая газета'],
  [/(?<![\p{L}])Amnesty\s+International|Human\s+Rights\s+Watch/gu, ''],
];

/** Russian texts write OVD-Info in Latin letters too. */
const OVD_INFO: [RegExp, string] = [/(?<![\p{L}])OVD-Info/gu, 'OVD-Info'];

const EN_KNOWN: Array<[RegExp, string]> = [
  [/(?<![\p{L}])FSB(?![\p{L}])|Federal\s+Security\s+Service/gu, 'FSB'],
  [/(?<![\p{L}])(?:Prosecutor\s+General['’]s\s+Office|[Pp]rosecutor['’]s\s+[Oo]ffice)/gu, ''],
  [/(?<![\p{L}])(?:Public\s+Monitoring\s+Commission|ONK(?![\p{L}]))/gu, 'Public Monitoring Commission (ONK)'],
  [/(?<![\p{L}])GUBOP(?:i[Kk]|IK)?(?![\p{L}])/gu, 'GUBOPiK'],
  [/(?<![\p{L}])(?:Rosfinmonitoring|Federal\s+Financial\s+Monitoring\s+Service)/gu, 'Rosfinmonitoring'],
  [/(?<![\p{L}])Mejlis(?:\s+of\s+(?:the\s+)?Crimean\s+Tatar\s+People)?/gu, 'Mejlis of the Crimean Tatar People'],
  [/(?<![\p{L}])KGB(?![\p{L}])/gu, 'KGB'],
  [/(?<![\p{L}])(?:[Rr]egional\s+)?Investigative\s+Committee/gu, 'Investigative Committee'],
  [/(?<![\p{L}])(?:Centre|Center)\s+(?:for|on)\s+(?:Combating|Countering)\s+Extremism|Cent(?:re|er)\s+["“]E["”]/gu, ''],
  [
    /(?<![\p{L}])(?:Interior|Justice|Foreign)\s+Ministry|Ministry\s+of\s+(?:Justice|the\s+Interior|Internal\s+Affairs)/gu,
    '',
  ],
  [/(?<![\p{L}])(?:Rosgvardia|National\s+Guard)/gu, ''],
  OVD_INFO,
  [/(?<![\p{L}])(?:Human\s+Rights\s+Cent(?:re|er)\s+)?Memorial(?![\p{L}])/gu, 'Memorial'],
  [
    /(?<![\p{L}])(?:Amnesty\s+International|Human\s+Rights\s+Watch|Viasna|Meduza|Mediazona|Novaya\s+Gazeta|Roskomnadzor|FSIN|Federal\s+Penitentiary\s+Service|Anti-Corruption\s+Foundation|Jehovah's\s+Witnesses|Hizb\s+ut-Tahrir)/gu,
    '',
  ],
];

const RU_COURT =
  /(?<![\p{L}])((?:\p{Lu}[\p{Ll}-]+\s+)?(?:(?:районн|городск|областн|краев|окружн|военн|гарнизонн|межрайонн|республиканск|апелляционн|кассационн|[Вв]ерховн|[Кк]онституционн|арбитражн|мирово)\p{L}*\s+){0,3})(суд(?:а|у|ом|е)?|Мосгорсуд\p{L}*)(?![\p{L}])((?:\s+(?:г\.\s*)?\p{Lu}[\p{Ll}-]+(?:-на-\p{Lu}[\p{Ll}]+)?){0,2})/gu;
const EN_COURT =
  /(?<![\p{L}])((?:\p{Lu}[\p{L}'’-]+\s+){1,4})Court(?:\s+of\s+(?:the\s+)?(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?))?/gu;
const RU_QUOTED_GROUP =
  /(?<![\p{L}])(движени|организаци|объединени|сообществ|фонд|проект|издани|газет|групп|парти|центр|ассоциаци|союз|редакци|телеканал|радиостанци|агентств|портал|клуб|инициатив)(\p{L}*)\s+[«"„]([^«»"„“\n]{2,50})[»"“]/giu;
/**
 * Numbered prisons are named institutions («СИЗО-1», «ИК-2», "SIZO No. 1"); a bare «СИЗО» is a kind of place, not one.
 * Moscow's «ИЗ-77/1» style keeps its region code.
 */
const RU_FACILITY = /(?<![\p{L}])(СИЗО|ИК|ЛИУ|ИЗ|ИВС|ПФРСИ)[\s‐–-]*(?:№\s*)?(\d{1,3}(?:\/\d{1,2})?)(?![\d\p{L}])/gu;
const EN_FACILITY =
  /(?<![\p{L}])(SIZO|IK|LIU)[\s‐–-]*(?:No\.?\s*|№\s*)?(\d{1,3}(?:\/\d{1,2})?)(?![\d\p{L}])|(?<![\p{L}])(?:pre-?trial\s+detention\s+(?:centre|center|facility)|penal\s+colony|detention\s+(?:centre|center))\s+(?:No\.?\s*|№\s*)(\d{1,3})(?![\d\p{L}])/gu;

/** Head nouns of named groups, with the gender their adjectives take: «Балтийский фонд…», «Уральская сеть…». */
const RU_HEADS: ReadonlyArray<[RegExp, 'm' | 'f' | 'n']> = [
  [/^(?:фонд|институт|центр|союз|комитет|клуб|альянс)/u, 'm'],
  [/^(?:движени|объединени|обществ|сообществ|бюро)/u, 'n'],
  [/^(?:ассоциаци|сеть|инициатив|коалици|лиг)/u, 'f'],
];
const ADJ = '(?:ый|ий|ой|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ых|их)';
/** A capitalised adjective (and maybe a second) before an organization head noun: «Балтийского института…». */
const RU_ADJ_ORG = new RegExp(
  `(?<![\\p{L}«"„-])(\\p{Lu}\\p{Ll}+${ADJ}\\s+(?:\\p{Ll}+${ADJ}\\s+)?)` +
    '(фонд|институт|центр|союз|комитет|клуб|альянс|движени|объединени|обществ|сообществ|бюро|ассоциаци|сет|инициатив|коалици|лиг)' +
    '(\\p{Ll}*)((?:\\s+\\p{Ll}+){0,3})',
  'gu',
);
/** A quoted name as the source of a report is an outlet or group: «сообщил «Кавказский узел»», «по данным «Весны»». */
const RU_QUOTED_SOURCE =
  /(?<![\p{L}])(?:сообщил\p{L}*|сообщает|сообщают|пишет|пишут|передаёт|передает|рассказал\p{L}*|по\s+данным|по\s+информации|по\s+словам)\s+[«"„](\p{Lu}[^«»"„“\n]{1,40})[»"“]/gu;
/** "the outlet Temirov Live", "the monitor Forum 18": a generic noun and then the capitalised name. */
const EN_DESCRIBED =
  /(?<![\p{L}])(?:outlet|monitor|newspaper|website|channel|NGO|organi[sz]ation|watchdog|group|movement|project)\s+((?:\p{Lu}[\p{L}'’-]*|\d+)(?:\s+(?:\p{Lu}[\p{L}'’-]*|\d+)){0,3})/gu;
/** English heads of group names: "the Baltic Civic Media Fund", "Ural Solidarity", "Free North Review". */
const EN_HEADS =
  'Committee|Ministry|Service|Foundation|Fund|Party|Movement|Union|Centre|Center|Agency|Department|Directorate|' +
  'Commission|Council|Office|Institute|Network|Initiative|Solidarity|Media|Association|Coalition|Society|Group|' +
  'Review|Defenders';
const EN_ORG = new RegExp(`(?<![\\p{L}])((?:\\p{Lu}[\\p{L}'’-]+\\s+){1,5})(${EN_HEADS})(?![\\p{L}])`, 'gu');
/** A head noun followed by the quoted name: 'Human Rights Centre "Viasna"' is Viasna. */
const EN_QUOTED_GROUP = new RegExp(
  `(?<![\\p{L}])(?:\\p{Lu}[\\p{L}'’-]+\\s+){0,4}(?:${EN_HEADS}|movement|group|outlet|foundation)\\s+["“]([^"”\\n]{2,50})["”]`,
  'gu',
);

function agree(adjective: string, gender: 'm' | 'f' | 'n'): string {
  if (gender === 'm') return adjective;
  const m = /^(.*?)(ый|ий|ой)$/u.exec(adjective);
  if (!m) return adjective;
  const soft = m[2] === 'ий' && !/[кгхжшчщ]$/u.test(m[1]!);
  if (gender === 'f') return m[1]! + (soft ? 'яя' : 'ая');
  return m[1]! + (soft ? 'ее' : 'ое');
}

/** The genitive words that close a group's name («…гражданского общества»), up to the first word that is not one. */
function genitiveTail(tail: string): string {
  const words = tail.trim().split(/\s+/u).filter(Boolean);
  const kept: string[] = [];
  // «бюро по правам человека», «комитет по предотвращению пыток»: «по» and a dative noun open the tail.
  if (words[0] === 'по' && parseWord(words[1] ?? '').some((p) => p.pos === 'NOUN' && p.case === 'datv'))
    kept.push(...words.splice(0, 2));
  for (const w of words) {
    const parses = parseWord(w).filter((p) => p.pos === 'NOUN' || p.pos === 'ADJF');
    // A word that reads best as another case starts a new phrase: «фонд признали…», «центр в Москве».
    if (w.length < 3 || parses.length === 0 || !parses.slice(0, 2).some((p) => p.case === 'gent')) break;
    kept.push(w);
  }
  // The tail ends on a noun: «…гражданского общества», not «…гражданского».
  while (kept.length > 0 && !parseWord(kept.at(-1)!).some((p) => p.pos === 'NOUN' && /gent|datv/u.test(p.case ?? '')))
    kept.pop();
  if (kept.length === 1 && kept[0] === 'по') kept.pop();
  return kept.join(' ');
}

function nominativeAdjective(word: string): string {
  // «окружном» reads as окружный or окружной with equal scores; court and place names use the stressed -ой
  // (окружной, областной, краевой, Донской), so among the best readings that lemma wins.
  const parses = parseWord(word).filter((p) => p.pos === 'ADJF');
  const top = Math.max(...parses.map((p) => p.score));
  const parse = parses.find((p) => p.score === top && p.lemma.endsWith('ой')) ?? parses[0];
  if (!parse) return word;
  const lemma = parse.lemma.replace(/ё/g, /ё/u.test(word) ? 'ё' : 'е');
  return word[0] === word[0]?.toUpperCase() ? lemma[0]!.toUpperCase() + lemma.slice(1) : lemma;
}

function nominativeNoun(word: string): string {
  const parse = parseWord(word.toLowerCase()).find((p) => p.pos === 'NOUN');
  return parse ? parse.lemma : word;
}

/** Organizations in one sentence's text (offsets relative to it), without overlaps. */
export function findOrganizations(text: string, language: 'ru' | 'en'): Array<Found<string>> {
  const found: Array<Found<string>> = [];
  const known = language === 'ru' ? [...RU_KNOWN, OVD_INFO] : EN_KNOWN;
  for (const [re, canonical] of known) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      found.push({ start: m.index, end: m.index + m[0].length, value: canonical || m[0].replace(/\s+/g, ' ') });
    }
  }
  if (language === 'ru') {
    RU_COURT.lastIndex = 0;
    for (let m = RU_COURT.exec(text); m !== null; m = RU_COURT.exec(text)) {
      const adjectives = m[1]!.trim();
      const trailing = m[3] ?? '';
      if (!adjectives && !m[2]!.startsWith('Мосгорсуд')) continue;
      const words = adjectives ? adjectives.split(/\s+/).map(nominativeAdjective) : [];
      // A trailing capitalised word names the court's city («суда Саратова») unless it starts a new phrase.
      const place = trailing.trim();
      const keepPlace = place && !/^\p{Lu}\p{Lu}/u.test(place) ? ` ${place}` : '';
      const end = m.index + m[0].length - (keepPlace ? 0 : trailing.length);
      const head = m[2]!.startsWith('Мосгорсуд') ? 'Мосгорсуд' : 'суд';
      found.push({ start: m.index, end, value: `${[...words, head].join(' ')}${keepPlace}` });
    }
    RU_FACILITY.lastIndex = 0;
    for (let m = RU_FACILITY.exec(text); m !== null; m = RU_FACILITY.exec(text))
      found.push({ start: m.index, end: m.index + m[0].length, value: `${m[1]}-${m[2]}` });
    RU_ADJ_ORG.lastIndex = 0;
    for (let m = RU_ADJ_ORG.exec(text); m !== null; m = RU_ADJ_ORG.exec(text)) {
      const head = nominativeNoun(m[2]! + m[3]!);
      const gender = RU_HEADS.find(([re]) => re.test(head))?.[1] ?? 'm';
      const adjectives = m[1]!
        .trim()
        .split(/\s+/u)
        .map((a) => agree(nominativeAdjective(a), gender));
      const tail = genitiveTail(m[4] ?? '');
      // «Новый центр открылся»: at the start of a sentence a lone common adjective is no name.
      const opening = m[1]!.trim().split(/\s+/u);
      if (m.index === 0 && opening.length === 1 && !tail) continue;
      const end = m.index + m[1]!.length + m[2]!.length + m[3]!.length + (tail ? m[4]!.indexOf(tail) + tail.length : 0);
      found.push({ start: m.index, end, value: [...adjectives, head, tail].filter(Boolean).join(' ') });
    }
    RU_QUOTED_SOURCE.lastIndex = 0;
    for (let m = RU_QUOTED_SOURCE.exec(text); m !== null; m = RU_QUOTED_SOURCE.exec(text)) {
      const start = m.index + m[0].length - m[1]!.length - 2;
      found.push({ start, end: m.index + m[0].length, value: m[1]!.trim() });
    }
    RU_QUOTED_GROUP.lastIndex = 0;
    for (let m = RU_QUOTED_GROUP.exec(text); m !== null; m = RU_QUOTED_GROUP.exec(text)) {
      const noun = nominativeNoun(m[1]! + m[2]!);
      found.push({ start: m.index, end: m.index + m[0].length, value: `${noun} «${m[3]!.trim()}»` });
    }
  } else {
    EN_COURT.lastIndex = 0;
    for (let m = EN_COURT.exec(text); m !== null; m = EN_COURT.exec(text)) {
      let words = m[1]!.trim().split(/\s+/);
      // "Yekaterinburg's Leninsky District Court": the possessive city is a place, not part of the name.
      const possessive = words.findIndex((w) => /['’]s$/u.test(w));
      if (possessive >= 0) words = words.slice(possessive + 1);
      while (words.length > 0 && /^(?:The|A|In|On|At|By|Last|Yesterday|Today|Then|When|And)$/u.test(words[0]!))
        words.shift();
      if (words.length === 0) continue;
      const first = m[1]!.indexOf(words[0]!);
      const start = m.index + first;
      const value = `${words.join(' ')} Court${m[2] ? ` of ${m[2]}` : ''}`;
      found.push({ start, end: m.index + m[0].length, value });
    }
    EN_FACILITY.lastIndex = 0;
    for (let m = EN_FACILITY.exec(text); m !== null; m = EN_FACILITY.exec(text)) {
      const value = m[1] ? `${m[1]}-${m[2]}` : m[0].replace(/\s+/g, ' ');
      found.push({ start: m.index, end: m.index + m[0].length, value });
    }
    EN_DESCRIBED.lastIndex = 0;
    for (let m = EN_DESCRIBED.exec(text); m !== null; m = EN_DESCRIBED.exec(text)) {
      const words = m[1]!.split(/\s+/u);
      // "the group On Tuesday…": a name does not run into a weekday or a month.
      const cut = words.findIndex(
        (w, k) => k > 0 && /^(?:On|In|At|The|Monday|Tuesday|Wednesday|Thursday|Friday)$/u.test(w),
      );
      const name = (cut > 0 ? words.slice(0, cut) : words).join(' ');
      if (/^\d+$/u.test(name) || /^(?:On|In|At|The|And)$/u.test(words[0]!)) continue;
      const start = m.index + m[0].length - m[1]!.length;
      found.push({ start, end: start + name.length, value: name });
    }
    EN_QUOTED_GROUP.lastIndex = 0;
    for (let m = EN_QUOTED_GROUP.exec(text); m !== null; m = EN_QUOTED_GROUP.exec(text))
      found.push({ start: m.index, end: m.index + m[0].length, value: m[1]!.trim() });
    EN_ORG.lastIndex = 0;
    for (let m = EN_ORG.exec(text); m !== null; m = EN_ORG.exec(text)) {
      const words = m[1]!.trim().split(/\s+/);
      // "the Vilnius-based … Fund": where it sits is not part of its name.
      while (words.length > 0 && /^(?:The|A|In|On|At|By|Last|Then|When|And)$|-based$/u.test(words[0]!)) words.shift();
      if (words.length === 0) continue;
      const start = m.index + m[1]!.indexOf(words[0]!);
      const end = m.index + m[0].length;
      // "the Russian Federal Security Service" is the FSB: a known name at the end keeps its canonical form.
      if (found.some((k) => k.end === end && k.start > start)) continue;
      found.push({ start, end, value: `${words.join(' ')} ${m[2]}` });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Array<Found<string>> = [];
  for (const f of found) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}
