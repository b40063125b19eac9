/**
 * Names benchmark (issue 4): resolve synthetic person mentions and score the clustering against the generator's
 * truth (pairwise precision, recall, F1), beside two baselines run on the same mentions:
 *   - exact match after lower-casing;
 *   - Jaro-Winkler ≥ 0.9 on one transliteration (ICAO 9303 for Cyrillic), with sorted-neighbourhood blocking
 *     (window 10), since all pairs of a million names cannot be compared.
 *
 *   npx tsx bench/names.ts              100,000 mentions (≈20,000 people)
 *   npx tsx bench/names.ts --scale 1000000
 *
 * Mentions: people drawn with Zipf-like frequencies over common and generated Russian, Tatar, Caucasian and Central
 * Asian names; each written in Cyrillic (a quarter in an oblique case) or Latin under one of ten schemes or a press
 * style; plain, court, capitals, comma styles and initials (5%); a patronymic in 30%; typos in 5%. No two people
 * share a given name and surname, and initials are written only where no one else shares the surname and the
 * initial (namesakes cannot be told apart by name and are left to people).
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  GIVEN,
  type Person,
  patronymicOf,
  pick,
  render,
  rng,
  type Style,
  SURNAMES_A,
  surnameFor,
} from '../eval/names/people.js';
import { type GrammaticalCase, resolveMentions, transliterate } from '../src/resolve/index.js';

/** Stems for generated surnames (-ов, -ин, -ский, -енко), so 200,000 people do not all share 130 surnames. */
const STEMS = `Абрам Агап Аксен Андрон Анис Архип Бажан Барсук Бобр Богат Болот Бородул Брагин Бугай Булан Буров Валуй
Варлам Вахрам Ветл Вихр Влас Вороб Гладк Голуб Горбун Горюн Грач Гром Груздь Губан Дегт Доброхот Долгопол Дорох
Дрозд Дуб Ермол Жарк Журб Забел Завьял Замят Затул Звягинц Зимар Зотк Калаш Калин Камыш Карась Кастор Кашир Клюк
Колесник Колоб Комар Копыл Корнил Коростел Косарь Кочерг Кравц Кудрявц Кулеш Курбат Лапш Ласточк Левш Лихач Лобан
Лукьян Лысак Малах Мамон Маслен Медник Мельнич Мирош Мохнат Мураш Нагорн Нечай Овсян Окун Ордын Осокор Пантел Пахом
Перепел Пескар Плотник Погод Полозк Порош Прох Пуштар Рагоз Ракит Рогач Рудак Рябин Савват Сазон Самсон Свирид Селезн
Синиц Скворц Сморod Сорок Стрелк Сукач Сыч Таран Терех Тимош Токар Трофим Тулуп Ульян Усач Устин Фадей Филат Фомич
Харлам Хвост Холод Цыбул Чебот Черемис Чиж Шапош Шатил Шмел Щегол Юдин Ястреб`
  .split(/\s+/)
  .filter((s) => s !== '' && /^[А-Яа-яЁё]+$/.test(s));

/** Middles that turn a stem into further surname stems (Барсук → Барсуч-ник-ов is not needed; Барсук-ан-ов is). */
const MIDDLES = ['', 'ан', 'ен', 'ул', 'ыш', 'ач', 'ник', 'ец', 'ят', 'ох'];

/** Common surnames first (in frequency order), then ~6,000 generated ones, so the Zipf draw has a long tail. */
function surnamePool(): string[] {
  const out = [...SURNAMES_A];
  for (const middle of MIDDLES) {
    for (const stem of STEMS) {
      const base = stem.replace(/[ьй]$/, '') + middle;
      out.push(`${base}ов`, `${base}ин`, `${base}ский`, `${base}енко`);
    }
  }
  return [...new Set(out)];
}

