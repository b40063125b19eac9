/**
 * Event cues by type, from ../shared/GLOSSARY.md. Each cue is matched on a sentence's text; `custody` beats
 * `arrest` when a court acts («суд арестовал … на два месяца»), and a cue inside a negated or appeal phrase
 * («обжаловать приговор») does not make an event.
 */
import type { EventType } from '../types.js';

export const RU_CUES: Array<[EventType, RegExp]> = [
  [
    'protest',
    /(?<![\p{L}])(?:акци[яиюейя]\p{L}*|митинг\p{L}*|пикет\p{L}*|шестви\p{L}*|марш(?:а|е|ем|и|ей)?|протестн?\p{L}*|вышл?[аи]?\s+с\s+плакат\p{L}*)(?![\p{L}])/gu,
  ],
  [
    'detention',
    /(?<![\p{L}])(?:задержа(?:н|на|ны|но|ли|л|ла|ния|ние|нию|нных|нные|нного|нную|нная|нный|в|вшие)|доставил?[аи]?\s+в\s+(?:отдел|ОВД|отделение|полици)|доставлен\p{L}*|увезли\s+в)(?![\p{L}])/gu,
  ],
  [
    'arrest',
    /(?<![\p{L}])(?:арестова(?:н|на|ны|ли|л|ла)|административн\p{L}*\s+арест\p{L}*|сут(?:ок|ки)\s+(?:административного\s+)?ареста|арестовали\s+на\s+\d+\s+сут\p{L}*)(?![\p{L}])/gu,
  ],
  ['search', /(?<![\p{L}])(?:обыск\p{L}*|обыскал\p{L}*|обыскивал\p{L}*)(?![\p{L}])/gu],
  [
    'charge',
    /(?<![\p{L}])(?:возбуд\p{L}*\s+(?:против\s+\p{L}+\s+)?(?:уголовное\s+)?дел\p{L}*|возбужден\p{L}*\s+(?:уголовное\s+)?дел\p{L}*|возбуждени\p{L}*\s+(?:уголовного\s+)?дел\p{L}*|предъяв\p{L}*\s+обвинени\p{L}*|обвиня\p{L}*|обвинени[ея]\s+по|вменя\p{L}*)(?![\p{L}])/gu,
  ],
  [
    'custody',
    /(?<![\p{L}])(?:мер\p{L}*\s+пресечени\p{L}*|под\s+страж\p{L}*|СИЗО|домашн\p{L}*\s+арест\p{L}*|продлил\p{L}*\s+(?:срок|арест|меру)\p{L}*|заключ\p{L}*\s+под\s+стражу)(?![\p{L}])/gu,
  ],
  [
    'hearing',
    /(?<![\p{L}])(?:заседани\p{L}*|слушани\p{L}*|прени\p{L}*|начал\p{L}*\s+рассматрива\p{L}*|рассмотрени\p{L}*\s+дела)(?![\p{L}])/gu,
  ],
  [
    'sentence',
    /(?<![\p{L}])(?:приговорил?\p{L}*|приговор(?:а|ом|е)?|осужд\p{L}*|осуждён\p{L}*|условн\p{L}*\s+срок\p{L}*)(?![\p{L}])/gu,
  ],
  ['fine', /(?<![\p{L}])(?:оштрафова\p{L}*|штраф(?:а|у|ом|ы|ов)?)(?![\p{L}])/gu],
  [
    'release',
    /(?<![\p{L}])(?:отпустил?[аи]?|отпущен\p{L}*|освобо[дж]\p{L}*|выш(?:ел|ла|ли)\s+на\s+свобод\p{L}*|оправда(?:н|на|ли|л|ла|тельный)\p{L}*)(?![\p{L}])/gu,
  ],
  [
    'ill_treatment',
    /(?<![\p{L}])(?:пытк\p{L}*|пыта\p{L}*|избил\p{L}*|избиени\p{L}*|избит\p{L}*|угрожа\p{L}*|давлени\p{L}*\s+на)(?![\p{L}])/gu,
  ],
  [
    'designation',
    /(?<![\p{L}])(?:признал?\p{L}*\s+(?:\p{L}+\s+)?(?:экстремист\p{L}*|террорист\p{L}*|нежелательн\p{L}*|иностранн\p{L}*\s+агент\p{L}*|иноагент\p{L}*)|иноагент\p{L}*|реестр\p{L}*\s+иностранн\p{L}*\s+агент\p{L}*|в\s+розыск|нежелательн\p{L}*\s+организаци\p{L}*)(?![\p{L}])/gu,
  ],
  ['meeting', /(?<![\p{L}])(?:встрет\p{L}*|встреч[аиуе]\p{L}*|собрали\p{L}*|совещани\p{L}*)(?![\p{L}])/gu],
];

