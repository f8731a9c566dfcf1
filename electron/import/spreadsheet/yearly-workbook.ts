// Both yearly forms of a unit-year as one .xlsx: a 绩效运行监控 sheet and a 绩效自评 sheet,
// one line per indicator row with its project's amounts (万元, as text: exact), the target
// beside what was reached, 分值 / 得分 per row and the project's 总分 and grade; the unit-year's
// 部门整体绩效自评 on a sheet of its own where there is one.
import { loadXlsx } from './xlsx-lib.ts';
import type { FilingStore } from '../../store/store.ts';
import { fenToDecimalText } from '../../../shared/model/money.ts';
import { safeFileName } from '../../../shared/model/file-name.ts';
import { hundredthsText as ht } from '../../../shared/scoring/exact.ts';
import { requireUnit, ServiceError } from '../../services/service-error.ts';
import { yearlyView } from '../../services/yearly-view.ts';
import { deptPrintItem } from '../../services/dept-self-evaluation.ts';
import { DEFAULT_YEARLY_FORMS } from '../../services/yearly-service.ts';
import { monthLabel } from '../../../shared/yearly/monitoring-form.ts';
import type { DeptPrintItem } from '../../../shared/layout/dept-yearly.ts';

type Line = Array<string | number>;
const wan = (fen: number | null): string => (fen === null ? '' : fenToDecimalText(fen, '万元'));

/** The 部门整体绩效自评表 as lines: the 部门预算 amounts on each, one line per indicator row. */
function deptLines({ unit, filing: f, template, score }: DeptPrintItem): Line[] {
  const ex = score.execution;
  const scored = new Map(score.rows.map((r) => [r.indicatorId, r]));
  const head = [wan(f.funds.initialBudget), wan(f.funds.budget), wan(f.funds.executed), ex.rate ?? '', ht(ex.score)];
  return [
    [`${unit.code}${unit.name}　${f.year}年度${template.name}　单位：万元`],
    ['年初预算数', '全年预算数', '全年执行数', '执行率', '执行率得分', '一级指标', '分项', '绩效指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施', '总分', '等级', '评分依据'],
    ...f.rows.map((r): Line => {
      const sc = scored.get(r.id);
      const actual = r.achievement && !r.actual.trim() ? r.achievement.level : r.actual;
      return [...head, r.level1, r.item, r.name, r.target, actual, sc ? ht(sc.points) : '', sc ? ht(sc.score) : '', r.deviation, ht(score.total), score.grade, `按部门整体绩效目标（修订 ${f.basis.revision}）`];
    }),
  ];
}

export async function exportYearlyWorkbook(store: FilingStore, unitCode: string, year: number): Promise<{ fileName: string; bytes: Uint8Array }> {
  const unit = requireUnit(store, unitCode);
  const ids = new Set(store.yearly.ofUnitYear(unitCode, year).forms.map((f) => f.projectId));
  const views = store.projectsOfUnitYear(unitCode, year).filter((p) => ids.has(p.id)).map((p) => yearlyView(store, p.id));
  const dept = deptPrintItem(store, unitCode, year);
  if (!views.length && !dept) throw new ServiceError(`${unit.code}${unit.name} ${year} 年度还没有生成绩效运行监控表或绩效自评表`, 'NOT_FOUND');
  // The cut-off month and column words of the forms (of the template new forms get where none is made).
  const first = views.find((v) => v.monitoring);
  const form = first?.templates.monitoring ?? DEFAULT_YEARLY_FORMS.monitoring;
  const month = first?.monitoring?.form.cutOffMonth ?? form.cutOffMonth;
  const mo: Line[] = [
    [`${unit.code}${unit.name}　${year}年度绩效运行监控（1—${month}月）　单位：万元`],
    ['序号', '项目名称', '项目编码', '年初预算数', monthLabel(form.fundColumns, 'executed', month), '执行率', '全年预计执行数', '一级指标', '二级指标', '三级指标', '年度指标值', monthLabel(form.indicatorColumns, 'actual', month), '全年预计完成值', '偏差原因', '完成目标可能性', '原因说明', '纠偏措施', '评分依据'],
  ];
  const se: Line[] = [
    [`${unit.code}${unit.name}　${year}年度绩效自评　单位：万元`],
    ['序号', '项目名称', '项目编码', '年初预算数', '全年预算数', '全年执行数', '执行率', '执行率得分', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施', '总分', '等级', '评分依据'],
  ];
  for (const v of views) {
    const code = store.getProject(v.projectId)?.projectCode ?? '';
    if (v.monitoring) {
      const m = v.monitoring;
      const f = m.form.funds;
      const byId = new Map(m.form.rows.map((r) => [r.indicatorId, r]));
      const head = [v.seq, v.name, code, wan(f.budget), wan(f.executed), f.rate.trim() || (m.rate === null ? '' : `${ht(m.rate)}%`), wan(f.projected)];
      for (const t of m.target.rows) {
        const r = byId.get(t.id);
        mo.push([...head, t.level1, t.level2, t.name, t.value, r?.actual ?? '', r?.projected ?? '', r?.reasons.join('、') ?? '', r?.likelihood ?? '', r?.explanation ?? '', r?.correction ?? '', m.target.versionLabel]);
      }
    }
    if (v.selfEvaluation) {
      const s = v.selfEvaluation;
      const f = s.form.funds.total;
      const ex = s.score.execution;
      const scored = new Map(s.score.rows.map((r) => [r.indicatorId, r]));
      const byId = new Map(s.form.rows.map((r) => [r.indicatorId, r]));
      const head = [v.seq, v.name, code, wan(f.initialBudget), wan(f.budget), wan(f.executed), ex.rate ?? '', ht(ex.score)];
      for (const t of s.target.rows) {
        const r = byId.get(t.id);
        const sc = scored.get(t.id);
        const actual = r?.achievement && !r.actual.trim() ? r.achievement.level : (r?.actual ?? '');
        se.push([...head, t.level1, t.level2, t.name, t.value, actual, sc ? ht(sc.points) : '', sc ? ht(sc.score) : '', r?.deviation ?? '', ht(s.score.total), s.score.grade, s.target.versionLabel]);
      }
    }
  }
  const xl = await loadXlsx();
  const wb = xl.utils.book_new();
  const sheet = (aoa: Line[], widths: number[]) => {
    const ws = xl.utils.aoa_to_sheet(aoa);
    ws['!cols'] = widths.map((wch) => ({ wch }));
    return ws;
  };
  xl.utils.book_append_sheet(wb, sheet(mo, [6, 30, 22, 12, 12, 9, 12, 10, 10, 20, 14, 14, 14, 14, 12, 30, 30, 30]), '绩效运行监控');
  xl.utils.book_append_sheet(wb, sheet(se, [6, 30, 22, 12, 12, 12, 9, 10, 10, 10, 20, 14, 14, 8, 8, 30, 8, 6, 30]), '绩效自评');
  if (dept) xl.utils.book_append_sheet(wb, sheet(deptLines(dept), [12, 12, 12, 9, 10, 10, 24, 40, 20, 20, 8, 8, 30, 8, 6, 24]), '部门整体绩效自评');
  const bytes = new Uint8Array(xl.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
  return { fileName: safeFileName(`${unit.code}${unit.name}${year}年绩效运行监控和自评`, '.xlsx', { fallback: '绩效自评' }), bytes };
}
