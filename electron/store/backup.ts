// The store's backups: made by backup-create.ts (the store calls it on open and on
// demand), files, retention and schedule in backup-files.ts, file checks in inspect.ts,
// restore in restore.ts. Callers outside the store import from here.
export { listBackups } from './backup-files.ts';
export { restoreBackup } from './restore.ts';
