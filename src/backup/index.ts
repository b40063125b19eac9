/** Data at rest: encrypted, verifiable backups of the SQLite workspace and key rotation (DESIGN §8). */

export { backupWorkspace, inspectBackup, restoreWorkspace } from './backup.js';
export type { BackupManifest } from './backup-file.js';
export { openBackup, sealBackup } from './backup-file.js';
export { rekeyWorkspace } from './rekey.js';
