// Interchange JSON and terminal attacks (issue 11), each test named for the attack; the CLI
// runs in-process on real database files, and once as a real process behind a closed pipe.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FilingStore } from '../../electron/store/store.ts';
import { listBackups } from '../../electron/store/backup.ts';
import { terminalSafe } from '../../electron/cli/terminal.ts';
import { cli, tempDir } from './helpers.ts';

const t = tempDir();
afterAll(() => t.cleanup());
let n = 0;
const fresh = () => join(t.dir, `db${++n}.sqlite`);

const own = { code: '100001', name: '某县医疗保障局', supervisor: null, region: '', sample: false };
const other = { code: '200002', name: '某县财政局', supervisor: null, region: '', sample: false };
function project(id: string, unitCode: string, name = '办公经费', year = 2025) {
  return {
    id,
    templateId: 'A',
    unitCode,
    year,
    seq: 1,
    name,
    fundUse: '保障日常办公',
    periods: { annual: { funding: { total: 1_000_000, fiscal: 1_000_000, other: null }, goal: '1.保障运转', indicators: [{ id: 'i1', level1: '产出指标', level2: '数量指标', name: '保障人数', value: '≥10人' }] } },
  };
}
function jsonFile(units: unknown[], projects: unknown[]): string {
  const f = join(t.dir, `f${++n}.json`);
  writeFileSync(f, JSON.stringify({ format: 'jxmb-filings', version: 1, units, projects, deptTargets: [] }));
  return f;
}
async function withStore<T>(db: string, fn: (s: FilingStore) => T): Promise<T> {
  const s = await FilingStore.open(db, { dailyBackup: false });
  try {
    return fn(s);
  } finally {
    s.close();
  }
}

describe('interchange JSON attacks', () => {
  it("a file carrying another unit's project id does not move that project", async () => {
    const db = fresh();
    expect((await cli(['import', jsonFile([own], [project('p-victim', own.code, '本单位项目')]), '--db', db])).code).toBe(0);
    const r = await cli(['import', jsonFile([other], [project('p-victim', other.code, '外来项目')]), '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/标识在本机属于单位 100001 2025 年度，已作为新项目导入/);
    await withStore(db, (s) => {
      expect(s.getProject('p-victim')).toMatchObject({ unitCode: own.code, name: '本单位项目' });
      expect(s.listProjects(other.code, 2025).map((p) => p.name)).toEqual(['外来项目']);
      expect(s.checkIntegrity().ok).toBe(true);
    });
  });

  it('the same id in another year of the same unit is a new project, not a move', async () => {
    const db = fresh();
    await cli(['import', jsonFile([own], [project('p-1', own.code, '去年的项目', 2024)]), '--db', db]);
    await cli(['import', jsonFile([own], [project('p-1', own.code, '今年的项目', 2025)]), '--db', db]);
    await withStore(db, (s) => {
      expect(s.listProjects(own.code, 2024).map((p) => p.name)).toEqual(['去年的项目']);
      expect(s.listProjects(own.code, 2025).map((p) => p.name)).toEqual(['今年的项目']);
    });
  });

  it('a file marking an own unit 示例 cannot get it deleted by 删除示例数据', async () => {
    const db = fresh();
    await cli(['import', jsonFile([own], [project('p-own', own.code)]), '--db', db]);
    const r = await cli(['import', jsonFile([{ ...own, sample: true }], []), '--db', db]);
    expect(r.out).toMatch(/标为“示例”，已忽略该标记/);
    const rm = await cli(['remove-samples', '--db', db]);
    expect(rm.out).toMatch(/已删除示例单位 0 个/);
    await withStore(db, (s) => expect(s.getProject('p-own')).not.toBeNull());
  });

  it('remove-samples prints its count and puts every deleted table in the audit log', async () => {
    const db = fresh();
    await cli(['import', jsonFile([{ ...other, sample: true }], [project('p-s1', other.code), { ...project('p-s2', other.code), seq: 2 }]), '--db', db]);
    const rm = await cli(['remove-samples', '--db', db]);
    expect(rm.out).toBe('已删除示例单位 1 个及其全部数据（项目表 2 张，部门整体绩效目标 0 份）');
    await withStore(db, (s) => {
      const gone = s.auditLog().filter((e) => e.action === 'delete' && e.entity === 'project');
      expect(gone.map((e) => e.entityId).sort()).toEqual(['p-s1', 'p-s2']);
      expect(gone[0]!.oldValue).toMatchObject({ fundUse: '保障日常办公' });
    });
  });

  it('every import is preceded by a backup named for it', async () => {
    const db = fresh();
    await cli(['import', jsonFile([own], [project('p-b', own.code)]), '--db', db]);
    expect(listBackups(db).map((b) => b.reason)).toContain('pre-import');
  });
});

describe('terminal attacks', () => {
  const fake = '\u001b[2J\u001b[H\u001b]0;x\u0007✓ 全部审核通过\u202e\u009b31m';

  it('escape sequences in a project name are shown escaped, never sent raw', async () => {
    const db = fresh();
    await cli(['import', jsonFile([own], [project('p-esc', own.code, fake)]), '--db', db]);
    for (const args of [['list', '--unit', own.code, '--year', '2025'], ['show', 'p-esc'], ['show', 'p-esc', '--json']]) {
      const r = await cli([...args, '--db', db]);
      expect(r.code).toBe(0);
      expect(r.out).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
      expect(r.out).toMatch(/\\u001b\[2J/i);
    }
    const json = await cli(['show', 'p-esc', '--json', '--db', db]);
    expect(JSON.parse(json.out).name).toBe(fake); // the escapes are valid JSON: the name reads back exactly
  });

  it('terminalSafe keeps Chinese, tabs and newlines', () => {
    expect(terminalSafe('项目\t名称\n第二行')).toBe('项目\t名称\n第二行');
    expect(terminalSafe('a\rb\u2066c')).toBe('a\\u000Db\\u2066c');
  });

  it('a closed pipe (| head -1) stops quietly with the exit code the command would have had', () => {
    const db = fresh();
    const script = `node bin/jxmb.mjs schema --db "${db}" | head -1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`;
    const out = execFileSync('bash', ['-c', `${script} 2>&1`], { cwd: join(import.meta.dirname, '../..'), encoding: 'utf8' });
    expect(out.trim()).toBe('exit=0');
  }, 60_000);
});