export const EN_CUES: Array<[EventType, RegExp]> = [
  [
    'protest',
    /(?<![\p{L}])(?:rall(?:y|ies)|protest(?:s|ed|ers|ing)?|picket(?:s|ed|ing)?|demonstrations?|marched|anti-war\s+actions?|actions\s+(?:marking|against|in\s+support))(?![\p{L}])/giu,
  ],
  [
    'detention',
    /(?<![\p{L}])(?:detain(?:ed|ing|s)?|(?<!pre-trial\s)(?<!pretrial\s)detentions?(?!\s+cent)|rounded\s+up|taken\s+to\s+a\s+police\s+station)(?![\p{L}])/giu,
  ],
  [
    'arrest',
    /(?<![\p{L}])(?:(?<!house\s)arrest(?:ed|s)?(?!\s+(?:warrant))|jailed\s+for\s+\d+\s+days|administrative\s+arrest)(?![\p{L}])/giu,
  ],
  ['search', /(?<![\p{L}])(?:search(?:ed|es)?|raid(?:s|ed)?)(?![\p{L}])/giu],
  [
    'charge',
    /(?<![\p{L}])(?:charged|charges?\s+(?:of|under|against)|accused|opened\s+a\s+(?:criminal\s+)?case|case\s+(?:was|has\s+been)\s+opened|indicted|prosecuted|faces?\s+(?:up\s+to|charges))(?![\p{L}])/giu,
  ],
  [
    'custody',
    /(?<![\p{L}])(?:pre-?trial\s+detention|remanded|house\s+arrest|in\s+custody|into\s+custody|extended\s+(?:\p{L}+\s+){0,2}(?:detention|arrest|custody))(?![\p{L}])/giu,
  ],
  ['hearing', /(?<![\p{L}])(?:hearings?|court\s+session|trial\s+(?:began|opened|started|resumed))(?![\p{L}])/giu],
  [
    'sentence',
    /(?<![\p{L}])(?:sentenced|sentences?\s+(?:of|to)|convicted|verdict|years?\s+in\s+(?:a\s+)?(?:penal\s+)?colony|suspended\s+sentence|handed\s+(?:\p{L}+\s+)?(?:a\s+)?(?:\p{L}+\s+)?(?:year|sentence))(?![\p{L}])/giu,
  ],
  ['fine', /(?<![\p{L}])(?:fined|fines?\s+of|a\s+fine)(?![\p{L}])/giu],
  ['release', /(?<![\p{L}])(?:released|freed|acquitted|let\s+go|walked\s+free|set\s+free)(?![\p{L}])/giu],
  [
    'ill_treatment',
    /(?<![\p{L}])(?:tortur\p{L}*|beaten|beat\s+(?:him|her|them)|beatings?|ill-treat\p{L}*|threatened)(?![\p{L}])/giu,
  ],
  [
    'designation',
    /(?<![\p{L}])(?:designated|declared\s+(?:an?\s+)?(?:"|“)?(?:extremist|undesirable|terrorist|foreign\s+agent)|labell?ed\s+(?:a|an)\s+(?:"|“)?(?:foreign\s+agent|extremist)|banned\s+as\s+(?:an?\s+)?extremist|wanted\s+list|undesirable\s+organi[sz]ation)(?![\p{L}])/giu,
  ],
  ['meeting', /(?<![\p{L}])(?:met\s+with|meeting|gathered)(?![\p{L}])/giu],
];

const RU_NEGATED =
  /(?:обжал\p{L}*|апелляц\p{L}*|отказал\p{L}*\s+в|не\s+стал\p{L}*|требовал\p{L}*\s+(?:для|от)|запрос\p{L}*|намерен\p{L}*)\s+(?:\p{L}+\s+)?$/u;
const EN_NEGATED =
  /(?:appeal(?:ed|s)?\s+(?:against\s+)?(?:the\s+)?|not\s+(?:been\s+)?|requested\s+(?:a\s+)?|sought\s+(?:a\s+)?)$/iu;

export function isNegated(sentenceText: string, cueStart: number, language: 'ru' | 'en'): boolean {
  const before = sentenceText.slice(Math.max(0, cueStart - 40), cueStart);
  return (language === 'ru' ? RU_NEGATED : EN_NEGATED).test(before);
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
const EN_NUMBER: Record<string, number> = {
  one: 1,
  a: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
};

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
