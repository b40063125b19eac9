import type { Command } from 'commander';

/** `chronicle extract [--lang en|ru|auto] [--reference-date YYYY-MM-DD] FILE|-` (DESIGN §7). */
export function registerExtractCommand(program: Command): void {
  program.command('extract').description('print the Extraction JSON of one document');
}
