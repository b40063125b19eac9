import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeName, guessNameRoles, loadMorphology, nominativeOfName, parseWord } from './index.js';

beforeAll(() => loadMorphology());

describe('loadMorphology', () => {
  it('is idempotent and synchronous', () => {
    loadMorphology();
    loadMorphology();
    expect(parseWord('Уфе').length).toBeGreaterThan(0);
  });
});

describe('parseWord', () => {
  it('reads a city in the locative', () => {
    const first = parseWord('Уфе')[0];
    expect(first?.lemma).toBe('уфа');
    expect(first?.case).toBe('loct');
    expect(first?.gender).toBe('femn');
  });
  it('reads a given name in the genitive with its tags', () => {
    const parses = parseWord('Олега');
    expect(parses.some((p) => p.lemma === 'олег' && p.case === 'gent' && p.tags.includes('Name'))).toBe(true);
  });
  it('returns nothing for Latin words, empty strings and emoji', () => {
    expect(parseWord('Moscow')).toEqual([]);
    expect(parseWord('')).toEqual([]);
    expect(parseWord('😀')).toEqual([]);
  });
});

describe('nominativeOfName', () => {
  it('keeps a man masculine', () => {
    expect(nominativeOfName(['Олега', 'Кузнецова'])).toEqual(['Олег', 'Кузнецов']);
  });
  it('keeps a woman feminine', () => {
    expect(nominativeOfName(['Ольгу', 'Кузнецову'])).toEqual(['Ольга', 'Кузнецова']);
    expect(nominativeOfName(['Ольга', 'Кузнецова'])).toEqual(['Ольга', 'Кузнецова']);
    expect(nominativeOfName(['Ольгой', 'Кузнецовой'])).toEqual(['Ольга', 'Кузнецова']);
  });
  it('uses the given gender for a surname alone', () => {
    expect(nominativeOfName(['Кузнецову'], 'femn')).toEqual(['Кузнецова']);
    expect(nominativeOfName(['Кузнецову'], 'masc')).toEqual(['Кузнецов']);
  });
  it('puts patronymics in the nominative', () => {
    expect(nominativeOfName(['Олега', 'Ивановича', 'Кузнецова'])).toEqual(['Олег', 'Иванович', 'Кузнецов']);
    expect(nominativeOfName(['Кузнецовой', 'Ольги', 'Петровны'])).toEqual(['Кузнецова', 'Ольга', 'Петровна']);
  });
  it('declines surnames the dictionary lacks by their suffix', () => {
    expect(nominativeOfName(['Тимура', 'Абдукадырова'])).toEqual(['Тимур', 'Абдукадыров']);
    expect(nominativeOfName(['Зарины', 'Абдукадыровой'])).toEqual(['Зарина', 'Абдукадырова']);
    expect(nominativeOfName(['Станиславу', 'Вержбицкую'])).toEqual(['Станислава', 'Вержбицкая']);
    expect(nominativeOfName(['Станиславом', 'Вержбицким'])).toEqual(['Станислав', 'Вержбицкий']);
  });
  it('leaves indeclinable surnames as they are', () => {
    expect(nominativeOfName(['Ивана', 'Шевчуко'])).toEqual(['Иван', 'Шевчуко']);
    expect(nominativeOfName(['Георгия', 'Гоглидзе'])).toEqual(['Георгий', 'Гоглидзе']);
    expect(nominativeOfName(['Нино', 'Гоглидзе'])).toEqual(['Нино', 'Гоглидзе']);
  });
  it('declines a man’s consonant-stem surname but not a woman’s', () => {
    expect(nominativeOfName(['Армена', 'Саркисяна'])).toEqual(['Армен', 'Саркисян']);
    expect(nominativeOfName(['Анну', 'Саркисян'])).toEqual(['Анна', 'Саркисян']);
  });
  it('keeps initials', () => {
    expect(nominativeOfName(['О.', 'Кузнецова'], 'masc')).toEqual(['О.', 'Кузнецов']);
  });
  it('follows context cases when the words alone are ambiguous', () => {
    expect(analyzeName(['Рамиля', 'Хайруллина'], { cases: ['gent', 'accs'] }).nominative).toEqual([
      'Рамиль',
      'Хайруллин',
    ]);
    expect(analyzeName(['Альфия', 'Хайруллина'], { gender: 'femn' }).nominative).toEqual(['Альфия', 'Хайруллина']);
  });
  it('declines an adjectival surname the dictionary lacks as the adjective it is', () => {
    expect(nominativeOfName(['Петра', 'Сочинённого'])).toEqual(['Петр', 'Сочинённый']);
    expect(nominativeOfName(['Ивана', 'Несуществующего'])).toEqual(['Иван', 'Несуществующий']);
    expect(nominativeOfName(['Ивану', 'Несуществующему'])).toEqual(['Иван', 'Несуществующий']);
    expect(nominativeOfName(['Петром', 'Белым'])).toEqual(['Петр', 'Белый']);
    expect(nominativeOfName(['Иваном', 'Несуществующим'])).toEqual(['Иван', 'Несуществующий']);
    expect(nominativeOfName(['Петре', 'Белом'])).toEqual(['Петр', 'Белый']);
  });
  it('chooses -ий after г/к/х and for a soft ending, -ой after ж/ш/ч/щ, -ый otherwise', () => {
    expect(nominativeOfName(['Ивана', 'Гладкого'])).toEqual(['Иван', 'Гладкий']);
    expect(nominativeOfName(['Андрея', 'Хорошего'])).toEqual(['Андрей', 'Хороший']);
    expect(nominativeOfName(['Ивана', 'Синего'])).toEqual(['Иван', 'Синий']);
    expect(nominativeOfName(['Петра', 'Большого'])).toEqual(['Петр', 'Большой']);
    expect(nominativeOfName(['Сергея', 'Садового'])).toEqual(['Сергей', 'Садовый']);
  });
  it('declines a woman’s adjectival surname to -ая or -яя', () => {
    expect(nominativeOfName(['Марии', 'Сочинённой'])).toEqual(['Мария', 'Сочинённая']);
    expect(nominativeOfName(['Анну', 'Белую'])).toEqual(['Анна', 'Белая']);
    expect(nominativeOfName(['Ольги', 'Несуществующей'])).toEqual(['Ольга', 'Несуществующая']);
    expect(nominativeOfName(['Ольгу', 'Синюю'])).toEqual(['Ольга', 'Синяя']);
    expect(nominativeOfName(['Сочинённой'], 'femn')).toEqual(['Сочинённая']);
    // Known to the dictionary, which gives the masculine lemma (горький, толстой) for a woman too.
    expect(nominativeOfName(['Анна', 'Горькая'])).toEqual(['Анна', 'Горькая']);
    expect(nominativeOfName(['Ольги', 'Толстой'])).toEqual(['Ольга', 'Толстая']);
  });
  it('leaves surnames that only look adjectival as they are', () => {
    expect(nominativeOfName(['Лев', 'Толстой'])).toEqual(['Лев', 'Толстой']);
    expect(nominativeOfName(['Льва', 'Толстого'])).toEqual(['Лев', 'Толстой']);
    expect(nominativeOfName(['Петра', 'Дурново'])).toEqual(['Петр', 'Дурново']);
    expect(nominativeOfName(['Юрия', 'Живаго'])).toEqual(['Юрий', 'Живаго']);
    expect(nominativeOfName(['Ивана', 'Черных'])).toEqual(['Иван', 'Черных']);
    expect(nominativeOfName(['Анны', 'Седых'])).toEqual(['Анна', 'Седых']);
    expect(nominativeOfName(['Ивана', 'Петрова'])).toEqual(['Иван', 'Петров']);
    expect(nominativeOfName(['Анна', 'Петрова'])).toEqual(['Анна', 'Петрова']);
    expect(nominativeOfName(['Марии', 'Петровой'])).toEqual(['Мария', 'Петрова']);
    expect(nominativeOfName(['Иван', 'Лихой'])).toEqual(['Иван', 'Лихой']);
    expect(nominativeOfName(['Рустам', 'Карим'])).toEqual(['Рустам', 'Карим']);
    expect(nominativeOfName(['Ибрагим'])).toEqual(['Ибрагим']);
    expect(nominativeOfName(['Виктория', 'Цой'])).toEqual(['Виктория', 'Цой']);
  });
  it('restores ё-less spelling and upper case as given', () => {
    expect(nominativeOfName(['Петра', 'Семенова'])).toEqual(['Петр', 'Семенов']);
    expect(nominativeOfName(['ОЛЕГА', 'КУЗНЕЦОВА'])).toEqual(['ОЛЕГ', 'КУЗНЕЦОВ']);
  });
});

