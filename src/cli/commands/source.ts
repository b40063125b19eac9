import type { Command } from 'commander';
import type { Confidentiality } from '../../db/schema.js';
import { changeSourceDetailsWithProposals } from '../../record/index.js';
import { ChronicleError } from '../../shared/errors.js';
import type { Reliability, SourceChanges } from '../../sources/index.js';
import { printJson, printLine } from '../io.js';
import { withRuntime } from '../runtime.js';

interface SetOptions {
  title?: string;
  publisher?: string;
  author?: string;
  url?: string;
  publishedAt?: string;
  reliability?: string;
  confidentiality?: string;
  notes?: string;
  json?: boolean;
}

/**
 * `chronicle source set ID [--title T] [--publisher P] [--author A] [--url U] [--published-at D] [--reliability A-F]
 * [--confidentiality LEVEL] [--json]`: a source's details corrected, as on its page (src/sources/source-details.ts).
 * An empty value ('') clears a field. The CLI acts as the workspace's operator; the change is audited without a user.
 */
export function registerSourceCommands(program: Command): void {
  const source = program.command('source').description("a source's details");
  source
    .command('set')
    .argument('<id>', "the source's id")
    .option('--title <title>', 'its title')
    .option('--publisher <name>', 'who published it')
    .option('--author <name>', 'who wrote it')
    .option('--url <url>', 'where it was published (http or https)')
    .option('--published-at <date>', 'when: a year, a month or a day (2024, 2024-03, 2024-03-15)')
    .option('--reliability <grade>', 'A (completely reliable) to F (cannot be judged); "" clears it')
    .option('--confidentiality <level>', 'public, internal or restricted')
    .option('--notes <text>', 'how it reached you, from whom, how it was checked')
    .option('--json', 'print the fields changed, before and after, as JSON')
    .description("correct a source's details, judge its reliability, set who may read it (audited)")
    .action(async (id: string, options: SetOptions, command: Command) => {
      const changes: SourceChanges = {
        ...(options.title !== undefined ? { title: options.title } : {}),
        ...(options.publisher !== undefined ? { publisher: options.publisher } : {}),
        ...(options.author !== undefined ? { author: options.author } : {}),
        ...(options.url !== undefined ? { url: options.url } : {}),
        ...(options.publishedAt !== undefined ? { publishedAt: options.publishedAt } : {}),
        ...(options.reliability !== undefined ? { reliability: options.reliability as Reliability } : {}),
        ...(options.confidentiality !== undefined
          ? { confidentiality: options.confidentiality as Confidentiality }
          : {}),
        ...(options.notes !== undefined ? { notes: options.notes } : {}),
      };
      if (Object.keys(changes).length === 0)
        throw new ChronicleError(
          'USAGE',
          'say what to change: --title, --publisher, --author, --url, --published-at, --reliability, --confidentiality or --notes',
        );
      await withRuntime(command, async ({ workspace }) => {
        const { before, after } = await workspace.db
          .transaction()
          .execute((trx) => changeSourceDetailsWithProposals(trx, id, changes, null))
          .catch((error: unknown) => {
            // A value refused is a usage error here, said with the option's name rather than the field's.
            if (error instanceof ChronicleError && error.code === 'VALIDATION')
              throw new ChronicleError('USAGE', `--${flagOf(error.message)}`);
            throw error;
          });
        if (options.json) return printJson({ sourceId: id, before, after });
        const fields = Object.keys(after) as Array<keyof typeof after>;
        if (fields.length === 0) return printLine(`${id}: nothing to change`);
        for (const field of fields)
          printLine(`${id}: ${field} ${before[field] ?? '(none)'} → ${after[field] ?? '(none)'}`);
      });
    });
}

/** `'publishedAt must be a real date…'` → `'published-at must be a real date…'`: a field's name as its option's. */
function flagOf(message: string): string {
  return message.replace(/^[a-zA-Z]+/, (field) => field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`));
}
