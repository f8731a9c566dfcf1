// The store's backups, one import for callers: making them (backup-create.ts), their
// files, retention and schedule (backup-files.ts), checking a file (inspect.ts) and
// restoring one (restore.ts).
export { createBackup, type BackupOptions, type BackupReason } from './backup-create.ts';
export { DEFAULT_MAX_BACKUPS, dailyBackupDue, defaultBackupDir, listBackups, pruneBackups, type BackupInfo } from './backup-files.ts';
export { FULL_CHECK_ON_OPEN_LIMIT, inspectDatabaseFile, type FileCheck } from './inspect.ts';
export { restoreBackup, type RestoreResult } from './restore.ts';
