import { describe, expect, it } from 'vitest';
import { segment, sentenceView } from './segment.js';

const sentences = (text: string) => segment(text).sentences.map((s) => text.slice(s.start, s.end));

describe('segment', () => {
  it('ends a long unpunctuated title at the blank line under it', () => {
    const text =
      'Tver: librarian fined over a "discrediting" post, her neighbour jailed for ten days, a driver detained\n\n' +
      'On 3 June a court fined Elena Gurova.';
    expect(sentences(text)).toEqual([
      'Tver: librarian fined over a "discrediting" post, her neighbour jailed for ten days, a driver detained',
      'On 3 June a court fined Elena Gurova.',
    ]);
  });

  it('ends a line at a blank line after a closing straight quote, and runs on after an opening one', () => {
    const text = '2 June 2025 | Human Rights Group "North"\n\nPolice detained Ivan Lomov.';
    expect(sentences(text)).toEqual(['2 June 2025 | Human Rights Group "North"', 'Police detained Ivan Lomov.']);
    const opening = 'Police detained members of the group called "\n\nNorth Wind" on Monday.';
    expect(sentences(opening)).toHaveLength(1);
  });

  it('keeps a double-spaced sentence whole where a blank line falls inside it, past the first line', () => {
    const text =
      'Intro line one.\n\nIn the evening the police detained the well-known local environmental activist Pavel Larin and\n\n' +
      'Artyom Sokolov near the square.';
    expect(sentences(text)).toHaveLength(2);
  });

  it('ends a letter’s address at the blank line after initials that close a name', () => {
    const text =
      'Директору АНО «Вереск»\n    Кравцовой-Лыжиной О.Т.\n\nУважаемая Ольга Тимуровна!\n\nВаше обращение рассмотрено.';
    expect(sentences(text)).toEqual([
      'Директору АНО «Вереск»\n    Кравцовой-Лыжиной О.Т.',
      'Уважаемая Ольга Тимуровна!',
      'Ваше обращение рассмотрено.',
    ]);
  });
});

describe('subheadings', () => {
  it('ends a short unpunctuated line that opens a paragraph, and keeps a name broken over the first line', () => {
    const text =
      'Digest, June.\n\nAppeal rejected\nOn 19 June the court upheld the sentence.\n\nReleased\nAnna Lis was freed.';
    expect(sentences(text)).toEqual([
      'Digest, June.',
      'Appeal rejected',
      'On 19 June the court upheld the sentence.',
      'Released',
      'Anna Lis was freed.',
    ]);
    expect(sentences('The court sentenced activist Pavel\nLarin to seven years.')).toHaveLength(1);
  });
});

describe('case card fields', () => {
  it('ends a field line at the next label, after an abbreviation too', () => {
    const text =
      'Дата возбуждения дела: 3 февраля 2025 г.\nЗадержание: 4 февраля 2025 г.\nСтатья: ч. 2 ст. 280.3 УК РФ';
    expect(sentences(text)).toEqual([
      'Дата возбуждения дела: 3 февраля 2025 г.',
      'Задержание: 4 февраля 2025 г.',
      'Статья: ч. 2 ст. 280.3 УК РФ',
    ]);
  });
});

describe('a court website card in two tab-separated columns', () => {
  it('makes each label and its value a sentence of its own', () => {
    const text =
      'Номер дела\t1-77/2026\nСудья\tЛапшина Ирина Олеговна\nДата рассмотрения\t14.05.2026\nРезультат\tВынесен ПРИГОВОР';
    expect(sentences(text)).toEqual([
      'Номер дела\t1-77/2026',
      'Судья\tЛапшина Ирина Олеговна',
      'Дата рассмотрения\t14.05.2026',
      'Результат\tВынесен ПРИГОВОР',
    ]);
  });
});

describe('tables pasted as text', () => {
  it('makes each row a sentence, whatever its last cell ends with', () => {
    const text = 'Список:\nимя | город | статус\nОльга Кимова | Омск | в СИЗО,\nОлег Лунин | Томск | отпущен и\nконец.';
    expect(sentences(text)).toEqual([
      'Список:',
      'имя | город | статус',
      'Ольга Кимова | Омск | в СИЗО,',
      'Олег Лунин | Томск | отпущен и',
      'конец.',
    ]);
  });
});

describe('bulleted items', () => {
  it('starts a sentence at a bullet after a blank line, a full stop or a line without one', () => {
    const text = 'In brief:\n\n• UFA, Thursday. Police detained Ilya Rom.\n\n• OMSK, Friday\n• TOMSK, Saturday';
    expect(sentences(text)).toEqual([
      'In brief:',
      '• UFA, Thursday.',
      'Police detained Ilya Rom.',
      '• OMSK, Friday',
      '• TOMSK, Saturday',
    ]);
  });
});

describe('a post written without capitals', () => {
  it('ends a sentence at a full stop or a blank line before a lower-case word', () => {
    const post =
      'всем привет. пишу потому что не знаю что делать\n\nвчера пришли с обыском. брата увезли в отдел. ' +
      'друга тоже забрали, но вечером отпустили. сегодня суд арестовал брата.';
    const texts = segment(post).sentences.map((s) => post.slice(s.start, s.end));
    expect(texts).toEqual([
      'всем привет.',
      'пишу потому что не знаю что делать',
      'вчера пришли с обыском.',
      'брата увезли в отдел.',
      'друга тоже забрали, но вечером отпустили.',
      'сегодня суд арестовал брата.',
    ]);
  });

  it('leaves a capitalised text’s lower-case continuation in its sentence', () => {
    const text = 'Его задержали у д. 5 на ул. Ленина. Суд арестовал его.';
    expect(segment(text).sentences).toHaveLength(2);
  });
  it('does not end a sentence at the dot inside a quoted dotted name', () => {
    expect(sentences('Заявление проекта «Заря. Поволжье» опубликовано вчера. Его прочли многие.')).toEqual([
      'Заявление проекта «Заря. Поволжье» опубликовано вчера.',
      'Его прочли многие.',
    ]);
    expect(sentences('«Ветлуга.Лента» сообщает: суд продлил арест. Защита обжалует.')).toEqual([
      '«Ветлуга.Лента» сообщает: суд продлил арест.',
      'Защита обжалует.',
    ]);
    expect(sentences('Она сказала: «Хватит. Ухожу». Дверь закрылась.')).toEqual([
      'Она сказала: «Хватит.',
      'Ухожу».',
      'Дверь закрылась.',
    ]);
  });

  it('reads a sentence padded with a long run of spaces with the run cut to its ends, offsets kept', () => {
    const text = `Суд арестовал${' '.repeat(5000)}Олега Зимина на два месяца.`;
    const {
      tokens,
      sentences: [sentence],
    } = segment(text);
    const view = sentenceView(text, tokens, sentence!);
    expect(view.text).toBe('Суд арестовал        Олега Зимина на два месяца.');
    const at = view.text.indexOf('Олега');
    expect(text.slice(view.toDocument(at), view.toDocument(at + 'Олега Зимина'.length - 1) + 1)).toBe('Олега Зимина');
    // A short run stays as it is.
    const short = 'Суд арестовал   Олега Зимина.';
    const parts = segment(short);
    expect(sentenceView(short, parts.tokens, parts.sentences[0]!).text).toBe(short);
  });
});
