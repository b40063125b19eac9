/**
 * Event cues by type, from ../shared/GLOSSARY.md. Each cue is matched on a sentence's text; `custody` beats
 * `arrest` when a court acts («суд арестовал … на два месяца»), and a cue inside a negated or appeal phrase
 * («обжаловать приговор») does not make an event.
 */
import { EN_UNITS_AND_TEENS } from '../dates/date-grammar.js';
import type { EventType } from '../types.js';

// Russian cues are matched case-insensitively («Задержали Чайкину в четверг»). Verb families are written as stems
// with their inflections so that passive and impersonal forms count too: «задержаны», «задержали», «был задержан».
export const RU_CUES: Array<[EventType, RegExp]> = [
  [
    'protest',
    /(?<![\p{L}])(?:акци[яиюейя]\p{L}*|митинг\p{L}*|пикет\p{L}*|шестви\p{L}*|марш(?:а|е|ем|и|ей)?|протест(?:ы|ов|ам|ами|ах|а|у|ом|е|н\p{L}*|ующ\p{L}*)?|вышл?[аи]?\s+с\s+плакат\p{L}*|с\s+плакатом|держал\p{L}*\s+плакат\p{L}*|(?:вы(?:шел|шла|шли)|стоял\p{L}*|встал\p{L}*)\s+(?:[\p{L}\d-]+\s+){0,4}?с\s+(?:чистым\s+|белым\s+|пустым\s+)?(?:лист\p{L}*\s+бумаги|табличк\p{L}*))(?![\p{L}])/giu,
  ],
  [
    'detention',
    /(?<![\p{L}])(?:задерж(?:а|ив)\p{L}*|доставил?[аи]?\s+(?:\p{L}+\s+)?в\s+(?:отдел|ОВД|отделение|полици|ОП|изолятор|управлени|СК)\p{L}*|доставлен\p{L}*|увез(?:ли|ла|ено|ен|ена)\s+в|продержал\p{L}*\s+(?:\p{L}+\s+){0,3}?в\s+(?:отдел|ОВД|отделении|изоляторе)\p{L}*)(?![\p{L}])/giu,
  ],
  [
    // «их забрали, Егора и Костю», «Ночью его повязали»: a relative's words for a detention. Case-sensitive, so a
    // capital after the verb is a name; «ноутбук забрали», «телефон у неё забрали» take things, not persons.
    'detention',
    /(?<![\p{L}])(?:[Зз]абрал[аи]?|[Пп]овязал[аи]?|[Сс]крутил[аи]?)(?![\p{L}])(?=,?\s+(?:[А-ЯЁ]|(?:его|её|ее|их|меня|нас|обоих|всех)(?![\p{L}])|в\s+(?:отдел|полици|ОВД|ОП|автозак|участ|отделени)))|(?<![\p{L}])(?:[Ее]го|[Ее]ё|[Ии]х|[Мм]еня|[Нн]ас|[Оо]боих|(?<=[\p{L},]\s)[А-ЯЁ][\p{Ll}-]+)\s+(?:[\p{Ll}-]+\s+)?(?:повязал[аи]?|скрутил[аи]?)(?![\p{L}])/gu,
  ],
  [
    'arrest',
    /(?<![\p{L}])(?:арестова(?:н|на|ны|но|ли|л|ла)|административн\p{L}*\s+арест\p{L}*|сут(?:ок|ки)\s+(?:административного\s+)?ареста|арест\p{L}*\s+на\s+\d+\s+сут\p{L}*)(?![\p{L}])/giu,
  ],
  ['search', /(?<![\p{L}])(?:обыск\p{L}*|обыскал\p{L}*|обыскива\p{L}*)(?![\p{L}])/giu],
  [
    'charge',
    /(?<![\p{L}])(?:возбу(?:д|жд)\p{L}*|завел\p{L}*\s+(?:уголовное\s+)?дело|заведено\s+(?:уголовное\s+)?дело|(?:уголовное\s+)?дело\s+(?:на\s+\p{L}+\s+)?завел(?:и|а|о)?|вмени(?:л|ла|ли|ло)|предъяв\p{L}*\s+(?:\p{L}+\s+)?обвинени\p{L}*|обвинени[ея]\s+(?:\p{L}+\s+){0,2}?предъяв\p{L}*|обвиня\p{L}*|обвинени[ея]\s+по|вменя\p{L}*)(?![\p{L}])/giu,
  ],
  [
    'custody',
    /(?<![\p{L}])(?:мер\p{L}*\s+пресечени\p{L}*|(?<!из-)под\s+страж\p{L}*|(?:отправ|помест|направ|перев[её]|этапир|заключ|наход|содерж|остав)\p{L}*\s+(?:[\p{L}-]+\s+){0,3}?в\s+СИЗО|(?<!из-под\s+)домашн\p{L}*\s+арест\p{L}*|продл\p{L}*\s+(?:[\p{L}\d]+\s+){0,4}?(?:срок|арест|меру|содержани)\p{L}*|заключ\p{L}*\s+под\s+стражу|запрет\p{L}*\s+определ\p{L}*\s+действий)(?![\p{L}])/giu,
  ],
  [
    'hearing',
    /(?<![\p{L}])(?:заседани\p{L}*|слушани\p{L}*|прени(?:я|й|ях)|начал\p{L}*\s+рассматрива\p{L}*|рассмотрени\p{L}*\s+дела|процесс\p{L}*\s+(?:[^.;]{0,60}?\s)?(?:начал\p{L}*|продолжа\p{L}*|стартова\p{L}*|возобнов\p{L}*)|(?:начал|продолжа|стартова|возобнов)\p{L}*\s+(?:\p{L}+\s+)?процесс\p{L}*|суд\s+(?:будет|состоится))(?![\p{L}])/giu,
  ],
  [
    'sentence',
    /(?<![\p{L}])(?:приговорил?\p{L}*|приговор[её]н(?:а|ы|о)?(?![\p{L}])|приговор(?:а|ом|е|у)?|осужд(?:ен|ён|ена|ены|ал\p{L}*|ают|ения|ение|ению|ением|ении)(?![\p{L}])|осуди(?:л|ла|ли|ло)|осужд[её]нн?\p{L}*(?=\s+(?:(?:[\p{L}«»"-]+\s+){0,5}?(?:судом|к\s(?!(?:нему|ней|ним|нам|вам|мне|себе)(?![\p{L}]))|на\s+\d|на\s+срок|по\s+(?:ч\.|ст\.|стать|части|делу)|за\s|в\s+\d{4}|заочно|условно|\d{1,2}\s+\p{L}+\s+\d{4})))|условн\p{L}*\s+срок\p{L}*|назнач(?:ил|ила|ило|или|ено|ен|ена)\s+(?:[\p{L}-]+\s+){0,2}?наказани\p{L}*|(?:получил\p{L}*|назначил\p{L}*|назначен[оаы]?|дал[аи]?)\s+(?:\p{L}+\s+)?(?:\d+|\p{L}+)(?:\s+с\s+половиной)?\s+(?:год|года|лет)\s+(?:колонии|лишения|условно|заключения|принудительных|тюрьмы|общего|строгого|особого|режима|за\s))(?![\p{L}])/giu,
  ],
  ['fine', /(?<![\p{L}])(?:о?штрафова\p{L}*|штраф(?:а|у|ом|ы|ов|е)?)(?![\p{L}])/giu],
  [
    'release',
    /(?<![\p{L}])(?:отпустил?[аи]?|отпущен\p{L}*|освобо[дж]\p{L}*|выш(?:ел|ла|ли)\s+на\s+свобод\p{L}*|оправда(?:н|на|ны|ли|л|ла)|оправдательн\p{L}*\s+приговор\p{L}*|(?:домашн\p{L}*\s+арест\p{L}*|мер\p{L}*\s+пресечени\p{L}*)\s+(?:(?:был\p{L}*|ей|ему|им)\s+)?отмен(?:[её]н\p{L}*|ил\p{L}*|ял\p{L}*)|отмени(?:л|ла|ли)\s+(?:\p{L}+\s+){0,3}?(?:домашн\p{L}*\s+арест\p{L}*|мер\p{L}*\s+пресечени\p{L}*))(?![\p{L}])/giu,
  ],
  [
    'ill_treatment',
    /(?<![\p{L}])(?:пытк\p{L}*|пыта(?!(?:ю|е|ем|ет|ют|л|ла|ли|ло|ть|вш\p{L}*)с[яь])\p{L}*|изби\p{L}*|(?:его|её|ее|их|меня|нас)\s+(?:\p{L}+\s+){0,2}?(?:бил[аи]?|бь[её]т|бьют)|(?:бил[аи]?|бь[её]т|бьют)\s+(?:его|её|ее|их|по\s+\p{L}+|дубинк\p{L}*|ногами)|угрожа\p{L}*|угроз(?:ы|ам|ами|ах)|грози(?:л|ла|ли)(?:ся|ась|ись)|давлени\p{L}*\s+(?:на|со\s+стороны|оперативник\p{L}*|следовател\p{L}*|сотрудник\p{L}*|силовик\p{L}*|полицейск\p{L}*)|удари(?:л|ла|ли)\s+(?:\p{L}+\s+)?(?:его|её|ее|их|меня|нас)|в\s+наручниках|электрошок\p{L}*|не\s+давали\s+(?:\p{L}+\s+)?(?:воды|пить|спать|есть|еды|лекарств\p{L}*)|не\s+леч\p{L}*|лиш\p{L}*\s+(?:\p{L}+\s+)?(?:сна|медицинск\p{L}*\s+помощ\p{L}*)|отказ\p{L}*\s+в\s+медицинск\p{L}*\s+помощ\p{L}*|в\s+медицинск\p{L}*\s+помощ\p{L}*\s+(?:\p{L}+\s+)?отказ\p{L}*)(?![\p{L}])/giu,
  ],
  [
    // «водворили в ШИЗО»: a punishment cell, which monitors count as pressure on a prisoner.
    'ill_treatment',
    /(?<![\p{L}])(?:водвор|помест|отправ|посади|перев[её]|этапир)\p{L}*\s+(?:[\p{L}-]+\s+){0,2}?в\s+(?:ШИЗО|ПКТ|карцер|штрафн\p{L}*\s+изолятор|одиночн\p{L}*\s+камер\p{L}*|помещени\p{L}*\s+камерного\s+типа)(?![\p{L}])/giu,
  ],
  [
    'designation',
    /(?<![\p{L}])(?:признал?\p{L}*\s+(?:\p{L}+\s+)?[«"„“]?(?:экстремист\p{L}*|террорист\p{L}*|нежелательн\p{L}*|иностранн\p{L}*\s+агент\p{L}*|иноагент\p{L}*)|иноагент\p{L}*|реестр\p{L}*\s+[«"„“]?иностранн\p{L}*\s+агент\p{L}*|(?:внес|внёс|включ)\p{L}*\s+(?:[\p{L}«»"-]+\s+){0,5}?в\s+(?:перечень|реестр|список)|(?:объяв\p{L}*\s+(?:[\p{L}-]+\s+){0,2}?)?в\s+(?:федеральн\p{L}*\s+|межгосударственн\p{L}*\s+|международн\p{L}*\s+)?розыск|нежелательн\p{L}*\s+организаци\p{L}*)(?![\p{L}])/giu,
  ],
  [
    'meeting',
    /(?<![\p{L}])(?:встреч(?:а|и|у|е|ей)|встрети(?:лся|лась|лись)|встреча(?:лся|лась|лись|ются|ется)|собрал(?:ись|ось)|совещани\p{L}*|рабоч\p{L}*\s+групп\p{L}*)(?![\p{L}])/giu,
  ],
  [
    // «умер 2 декабря в исправительной колонии № 4»: a death in custody, which has no type of its own.
    'other',
    /(?<![\p{L}])(?:умер(?:ла|ли)?|скончал(?:ся|ась|ись)|погиб(?:ла|ли)?)(?![\p{L}])[^.;!?\n]{0,60}?(?:(?<![\p{L}])в\s+(?:[\p{L}-]+\s+){0,2}?(?:колони\p{L}*|СИЗО|ИК|ИВС|тюрьм\p{L}*|заключени\p{L}*|изолятор\p{L}*|ШИЗО|мед(?:сан)?част\p{L}*|лагер\p{L}*)|под\s+страж\p{L}*|за\s+реш[её]тк\p{L}*)(?![\p{L}])/giu,
  ],
];

export const EN_CUES: Array<[EventType, RegExp]> = [
  [
    'protest',
    /(?<![\p{L}])(?:rall(?:y|ies|ied)|protest(?:s|ed|ers|ing)?(?!\s+(?:rules|law|laws|legislation|regulations|offen[cs]es?))|picket(?:s|ed|ing)?|demonstrations?|marched|vigil|anti-war\s+actions?|(?:went|go(?:es)?|came|stood)\s+out\s+with\s+(?:a\s+|an\s+|her\s+|his\s+|their\s+)?(?:[\p{L}-]+\s+)?(?:poster|placard|banner|sign)|unfold(?:s|ed|ing)?\s+(?:a\s+|an\s+|the\s+|their\s+|his\s+|her\s+)?(?:[\p{L}-]+\s+)?(?:banner|poster|placard|flag)|held\s+(?:an?\s+)?(?:unauthori[sz]ed\s+|unsanctioned\s+)?public\s+event|unauthori[sz]ed\s+(?:public\s+)?(?:event|gathering|assembly)|actions\s+(?:marking|against|in\s+support)|(?:held|holding|holds)\s+(?:up\s+)?(?:a\s+|an\s+)?(?:[\p{L}\d-]+\s+){0,3}?(?:sign|placard|banner|poster|sheet\s+of\s+(?:[\p{L}\d]+\s+)?paper))(?![\p{L}])/giu,
  ],
  [
    'detention',
    /(?<![\p{L}])(?:detain(?:ed|ing|s)?|(?<!pre-trial\s)(?<!pretrial\s)detentions?(?!\s+cent)|rounded\s+up|(?:taken|took\s+(?:him|her|them|me|us))\s+to\s+(?:the\s+|a\s+)?(?:local\s+|city\s+|district\s+)?(?:police|precinct|Investigative|station|FSB)|(?:walk(?:s|ed)?|led|lead|leads|drag(?:s|ged)?|push(?:es|ed)?)\s+(?:him|her|them|both(?:\s+of\s+them)?)\s+(?:away\s+)?(?:to|into)\s+(?:a\s+|the\s+)?(?:police\s+)?(?:van|bus|car|paddy\s+wagon)|held\s+(?:at|in)\s+(?:[\p{L}-]+\s+){0,4}?for\s+(?:\d+|\p{L}+)\s+hours|stopped\s+at\s+(?:passport\s+control|the\s+border)|dragged\s+(?:\p{L}+\s+)?into\s+(?:a\s+)?(?:police\s+)?(?:bus|van|car)|(?:took|taken)\s+(?:him|her|them|[\p{L}-]+\s+[\p{Lu}][\p{L}-]+|[\p{Lu}][\p{L}-]+)?\s*away(?!\s+(?:his|her|their|its|the|a|an|some|several|all|any|\d+|two|three|four|five|six)\s)|held\s+(?:(?:him|her|them)\s+)?overnight|delivered\s+to\s+(?:the\s+|a\s+)?(?:territorial\s+|local\s+|district\s+|city\s+)?police\s+(?:departments?|stations?))(?![\p{L}])/giu,
  ],
  [
    'arrest',
    /(?<![\p{L}])(?:(?<!house\s+)(?<!the\s)arrest(?:ed|s)?(?!\s+(?:warrant))|jailed\s+(?:[\p{L}.,'’-]+\s+){0,6}?for\s+(?:\d+|\p{L}+)\s+days|administrative\s+arrest)(?![\p{L}])/giu,
  ],
  [
    'search',
    /(?<![\p{L}])(?:searched|searching|(?:conducted|carried\s+out|held)\s+(?:\p{L}+\s+)?search(?:es)?|search(?:es)?\s+(?:of|at|in)\s+(?:[\p{L}'’-]+\s+){0,3}?(?:homes?|flats?|apartments?|offices?|houses?|premises|cars?)|search(?:es)?\s+(?:[\p{L}'’-]+\s+){1,2}?(?:homes?|flats?|apartments?|offices?|houses?|premises|cars?)|raid(?:s|ed|ing)?|(?:after|following)\s+a\s+(?:[\p{L}-]+\s+)?search(?!\s+(?:for|engine|warrant)))(?![\p{L}])/giu,
  ],
  [
    'charge',
    /(?<![\p{L}])(?:charged|charges?\s+(?:of|under|against)|accused|accuses?\s+(?:him|her|them)\s+of|(?:opened|initiated|instituted)\s+a\s+(?:criminal\s+)?case|case\s+(?:[^.;]{0,80}?\s)?(?:was|has\s+been|had\s+been)\s+(?:opened|initiated|instituted)|(?:is|was|has\s+been|had\s+been)\s+opened\s+against|(?:add(?:s|ed)?|br(?:ings?|ought)|press(?:es|ed)?)\s+(?:a\s+|an\s+)?(?:new\s+|second\s+|third\s+|further\s+|fresh\s+|another\s+|additional\s+)?charges?|indicted|prosecuted|faces?\s+(?:up\s+to|charges))(?![\p{L}])/giu,
  ],
  [
    'custody',
    /(?<![\p{L}])(?:pre-?trial\s+detention(?!\s+(?:cent|facilit))|(?:moved|sent|transferred|placed|taken)\s+(?:(?:him|her|them|me|us|both(?:\s+of\s+them)?|all\s+(?:three|four|five|of\s+them))\s+)?to\s+(?:a\s+|the\s+)?(?:pre-?trial\s+detention\s+cent(?:re|er)|SIZO)|remanded|(?<!(?:released|freed|let\s+out)\s+from\s+)house\s+arrest|in\s+custody|into\s+custody|extended\s+(?:\p{L}+\s+){0,2}(?:detention|arrest|custody)|(?:detention|arrest|custody)\s+(?:was|were|has\s+been|had\s+been|have\s+been)\s+extended|(?:changed|switched|converted)\s+(?:back\s+)?to\s+(?:pre-?trial\s+)?detention|replaced\s+(?:his|her|their)\s+(?:pre-?trial\s+)?detention|(?:measure\s+of\s+restraint|preventive\s+measure)\s+in\s+the\s+form\s+of\s+(?:(?:pre-?trial\s+)?detention|custody|remand|house\s+arrest|(?:a\s+)?ban\s+on\s+certain\s+actions)|ban\s+on\s+certain\s+actions|banned\s+(?:[\p{L}-]+\s+){0,3}?from\s+(?:using|leaving|going|contacting)|under\s+(?:a\s+)?curfew)(?![\p{L}])/giu,
  ],
  [
    'hearing',
    /(?<![\p{L}])(?:hearings?|court\s+session|(?:opens|opened|resumes|resumed)\s+the\s+session|session\s+(?:opens|resumes|resumed)|(?:considered|examined|heard)\s+(?:[\p{L}-]+\s+){0,3}?in\s+(?:an?\s+)?(?:open|closed)\s+(?:court\s+)?session|closing\s+(?:arguments|statements|speeches)|trial\s+(?:[^.;]{0,100}?\s)?(?:began|opened|started|resumed|continued|begins|opens|starts|resumes|continues)|uph(?:eld|olds?|olding)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:sentence|verdict|conviction)|(?:opened|began|started)\s+(?:the|his|her|their)\s+trial|(?:be|appear(?:ed|s)?)\s+in\s+court|adjourn(?:ed|s))(?![\p{L}])/giu,
  ],
  [
    'sentence',
    /(?<![\p{L}])(?:sentenced|sentences?\s+(?:of|to)|sentence\s+(?:him|her|them)\s+to|sentences\s+(?:[\p{L}'’-]+\s+){1,3}?to\s+(?:[\p{L}\d,.-]+\s+){0,4}?(?:years?|months?|days|life)|convicted(?!\s+(?:persons?|men|man|women|woman|people|prisoners?|activists?|defendants?))|verdict(?!\s*:\s*(?:false|true|fake|misleading|mostly|partly|half|unproven|unverified|inaccurate|accurate|correct|incorrect|manipulated|missing\s+context))|years?\s+in\s+(?:a\s+)?(?:(?:general|strict|special|maximum|high)[\s-]+(?:regime|security)\s+)?(?:penal\s+)?colony|(?:found|pronounced)\s+guilty|(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)(?:\s+and\s+a\s+half)?\s+years?,?\s+suspended|(?:got|gets|received|receives)\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)(?:\s+and\s+a\s+half)?\s+years(?!\s+(?:old|ago|later|earlier|before|after|of\s+(?:experience|work|study)))|suspended\s+sentence|(?:got|received|given)\s+(?:a\s+)?(?:\d+|\p{L}+)(?:\s+and\s+a\s+half)?\s+years?\s+(?:suspended|in\s+(?:a\s+)?(?:penal\s+)?colony|in\s+prison|of\s+(?:forced\s+labou?r|restricted\s+freedom|imprisonment))|handed\s+(?:\p{L}+\s+)?(?:a\s+)?(?:\p{L}+\s+)?(?:year|sentence)|jailed\s+(?:[\p{L}.,'’-]+\s+){0,6}?for\s+(?:\d+|\p{L}+)(?:\s+and\s+a\s+half)?\s+years|serving\s+(?:\d+|\p{L}+)\s+years)(?![\p{L}])/giu,
  ],
  ['fine', /(?<![\p{L}])(?:fined|fines?\s+of|a\s+fine|fines?\s+under)(?![\p{L}])/giu],
  [
    'release',
    /(?<![\p{L}])(?:released(?!\s+(?:a|an|the|its|his|her|their)\s+(?:statement|report|video|photo|list|book|album|footage))|freed|acquitted|let\s+go|walked\s+free|set\s+free|walked\s+out\s+of\s+(?:a\s+|the\s+)?(?:penal\s+)?(?:colony|prison|jail|detention\s+cent(?:re|er))|(?:after|on)\s+serving\s+(?:his|her|their)\s+(?:full\s+)?(?:[\p{L}\d-]+\s+)?(?:term|sentence)|(?:house\s+arrest|custody|pre-?trial\s+detention|measure\s+of\s+restraint|preventive\s+measure)(?:\s+(?:in\s+the\s+form\s+)?of(?:\s+[\p{L}-]+){1,3}?)?\s+(?:(?:is|was|were|has\s+been|had\s+been|shall\s+be)\s+)?(?:lifted|cancell?ed|canceled|revoked))(?![\p{L}])/giu,
  ],
  [
    'ill_treatment',
    /(?<![\p{L}])(?:tortur\p{L}*|beaten|beat\s+(?:all\s+of\s+)?(?:him|her|them|me|us)|(?:hit|struck|kicked|punched)\s+(?:him|her|them|me)(?![\p{L}])|(?:hit|struck|kicked|punched|beat)\s+(?:his|her|their|my|our)\s+(?:client|son|daughter|husband|wife|brother|sister|father|mother)(?![\p{L}])|beatings?|ill-treat\p{L}*|twist(?:ed|ing)\s+(?:his|her|my|their|our)\s+arms?|dragged\s+(?:[\p{L}-]+\s+){1,2}?(?:along|across|over)\s+(?:the\s+)?(?:ground|asphalt|floor|pavement|road|concrete|snow)|threatened|electric\s+shocks?|bags?\s+over\s+(?:\p{L}+\s+)?heads?|denied\s+(?:\p{L}+\s+)?(?:medical|medicine|treatment|insulin|medication|food|water|sleep)|(?:not|never)\s+(?:been\s+)?(?:received|given)\s+(?:\p{L}+\s+)?(?:insulin|medical|medicine|medication|treatment|food|water))(?![\p{L}])/giu,
  ],
  [
    // "two officers beat Stepan", case-sensitive for the name; and a punishment cell, which monitors count as pressure.
    'ill_treatment',
    /(?<![\p{L}])(?:beat|hit|punched|kicked)\s+\p{Lu}\p{Ll}+|(?<![\p{L}])(?:[Pp]ut|[Pp]laced|[Ss]ent|[Tt]hrown|[Tt]aken|[Mm]oved)\s+(?:\p{L}+\s+){0,2}?(?:in|into|to)\s+(?:a\s+|the\s+)?(?:punishment\s+cell|solitary\s+confinement|disciplinary\s+cell|SHIZO|cell-type\s+premises)/gu,
  ],
  [
    'designation',
    /(?<![\p{L}])(?:designated|(?:declared|labell?ed|branded|listed)\s+(?:[^.;]{0,120}?\s)?["“']?(?:an?\s+)?["“']?(?:extremist|terrorist|undesirable|foreign\s+(?:media\s+)?agents?)|banned\s+(?:[^.;]{0,80}?\s)?as\s+(?:an?\s+)?["“']?(?:an?\s+)?(?:extremist|terrorist)|(?:register|registry|list)\s+of\s+["“']?(?:foreign\s+(?:media\s+)?agents|extremists|terrorists|undesirable\s+organi[sz]ations)|wanted\s+list|undesirable\s+organi[sz]ation|added\s+(?:[^.;]{0,120}?\s)?to\s+(?:its|the|their)\s+(?:register|registry))(?![\p{L}])/giu,
  ],
  [
    'meeting',
    /(?<![\p{L}])(?:met\s+with|met\s+(?:[\p{L}-]+\s+){0,3}?(?:ombudsman|officials?|governor|relatives|lawyers?|activists|families|mothers|wives|prosecutors?|representatives|commissioner|deputies|mayor|president|minister)|meetings?|gathered)(?![\p{L}])/giu,
  ],
  [
    // "died on Thursday, 10 September, in the hospital wing of penal colony No. 13": a death in custody.
    'other',
    /(?<![\p{L}])(?:died|dies|passed\s+away)(?![\p{L}])[^.;!?\n]{0,80}?(?:(?<![\p{L}])in\s+(?:[\p{L}-]+\s+){0,5}?(?:custody|prison|jail|colony|detention|SIZO|remand)|behind\s+bars)(?![\p{L}])/giu,
  ],
];

/**
 * Literal stems that every cue of a type contains, matched on the lower-cased sentence before the full cue pattern
 * runs: most sentences hold one or two acts, so most of the thirteen patterns need not run at all.
 */
const RU_TRIGGERS: Record<EventType, RegExp | null> = {
  protest: /акци|митинг|пикет|шестви|марш|протест|плакат|лист|табличк/,
  detention: /задерж|достав|увез|продерж|забрал|повязал|скрутил/,
  arrest: /арест/,
  search: /обыск/,
  charge: /возбу|завел|завёл|заведен|предъяв|обвин|вменя|вмени/,
  custody: /пресечени|страж|сизо|арест|продл|запрет/,
  hearing: /заседани|слушани|прени|рассматрива|рассмотрени|процесс|суд будет|суд состоится/,
  sentence: /приговор|осужд|осуди|осуждён|условн|получил|назначил|назначен|дал/,
  fine: /штраф/,
  release: /отпус|отпущ|освобо|свобод|оправда|отмен/,
  ill_treatment:
    /пытк|пыта|изби|бил|бь|удари|угрож|угроз|гроз|давлени|наручник|электрошок|не давали|не леч|лиш|отказ|шизо|пкт|карцер|изолятор|камер/,
  designation: /признал|иноагент|реестр|внес|внёс|включ|розыск|нежелательн/,
  meeting: /встреч|встрет|собрал|совещани|рабоч/,
  other: /умер|скончал|погиб/,
};
const EN_TRIGGERS: Record<EventType, RegExp | null> = {
  protest: /rall|protest|picket|demonstration|marched|vigil|action|held|holding|holds|unauthori|unfold|out with/,
  detention: /detain|detention|rounded|taken|took|held|stopped|dragged|drags|walk|led|lead|push|delivered/,
  arrest: /arrest|jailed/,
  search: /search|raid/,
  charge: /charge|accuse|opened|case|indicted|prosecuted|face/,
  custody: /trial|remanded|arrest|custody|extended|detention|sizo|ban|curfew|restraint|preventive/,
  hearing: /hearing|court|trial|closing|uph|session|adjourn/,
  sentence: /sentence|convicted|verdict|colony|handed|jailed|serving|years|guilty/,
  fine: /fine/,
  release: /released|freed|acquitted|let go|free|walked out|serving|lifted|cancel|revoked/,
  ill_treatment:
    /tortur|beat|ill-treat|twist|dragged|threatened|electric|bag|denied|received|given|hit|struck|kicked|punched|cell|solitary|shizo|premises/,
  designation: /designated|declared|label|branded|listed|banned|register|registry|list of|wanted|undesirable|added/,
  meeting: /met|meeting|gathered/,
  other: /died|dies|passed away/,
};

export interface CueMatch {
  type: EventType;
  index: number;
  text: string;
}

/**
 * Every cue in a sentence, in pattern order, each with its offset. `findCues('Его задержали.', 'ru')` →
 * [{ type: 'detention', index: 4, text: 'задержали' }].
 */
export function findCues(sentenceText: string, language: 'ru' | 'en'): CueMatch[] {
  const lower = sentenceText.toLowerCase();
  const triggers = language === 'ru' ? RU_TRIGGERS : EN_TRIGGERS;
  const out: CueMatch[] = [];
  for (const [type, re] of language === 'ru' ? RU_CUES : EN_CUES) {
    const trigger = triggers[type];
    if (trigger && !trigger.test(lower)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(sentenceText); m !== null; m = re.exec(sentenceText)) {
      out.push({ type, index: m.index, text: m[0] });
    }
  }
  return out;
}

const RU_NEGATED =
  /(?:обжал\p{L}*|апелляц\p{L}*|жалоб\p{L}*\s+на\s+(?:\p{L}+\s+){0,2}|отказал\p{L}*\s+(?:\p{L}+\s+){0,2}?в|(?<![\p{L}])отказ(?:е|а|ом|у)?\s+в|не\s+стал\p{L}*|(?<![\p{L}])стать|(?<![\p{L}])не\s+был\p{L}*\s+(?:на|в|во)|(?:(?<![\p{L}])нет|не\s+было|не\s+нашл\p{L}*|отсутств\p{L}*)\s+(?:\p{L}+\s+){0,2}?(?:доказательств\p{L}*|следов|свидетельств\p{L}*|признаков|подтверждени\p{L}*)|требова\p{L}*|треб(?:ую|ует|уем|уют|уя)\p{L}*|(?<![\p{L}])чтобы(?:\s+[\p{L},]+){0,4}|призыва\p{L}*|призвал\p{L}*|просил\p{L}*|просит|просить|(?<![\p{L}])бы(?:\s+\p{L}+){0,3}?|(?<![\p{L}])вряд\s+ли(?:\s+\p{L}+){0,2}?|запрос\p{L}*|ходатайств\p{L}*\s+(?:об?|о)|намерен\p{L}*|(?<![\p{L}])не|(?<![\p{L}])никого\s+не|отказал(?:ся|ась|ись|ось)|мо(?:жет|гут|гли|гла|г)(?:\s+\p{L}+){0,2}?|грозит(?:\s+\p{L}+){0,3}?|(?:будет|будут)|собира\p{L}*|планиру\p{L}*|(?<![\p{L}])если(?:\s+\p{L}+){0,2}|должн\p{L}*\s+был\p{L}*(?:\s+\p{L}+)?|(?<![\p{L}])должн(?:а|ы|о|ен)|(?<![\p{L}])(?:прид[её]м|пойд[её]м|приходите|придите)|добива\p{L}*|добиться|добил\p{L}*)\s+(?:[\p{L}-]+\s+)?$/iu;
const EN_NEGATED =
  /(?:appeal(?:ed|s)?\s+(?:against\s+)?(?:the\s+)?|complaints?\s+(?:against|about)\s+(?:[\p{L}'’]+\s+){0,2}|(?<![\p{L}])not\s+(?:been\s+)?|(?<![\p{L}])not\s+(?:at|in|on|during)\s+(?:the|a|an|this|that|any)\s+(?:[\p{L}-]+\s+)?|(?<![\p{L}])never\s+(?:been\s+)?|requested\s+(?:a\s+)?|request\s+for\s+(?:\p{L}+\s+)?|sought\s+(?:a\s+)?|(?:nobody|no\s+one|no-one)\s+(?:(?:has|had|have|was|were|is|ever|been)\s+){0,3}|(?<![\p{L}])no\s+(?:[\p{L}-]+\s+){0,3}?(?:evidence|signs?|traces?|proof|confirmation|reports?)\s+(?:of|that)\s+(?:[\p{L}-]+\s+){0,2}|demand(?:ed|ing|s)?\s+(?:the\s+)?(?:immediate\s+)?|call(?:ed|ing|s)?\s+for\s+(?:the\s+|their\s+|his\s+|her\s+)?(?:immediate\s+)?|(?:asked|asks?|asking)\s+(?:the\s+court\s+)?for\s+(?:[\p{L}\d-]+\s+){0,4}|request\s+to\s+|refus(?:ed|es|ing)\s+to\s+(?:\p{L}+\s+)?|urg(?:e|es|ed|ing)\s+(?:[\p{L}-]+\s+){0,3}?to\s+(?:[\p{L}-]+\s+){0,2}|(?<![\p{L}])drop(?:s|ped|ping)?\s+(?:all\s+|the\s+)?|(?<![\p{L}])(?:could|might|would|will|can)\s+(?:not\s+)?(?:[\p{L}-]+\s+){0,3}|(?:plans?|planned|planning|intends?|intended|threaten(?:s|ed)?|going)\s+to\s+(?:[\p{L}-]+\s+){0,2}|(?<![\p{L}])(?:if|unless)\s+(?:[\p{L}-]+\s+){0,2}|(?:was|were)\s+(?:supposed|due|scheduled|set|expected)\s+to\s+(?:have\s+)?(?:[\p{L}-]+\s+){0,2}|(?:pattern|practice|risk|use)\s+of\s+(?:[\p{L}-]+\s+)?|(?<![\p{L}])no\s+(?:[\p{L}-]+\s+)?|(?:expect(?:s|ed|ing)?|fear(?:s|ed|ing)?)\s+to\s+(?:[\p{L}-]+\s+){0,2})$/iu;

/** A cue right after an appeal, a request, a demand or a negation does not report an act: «намерен обжаловать приговор». */
/** "may face", "may be detained" — lower-case only: "On 3 May police searched" is a date. */
const EN_MAY = /(?<![\p{L}])may\s+(?:not\s+)?(?:[\p{L}-]+\s+){0,3}$/u;

export function isNegated(sentenceText: string, cueStart: number, language: 'ru' | 'en'): boolean {
  const before = sentenceText.slice(Math.max(0, cueStart - 40), cueStart);
  return language === 'ru' ? RU_NEGATED.test(before) : EN_NEGATED.test(before) || EN_MAY.test(before);
}

const RU_DENIED =
  /(?:(?<![\p{L}])не|(?<![\p{L}])не\s+был\p{L}*\s+(?:на|в|во)|(?<![\p{L}])никто\s+не|(?<![\p{L}])никого\s+не)\s+(?:(?:был\p{L}*|было|стал\p{L}*)\s+)?$/iu;
const EN_DENIED =
  /(?:(?<![\p{L}])(?:not|never)\s+(?:been\s+)?|(?<![\p{L}])not\s+(?:at|in|on|during)\s+(?:the|a|an|this|that|any)\s+(?:[\p{L}-]+\s+)?|(?:nobody|no\s+one|no-one)\s+(?:(?:has|had|have|was|were|is|ever|been)\s+){0,3})$/iu;

/**
 * A cue the sentence says did not happen ("Lisova was not detained", «её не задерживали»), not one it merely asks for
 * or appeals against: whom it names is the one it did not befall.
 */
export function isDenied(sentenceText: string, cueStart: number, language: 'ru' | 'en'): boolean {
  const before = sentenceText.slice(Math.max(0, cueStart - 40), cueStart);
  return (language === 'ru' ? RU_DENIED : EN_DENIED).test(before);
}

// «по ходатайству полиции арестовал»: granted, so the act stands.
const RU_PETITION =
  /(?<![\p{L}])(?<!по\s)(?:ходатайств\p{L}*|(?:по)?прос(?:ил|ила|или|ит|ят)|запрос\p{L}*)(?![\p{L}])[^.;!?]{0,100}$/iu;
const EN_PETITION =
  /(?<![\p{L}])(?:petition\p{L}*|motions?\s+(?:for|to)|(?:asks?|asked|asking)\s+(?:the\s+court\s+)?(?:to|for))(?![\p{L}])[^.;!?]{0,100}$/iu;
/** A ruling on the request, or the court's own order after it («отказал в ходатайстве … и избрал запрет»). */
const RULING =
  /(?<![\p{L}])(?:удовлетвор\p{L}*|отклон\p{L}*|отказал\p{L}*|отказа(?:в|л)\p{L}*|избрал\p{L}*|назначил\p{L}*|постановил\p{L}*|granted|grants|approved|rejected|refused|dismissed|upheld|agreed|ordered|placed|remanded)(?![\p{L}])/iu;

/**
 * «Следствием будет заявлено ходатайство об избрании в отношении него меры пресечения в виде заключения под стражу»,
 * "is filing a petition with the court for his remand in custody": what a party asks for, further back in the clause
 * than `isNegated` looks — unless a ruling on it comes between ("granted the petition and remanded him").
 */
export function isPetitioned(sentenceText: string, cueStart: number, language: 'ru' | 'en'): boolean {
  const before = sentenceText.slice(Math.max(0, cueStart - 140), cueStart);
  const asked = (language === 'ru' ? RU_PETITION : EN_PETITION).exec(before);
  return asked !== null && !RULING.test(asked[0]);
}

/** «задержат, если вернётся», "could face five years if convicted": what would happen on a condition. */
const CONDITION_AFTER = /^[^.;:]{0,40}?(?<![\p{L}])(?:если|if|unless)(?![\p{L}])/iu;

/** Whether the cue ending at `cueEnd` is followed by a condition it depends on. */
export function isConditional(sentenceText: string, cueEnd: number): boolean {
  return CONDITION_AFTER.test(sentenceText.slice(cueEnd, cueEnd + 60));
}

const EN_DENIED_AFTER =
  /^[^.;:,]{0,50}?(?<![\p{L}])(?:(?:was|were|has|have|had|is|are)\s+(?:never|not)\s+(?:yet\s+)?(?:been\s+)?(?:scheduled|held|set|opened|carried\s+out|conducted)|(?:did\s+not|didn['’]t|never)\s+take\s+place)(?![\p{L}])/iu;
const RU_DENIED_AFTER =
  /^[^.;:,]{0,50}?(?<![\p{L}])(?:так\s+и\s+не|не)\s+(?:был[аои]?\s+)?(?:состоял\p{L}*|назначен\p{L}*|назначил\p{L}*|проводил\p{L}*|проведен\p{L}*|проведён\p{L}*)(?![\p{L}])/iu;

/**
 * Whether a cue ending at `cueEnd` is denied by what follows: "a hearing on that request was never scheduled",
 * «заседание так и не состоялось», «обыск не проводился».
 */
export function isDeniedAfter(sentenceText: string, cueEnd: number, language: 'ru' | 'en'): boolean {
  return (language === 'ru' ? RU_DENIED_AFTER : EN_DENIED_AFTER).test(sentenceText.slice(cueEnd, cueEnd + 80));
}

const RU_REASON =
  /(?:(?<![\p{L}])за|участи\p{L}*\s+в|организаци\p{L}*|проведени\p{L}*|призыв\p{L}*\s+к)\s+(?:[«"„]?[\p{L}-]+[»"“]?\s+){0,2}[«"„]?$/iu;
const EN_REASON =
  /(?:(?:for|over|of)\s+(?:staging|holding|organi[sz]ing|taking\s+part\s+in|participating\s+in|calling\s+for|joining|attending|leading)|(?:participation|membership|involvement)\s+in|calls?\s+for)\s+(?:["“«]?[\p{L}-]+["”»]?\s+){0,4}["“«]?$/iu;

/**
 * The cue names why someone was punished, not a new act: «штраф за одиночный пикет», "jailed for staging a picket",
 * "texts containing calls for violent actions against the authorities".
 */
export function isReason(sentenceText: string, cueStart: number, language: 'ru' | 'en'): boolean {
  const before = sentenceText.slice(Math.max(0, cueStart - 50), cueStart);
  return (language === 'ru' ? RU_REASON : EN_REASON).test(before);
}

/** Noun forms that can point back at an act already reported: "during the raid", «назвала приговор». */
const ANAPHORIC_NOUN: Partial<Record<EventType, RegExp>> = {
  search: /^(?:обыск(?:а|ом|е|у|и|ов|ами|ах)?|raids?|search(?:es)?)$/iu,
  sentence: /^(?:приговор(?:а|ом|е|у)?|verdict)$/iu,
  detention: /^(?:задержани[еяюи]|detentions?)$/iu,
  arrest: /^(?:арест(?:а|ом|е|у)?|arrests?)$/iu,
  // «после штрафа он перестал писать»: the fine told before.
  fine: /^штраф(?:а|ом|е|у)?$/iu,
  protest:
    /^(?:rall(?:y|ies)|protests?|pickets?|demonstrations?|акци(?:я|и|ю|ей)|митинг(?:а|е|ом|у)?|пикет(?:а|е|ом|у)?)$/iu,
};

/** A bare noun cue («обыска», "the raid") of a type the document already reported: likely the same act again. */
export function isAnaphoricNoun(type: EventType, cueText: string): boolean {
  return ANAPHORIC_NOUN[type]?.test(cueText) ?? false;
}

const RU_NUMBER_DATIVE: Record<string, number> = {
  одному: 1,
  одного: 1,
  двум: 2,
  трём: 3,
  трем: 3,
  четырём: 4,
  четырем: 4,
  пяти: 5,
  шести: 6,
  семи: 7,
  восьми: 8,
  девяти: 9,
  десяти: 10,
  одиннадцати: 11,
  двенадцати: 12,
  тринадцати: 13,
  четырнадцати: 14,
  пятнадцати: 15,
  шестнадцати: 16,
  семнадцати: 17,
  восемнадцати: 18,
  девятнадцати: 19,
  двадцати: 20,
  полутора: 1.5,
  году: 1,
};
/** "eight years", "a year": the date grammar's number words up to nineteen, and twenty. */
const EN_NUMBER: Record<string, number> = { ...EN_UNITS_AND_TEENS, twenty: 20 };

const RU_TERM =
  /(?<![\p{L}])к\s+(\d{1,2}(?:[.,]5)?|[а-яё]+)(?:\s+(?:с\s+половиной))?(?:\s+и\s+(?:\d{1,2}(?:[.,]5)?|[а-яё]+)(?:\s+с\s+половиной)?)?\s+(годам|году|месяцам)/giu;
const RU_TERM_HALF = /с\s+половиной/u;
const EN_TERM =
  /(?<![\p{L}])(\d{1,2}(?:\.5)?|one|a|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)(\s+and\s+a\s+half|-and-a-half)?[\s-]+(years?|months?)/giu;

/** A prison term: «к семи с половиной годам» → 7.5, «к 6,5 годам» → 6.5, "seven and a half years" → 7.5. */
export function findSentenceYears(sentenceText: string, language: 'ru' | 'en'): number | null {
  const re = language === 'ru' ? RU_TERM : EN_TERM;
  re.lastIndex = 0;
  const m = re.exec(sentenceText);
  if (!m) return null;
  const raw = m[1]!.toLowerCase().replace(',', '.');
  let n = Number(raw);
  if (!Number.isFinite(n)) n = (language === 'ru' ? RU_NUMBER_DATIVE[raw] : EN_NUMBER[raw]) ?? Number.NaN;
  if (!Number.isFinite(n)) return null;
  const half = language === 'ru' ? RU_TERM_HALF.test(m[0].split(/\s+и\s+/u)[0] ?? '') : !!m[2];
  if (half) n += 0.5;
  const unit = (language === 'ru' ? m[2] : m[3])!.toLowerCase();
  if (unit.startsWith('месяц') || unit.startsWith('month')) return Math.round((n / 12) * 100) / 100;
  return n;
}

const RU_FINE = /(\d[\d\s ]{0,9}(?:[.,]\d+)?)\s*(тыс\.|тысяч\p{L}*|млн)?\s*(?:рубл\p{L}*|руб\.?|₽)/giu;
const EN_FINE = /(?:(\d[\d,]*(?:\.\d+)?)\s*(thousand|million)?\s*(?:rubles|roubles)|(\d[\d,]*)\s*(?:RUB|₽))/giu;

/** A fine amount in roubles: «на 30 тысяч рублей» → 30000; "30,000 rubles" → 30000. */
export function findFineAmount(sentenceText: string, language: 'ru' | 'en'): number | null {
  const re = language === 'ru' ? RU_FINE : EN_FINE;
  re.lastIndex = 0;
  const m = re.exec(sentenceText);
  if (!m) return null;
  const raw = (m[1] ?? m[3] ?? '').replace(/[\s ]/g, '');
  const n = Number(language === 'ru' ? raw.replace(',', '.') : raw.replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  const scale = (m[2] ?? '').toLowerCase();
  return scale.startsWith('тыс') || scale === 'thousand'
    ? n * 1000
    : scale.startsWith('млн') || scale === 'million'
      ? n * 1e6
      : n;
}

const RU_YEARS_NOMINATIVE =
  /(?<![\p{L}])(\d{1,2}(?:[.,]5)?|один|два|три|четыре|пять|шесть|семь|восемь|девять|десять|одиннадцать|двенадцать|тринадцать|четырнадцать|пятнадцать|шестнадцать|семнадцать|восемнадцать|девятнадцать|двадцать|полтора)(\s+с\s+половиной)?\s+(год|года|лет)(?![\p{L}])(?=\s+(?:колонии|лишения|заключения|тюрьмы|условно|строгого|общего|особого|принудительных|ограничения))/iu;
const RU_NOMINATIVE_NUMBERS: Record<string, number> = {
  один: 1,
  два: 2,
  три: 3,
  четыре: 4,
  пять: 5,
  шесть: 6,
  семь: 7,
  восемь: 8,
  девять: 9,
  десять: 10,
  одиннадцать: 11,
  двенадцать: 12,
  тринадцать: 13,
  четырнадцать: 14,
  пятнадцать: 15,
  шестнадцать: 16,
  семнадцать: 17,
  восемнадцать: 18,
  девятнадцать: 19,
  двадцать: 20,
  полтора: 1.5,
};

/** «получил семь лет колонии», «назначили три года условно» → 7, 3. */
export function findRussianTerm(sentenceText: string): number | null {
  const m = RU_YEARS_NOMINATIVE.exec(sentenceText);
  if (!m) return null;
  const raw = m[1]!.toLowerCase().replace(',', '.');
  let n = Number(raw);
  if (!Number.isFinite(n)) n = RU_NOMINATIVE_NUMBERS[raw] ?? Number.NaN;
  if (!Number.isFinite(n)) return null;
  return m[2] ? n + 0.5 : n;
}
