// Backups of the database: backup, backups, restore.
import { resolve } from 'node:path';
import { UsageError, pick, type Command } from '../command.ts';

export const BACKUP_COMMANDS: Command[] = [
  {
    name: 'backup',
    options: pick(),
    store: 'open',
    async run({ store, io }) {
      const b = await store.backupNow();
      io.out(`已备份到 ${b.path}`);
      return 0;
    },
  },
  {
    name: 'backups',
    options: pick('json'),
    store: 'open',
    async run({ store, values: o, io }) {
      const list = store.listBackups();
      if (o.json) io.out(JSON.stringify(list, null, 2));
      else if (!list.length) io.out('还没有备份');
      else for (const b of list) io.out(`${b.path}　${b.createdAt ?? ''}　${b.reason ?? ''}`);
      return 0;
    },
  },
  {
    name: 'restore',
    options: pick(),
    store: 'open',
    async run({ positionals: pos, io, dbPath, closeStore }) {
      const file = pos[1];
      if (!file) throw new UsageError('请给出备份文件：restore <备份文件>');
      closeStore();
      const { restoreBackup } = await import('../../store/backup.ts');
      await restoreBackup(resolve(file), dbPath);
      io.out(`已从 ${resolve(file)} 恢复数据库（恢复前的数据库已另行备份）`);
      return 0;
    },
  },
];
