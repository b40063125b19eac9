import type { Command } from 'commander';
import {
  createUser,
  disableTotp,
  enableTotp,
  listUsers,
  resetPassword,
  setUserDisabled,
  setUserRole,
  unlockUser,
} from '../../auth/index.js';
import { ChronicleError } from '../../shared/errors.js';
import { printJson, printLine } from '../io.js';
import { withRuntime, withWritableRuntime } from '../runtime.js';

/** Reads one password line from standard input (`printf '%s' "$PW" | chronicle user add anna --role editor --password-stdin`). */
async function passwordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password.includes('\n')) throw new ChronicleError('USAGE', '--password-stdin reads exactly one line');
  return password;
}

/**
 * `chronicle user add NAME --role admin|editor|reviewer|viewer [--password-stdin]` (DESIGN §7 contract), and
 * `user list|disable|enable|reset-password|unlock|role|totp`. The CLI acts as the operator of the workspace
 * (whoever holds CHRONICLE_KEY); its changes appear in the audit log with no user id.
 */
export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('manage accounts');

  user
    .command('add')
    .argument('<name>', 'username')
    .requiredOption('--role <role>', 'admin, editor, reviewer or viewer')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .option('--json', 'print the account as JSON')
    .description('create an account; without --password-stdin a random password is printed once')
    .action(
      async (name: string, options: { role: string; passwordStdin?: boolean; json?: boolean }, command: Command) => {
        if (!['admin', 'editor', 'reviewer', 'viewer'].includes(options.role))
          throw new ChronicleError('USAGE', '--role must be admin, editor, reviewer or viewer');
        const password = options.passwordStdin ? await passwordFromStdin() : undefined;
        await withWritableRuntime(command, async ({ workspace }) => {
          const created = await createUser(workspace.db, null, { username: name, role: options.role, password });
          if (options.json) printJson({ ...created.user, password: created.password ?? undefined });
          else
            printLine(
              `created ${created.user.username} (${created.user.role})${created.password ? `; password: ${created.password}` : ''}`,
            );
        });
      },
    );

  user
    .command('list')
    .option('--json', 'one JSON array')
    .description('list accounts')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        const users = await listUsers(workspace.db);
        if (options.json) return printJson(users);
        for (const u of users) {
          const flags = [
            u.disabled ? 'disabled' : null,
            u.totp ? 'totp' : null,
            u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() ? `locked until ${u.lockedUntil}` : null,
          ].filter(Boolean);
          printLine(`${u.username}\t${u.role}${flags.length ? `\t${flags.join(', ')}` : ''}`);
        }
      });
    });

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(verb)
      .argument('<name>', 'username')
      .description(disabled ? 'disable an account and end its sessions' : 're-enable a disabled account')
      .action(async (name: string, _options: unknown, command: Command) => {
        await withRuntime(command, async ({ workspace }) => {
          const u = await setUserDisabled(workspace.db, null, name, disabled);
          printLine(`${u.username} ${disabled ? 'disabled' : 'enabled'}`);
        });
      });
  }

  user
    .command('reset-password')
    .argument('<name>', 'username')
    .option('--password-stdin', 'read the new password from standard input instead of generating one')
    .description('set a new password, clear a lock-out and end the sessions of the account')
    .action(async (name: string, options: { passwordStdin?: boolean }, command: Command) => {
      const password = options.passwordStdin ? await passwordFromStdin() : undefined;
      await withRuntime(command, async ({ workspace }) => {
        const result = await resetPassword(workspace.db, null, name, password);
        printLine(
          `password of ${result.user.username} reset${result.password ? `; new password: ${result.password}` : ''}`,
        );
      });
    });

  user
    .command('unlock')
    .argument('<name>', 'username')
    .description('clear a lock-out after failed sign-ins, keeping the password and the sessions of the account')
    .action(async (name: string, _options: unknown, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        const u = await unlockUser(workspace.db, null, name);
        printLine(`${u.username} unlocked`);
      });
    });

  user
    .command('role')
    .argument('<name>', 'username')
    .argument('<role>', 'admin, editor, reviewer or viewer')
    .description("change an account's role (ends its sessions)")
    .action(async (name: string, role: string, _options: unknown, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        const u = await setUserRole(workspace.db, null, name, role);
        printLine(`${u.username} is now ${u.role}`);
      });
    });

  user
    .command('totp')
    .argument('<name>', 'username')
    .option('--disable', 'turn the second factor off')
    .description('turn on TOTP for an account: prints the otpauth URI and ten single-use recovery codes, once')
    .action(async (name: string, options: { disable?: boolean }, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        if (options.disable) {
          const u = await disableTotp(workspace.db, null, name);
          printLine(`TOTP turned off for ${u.username}`);
          return;
        }
        const result = await enableTotp(workspace.db, null, name);
        printLine(`secret: ${result.secret}`);
        printLine(`uri: ${result.uri}`);
        printLine('recovery codes (each works once):');
        for (const code of result.recoveryCodes) printLine(`  ${code}`);
      });
    });
}
