/**
 * Extraction start-up and throughput: words/s on one core over the annotated reports (both languages), peak memory, and
 * compromise's English NER (people/places/organizations) on the same English text for comparison.
 * The same reports joined into one document ×1, ×10 and ×100 show that time grows linearly with length.
 * Run: `npx tsx bench/extract.ts [--seconds 5]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { extract, loadExtractor } from '../src/extract/index.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 5;
const dirs = [
  fileURLToPath(new URL('../eval/extraction/', import.meta.url)),
  fileURLToPath(new URL('../../shared/fixtures/extraction/', import.meta.url)),
];
const docs: Array<{ lang: 'ru' | 'en'; text: string }> = [];
for (const dir of dirs) {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.txt'));
  } catch {
    continue;
  }
  for (const n of names)
    docs.push({ lang: n.startsWith('ru') ? 'ru' : 'en', text: readFileSync(join(dir, n), 'utf8') });
}
const words = (t: string) => t.split(/\s+/).filter(Boolean).length;

/**
 * Words per CPU-second of this process (user + system), so the figure is per core and holds on a shared machine
 * where wall-clock time also counts other people's work; wall-clock words/s is shown beside it.
 */
function run(label: string, texts: string[], fn: (t: string) => unknown): void {
  const total = texts.reduce((n, t) => n + words(t), 0);
  let processed = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - started < seconds * 1000) {
    for (const t of texts) fn(t);
    processed += total;
  }
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const fmt = (n: number) => Math.round(n).toLocaleString('en').padStart(10);
  console.log(
    `${label.padEnd(34)} ${fmt(processed / cpuSeconds)} words/s per core ${fmt(processed / elapsed)} words/s wall`,
  );
}

const t0 = performance.now();
loadExtractor();
// Start-up: morphology dictionaries, the prebuilt gazetteer index and name lists (one process, paid once).
console.log(
  `${'start-up (loadExtractor)'.padEnd(34)} ${Math.round(performance.now() - t0)
    .toLocaleString('en')
    .padStart(10)} ms`,
);
const en = docs.filter((d) => d.lang === 'en').map((d) => d.text);
const ru = docs.filter((d) => d.lang === 'ru').map((d) => d.text);
// Warm-up: JIT and the per-word caches (morphology, names) reach their steady state, as in a long-running worker.
const warmUntil = performance.now() + 1000;
while (performance.now() < warmUntil) for (const d of docs) extract(d.text, { referenceDate: '2024-01-01' });
run('chronicle extract (ru)', ru, (t) => extract(t, { language: 'ru', referenceDate: '2024-01-01' }));
run('chronicle extract (en)', en, (t) => extract(t, { language: 'en', referenceDate: '2024-01-01' }));
run('chronicle extract (all)', [...ru, ...en], (t) => extract(t, { referenceDate: '2024-01-01' }));
run('compromise people/places/orgs (en)', en, (t) => {
  const doc = nlp(t);
  return [doc.people().out('array'), doc.places().out('array'), doc.organizations().out('array')];
});

// Linear time: one document made of every report once, 10 times and 100 times over; seconds per word must stay flat.
const corpus = docs.map((d) => d.text).join('\n\n');
let perWordAt1 = 0;
for (const times of [1, 10, 100]) {
  const text = Array.from({ length: times }, () => corpus).join('\n\n');
  // Short inputs are repeated so that each row measures at least a few seconds' worth of the same work.
  const repeats = Math.max(1, Math.round(100 / times));
  const cpu = process.cpuUsage();
  for (let r = 0; r < repeats; r++) extract(text, { referenceDate: '2024-01-01' });
  const used = process.cpuUsage(cpu);
  used.user /= repeats;
  used.system /= repeats;
  const perWord = (used.user + used.system) / 1e6 / words(text);
  if (times === 1) perWordAt1 = perWord;
  console.log(
    `${`one document ×${times} (${(text.length / 1e6).toFixed(2)} M chars)`.padEnd(34)} ${((used.user + used.system) / 1e6).toFixed(2).padStart(10)} s CPU ${(perWord / perWordAt1).toFixed(2).padStart(6)}× the time per word of ×1`,
  );
}
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
