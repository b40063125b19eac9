import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import {
  acceptAllProposals,
  decideProposals,
  findProposal,
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
        if (options.all) return printLine(`accepted ${result.accepted.length}`);
        printLine(await describeAccepted(workspace.db, ids, result.accepted));
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

/**
 * What `review accept ID…` accepted: an event is accepted with the proposals it names (its subject, the organization
 * in its sentence), which are named, or "accepted 3" for one id given left two of them unsaid.
 * `accepted 1 and 2 records it names: person Глеб Пырьев, organization police`.
 */
async function describeAccepted(db: Kysely<Database>, given: string[], accepted: string[]): Promise<string> {
  const asked = new Set(given);
  const named = accepted.filter((id) => !asked.has(id));
  const own = accepted.length - named.length;
  if (named.length === 0) return `accepted ${own}`;
  const labels: string[] = [];
  for (const id of named) labels.push(await describeRecord(db, id));
  // Persons first, as a reader asks who before anything else.
  const rank = (label: string) => ['person', 'organization', 'case', 'event'].indexOf(label.split(' ')[0]!);
  labels.sort((a, b) => rank(a) - rank(b));
  const records = named.length === 1 ? 'record' : 'records';
  return `accepted ${own} and ${named.length} ${records} ${own === 1 ? 'it names' : 'they name'}: ${labels.join(', ')}`;
}

/** A record by its kind and name, as a person reads it: `person Глеб Пырьев`, `event detention`. */
async function describeRecord(db: Kysely<Database>, id: string): Promise<string> {
  const { kind } = await findProposal(db, id);
  if (kind === 'event') {
    const event = await db.selectFrom('events').select('type').where('id', '=', id).executeTakeFirstOrThrow();
    return `event ${event.type}`;
  }
  if (kind === 'person') {
    const person = await db.selectFrom('persons').select('display_name').where('id', '=', id).executeTakeFirstOrThrow();
    return `person ${person.display_name}`;
  }
  const row = await db
    .selectFrom(kind === 'organization' ? 'organizations' : 'cases')
    .select('name')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return `${kind} ${row.name}`;
}
