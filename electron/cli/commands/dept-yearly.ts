// The 部门整体绩效自评表 from the command line: create it from the unit-year's 部门整体绩效目标
// (where its 审核规则 asks for one), write it out as JSON to fill in, save it back, 审核 it with
// its score, and export it as printed. The same services as every host.
import { extname, resolve } from 'node:path';
import { writeDocument } from '../../export/book-export.ts';
import { readJsonFile } from '../../files/read-json.ts';
import { writeFileAtomic } from '../../files/atomic-write.ts';
import {
  createDeptSelfEvaluationForm,
  deptSelfEvaluationLayout,
  saveDeptSelfEvaluation,
  validateDeptSelfEvaluation,
} from '../../services/dept-self-evaluation.ts';
import { hundredthsText as ht } from '../../../shared/scoring/exact.ts';
import { SEVERITY_LABELS } from '../../../shared/rules/index.ts';
import { UsageError, pick, requireYear, type Command } from '../command.ts';

const USAGE = '用法：dept-eval create|show|save|validate|export --unit 编码 --year 年度 [--out 文件] （save：dept-eval save <文件.json>）';

export const DEPT_YEARLY_COMMANDS: Command[] = [
  {
    name: 'dept-eval',
    options: pick('unit', 'year', 'out', 'json'),
    store: 'open',
    async run({ store, values: o, positionals: pos, io }) {
      const sub = pos[1];
      if (sub === 'save') {
        const file = pos[2];
        if (!file) throw new UsageError('用法：dept-eval save <文件.json>（先用 dept-eval show --out 写出）');
        const input = (await readJsonFile(resolve(file))) as { revision?: unknown; form?: unknown };
        if (typeof input?.revision !== 'number' || input.form === undefined) throw new UsageError('文件应为 dept-eval show --out 写出的 JSON（含 revision 与 form）');
        const v = saveDeptSelfEvaluation(store, input.form, input.revision);
        io.out(`已保存部门整体绩效自评表（修订 ${v.stored!.revision}）`);
        return 0;
      }
      const year = requireYear(o.year);
      if (!o.unit || year === undefined) throw new UsageError(USAGE);
      if (sub === 'create') {
        const v = createDeptSelfEvaluationForm(store, o.unit, year);
        io.out(`已由部门整体绩效目标生成部门整体绩效自评表（${v.stored!.form.rows.length} 项绩效指标；目标不改动）`);
        return 0;
      }
      if (sub === 'show') {
        const stored = store.yearly.dept.get(o.unit, year);
        if (!stored) throw new UsageError(`单位 ${o.unit} ${year} 年度还没有部门整体绩效自评表（先用 dept-eval create 生成）`);
        const text = JSON.stringify({ revision: stored.revision, form: stored.form }, null, 2);
        if (o.out) {
          await writeFileAtomic(resolve(o.out), `${text}\n`);
          io.out(`已写出 ${resolve(o.out)}（修订 ${stored.revision}）；填好后用 dept-eval save 保存`);
        } else io.out(text);
        return 0;
      }
      if (sub === 'validate') {
        const r = validateDeptSelfEvaluation(store, o.unit, year);
        if (o.json) io.out(JSON.stringify(r, null, 2));
        else {
          const s = r.score;
          io.out(`部门整体绩效自评表：审核 ${r.findings.length} 条（错误 ${r.findings.filter((f) => f.severity === 'error').length}）`);
          for (const f of r.findings) io.out(`  [${SEVERITY_LABELS[f.severity]}] ${f.code} ${f.message}`);
          for (const row of s.rows) io.out(`    ${row.level1}／${row.name}：${ht(row.score)} / ${ht(row.points)} 分　${row.explanation}`);
          io.out(`    预算执行率：${ht(s.execution.score)} / ${ht(s.execution.points)} 分　${s.execution.explanation}`);
          io.out(`  总分 ${ht(s.total)}，等级 ${s.grade}　${s.explanation}`);
        }
        return r.findings.some((f) => f.severity === 'error') ? 1 : 0;
      }
      if (sub === 'export') {
        if (!o.out) throw new UsageError('用法：dept-eval export --unit 编码 --year 年度 --out <文件.docx|.html>');
        const out = resolve(o.out);
        const ext = extname(out).toLowerCase();
        if (ext !== '.docx' && ext !== '.html') throw new UsageError('--out 的文件应以 .docx 或 .html 结尾');
        await writeDocument(deptSelfEvaluationLayout(store, o.unit, year), out, { format: ext === '.html' ? 'html' : 'docx' });
        io.out(`已写出 ${out}`);
        return 0;
      }
      throw new UsageError(USAGE);
    },
  },
];