describe('guessNameRoles', () => {
  it('finds surname-first order', () => {
    expect(guessNameRoles(['Кузнецов', 'Олег', 'Иванович'])).toEqual(['surname', 'given', 'patronymic']);
    expect(guessNameRoles(['О.', 'Кузнецов'])).toEqual(['initial', 'surname']);
  });
});

describe('surnames with a fleeting vowel', () => {
  it('restores -ец from a consonant + ц stem in every oblique case (invented names)', () => {
    expect(nominativeOfName(['Тимура', 'Горобца'])).toEqual(['Тимур', 'Горобец']);
    expect(nominativeOfName(['Тимуру', 'Горобцу'])).toEqual(['Тимур', 'Горобец']);
    expect(nominativeOfName(['Тимуром', 'Горобцом'])).toEqual(['Тимур', 'Горобец']);
    expect(nominativeOfName(['Глеба', 'Скворца'])).toEqual(['Глеб', 'Скворец']);
    expect(nominativeOfName(['Глеба', 'Стрельца'])).toEqual(['Глеб', 'Стрелец']);
    expect(nominativeOfName(['Глеба', 'Бойца'])).toEqual(['Глеб', 'Боец']);
  });
  it('restores -ок and -ёл, and reads a soft stem to -ь', () => {
    expect(nominativeOfName(['Антона', 'Зубка'])).toEqual(['Антон', 'Зубок']);
    expect(nominativeOfName(['Антону', 'Зубку'])).toEqual(['Антон', 'Зубок']);
    expect(nominativeOfName(['Антона', 'Орла'])).toEqual(['Антон', 'Орел']);
    expect(nominativeOfName(['Антона', 'Лебедя'])).toEqual(['Антон', 'Лебедь']);
  });
  it('keeps a vowel that does not drop and a German -ц', () => {
    expect(nominativeOfName(['Антона', 'Швеца'])).toEqual(['Антон', 'Швец']);
    expect(nominativeOfName(['Антона', 'Жнеца'])).toEqual(['Антон', 'Жнец']);
    expect(nominativeOfName(['Антона', 'Шульца'])).toEqual(['Антон', 'Шульц']);
    expect(nominativeOfName(['Антона', 'Гинзбурга'])).toEqual(['Антон', 'Гинзбург']);
  });
  it('leaves a woman with the same surname undeclined', () => {
    expect(nominativeOfName(['Дарьи', 'Горобец'])).toEqual(['Дарья', 'Горобец']);
    expect(nominativeOfName(['Дарье', 'Лебедь'])).toEqual(['Дарья', 'Лебедь']);
    expect(nominativeOfName(['Дарью', 'Шевчук'])).toEqual(['Дарья', 'Шевчук']);
    expect(nominativeOfName(['Дарьи', 'Сыроватко'])).toEqual(['Дарья', 'Сыроватко']);
    expect(nominativeOfName(['Глеба', 'Дурново'])).toEqual(['Глеб', 'Дурново']);
  });
});

