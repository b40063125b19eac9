import type { Command } from 'commander';
import { verifyAuditChain } from '../../audit/index.js';
import { printJson, printLine } from '../io.js';
import { withRuntime } from '../runtime.js';

/** `chronicle audit verify [--json]` (DESIGN §7 contract): exit 0 when the chain is intact, 1 naming the first bad entry. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .option('--json', 'print the result as JSON')
    .description('check every entry and link of the audit log')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        const result = await verifyAuditChain(workspace.db);
        if (options.json) printJson(result);
        if (result.ok) {
          if (!options.json)
            printLine(
              `audit log intact: ${result.checked} entries${result.head ? `, head ${result.head.seq}:${result.head.hash}` : ''}`,
            );
          return;
        }
        const bad = result.firstBad!;
        process.stderr.write(
          `chronicle: audit log broken at entry ${bad.seq}: ${bad.reason} (${result.checked} entries before it are intact)\n`,
        );
        process.exitCode = 1;
      });
    });
}
