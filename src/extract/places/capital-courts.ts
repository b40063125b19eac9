import type { Sentence, Token } from '../segment.js';
import { fold, type Gazetteer, type PlaceRecord } from './gazetteer.js';

/**
 * District courts whose names say which city they sit in without naming it: «Мещанский районный суд», "the Tverskoy
 * District Court" hear most political cases in Moscow, and reports rarely add «г. Москвы». Only districts whose names
 * no other Russian city's court shares are here; «Ленинский», «Октябрьский», «Московский», «Гагаринский» (Sevastopol
 * has one too) and the like name courts in several cities and say nothing.
 */
const CAPITAL_DISTRICTS: ReadonlyArray<readonly [city: 'Москва' | 'Санкт-Петербург', ru: string, en: string]> = [
  ['Москва', 'тверск', 'tverskoy|tverskoi|tversky'],
  ['Москва', 'мещанск', 'meshchansky|meshchanskiy|meshchanskii|meschansky'],
  ['Москва', 'басманн', 'basmanny|basmannyy|basmanniy|basmanni'],
  ['Москва', 'пресненск', 'presnensky|presnenskiy'],
  ['Москва', 'хамовническ', 'khamovnichesky|khamovnicheskiy|khamovnichesky'],
  ['Москва', 'дорогомиловск', 'dorogomilovsky|dorogomilovskiy'],
  ['Москва', 'замоскворецк', 'zamoskvoretsky|zamoskvoretskiy'],
  ['Москва', 'симоновск', 'simonovsky|simonovskiy'],
  ['Москва', 'сав[её]ловск', 'savyolovsky|savelovsky|savyolovskiy|savelovskiy'],
  ['Москва', 'никулинск', 'nikulinsky|nikulinskiy'],
  ['Москва', 'лефортовск', 'lefortovsky|lefortovskiy'],
  ['Москва', 'таганск', 'tagansky|taganskiy'],
  ['Москва', 'головинск', 'golovinsky|golovinskiy'],
  ['Москва', 'коптевск', 'koptevsky|koptevskiy'],
  ['Москва', 'останкинск', 'ostankinsky|ostankinskiy'],
  ['Москва', 'бутырск', 'butyrsky|butyrskiy'],
  ['Москва', 'бабушкинск', 'babushkinsky|babushkinskiy'],
  ['Москва', 'перовск', 'perovsky|perovskiy'],
  ['Москва', 'измайловск', 'izmailovsky|izmaylovsky|izmailovskiy'],
  ['Москва', 'преображенск', 'preobrazhensky|preobrazhenskiy'],
  ['Москва', 'кузьминск', 'kuzminsky|kuzminskiy'],
  ['Москва', 'люблинск', 'lyublinsky|lublinsky|lyublinskiy'],
  ['Москва', 'нагатинск', 'nagatinsky|nagatinskiy'],
  ['Москва', 'чертановск', 'chertanovsky|chertanovskiy'],
  ['Москва', 'зюзинск', 'zyuzinsky|zyuzinskiy'],
  ['Москва', 'ч[её]ремушкинск', 'cheryomushkinsky|cheremushkinsky|cheryomushkinskiy|cheremushkinskiy'],
  ['Москва', 'кунцевск', 'kuntsevsky|kuntsevskiy'],
  ['Москва', 'солнцевск', 'solntsevsky|solntsevskiy'],
  ['Москва', 'тимирязевск', 'timiryazevsky|timiryazevskiy'],
  ['Москва', 'хорош[её]вск', 'khoroshyovsky|khoroshevsky|khoroshevskiy'],
  ['Москва', 'тушинск', 'tushinsky|tushinskiy'],
  ['Санкт-Петербург', 'смольнинск', 'smolninsky|smolninskiy'],
  ['Санкт-Петербург', 'петроградск', 'petrogradsky|petrogradskiy'],
  ['Санкт-Петербург', 'василеостровск', 'vasileostrovsky|vasileostrovskiy|vasilyeostrovsky'],
  ['Санкт-Петербург', 'колпинск', 'kolpinsky|kolpinskiy'],
  ['Санкт-Петербург', 'невск', 'nevsky|nevskiy'],
  ['Санкт-Петербург', 'петродворцов', 'petrodvortsovy|petrodvortsovyy|petrodvortsovyi'],
  ['Санкт-Петербург', 'сестрорецк', 'sestroretsky|sestroretskiy'],
];

const RU_DISTRICT = new RegExp(
  `^(?:${CAPITAL_DISTRICTS.map(([, ru]) => `(${ru})`).join('|')})(?:ий|ый|ой|ого|ому|им|ым|ом)$`,
  'u',
);
const EN_DISTRICT = new RegExp(`^(?:${CAPITAL_DISTRICTS.map(([, , en]) => `(${en})`).join('|')})$`, 'iu');
const RU_COURT_AFTER = /^(?:районн\p{L}*|суд\p{L}*)$/u;
const EN_COURT_AFTER = /^(?:district|court|courts)$/iu;

/**
 * The city each capital district court in the sentence sits in, as a place at the district's adjective. Only a court:
 * «Тверская улица» and "Nevsky Prospekt" are streets, not the court's city.
 */
export function capitalCourtPlaces(
  tokens: readonly Token[],
  sentence: Sentence,
  language: 'ru' | 'en',
  gaz: Gazetteer,
): Array<{ first: number; last: number; record: PlaceRecord; surface: string }> {
  const hits: Array<{ first: number; last: number; record: PlaceRecord; surface: string }> = [];
  const [district, courtAfter] = language === 'ru' ? [RU_DISTRICT, RU_COURT_AFTER] : [EN_DISTRICT, EN_COURT_AFTER];
  for (let k = sentence.first; k + 1 < sentence.last; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || !t.upper) continue;
    const next = tokens[k + 1]!;
    if (next.kind !== 'word' || !courtAfter.test(next.norm)) continue;
    const m = district.exec(language === 'ru' ? fold(t.norm) : t.norm);
    if (!m) continue;
    const city = CAPITAL_DISTRICTS[m.slice(1).findIndex((g) => g !== undefined)]![0];
    const record = gaz.cyrillic.get(fold(city));
    if (!record) continue;
    const surface = language === 'ru' ? city : city === 'Москва' ? 'Moscow' : 'Saint Petersburg';
    hits.push({ first: k, last: k + 1, record, surface });
  }
  return hits;
}
