// The indicator table: rows present, 一级/二级 known and consistent, names and values filled.
import type { IndicatorRow } from '../../model/filing.ts';
import type { FindingDraft, IndicatorEntry, ProjectRule } from '../types.ts';
import { q } from './helpers.ts';

export const noIndicators: ProjectRule = {
  code: 'R-IND-NONE',
  severity: 'error',
  scope: 'project',
  title: '绩效指标表不能为空',
  check(ctx) {
    return ctx.periods
      .filter((p) => ctx.indicators(p).length === 0)
      .map((p) => ({
        message: `${ctx.table}${ctx.periodLabel(p)} 没有填写任何绩效指标`,
        field: `periods.${p}.indicators`,
        period: p,
      }));
  },
};

export const level1Missing: ProjectRule = {
  code: 'R-IND-L1-MISSING',
  severity: 'error',
  scope: 'project',
  title: '每个必备一级指标下至少有一个三级指标',
  description: '旧体系：产出、效益、满意度；财预〔2021〕101号体系另有成本指标。不适用的可填“本项目不适用此指标”。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const p of ctx.periods) {
      const rows = ctx.indicators(p);
      if (rows.length === 0) continue; // R-IND-NONE
      for (const l1 of ctx.system.required) {
        // Rows of the group on the form, not yet filled: their own findings say so (not “缺少”).
        if (rows.some((e) => e.row.level1.trim() === l1)) continue;
        out.push({
          message: `${ctx.table}${ctx.periodLabel(p)} 缺少${q(l1)}（该一级指标下至少要有一个三级指标）`,
          field: `periods.${p}.indicators`,
          period: p,
          keyPath: `periods.${p}.indicators:${l1}`,
        });
      }
    }
    return out;
  },
};

export const level1Known: ProjectRule = {
  code: 'R-IND-L1-UNKNOWN',
  severity: 'error',
  scope: 'project',
  title: '一级指标属于模板的指标体系',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const l1 = e.row.level1.trim();
      if (ctx.system.level1.includes(l1)) continue;
      // A 二级 that belongs to exactly one 一级 tells which one was meant.
      const owners = Object.entries(ctx.system.level2)
        .filter(([, l2s]) => l2s.includes(e.row.level2.trim()))
        .map(([k]) => k);
      const draft: FindingDraft = {
        message:
          l1 === ''
            ? `${ctx.at(e)} 的一级指标未填写`
            : `${ctx.at(e)} 的一级指标 ${q(l1)} 不在${ctx.system.name}中（应为 ${ctx.system.level1.join('、')} 之一）`,
        field: `${e.path}.level1`,
        period: e.period,
        row: e.index,
      };
      const owner = owners[0];
      if (owners.length === 1 && owner !== undefined) draft.fix = level1Fix(e, owner);
      out.push(draft);
    }
    return out;
  },
};

export const level2Parent: ProjectRule = {
  code: 'R-IND-L2-PARENT',
  severity: 'error',
  scope: 'project',
  title: '二级指标属于其一级指标',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const l1 = e.row.level1.trim();
      const l2 = e.row.level2.trim();
      const allowed = ctx.system.level2[l1];
      if (!allowed) continue; // R-IND-L1-UNKNOWN
      if (allowed.includes(l2)) continue;
      const base = { field: `${e.path}.level2`, period: e.period, row: e.index };
      if (l2 === '') {
        out.push({ ...base, message: `${ctx.at(e)} 的二级指标未填写（${q(l1)}下可选：${allowed.join('、')}）` });
        continue;
      }
      // `生态效益` for `生态效益指标`: offer the full name.
      const near = allowed.find((a) => a === `${l2}指标` || a.replace(/指标$/, '') === l2.replace(/指标$/, ''));
      if (near) {
        out.push({
          ...base,
          message: `${ctx.at(e)} 的二级指标 ${q(l2)} 应写作 ${q(near)}`,
          fix: { description: `二级指标改为${q(near)}`, patch: { path: `${e.path}.level2`, value: near, expect: e.row.level2 } },
        });
        continue;
      }
      // `产出指标/成本指标` under 财预〔2021〕101号, where 成本指标 is a 一级 of its own: move the row there.
      const ownL2s = ctx.system.level2[l2];
      if (ownL2s?.[0] !== undefined) {
        const rows = ctx.filing.periods[e.period]?.indicators ?? [];
        out.push({
          ...base,
          message: `${ctx.at(e)} 的二级指标 ${q(l2)} 不在${q(l1)}之下：${ctx.system.name}中${q(l2)}是一级指标（二级指标：${ownL2s.join('、')}）`,
          fix: { description: `移到${q(`${l2}/${ownL2s[0]}`)}`, patch: { path: `periods.${e.period}.indicators`, value: moveToGroup(rows, e.index, l2, ownL2s[0]), expect: rows } },
        });
        continue;
      }
      const owners = Object.entries(ctx.system.level2)
        .filter(([, l2s]) => l2s.includes(l2))
        .map(([k]) => k);
      const owner = owners[0];
      const draft: FindingDraft = {
        ...base,
        message:
          owner !== undefined
            ? `${ctx.at(e)} 的二级指标 ${q(l2)} 属于 ${q(owner)}，不属于 ${q(l1)}`
            : `${ctx.at(e)} 的二级指标 ${q(l2)} 不在${q(l1)}之下（可选：${allowed.join('、')}）`,
      };
      if (owners.length === 1 && owner !== undefined) draft.fix = level1Fix(e, owner);
      out.push(draft);
    }
    return out;
  },
};

