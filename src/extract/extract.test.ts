import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { NAUGHTY_STRINGS } from '../../test/hostile/naughty-strings.js';
import { type Extraction, extract, loadExtractor } from './index.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../shared/schema/extraction.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ strict: false }).compile(schema);

function checkContract(text: string, x: Extraction): void {
  expect(validate(x), JSON.stringify(validate.errors)).toBe(true);
  const spans = [
    ...x.persons.flatMap((e) => e.mentions),
    ...x.places.flatMap((e) => e.mentions),
    ...x.organizations.flatMap((e) => e.mentions),
    ...x.cases.flatMap((e) => e.mentions),
    ...x.dates,
    ...x.events.map((e) => e.evidence),
  ];
  for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
}

beforeAll(() => loadExtractor());

describe('extract', () => {
  it('reads a Russian detention with a relative date, place and person in the nominative', () => {
    const text = 'Сегодня в Уфе задержали правозащитника Рамиля Хайруллина. Вчера у него прошёл обыск.';
    const x = extract(text, { referenceDate: '2024-01-17' });
    checkContract(text, x);
    expect(x.language).toBe('ru');
    expect(x.persons.map((p) => p.name)).toEqual(['Рамиль Хайруллин']);
    expect(x.places[0]).toMatchObject({ name: 'Уфа', country: 'RU', geonameId: 479561 });
    expect(x.dates.map((d) => d.value)).toEqual(['2024-01-17', '2024-01-16']);
    const detention = x.events.find((e) => e.type === 'detention');
    expect(detention).toMatchObject({ date: '2024-01-17', places: ['Уфа'], subjects: ['Рамиль Хайруллин'] });
    expect(x.events.find((e) => e.type === 'search')?.subjects).toEqual(['Рамиль Хайруллин']);
  });

  it('keeps a wife and husband with the same surname as two people', () => {
    const text =
      'Задержали Олега Кузнецова. Его супруга Ольга Кузнецова сообщила об этом. Кузнецова отпустили вечером.';
    const x = extract(text, { referenceDate: '2024-01-17' });
    checkContract(text, x);
    expect(x.persons.map((p) => p.name).sort()).toEqual(['Олег Кузнецов', 'Ольга Кузнецова']);
  });

  it('joins a surname-only English mention to the full name and does not tag pronouns', () => {
    const text = 'Police detained Oleg Zimin in Saratov.\nHe was later charged. Zimin denies the charges.';
    const x = extract(text, { referenceDate: '2020-03-05' });
    checkContract(text, x);
    expect(x.persons).toHaveLength(1);
    expect(x.persons[0]?.name).toBe('Oleg Zimin');
    expect(x.persons[0]?.mentions).toHaveLength(2);
  });

  it('finds a name at the end of a line', () => {
    const text = 'The court sentenced activist Pavel\nLarin to seven and a half years.';
    const x = extract(text, { language: 'en', referenceDate: '2020-03-05' });
    checkContract(text, x);
    expect(x.persons.map((p) => p.name)).toEqual(['Pavel Larin']);
    expect(x.events.find((e) => e.type === 'sentence')?.sentenceYears).toBe(7.5);
  });

  it('reads inflected multi-word Russian cities', () => {
    const text = 'Акция прошла в Великих Луках и в Нижнем Новгороде, а также в Ростове-на-Дону.';
    const x = extract(text, { referenceDate: '2024-01-17' });
    expect(x.places.map((p) => p.name)).toEqual(['Великие Луки', 'Нижний Новгород', 'Ростов-на-Дону']);
  });

  it('does not turn ordinary words into places', () => {
    const text = 'Мир изменился. March was cold, and the Police said the Court would meet.';
    const x = extract(text, { language: 'en', referenceDate: '2024-01-17' });
    expect(x.places).toEqual([]);
  });

  it('normalizes articles and named cases', () => {
    const text = 'Их обвиняют по ч. 2 ст. 205.5 УК РФ по делу «Донского кружка».';
    const x = extract(text, { referenceDate: '2024-01-17' });
    expect(x.articles[0]).toMatchObject({ code: 'УК РФ', article: '205.5', part: 2 });
    expect(x.cases[0]?.name).toBe('дело «Донского кружка»');
  });

  it('gives month precision and never invents a day', () => {
    const text = 'Их задержали в ноябре 2020 года. They were detained in November 2020.';
    const x = extract(text, { language: 'ru', referenceDate: '2024-01-17' });
    expect(x.dates.map((d) => d.value)).toContain('2020-11');
    expect(x.dates.every((d) => d.value.length <= 7)).toBe(true);
  });

  it('never crashes and keeps the contract on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        checkContract(text, extract(text));
      }),
      { numRuns: 200 },
    );
  });

  it('handles empty, emoji-only, unbalanced quotes, a 1 MB line and a long word in capitals', () => {
    const long = ['а'.repeat(1_000_000), 'А'.repeat(200_000), 'Иванов '.repeat(50_000)];
    for (const text of ['', '😀😀😀', '«Он сказал "нет', ...long]) {
      const x = extract(text);
      expect(x.events).toBeDefined();
    }
  });

  it('survives 10 MB of text and keeps every span on its text', () => {
    const filler = '0123456789 — ….\n'.repeat(999);
    const report = 'Вчера в Уфе задержали активиста Ивана Тестова. Police in Perm detained Anna Primerova on Monday.\n';
    const block = filler + report;
    const text = block.repeat(Math.ceil(10_000_000 / block.length));
    expect(text.length).toBeGreaterThanOrEqual(10_000_000);
    const x = extract(text, { referenceDate: '2024-01-17' });
    expect(x.events.length).toBeGreaterThan(0);
    checkContract(text, x);
  }, 180_000);

  it('reads a sentence padded with a long run of spaces, as a PDF layout leaves them, with true spans', () => {
    const text = `Вчера суд арестовал${' '.repeat(20000)}Олега Зимина на два месяца.`;
    const x = extract(text, { referenceDate: '2026-03-05' });
    checkContract(text, x);
    expect(x.persons.map((p) => p.name)).toEqual(['Олег Зимин']);
    expect(x.events.map((e) => [e.type, e.date])).toEqual([['custody', '2026-03-04']]);
  });

  it('keeps the contract on every naughty string, alone and inside a report', () => {
    for (const naughty of NAUGHTY_STRINGS) {
      for (const text of [naughty, `Вчера в Уфе задержали ${naughty} Ивана Тестова. ${naughty}`]) {
        checkContract(text, extract(text, { referenceDate: '2024-01-17' }));
      }
    }
  });
});
