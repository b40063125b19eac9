import type { Command } from 'commander';
import {
  acceptAllProposals,
  decideProposals,
  listProposals,
  PROPOSAL_TABLES,
  type ProposalView,
} from '../../record/index.js';
import { ChronicleError } from '../../shared/errors.js';
import { countOption, printJson, printLine } from '../io.js';
import { auditReviewList } from '../restricted-reads.js';
import { withRuntime } from '../runtime.js';

/** `chronicle review list [--json]`, `chronicle review accept --all | ID…`, `chronicle review reject ID…` (DESIGN §7 contract). */
export function registerReviewCommand(program: Command): void {
  const review = program.command('review').description('decide on what extraction proposed: list, accept, reject');

  review
    .command('list')
    .description('proposals waiting for a decision, with their evidence')
    .option('--json', 'one JSON document {total, items}')
    .option('--limit <n>', 'proposals to list', '100')
    .option('--source <id>', "only one source's proposals")
    .action(async (options: { json?: boolean; limit: string; source?: string }, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        const result = await listProposals(workspace.db, {
          limit: countOption('--limit', options.limit, 1, 500),
          sourceId: options.source,
        });
        await auditReviewList(
          workspace.db,
          result.items.map((item) => ({ id: item.id, table: PROPOSAL_TABLES[item.kind] })),
        );
        if (options.json) return printJson(result);
        printLine(`${result.total} proposal${result.total === 1 ? '' : 's'} waiting for review`);
        for (const item of result.items) printLine(describeProposal(item));
      });
    });

  review
    .command('accept')
    .description('accept proposals by id, or all of them with --all')
    .argument('[ids...]')
    .option('--all', 'accept every proposal')
    .option('--json', 'print {accepted, rejected} as JSON')
    .action(async (ids: string[], options: { all?: boolean; json?: boolean }, command: Command) => {
      if (options.all && ids.length > 0) throw new ChronicleError('USAGE', 'give either --all or ids, not both');
      if (!options.all && ids.length === 0) throw new ChronicleError('USAGE', 'give the ids to accept, or --all');
      await withRuntime(command, async ({ workspace }) => {
        const result = await workspace.db
          .transaction()
          .execute((trx) => (options.all ? acceptAllProposals(trx, null) : decideProposals(trx, ids, 'accept', null)));
        if (options.json) return printJson(result);
        printLine(`accepted ${result.accepted.length}`);
      });
    });

  review
    .command('reject')
    .description('reject proposals by id')
    .argument('<ids...>')
    .option('--json', 'print {accepted, rejected} as JSON')
    .action(async (ids: string[], options: { json?: boolean }, command: Command) => {
      await withRuntime(command, async ({ workspace }) => {
        const result = await workspace.db.transaction().execute((trx) => decideProposals(trx, ids, 'reject', null));
        if (options.json) return printJson(result);
        printLine(`rejected ${result.rejected.length}`);
      });
    });
}

function describeProposal(item: ProposalView): string {
  const quote = item.evidence[0]?.quote.replace(/\s+/g, ' ') ?? '';
  const who = item.event?.participants
    .filter((p) => p.role === 'subject')
    .map((p) => p.name)
    .join(', ');
  const extra = item.event
    ? [who, item.event.place?.name, item.event.sentenceYears != null ? `${item.event.sentenceYears} y` : null]
        .filter(Boolean)
        .join(' · ')
    : '';
  return `${item.id}  ${item.kind.padEnd(12)} ${item.label}${extra ? `  ${extra}` : ''}${quote ? `  «${quote.slice(0, 120)}»` : ''}`;
}
