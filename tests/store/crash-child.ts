// Child process of crash.test.ts:  node --import tsx tests/store/crash-child.ts <db> <backupDir>
// Loads, prints LOADED, waits for `GO <first edit>` on stdin, opens the store, prints
// READY, then applies edits forever, printing `OK <n>` after each committed transaction,
// until the parent kills it with SIGKILL. (stdout to a pipe is synchronous on Linux.)
import readline from 'node:readline';
import { FilingStore } from '../../electron/store/store.ts';
import { CRASH_UNIT, applyEdit } from './crash-edits.ts';

const [dbPath, backupDir] = process.argv.slice(2);
if (!dbPath || !backupDir) {
  process.stderr.write('usage: crash-child.ts <db> <backupDir>\n');
  process.exit(2);
}

const rl = readline.createInterface({ input: process.stdin });
process.stdout.write('LOADED\n');
const go = await new Promise<string>((resolve) => rl.once('line', resolve));
rl.close();
const m = /^GO (\d+)$/.exec(go);
if (!m) {
  process.stderr.write(`bad command: ${go}\n`);
  process.exit(2);
}

const store = await FilingStore.open(dbPath, { backupDir });
if (!store.getUnit(CRASH_UNIT)) store.upsertUnit({ code: CRASH_UNIT, name: '崩溃测试单位' });
process.stdout.write('READY\n');
for (let n = Number(m[1]); ; n++) {
  applyEdit(store, n);
  process.stdout.write(`OK ${n}\n`);
}
