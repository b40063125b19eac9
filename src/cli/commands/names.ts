import type { Command } from 'commander';
import { compareNames, hasNameLetters, scoreNames } from '../../resolve/index.js';
import { ChronicleError, describeError } from '../../shared/errors.js';
import { decodeText } from '../../sources/index.js';
import { printWarning, readInput } from '../io.js';

/**
 * `chronicle names compare A B` → one JSON line `{"score":…,"match":…,"why":…}`;
 * `chronicle names compare --tsv FILE|-` → one line `score<TAB>true|false` per input line `A<TAB>B`, in order
 * (DESIGN §7, contract). The TSV may be UTF-8 (with or without BOM), UTF-16 with a BOM, Windows-1251 or KOI8-R:
 * it is decoded as ingested plain text is.
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
        const { text } = decodeText(await readTsv(options.tsv));
        process.stdout.write(
          compareTsv(text, (line) => printWarning(`line ${line}: two names separated by a tab expected`)),
        );
        return;
      }
      if (args.length !== 2) throw new ChronicleError('USAGE', 'names compare: expected two names, A and B');
      const [a, b] = args as [string, string];
      checkNameArgument('A', a);
      checkNameArgument('B', b);
      const result = compareNames(a, b);
      process.stdout.write(`${JSON.stringify({ score: result.score, match: result.match, why: result.why })}\n`);
    });
}

/** A name argument that is empty or has no letters to compare (☺☺, 1990) is a usage error, as a missing one is:
 * it could only score 0. `checkNameArgument('B', '★ ★★★')` throws USAGE "names compare: name B ("★ ★★★") has no
 * letters to compare". */
function checkNameArgument(label: 'A' | 'B', name: string): void {
  if (name.trim() === '') throw new ChronicleError('USAGE', `names compare: name ${label} is empty`);
  if (!hasNameLetters(name))
    throw new ChronicleError(
      'USAGE',
      `names compare: name ${label} (${JSON.stringify(name)}) has no letters to compare`,
    );
}

/** The bytes of the TSV; a file that cannot be read is an error naming it
 * (`chronicle: pairs/: is a directory, not a file of A<TAB>B lines`). */
async function readTsv(file: string): Promise<Buffer> {
  try {
    return await readInput(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR')
      throw new ChronicleError('VALIDATION', `${file}: is a directory, not a file of A<TAB>B lines`);
    if (code === 'ENOENT') throw new ChronicleError('NOT_FOUND', `${file}: no such file`);
    throw new ChronicleError('PARSE_FAILED', `${file}: ${describeError(error)}`);
  }
}

/**
 * Scores every `A<TAB>B` line; a line without a tab, with an empty side or a side without letters scores 0 so
 * output stays aligned with input.
 * `compareTsv("Ринат Гайнуллин\tRinat Gaynullin\n☺☺\t★\n")` → "0.996\ttrue\n0\tfalse\n".
 * A line without two names is given to `malformed` by its number: a file saved with `;` or spaces between the names
 * would otherwise read as a column of real non-matches.
 */
export function compareTsv(text: string, malformed: (lineNumber: number) => void = () => {}): string {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  for (const [index, line] of lines.entries()) {
    const tab = line.indexOf('\t');
    if (tab < 0) {
      malformed(index + 1);
      out.push('0\tfalse');
      continue;
    }
    const a = line.slice(0, tab).trim();
    const rest = line.slice(tab + 1);
    const tab2 = rest.indexOf('\t');
    const b = (tab2 < 0 ? rest : rest.slice(0, tab2)).trim();
    if (a === '' || b === '') {
      malformed(index + 1);
      out.push('0\tfalse');
      continue;
    }
    const { score, match } = scoreNames(a, b);
    out.push(`${score}\t${match}`);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
