/**
 * Organizations: courts (with their district or city), security services, police units, investigators,
 * prosecutors, ministries, NGOs and monitoring groups, media, and groups named in charges.
 * «Кировского районного суда Саратова» → «Кировский районный суд Саратова»; "OVD-Info" → "OVD-Info".
 */
import { parseWord } from '../../morph/index.js';
import type { Found } from '../legal/legal-finder.js';

const CENTRE_E = 'Центр по противодействию экстремизму (Центр «Э», ЦПЭ)';

/** [pattern, canonical name]; patterns are tried on the sentence text. */
const RU_KNOWN: Array<[RegExp, string]> = [
  [/(?<![\p{L}])У?ФСБ(?![\p{L}])/gu, 'ФСБ'],
  // One body under three names: each mention carries all of them, so the report reads it as one.
  [
    /(?<![\p{L}])[Цц]ентр\p{L}*\s+[«"]Э[»"]|(?<![\p{L}])[Цц]ентр\p{L}*\s+по\s+противодействию\s+экстремизму|(?<![\p{L}])ЦПЭ(?![\p{L}])/gu,
    CENTRE_E,
  ],
  [/(?<![\p{L}])[Сс]ледственн\p{L}*\s+комитет\p{L}*/gu, 'Следственный комитет'],
  [/(?<![\p{L}])(?:управлени\p{L}*\s+)?СКР?(?![\p{L}])/gu, 'Следственный комитет'],
  [/(?<![\p{L}])(?:ГУ\s+|УМВД\s+|ГУМВД\s+)?МВД(?![\p{L}])/gu, 'МВД'],
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
  [/(?<![\p{L}])(?:Centre|Center)\s+(?:for|on)\s+(?:Combating|Countering)\s+Extremism|Cent(?:re|er)\s+["“]E["”]/gu, ''],
  [
    /(?<![\p{L}])(?:Interior|Justice|Foreign|interior|justice|foreign)\s+[Mm]inistry|Ministry\s+of\s+(?:Justice|the\s+Interior|Internal\s+Affairs)/gu,
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
const EN_FACILITY =
  /(?<![\p{L}])(SIZO|IK|LIU)[\s‐–-]*(?:No\.?\s*|№\s*)?(\d{1,3}(?:\/\d{1,2})?)(?![\d\p{L}])|(?<![\p{L}])(?:pre-?trial\s+detention\s+(?:centre|center|facility)|penal\s+colony|detention\s+(?:centre|center))\s+(?:No\.?\s*|№\s*)(\d{1,3})(?![\d\p{L}])/gu;

/** Where a regional body sits: «по Омской области», «России по Республике Татарстан», «по Татарстану». */
const RU_BY_REGION =
  String.raw`(?:\s+России)?\s+по\s+(?:\p{Lu}[\p{Ll}-]+(?:ому|ему|ой|ей)\s+(?:району|области|краю|округу)` +
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
    new RegExp(String.raw`(?<![\p{L}])(?:ОМВД|ОВД|[Оо]тдел\p{L}*\s+(?:МВД|полиции))(?![\p{L}])${RU_BY_REGION}`, 'gu'),
    (m) => flat(m[0]).replace(/^[Оо]тдел\p{L}*/u, 'отдел'),
  ],
  [
    /(?<![\p{L}])(?:ОП|[Оо]тдел(?:ени)?\p{L}*\s+полиции)[\s‐–-]*№\s*(\d{1,3})(?![\d\p{L}])/gu,
    (m) => `отдел полиции № ${m[1]}`,
  ],
  [
    // Only with its district: «следственное управление СК» stays the Committee's.
    new RegExp(String.raw`(?<![\p{L}])[Сс]ледственн\p{L}*\s+отдел\p{L}*${RU_BY_REGION}`, 'gu'),
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
/** A name joined to its kind: «Итиль-Монитор», «Заречье.Медиа», "Sever.Info". */
const KIND_SUFFIXED =
  /(?<![\p{L}.-])\p{Lu}\p{Ll}+[-.](?:Монитор|Медиа|Инфо|Ньюс|Пресс|Хроника|Новости|Реалии|Media|Info|News|Monitor|Press|Live|Realii|TV|ТВ)(?![\p{L}])/gu;
/**
 * A masthead: a short name and a lower-case kind of group after a separator, «ТИХИЙ БЕРЕГ · группа поддержки
 * задержанных». The name is no town and no person.
 */
const RU_MASTHEAD =
  /^\s*(\p{Lu}[\p{L}-]*(?:\s+\p{L}[\p{L}-]*){0,2})\s+[·|—–]\s+(?:группа|проект|движение|инициатива|издание|сообщество|канал|телеграм-канал|медиа|фонд|объединение|сеть|служба|центр|правозащитн\p{L}*|независим\p{L}*)(?![\p{L}])/u;

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

function flat(s: string): string {
  return s.replace(/\s+/gu, ' ');
}

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
  'Gazette|Tribune|Chronicle|Legion|University|Assembly|Embassy|Consulate';
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
/** Words that open a sentence or a phrase, not a name. */
const EN_NOT_NAME =
  /^(?:The|A|An|In|On|At|By|Last|Next|This|That|Then|When|And|Our|His|Her|Their|Its|Every|Each|From|To|For|With|Dear|Subject|Live|Yesterday|Today|Meanwhile|However|Also|Since|After|Before|Later|Earlier|Separately|How|What|Why|Where|Which|If|But|As|So|Now|Here|There|Like|Unlike|Under|About|Only|Even|All|Both|Some|Many|Most)$/iu;
/** Days and months open phrases too: "On Monday, a group of …". */
const EN_DATE_WORD =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/u;
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

function nominativeNoun(word: string): string {
  const parse = parseWord(word.toLowerCase()).find((p) => p.pos === 'NOUN');
  return parse ? parse.lemma : word;
}

/** Organizations in one sentence's text (offsets relative to it), without overlaps. */
export function findOrganizations(text: string, language: 'ru' | 'en'): Array<Found<string>> {
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
      found.push({ start, end: m.index + m[0].length, value: nominativeName(m[1]!.trim()) });
    }
    for (const re of [RU_TOLD, RU_SUPPORT]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const words = m[1]!.split(/[\s.]+/u);
        if (re === RU_TOLD && !/(?:е|и|у|ю|ам|ям)$/u.test(words.at(-1)!)) continue;
        // «ответил «Спасибо вам»» is speech: every word must read as a noun or an adjective, none as a pronoun.
        const nominal = (w: string) => {
          const parses = parseWord(w.toLowerCase());
          return (
            parses.some((p) => p.pos === 'NOUN' || p.pos === 'ADJF') &&
            !/VERB|NPRO|INTJ|PRCL|CONJ/u.test(parses[0]!.pos)
          );
        };
        if (!words.every(nominal)) continue;
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
    for (let m = RU_LEGAL_FORM.exec(text); m !== null; m = RU_LEGAL_FORM.exec(text))
      found.push({ start: m.index, end: m.index + m[0].length, value: m[1]!.trim() });
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
      // A heading in capitals on the line above is another name: "APPELLATE MILITARY COURT\nPress service".
      const lines = m[1]!.split('\n');
      if (lines.length > 1 && lines.slice(0, -1).join(' ') === lines.slice(0, -1).join(' ').toUpperCase())
        words.splice(0, words.length - lines.at(-1)!.trim().split(/\s+/u).filter(Boolean).length);
      while (words.length > 0 && (EN_NOT_NAME.test(words[0]!) || /-based$|^(?:of|for)$/u.test(words[0]!)))
        words.shift();
      // "Freedom of Assembly" is a right, "Ministry of Defence" a known body: "of" needs a name after it.
      if (words.length === 0 || /^(?:of|for)$/u.test(words.at(-1)!)) continue;
      const offsets = [...m[1]!.matchAll(/\S+/gu)].map((w) => w.index);
      const start = m.index + offsets[offsets.length - words.length]!;
      const headEnd = m.index + m[1]!.length + m[2]!.length;
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
      if (words.length === 0) continue;
      const start = m.index + m[1]!.indexOf(words[0]!);
      const end = m.index + m[0].length;
      if (found.some((k) => k.start <= start && k.end >= end)) continue;
      const title = [...words, m[2]!].map((w) => w[0]! + w.slice(1).toLowerCase());
      found.push({ start, end, value: title.join(' ') });
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
