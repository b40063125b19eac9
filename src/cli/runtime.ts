import type { Command } from 'commander';
import { openRuntime, type Runtime } from '../app/runtime.js';

/** Opens the workspace named by the global options (--data, DATABASE_URL, CHRONICLE_KEY), runs `fn`, closes it. */
export async function withRuntime<T>(command: Command, fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const globals = command.optsWithGlobals() as { data?: string };
  const runtime = await openRuntime({ dataDir: globals.data });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
