/**
 * Extraction start-up and throughput: words/s on one core over the annotated reports (both languages), peak memory, and
 * compromise's English NER (people/places/organizations) on the same English text for comparison.
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

function run(label: string, texts: string[], fn: (t: string) => unknown): void {
  const total = texts.reduce((n, t) => n + words(t), 0);
  let processed = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (const t of texts) fn(t);
    processed += total;
  }
  const elapsed = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(34)} ${Math.round(processed / elapsed)
      .toLocaleString('en')
      .padStart(10)} words/s`,
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
run('chronicle extract (ru)', ru, (t) => extract(t, { language: 'ru', referenceDate: '2024-01-01' }));
run('chronicle extract (en)', en, (t) => extract(t, { language: 'en', referenceDate: '2024-01-01' }));
run('chronicle extract (all)', [...ru, ...en], (t) => extract(t, { referenceDate: '2024-01-01' }));
run('compromise people/places/orgs (en)', en, (t) => {
  const doc = nlp(t);
  return [doc.people().out('array'), doc.places().out('array'), doc.organizations().out('array')];
});
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
