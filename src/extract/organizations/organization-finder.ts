/**
 * Organizations: courts (with their district or city), security services, police units, investigators,
 * prosecutors, ministries, NGOs and monitoring groups, media, and groups named in charges.
 * «Кировского районного суда Саратова» → «Кировский районный суд Саратова»; "OVD-Info" → "OVD-Info".
 */
import { parseWord } from '../../morph/index.js';
import type { Found } from '../legal/legal-finder.js';
import { isEnglishGivenName } from '../persons/person-finder.js';
import { tableRowSeparator } from '../segment.js';

const CENTRE_E = 'Центр по противодействию экстремизму (Центр «Э», ЦПЭ)';

/** [pattern, canonical name]; patterns are tried on the sentence text. */
const RU_KNOWN: Array<[RegExp, string]> = [
  // A post typed in lower case writes «фсб», «мвд»: no Russian word is spelled so.
  [/(?<![\p{L}])(?:У?ФСБ|фсб)(?![\p{L}])/gu, 'ФСБ'],
  // One body under three names: each mention carries all of them, so the report reads it as one.
  [
    /(?<![\p{L}])[Цц]ентр\p{L}*\s+[«"]Э[»"]|(?<![\p{L}])[Цц]ентр\p{L}*\s+по\s+противодействию\s+экстремизму|(?<![\p{L}])ЦПЭ(?![\p{L}])/gu,
    CENTRE_E,
  ],
  [/(?<![\p{L}])[Сс]ледственн\p{L}*\s+комитет\p{L}*/gu, 'Следственный комитет'],
  [/(?<![\p{L}])(?:управлени\p{L}*\s+)?СКР?(?![\p{L}])/gu, 'Следственный комитет'],
  // «УМВД», «ГУМВД»: a directorate of the ministry is the ministry where no region names it (RU_REGIONAL).
  [/(?<![\p{L}])(?:(?:ГУ\s+|УМВД\s+|ГУМВД\s+)?МВД|Г?УМВД|мвд)(?![\p{L}])/gu, 'МВД'],
  [/(?<![\p{L}])[Рр]осгварди\p{L}*/gu, 'Росгвардия'],
  // The Prosecutor General's Office is its own body: «Генеральная прокуратура» keeps its first word.
  [/(?<![\p{L}])[Гг]енеральн\p{L}*\s+[Пп]рокуратур\p{L}*|(?<![\p{L}])Генпрокуратур\p{L}*/gu, 'Генеральная прокуратура'],
  // Prison monitors: both the acronym and the full name, in one name, so either mention reads as the same body.
  [
    /(?<![\p{L}])ОНК(?![\p{L}])|(?<![\p{L}])[Оо]бщественн\p{L}*\s+наблюдательн\p{L}*\s+комисси\p{L}*/gu,
    'Общественная наблюдательная комиссия (ОНК)',
  ],
  [/(?<![\p{L}])ГУБОПиК\p{L}*|(?<![\p{L}])ГУБОП(?![\p{L}])/gu, 'ГУБОПиК'],
  [/(?<![\p{L}])КГБ(?![\p{L}])|[Кк]омитет\p{L}*\s+государственной\s+безопасности/gu, 'КГБ'],
  [/(?<![\p{L}])(?:ФСО|СВР|ФССП)(?![\p{L}])/gu, ''],
  [/(?<![\p{L}])Росфинмониторинг\p{L}*/gu, 'Росфинмониторинг'],
  [
    /(?<![\p{L}])[Цц]ентр\p{L}*\s+временного\s+содержания(?:\s+иностранных\s+граждан)?|(?<![\p{L}])ЦВСИГ(?![\p{L}])/gu,
    'Центр временного содержания иностранных граждан',
  ],
  [/(?<![\p{L}])Меджлис\p{L}*(?:\s+крымскотатарского\s+народа)?/gu, 'Меджлис крымскотатарского народа'],
  [/(?<![\p{L}])Минюст\p{L}*|[Мм]инистерств\p{L}*\s+юстиции/gu, 'Минюст'],
  // The federal service; a regional «УФСИН по Омской области» is its own body (RU_REGIONAL below).
  [/(?<![\p{L}])ФСИН(?:\s+России)?(?![\p{L}]|-письм)/gu, 'ФСИН России'],
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
  // «жалобу в ЕСПЧ»: the acronym and the full name are one court.
  [
    /(?<![\p{L}])ЕСПЧ(?![\p{L}])|[Ее]вропейск\p{L}*\s+суд\p{L}*\s+по\s+правам\s+человека/gu,
    'ЕСПЧ (Европейский суд по правам человека)',
  ],
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
  // Belarus's State Security Committee is the KGB: both names in one, so "the State Security Committee (KGB)" is one.
  [/(?<![\p{L}])(?:State\s+Security\s+Committee(?:\s*\(KGB\))?|KGB(?![\p{L}]))/gu, 'KGB (State Security Committee)'],
  [/(?<![\p{L}])(?:[Rr]egional\s+)?Investigative\s+Committee/gu, 'Investigative Committee'],
  // One body under its full and short names, quoted or not ('the "Centre E" people', "officers of Centre E"): each
  // mention carries both, so the report reads it as one.
  [
    /(?<![\p{L}])(?:Centre|Center)\s+(?:for|on)\s+(?:Combating|Countering)\s+Extremism|Cent(?:re|er)\s+["“]E["”]|["“]Cent(?:re|er)\s+E["”]|(?<![\p{L}])Cent(?:re|er)\s+E(?![\p{L}\p{N}'’-])/gu,
    'Centre for Combating Extremism (Centre E)',
  ],
  // The ministry under both its names, so "the Justice Ministry" and "the Ministry of Justice" read as one body.
  [/(?<![\p{L}])(?:[Jj]ustice\s+[Mm]inistry|Ministry\s+of\s+Justice)/gu, 'Ministry of Justice (Justice Ministry)'],
  // "the regional culture ministry": a ministry named in lower case by its field is that body.
  [
    /(?<![\p{L}])(?:[Ii]nterior|[Ff]oreign|[Cc]ulture|[Ee]ducation|[Hh]ealth|[Dd]efen[cs]e|[Ee]mergencies|[Ff]inance|[Ss]ports?)\s+[Mm]inistry|Ministry\s+of\s+(?:the\s+Interior|Internal\s+Affairs)/gu,
    '',
  ],
  [/(?<![\p{L}])(?:Rosgvardia|National\s+Guard)/gu, ''],
  // "outside the regional Duma": a duma named by its level in lower case is that body ("Ozersk City Duma" is named).
  [/(?<![\p{L}])(?:regional|city|municipal)\s+Duma(?![\p{L}])/gu, ''],
  OVD_INFO,
  [/(?<![\p{L}])(?:Human\s+Rights\s+Cent(?:re|er)\s+)?Memorial(?![\p{L}])/gu, 'Memorial'],
  [
    /(?<![\p{L}])(?:Amnesty\s+International|Human\s+Rights\s+Watch|Viasna|Meduza|Mediazona|Novaya\s+Gazeta|Roskomnadzor|FSIN|Federal\s+Penitentiary\s+Service|Anti-Corruption\s+Foundation|Jehovah's\s+Witnesses|Hizb\s+ut-Tahrir)/gu,
    '',
  ],
];

/**
 * A court: its own adjective and its kind, then maybe its town. Court papers capitalise «Верховного Суда», write the
 * town's adjective with a hyphen («Йошкар-Олинского») and shorten «районный суд» to «райсуд».
 */
const RU_COURT =
  /(?<![\p{L}-])((?:\p{Lu}\p{Ll}+(?:-\p{L}\p{Ll}+)*\s+)?(?:(?:районн|городск|областн|краев|окружн|военн|гарнизонн|межрайонн|республиканск|апелляционн|кассационн|[Вв]ерховн|[Кк]онституционн|арбитражн|мирово)\p{L}*\s+){0,3})([Сс]уд(?:а|у|ом|е)?|Мосгорсуд\p{L}*|(?:рай|гор)суд(?:а|у|ом|е)?)(?![\p{L}])((?:\s+(?:г\.\s*)?\p{Lu}\p{Ll}+(?:-\p{L}\p{Ll}*)*){0,2})/gu;
/** "the Supreme Court of the Republic of Tatarstan": a republic's court is named with its "Republic of". */
const EN_COURT =
  /(?<![\p{L}])((?:\p{Lu}[\p{L}'’-]+\s+){1,4})Court(?:\s+of\s+(?:the\s+)?(Republic\s+of\s+\p{Lu}[\p{L}-]+|\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?))?/gu;
/**
 * A kind noun and a quoted name: «редакция «Голоса Заречья»», «кружка «Сёстры Невы»»; one or two genitive words may
 * stand between («группа поддержки «Тихий берег»»).
 */
const RU_QUOTED_GROUP =
  /(?<![\p{L}])(движени|организаци|объединени|сообществ|обществ|фонд|проект|издани|газет|групп|парти|центр|ассоциаци|союз|редакци|телеканал|радиостанци|агентств|портал|клуб|инициатив|кружок|кружк|школ|гимнази|лице[йяюе]|колледж|училищ|библиотек|театр|музе[йяюе]|издательств|сайт|телеграм-канал|канал|паблик|студи)(\p{L}*)((?:\s+\p{Ll}[\p{Ll}-]*){0,2})\s+[«"„]([^«»"„“\n]{2,50})[»"“]/giu;
/** A member or worker of a group names it: «волонтёрами «Сибирского списка»», «член «Единой России»». */
const RU_MEMBER_OF =
  /(?<![\p{L}])(?:волонт[её]р|активист|сотрудни|основател|соосновател|координатор|член|редактор|главред|журналист|корреспондент|представител|юрист|пресс-служб|руководител|директор|председател)\p{L}*\s+[«"„](\p{Lu}[^«»"„“\n]{1,50})[»"“]/giu;
/** A legal form before a quoted name: «МБУ ДО «Детская школа искусств № 4»», «АНО «Свет»». */
const RU_LEGAL_FORM =
  /(?<![\p{L}])(?:МБУ|МБОУ|МАОУ|МАУ|МКУ|ГБУ|ГБОУ|ГАУ|ГКУ|ФГБОУ|ФГБУ|ФГУП|МУП|ГУП|ООО|ОАО|ЗАО|ПАО|АНО|НКО|РОО|МОО)(?:\s+(?:ДО|ВО|ДПО|СО))?\s+[«"„]([^«»"„“\n]{2,60})[»"“]/gu;
/**
 * Numbered prisons are named institutions («СИЗО-1», «ИК-2», "SIZO No. 1"); a bare «СИЗО» is a kind of place, not one.
 * Moscow's «ИЗ-77/1» style keeps its region code.
 */
const RU_FACILITY = /(?<![\p{L}])(СИЗО|ИК|ЛИУ|ИЗ|ИВС|ПФРСИ)[\s‐–-]*(?:№\s*)?(\d{1,3}(?:\/\d{1,2})?)(?![\d\p{L}])/gu;
/** The same in words: «в исправительной колонии № 4» is ИК-4, «следственного изолятора № 2» is СИЗО-2. */
const RU_FACILITY_WORDS =
  /(?<![\p{L}])(?:(?:исправительн|воспитательн)\p{L}*\s+)?(колони|следственн\p{L}*\s+изолятор)\p{L}*[\s‐–-]*№\s*(\d{1,3})(?![\d\p{L}])/giu;
const EN_FACILITY =
  /(?<![\p{L}])(SIZO|IK|LIU)[\s‐–-]*(?:No\.?\s*|№\s*)?(\d{1,3}(?:\/\d{1,2})?)(?![\d\p{L}])|(?<![\p{L}])(?:pre-?trial\s+detention\s+(?:centre|center|facility)|penal\s+colony|detention\s+(?:centre|center))\s+(?:No\.?\s*|№\s*)(\d{1,3})(?![\d\p{L}])/gu;

/** A Russian legal form before a quoted name, in English text: 'OOO "Amber Print"', 'ANO "Light"'. */
const EN_LEGAL_FORM = /(?<![\p{L}])(?:OOO|OAO|ZAO|PAO|ANO|LLC|JSC|MBU|GBU)\s+["“]([^"”\n]{2,60})["”]/gu;

/** Numbered schools are named as numbered prisons are: "School No. 12", "Gymnasium No. 3"; a bare "school" is none. */
const EN_NUMBERED_SCHOOL =
  /(?<![\p{L}])(School|Gymnasium|Lyceum|Kindergarten)\s+(?:No\.?\s*|№\s*|[Nn]umber\s+)(\d{1,4})(?![\d\p{L}])/gu;
/**
 * A court named in lower case after its district, as machine translation writes it: "the Sovietsky district court of
 * Krasnodar". Without the kind word ("the Tverskoy court") it is a later mention and is left to the full name.
 */
const EN_LOWER_COURT =
  /(?<![\p{L}])(\p{Lu}[\p{Ll}-]+)\s+(district|city|regional|military|garrison)\s+court(?:\s+of\s+(\p{Lu}[\p{L}-]+))?(?![\p{L}])/gu;
/** A worker of an outlet names it: 'told the correspondent of "Kuban Herald"', 'an editor at "Lake News"'. */
const EN_MEMBER_OF =
  /(?<![\p{L}])(?:correspondent|reporter|journalist|editor|editor-in-chief|founder|staff|spokes(?:man|woman|person))s?\s+(?:of|at|for|from)\s+(?:the\s+)?["“](\p{Lu}[^"”\n]{1,40})["”]/gu;
/**
 * An outlet named without quotes by who works there: "a reporter for Lake Courier", "the editor of North Pages", "the
 * newsroom of Delta Post", "Anna Petrova of the Caspian Herald". Two capitalised words at least: one may be a town.
 */
const EN_STAFF_OF =
  /(?<![\p{L}])(?:(?:correspondent|reporter|journalist|editor|editor-in-chief|founder|newsroom|staff)s?[^\S\n]+(?:of|at|for)[^\S\n]+(?:the[^\S\n]+)?|(\p{Lu}\p{Ll}+)[^\S\n]+\p{Lu}\p{Ll}+[^\S\n]+of[^\S\n]+the[^\S\n]+)(\p{Lu}[\p{L}'’-]*(?:[^\S\n]+\p{Lu}[\p{L}'’-]*){1,3})(?![\p{L}'’-])/gu;
/** "the Union of Journalists", "the Council of Europe": a body's kind first, what it is of after it. */
const EN_BODY_OF =
  /(?<![\p{L}])(?:the|The)[^\S\n]+((?:Union|Council|Committee|Federation|League|Association|Society|Chamber|Congress)[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?\p{Lu}[\p{L}'’-]+(?:[^\S\n]+\p{Lu}[\p{L}'’-]+){0,2})/gu;
/**
 * A byline names where a text was published: "Published on Open Classroom, 3 November 2026". One word ("Published on
 * Telegram") is a platform, not a group; a date or a place opens no name ("Published on 3 May", "in Pskov").
 */
const EN_PUBLISHED_ON =
  /(?<![\p{L}])[Pp]ublished\s+(?:on|by)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})(?=,)/gu;
/**
 * A masthead: a name in capitals and then what the issue is, "COURTWATCH MOSCOW — POLITICAL CASES CALENDAR" or
 * "VOLGA WATCH\nWeekly digest". The publisher is the name.
 */
const EN_MASTHEAD =
  /^\s*(\p{Lu}[\p{Lu}'’-]+(?:[^\S\n]+\p{Lu}[\p{Lu}'’-]+){0,3})(?:[^\S\n]+[—–|·][^\S\n]+|[^\S\n]*\n\s*)(?:[\p{L}'’-]+\s+){0,3}(?:[Cc]alendar|[Dd]igest|[Nn]ewsletter|[Bb]ulletin|[Rr]ound-?up|[Bb]riefing|[Rr]eview|[Uu]pdate|[Cc]hronicle|[Nn]umbers|[Ff]igures|[Ss]tatistics|CALENDAR|DIGEST|NEWSLETTER|BULLETIN|ROUND-?UP|BRIEFING|REVIEW|UPDATE|CHRONICLE|NUMBERS|FIGURES|STATISTICS)(?![\p{L}])/u;
/**
 * A report's first line in capitals that is a name ending in what it publishes: "ISET COURT NOTES", "DELTA NEWS". A
 * line that says what kind of news follows ("BREAKING NEWS") names no one.
 */
const EN_MASTHEAD_LINE =
  /^\s*((?!(?:BREAKING|LATEST|TOP|FAKE|GOOD|BAD|LOCAL|WORLD)[^\S\n])(?:\p{Lu}[\p{Lu}'’-]+[^\S\n]+){1,3}(?:NOTES|NEWS|TIMES|POST|JOURNAL))[^\S\n]*(?:\n|$)/u;

const EN_MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
/**
 * A report's first line that names its publisher and the date, maybe with the kind of piece between: "Northern Pages —
 * 4 March 2026", "RIVERCHECK | Fact check | 9 May 2026". A messenger digest may put an emoji first and write the date
 * in figures ("🗞 Lake Ferry | day digest · 20.11.2026"); a weekday may come before the date ("· Friday, 4 December").
 */
const EN_DATED_MASTHEAD = new RegExp(
  String.raw`^[^\S\n]*(?:\p{Extended_Pictographic}\uFE0F?[^\S\n]*)?` +
    String.raw`(\p{Lu}[\p{L}'’-]*(?:[^\S\n]+\p{Lu}[\p{L}'’-]*){0,3})[^\S\n]+[—–|·][^\S\n]+` +
    String.raw`(?:[\p{L}][\p{L} '’-]{0,30}[^\S\n]+[—–|·][^\S\n]+)?` +
    String.raw`(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?[^\S\n]+)?` +
    String.raw`(?:(?:\d{1,2}[^\S\n]+${EN_MONTH}|${EN_MONTH}[^\S\n]+\d{1,2},?)[^\S\n]+\d{4}|\d{1,2}\.\d{1,2}\.\d{4})` +
    String.raw`[^\S\n]*(?:\n|$)`,
  'u',
);

/**
 * A wire report's dateline names the agency in brackets after the town and the date: "KHABAROVSK, Nov 18 (Amur Wire) -
 * Courts …", "MOSCOW, 4 March (Lake News) —".
 */
const EN_WIRE_DATELINE = new RegExp(
  String.raw`^[^\S\n]*\p{Lu}[\p{Lu}'’-]+(?:[^\S\n]+\p{Lu}[\p{Lu}'’-]+){0,2},[^\S\n]+` +
    String.raw`(?:(?:${EN_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)[^\S\n]+\d{1,2}|\d{1,2}[^\S\n]+${EN_MONTH})` +
    String.raw`[^\S\n]+\((\p{Lu}[\p{L}'’-]*(?:[^\S\n]+\p{Lu}[\p{L}'’-]*){0,3})\)[^\S\n]*[-–—]`,
  'u',
);

/**
 * Where a regional body sits: «по Омской области», «России по Республике Татарстан», «по Татарстану», «по Ленинскому
 * административному округу г. Омск».
 */
const RU_BY_REGION =
  String.raw`(?:\s+России)?\s+по\s+(?:\p{Lu}[\p{Ll}-]+(?:ому|ему|ой|ей)\s+(?:\p{Ll}+(?:ому|ему)\s+)?(?:району|области|краю|округу)` +
  String.raw`(?:\s+г\.\s*\p{Lu}[\p{Ll}-]+)?|[Рр]еспублике\s+\p{Lu}[\p{Ll}-]+|(?:г\.\s*)?\p{Lu}[\p{Ll}-]+[уеию])(?![\p{L}])`;
/** …or in the genitive: «Пермского края», «Ленинского района г. Перми», «Республики Татарстан». */
const RU_OF_REGION =
  String.raw`\s+(?:\p{Lu}[\p{Ll}-]+(?:ого|его|ой|ей)\s+(?:района|области|края|округа)(?:\s+г\.\s*\p{Lu}[\p{Ll}-]+)?` +
  String.raw`|Республики\s+\p{Lu}[\p{Ll}-]+|г\.\s*\p{Lu}[\p{Ll}-]+)(?![\p{L}])`;
/**
 * Regional and numbered units are named bodies, as numbered prisons are: «УФСИН по Омской области», «ОМВД по
 * Мещанскому району», «ОП № 5», «следственный отдел по Вахитовскому району». A bare «отдел полиции» is not one.
 */
const RU_REGIONAL: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string]> = [
  [new RegExp(String.raw`(?<![\p{L}])(?:ГУ|У)ФСИН(?![\p{L}])(?:${RU_BY_REGION})?`, 'gu'), (m) => flat(m[0])],
  [
    new RegExp(
      String.raw`(?<![\p{L}])(?:ОМВД|ОВД|Г?УМВД|[Оо]тдел\p{L}*\s+(?:МВД|полиции))(?![\p{L}])${RU_BY_REGION}`,
      'gu',
    ),
    (m) => flat(m[0]).replace(/^[Оо]тдел\p{L}*/u, 'отдел'),
  ],
  [
    /(?<![\p{L}])(?:ОП|[Оо]тдел(?:ени)?\p{L}*\s+полиции)[\s‐–-]*№\s*(\d{1,3})(?![\d\p{L}])/gu,
    (m) => `отдел полиции № ${m[1]}`,
  ],
  [
    // Only with its district: «следственное управление СК» stays the Committee's. The office it answers to may follow
    // as part of its name: «следственный отдел по … округу г. Омск СУ СК России по Омской области» is one body.
    new RegExp(
      String.raw`(?<![\p{L}])[Сс]ледственн\p{L}*\s+отдел\p{L}*${RU_BY_REGION}` +
        String.raw`(?:\s+(?:Г?СУ|ГУ)\s+СКР?(?![\p{L}])(?:${RU_BY_REGION})?)?`,
      'gu',
    ),
    (m) => flat(m[0]).replace(/^\S+\s+\S+/u, 'следственный отдел'),
  ],
  // «Прокуратурой Ленинского района г. Перми» is the district's office; a bare «прокуратура» stays generic.
  [
    new RegExp(String.raw`(?<![\p{L}])[Пп]рокуратур\p{L}*(${RU_OF_REGION})?`, 'gu'),
    (m) => (m[1] ? `Прокуратура ${flat(m[1]).trim()}` : 'прокуратура'),
  ],
];

/** A country's mission: «Консульство Германии», «посольства Армении в Москве». A bare «консульство» is no name. */
const RU_MISSION =
  /(?<![\p{L}])(?:[Гг]ен(?:еральн\p{L}*\s+)?)?([Кк]онсульств|[Пп]осольств)\p{L}*\s+(\p{Lu}[\p{L}-]+(?:\s+в\s+\p{Lu}[\p{Ll}-]+)?)/gu;
/** A name joined to its kind: «Итиль-Монитор», «Заречье.Медиа», «Ветлуга.Онлайн», «Исеть. Хроника», "Sever.Info". */
const KIND_SUFFIXED =
  /(?<![\p{L}.-])\p{Lu}\p{Ll}+(?:[-.]|\.[^\S\n])(?:Монитор|Медиа|Инфо|Ньюс|Пресс|Хроника|Новости|Реалии|Онлайн|Media|Info|News|Monitor|Press|Live|Realii|Online|TV|ТВ)(?![\p{L}])/gu;
/**
 * A messenger's forward line names the channel a post came from: "Forwarded from Baltic Solidarity Circle", «Переслано
 * от Камский дозор»; the whole rest of the line is its name (emoji after it are not).
 */
const FORWARDED_FROM =
  /(?<![^\n])[^\S\n]*(?:Forwarded\s+from|Переслано\s+от|Пересланное\s+сообщение\s+от)[^\S\n]+(\p{Lu}[\p{L}\p{N}'’&.-]*(?:[^\S\n]+[\p{L}\p{N}'’&.-]+){0,5})[^\p{L}\p{N}\n]*(?=\n|$)/gu;
/**
 * A masthead: a short name and a lower-case kind of group after a separator, «ТИХИЙ БЕРЕГ · группа поддержки
 * задержанных». The name is no town and no person.
 */
const RU_MASTHEAD =
  /^\s*[«"]?(\p{Lu}[\p{L}-]*(?:\s+\p{L}[\p{L}-]*){0,2})[»"]?\s+[·|—–]\s+(?:\p{Ll}+(?:ая|ый|ий|ое|ой)\s+(?=\p{Ll}))?(?:группа|проект|движение|инициатива|издание|сообщество|канал|телеграм-канал|медиа|фонд|объединение|сеть|служба|центр|правозащитн\p{L}*|независим\p{L}*|трансляция|сводка|рассылка|дайджест|обзор|бюллетень|хроника|подкаст|блог)(?![\p{L}])/u;
/** The first line: a quoted name, a separator and the date, «Тихая заводь» · Интервью · 3 мая 2026». */
const RU_QUOTED_DATED_MASTHEAD =
  /^\s*«(\p{Lu}[\p{L}-]*(?:[^\S\n]+\p{L}[\p{L}-]*){0,2})»[^\S\n]+[·|—–][^\n]*?\d{1,2}[^\S\n]+\p{Ll}+[^\S\n]+\d{4}/u;
/**
 * A name alone on the first line and the date alone on the next: «Камский дозор\n15 октября 2026». An adjective and a
 * noun, as an outlet's or a group's name is; a heading of an act («Новый приговор») names none.
 */
const RU_NAME_OVER_DATE =
  /^\s*(\p{Lu}\p{Ll}+(?:ий|ый|ой|ая|ое|ее)[^\S\n]+\p{Ll}+)[^\S\n]*\n[^\S\n]*\d{1,2}[^\S\n]+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)[^\S\n]+\d{4}(?:[^\S\n]+г(?:ода|\.)?)?[^\S\n]*(?:\n|$)/u;
const ACT_HEADING_NOUNS =
  /^(?:приговор|арест|обыск|задержани|суд|дел|штраф|пикет|митинг|акци|процесс|заседани|допрос|срок|иск|жалоб|новост|хроник|итог|обзор)/u;

/**
 * A masthead on its own line, with what the issue is on the next: «ДОНСКОЙ СУДЕБНЫЙ МОНИТОР\nСудебный календарь на…».
 * The name is in capitals; the line under it names a kind of issue, not a group. Case-sensitive, with the kind words'
 * capitals by hand: under the i flag \p{Lu} is any letter, and a long lower-case line backtracks quadratically.
 */
const RU_MASTHEAD_LINE =
  /^\s*(\p{Lu}\p{Lu}[\p{Lu}-]*(?:[^\S\n]+\p{Lu}\p{Lu}[\p{Lu}-]*){0,3})[^\S\n]*\n\s*(?:\p{L}+\s+){0,2}(?:[Кк]алендар|[Дд]айджест|[Оо]бзор|[Рр]ассылк|[Бб]юллетен|[Хх]роник|[Вв]ыпуск|[Сс]водк)\p{L}*(?![\p{L}])/u;
/**
 * A quoted name that publishes or is asked is an outlet or group: «Речной вестник» публикует протокол», «на запрос
 * «Северного листка»». A quotation of speech ends in a comma or a dash before its verb, so the verb follows at once.
 */
const RU_QUOTED_PUBLISHER =
  /[«"„](\p{Lu}[\p{L}-]*(?:\s+\p{L}[\p{L}-]*){0,2})[»"“][^\S\n]+(?:публику\p{L}*|опубликовал\p{L}*|выпусти\p{L}*|выяснил\p{L}*|узнал\p{L}*)(?![\p{L}])|(?<![\p{L}])запрос\p{L}*\s+[«"„](\p{Lu}[\p{L}-]*(?:\s+\p{L}[\p{L}-]*){0,2})[»"“]/gu;

function isCommonWords(name: string): boolean {
  return name.split(/[\s-]+/u).every((w) => {
    const title = w[0]! + w.slice(1).toLowerCase();
    const parses = parseWord(title);
    return (
      parses.some((p) => p.pos === 'NOUN' || p.pos === 'ADJF') &&
      !parses.some((p) => p.tags.some((t) => /^(?:Geox|Name|Surn|Patr)$/u.test(t)))
    );
  });
}

/**
 * Where the report's first three lines that are not blank end: a masthead or byline stands on one of them.
 * `openingLinesEnd('Headline\n\nLake Post · 4 May 2026\nText', 2)` → 32.
 */
export function openingLinesEnd(text: string, lines = 3): number {
  const re = /[^\S\n]*\S[^\n]*/gu;
  let end = 0;
  for (let k = 0; k < lines; k++) {
    const m = re.exec(text);
    if (!m) break;
    end = m.index + m[0].length;
  }
  return end;
}

/** Whether the line holding `offset` is a table's row, or a card's «label⇥value» line. */
function onTableRow(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  const line = text.slice(start, end < 0 ? text.length : end);
  return line.includes('\t') || tableRowSeparator(line) !== null;
}

function flat(s: string): string {
  return s.replace(/\s+/gu, ' ');
}

/** Head nouns of named groups, with the gender their adjectives take: «Балтийский фонд…», «Уральская сеть…». */
const RU_HEADS: ReadonlyArray<[RegExp, 'm' | 'f' | 'n']> = [
  [/^(?:фонд|институт|университет|центр|союз|комитет|клуб|альянс)/u, 'm'],
  [/^(?:движени|объединени|обществ|сообществ|бюро)/u, 'n'],
  [/^(?:ассоциаци|сеть|инициатив|коалици|лиг)/u, 'f'],
];
const ADJ = '(?:ый|ий|ой|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ых|их)';
const ADJ_END = new RegExp(`${ADJ}$`, 'u');
/** A capitalised adjective (and maybe a second) before an organization head noun: «Балтийского института…». */
const RU_ADJ_ORG = new RegExp(
  `(?<![\\p{L}«"„-])(\\p{Lu}\\p{Ll}+${ADJ}\\s+(?:\\p{Ll}+${ADJ}\\s+)?)` +
    '(фонд|институт|университет|центр|союз|комитет|клуб|альянс|движени|объединени|обществ|сообществ|бюро|ассоциаци|сет|инициатив|коалици|лиг)' +
    '(\\p{Ll}*)((?:\\s+\\p{Ll}+){0,3})',
  'gu',
);
/** A quoted name as the source of a report is an outlet or group: «сообщил «Кавказский узел»», «по данным «Весны»». */
const RU_QUOTED_SOURCE =
  /(?<![\p{L}])(?:сообщил\p{L}*|сообщает|сообщают|пишет|пишут|передаёт|передает|рассказал\p{L}*|по\s+данным|по\s+информации|по\s+словам|на\s+вопрос\p{L}*)\s+[«"„](\p{Lu}[^«»"„“\n]{1,40})[»"“]/gu;
/** A digest's closing call: «Поддержать «Речной вестник» можно по ссылке», «подпишитесь на «Голос Заречья»». */
const RU_SUPPORT =
  /(?<![\p{L}])(?:[Пп]оддерж(?:ать|ите|и)|[Пп]одпи(?:саться|шитесь|шись)\s+на)\s+[«"„](\p{Lu}[\p{L}-]*(?:[\s.]+\p{L}[\p{L}-]*){0,2})[»"“]/gu;
/**
 * Told to an outlet: «сказал «Речному вестнику»», «показала «Волжской сводке»». Speech verbs also open quotes, so the
 * name must be short and end in a dative form.
 */
const RU_TOLD =
  /(?<![\p{L}])(?:сказал|заявил|пояснил|ответил|подтвердил|показал|признал)\p{L}*\s+[«"„](\p{Lu}[\p{L}-]*(?:[\s.]+\p{L}[\p{L}-]*){0,2})[»"“]/gu;
/** "the outlet Temirov Live", "the monitor Forum 18": a generic noun and then the capitalised name. */
const EN_DESCRIBED =
  /(?<![\p{L}])(?:outlet|monitor|newspaper|website|channel|NGO|organi[sz]ation|watchdog|group|movement|project|weekly|magazine|news\s+site|broadcaster|newsroom|publication|hotline|charity|initiative)\s+((?:\p{Lu}[\p{L}'’-]*|\d+)(?:\s+(?:\p{Lu}[\p{L}'’-]*|\d+)){0,3})/gu;
/** "his website, Sahil Press, on …": the name set off by commas after the noun. */
const EN_DESCRIBED_COMMA =
  /(?<![\p{L}])(?:outlet|newspaper|website|channel|NGO|organi[sz]ation|movement|weekly|magazine|publication|charity)\s*,\s+(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3})(?=\s*,)/gu;
/**
 * "Zhana Dala, a movement that…", "Oka Lens, a small independent news site": a name and an appositive kind noun. The
 * words between are adjectives ("of" would make it "a member of the group"), and the kind noun is no one's job.
 */
const EN_APPOSED =
  /(?<![\p{L}])(\p{Lu}[\p{L}'’.-]*(?:[^\S\n]+(?:(?:of|for|and)[^\S\n]+(?:the[^\S\n]+)?)?\p{Lu}[\p{L}'’.-]*){0,4}),\s+(?:a|an)\s+((?:[\p{Ll}-]+\s+){0,3})(?:movement|organi[sz]ation|group|outlet|news\s+(?:site|website|outlet|agency|portal)|website|newspaper|weekly|magazine|channel|NGO|foundation|charity|network|initiative|party|publication|broadcaster|radio\s+station|newsroom|hotline|association|watchdog|collective)(?![\p{L}])(?!['’]s|\s+(?:editor|founder|member|journalist|reporter|author|admin\p{L}*|director|coordinator|leader|activist|volunteer|lawyer|spokes\p{L}*|head|chief|employee|worker|correspondent|owner|manager|host|contributor|staffer|researcher|analyst|supporter)s?(?![\p{L}]))/gu;
/** "the Leninsky district police station", "the Pravoberezhny police department": a station named by its district. */
const EN_POLICE =
  /(?<![\p{L}])((?:\p{Lu}[\p{L}-]+\s+){1,2})(?:(?:[Dd]istrict|[Cc]ity|[Rr]egional)\s+)?[Pp]olice\s+(?:[Ss]tation|[Dd]epartment|[Pp]recinct)(?:\s+(?:No\.?|№)\s*\d{1,3}(?![\d\p{L}]))?/gu;
/** "Radio Siberia Online", "Radio Liberty": the kind word comes first. */
const EN_RADIO = /(?<![\p{L}])Radio\s+\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?/gu;
/**
 * English heads of group names: "the Baltic Civic Media Fund", "Ural Solidarity", "Free North Review"; outlets and
 * helpers name their kind last too: "Lakeside Courier", "Kama Legal Aid", "Idel Defence", "Volga Rights Monitor".
 */
const EN_HEADS =
  'Committee|Ministry|Service|Foundation|Fund|Party|Movement|Union|Centre|Center|Agency|Department|Directorate|' +
  'Commission|Council|Office|Institute|Network|Initiative|Solidarity|Media|Association|Coalition|Society|Group|' +
  'Review|Defenders|Monitor|Watch|Support|Defence|Defense|Aid|Hotline|Ledger|Courier|Weekly|Daily|Press|Herald|' +
  'Gazette|Tribune|Chronicle|Legion|University|Assembly|Embassy|Consulate|Register|Registry|Duma|International';
/** Up to five capitalised words before the head ("Freedom of Russia Legion"), and "on/of …" after it. */
const EN_ORG = new RegExp(
  String.raw`(?<![\p{L}])((?:\p{Lu}[\p{L}'’-]+\s+(?:(?:of|for)\s+)?){1,5})(${EN_HEADS})(?![\p{L}])` +
    String.raw`(\s+(?:on|of|for)\s+(?:the\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3})?`,
  'gu',
);
const EN_ENDS_IN_HEAD = new RegExp(`(?:${EN_HEADS})$`, 'u');
/** The same in capitals, as a report's masthead writes it: "OPEN CASES WEEKLY", "VOLGA CIVIC MONITOR". */
const EN_ORG_CAPS = new RegExp(
  String.raw`(?<![\p{L}])((?:\p{Lu}[\p{Lu}'’-]+\s+){1,4})(${EN_HEADS.toUpperCase()})(?![\p{L}])`,
  'gu',
);
/** A court's heading over its case card, in capitals: "ZAVODSKOY DISTRICT COURT OF OZERSK", "OZERSK REGIONAL COURT". */
const EN_COURT_CAPS =
  /(?<![\p{L}])((?:\p{Lu}[\p{Lu}'’-]+[^\S\n]+){0,3}(?:DISTRICT|CITY|REGIONAL|MILITARY|GARRISON|SUPREME|APPELLATE|CASSATION|ARBITRATION|CONSTITUTIONAL|KRAI|OBLAST|REPUBLICAN)[^\S\n]+COURT)(?![\p{L}])(?:[^\S\n]+OF[^\S\n]+(?:THE[^\S\n]+)?(\p{Lu}[\p{Lu}'’-]+(?:[^\S\n]+\p{Lu}[\p{Lu}'’-]+)?)(?![\p{L}]))?/gu;
/** Words that open a sentence or a phrase, not a name. */
const EN_NOT_NAME =
  /^(?:The|A|An|In|On|At|By|Last|Next|This|That|Then|When|And|Our|His|Her|Their|Its|Every|Each|From|To|For|With|Dear|Subject|Live|Yesterday|Today|Meanwhile|However|Also|Since|After|Before|Later|Earlier|Separately|How|What|Why|Where|Which|If|But|As|So|Now|Here|There|Like|Unlike|Under|About|Only|Even|All|Both|Some|Many|Most)$/iu;
/** Inside a run of capitalised words these open a phrase: "OPEN LETTER IN SUPPORT", "Rally Against War". */
const EN_INNER_PREPOSITION = /^(?:In|On|At|To|By|With|From|Against|Into|About)$/iu;
/** Days and months open phrases too: "On Monday, a group of …". */
const EN_DATE_WORD =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/u;
/**
 * A head noun followed by the quoted name: 'Human Rights Centre "Viasna"' is Viasna; so are the kinds of group a
 * report names in lower case: 'the reading club "Okhta Lamp"', 'the band "Bitter Honey"', 'initiative "Green Kama"'.
 */
const EN_QUOTED_GROUP = new RegExp(
  `(?<![\\p{L}])(?:\\p{Lu}[\\p{L}'’-]+\\s+){0,4}(?:${EN_HEADS}|movement|group|outlet|foundation|club|band|initiative|` +
    `circle|collective|ensemble|choir|theatre|theater|society|association|network|community)\\s+["“]([^"”\\n]{2,50})["”]`,
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

/** Ordinals by their stems: the dictionary's lemma of «Шестого» is the numeral «шесть», a court's name keeps «Шестой». */
const ORDINALS: ReadonlyArray<[RegExp, string]> = [
  [/^перв/iu, 'первый'],
  [/^втор/iu, 'второй'],
  [/^трет/iu, 'третий'],
  [/^четв[её]рт/iu, 'четвёртый'],
  [/^пят/iu, 'пятый'],
  [/^шест/iu, 'шестой'],
  [/^седьм/iu, 'седьмой'],
  [/^восьм/iu, 'восьмой'],
  [/^девят/iu, 'девятый'],
  [/^десят/iu, 'десятый'],
];

function nominativeAdjective(word: string): string {
  // «окружном» reads as окружный or окружной with equal scores; court and place names use the stressed -ой
  // (окружной, областной, краевой, Донской), so among the best readings that lemma wins.
  const parses = parseWord(word).filter((p) => p.pos === 'ADJF');
  const ordinal = parses.some((p) => p.tags.includes('Anum')) ? ORDINALS.find(([re]) => re.test(word))?.[1] : undefined;
  if (ordinal) return word[0] === word[0]?.toUpperCase() ? ordinal[0]!.toUpperCase() + ordinal.slice(1) : ordinal;
  const top = Math.max(...parses.map((p) => p.score));
  const parse = parses.find((p) => p.score === top && p.lemma.endsWith('ой')) ?? parses[0];
  if (!parse) return word;
  let lemma = parse.lemma.replace(/ё/g, /ё/u.test(word) ? 'ё' : 'е');
  // «Верх-Исетский»: the dictionary's lemma of a hyphenated adjective may drop the part before the hyphen.
  const hyphen = word.lastIndexOf('-');
  if (hyphen > 0 && !lemma.includes('-') && lemma.startsWith(word.slice(hyphen + 1, hyphen + 3).toLowerCase()))
    lemma = `${word.slice(0, hyphen + 1).toLowerCase()}${lemma}`;
  // «Усть-Озёрского» → «Усть-Озёрский»: each part keeps its capital.
  const parts = word.split('-');
  return lemma
    .split('-')
    .map((p, k) => (/^\p{Lu}/u.test(parts[k] ?? '') ? p[0]!.toUpperCase() + p.slice(1) : p))
    .join('-');
}

/** Bills, events and works are quoted after a genitive too: «проект закона «О…»», «акции «Бессмертный полк»». */
const NOT_GROUP_WORDS =
  /^(?:закон|законопроект|указ|кодекс|стат|постановлени|акци|митинг|фестивал|конкурс|операци|программ|дел|город|район|улиц|площад|парк)/u;

/** A quoted adjective and noun in an oblique case, in the nominative: «Волжской сводке» → «Волжская сводка». */
function nominativeName(name: string): string {
  const words = name.split(/\s+/u);
  if (words.length !== 2 || !words.every((w) => /^[\p{Script=Cyrillic}-]+$/u.test(w))) return name;
  const nounParses = parseWord(words[1]!.toLowerCase());
  // «Пятый угол» is already nominative; its accusative reading must not turn it into «Пять угол».
  const adjParses = parseWord(words[0]!.toLowerCase());
  const nominative = nounParses.some(
    (n) =>
      n.pos === 'NOUN' &&
      n.case === 'nomn' &&
      adjParses.some(
        (a) => a.pos === 'ADJF' && a.case === 'nomn' && a.number === n.number && (a.gender ?? n.gender) === n.gender,
      ),
  );
  if (nominative) return name;
  const noun = nounParses.find((p) => p.pos === 'NOUN' && p.number === 'sing');
  const adjective = adjParses.find(
    (p) => p.pos === 'ADJF' && p.case === noun?.case && (p.gender === noun?.gender || !p.gender),
  );
  if (!noun || !adjective || noun.case === 'nomn') return name;
  const gender = noun.gender === 'femn' ? 'f' : noun.gender === 'neut' ? 'n' : 'm';
  const first = agree(nominativeAdjective(words[0]!), gender);
  const second = /^\p{Lu}/u.test(words[1]!) ? noun.lemma[0]!.toUpperCase() + noun.lemma.slice(1) : noun.lemma;
  return `${first} ${second}`;
}

/**
 * A numbered prison's name: «СИЗО-2»; a colony carries its name in words as well, «ИК-4 (колония № 4)», so «ИК-4» and
 * «исправительная колония № 4» read as one body under either name.
 */
function facilityName(kind: string, number: string): string {
  return kind === 'ИК' ? `ИК-${number} (колония № ${number})` : `${kind}-${number}`;
}

/** A word of a name, not of speech: a noun or an adjective, and not mainly a verb, pronoun or particle. */
function isNominal(word: string): boolean {
  const parses = parseWord(word.toLowerCase());
  return parses.some((p) => p.pos === 'NOUN' || p.pos === 'ADJF') && !/VERB|NPRO|INTJ|PRCL|CONJ/u.test(parses[0]!.pos);
}

/**
 * A line typed all in lower case names its court so too: «приволжский районный суд казани». The district adjective
 * before the court's kind and a town after «суд» get their capitals back, letter for letter, so offsets stay.
 */
function capitaliseCourtNames(text: string): string {
  const upper = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  return text
    .replace(
      /(?<![\p{L}])(\p{Ll}+(?:ск|цк)(?:ий|ой|ого|ому|им|ом))(?=\s+(?:районн|городск|межрайонн|гарнизонн)\p{L}*\s+суд)/gu,
      upper,
    )
    .replace(/(?<=(?:^|\P{L})суд(?:а|у|ом|е)?\s{1,8})(\p{Ll}+)/gu, (w) =>
      parseWord(upper(w)).some((p) => p.tags.includes('Geox') && p.case === 'gent') ? upper(w) : w,
    );
}

function nominativeNoun(word: string): string {
  const parse = parseWord(word.toLowerCase()).find((p) => p.pos === 'NOUN');
  return parse ? parse.lemma : word;
}

/**
 * Organizations in one sentence's text (offsets relative to it), without overlaps. `opensDocument` says the sentence
 * is the report's first, whose line may name the publisher and the date ("Northern Pages — 4 March 2026"); `nearTop`,
 * that it starts on one of the report's first three lines, where a dated line under a headline may name it too.
 */
export function findOrganizations(
  text: string,
  language: 'ru' | 'en',
  options: { opensDocument?: boolean; nearTop?: boolean } = { opensDocument: true },
): Array<Found<string>> {
  // Every name has letters; a line of digits and dashes has none to look at.
  if (!/\p{L}/u.test(text)) return [];
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
  KIND_SUFFIXED.lastIndex = 0;
  for (let m = KIND_SUFFIXED.exec(text); m !== null; m = KIND_SUFFIXED.exec(text))
    found.push({ start: m.index, end: m.index + m[0].length, value: m[0] });
  FORWARDED_FROM.lastIndex = 0;
  for (let m = FORWARDED_FROM.exec(text); m !== null; m = FORWARDED_FROM.exec(text)) {
    const start = m.index + m[0].lastIndexOf(m[1]!);
    found.push({ start, end: start + m[1]!.length, value: m[1]! });
  }
  if (language === 'ru') {
    const courtText = text.replace(/[^\n]+/gu, (line) => (/\p{Lu}/u.test(line) ? line : capitaliseCourtNames(line)));
    RU_COURT.lastIndex = 0;
    for (let m = RU_COURT.exec(courtText); m !== null; m = RU_COURT.exec(courtText)) {
      let adjectives = m[1]!.trim();
      const headEnd = m.index + m[1]!.length + m[2]!.length;
      // «…вышестоящего суда⇥Пензенский областной суд»: a court without a name of its own takes no town, so the words
      // after it are read again, as the next court's.
      RU_COURT.lastIndex = headEnd;
      // «Пресс-секретарь суда Е.В. Иванова»: a capitalised noun opening the line is whose the court is, not its name.
      let start = m.index;
      const first = /^\p{Lu}\S*/u.exec(adjectives)?.[0];
      if (first && !ADJ_END.test(first)) {
        adjectives = adjectives.slice(first.length).trim();
        start = m.index + m[1]!.indexOf(first) + first.length;
        start += /^\s*/u.exec(courtText.slice(start))![0].length;
      }
      if (!adjectives && !m[2]!.startsWith('Мосгорсуд')) continue;
      // In a table a line break ends the cell: the label of the next row is no town.
      let trailing = m[3] ?? '';
      if (trailing.includes('\n') && onTableRow(courtText, m.index))
        trailing = trailing.slice(0, trailing.indexOf('\n'));
      trailing = /^\s*$/u.test(trailing) ? '' : trailing;
      const words = adjectives ? adjectives.split(/\s+/).map(nominativeAdjective) : [];
      // A trailing capitalised word names the court's city («суда Саратова») unless it starts a new phrase.
      const place = trailing.trim();
      const keepPlace = place && !/^\p{Lu}\p{Lu}/u.test(place) ? ` ${place}` : '';
      const end = headEnd + (keepPlace ? trailing.length : 0);
      RU_COURT.lastIndex = end;
      const head = m[2]!.startsWith('Мосгорсуд')
        ? 'Мосгорсуд'
        : /^райсуд/u.test(m[2]!)
          ? 'районный суд'
          : /^горсуд/u.test(m[2]!)
            ? 'городской суд'
            : 'суд';
      found.push({ start, end, value: `${[...words, head].join(' ')}${keepPlace}` });
    }
    for (const [re, name] of RU_REGIONAL) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text))
        found.push({ start: m.index, end: m.index + m[0].length, value: name(m) });
    }
    RU_MISSION.lastIndex = 0;
    for (let m = RU_MISSION.exec(text); m !== null; m = RU_MISSION.exec(text)) {
      const kind = /^[Кк]/u.test(m[1]!) ? 'консульство' : 'посольство';
      found.push({ start: m.index, end: m.index + m[0].length, value: `${kind} ${flat(m[2]!)}` });
    }
    const head = RU_MASTHEAD.exec(text);
    if (head && isCommonWords(head[1]!)) {
      const name = head[1]!;
      const start = head.index + head[0].indexOf(name);
      const value = name === name.toUpperCase() ? name[0] + name.slice(1).toLowerCase() : name;
      found.push({ start, end: start + name.length, value });
    }
    const quotedHead = options.opensDocument ? RU_QUOTED_DATED_MASTHEAD.exec(text) : null;
    if (quotedHead && quotedHead[1]!.split(/\s+/u).every(isNominal)) {
      const start = quotedHead.index + quotedHead[0].indexOf('«');
      found.push({ start, end: start + quotedHead[1]!.length + 2, value: nominativeName(quotedHead[1]!) });
    }
    const overDate = options.opensDocument ? RU_NAME_OVER_DATE.exec(text) : null;
    if (overDate && isCommonWords(overDate[1]!)) {
      const [adjective, noun] = overDate[1]!.split(/\s+/u) as [string, string];
      const agrees = parseWord(noun).some(
        (n) =>
          n.pos === 'NOUN' &&
          n.case === 'nomn' &&
          parseWord(adjective.toLowerCase()).some(
            (a) =>
              a.pos === 'ADJF' && a.case === 'nomn' && a.number === n.number && (a.gender ?? n.gender) === n.gender,
          ),
      );
      if (agrees && !ACT_HEADING_NOUNS.test(noun)) {
        const start = overDate.index + overDate[0].indexOf(overDate[1]!);
        found.push({ start, end: start + overDate[1]!.length, value: overDate[1]! });
      }
    }
    RU_FACILITY.lastIndex = 0;
    for (let m = RU_FACILITY.exec(text); m !== null; m = RU_FACILITY.exec(text))
      found.push({ start: m.index, end: m.index + m[0].length, value: facilityName(m[1]!, m[2]!) });
    RU_FACILITY_WORDS.lastIndex = 0;
    for (let m = RU_FACILITY_WORDS.exec(text); m !== null; m = RU_FACILITY_WORDS.exec(text)) {
      const kind = /^колони/iu.test(m[1]!) ? 'ИК' : 'СИЗО';
      found.push({ start: m.index, end: m.index + m[0].length, value: facilityName(kind, m[2]!) });
    }
    const issue = RU_MASTHEAD_LINE.exec(text);
    if (issue) {
      const name = issue[1]!;
      const start = issue.index + issue[0].indexOf(name);
      found.push({ start, end: start + name.length, value: name[0] + name.slice(1).toLowerCase() });
    }
    RU_QUOTED_PUBLISHER.lastIndex = 0;
    for (let m = RU_QUOTED_PUBLISHER.exec(text); m !== null; m = RU_QUOTED_PUBLISHER.exec(text)) {
      const name = m[1] ?? m[2]!;
      if (!name.split(/\s+/u).every(isNominal)) continue;
      const start = m.index + m[0].indexOf(name) - 1;
      found.push({ start, end: start + name.length + 2, value: nominativeName(name) });
    }
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
      found.push({ start, end: m.index + m[0].length, value: nominativeName(m[1]!.trim()) });
    }
    for (const re of [RU_TOLD, RU_SUPPORT]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const words = m[1]!.split(/[\s.]+/u);
        if (re === RU_TOLD && !/(?:е|и|у|ю|ам|ям)$/u.test(words.at(-1)!)) continue;
        // «ответил «Спасибо вам»» is speech: every word must read as a noun or an adjective, none as a pronoun.
        if (!words.every(isNominal)) continue;
        const start = m.index + m[0].length - m[1]!.length - 2;
        found.push({ start, end: m.index + m[0].length, value: nominativeName(m[1]!) });
      }
    }
    RU_MEMBER_OF.lastIndex = 0;
    for (let m = RU_MEMBER_OF.exec(text); m !== null; m = RU_MEMBER_OF.exec(text)) {
      if (!/^\p{Lu}/u.test(m[1]!)) continue;
      const start = m.index + m[0].length - m[1]!.length - 2;
      found.push({ start, end: m.index + m[0].length, value: nominativeName(m[1]!.trim()) });
    }
    RU_LEGAL_FORM.lastIndex = 0;
    for (let m = RU_LEGAL_FORM.exec(text); m !== null; m = RU_LEGAL_FORM.exec(text)) {
      // «ООО «***»»: a name hidden by the publisher is no name.
      if (!/\p{L}/u.test(m[1]!)) continue;
      found.push({ start: m.index, end: m.index + m[0].length, value: m[1]!.trim() });
    }
    RU_QUOTED_GROUP.lastIndex = 0;
    for (let m = RU_QUOTED_GROUP.exec(text); m !== null; m = RU_QUOTED_GROUP.exec(text)) {
      const between = m[3]!.trim();
      // «группа поддержки «Тихий берег»»: the words between are genitive and lower-case, and the name capitalised;
      // «проект закона «О…»» names a bill, not a group.
      if (between) {
        const words = between.split(/\s+/u);
        const genitive = (w: string) => parseWord(w).some((p) => /NOUN|ADJF/u.test(p.pos) && p.case === 'gent');
        if (!/^\p{Lu}/u.test(m[4]!) || !words.every((w) => /^\p{Ll}/u.test(w) && genitive(w))) continue;
        if (words.some((w) => NOT_GROUP_WORDS.test(w))) continue;
      }
      // «кружка» is also a mug: the club's stem keeps its own noun.
      const noun = /^кружк|^кружок/iu.test(m[1]!) ? 'кружок' : nominativeNoun(m[1]! + m[2]!);
      const value = `${[noun, between].filter(Boolean).join(' ')} «${m[4]!.trim()}»`;
      found.push({ start: m.index, end: m.index + m[0].length, value });
    }
  } else {
    EN_COURT.lastIndex = 0;
    for (let m = EN_COURT.exec(text); m !== null; m = EN_COURT.exec(text)) {
      let words = m[1]!.trim().split(/\s+/);
      // "ISET COURT NOTES⏎Kirovsky District Court": a heading in capitals on the line above is another name.
      const lines = m[1]!.trim().split('\n');
      const above = lines.slice(0, -1).join(' ');
      if (lines.length > 1 && above === above.toUpperCase()) words = lines.at(-1)!.trim().split(/\s+/);
      // "Yekaterinburg's Leninsky District Court": the possessive city is a place, not part of the name.
      const possessive = words.findIndex((w) => /['’]s$/u.test(w));
      if (possessive >= 0) words = words.slice(possessive + 1);
      while (words.length > 0 && /^(?:The|A|In|On|At|By|Last|Yesterday|Today|Then|When|And)$/u.test(words[0]!))
        words.shift();
      if (words.length === 0) continue;
      const first = m[1]!.indexOf(words[0]!);
      const start = m.index + first;
      const of = m[2] ? ` of ${/^Republic\s/u.test(m[2]) ? 'the ' : ''}${flat(m[2])}` : '';
      const value = `${words.join(' ')} Court${of}`;
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
      // A heading in capitals on the line above is another name: "APPELLATE MILITARY COURT\nPress service".
      const lines = m[1]!.split('\n');
      if (lines.length > 1 && lines.slice(0, -1).join(' ') === lines.slice(0, -1).join(' ').toUpperCase())
        words.splice(0, words.length - lines.at(-1)!.trim().split(/\s+/u).filter(Boolean).length);
      while (words.length > 0 && (EN_NOT_NAME.test(words[0]!) || /-based$|^(?:of|for)$/u.test(words[0]!)))
        words.shift();
      // "Open Letter In Support": a preposition before the head makes a phrase; the name starts after it, if at all.
      words.splice(0, words.findLastIndex((w) => EN_INNER_PREPOSITION.test(w)) + 1);
      // "Freedom of Assembly" is a right, "Ministry of Defence" a known body: "of" needs a name after it.
      if (words.length === 0 || /^(?:of|for)$/u.test(words.at(-1)!)) continue;
      const offsets = [...m[1]!.matchAll(/\S+/gu)].map((w) => w.index);
      const start = m.index + offsets[offsets.length - words.length]!;
      const headEnd = m.index + m[1]!.length + m[2]!.length;
      // "Ozersk International Airport": International ends a name only where no capitalised word goes on with it.
      if (m[2] === 'International' && /^[^\S\n]+\p{Lu}/u.test(text.slice(headEnd))) continue;
      // "the Russian Federal Security Service" is the FSB: a known name at the end keeps its canonical form.
      if (found.some((k) => k.end === headEnd && k.start >= start)) continue;
      // "… Directorate of the Investigative Committee": a tail that is itself a body is not part of this name.
      const tailStart = headEnd;
      const tailEnd = headEnd + (m[3]?.length ?? 0);
      const tailIsBody =
        EN_ENDS_IN_HEAD.test(m[3] ?? '') || found.some((k) => k.start >= tailStart && k.end <= tailEnd);
      const tail = m[3] && !tailIsBody ? flat(m[3]) : '';
      found.push({ start, end: headEnd + (tail ? m[3]!.length : 0), value: `${words.join(' ')} ${m[2]}${tail}` });
    }
    EN_ORG_CAPS.lastIndex = 0;
    for (let m = EN_ORG_CAPS.exec(text); m !== null; m = EN_ORG_CAPS.exec(text)) {
      const words = m[1]!.trim().split(/\s+/);
      while (words.length > 0 && EN_NOT_NAME.test(words[0]!)) words.shift();
      words.splice(0, words.findLastIndex((w) => EN_INNER_PREPOSITION.test(w)) + 1);
      if (words.length === 0) continue;
      const offsets = [...m[1]!.matchAll(/\S+/gu)].map((w) => w.index);
      const start = m.index + offsets[offsets.length - words.length]!;
      const end = m.index + m[0].length;
      if (found.some((k) => k.start <= start && k.end >= end)) continue;
      const title = [...words, m[2]!].map((w) => w[0]! + w.slice(1).toLowerCase());
      found.push({ start, end, value: title.join(' ') });
    }
    EN_COURT_CAPS.lastIndex = 0;
    for (let m = EN_COURT_CAPS.exec(text); m !== null; m = EN_COURT_CAPS.exec(text)) {
      const title = (words: string) =>
        words
          .split(/\s+/u)
          .map((w) => w[0]! + w.slice(1).toLowerCase())
          .join(' ');
      found.push({
        start: m.index,
        end: m.index + m[0].length,
        value: `${title(m[1]!)}${m[2] ? ` of ${title(m[2])}` : ''}`,
      });
    }
    for (const re of [EN_DESCRIBED_COMMA, EN_RADIO]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const name = m[1] ?? m[0];
        const start = m.index + m[0].length - name.length;
        found.push({ start, end: m.index + m[0].length, value: flat(name) });
      }
    }
    EN_APPOSED.lastIndex = 0;
    for (let m = EN_APPOSED.exec(text); m !== null; m = EN_APPOSED.exec(text)) {
      const between = m[2]!.trim().split(/\s+/u).filter(Boolean);
      if (between.some((w) => /^(?:of|in|for|from|with|by|at|on|who|which|that|and|to|the)$/u.test(w))) continue;
      const words = [...m[1]!.matchAll(/\S+/gu)];
      // "In Kazan, a group of students…": a place after a preposition is no name.
      if (/^(?:In|On|At|By|From|To|For|With|After|Before|Since|Near|Outside)$/u.test(words[0]![0])) continue;
      // "Last May Zhana Dala, a movement…": the name starts after the last word that opens a phrase or names a date.
      const opener = words.findLastIndex(
        (w) => /^\p{Lu}/u.test(w[0]) && (EN_NOT_NAME.test(w[0]) || EN_DATE_WORD.test(w[0])),
      );
      const kept = words.slice(opener + 1);
      if (kept.length === 0) continue;
      const start = m.index + kept[0]!.index;
      found.push({ start, end: m.index + m[1]!.length, value: flat(text.slice(start, m.index + m[1]!.length)) });
    }
    EN_NUMBERED_SCHOOL.lastIndex = 0;
    for (let m = EN_NUMBERED_SCHOOL.exec(text); m !== null; m = EN_NUMBERED_SCHOOL.exec(text))
      found.push({ start: m.index, end: m.index + m[0].length, value: `${m[1]} No. ${m[2]}` });
    EN_LOWER_COURT.lastIndex = 0;
    for (let m = EN_LOWER_COURT.exec(text); m !== null; m = EN_LOWER_COURT.exec(text)) {
      if (EN_NOT_NAME.test(m[1]!) || EN_DATE_WORD.test(m[1]!)) continue;
      const kind = m[2]![0]!.toUpperCase() + m[2]!.slice(1);
      found.push({
        start: m.index,
        end: m.index + m[0].length,
        value: `${m[1]} ${kind} Court${m[3] ? ` of ${m[3]}` : ''}`,
      });
    }
    EN_LEGAL_FORM.lastIndex = 0;
    for (let m = EN_LEGAL_FORM.exec(text); m !== null; m = EN_LEGAL_FORM.exec(text)) {
      if (!/\p{L}/u.test(m[1]!)) continue;
      found.push({ start: m.index, end: m.index + m[0].length, value: m[1]!.trim() });
    }
    EN_STAFF_OF.lastIndex = 0;
    for (let m = EN_STAFF_OF.exec(text); m !== null; m = EN_STAFF_OF.exec(text)) {
      // "Anna Petrova of the …" is a person's outlet; "Criminal Code of the Russian Federation" names no one.
      if (m[1] && !isEnglishGivenName(m[1].toLowerCase())) continue;
      const words = [...m[2]!.matchAll(/\S+/gu)];
      // "the editor of Ivan Petrov's blog", "a reporter at Monday's hearing": a person or a date opens no outlet's name.
      const cut = words.findIndex((w) => EN_NOT_NAME.test(w[0]) || EN_DATE_WORD.test(w[0]) || /['’]s$/u.test(w[0]));
      const kept = cut >= 0 ? words.slice(0, cut) : words;
      if (kept.length < 2 || isEnglishGivenName(kept[0]![0].toLowerCase())) continue;
      const start = m.index + m[0].length - m[2]!.length;
      const last = kept.at(-1)!;
      found.push({ start, end: start + last.index + last[0].length, value: kept.map((w) => w[0]).join(' ') });
    }
    EN_BODY_OF.lastIndex = 0;
    for (let m = EN_BODY_OF.exec(text); m !== null; m = EN_BODY_OF.exec(text)) {
      const start = m.index + m[0].length - m[1]!.length;
      found.push({ start, end: m.index + m[0].length, value: flat(m[1]!) });
    }
    for (const re of [EN_MEMBER_OF, EN_PUBLISHED_ON]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const name = m[1]!.trim();
        if (re === EN_PUBLISHED_ON && name.split(/\s+/u).some((w) => EN_NOT_NAME.test(w) || EN_DATE_WORD.test(w)))
          continue;
        const start = m.index + m[0].indexOf(m[1]!);
        found.push({ start, end: start + name.length, value: flat(name) });
      }
    }
    const wire = options.opensDocument || options.nearTop ? EN_WIRE_DATELINE.exec(text) : null;
    if (wire) {
      const start = wire.index + wire[0].lastIndexOf(`(${wire[1]!})`) + 1;
      found.push({ start, end: start + wire[1]!.length, value: wire[1]! });
    }
    // "Don Steppe Dialogue · Friday, 4 December 2026" under a headline: a dated line near the top is the masthead too,
    // unless it is an author's byline ("Anna Lapina · 4 December 2026").
    const dated = options.opensDocument || options.nearTop ? EN_DATED_MASTHEAD.exec(text) : null;
    const byline = (name: string) => {
      const words = name.split(/\s+/u);
      return words.length === 2 && isEnglishGivenName(words[0]!.toLowerCase());
    };
    if (
      dated &&
      !dated[1]!.split(/\s+/u).some((w) => EN_NOT_NAME.test(w) || EN_DATE_WORD.test(w)) &&
      (options.opensDocument || !byline(dated[1]!))
    ) {
      const name = dated[1]!;
      const start = dated.index + dated[0].indexOf(name);
      const value = name
        .split(/\s+/u)
        .map((w) => (w === w.toUpperCase() ? w[0]! + w.slice(1).toLowerCase() : w))
        .join(' ');
      found.push({ start, end: start + name.length, value });
    }
    const line = options.opensDocument ? EN_MASTHEAD_LINE.exec(text) : null;
    if (line && !line[1]!.split(/\s+/u).some((w) => EN_NOT_NAME.test(w) || EN_DATE_WORD.test(w))) {
      const start = line.index + line[0].indexOf(line[1]!);
      const value = line[1]!
        .split(/\s+/u)
        .map((w) => w[0]! + w.slice(1).toLowerCase())
        .join(' ');
      found.push({ start, end: start + line[1]!.length, value });
    }
    const masthead = EN_MASTHEAD.exec(text);
    if (masthead && !masthead[1]!.split(/\s+/u).some((w) => EN_NOT_NAME.test(w) || EN_DATE_WORD.test(w))) {
      const name = masthead[1]!;
      const start = masthead.index + masthead[0].indexOf(name);
      const value = name
        .split(/\s+/u)
        .map((w) => w[0]! + w.slice(1).toLowerCase())
        .join(' ');
      found.push({ start, end: start + name.length, value });
    }
    EN_POLICE.lastIndex = 0;
    for (let m = EN_POLICE.exec(text); m !== null; m = EN_POLICE.exec(text)) {
      const words = m[1]!.trim().split(/\s+/);
      while (words.length > 0 && EN_NOT_NAME.test(words[0]!)) words.shift();
      if (words.length === 0) continue;
      const start = m.index + m[1]!.indexOf(words[0]!);
      found.push({ start, end: m.index + m[0].length, value: flat(text.slice(start, m.index + m[0].length)) });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Array<Found<string>> = [];
  for (const f of found) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}
