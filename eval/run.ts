/**
 * `npm run eval`: extraction accuracy on the annotated documents, then name matching on the labelled pairs.
 * `--floor` (what CI runs) exits 1 when any figure is under its floor.
 */
import { runExtractionEval } from './extraction-eval.js';
import { runNamesEval } from './names-eval.js';

const floor = process.argv.includes('--floor');
const extraction = await runExtractionEval({ floor });
process.stdout.write(`${extraction.report}\n`);
const names = await runNamesEval({ floor });
process.stdout.write(`${names.report}\n`);
const passed = extraction.passed && names.passed;
process.stdout.write(`\nevaluation ${passed ? 'passed' : 'FAILED'}${floor ? ' the CI floors' : ''}\n`);
if (floor && !passed) process.exitCode = 1;
