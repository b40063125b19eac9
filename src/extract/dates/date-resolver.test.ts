import { describe, expect, it } from 'vitest';
import { findDateExpressions } from './date-grammar.js';
import { resolveDates } from './date-resolver.js';

// Invented sentences, written for these tests.
const resolve = (sentences: string[], language: 'ru' | 'en', referenceDate: string): string[] => {
  const matches = sentences.flatMap((s, sentence) =>
    findDateExpressions(s, language).map((m) => ({ ...m, text: s, sentence })),
  );
  return resolveDates(matches, referenceDate).map((d) => d.value);
};

describe('resolveDates', () => {
  it('gives a year-less day the reference year, not a deadline year', () => {
    const out = resolve(
      ['Her house arrest runs until 14 January 2021.', 'She was detained on 20 July.'],
      'en',
      '2020-10-26',
    );
    expect(out).toEqual(['2021-01-14', '2020-07-20']);
  });

  it('does not let a background year pull a recent day into the past', () => {
    const out = resolve(
      ['The group was banned in April 2017.', 'On 17 February, a court ordered him held.'],
      'en',
      '2019-02-20',
    );
    expect(out).toEqual(['2017-04', '2019-02-17']);
  });

  it('keeps the year of an earlier full date for a year-less day', () => {
    const out = resolve(['24 февраля 2022 года его задержали.', '26 февраля суд арестовал его.'], 'ru', '2024-03-01');
    expect(out).toEqual(['2022-02-24', '2022-02-26']);
  });

  it('counts "a week later" from a month the story moved to without a day, as that month', () => {
    const text = ['Yesterday a court acquitted Inna Rom.', 'Her case was opened in December last year.'];
    expect(resolve([...text, 'Police searched her flat a week later.'], 'en', '2026-10-14')).toEqual([
      '2026-10-13',
      '2025-12',
      '2025-12',
    ]);
    // "the next day" and «накануне» still count from the last day told: a month in between is background.
    const after = ['Он задержан 3 марта 2026 года.', 'Дело возбудили в январе.', 'На следующий день его арестовали.'];
    expect(resolve(after, 'ru', '2026-03-10')).toEqual(['2026-03-03', '2026-01', '2026-03-04']);
  });

  it('puts a year-less month after publication in the previous year', () => {
    expect(resolve(['Her trial opened in December.'], 'en', '2024-02-14')).toEqual(['2023-12']);
  });

  it('reads a bare weekday as past, but as future when the sentence speaks of the future', () => {
    expect(resolve(['В среду его задержали.'], 'ru', '2022-06-28')).toEqual(['2022-06-22']);
    expect(resolve(['В среду суд рассмотрит жалобу.'], 'ru', '2022-06-28')).toEqual(['2022-06-29']);
    expect(resolve(['A court is expected to rule on Thursday.'], 'en', '2021-10-12')).toEqual(['2021-10-14']);
    expect(resolve(['On Thursday, the court ruled.'], 'en', '2021-10-12')).toEqual(['2021-10-07']);
    expect(resolve(['The hearing is set for next Monday.'], 'en', '2021-10-12')).toEqual(['2021-10-18']);
  });

  it('does not read "a week after the ministry acted" as a date', () => {
    expect(resolve(['It came a week after the ministry listed them.'], 'en', '2021-10-12')).toEqual([]);
  });

  describe('a year-less date that points forward is the next one, not the last', () => {
    it('reads deadlines and dates something was put off to as ahead of the narrative', () => {
      expect(resolve(['Суд продлил Петрову арест до 14 июня.'], 'ru', '2025-04-10')).toEqual(['2025-06-14']);
      expect(resolve(['Рассмотрение дела назначено на 2 апреля.'], 'ru', '2024-03-13')).toEqual(['2024-04-02']);
      expect(resolve(['Заседание снова перенесли на 15 января.'], 'ru', '2023-12-20')).toEqual(['2024-01-15']);
      expect(resolve(['Слушание отложено до 9 февраля.'], 'ru', '2023-12-20')).toEqual(['2024-02-09']);
      expect(resolve(['Срок ареста продлён по 3 марта.'], 'ru', '2023-12-20')).toEqual(['2024-03-03']);
      expect(resolve(['The judge postponed the hearing, again, to January 22.'], 'en', '2023-12-19')).toEqual([
        '2024-01-22',
      ]);
      expect(resolve(['His custody was extended until 3 March.'], 'en', '2023-12-10')).toEqual(['2024-03-03']);
      expect(resolve(['The trial was adjourned to February 5.'], 'en', '2023-12-10')).toEqual(['2024-02-05']);
      expect(resolve(['The verdict is scheduled for January 9.'], 'en', '2020-12-15')).toEqual(['2021-01-09']);
    });

    it('reads a date in a clause about the future as ahead', () => {
      expect(resolve(['Следующее заседание состоится 10 февраля.'], 'ru', '2023-12-20')).toEqual(['2024-02-10']);
      expect(resolve(['Рассмотрение жалобы должно начаться 3 марта.'], 'ru', '2022-12-01')).toEqual(['2023-03-03']);
      expect(resolve(['12 января суд огласит приговор.'], 'ru', '2022-12-01')).toEqual(['2023-01-12']);
      expect(resolve(['The appeal will be heard on 12 February.'], 'en', '2021-12-02')).toEqual(['2022-02-12']);
      expect(resolve(['Her next hearing is on January 30.'], 'en', '2021-12-02')).toEqual(['2022-01-30']);
      expect(resolve(['The appeal will be considered on 12 January.'], 'en', '2024-03-20')).toEqual(['2025-01-12']);
      expect(resolve(['Заседание, по словам адвоката, состоится 12 января.'], 'ru', '2024-03-20')).toEqual([
        '2025-01-12',
      ]);
      expect(resolve(['The case is due to go to court in January.'], 'en', '2021-12-02')).toEqual(['2022-01']);
    });

    it('counts forward from the date the sentence or a dated narrative states', () => {
      const out = resolve(
        ['On 10 April 2019 the court extended his arrest until 10 June.', 'He had been detained on 2 March.'],
        'en',
        '2024-01-15',
      );
      expect(out).toEqual(['2019-04-10', '2019-06-10', '2019-03-02']);
      expect(resolve(['В марте 2022 года суд продлил ему арест до 14 июня.'], 'ru', '2024-01-15')).toEqual([
        '2022-03',
        '2022-06-14',
      ]);
      expect(resolve(['In March 2022 the court extended his arrest until 14 June.'], 'en', '2024-01-15')).toEqual([
        '2022-03',
        '2022-06-14',
      ]);
      expect(resolve(['10 ноября 2022 года суд перенёс заседание на 5 января.'], 'ru', '2024-06-01')).toEqual([
        '2022-11-10',
        '2023-01-05',
      ]);
    });

    it('keeps past dates in the past, even beside a future verb', () => {
      expect(resolve(['Его задержали 14 июня.'], 'ru', '2025-04-10')).toEqual(['2024-06-14']);
      expect(resolve(['Ivanov, detained on 5 March, will stay in custody.'], 'en', '2024-01-01')).toEqual([
        '2023-03-05',
      ]);
      expect(resolve(['Held since his arrest last April, he plans to appeal.'], 'en', '2023-08-21')).toEqual([
        '2023-04',
      ]);
      expect(resolve(['He will appeal the ruling issued on 12 January.'], 'en', '2024-03-20')).toEqual(['2024-01-12']);
      expect(resolve(['Суд рассмотрит жалобу на вынесенный 12 января приговор.'], 'ru', '2024-03-20')).toEqual([
        '2024-01-12',
      ]);
      expect(resolve(['Суд рассмотрит жалобу на приговор, вынесенный 12 января.'], 'ru', '2024-03-20')).toEqual([
        '2024-01-12',
      ]);
      expect(resolve(['Arrested in August, he was moved to Kazan against his will.'], 'en', '2023-11-02')).toEqual([
        '2023-08',
      ]);
    });

    it('does not let a deadline be the day "the next day" counts from', () => {
      const out = resolve(
        ['On 10 April the court extended his arrest until 14 June.', 'The next day his lawyer appealed.'],
        'en',
        '2024-05-01',
      );
      expect(out).toEqual(['2024-04-10', '2024-06-14', '2024-04-11']);
    });
  });

  it('reads a year said in words from the reference year', () => {
    const ru = (s: string) => resolve([s], 'ru', '2024-09-28');
    expect(ru('Её оштрафовали в мае этого года.')).toEqual(['2024-05']);
    expect(ru('Его задержали в мае прошлого года.')).toEqual(['2023-05']);
    expect(ru('Обыск прошёл 5 марта позапрошлого года.')).toEqual(['2022-03-05']);
    expect(ru('Дело возбудили в марте текущего года.')).toEqual(['2024-03']);
    expect(ru('Суд начнётся в феврале следующего года.')).toEqual(['2025-02']);
    expect(ru('Летом прошлого года его отпустили.')).toEqual(['2023']);
    expect(ru('В позапрошлом году он уехал.')).toEqual(['2022']);
    expect(ru('В конце прошлого месяца его задержали.')).toEqual(['2024-08']);
    expect(ru('С начала этого месяца прошло три суда.')).toEqual(['2024-09']);
    expect(ru('В конце прошлой недели прошли обыски.')).toEqual(['2024-09']);
    const en = (s: string) => resolve([s], 'en', '2024-09-28');
    expect(en('She was fined in May last year.')).toEqual(['2023-05']);
    expect(en('He was searched on 5 March this year.')).toEqual(['2024-03-05']);
    expect(en('The trial opens in February next year.')).toEqual(['2025-02']);
    expect(en('The group was banned in May of last year.')).toEqual(['2023-05']);
    expect(en('He left the year before last.')).toEqual(['2022']);
  });

  it('reads "since", "from" and "as of" before a day', () => {
    const ref = '2024-01-10';
    expect(resolve(['He has been under house arrest since August 30, when a court let him go.'], 'en', ref)).toEqual([
      '2023-08-30',
    ]);
    expect(resolve(['She has been held from August 30.'], 'en', ref)).toEqual(['2023-08-30']);
    expect(resolve(['As of December 1, the fund had 20 staff.'], 'en', ref)).toEqual(['2023-12-01']);
    expect(resolve(['С 30 августа он находится под домашним арестом.'], 'ru', ref)).toEqual(['2023-08-30']);
  });

  it('reads ranges of days and of months', () => {
    expect(resolve(['Pickets were held on March 12-14, 2024.'], 'en', '2024-06-01')).toEqual([
      '2024-03-12',
      '2024-03-14',
    ]);
    expect(resolve(['Хроника событий, март — июнь 2025 г.'], 'ru', '2025-06-30')).toEqual(['2025-03', '2025-06']);
    expect(resolve(['С марта по июнь 2023 года шли обыски.'], 'ru', '2025-06-30')).toEqual(['2023-03', '2023-06']);
    expect(resolve(['A chronicle, March–June 2025.'], 'en', '2025-06-30')).toEqual(['2025-03', '2025-06']);
    expect(resolve(['The raids went on from March to June 2023.'], 'en', '2025-06-30')).toEqual(['2023-03', '2023-06']);
  });

  it('reads a day and month without a year, but not an article number', () => {
    expect(resolve(['Протокол составили 12.03, суд прошёл позже.'], 'ru', '2024-03-20')).toEqual(['2024-03-12']);
    expect(resolve(['Его обвинили по ст. 19.11 КоАП.'], 'ru', '2024-03-20')).toEqual([]);
    expect(resolve(['Штрафы выросли в 12.03 раза.'], 'ru', '2024-03-20')).toEqual([]);
    expect(resolve(['Акция началась в 12.05 у здания суда.'], 'ru', '2024-03-20')).toEqual([]);
  });

  it('reads a day of the narrative month', () => {
    expect(resolve(['On 3 March 2022 he was detained.', 'He was released on the 12th.'], 'en', '2024-01-01')).toEqual([
      '2022-03-03',
      '2022-03-12',
    ]);
    expect(resolve(['The court sat on the 12th.'], 'en', '2024-03-20')).toEqual(['2024-03-12']);
    expect(resolve(['Его вызвали на допрос 25-го числа.'], 'ru', '2024-03-20')).toEqual(['2024-02-25']);
  });

  it('reads days counted back or forward from the narrative', () => {
    expect(
      resolve(['Его арестовали 12 марта 2024 года.', 'Неделей ранее у него прошёл обыск.'], 'ru', '2024-04-01'),
    ).toEqual(['2024-03-12', '2024-03-05']);
    expect(resolve(['Суд прошёл 12 марта 2024 года.', 'Двумя днями позже его отпустили.'], 'ru', '2024-04-01')).toEqual(
      ['2024-03-12', '2024-03-14'],
    );
    expect(
      resolve(['He was detained on 12 March 2024.', 'Two days earlier police searched his flat.'], 'en', '2024-04-01'),
    ).toEqual(['2024-03-12', '2024-03-10']);
    expect(resolve(['He was detained on 12 March 2024.', 'A week later he was charged.'], 'en', '2024-04-01')).toEqual([
      '2024-03-12',
      '2024-03-19',
    ]);
  });

  it('lets a stated date replace the phrase it is apposed to', () => {
    expect(resolve(['Днём ранее, 26 сентября, прокуратура признала фонд нежелательным.'], 'ru', '2024-09-28')).toEqual([
      '2024-09-26',
    ]);
    expect(resolve(['The next day, May 16, he was jailed.'], 'en', '2024-05-20')).toEqual(['2024-05-16']);
  });

  it('gives a year-less day the year it was stated with earlier', () => {
    const out = resolve(
      ['Суд оштрафовал его 12.03.2024.', 'Дело возбудили 22.11.2023.', 'В тот же день, 12 марта, оштрафовали соседку.'],
      'ru',
      '2024-03-13',
    );
    expect(out).toEqual(['2024-03-12', '2023-11-22', '2024-03-12']);
  });

  it('reads other forms a report uses', () => {
    expect(resolve(['Мужчину задержали в ночь на 5 марта.'], 'ru', '2024-03-20')).toEqual(['2024-03-04']);
    expect(resolve(['Обыски начались в начале марта.'], 'ru', '2024-03-20')).toEqual(['2024-03']);
    expect(resolve(['The raids began in early March.'], 'en', '2024-03-20')).toEqual(['2024-03']);
    expect(resolve(['The order, dated 2024-03-12, was published.'], 'en', '2024-03-20')).toEqual(['2024-03-12']);
    expect(resolve(['Постановление от 2024-03-12 опубликовали.'], 'ru', '2024-03-20')).toEqual(['2024-03-12']);
    expect(resolve(['MOSCOW, Mon., March 4, 2024 — Police detained him.'], 'en', '2024-03-05')).toEqual(['2024-03-04']);
  });

  it('counts "ago" and «назад» back from the reference date', () => {
    const ref = '2024-03-20';
    expect(resolve(['Его задержали два дня назад.'], 'ru', ref)).toEqual(['2024-03-18']);
    expect(resolve(['Обыск прошёл неделю назад.'], 'ru', ref)).toEqual(['2024-03']);
    expect(resolve(['Три года назад его уже судили.'], 'ru', ref)).toEqual(['2021']);
    expect(resolve(['She was detained three days ago.'], 'en', ref)).toEqual(['2024-03-17']);
    expect(resolve(['The group was banned a year ago.'], 'en', ref)).toEqual(['2023']);
  });

  it('reads both ends of a range of years or of two days', () => {
    expect(resolve(['В 2022–2023 годах его дважды штрафовали.'], 'ru', '2024-03-20')).toEqual(['2022', '2023']);
    expect(resolve(['С 2019 по 2021 год он жил в Казани.'], 'ru', '2024-03-20')).toEqual(['2019', '2021']);
    expect(resolve(['In 2022-2023 she was fined twice.'], 'en', '2024-03-20')).toEqual(['2022', '2023']);
    expect(resolve(['Пикеты прошли 2 и 3 марта.'], 'ru', '2024-03-20')).toEqual(['2024-03-02', '2024-03-03']);
    expect(resolve(['Pickets were held on March 3 and 5, police said.'], 'en', '2024-03-20')).toEqual([
      '2024-03-03',
      '2024-03-05',
    ]);
    expect(resolve(['On March 3 and 5 activists were held.'], 'en', '2024-03-20')).toEqual(['2024-03-03']);
  });

  it('reads a part of a month, a year with its ending and a weekday with its qualifier', () => {
    const ref = '2024-03-20';
    expect(resolve(['С начала марта его не выпускали.'], 'ru', ref)).toEqual(['2024-03']);
    expect(resolve(['С середины мая их держат в СИЗО.'], 'ru', '2024-06-20')).toEqual(['2024-05']);
    expect(resolve(['Его задержали в 2023-м году.'], 'ru', ref)).toEqual(['2023']);
    expect(resolve(['В прошлую пятницу его задержали.'], 'ru', ref)).toEqual(['2024-03-15']);
    expect(resolve(['Жалобу подадут в следующий вторник.'], 'ru', ref)).toEqual(['2024-03-26']);
    // 2024-03-20 is a Wednesday.
    expect(resolve(['В минувшую среду его задержали.'], 'ru', ref)).toEqual(['2024-03-13']);
    expect(resolve(['He was detained last Wednesday.'], 'en', ref)).toEqual(['2024-03-13']);
    expect(resolve(['В среду его задержали.'], 'ru', ref)).toEqual(['2024-03-20']);
  });
});

