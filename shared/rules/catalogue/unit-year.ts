// Unit-year rules: every table passes, consistent settings, department text, duplicates, totals.
import { PERIOD_LABELS, type PeriodKey, type ProjectFiling } from '../../model/filing.ts';
import type { FindingDraft, UnitYearRule } from '../types.ts';
import { squash } from './duplicates.ts';
import { q } from './helpers.ts';

export const unitProjectsPass: UnitYearRule = {
  code: 'R-UNIT-PROJECTS',
  severity: 'error',
  scope: 'unit-year',
  title: '本单位本年度每张项目表都通过审核',
  check(ctx) {
    const failing = ctx.projects.filter((p) => (ctx.projectErrors.get(p.id) ?? 0) > 0);
    if (failing.length === 0) return [];
    const list = failing.map((p) => `第 ${p.seq} 张「${p.name || '（未命名）'}」`).join('、');
    return [
      {
        message: `共 ${ctx.projects.length} 张项目表，其中 ${failing.length} 张存在错误，尚不能上报：${list}`,
        field: 'projects',
      },
    ];
  },
};

export const unitYearConsistent: UnitYearRule = {
  code: 'R-UNIT-YEAR',
  severity: 'error',
  scope: 'unit-year',
  title: '同一批上报的项目表属于同一预算年度、使用同一模板',
  check(ctx) {
    const out: FindingDraft[] = [];
    const years = new Set(ctx.projects.map((p) => p.year));
    if (years.size > 1) {
      out.push({ message: `本批项目表的预算年度不一致：${[...years].sort().join('、')}`, field: 'year' });
    }
    for (const p of ctx.projects) {
      if (p.templateId !== ctx.template.id) {
        out.push({
          message: `第 ${p.seq} 张「${p.name}」使用模板 ${p.templateId}，与本批的模板 ${ctx.template.id} 不同`,
          field: 'templateId',
          projectId: p.id,
          table: p.name,
          seq: p.seq,
        });
      }
    }
    if (ctx.deptTarget && years.size === 1 && !years.has(ctx.deptTarget.year)) {
      out.push({ message: `部门整体绩效目标的年度 ${ctx.deptTarget.year} 与项目表的年度不一致`, field: 'deptTarget.year' });
    }
    return out;
  },
};

export const unitDeptText: UnitYearRule = {
  code: 'R-UNIT-DEPT',
  severity: 'error',
  scope: 'unit-year',
  title: '部门整体绩效目标已填写',
  description: '模板的报送文本包含“部门整体绩效目标”部分时必填。',
  check(ctx) {
    if (!ctx.template.book.departmentPart) return [];
    const d = ctx.deptTarget;
    if (!d || d.overall.trim() === '') {
      return [{ message: '部门整体绩效目标（一、总体绩效目标）未填写', field: 'deptTarget.overall' }];
    }
    return [];
  },
};

export const unitDeptItems: UnitYearRule = {
  code: 'R-UNIT-DEPT-ITEMS',
  severity: 'warning',
  scope: 'unit-year',
  title: '部门整体绩效目标有分项目标和保障措施',
  check(ctx) {
    if (!ctx.template.book.departmentPart || !ctx.deptTarget || ctx.deptTarget.overall.trim() === '') return [];
    const out: FindingDraft[] = [];
    const d = ctx.deptTarget;
    if (d.items.length === 0) out.push({ message: '部门整体绩效目标没有“二、分项绩效目标”', field: 'deptTarget.items' });
    d.items.forEach((it, i) => {
      const title = it.title.trim();
      const missing = [title ? '' : '标题', it.goal.trim() ? '' : '绩效目标', it.indicators.trim() ? '' : '绩效指标'].filter(Boolean);
      if (!missing.length) return;
      const name = title ? `分项 ${i + 1}「${title}」` : `分项 ${i + 1}`;
      out.push({
        message: missing.length === 3 ? `部门整体绩效目标 ${name} 未填写：请填写，或删除这一分项` : `部门整体绩效目标 ${name} 的${missing.join('、')}未填写`,
        field: `deptTarget.items[${i}]`,
      });
    });
    // A 保障措施 box added and left empty prints nothing under its heading.
    const blank = d.measures.flatMap((m, i) => (m.trim() === '' ? [i] : []));
    if (blank.length === d.measures.length) out.push({ message: '部门整体绩效目标没有“三、工作保障措施”', field: 'deptTarget.measures' });
    else for (const i of blank) out.push({ message: `部门整体绩效目标 第 ${i + 1} 条工作保障措施未填写：请填写，或删除这一条`, field: `deptTarget.measures[${i}]` });
    return out;
  },
};

