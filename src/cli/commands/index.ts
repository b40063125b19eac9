import type { Command } from 'commander';
import { registerExtractCommand } from './extract.js';
import { registerNamesCommand } from './names.js';

/** Every command module exports one `register…Command(program)`; this list is the whole CLI. */
export function registerCommands(program: Command): void {
  registerExtractCommand(program);
  registerNamesCommand(program);
}