describe('a man’s given name the dictionary also knows as another name', () => {
  it('reads a known man’s name with a case ending as that name declined', () => {
    expect(nominativeOfName(['Зауре', 'Гамзатове'])).toEqual(['Заур', 'Гамзатов']);
    expect(nominativeOfName(['Заура', 'Гамзатова'])).toEqual(['Заур', 'Гамзатов']);
    expect(nominativeOfName(['Асланом', 'Тебиевым'])).toEqual(['Аслан', 'Тебиев']);
  });
  it('keeps women’s names feminine', () => {
    expect(nominativeOfName(['Анна', 'Гамзатова'])).toEqual(['Анна', 'Гамзатова']);
    expect(nominativeOfName(['Мадина', 'Тебиева'])).toEqual(['Мадина', 'Тебиева']);
  });
});

describe('a feminine adjectival surname the dictionary does not know', () => {
  it('keeps the nominative as written', () => {
    expect(nominativeOfName(['Ирина', 'Подгорновая'])).toEqual(['Ирина', 'Подгорновая']);
    expect(nominativeOfName(['Ирину', 'Подгорновую'])).toEqual(['Ирина', 'Подгорновая']);
  });
});

describe('surnames the dictionary guesses or lacks, in oblique cases (invented names)', () => {
  it('reads a woman’s -ская surname, never a consonant stem that would not decline', () => {
    expect(nominativeOfName(['Ясинской'])).toEqual(['Ясинская']);
    expect(nominativeOfName(['Курник-Заславской', 'Я.', 'О.'])).toEqual(['Курник-Заславская', 'Я.', 'О.']);
  });
  it('declines a surname in -а with the given name’s case', () => {
    expect(nominativeOfName(['Алины', 'Кулебаки'])).toEqual(['Алина', 'Кулебака']);
    expect(nominativeOfName(['Алине', 'Кулебаке'])).toEqual(['Алина', 'Кулебака']);
    expect(nominativeOfName(['Алину', 'Кулебаку'])).toEqual(['Алина', 'Кулебака']);
    expect(nominativeOfName(['Кулебаки'])).toEqual(['Кулебаки']);
  });
  it('declines a man’s consonant stem in the dative and locative, but not a surname that never declines', () => {
    expect(nominativeOfName(['Глебу', 'Ткачику'])).toEqual(['Глеб', 'Ткачик']);
    expect(nominativeOfName(['Глебе', 'Ткачике'])).toEqual(['Глеб', 'Ткачик']);
    expect(nominativeOfName(['Сергею', 'Шойгу'])).toEqual(['Сергей', 'Шойгу']);
  });
  it('reads a woman’s name on a consonant that the dictionary has as a man’s beside a woman’s surname', () => {
    expect(nominativeOfName(['Лейсан', 'Гарифовой'])).toEqual(['Лейсан', 'Гарифова']);
  });
  it('agrees with a word in apposition only where every name word can take its gender and case', () => {
    const agreement: Array<['masc' | 'femn', 'gent' | 'datv']> = [
      ['femn', 'gent'],
      ['femn', 'datv'],
    ];
    expect(analyzeName(['Тихона', 'Ярцева'], { agreement }).nominative).toEqual(['Тихон', 'Ярцев']);
    expect(analyzeName(['Ярцева', 'А.'], { agreement: [['masc', 'gent']] }).nominative).toEqual(['Ярцев', 'А.']);
    expect(analyzeName(['Ярцевой', 'А.'], { agreement: [['masc', 'nomn']] }).nominative).toEqual(['Ярцева', 'А.']);
  });
});

describe('a man’s surname in -а that is also a common noun (invented names)', () => {
  it('declines it in the dative and accusative with his given name', () => {
    expect(nominativeOfName(['Глебу', 'Ложке'])).toEqual(['Глеб', 'Ложка']);
    expect(nominativeOfName(['Глеба', 'Ложку'])).toEqual(['Глеб', 'Ложка']);
  });
});

describe('a frequent man’s name the dictionary lacks (invented surnames)', () => {
  it('declines it like a name it knows', () => {
    expect(nominativeOfName(['Даниса', 'Шарипкова'])).toEqual(['Данис', 'Шарипков']);
    expect(nominativeOfName(['Данисом', 'Шарипковым'])).toEqual(['Данис', 'Шарипков']);
  });
});
