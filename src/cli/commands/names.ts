import type { Command } from 'commander';
import { compareNames, scoreNames } from '../../resolve/index.js';
import { ChronicleError } from '../../shared/errors.js';
import { readInput } from '../io.js';

/**
 * `chronicle names compare A B` → one JSON line `{"score":…,"match":…,"why":…}`;
 * `chronicle names compare --tsv FILE|-` → one line `score<TAB>true|false` per input line `A<TAB>B`, in order
 * (DESIGN §7, contract).
 */
export function registerNamesCommand(program: Command): void {
  const names = program.command('names').description('compare personal names across scripts and spellings');
  names
    .command('compare')
    .description('compare two names, or every A<TAB>B line of a file (- for standard input) with --tsv')
    .argument('[names...]', 'two names: A B')
    .option('--tsv <file>', 'read A<TAB>B lines from FILE or - (standard input)')
    .action(async (args: string[], options: { tsv?: string }) => {
      if (options.tsv !== undefined) {
        if (args.length > 0) throw new ChronicleError('USAGE', 'names compare: give either --tsv FILE or two names');
        const text = (await readInput(options.tsv)).toString('utf8').replace(/^\uFEFF/, '');
        process.stdout.write(compareTsv(text));
        return;
      }
      if (args.length !== 2) throw new ChronicleError('USAGE', 'names compare: expected two names, A and B');
      const [a, b] = args as [string, string];
      if (a.trim() === '' || b.trim() === '') throw new ChronicleError('VALIDATION', 'names compare: a name is empty');
      const result = compareNames(a, b);
      process.stdout.write(`${JSON.stringify({ score: result.score, match: result.match, why: result.why })}\n`);
    });
}

/** Scores every `A<TAB>B` line; a line without a tab (or an empty side) scores 0 so output stays aligned with input. */
export function compareTsv(text: string): string {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  for (const line of lines) {
    const tab = line.indexOf('\t');
    if (tab < 0) {
      out.push('0\tfalse');
      continue;
    }
    const a = line.slice(0, tab).trim();
    const rest = line.slice(tab + 1);
    const tab2 = rest.indexOf('\t');
    const b = (tab2 < 0 ? rest : rest.slice(0, tab2)).trim();
    if (a === '' || b === '') {
      out.push('0\tfalse');
      continue;
    }
    const { score, match } = scoreNames(a, b);
    out.push(`${score}\t${match}`);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
