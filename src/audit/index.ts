export { appendAudit, auditEntryHash, auditEntryPayload, GENESIS_HASH } from './chain.js';
export type { AuditEntryInput } from './chain.js';
