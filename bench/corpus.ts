/**
 * Synthetic reports for benchmarks: Russian and English, invented names, the vocabulary of real monitoring
 * reports. Deterministic for a seed, generated lazily so a 1M-document corpus never sits in memory.
 */
const RU_GIVEN = [
  'Иван',
  'Олег',
  'Анна',
  'Мария',
  'Тимур',
  'Ринат',
  'Ольга',
  'Дмитрий',
  'Алина',
  'Сергей',
  'Гульнара',
  'Павел',
];
const RU_SURNAMES = ['Тестов', 'Примеров', 'Условный', 'Выдуманов', 'Сочинёнов', 'Вымыслов', 'Пробный', 'Образцов'];
const RU_CITIES = ['Уфе', 'Казани', 'Саратове', 'Ростове-на-Дону', 'Екатеринбурге', 'Новосибирске', 'Перми', 'Томске'];
const RU_ACTS = [
  'задержали активиста {p} после одиночного пикета',
  'суд приговорил {p} к {n} годам колонии общего режима',
  'у {p} прошёл обыск по делу о «дискредитации армии»',
  'суд оштрафовал {p} на {n}0 тысяч рублей по ст. 20.3.3 КоАП',
  'полиция доставила {p} в отдел, составлен протокол',
  'против {p} возбуждено уголовное дело по ч. 2 ст. 205.2 УК РФ',
];
const EN_GIVEN = ['John', 'Anna', 'Oleg', 'Maria', 'Timur', 'Irina', 'Pavel', 'Dmitry', 'Olga', 'Ruslan'];
const EN_SURNAMES = ['Testov', 'Primerova', 'Uslovny', 'Vydumanov', 'Obraztsova', 'Vymyslov', 'Probny'];
const EN_CITIES = ['Ufa', 'Kazan', 'Saratov', 'Rostov-on-Don', 'Yekaterinburg', 'Novosibirsk', 'Perm', 'Tomsk'];
const EN_ACTS = [
  'police detained activist {p} after a solitary picket',
  'a court sentenced {p} to {n} years in a penal colony',
  'security officers searched the flat of {p}',
  'a judge fined {p} {n}0,000 rubles for "discrediting the army"',
  'investigators charged {p} with "justifying terrorism"',
  '{p} was released after two days in custody',
];

/** A small deterministic PRNG (mulberry32) so every run benchmarks the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

export interface SyntheticReport {
  name: string;
  text: string;
  language: 'ru' | 'en';
}

/** `syntheticReports(3)` yields three reports of about 80–150 words each. */
export function* syntheticReports(count: number, seed = 42): Generator<SyntheticReport> {
  const rnd = random(seed);
  for (let i = 0; i < count; i++) {
    const ru = rnd() < 0.6;
    const sentences: string[] = [];
    const n = 4 + Math.floor(rnd() * 5);
    for (let s = 0; s < n; s++) {
      if (ru) {
        const person = `${pick(rnd, RU_GIVEN)} ${pick(rnd, RU_SURNAMES)}а`;
        sentences.push(
          `В ${pick(rnd, RU_CITIES)} ${pick(rnd, RU_ACTS)
            .replace('{p}', person)
            .replace('{n}', String(1 + Math.floor(rnd() * 9)))}.`,
        );
      } else {
        const person = `${pick(rnd, EN_GIVEN)} ${pick(rnd, EN_SURNAMES)}`;
        const act = pick(rnd, EN_ACTS)
          .replace('{p}', person)
          .replace('{n}', String(1 + Math.floor(rnd() * 9)));
        sentences.push(`In ${pick(rnd, EN_CITIES)}, ${act}.`);
      }
    }
    sentences.push(ru ? `Сообщение № ${i} от мониторинговой группы.` : `Report number ${i} from the monitoring group.`);
    yield { name: `report-${i}.txt`, text: sentences.join(' '), language: ru ? 'ru' : 'en' };
  }
}
