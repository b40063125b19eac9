import type { Kysely } from 'kysely';
import { type PolicyUser, roleAtLeast, sourceScope } from '../../../auth/index.js';
import type { Database } from '../../../db/schema.js';
import type { Job } from '../../../jobs/index.js';

/** A record id as Chronicle makes them (ULID): what a job's payload or result may name a source by. */
const RECORD_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Every string in a job's payload and result that could be a source's id. */
function idsNamedBy(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') {
    if (RECORD_ID.test(value)) into.add(value);
  } else if (Array.isArray(value)) for (const item of value) idsNamedBy(item, into);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) idsNamedBy(item, into);
  return into;
}

/** A restricted file not read yet: no source of it yet, so no group that may read it but the admins. */
function isRestrictedIngestion(job: Job): boolean {
  const metadata = (job.payload as { metadata?: { confidentiality?: unknown } } | null)?.metadata;
  return metadata?.confidentiality === 'restricted';
}

/**
 * Jobs as `user` may read them. A job about a source the user may not read — restricted, outside their groups —
 * keeps its kind, status, attempts and times, since whether the queue moves is everyone's to know, and withholds its
 * payload, result and error, which name the file, its title and publisher, the source and what was found in it; so
 * does a restricted file not read yet. Admins read every job whole.
 */
export async function visibleJobs(
  db: Kysely<Database>,
  user: PolicyUser | null,
  jobs: Job[],
): Promise<Array<Job & { withheld?: true }>> {
  if (roleAtLeast(user, 'admin')) return jobs;
  const named = jobs.map((job) => idsNamedBy([job.payload, job.result], new Set()));
  const hidden = new Set<string>();
  const ids = [...new Set(named.flatMap((about) => [...about]))];
  const scope = sourceScope(user);
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('sources')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .where((eb) => eb.not(scope(eb)))
      .execute();
    for (const row of rows) hidden.add(row.id);
  }
  return jobs.map((job, index) => {
    // A restricted file read is judged by its sources, which a member of their groups reads.
    const aboutHidden =
      [...named[index]!].some((id) => hidden.has(id)) || (isRestrictedIngestion(job) && job.status !== 'done');
    if (!aboutHidden) return job;
    return {
      ...job,
      payload: null,
      result: null,
      error: job.error === null ? null : 'withheld: the job concerns a source you may not read',
      withheld: true as const,
    };
  });
}
