import type { Command } from 'commander';
import {
  createGroup,
  deleteGroup,
  type GroupSummary,
  getGroup,
  listGroups,
  recordGroups,
  renameGroup,
  SCOPED_TABLES,
  type ScopedTable,
  setGroupMember,
} from '../../auth/index.js';
import { setRecordGroupsWithProposals } from '../../record/index.js';
import { ChronicleError } from '../../shared/errors.js';
import { printJson, printLine } from '../io.js';
import { withRuntime } from '../runtime.js';

/**
 * `chronicle group add|rename|remove|list|add-member|remove-member|grant|revoke`: access groups, who is in them, and
 * which restricted records they may read. The CLI acts as the workspace's operator; each change is audited without a
 * user id.
 */
export function registerGroupCommands(program: Command): void {
  const group = program.command('group').description('access groups: who may read restricted records');

  group
    .command('add')
    .argument('<name>', 'the group, as people call it (Адвокаты, Family of N.)')
    .option('--json', 'print the group as JSON')
    .description('make an access group')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        const made = await createGroup(workspace.db, null, name);
        if (options.json) printJson(made);
        else printLine(`created group ${made.name}`);
      });
    });

  group
    .command('rename')
    .argument('<group>', 'name or id')
    .argument('<name>', 'its new name')
    .description('rename a group')
    .action(async (group: string, name: string, _options: unknown, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        printLine(describe(await renameGroup(workspace.db, null, group, name)));
      });
    });

  group
    .command('remove')
    .argument('<group>', 'name or id')
    .description('delete a group given no record, its members with it')
    .action(async (name: string, _options: unknown, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        const removed = await deleteGroup(workspace.db, null, name);
        printLine(`deleted group ${removed.name}`);
      });
    });

  group
    .command('list')
    .option('--json', 'one JSON array')
    .description('list the groups, their members and how many records each may read')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        const groups = await listGroups(workspace.db);
        if (options.json) return printJson(groups);
        if (groups.length === 0) printLine('no groups yet: chronicle group add NAME');
        for (const g of groups) printLine(describe(g));
      });
    });

  for (const [verb, member] of [
    ['add-member', true],
    ['remove-member', false],
  ] as const) {
    group
      .command(verb)
      .argument('<group>', 'name or id')
      .argument('<user>', 'username')
      .description(member ? 'put an account in a group' : 'take an account out of a group')
      .action(async (name: string, user: string, _options: unknown, command: Command) => {
        await withRuntime(command, async ({ workspace }) => {
          printLine(describe(await setGroupMember(workspace.db, null, name, user, member)));
        });
      });
  }

  for (const [verb, granted] of [
    ['grant', true],
    ['revoke', false],
  ] as const) {
    group
      .command(verb)
      .argument('<group>', 'name or id')
      .argument('<table>', SCOPED_TABLES.join(', '))
      .argument('<id>', "the record's id")
      .description(
        granted ? 'let a group read a record when it is restricted' : 'no longer let a group read a restricted record',
      )
      .action(async (name: string, table: string, id: string, _options: unknown, command: Command) => {
        if (!(SCOPED_TABLES as readonly string[]).includes(table))
          throw new ChronicleError('USAGE', `the record's table is one of ${SCOPED_TABLES.join(', ')}, not "${table}"`);
        await withRuntime(command, async ({ workspace }) => {
          const { db } = workspace;
          const wanted = (await getGroup(db, name)).id;
          const now = (await recordGroups(db, table as ScopedTable, id)).map((g) => g.id);
          const next = granted ? [...new Set([...now, wanted])] : now.filter((g) => g !== wanted);
          const after = await db
            .transaction()
            .execute((trx) => setRecordGroupsWithProposals(trx, null, table as ScopedTable, id, next));
          printLine(`${table}/${id}: ${after.length > 0 ? after.map((g) => g.name).join(', ') : 'no groups'}`);
        });
      });
  }
}

/** 'Адвокаты: anna, boris · 3 records'. */
function describe(group: GroupSummary): string {
  const members = group.members.length > 0 ? group.members.join(', ') : 'no members';
  return `${group.name}: ${members} · ${group.records} record${group.records === 1 ? '' : 's'}`;
}
