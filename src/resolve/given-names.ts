import { foldName } from './normalize.js';

/**
 * Common given names met in Russian-language reports, by nominative Cyrillic form, with gender, the foreign
 * equivalents English texts use for the same person (Михаил → Michael) and the diminutives reports mark as such
 * (Миша). Latin transliterations need no listing: `foldName` makes Mikhail, Mihail and Михаил meet.
 *
 * Line format: `Name|m or f|equivalents, comma-separated|diminutives, comma-separated`. A name marked `*` is rare
 * and coincides with a common man's name in the genitive (Рината = Ринат's genitive): such forms stay ambiguous.
 * Sources: the usual Russian name books and frequency lists (no person is named here, only first names).
 */
const GIVEN_NAME_LINES = `
Александр|m|Alexander,Alexandre,Alex,Aleksander|Саша,Шура,Саня,Alex
Алексей|m|Alexis|Алёша,Лёша
Анатолий|m|Anatoly|Толя
Андрей|m|Andrew,Andre,Andreas|Андрюша
Антон|m|Anthony|Антоша
Аркадий|m||Аркаша
Арсений|m||Арсюша
Артём|m|Artem,Artyom|Тёма
Артур|m|Arthur|
Борис|m||Боря
Вадим|m||Вадик
Валентин|m|Valentine|Валя
Валерий|m|Valery|Валера
Василий|m|Basil|Вася
Виктор|m|Victor|Витя
Виталий|m|Vitaly|Виталик
Владимир|m|Vladimir|Володя,Вова
Владислав|m||Влад,Слава
Всеволод|m||Сева
Вячеслав|m||Слава
Геннадий|m||Гена
Георгий|m|George,Georg|Жора,Гоша
Глеб|m||
Григорий|m|Gregory|Гриша
Даниил|m|Daniel,Danil|Даня
Данила|m|Danila|Даня
Денис|m|Dennis|Дениска
Дмитрий|m|Dmitry,Demetrius|Дима,Митя
Евгений|m|Eugene|Женя
Егор|m|Yegor|Егорка
Иван|m|John,Ivan|Ваня
Игорь|m|Igor|
Илья|m|Elijah,Ilia|Илюша
Иосиф|m|Joseph|
Кирилл|m|Cyril|Кирюша
Константин|m|Constantine|Костя
Лев|m|Leo|Лёва
Леонид|m||Лёня
Максим|m|Maxim,Maximilian|Макс
Марат|m||
Марк|m|Mark,Marc|
Матвей|m|Matthew|Матвей
Михаил|m|Michael,Michel,Mikhael|Миша
Никита|m||
Николай|m|Nicholas,Nikolas,Nicolas|Коля
Олег|m||
Павел|m|Paul,Pavel|Паша
Пётр|m|Peter,Pyotr,Piotr|Петя
Роман|m||Рома
Руслан|m||
Святослав|m||Слава
Семён|m|Simon,Semyon|Сёма
Сергей|m|Sergei,Serge|Серёжа
Станислав|m|Stanislaw|Стас
Степан|m|Stephen,Stepan|Стёпа
Тимофей|m|Timothy|Тима
Тимур|m||
Фёдор|m|Theodore|Федя
Филипп|m|Philip,Phillip|
Эдуард|m|Edward|Эдик
Юрий|m|Yuri,George|Юра
Яков|m|Jacob,Yakov|Яша
Ярослав|m||Слава
Ринат|m||
Рашид|m||
Ильдар|m||
Ильяс|m||
Айдар|m||
Азат|m||
Булат|m||
Рамиль|m||
Ренат|m||
Ильнур|m||
Радик|m||
Рустам|m||
Рустем|m||
Дамир|m||
Тагир|m||
Фарид|m||
Салават|m||
Ахмед|m|Ahmad,Akhmad,Ahmed|
Ахмат|m||
Магомед|m|Muhammad,Mohammed,Magomed|
Мухаммад|m|Muhammad,Mohammad|
Руслан|m||
Заур|m||
Ислам|m||
Шамиль|m|Shamil|
Аслан|m||
Тимур|m||
Бахадыр|m|Bahodir|
Бахтияр|m|Bakhtiyor,Bakhtiyar|
Джамшид|m|Jamshid|
Фарход|m|Farhod,Farkhod|
Шухрат|m|Shuhrat|
Гулом|m|Gulom,Ghulom|
Улугбек|m||
Алишер|m||
Рустамжон|m|Rustamjon|
Абдулло|m|Abdullo,Abdullah|
Нурлан|m||
Ержан|m||
Арман|m||
Данияр|m|Daniyar|
Азамат|m||
Эльдар|m||
Гиорги|m|Giorgi|
Давид|m|David,Davit|
Армен|m||
Арсен|m||
Тигран|m||
Ашот|m||
Анна|f|Anna,Ann,Anne,Hannah|Аня
Алла|f|Alla|
Александра|f|Alexandra,Aleksandra|Саша,Шура
Алина|f||
Алёна|f|Alena,Alyona|
Алиса|f|Alice|
Анастасия|f|Anastasia|Настя
Ангелина|f|Angelina|
Антонина|f||Тоня
Арина|f||
Валентина|f||Валя
Валерия|f|Valeria|Лера
Вера|f|Vera|
Вероника|f|Veronica|
Виктория|f|Victoria|Вика
Галина|f||Галя
Дарья|f|Daria,Darya|Даша
Диана|f|Diana|
Евгения|f|Eugenia|Женя
Екатерина|f|Catherine,Katherine,Ekaterina|Катя
Елена|f|Helen,Helena,Elena,Yelena|Лена
Елизавета|f|Elizabeth|Лиза
Жанна|f|Jeanne|
Зинаида|f||Зина
Зоя|f|Zoya|
Инна|f|Inna|
Ирина|f|Irene|Ира
Карина|f||
Кира|f||
Кристина|f|Christina,Kristina|
Ксения|f|Xenia,Ksenia|Ксюша
Лариса|f||Лара
Людмила|f|Ludmila|Люда
Любовь|f|Lyubov|Люба
Маргарита|f|Margarita|Рита
Марина|f|Marina|
Мария|f|Maria,Mary,Marie|Маша
Надежда|f||Надя
Наталья|f|Natalia,Natalie,Nathalie,Natalya|Наташа
Нина|f|Nina|
Оксана|f||
Олеся|f||
Ольга|f|Olga|Оля
Полина|f|Pauline|
Раиса|f||Рая
Светлана|f||Света
Софья|f|Sophia,Sofia,Sophie|Соня
Тамара|f||
Татьяна|f|Tatiana|Таня
Ульяна|f||
Юлия|f|Julia,Yulia,Julie|Юля
Яна|f||
Гульнара|f||
Гульшат|f||
Альфия|f||
Алсу|f||
Айгуль|f||
Лилия|f|Lily,Lilia|
Эльвира|f||
Зарема|f||
Мадина|f||
Фатима|f||
Гулнора|f|Gulnora|
Дилноза|f|Dilnoza|
Нигора|f|Nigora|
Зульфия|f||


Ирада|f||
Нино|f|Nino|
Асель|f||
Айжан|f||
Руслана*|f||
Станислава*|f||
Ярослава*|f||
Владислава*|f||
Рината*|f||
Даниэла*|f||
`;

