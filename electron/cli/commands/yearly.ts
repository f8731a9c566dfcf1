// The yearly forms from the command line: create the 绩效运行监控表 and 绩效自评表 from the
// filed targets, write one out as JSON to fill in, save it back, and 审核 it with its score.
// The same services as every host (electron/services/yearly-service.ts).
import { extname, resolve } from 'node:path';
import { yearlyLayout, type YearlyScope } from '../../services/yearly-print.ts';
import type { YearlyPrintKind } from '../../../shared/layout/yearly.ts';
import { writeDocument } from '../../export/book-export.ts';
import { exportYearlyWorkbook } from '../../import/spreadsheet/yearly-workbook.ts';
import { importExecution } from '../../services/execution-import.ts';
import { readFileLimited } from '../../files/read-limited.ts';
import { SPREADSHEET_LIMITS } from '../../import/spreadsheet/xlsx-read.ts';
import { fenToDecimalText } from '../../../shared/model/money.ts';
import { printOf } from '../../../shared/settings/unit-year.ts';
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
import { regenerateFromPassed, regeneratePlan } from '../../services/yearly-regenerate.ts';

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

const PRINT_KINDS: Record<string, YearlyPrintKind> = { 监控: 'monitoring', 自评: 'self-evaluation', 全部: 'both', monitoring: 'monitoring', 'self-evaluation': 'self-evaluation', both: 'both' };
type Store = Parameters<Command['run']>[0]['store'];
type Values = Parameters<Command['run']>[0]['values'];

function scopeOf(o: Values): YearlyScope {
  if (o.id) return { kind: 'project', id: o.id };
  const year = requireYear(o.year);
  if (!o.unit || year === undefined) throw new UsageError('请给出 --id 项目标识，或 --unit 编码 --year 年度');
  return { kind: 'unitYear', unitCode: o.unit, year };
}

/** `yearly export --out 文件.docx|.html|.xlsx`: the forms as printed (the workbook: a unit-year). */
async function exportForms(store: Store, o: Values, io: Io): Promise<number> {
  if (!o.out) throw new UsageError('用法：yearly export --out <文件.docx|.html|.xlsx> (--id 项目标识 | --unit 编码 --year 年度) [--kind 监控|自评|全部]');
  const out = resolve(o.out);
  const ext = extname(out).toLowerCase();
  const scope = scopeOf(o);
  if (ext === '.xlsx') {
    if (scope.kind !== 'unitYear') throw new UsageError('导出表格（.xlsx）按单位年度：请用 --unit 编码 --year 年度');
    await writeFileAtomic(out, (await exportYearlyWorkbook(store, scope.unitCode, scope.year)).bytes);
  } else if (ext === '.docx' || ext === '.html') {
    const kind = PRINT_KINDS[o.kind ?? '全部'];
    if (!kind) throw new UsageError(`--kind 应为“监控”“自评”或“全部”，不是“${o.kind}”`);
    // 公开稿 or 报送稿 as the unit-year's print setting says.
    const p = scope.kind === 'project' ? store.getProject(scope.id) : null;
    const settings = store.unitYearSettings.get(p?.unitCode ?? (scope.kind === 'unitYear' ? scope.unitCode : ''), p?.year ?? (scope.kind === 'unitYear' ? scope.year : 0));
    await writeDocument(yearlyLayout(store, scope, kind, settings ? printOf(settings) : undefined), out, { format: ext === '.html' ? 'html' : 'docx' });
  } else throw new UsageError('--out 的文件应以 .docx、.html 或 .xlsx 结尾');
  io.out(`已写出 ${out}`);
  return 0;
}

/** `yearly execution <文件.xlsx> --unit --year [--kind 监控|自评] [--yes]`: 执行数 from a treasury / accounting export (without --yes: preview only). */
async function importExecutionFile(store: Store, o: Values, file: string | undefined, io: Io): Promise<number> {
  const year = requireYear(o.year);
  if (!file || !o.unit || year === undefined) throw new UsageError('用法：yearly execution <文件.xlsx> --unit 编码 --year 年度 [--kind 监控|自评] [--yes 填入]');
  const r = await importExecution(store, { unitCode: o.unit, year, into: kindOf(o.kind), store: Boolean(o.yes) }, await readFileLimited(resolve(file), { maxBytes: SPREADSHEET_LIMITS.fileBytes, tooLarge: (n) => new UsageError(`表格文件过大（${(n / 1024 / 1024).toFixed(1)} MB，上限 ${SPREADSHEET_LIMITS.fileBytes / 1024 / 1024} MB）`) }));
  io.out(`工作表“${r.sheet}”：按“${r.columns.code ?? r.columns.name}”匹配，金额“${r.columns.amount}”（${r.unit}）`);
  for (const m of r.matches) io.out(`  ${m.name}：${fenToDecimalText(m.amount, '元', 2)} 元（第 ${m.rows.join('、')} 行，按${m.by === 'code' ? '项目编码' : '项目名称'}）`);
  for (const u of r.unsaved) io.out(`  未填入：${u.name}（${u.reason}）`);
  for (const u of r.unmatched) io.out(`  未匹配：第 ${u.row} 行 ${u.code} ${u.name}（${u.reason}）`);
  for (const n of r.notes) io.out(`  ${n}`);
  io.out(o.yes ? `已填入 ${r.stored} 张表` : '（预览，未保存；确认无误后加 --yes 填入）');
  return 0;
}

export const YEARLY_COMMANDS: Command[] = [
  {
    name: 'yearly',
    options: pick('id', 'unit', 'year', 'kind', 'out', 'json', 'force', 'yes'),
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
      if (sub === 'regenerate') {
        if (!o.id) throw new UsageError('用法：yearly regenerate --id 项目标识 [--yes 确认]');
        const mo = store.yearly.get('monitoring', o.id);
        const se = store.yearly.get('self-evaluation', o.id);
        const r = o.yes && mo && se ? regenerateFromPassed(store, o.id, { monitoring: mo.revision, selfEvaluation: se.revision }) : regeneratePlan(store, o.id);
        for (const c of r.changes) io.out(`  ${c}`);
        io.out(o.yes ? `已按已通过审核的版本重新生成（${r.kept} 个指标行保留已填内容）` : `（预览，未改动；${r.kept} 个指标行将保留已填内容；确认后加 --yes）`);
        return 0;
      }
      if (sub === 'export') return exportForms(store, o, io);
      if (sub === 'execution') return importExecutionFile(store, o, pos[2], io);
      throw new UsageError('yearly 后应为 create、show、save、validate、regenerate、export 或 execution');
    },
  },
];
