import type { Command } from 'commander';
import { openRuntime, type Runtime } from '../app/runtime.js';
import { printWarning } from './io.js';

/**
 * Opens the workspace named by the global options (--data, DATABASE_URL, CHRONICLE_KEY), runs `fn`, closes it.
 * Only commands that put something in (`{ writes: true }`: ingest, import, serve, user add) create a workspace
 * that does not exist, and they warn when it is not encrypted at rest.
 */
export async function withRuntime<T>(
  command: Command,
  fn: (runtime: Runtime) => Promise<T>,
  options: { writes?: boolean; rekeying?: boolean } = {},
): Promise<T> {
  const globals = command.optsWithGlobals() as { data?: string };
  const runtime = await openRuntime({
    dataDir: globals.data,
    create: options.writes === true,
    holder: commandLine(command),
    rekeying: options.rekeying,
  });
  if (options.writes && !runtime.cipher)
    printWarning(
      'the workspace is not encrypted at rest (no CHRONICLE_KEY): reports and names are stored in plain text on disk; see "Security" in the README',
    );
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

/** `withRuntime` for the commands that put something in: they create the workspace when there is none. */
export function withWritableRuntime<T>(command: Command, fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  return withRuntime(command, fn, { writes: true });
}

/** The command as typed, without its arguments: `chronicle user add`. */
export function commandLine(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}
