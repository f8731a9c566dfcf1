// The yearly forms from the command line: create the 绩效运行监控表 and 绩效自评表 from the
// filed targets, write one out as JSON to fill in, save it back, and 审核 it with its score.
// The same services as every host (electron/services/yearly-service.ts).
import { resolve } from 'node:path';
import {
  createProjectYearlyForms,
  createUnitYearYearlyForms,
  saveYearlyForm,
  validateYearlyForm,
} from '../../services/yearly-service.ts';
import { readJsonFile } from '../../files/read-json.ts';
import { writeFileAtomic } from '../../files/atomic-write.ts';
import type { YearlyKind } from '../../store/yearly.ts';
import { FORM_LABELS } from '../../../shared/scoring/rules-common.ts';
import { hundredthsText } from '../../../shared/scoring/exact.ts';
import { SEVERITY_LABELS } from '../../../shared/rules/index.ts';
import { UsageError, pick, requireYear, type Command, type Io } from '../command.ts';
import type { YearlyReport } from '../../services/yearly-service.ts';

const KIND_WORDS: Record<string, YearlyKind> = {
  监控: 'monitoring',
  monitoring: 'monitoring',
  自评: 'self-evaluation',
  'self-evaluation': 'self-evaluation',
};

function kindOf(v: string | undefined): YearlyKind {
  if (v === undefined) return 'self-evaluation';
  const k = KIND_WORDS[v];
  if (!k) throw new UsageError(`--kind 应为“监控”或“自评”，不是“${v}”`);
  return k;
}

function printReport(io: Io, name: string, kind: YearlyKind, r: YearlyReport): void {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  io.out(`「${name}」${FORM_LABELS[kind]}：审核 ${r.findings.length} 条（错误 ${errors}）`);
  for (const f of r.findings) io.out(`  [${SEVERITY_LABELS[f.severity]}] ${f.code} ${f.message}`);
  const s = r.score;
  if (!s) return;
  io.out(`  评分（${s.versionLabel}）：`);
  for (const row of s.rows) io.out(`    ${row.level1}／${row.name}：${hundredthsText(row.score)} / ${hundredthsText(row.points)} 分　${row.explanation}`);
  io.out(`    预算执行率：${hundredthsText(s.execution.score)} / ${hundredthsText(s.execution.points)} 分　${s.execution.explanation}`);
  io.out(`  总分 ${hundredthsText(s.total)}，等级 ${s.grade}　${s.explanation}`);
}

export const YEARLY_COMMANDS: Command[] = [
  {
    name: 'yearly',
    options: pick('id', 'unit', 'year', 'kind', 'out', 'json', 'force'),
    store: 'open',
    async run({ store, values: o, positionals: pos, io }) {
      const sub = pos[1];
      if (sub === 'create') {
        if (o.id) {
          const made = createProjectYearlyForms(store, o.id);
          io.out(`已为项目 ${o.id} 生成 ${made.map((m) => FORM_LABELS[m.form.kind]).join('和')}（目标只读取，不改动）`);
          return 0;
        }
        const year = requireYear(o.year);
        if (!o.unit || year === undefined) throw new UsageError('用法：yearly create (--id 项目标识 | --unit 编码 --year 年度)');
        const r = createUnitYearYearlyForms(store, o.unit, year);
        io.out(`已为 ${r.created} 个项目生成绩效运行监控表和绩效自评表${r.skipped ? `，${r.skipped} 个项目已有，未改动` : ''}`);
        return 0;
      }
      if (sub === 'show') {
        const id = pos[2] ?? o.id;
        if (!id) throw new UsageError('用法：yearly show <项目标识> [--kind 监控|自评] [--out 文件.json]');
        const kind = kindOf(o.kind);
        const stored = store.yearly.get(kind, id);
        if (!stored) throw new UsageError(`项目 ${id} 还没有${FORM_LABELS[kind]}（先用 yearly create 生成）`);
        const text = JSON.stringify(stored.form, null, 2);
        if (o.out) {
          await writeFileAtomic(resolve(o.out), `${text}\n`);
          io.out(`已写出 ${resolve(o.out)}（修订 ${stored.revision}）；填好后用 yearly save 保存`);
        } else io.out(text);
        return 0;
      }
      if (sub === 'save') {
        const file = pos[2];
        if (!file) throw new UsageError('用法：yearly save <文件.json>');
        const saved = saveYearlyForm(store, await readJsonFile(resolve(file)));
        io.out(`已保存${FORM_LABELS[saved.form.kind]}（修订 ${saved.revision}）`);
        return 0;
      }
      if (sub === 'validate') {
        const id = pos[2] ?? o.id;
        if (!id) throw new UsageError('用法：yearly validate <项目标识> [--kind 监控|自评] [--json]');
        const kind = kindOf(o.kind);
        const r = validateYearlyForm(store, kind, id);
        if (o.json) io.out(JSON.stringify(r, null, 2));
        else printReport(io, store.getProject(id)?.name ?? id, kind, r);
        return r.findings.some((f) => f.severity === 'error') ? 1 : 0;
      }
      throw new UsageError('yearly 后应为 create、show、save 或 validate');
    },
  },
];
