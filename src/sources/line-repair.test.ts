import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repairLineBreaks } from './line-repair.js';

describe('repairLineBreaks', () => {
  it('joins a sentence broken across lines', () => {
    expect(repairLineBreaks('Yesterday in Saratov\npolice detained two activists.')).toBe(
      'Yesterday in Saratov police detained two activists.',
    );
    expect(repairLineBreaks('Вчера в Саратове\nполиция задержала двух активистов.')).toBe(
      'Вчера в Саратове полиция задержала двух активистов.',
    );
  });

  it('joins a line that ends in a preposition even before a capitalised name', () => {
    expect(repairLineBreaks('Yesterday in\nSaratov police detained him.')).toBe(
      'Yesterday in Saratov police detained him.',
    );
  });

  it('re-joins words hyphenated at the line end, Russian and English', () => {
    expect(repairLineBreaks('Полицейские задер-\nжали активиста.')).toBe('Полицейские задержали активиста.');
    expect(repairLineBreaks('Officers were detain-\ning protesters.')).toBe('Officers were detaining protesters.');
  });

  it('drops a soft hyphen at the line end', () => {
    expect(repairLineBreaks('задер\u00ad\nжали')).toBe('задержали');
  });

  it('keeps real compound hyphens', () => {
    expect(repairLineBreaks('a pro-\ndemocracy rally')).toBe('a pro-democracy rally');
    expect(repairLineBreaks('the anti-\nwar statement')).toBe('the anti-war statement');
    expect(repairLineBreaks('в Ростове-на-\nДону')).toBe('в Ростове-на-Дону');
    expect(repairLineBreaks('в Ростов-\nна-Дону')).toBe('в Ростов-на-Дону');
    expect(repairLineBreaks('сообщила пресс-\nслужба суда')).toBe('сообщила пресс-служба суда');
    expect(repairLineBreaks('кто-\nто позвонил')).toBe('кто-то позвонил');
    expect(repairLineBreaks('говорил по-\nрусски')).toBe('говорил по-русски');
    expect(repairLineBreaks('a 15-\nyear sentence')).toBe('a 15-year sentence');
  });

  it('joins ordinary words that only start like a prefix', () => {
    expect(repairLineBreaks('the pro-\nsecutor asked')).toBe('the prosecutor asked');
    expect(repairLineBreaks('ordinary pro-\ntest')).toBe('ordinary protest');
  });

  it('keeps the hyphen of a word the same text writes with one elsewhere («pre-trial»)', () => {
    expect(repairLineBreaks('The pre-\ntrial detention was extended. Pre-trial detention is common.')).toBe(
      'The pre-trial detention was extended. Pre-trial detention is common.',
    );
    expect(repairLineBreaks('after the post-\nelection protests; post-election arrests')).toBe(
      'after the post-election protests; post-election arrests',
    );
  });

  it('joins a word the same text writes joined elsewhere, even after a compound prefix', () => {
    expect(repairLineBreaks('the anti-\nbiotics ran out; antibiotics were refused')).toBe(
      'the antibiotics ran out; antibiotics were refused',
    );
    expect(repairLineBreaks('северо-за-\nпадный район; Северо-Западный округ')).toBe(
      'северо-западный район; Северо-Западный округ',
    );
  });

  it('falls back to the rules when the text has neither spelling of the word, or both', () => {
    expect(repairLineBreaks('The pre-\ntrial detention was extended.')).toBe('The pretrial detention was extended.');
    expect(repairLineBreaks('the pro-\ndemocracy rally')).toBe('the pro-democracy rally');
    expect(repairLineBreaks('The pre-\ntrial; pretrial and pre-trial')).toBe('The pretrial; pretrial and pre-trial');
    expect(repairLineBreaks('the pro-\ndemocracy rally; prodemocracy, pro-democracy')).toBe(
      'the pro-democracy rally; prodemocracy, pro-democracy',
    );
  });

  it('does not take a word broken at another line end for evidence of its spelling', () => {
    expect(repairLineBreaks('The pre-\ntrial hearing and the\npre-\ntrial detention')).toBe(
      'The pretrial hearing and the pretrial detention',
    );
  });

  it('keeps a dash surrounded by spaces as a dash', () => {
    expect(repairLineBreaks('Суд -\nэто фарс')).toBe('Суд - это фарс');
  });

  it('keeps blank-line paragraph breaks as one blank line', () => {
    expect(repairLineBreaks('First paragraph\ncontinues.\n\n\n\nSecond one.')).toBe(
      'First paragraph continues.\n\nSecond one.',
    );
  });

  it('keeps a break after a sentence when the next line starts a paragraph', () => {
    expect(repairLineBreaks('Он был задержан.\nСуд назначил арест.')).toBe('Он был задержан.\nСуд назначил арест.');
    expect(repairLineBreaks('The hearing ended.\n«Мы обжалуем», said the lawyer.')).toBe(
      'The hearing ended.\n«Мы обжалуем», said the lawyer.',
    );
  });

  it('joins a line that ends in an abbreviation, which ends no sentence', () => {
    expect(repairLineBreaks('Дело возбуждено по ч. 2 ст.\n280.3 УК РФ.')).toBe(
      'Дело возбуждено по ч. 2 ст. 280.3 УК РФ.',
    );
    expect(repairLineBreaks('Его задержали в г.\nКазани у дома на ул.\nЛенина.')).toBe(
      'Его задержали в г. Казани у дома на ул. Ленина.',
    );
    expect(repairLineBreaks('Председательствовала судья И.\nИ. Вымышленная.')).toBe(
      'Председательствовала судья И. И. Вымышленная.',
    );
    expect(repairLineBreaks('charged under Art.\n20.2 of the Code, as in Ivanov v.\nRussia')).toBe(
      'charged under Art. 20.2 of the Code, as in Ivanov v. Russia',
    );
  });

  it('keeps the break after a word that only looks like an abbreviation, and after a year', () => {
    expect(repairLineBreaks('The witness said no.\nThe judge went on.')).toBe(
      'The witness said no.\nThe judge went on.',
    );
    expect(repairLineBreaks('Его осудили в 2020 г.\nСуд отказал в УДО.')).toBe(
      'Его осудили в 2020 г.\nСуд отказал в УДО.',
    );
    expect(repairLineBreaks('Подписал Иванов И.И.\nСуд отказал.')).toBe('Подписал Иванов И.И.\nСуд отказал.');
  });

  it('keeps headings and list items on their own lines', () => {
    expect(repairLineBreaks('Приговор\nСуд назначил два года колонии.')).toBe(
      'Приговор\nСуд назначил два года колонии.',
    );
    expect(repairLineBreaks('Detained:\n- Oleg Inventov\n- Maria Fictiva')).toBe(
      'Detained:\n- Oleg Inventov\n- Maria Fictiva',
    );
    expect(repairLineBreaks('Этапы:\n1. обыск\n2. допрос')).toBe('Этапы:\n1. обыск\n2. допрос');
  });

  it('normalises CRLF and runs of spaces', () => {
    expect(repairLineBreaks('a   b\r\nc')).toBe('a b c');
  });

  it('is total on odd input', () => {
    expect(repairLineBreaks('')).toBe('');
    expect(repairLineBreaks('-\n-\n-')).toBe('- - -');
    expect(repairLineBreaks('\n\n\n')).toBe('');
  });

  it('never loses or invents a visible character (only spaces, line breaks and line-end hyphens change)', () => {
    const strip = (t: string): string => t.replace(/[\s\u00ad\u2010\u2011-]/g, '');
    const line = fc.stringMatching(/^[a-zA-Zа-яА-ЯёЁ0-9 .,:;!?«»"()\u00ad\u2010-]{0,40}$/);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const input = lines.join('\n');
        const output = repairLineBreaks(input);
        expect(strip(output)).toBe(strip(input));
        expect(output).not.toMatch(/\n{3,}|^\s|\s$/);
      }),
      { numRuns: 300 },
    );
  });
});