describe('how far a framing year reaches', () => {
  it('frames the month of the next sentence, not one several sentences on, about someone else', () => {
    const near = resolve(['The movement was banned in 2020.', 'Its leader was detained in April.'], 'en', '2025-06-13');
    expect(near).toEqual(['2020', '2020-04']);
    const far = resolve(
      [
        'The movement was banned in 2020.',
        'He denied the charges.',
        'Police detained him on Thursday.',
        'Another supporter was sentenced in April.',
      ],
      'en',
      '2025-06-13',
    );
    expect(far.at(-1)).toBe('2025-04');
  });
});

describe('what frames a year-less month', () => {
  it('takes «с 2022 года» / "since 2022" for a start, not for the year of the story', () => {
    const out = resolve(
      ['Он с 2022 года живёт в Вильнюсе.', 'Ещё в сентябре его объявили в розыск.'],
      'ru',
      '2024-12-05',
    );
    expect(out).toEqual(['2022', '2024-09']);
  });
});

describe('the two ends of a range', () => {
  it('gives the first end the year stated with the second', () => {
    expect(resolve(['Он находился под домашним арестом с 14 мая по 3 ноября 2024 года.'], 'ru', '2025-10-07')).toEqual([
      '2024-05-14',
      '2024-11-03',
    ]);
    expect(resolve(['She was held from 2 December to 5 March 2024.'], 'en', '2025-10-07')).toEqual([
      '2023-12-02',
      '2024-03-05',
    ]);
  });
});

