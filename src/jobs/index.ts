export type { Job, JobStatus, QueueHealth } from './queue.js';
export {
  claimJob,
  completeJob,
  enqueueJob,
  failJob,
  getJob,
  listJobs,
  renewLease,
  requeueJob,
  retryJobs,
} from './queue.js';
export type { JobHandler, WorkerOptions } from './worker.js';
export { defaultWorkerId, isContention, PERMANENT_FAILURES, runWorker } from './worker.js';
