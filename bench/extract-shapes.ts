/**
 * Extraction time on hostile shapes of text, each at two lengths eight times apart: a pattern that rescans what it
 * has read grows 64-fold, a linear one about 8-fold. The baseline is ordinary prose (the same sentence repeated) at
 * the same lengths. A PDF's layout can leave a run of 200,000 spaces inside one sentence; that run took 110 s before
 * the patterns over it were bounded (2026-12-07).
 * Run: `npx tsx bench/extract-shapes.ts [--chars 16000]`.
 */
import { extract, loadExtractor } from '../src/extract/index.js';

const chars = Number(process.argv[process.argv.indexOf('--chars') + 1]) || 16_000;
const fill = (unit: string, n: number) => unit.repeat(Math.max(1, Math.round(n / unit.length)));
const SHAPES: Array<[string, (n: number) => string]> = [
  ['prose (baseline)', (n) => fill('Вчера в Казани полиция задержала Ивана Петрова. ', n)],
  ['a run of spaces inside a sentence', (n) => `Суд арестовал${fill(' ', n)}Олега Зимина 12.03.2026.`],
  ['a run of tabs before a year', (n) => `12.03.2026${fill('\t', n)}2026`],
  ['a run of no-break spaces', (n) => `задержан${fill('\u00a0', n)}2026`],
  ['a dateline padded with spaces', (n) => `UFA,${fill(' ', n)}Monday.`],
  ['one line of dates', (n) => fill('12.03.2026 ', n)],
  ['one line of pipes', (n) => fill('а | ', n)],
  ['initials without end', (n) => fill('А.', n)],
  ['a list of names', (n) => fill('Иванов Иван Иванович, ', n)],
  ['nested quotes', (n) => `${fill('«', n / 2)}x${fill('»', n / 2)}`],
  ['numbered items', (n) => fill('1. Ким — ОМВД.\n', n)],
  ['hyphens', (n) => fill('а-', n)],
  ['a table of rows', (n) => fill('Ким Ольга | Омск | 03.09.2026\n', n)],
];

loadExtractor();
const time = (text: string) => {
  const started = performance.now();
  extract(text, { referenceDate: '2026-03-05' });
  return performance.now() - started;
};
// The first runs compile the grammars' code paths; they would count against the baseline.
for (let k = 0; k < 3; k++) time(SHAPES[0]![1](chars));
const rows: string[][] = [];
let baseline = 1;
for (const [name, make] of SHAPES) {
  const small = time(make(chars));
  const large = time(make(chars * 8));
  if (rows.length === 0) baseline = large;
  rows.push([
    name,
    small.toFixed(0),
    large.toFixed(0),
    `${(large / Math.max(small, 1)).toFixed(1)}×`,
    `${(large / baseline).toFixed(2)}×`,
  ]);
}
console.log(
  `| shape | ms at ${chars.toLocaleString('en')} chars | ms at ${(chars * 8).toLocaleString('en')} | growth (linear ≈ 8×) | against prose |`,
);
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
