import { Command, CommanderError } from 'commander';
import { ChronicleError, describeError } from '../shared/errors.js';
import { registerCommands } from './commands/index.js';
import { printError } from './io.js';

/**
 * The `chronicle` command line. Exit codes (DESIGN §7): 0 ok, 1 error with a one-line reason on stderr, 2 usage.
 * Returns the exit code instead of exiting, so tests can call it in-process.
 */
/** `chronicle jobs | head` closes the pipe early: that is the reader's choice, not an error. */
function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
}

export async function main(argv: string[]): Promise<number> {
  // Once per process, however often tests call `main` in it.
  if (!process.stdout.listeners('error').includes(onStdoutError)) process.stdout.on('error', onStdoutError);
  const program = new Command('chronicle')
    .description('Documenting political persecution: ingest, extract, review, resolve, publish safely.')
    .option('--data <dir>', 'workspace directory (default ./chronicle-data, or CHRONICLE_DATA)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerCommands(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      return 2;
    }
    if (error instanceof ChronicleError) {
      printError(`chronicle: ${describeError(error)}`);
      return error.exitCode;
    }
    printError(`chronicle: ${describeError(error)}`);
    return 1;
  }
}