describe('a year-less date after a full one', () => {
  it('goes on into the next year when that is nearer the story and not after publication', () => {
    const story = [
      'He was arrested on 28 November 2025.',
      'In January he went on hunger strike.',
      'On 22 September he was sentenced.',
    ];
    expect(resolve(story, 'en', '2026-11-10')).toEqual(['2025-11-28', '2026-01', '2026-09-22']);
  });

  it('stays in the full date’s year when the next would be after publication, or is further from the story', () => {
    expect(
      resolve(['He was sentenced on 28 November 2025.', 'He was arrested in January.'], 'en', '2025-12-01'),
    ).toEqual(['2025-11-28', '2025-01']);
    expect(resolve(['Суд вынес приговор 10 июня 2025 года.', 'Задержали его 3 марта.'], 'ru', '2026-05-01')).toEqual([
      '2025-06-10',
      '2025-03-03',
    ]);
  });
});

describe('years told of, days that come round, and years with their ending', () => {
  it('does not let a year the sentence tells of frame the dates after it', () => {
    const story = ['В феврале он опубликовал рассказ о расстреле крестьян в 1938 году.', 'Дело возбудили 10 марта.'];
    expect(resolve(story, 'ru', '2026-10-12')).toEqual(['2026-02', '1938', '2026-03-10']);
  });

  it('drops a day that comes round every year', () => {
    expect(resolve(['Каждый год 30 октября они читали имена у камня.'], 'ru', '2026-10-12')).toEqual([]);
    expect(resolve(['Every year on 30 October they read the names.'], 'en', '2026-10-12')).toEqual([]);
  });

  it('reads «в 1984-м» and «до 2009-го» as years', () => {
    expect(resolve(['В 1984-м его осудили, и до 2009-го он молчал.'], 'ru', '2026-10-12')).toEqual(['1984', '2009']);
  });
});

