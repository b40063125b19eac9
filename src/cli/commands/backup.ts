import type { Command } from 'commander';
import { resolveKey } from '../../app/runtime.js';
import { backupWorkspace, inspectBackup, rekeyWorkspace, restoreWorkspace } from '../../backup/index.js';
import { resolveDataDir, sqliteWorkspaceExists } from '../../db/connection.js';
import { holdWorkspaceAlone } from '../../db/workspace-lock.js';
import { ChronicleError } from '../../shared/errors.js';
import { printJson, printLine } from '../io.js';
import { withRuntime } from '../runtime.js';

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * `chronicle backup FILE`, `chronicle restore FILE [--check]`, `chronicle rekey` — the workspace at rest
 * (DESIGN §8). All need CHRONICLE_KEY; a wrong or missing key is a one-line error and exit 1.
 */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'where to write the encrypted backup')
    .option('--json', 'print the manifest as JSON')
    .description(
      'write an encrypted, verifiable backup of the workspace (AES-256-GCM under a key derived from CHRONICLE_KEY)',
    )
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        const manifest = await backupWorkspace(workspace, resolveKey(workspace.dataDir), file);
        if (options.json) printJson(manifest);
        else
          printLine(
            `backup written to ${file}: ${manifest.counts.sources} sources, ${manifest.counts.blobs} originals, sha256 ${manifest.database.sha256}`,
          );
      });
    });

  program
    .command('restore')
    .argument('<file>', 'a backup written by chronicle backup')
    .option('--check', 'only decrypt and verify the backup; change nothing')
    .option('--json', 'print the manifest as JSON')
    .description('replace the workspace with a backup, after checking its integrity (stop the server first)')
    .action(async (file: string, options: { check?: boolean; json?: boolean }, command: Command) => {
      if (process.env.DATABASE_URL) throw new ChronicleError('USAGE', 'restore a PostgreSQL workspace with pg_restore');
      const dataDir = resolveDataDir((command.optsWithGlobals() as { data?: string }).data);
      const key = resolveKey(dataDir);
      if (options.check) {
        const manifest = inspectBackup(key, file);
        if (options.json) printJson(manifest);
        else printLine(`backup intact: ${manifest.counts.sources} sources from ${manifest.createdAt}`);
        return;
      }
      const { manifest, previous } = await restoreWorkspace(dataDir, key, file);
      if (options.json) printJson({ ...manifest, previous });
      else
        printLine(
          `restored ${manifest.counts.sources} sources from ${manifest.createdAt}${previous ? `; the replaced database is kept as ${previous}` : ''}`,
        );
    });

  program
    .command('rekey')
    .option('--new-key-stdin', 'read the new key from standard input (else CHRONICLE_NEW_KEY)')
    .description('re-encrypt the workspace and its originals under a new key; then set CHRONICLE_KEY to the new key')
    .action(async (options: { newKeyStdin?: boolean }, command: Command) => {
      const newKey = options.newKeyStdin ? await readStdinLine() : process.env.CHRONICLE_NEW_KEY;
      if (!newKey)
        throw new ChronicleError(
          'USAGE',
          'give the new key on standard input (--new-key-stdin) or in CHRONICLE_NEW_KEY',
        );
      // Claimed before the workspace is opened (and migrated): beside a running server, rekey resealed the
      // originals and then failed on the server's connection, half done.
      const dataDir = process.env.DATABASE_URL
        ? null
        : resolveDataDir((command.optsWithGlobals() as { data?: string }).data);
      const release =
        dataDir && sqliteWorkspaceExists(dataDir) ? holdWorkspaceAlone(dataDir, 'chronicle rekey') : () => {};
      try {
        await withRuntime(
          command,
          async ({ workspace }) => {
            const result = await rekeyWorkspace(workspace, resolveKey(workspace.dataDir), newKey);
            printLine(
              `re-encrypted ${result.blobs} originals${result.database ? ' and the database file' : ''}; from now on set CHRONICLE_KEY to the new key`,
            );
          },
          { rekeying: true },
        );
      } finally {
        release();
      }
    });
}