export const unitDuplicateCode: UnitYearRule = {
  code: 'R-UNIT-DUP-CODE',
  severity: 'error',
  scope: 'unit-year',
  title: '同一单位的项目编码不重复',
  description: '同一部门的不同单位可以共用一个项目编码（分别申报各自的资金）。',
  check(ctx) {
    return repeatsWithinUnit(ctx.projects, 'projectCode', (p) => p.projectCode.trim(), (p, first, code) =>
      `第 ${p.seq} 张「${p.name}」与第 ${first.seq} 张「${first.name}」是同一单位（${p.unitCode}），项目编码 ${q(code)} 相同`,
    );
  },
};

export const unitDuplicateName: UnitYearRule = {
  code: 'R-UNIT-DUP-NAME',
  severity: 'warning',
  scope: 'unit-year',
  title: '同一单位的项目名称不重复',
  check(ctx) {
    return repeatsWithinUnit(ctx.projects, 'name', (p) => squash(p.name), (p, first) =>
      `第 ${p.seq} 张与第 ${first.seq} 张是同一单位（${p.unitCode}）的同名项目「${p.name}」`,
    );
  },
};

/** A finding on every table whose key (code, name …) an earlier table of the same unit already has. */
function repeatsWithinUnit(
  projects: readonly ProjectFiling[],
  field: string,
  keyOf: (p: ProjectFiling) => string,
  message: (p: ProjectFiling, first: ProjectFiling, key: string) => string,
): FindingDraft[] {
  const out: FindingDraft[] = [];
  const seen = new Map<string, ProjectFiling>();
  for (const p of projects) {
    const key = keyOf(p);
    if (key === '') continue;
    const k = `${p.unitCode}\u0000${key}`;
    const first = seen.get(k);
    if (first) out.push({ message: message(p, first, key), field, projectId: p.id, table: p.name, seq: p.seq });
    else seen.set(k, p);
  }
  return out;
}

export const unitTotals: UnitYearRule = {
  code: 'R-UNIT-TOTAL',
  severity: 'hint',
  scope: 'unit-year',
  title: '各项目预算合计',
  description: '列出本批项目表年度预算的合计，供与单位预算核对。',
  check(ctx) {
    if (ctx.projects.length === 0) return [];
    const period: PeriodKey = ctx.template.periods.includes('annual') ? 'annual' : (ctx.template.periods.at(-1) ?? 'annual');
    const byUnit = new Map<string, { n: number; total: number; fiscal: number; other: number }>();
    for (const p of ctx.projects) {
      const f = p.periods[period]?.funding;
      const u = byUnit.get(p.unitCode) ?? { n: 0, total: 0, fiscal: 0, other: 0 };
      u.n += 1;
      u.total += f?.total ?? 0;
      u.fiscal += f?.fiscal ?? (f ? (f.central ?? 0) + (f.provincial ?? 0) + (f.local ?? 0) : 0);
      u.other += f?.other ?? 0;
      byUnit.set(p.unitCode, u);
    }
    const all = [...byUnit.values()].reduce((a, b) => ({
      n: a.n + b.n,
      total: a.total + b.total,
      fiscal: a.fiscal + b.fiscal,
      other: a.other + b.other,
    }));
    const label = PERIOD_LABELS[period];
    const parts =
      byUnit.size > 1
        ? '；其中 ' + [...byUnit.entries()].map(([code, u]) => `${code}：${u.n} 个项目 ${ctx.money(u.total)}`).join('，')
        : '';
    return [
      {
        message: `共 ${all.n} 个项目，${label}预算合计 ${ctx.money(all.total)}（财政资金 ${ctx.money(all.fiscal)}，其他资金 ${ctx.money(all.other)}）${parts}。请与单位预算核对`,
        field: `periods.${period}.funding.total`,
      },
    ];
  },
};