describe('a weekday of another week, and a story that has come back to the present', () => {
  it('reads «в среду на прошлой неделе» and "last week on Wednesday" as that Wednesday', () => {
    expect(resolve(['В среду на прошлой неделе прокурор запросил 7 лет.'], 'ru', '2026-09-16')).toEqual(['2026-09-09']);
    expect(resolve(['Last week on Wednesday the prosecutor asked for 7 years.'], 'en', '2026-09-16')).toEqual([
      '2026-09-09',
    ]);
  });

  it('gives a year-less date the present year once the story is back in it', () => {
    const story = [
      'Обыски прошли 3 ноября 2025 года.',
      'В среду на прошлой неделе прокурор выступил.',
      'Он говорил 10 сентября.',
    ];
    expect(resolve(story, 'ru', '2026-09-16')).toEqual(['2025-11-03', '2026-09-09', '2026-09-10']);
  });
});

describe('a digest’s and a court paper’s own ways of writing a date', () => {
  // 2026-11-30 is a Monday.
  const ref = '2026-11-30';

  it('reads a day and month in digits as on or before publication', () => {
    expect(resolve(['KRASNODAR, 25.11. The court extended her arrest.'], 'en', ref)).toEqual(['2026-11-25']);
    expect(resolve(['On 02.12 the court fined him.'], 'en', ref)).toEqual(['2025-12-02']);
    expect(resolve(['Протокол на него составили 02.12.'], 'ru', ref)).toEqual(['2025-12-02']);
    // A deadline is still ahead.
    expect(resolve(['Арест продлили до 05.01.'], 'ru', ref)).toEqual(['2027-01-05']);
  });

  it('never reads an article’s number, a decimal, a time or a sum as a day and month', () => {
    expect(resolve(['Его оштрафовали по ст. 20.2, 20.12 КоАП.'], 'ru', ref)).toEqual([]);
    expect(resolve(['Протокол составили по 20.12 КоАП.'], 'ru', ref)).toEqual([]);
    expect(resolve(['Дело возбудили по ч. 2 ст. 20.2 КоАП и ч. 1 ст. 207.3 УК.'], 'ru', ref)).toEqual([]);
    expect(resolve(['He was fined under Art. 20.2, 20.12 and 19.13 of the Code.'], 'en', ref)).toEqual([]);
    expect(resolve(['She is charged under 207.3 pt 2 and 20.12 KoAP.'], 'en', ref)).toEqual([]);
    expect(resolve(['Charged under Article 20.2 and Article 20.12.'], 'en', ref)).toEqual([]);
    expect(resolve(['He spent 2.5 years, or 10.10 percent of his life, inside.'], 'en', ref)).toEqual([]);
    expect(resolve(['The picket began at 10.05 and cost him 12.10 roubles.'], 'en', ref)).toEqual([]);
  });

  it('reads a weekday said before a date, and lets it pick the year', () => {
    expect(resolve(['KALININGRAD, Fri 27/11. A court sentenced him.'], 'en', ref)).toEqual(['2026-11-27']);
    expect(resolve(['Wed 02.12: the hearing.'], 'en', ref)).toEqual(['2026-12-02']);
    // 23 November is a Monday in 2026, not in 2025, the year the story was in.
    expect(resolve(['He was arrested on 5 March 2025.', 'Mon 23 Nov: he was sentenced.'], 'en', '2026-12-01')).toEqual([
      '2025-03-05',
      '2026-11-23',
    ]);
    expect(resolve(['Его задержали 5 марта 2025 года.', 'Пн, 23.11 — приговор.'], 'ru', '2026-12-01')).toEqual([
      '2025-03-05',
      '2026-11-23',
    ]);
  });

  it('reads a dateline’s weekday after a place in capitals, but not a list of weekdays', () => {
    expect(resolve(['UFA, Thursday.', 'An activist was jailed for 12 days.'], 'en', ref)).toEqual(['2026-11-26']);
    expect(resolve(['He must report on Monday, Wednesday, Friday.'], 'en', ref)).toEqual(['2026-11-30']);
  });

  it('reads a date in words, as court papers write it', () => {
    expect(resolve(['г. Тверь, двадцать восьмого сентября 2026 года.'], 'ru', ref)).toEqual(['2026-09-28']);
    expect(resolve(['Пост опубликован пятого марта две тысячи двадцать шестого года.'], 'ru', ref)).toEqual([
      '2026-03-05',
    ]);
    expect(resolve(['Он родился третьего мая тысяча девятьсот девяносто восьмого года.'], 'ru', ref)).toEqual([
      '1998-05-03',
    ]);
    expect(resolve(['Его осудили в две тысячи двадцать пятом году.'], 'ru', ref)).toEqual(['2025']);
    expect(resolve(['The court sat on the twenty-eighth of September 2026.'], 'en', ref)).toEqual(['2026-09-28']);
    expect(resolve(['Signed this 28th day of September, two thousand and twenty-six.'], 'en', ref)).toEqual([
      '2026-09-28',
    ]);
    expect(resolve(['Пятый год подряд он пишет письма.'], 'ru', ref)).toEqual([]);
    expect(resolve(['It was the second of many searches.'], 'en', ref)).toEqual([]);
  });

  it('reads a month and year in digits from a table, but not a case number', () => {
    expect(resolve(['Gulnara Testova | Kazan | 03.2026 | house arrest'], 'en', ref)).toEqual(['2026-03']);
    expect(resolve(['Задержан: 03.2026.'], 'ru', ref)).toEqual(['2026-03']);
    expect(resolve(['Возбуждено дело № 12.2026.'], 'ru', ref)).toEqual([]);
  });

  it('reads "this morning" as the publication’s day and "last night" as the day before', () => {
    expect(resolve(['He was released this morning.', 'Police detained her last night.'], 'en', '2026-11-16')).toEqual([
      '2026-11-16',
      '2026-11-15',
    ]);
  });
});

