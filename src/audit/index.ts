export type { AuditEntryInput } from './chain.js';
export {
  appendAudit,
  auditEntryHash,
  auditEntryPayload,
  GENESIS_HASH,
  recordGeneration,
  takeAuditTurn,
} from './chain.js';
export type { AuditFilter, AuditPage, AuditVerification } from './verify.js';
export { auditActions, ChainChecker, listAudit, verifyAuditChain, verifyAuditEntries } from './verify.js';