/** Index drawn with probability ∝ 1/(rank+1)^s (Zipf), by inverse CDF over precomputed weights. */
function zipfSampler(n: number, s: number, r: () => number): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / (i + 1) ** s;
    cdf[i] = total;
  }
  return () => {
    const x = r() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const CASES: GrammaticalCase[] = ['gen', 'dat', 'acc', 'ins', 'pre'];

function typo(s: string, r: () => number): string {
  const words = s.split(' ');
  const i = Math.floor(r() * words.length);
  const w = words[i] ?? '';
  if (w.length < 5 || w.endsWith('.')) return s;
  const kind = r();
  let t = w;
  if (kind < 0.5 && /(\p{L})\1/u.test(w)) t = w.replace(/(\p{L})\1/u, '$1');
  else if (kind < 0.8) {
    const k = 1 + Math.floor(r() * (w.length - 2));
    t = w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
  } else {
    const k = 1 + Math.floor(r() * (w.length - 1));
    t = w.slice(0, k) + w.slice(k + 1);
  }
  words[i] = t;
  return words.join(' ');
}

/** Bits of `SyntheticMentions.traits`: how a mention was written, for the error breakdown (bench/names-diagnose.ts). */
export const TRAIT = { initial: 1, typo: 2, oblique: 4, latin: 8, patronymic: 16, press: 32 } as const;

export interface SyntheticMentions {
  readonly names: string[];
  readonly truth: Int32Array;
  readonly people: number;
  /** Per mention, an OR of `TRAIT` bits. */
  readonly traits: Uint8Array;
  /** The people drawn, indexed by `truth`. */
  readonly persons: readonly Person[];
}

/** Generates `scale` mentions of about scale/5 invented people. Deterministic for a given scale. */
export function syntheticMentions(scale: number, seed = 4242): SyntheticMentions {
  const r = rng(seed);
  const surnames = surnamePool();
  const drawSurname = zipfSampler(surnames.length, 1.0, r);
  const drawGiven = zipfSampler(GIVEN.length, 0.8, r);
  const fathers = GIVEN.filter(([, g]) => g === 'm').map(([n]) => n);
  const drawFather = zipfSampler(fathers.length, 0.8, r);
  const peopleCount = Math.max(1, Math.round(scale / 5));
  // No two people share a given name and surname: from a name alone nobody can tell two Иван Ивановы apart, and
  // the benchmark measures spelling, script and case variation, not namesakes (which stay for people to decide).
  const people: Person[] = [];
  const taken = new Set<string>();
  while (people.length < peopleCount) {
    const [given, gender] = GIVEN[drawGiven()]!;
    const surname = surnames[drawSurname()]!;
    const key = `${given}|${surname}`;
    if (taken.has(key)) continue;
    taken.add(key);
    people.push({
      given,
      gender,
      surname: surnameFor(surname, gender),
      patronymic: patronymicOf(fathers[drawFather()]!, gender),
    });
  }
  // Nor is a name written with an initial drawn for a person who shares the surname and that initial with another
  // (В. Мурашятский beside Владимир and Вадим Мурашятский): nobody can resolve it from the name, so it is written
  // in full instead, keeping the random draws (and so every other mention) as they were.
  const initialShared = new Map<string, number>();
  const initialKey = (p: Person): string => `${p.surname}|${p.given.charAt(0)}`;
  for (const p of people) initialShared.set(initialKey(p), (initialShared.get(initialKey(p)) ?? 0) + 1);
  const names: string[] = new Array(scale);
  const truth = new Int32Array(scale);
  const traits = new Uint8Array(scale);
  for (let i = 0; i < scale; i++) {
    const p = Math.floor(r() * peopleCount);
    const person = people[p]!;
    const cyr = r() < 0.5;
    const x = r();
    let style: Style = x < 0.55 ? 'plain' : x < 0.72 ? 'court' : x < 0.83 ? 'caps' : x < 0.95 ? 'comma' : 'initial';
    if (style === 'initial' && initialShared.get(initialKey(person))! > 1) style = 'plain';
    const withPatronymic = r() < 0.3;
    // The draws stay in the generator's original order, so a scale gives the same mentions as before.
    const oblique = cyr && r() < 0.25;
    const grammaticalCase = oblique ? pick(r, CASES) : undefined;
    const press = !cyr && r() < 0.25;
    let name = render(
      person,
      {
        script: cyr ? 'cyrillic' : 'latin',
        style,
        withPatronymic,
        ...(grammaticalCase !== undefined ? { grammaticalCase } : {}),
        ...(press ? { scheme: 'press' as const } : {}),
      },
      r,
    );
    let t = 0;
    if (r() < 0.05) {
      const typed = typo(name, r);
      if (typed !== name) t |= TRAIT.typo;
      name = typed;
    }
    if (style === 'initial') t |= TRAIT.initial;
    if (oblique) t |= TRAIT.oblique;
    if (!cyr) t |= TRAIT.latin;
    if (withPatronymic) t |= TRAIT.patronymic;
    if (press) t |= TRAIT.press;
    names[i] = name;
    truth[i] = p;
    traits[i] = t;
  }
  return { names, truth, people: peopleCount, traits, persons: people };
}

/** Pairwise precision / recall / F1 of a clustering against the truth. */
export function pairwiseScores(
  clusterOf: ArrayLike<number>,
  truth: ArrayLike<number>,
): { precision: number; recall: number; f1: number } {
  const pairs = (n: number): number => (n * (n - 1)) / 2;
  const cell = new Map<number, number>();
  const byCluster = new Map<number, number>();
  const byTruth = new Map<number, number>();
  for (let i = 0; i < truth.length; i++) {
    const c = clusterOf[i]!;
    const t = truth[i]!;
    const key = c * 4_194_304 + t;
    cell.set(key, (cell.get(key) ?? 0) + 1);
    byCluster.set(c, (byCluster.get(c) ?? 0) + 1);
    byTruth.set(t, (byTruth.get(t) ?? 0) + 1);
  }
  let tp = 0;
  for (const n of cell.values()) tp += pairs(n);
  let predicted = 0;
  for (const n of byCluster.values()) predicted += pairs(n);
  let actual = 0;
  for (const n of byTruth.values()) actual += pairs(n);
  const precision = predicted === 0 ? 1 : tp / predicted;
  const recall = actual === 0 ? 1 : tp / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function exactBaseline(names: readonly string[]): Int32Array {
  const ids = new Map<string, number>();
  const out = new Int32Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const key = names[i]!.toLowerCase().replace(/\s+/g, ' ').trim();
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    out[i] = id;
  }
  return out;
}

/** Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const ma = new Uint8Array(la);
  const mb = new Uint8Array(lb);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (mb[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      ma[i] = 1;
      mb[j] = 1;
      m++;
      break;
    }
  }
  if (m === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const jaro = (m / la + m / lb + (m - t / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

function jaroWinklerBaseline(names: readonly string[], window = 10): Int32Array {
  const latin = names.map((n) => transliterate(n, 'ICAO').toLowerCase().replace(/\s+/g, ' ').trim());
  const order = latin.map((_, i) => i).sort((x, y) => (latin[x]! < latin[y]! ? -1 : latin[x]! > latin[y]! ? 1 : 0));
  const parent = new Int32Array(names.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let i = 0; i < order.length; i++) {
    const x = order[i]!;
    for (let j = i + 1; j < Math.min(order.length, i + window); j++) {
      const y = order[j]!;
      if (jaroWinkler(latin[x]!, latin[y]!) >= 0.9) {
        const rx = find(x);
        const ry = find(y);
        if (rx !== ry) parent[rx] = ry;
      }
    }
  }
  const out = new Int32Array(names.length);
  for (let i = 0; i < out.length; i++) out[i] = find(i);
  return out;
}

function row(
  label: string,
  seconds: number,
  s: { precision: number; recall: number; f1: number },
  clusters: number,
): string {
  return `| ${label} | ${seconds.toFixed(1)} | ${s.precision.toFixed(4)} | ${s.recall.toFixed(4)} | ${s.f1.toFixed(4)} | ${clusters.toLocaleString('en')} |`;
}

/** Runs the benchmark at the given number of mentions and returns a markdown report. */
export async function runNamesBench(options: { scale: number }): Promise<string> {
  const scale = options.scale;
  let t = performance.now();
  const data = syntheticMentions(scale);
  const genSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  const cpuBefore = process.cpuUsage();
  const resolution = resolveMentions(data.names);
  const resolveSeconds = (performance.now() - t) / 1000;
  // CPU time beside wall time: on a shared machine the wall time also counts the waits for a core.
  const cpu = process.cpuUsage(cpuBefore);
  const resolveCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const ours = pairwiseScores(resolution.clusterOf, data.truth);
  const rssAfterResolve = process.resourceUsage().maxRSS / 1024;

  t = performance.now();
  const exact = exactBaseline(data.names);
  const exactSeconds = (performance.now() - t) / 1000;
  const exactScores = pairwiseScores(exact, data.truth);

  t = performance.now();
  const jw = jaroWinklerBaseline(data.names);
  const jwSeconds = (performance.now() - t) / 1000;
  const jwScores = pairwiseScores(jw, data.truth);

  const truePeople = new Set(data.truth).size;
  const s = resolution.stats;
  return [
    `## Names: resolving ${scale.toLocaleString('en')} synthetic mentions (${truePeople.toLocaleString('en')} people)`,
    '',
    '| method | seconds | pairwise precision | pairwise recall | pairwise F1 | clusters |',
    '|---|---:|---:|---:|---:|---:|',
    row(
      'Chronicle resolve (parse, block, score, constrained clustering)',
      resolveSeconds,
      ours,
      resolution.clusterCount,
    ),
    row('baseline: exact match after lower-casing', exactSeconds, exactScores, new Set(exact).size),
    row('baseline: Jaro-Winkler ≥ 0.9 on ICAO transliteration (window 10)', jwSeconds, jwScores, new Set(jw).size),
    '',
    `Generation ${genSeconds.toFixed(1)} s. Resolve: ${s.signatures.toLocaleString('en')} distinct signatures, ${s.blocks.toLocaleString('en')} blocks, ${s.comparisons.toLocaleString('en')} pairwise comparisons, ${resolution.merges.length.toLocaleString('en')} automatic merges, ${resolution.proposals.length.toLocaleString('en')} proposals for review.`,
    `Resolve CPU time ${resolveCpuSeconds.toFixed(1)} s (user + system, all threads) against ${resolveSeconds.toFixed(1)} s wall; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} at the end.`,
    `Peak memory (max RSS of the process): ${rssAfterResolve.toFixed(0)} MB after resolving; targets at 1M mentions: ≤ 120 s, ≤ 2 GB, F1 ≥ 0.95.`,
  ].join('\n');
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const i = process.argv.indexOf('--scale');
  const scale = i >= 0 ? Number(process.argv[i + 1]) : 100_000;
  if (!Number.isInteger(scale) || scale < 10) {
    process.stderr.write('usage: npx tsx bench/names.ts [--scale N]\n');
    process.exitCode = 2;
  } else {
    process.stdout.write(`${await runNamesBench({ scale })}\n`);
  }
}