describe('how a timeline and a letter write their dates', () => {
  // 2026-11-30 is a Monday.
  const ref = '2026-11-30';

  it('reads a month written in capitals with its day or year, but not alone', () => {
    expect(resolve(['4 NOVEMBER 2026'], 'en', ref)).toEqual(['2026-11-04']);
    expect(resolve(['21 SEPTEMBER'], 'en', ref)).toEqual(['2026-09-21']);
    expect(resolve(['APRIL 2025'], 'en', ref)).toEqual(['2025-04']);
    expect(resolve(['POLICE IN MAY DETAIN NOBODY'], 'en', ref)).toEqual([]);
  });

  it('reads a year alone on its line as a heading, not a year inside a sentence', () => {
    expect(resolve(['2024'], 'en', ref)).toEqual(['2024']);
    expect(resolve(['2023:'], 'ru', ref)).toEqual(['2023']);
    expect(resolve(['2024 was a hard year.'], 'en', ref)).toEqual([]);
  });

  it('moves a weekday onto the day of the month said with it', () => {
    // Tuesday of last week is the 24th; "the 17th" says it is the Tuesday before.
    expect(resolve(['She said that on Tuesday last week, the 17th, guards beat her.'], 'en', ref)).toEqual([
      '2026-11-17',
    ]);
    expect(resolve(['On Friday, the 27th, he was fined.'], 'en', ref)).toEqual(['2026-11-27']);
    expect(resolve(['Во вторник на прошлой неделе, 17-го, его избили.'], 'ru', ref)).toEqual(['2026-11-17']);
  });

  it('reads "the same afternoon" as the same day, and "that October" as the story’s October', () => {
    expect(resolve(['He was sentenced on 2 October.', 'The same afternoon she was detained.'], 'en', ref)).toEqual([
      '2026-10-02',
      '2026-10-02',
    ]);
    const story = ['On 30 June 2025 he was sentenced.', 'An appeal court upheld it that October.'];
    expect(resolve(story, 'en', ref)).toEqual(['2025-06-30', '2025-10']);
  });
});

describe('dates as speech says them', () => {
  it('takes back a date speech corrects, and keeps the one it means', () => {
    const text = 'Во вторник его увезли, — нет, вру, в среду, четвёртого, а в четверг был суд.';
    expect(resolve([text], 'ru', '2025-06-10')).toEqual(['2025-06-04', '2025-06-05']);
    const later = 'Жалобу рассмотрят семнадцатого, — нет, погодите, восемнадцатого, в среду.';
    expect(resolve([later], 'ru', '2025-06-10')).toEqual(['2025-06-18']);
  });

  it('reads a year without its century and a week after unsaid as one', () => {
    expect(resolve(['В девятнадцатом году его уже штрафовали.'], 'ru', '2025-06-10')).toEqual(['2019']);
    expect(resolve(['Его задержали 3 мая; спустя неделю суд оштрафовал его.'], 'ru', '2025-06-10')).toEqual([
      '2025-05-03',
      '2025-05-10',
    ]);
    expect(resolve(['Ответ приходит через неделю-две.'], 'ru', '2025-06-10')).toEqual([]);
    // An ordinal that counts people is no day.
    expect(resolve(['Второго, третьего и пятого задержанных отпустили.'], 'ru', '2025-06-10')).toEqual([]);
  });
});
