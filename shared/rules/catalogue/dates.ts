// Dates: the 填报日期 of the footer and the dates in indicator values.
import { parseDateText } from '../../indicator-value/index.ts';
import type { FindingDraft, ProjectContext, ProjectRule } from '../types.ts';
import { isBlank, q } from './helpers.ts';

/** 填报日期 read as a date: `2022-10-25`, `2022年10月25日`, `20221025`, `20221025153126`. */
function readFillDate(raw: string): { date: ReturnType<typeof parseDateText>; spaced: boolean } {
  const direct = parseDateText(raw.trim());
  if (direct && direct.day !== undefined) return { date: direct, spaced: false };
  // `202302021416 41`: the printed timestamp with a stray space.
  const squeezed = raw.replace(/\s+/g, '');
  if (/^\d+$/.test(squeezed) && squeezed !== raw.trim()) {
    const d = parseDateText(squeezed);
    if (d && d.day !== undefined) return { date: d, spaced: true };
  }
  return { date: null, spaced: false };
}

/** The 填报日期 of a form that has a footer, read; null where there is none or it is blank. */
function footerDate(ctx: ProjectContext): ({ raw: string } & ReturnType<typeof readFillDate>) | null {
  if (!ctx.template.fields.includes('footer')) return null;
  const raw = ctx.filing.footer.date;
  if (isBlank(raw)) return null;
  return { raw, ...readFillDate(raw) };
}

export const fillDate: ProjectRule = {
  code: 'R-FILL-DATE',
  severity: 'error',
  scope: 'project',
  title: '填报日期是真实的日期',
  description:
    '接受 2022-10-25、2022年10月25日、20221025，以及申报系统打印的时间戳 20221025153126（年月日时分秒）。',
  check(ctx) {
    const read = footerDate(ctx);
    if (!read) return [];
    const { raw, date } = read;
    if (!date || !date.valid) {
      return [
        {
          message: `${ctx.table} 的填报日期 ${q(raw)} 不是有效日期${date?.problem ? `：${date.problem}` : ''}`,
          field: 'footer.date',
        },
      ];
    }
    return [];
  },
};

export const fillDateFormat: ProjectRule = {
  code: 'R-FILL-DATE-FORMAT',
  severity: 'hint',
  scope: 'project',
  title: '填报日期中没有多余空格',
  check(ctx) {
    const read = footerDate(ctx);
    if (!read) return [];
    const { raw, date, spaced } = read;
    // Only a fix whose result passes R-FILL-DATE: the date without its spaces is a real date.
    if (!date || !spaced || !date.valid) return [];
    const fixed = raw.replace(/\s+/g, '');
    const again = readFillDate(fixed);
    if (!again.date?.valid || again.spaced) return [];
    return [
      {
        message: `${ctx.table} 的填报日期 ${q(raw)} 中有多余空格`,
        field: 'footer.date',
        fix: { description: `改为${q(fixed)}`, patch: { path: 'footer.date', value: fixed, expect: raw } },
      },
    ];
  },
};

export const fillDateRange: ProjectRule = {
  code: 'R-FILL-DATE-RANGE',
  severity: 'warning',
  scope: 'project',
  title: '填报日期在预算年度之前或之内',
  check(ctx) {
    const read = footerDate(ctx);
    if (!read) return [];
    const { raw, date } = read;
    if (!date || !date.valid || date.year === undefined) return [];
    const fy = ctx.filing.year;
    if (date.year <= fy && date.year >= fy - ctx.params.fillDateYearsBefore) return [];
    return [
      {
        message: `${ctx.table} 的填报日期 ${q(raw)}（${date.year}年）与预算年度 ${fy} 年不符`,
        field: 'footer.date',
      },
    ];
  },
};

export const dateInvalid: ProjectRule = {
  code: 'R-DATE-INVALID',
  severity: 'error',
  scope: 'project',
  title: '日期真实存在',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const v = e.value;
      if (v.kind !== 'date' || v.valid) continue;
      out.push({
        message: `${ctx.at(e)} 的指标值 ${q(v.raw)} 不是有效日期：${v.problem ?? ''}`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};

export const dateRange: ProjectRule = {
  code: 'R-DATE-RANGE',
  severity: 'warning',
  scope: 'project',
  title: '时效日期在预算年度前后一年内',
  check(ctx) {
    const out: FindingDraft[] = [];
    const fy = ctx.filing.year;
    const lo = fy - ctx.params.dateYearsBefore;
    const hi = fy + ctx.params.dateYearsAfter;
    for (const e of ctx.rows()) {
      const v = e.value;
      if (v.kind !== 'date' || !v.valid || v.year === undefined) continue;
      if (v.year >= lo && v.year <= hi) continue;
      out.push({
        message: `${ctx.at(e)} 的指标值 ${q(v.raw)} 在 ${v.year} 年，与预算年度 ${fy} 年相差较远`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};
