import type { Command } from 'commander';

/** `chronicle names compare A B` and `chronicle names compare --tsv FILE|-` (DESIGN §7). Filled by the names work. */
export function registerNamesCommand(program: Command): void {
  program.command('names').description('compare personal names across scripts and spellings');
}
