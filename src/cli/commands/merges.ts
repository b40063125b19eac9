import type { Command } from 'commander';
import {
  COMMAND_LINE_USER,
  keepApart,
  listMergeProposals,
  type MergeProposalView,
  mergeProposal,
  proposeMerges,
  undoMerge,
} from '../../record/index.js';
import { printJson, printLine } from '../io.js';
import { auditMergeList } from '../restricted-reads.js';
import { withRuntime } from '../runtime.js';

/**
 * `chronicle merges list [--json]`, `chronicle merges merge PROPOSAL_ID [--keep PERSON_ID]`,
 * `chronicle merges keep-apart PROPOSAL_ID`, `chronicle merges undo MERGE_ID`: the merge queue from a terminal.
 * The command line acts on every record (as an administrator would) and is audited without an account.
 */
export function registerMergesCommand(program: Command): void {
  const merges = program
    .command('merges')
    .description('persons the names resolver proposes as one: list, merge, keep apart, undo');

  merges
    .command('list')
    .description('pending merge proposals, strongest first (the resolver runs first unless --no-refresh)')
    .option('--json', 'one JSON document {total, items}')
    .option('--limit <n>', 'proposals to list', '100')
    .option('--no-refresh', 'list the stored proposals without running the resolver')
    .action(async (options: { json?: boolean; limit: string; refresh: boolean }, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        if (options.refresh) await proposeMerges(workspace.db);
        const result = await listMergeProposals(workspace.db, COMMAND_LINE_USER, {
          limit: Number(options.limit) || 100,
        });
        await auditMergeList(
          workspace.db,
          result.items.flatMap((item) => [item.a, item.b]),
        );
        if (options.json) return printJson(result);
        printLine(`${result.total} merge proposal${result.total === 1 ? '' : 's'} waiting for a decision`);
        for (const item of result.items) printLine(describe(item));
      });
    });

  merges
    .command('merge')
    .description('merge the two persons of a proposal (undo with `chronicle merges undo MERGE_ID`)')
    .argument('<proposalId>')
    .option('--keep <personId>', 'the person to keep (default: the one with more events)')
    .option('--reason <text>', 'why, for the audit log')
    .option('--json', 'print {mergeId, keptId, mergedId, proposalId} as JSON')
    .action(
      async (proposalId: string, options: { keep?: string; reason?: string; json?: boolean }, command: Command) => {
        await withRuntime(command, async ({ workspace }) => {
          const result = await mergeProposal(workspace.db, COMMAND_LINE_USER, proposalId, {
            keepId: options.keep,
            reason: options.reason ?? null,
          });
          if (options.json) return printJson(result);
          printLine(
            `merged ${result.mergedId} into ${result.keptId}; undo with: chronicle merges undo ${result.mergeId}`,
          );
        });
      },
    );

  merges
    .command('keep-apart')
    .description('record that the two persons of a proposal are different people')
    .argument('<proposalId>')
    .action(async (proposalId: string, _options: unknown, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        await keepApart(workspace.db, COMMAND_LINE_USER, proposalId);
        printLine(`kept apart ${proposalId}`);
      });
    });

  merges
    .command('undo')
    .description('undo a merge or a split: every moved row goes back')
    .argument('<mergeId>')
    .option('--json', 'print the undone merge as JSON')
    .action(async (mergeId: string, options: { json?: boolean }, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        const result = await undoMerge(workspace.db, COMMAND_LINE_USER, mergeId);
        if (options.json) return printJson(result);
        printLine(`undid ${result.kind} ${result.id}: ${result.keptName} and ${result.otherName} are apart again`);
      });
    });
}

function describe(p: MergeProposalView): string {
  const side = (s: MergeProposalView['a']) =>
    `${s.names.map((n) => n.name).join(' / ')} (${s.eventsCount} event${s.eventsCount === 1 ? '' : 's'})`;
  return `${p.id}  ${p.score.toFixed(2)}  ${side(p.a)}  ~  ${side(p.b)}  — ${p.why.summary}`;
}