export interface GivenNameEntry {
  /** Nominative Cyrillic form, the entry's identity. */
  readonly name: string;
  readonly gender: 'm' | 'f';
  /** Foreign equivalents (Michael for Михаил). */
  readonly equivalents: readonly string[];
  /** Diminutives (Миша for Михаил). */
  readonly diminutives: readonly string[];
  /** Rare, and the same letters as a common man's name in the genitive (Руслана). */
  readonly rare: boolean;
}

export interface GivenNameHit {
  readonly entry: GivenNameEntry;
  /** How the written form relates to the entry. */
  readonly via: 'name' | 'equivalent' | 'diminutive';
}

function parseLines(): GivenNameEntry[] {
  const entries: GivenNameEntry[] = [];
  const seen = new Set<string>();
  for (const line of GIVEN_NAME_LINES.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const [marked = '', gender = 'm', eq = '', dim = ''] = trimmed.split('|');
    const name = marked.replace('*', '');
    if (seen.has(name)) continue;
    seen.add(name);
    entries.push({
      name,
      rare: marked.endsWith('*'),
      gender: gender === 'f' ? 'f' : 'm',
      equivalents: eq.split(',').filter((s) => s !== ''),
      diminutives: dim.split(',').filter((s) => s !== '' && s !== name),
    });
  }
  return entries;
}

/** Every given-name entry. */
export const GIVEN_NAMES: readonly GivenNameEntry[] = parseLines();

let index: Map<string, GivenNameHit[]> | undefined;

function buildIndex(): Map<string, GivenNameHit[]> {
  const map = new Map<string, GivenNameHit[]>();
  const add = (form: string, hit: GivenNameHit): void => {
    const key = foldName(form);
    const list = map.get(key) ?? [];
    // A fold shared by a name and another name's equivalent keeps both (Юрий lists George, as does Георгий).
    if (!list.some((h) => h.entry === hit.entry && h.via === hit.via)) list.push(hit);
    map.set(key, list);
  };
  for (const entry of GIVEN_NAMES) add(entry.name, { entry, via: 'name' });
  for (const entry of GIVEN_NAMES) for (const e of entry.equivalents) add(e, { entry, via: 'equivalent' });
  for (const entry of GIVEN_NAMES) for (const d of entry.diminutives) add(d, { entry, via: 'diminutive' });
  // Prefer direct names over equivalents over diminutives when a fold is shared.
  const rank = { name: 0, equivalent: 1, diminutive: 2 } as const;
  for (const list of map.values()) list.sort((a, b) => rank[a.via] - rank[b.via]);
  return map;
}

/**
 * Given-name entries a written form may be, in any script or spelling.
 * `lookupGivenName("Mikhail")[0].entry.name === "Михаил"`; `lookupGivenName("Миша")[0].via === "diminutive"`.
 */
export function lookupGivenName(form: string): readonly GivenNameHit[] {
  index ??= buildIndex();
  return index.get(foldName(form)) ?? [];
}

/** Gender of a given name if the list knows it. `givenNameGender("Тамара") === "f"`. */
export function givenNameGender(form: string): 'm' | 'f' | undefined {
  const hits = lookupGivenName(form);
  const genders = new Set(hits.filter((h) => h.via !== 'diminutive').map((h) => h.entry.gender));
  if (genders.size === 1) return [...genders][0];
  return undefined;
}
