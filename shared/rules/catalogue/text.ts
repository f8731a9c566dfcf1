// Text columns filled and placeholders left in the form.
import type { FindingDraft, IndicatorEntry, ProjectContext, ProjectRule } from '../types.ts';
import { q } from './helpers.ts';
import { basisKindOf } from '../../templates/indicator-systems.ts';

function columnFilled(column: 'basis' | 'standard', code: string, title: string, label: string): ProjectRule {
  return {
    code,
    severity: 'warning',
    scope: 'project',
    title,
    check(ctx) {
      if (!ctx.template.indicatorColumns.includes(column)) return [];
      const out: FindingDraft[] = [];
      // Where the system names the kinds (101号), the user picks one from the cell's list.
      const chooser = column === 'basis' && ctx.system.basisKinds ? { choose: CHOOSE_BASIS } : {};
      for (const p of ctx.periods) {
        const rows = ctx.indicators(p);
        const empty = rows.filter((e) => e.row[column].trim() === '');
        if (empty.length === 0) continue;
        if (empty.length === rows.length && rows.length > 1) {
          // The whole column is blank: one finding for the table, not one per row.
          out.push({
            message: `${ctx.table}${ctx.periodLabel(p)} 的${q(label)}一栏全部未填写（${rows.length} 行）`,
            field: `periods.${p}.indicators[*].${column}`,
            period: p,
            ...chooser,
          });
          continue;
        }
        for (const e of empty) {
          out.push({
            message: `${ctx.at(e)} 的${q(label)}未填写`,
            field: `${e.path}.${column}`,
            period: p,
            row: e.index,
            group: `${q(label)}未填写`,
            ...chooser,
          });
        }
      }
      return out;
    },
  };
}

/** The button of a 依据 finding under a system with basis kinds: focus the cell, open its list. */
export const CHOOSE_BASIS = '选择依据类别（F4）';

export const basisFilled = columnFilled('basis', 'R-IND-BASIS', '指标值确定依据已填写', '指标值确定依据');
export const standardFilled = columnFilled('standard', 'R-IND-STANDARD', '绩效标准已填写', '绩效标准');

export const basisKind: ProjectRule = {
  code: 'R-IND-BASIS-KIND',
  severity: 'warning',
  scope: 'project',
  title: '指标值确定依据为体系规定的标准类别',
  description: '财预〔2021〕101号：指标值确定依据为计划标准、行业标准、历史标准或其他认可标准。',
  check(ctx) {
    const kinds = ctx.system.basisKinds;
    if (!kinds || !ctx.template.indicatorColumns.includes('basis')) return [];
    const out: FindingDraft[] = [];
    for (const p of ctx.periods) {
      for (const e of ctx.indicators(p)) {
        const basis = e.row.basis.trim();
        if (basis === '' || kinds.some((k) => basis.startsWith(k))) continue;
        const kind = basisKindOf(basis);
        out.push({
          message: `${ctx.at(e)} 的指标值确定依据 ${q(basis)} 不是${ctx.system.name}规定的类别（${kinds.join('、')}）`,
          field: `${e.path}.basis`,
          period: e.period,
          row: e.index,
          group: `指标值确定依据不是规定的类别`,
          ...(kind ? { fix: { description: `改为${q(kind)}`, patch: { path: `${e.path}.basis`, value: kind, expect: e.row.basis } } } : { choose: CHOOSE_BASIS }),
        });
      }
    }
    return out;
  },
};

/** Placeholders left in a form: XX, XXX, **, ××, ○○, 待定, 某某, 待补充. */
export const PLACEHOLDER_RE = /(?<![A-Za-z])[Xx×]{2,}(?![A-Za-z])|\*{2,}|＊{2,}|○{2,}|□{2,}|待定|待补充|待填写?|某某|？{2,}|\?{2,}/;

/** Whether any text of the filing has a placeholder (each field tested alone: no joined copy of the table). */
function anyPlaceholder(ctx: ProjectContext): boolean {
  const f = ctx.filing;
  const re = PLACEHOLDER_RE;
  if (re.test(f.name) || re.test(f.projectCode) || re.test(f.implementingUnit) || re.test(f.attribute) || re.test(f.duration) || re.test(f.fundUse)) return true;
  for (const k in f.prose) if (re.test(f.prose[k as keyof typeof f.prose])) return true;
  for (const k in f.footer) if (re.test(f.footer[k as keyof typeof f.footer])) return true;
  for (const p of ctx.periods) {
    const per = f.periods[p];
    if (!per) continue;
    if (re.test(per.goal)) return true;
    for (const r of per.indicators) {
      if (re.test(r.name) || re.test(r.description) || re.test(r.value) || re.test(r.basis) || re.test(r.standard)) return true;
    }
  }
  return false;
}

function textFields(ctx: ProjectContext): Array<{ path: string; label: string; text: string; entry?: IndicatorEntry }> {
  const f = ctx.filing;
  const out: Array<{ path: string; label: string; text: string; entry?: IndicatorEntry }> = [
    { path: 'name', label: '项目名称', text: f.name },
    { path: 'projectCode', label: '项目编码', text: f.projectCode },
    { path: 'implementingUnit', label: '实施单位', text: f.implementingUnit },
    { path: 'attribute', label: '项目属性', text: f.attribute },
    { path: 'duration', label: '项目期', text: f.duration },
    { path: 'fundUse', label: '资金用途', text: f.fundUse },
    ...(['overview', 'basis', 'necessity', 'measures', 'plan'] as const).map((k) => ({
      path: `prose.${k}`,
      label: ctx.fieldLabel(`prose.${k}`),
      text: f.prose[k],
    })),
    ...(['head', 'handler', 'phone', 'date'] as const).map((k) => ({
      path: `footer.${k}`,
      label: ctx.fieldLabel(`footer.${k}`),
      text: f.footer[k],
    })),
  ];
  for (const p of ctx.periods) {
    const per = f.periods[p];
    if (!per) continue;
    out.push({ path: `periods.${p}.goal`, label: ctx.fieldLabel(`periods.${p}.goal`), text: per.goal });
    for (const e of ctx.indicators(p)) {
      for (const [col, label] of [
        ['name', '三级指标'],
        ['description', '绩效指标描述'],
        ['value', '指标值'],
        ['basis', '指标值确定依据'],
        ['standard', '绩效标准'],
      ] as const) {
        out.push({ path: `${e.path}.${col}`, label, text: e.row[col], entry: e });
      }
    }
  }
  return out;
}

export const placeholder: ProjectRule = {
  code: 'R-PLACEHOLDER',
  severity: 'error',
  scope: 'project',
  title: '没有遗留的占位符（XX、**、待定）',
  check(ctx) {
    const out: FindingDraft[] = [];
    if (!anyPlaceholder(ctx)) return out; // the common case: no labels built
    for (const t of textFields(ctx)) {
      const m = PLACEHOLDER_RE.exec(t.text);
      if (!m) continue;
      const where = t.entry ? `${ctx.at(t.entry)} 的${q(t.label)}` : `${ctx.table} 的${q(t.label)}`;
      out.push({
        message: `${where}含有占位符 ${q(m[0])}，请填写实际内容`,
        field: t.path,
        ...(t.entry ? { period: t.entry.period, row: t.entry.index } : {}),
      });
    }
    return out;
  },
};
