/**
 * The auth domain: accounts, passwords, sessions, sign-in throttling, TOTP, and the one policy module deciding
 * who may do what and see which records (DESIGN §8). Other folders import auth only from here.
 */
export {
  checkGroupName,
  createGroup,
  deleteGroup,
  type GroupSummary,
  getGroup,
  groupNameKey,
  listGroups,
  MAX_GROUP_NAME,
  recordGroups,
  renameGroup,
  SCOPED_TABLES,
  setGroupMember,
  setRecordGroups,
} from './groups.js';
export { changeOwnPassword, type SelfActor } from './own-account.js';
export {
  checkPasswordPolicy,
  decoyHash,
  generatePassword,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  passwordScheme,
  verifyPassword,
} from './passwords.js';
export type { Action, Audience, PolicyUser, Role, Scope, ScopedTable } from './policy.js';
export {
  ACTION_ROLES,
  audienceScope,
  can,
  caseScope,
  eventInVisibleCaseScope,
  eventScope,
  isPublicAudience,
  isPublishable,
  isRole,
  organizationScope,
  personScope,
  publishableScope,
  ROLES,
  roleAtLeast,
  scopeHidesOnlyRestricted,
  sourceScope,
  visibilityClass,
  visibleIds,
  visibleScope,
  WORKSPACE_OWNER,
} from './policy.js';
export type { RateLimitOptions } from './rate-limit.js';
export { ACCOUNT_LOCK, ADDRESS_LIMIT, AddressLimiter } from './rate-limit.js';
export {
  auditRestrictedListRead,
  auditRestrictedRead,
  auditRestrictedReads,
  restrictedAmong,
} from './restricted-read.js';
export type { ActiveSession, SessionTimeouts, SessionUser } from './sessions.js';
export {
  clearedSessionCookie,
  createSession,
  csrfMatches,
  hashToken,
  readSessionCookie,
  resolveSession,
  revokeSession,
  revokeUserSessions,
  SESSION_ABSOLUTE_MS,
  SESSION_COOKIE,
  SESSION_IDLE_MS,
  sessionCookie,
} from './sessions.js';
export type { TotpAlgorithm, TotpOptions } from './totp.js';
export { base32Decode, base32Encode, generateTotpSecret, hotp, totp, totpUri, verifyTotp } from './totp.js';
export type { TotpStatus } from './totp-enrolment.js';
export {
  confirmTotpEnrolment,
  disableOwnTotp,
  regenerateRecoveryCodes,
  startTotpEnrolment,
  totpStatus,
} from './totp-enrolment.js';
export type { SignInInput, SignInResult, UserSummary } from './users.js';
export {
  createUser,
  disableTotp,
  enableTotp,
  ensureInitialAdmin,
  getUser,
  listUsers,
  normalizeUsername,
  resetPassword,
  SIGN_IN_FAILED,
  setUserDisabled,
  setUserRole,
  signIn,
  signOut,
  unlockUser,
} from './users.js';