/** A row nothing has been typed into (as a new table's rows come): one finding, not one per empty cell. */
function untouched(e: IndicatorEntry): boolean {
  const r = e.row;
  return e.value.kind === 'empty' && r.name.trim() === '' && r.description.trim() === '' && r.basis.trim() === '' && r.standard.trim() === '';
}

export const rowBlank: ProjectRule = {
  code: 'R-IND-ROW-BLANK',
  severity: 'error',
  scope: 'project',
  title: '指标行已填写',
  description: '三级指标、指标值等都未填写的行：填写，或删除本行。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      if (!untouched(e)) continue;
      const group = `${e.row.level1.trim() || '（一级指标空）'}/${e.row.level2.trim() || '（二级指标空）'}`;
      out.push({
        message: `${ctx.table}${ctx.periodLabel(e.period)} 第 ${e.index + 1} 行（${group}）未填写：请填写三级指标和指标值，不需要的行可删除`,
        field: `${e.path}.name`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};

export const nameEmpty: ProjectRule = {
  code: 'R-IND-NAME-EMPTY',
  severity: 'error',
  scope: 'project',
  title: '三级指标名称不能为空',
  check(ctx) {
    return ctx.rows()
      .filter((e) => e.row.name.trim() === '' && !untouched(e))
      .map((e) => ({
        message: `${ctx.at(e)}（第 ${e.index + 1} 行）的三级指标名称为空`,
        field: `${e.path}.name`,
        period: e.period,
        row: e.index,
      }));
  },
};

export const valueEmpty: ProjectRule = {
  code: 'R-IND-VALUE-EMPTY',
  severity: 'error',
  scope: 'project',
  title: '指标值不能为空',
  description: '不适用的指标可填写“本项目不适用此指标”。',
  check(ctx) {
    return ctx.rows()
      .filter((e) => e.value.kind === 'empty' && !untouched(e))
      .map((e) => ({
        message: `${ctx.at(e)} 的指标值为空`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      }));
  },
};

/** The fix that sets a row's 一级指标 to the one its 二级指标 belongs to. */
function level1Fix(e: IndicatorEntry, owner: string): FindingDraft['fix'] {
  return { description: `一级指标改为${q(owner)}`, patch: { path: `${e.path}.level1`, value: owner, expect: e.row.level1 } };
}

/**
 * The rows with row `i` moved into the group `level1` / `level2`: in place of that group's
 * first row nothing has been typed into (a new table's placeholder), else after the
 * group's last row, else where it was.
 */
function moveToGroup(rows: readonly IndicatorRow[], i: number, level1: string, level2: string): IndicatorRow[] {
  const moved = { ...rows[i]!, level1, level2 };
  const rest = rows.filter((_, k) => k !== i);
  const blank = (r: IndicatorRow) => [r.name, r.description, r.value, r.basis, r.standard].every((x) => x.trim() === '');
  const inGroup = rest.map((r, k) => (r.level1.trim() === level1 ? k : -1)).filter((k) => k >= 0);
  const placeholder = inGroup.find((k) => blank(rest[k]!) && rest[k]!.level2.trim() === level2);
  if (placeholder !== undefined) return rest.map((r, k) => (k === placeholder ? moved : r));
  const at = inGroup.length ? inGroup[inGroup.length - 1]! + 1 : i;
  return [...rest.slice(0, at), moved, ...rest.slice(at)];
}
