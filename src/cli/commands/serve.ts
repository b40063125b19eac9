import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { runWorker } from '../../jobs/index.js';
import { ChronicleError } from '../../shared/errors.js';
import { createFirstAdmin } from '../first-run.js';
import { printLine, printWarning } from '../io.js';
import { withWritableRuntime } from '../runtime.js';

const DEFAULT_PORT = 4600;

/** `chronicle serve [--host H] [--port N]` (DESIGN §7): host 127.0.0.1, port --port, else PORT, else 4600. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the web UI and the HTTP API')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (default PORT or 4600)')
    .option('--demo', 'on first start, create a demo workspace with invented reports')
    .option('--no-worker', 'do not process queued jobs (ingestion, extraction) in this process')
    .action(async (options: { host: string; port?: string; demo?: boolean; worker?: boolean }, command: Command) => {
      const given = options.port ?? process.env.PORT ?? String(DEFAULT_PORT);
      const port = Number(given);
      if (!/^\d+$/.test(given) || port > 65535)
        throw new ChronicleError(
          'USAGE',
          `${options.port !== undefined ? '--port' : 'PORT'} must be a port number 0–65535, not "${given}"`,
        );
      if (options.demo) {
        const { prepareDemoWorkspace } = await import('../../app/demo.js');
        await prepareDemoWorkspace((command.optsWithGlobals() as { data?: string }).data);
      }
      await withWritableRuntime(command, async (runtime) => {
        const webRoot = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
        const { buildServer } = await import('../../server/app.js');
        // A 500 is otherwise answered "internal error" and forgotten: its cause goes to stderr, for whoever runs it.
        const app = await buildServer({ runtime, webRoot, errorLog: process.stderr });
        const address = await listenOn(app, options.host, port);
        // Only once the port is ours: on a busy port the first admin's password was printed, shown once, and lost.
        await createFirstAdmin(runtime.workspace.db);
        // Behind a proxy (CHRONICLE_TRUST_PROXY, docs/security.md), the proxy is what serves TLS to the network.
        if (!isLoopback(options.host) && !process.env.CHRONICLE_TRUST_PROXY)
          printWarning(
            `listening on ${options.host}, beyond this machine, over plain HTTP: passwords, session cookies and ` +
              'reports cross the network unencrypted. Serve Chronicle behind a TLS proxy and keep --host 127.0.0.1 ' +
              '(docs/security.md, "Serve over TLS")',
          );
        // Listened for before the address is printed: whoever reads it may stop the server at once, and a SIGTERM
        // with no listener yet ends the process without closing the workspace.
        const stopped = new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
        });
        printLine(`Chronicle is running at ${address.replace('[::1]', 'localhost')}`);
        // Uploads queue their extraction; the server works the queue itself so a laptop needs no second process.
        const stopWorker = new AbortController();
        // Started without waiting: finding the OCR program takes a moment, and a SIGTERM meanwhile must stop cleanly.
        const worker =
          options.worker === false
            ? Promise.resolve(0)
            : (async () =>
                runWorker({
                  db: runtime.workspace.db,
                  handlers: await runtime.jobHandlers(null),
                  signal: stopWorker.signal,
                }))().catch((error: unknown) => {
                process.stderr.write(`worker stopped: ${String(error)}\n`);
                return 0;
              });
        await stopped;
        stopWorker.abort();
        await app.close();
        await worker;
        process.stderr.write('Chronicle stopped\n');
      });
    });
}

async function listenOn(app: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    return await app.listen({ host, port });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new ChronicleError('CONFLICT', `port ${port} is in use: choose another with --port`, { cause: error });
    throw error;
  }
}

/** Whether `host` is reachable only from this machine: `localhost`, 127.0.0.0/8, ::1. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}
