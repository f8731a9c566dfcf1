// 执行数 from a treasury or accounting Excel export into the unit-year's forms: the file is
// parsed in the spreadsheet worker (size, time and memory limits), matched by 项目编码 or
// name (shared/yearly/execution-import.ts); a preview stores nothing; storing writes every
// matched form in one transaction after a pre-import backup. Received data is refused.
import type { FilingStore } from '../store/store.ts';
import { parseXlsxInWorker } from '../import/spreadsheet/xlsx-read.ts';
import { matchExecution, type ExecutionImport, type SheetCell } from '../../shared/yearly/execution-import.ts';
import type { YearlyForm, YearlyKind } from '../store/yearly.ts';
import { formulasWithoutValue } from '../import/spreadsheet/sheet-preview.ts';
import { backupBeforeImport } from './import-scope.ts';
import { requireUnit, ServiceError } from './service-error.ts';

export interface ExecutionTarget {
  unitCode: string;
  year: number;
  /** 监控表: 1—N月执行数; 自评表: 全年执行数 of 年度资金总额. */
  into: YearlyKind;
  store: boolean;
}

function withExecuted(form: YearlyForm, fen: number): YearlyForm {
  if (form.kind === 'monitoring') return { ...form, funds: { ...form.funds, executed: fen } };
  return { ...form, funds: { ...form.funds, total: { ...form.funds.total, executed: fen } } };
}

export async function importExecution(store: FilingStore, t: ExecutionTarget, bytes: Uint8Array): Promise<ExecutionImport> {
  requireUnit(store, t.unitCode);
  if (store.received.isReceivedUnitYear(t.unitCode, t.year)) throw new ServiceError('这是从报送包接收的数据，只读，不能导入执行数', 'READ_ONLY');
  const projects = store.projectsOfUnitYear(t.unitCode, t.year);
  if (!projects.length) throw new ServiceError(`单位 ${t.unitCode} ${t.year} 年度没有项目表`, 'NOT_FOUND');
  const sheets = (await parseXlsxInWorker(bytes)).filter((s) => s.hidden === 0);
  let r: ExecutionImport | null;
  try {
    r = matchExecution(
      sheets.map((s) => ({ name: s.name, rows: s.rows as SheetCell[][], ...(s.formulas?.noValueCells ? { noValueCells: s.formulas.noValueCells } : {}) })),
      projects.map((p) => ({ id: p.id, name: p.name, projectCode: p.projectCode })),
    );
  } catch (e) {
    if (e instanceof RangeError) throw new ServiceError(e.message, 'INVALID');
    throw e;
  }
  if (!r) throw new ServiceError('表格中没有找到“项目编码 / 项目名称”和“执行数 / 支出数 / 支付金额”等栏目的标题行，无法读取执行数', 'INVALID');
  // The formulas without a result that are a project's 执行数 are named with the project; the sheet's note counts the others.
  const noValue = (sheets.find((s) => s.name === r.sheet)?.formulas?.noValue ?? 0) - r.unsaved.reduce((n, u) => n + u.cells.length, 0);
  if (noValue > 0) r.notes.push(formulasWithoutValue(r.sheet, noValue));
  const updates: YearlyForm[] = [];
  const noForm: string[] = [];
  for (const m of r.matches) {
    const stored = store.yearly.get(t.into, m.projectId);
    if (stored) updates.push(withExecuted(stored.form, m.amount));
    else noForm.push(m.name);
  }
  if (noForm.length) r.notes.push(`${noForm.length} 个项目还没有生成${t.into === 'monitoring' ? '绩效运行监控表' : '绩效自评表'}，未填入：${noForm.slice(0, 3).join('、')}${noForm.length > 3 ? ' 等' : ''}`);
  if (!t.store) return r;
  if (!updates.length) {
    if (r.unsaved.length) throw new ServiceError(`没有可填入的执行数：${r.unsaved.length} 个项目的执行数是公式，但文件中没有保存计算结果，请在 Excel/WPS 中打开这个文件、保存后再导入`, 'INVALID');
    throw new ServiceError('没有可填入的执行数（没有匹配到已生成表的项目）', 'INVALID');
  }
  await backupBeforeImport(store);
  store.yearly.putAll(updates);
  return { ...r, stored: updates.length };
}
