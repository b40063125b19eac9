/**
 * `npm run eval`: extraction accuracy on the annotated documents, then on the documents written blind (dev and
 * sealed, without F1 floors: they say how unseen text fares), then name matching on the labelled pairs.
 * `--floor` (what CI runs) exits 1 when any figure is under its floor, or any span, schema or extractor fails.
 */
import { existsSync } from 'node:fs';
import { runExtractionEval, UNSEEN_DEV_DIR, UNSEEN_SEALED_DIR } from './extraction-eval.js';
import { runNamesEval } from './names-eval.js';

const floor = process.argv.includes('--floor');
const extraction = await runExtractionEval({ floor });
process.stdout.write(`${extraction.report}\n`);
let passed = extraction.passed;
for (const [dir, title, sealed] of [
  [UNSEEN_DEV_DIR, 'Unseen documents, dev (may be studied)', false],
  [UNSEEN_SEALED_DIR, 'Unseen documents, sealed (scored only)', true],
] as const) {
  if (!existsSync(dir)) continue;
  const unseen = await runExtractionEval({ floor, dirs: [dir], floors: {}, sealed, title });
  process.stdout.write(`\n${unseen.report}\n`);
  passed &&= unseen.passed;
}
const names = await runNamesEval({ floor });
process.stdout.write(`${names.report}\n`);
passed &&= names.passed;
process.stdout.write(`\nevaluation ${passed ? 'passed' : 'FAILED'}${floor ? ' the CI floors' : ''}\n`);
if (floor && !passed) process.exitCode = 1;
