// The context a project rule reads (ProjectContext): the table, its rows parsed once with
// what the rules ask of each, per-check memos, and the labels messages quote.
import { PERIOD_LABELS, type PeriodKey, type ProjectFiling } from '../model/filing.ts';
import { INDICATOR_SYSTEMS } from '../templates/indicator-systems.ts';
import type { TemplateDef } from '../templates/types.ts';
import { parseIndicatorValue } from '../indicator-value/parse.ts';
import { formatMoneyWithUnit } from '../model/money.ts';
import { fieldLabel } from '../templates/labels.ts';
import { indicatorPath } from '../model/field-path.ts';
import { levelFacts } from './groups.ts';
import type { AuditContext, IndicatorEntry, ProjectContext, RuleParams } from './types.ts';

/** Money as 审核 messages quote it (`1,234 元`, `280.50 万元`). */
export function formatMoney(template: TemplateDef, fen: number): string {
  return formatMoneyWithUnit(fen, template.amount, 'message');
}

/** How a message names its table: `「name」第 n 张表` (a table's own 审核 panel leaves it out). */
export function tableTitle(name: string, seq: number): string {
  return `「${name.trim() || '（未命名项目）'}」第 ${seq} 张表`;
}

/** A message as a table's own view shows it (its 审核 panel, a comment pinned to it): without the table's name. */
export function messageWithoutTable(f: { message: string; location: { projectId?: string; table?: string; seq?: number } }): string {
  const { projectId, table, seq } = f.location;
  if (!projectId || seq === undefined) return f.message;
  const title = tableTitle(table ?? '', seq);
  if (!f.message.startsWith(title)) return f.message;
  return f.message.slice(title.length).replace(/^\s*(的)?/, '') || f.message;
}

function projectTitle(f: ProjectFiling): string {
  return tableTitle(f.name, f.seq);
}

/** `periods.annual.indicators[3]` for every period and position, built once (every row has one). */
const rowPaths = new Map<string, string[]>();
export function rowPath(period: PeriodKey, index: number): string {
  let list = rowPaths.get(period);
  if (!list) rowPaths.set(period, (list = []));
  return (list[index] ??= indicatorPath(period, index));
}

/** A table's context: its members set once, the methods on the prototype (no closures per table). */
class TableContext implements ProjectContext {
  readonly system: ProjectContext['system'];
  readonly periods: PeriodKey[];
  readonly table: string;
  private readonly cache = new Map<PeriodKey, IndicatorEntry[]>();
  private all: IndicatorEntry[] | undefined;
  private memos: Map<string, unknown> | undefined;

  constructor(
    readonly filing: ProjectFiling,
    readonly template: TemplateDef,
    readonly params: RuleParams,
    readonly audit: AuditContext,
  ) {
    this.system = INDICATOR_SYSTEMS[template.indicatorSystem];
    this.periods = [...template.periods];
    this.table = projectTitle(filing);
  }

  indicators(period: PeriodKey): IndicatorEntry[] {
    let list = this.cache.get(period);
    if (!list) {
      const rows = this.filing.periods[period]?.indicators ?? [];
      list = [];
      for (let index = 0; index < rows.length; index++) {
        const row = rows[index]!;
        const facts = levelFacts(row);
        list.push({
          period,
          index,
          row,
          value: parseIndicatorValue(row.value),
          group: facts.group,
          cost: facts.cost,
          timeliness: facts.timeliness,
          path: rowPath(period, index),
        });
      }
      this.cache.set(period, list);
    }
    return list;
  }

  rows(): IndicatorEntry[] {
    if (!this.all) {
      const all: IndicatorEntry[] = [];
      for (const p of this.template.periods) for (const e of this.indicators(p)) all.push(e);
      this.all = all;
    }
    return this.all;
  }

  memo<T>(key: string, compute: () => T): T {
    const memos = (this.memos ??= new Map());
    if (!memos.has(key)) memos.set(key, compute());
    return memos.get(key) as T;
  }

  periodLabel(p: PeriodKey): string {
    return this.template.periods.length > 1 ? ` ${PERIOD_LABELS[p]}` : '';
  }

  at(e: IndicatorEntry): string {
    const r = e.row;
    return `${this.table}${this.periodLabel(e.period)} ${r.level1.trim() || '（一级指标空）'}/${r.level2.trim() || '（二级指标空）'}/“${r.name.trim() || '（三级指标空）'}”`;
  }

  fieldLabel(path: string): string {
    return fieldLabel(this.template, path);
  }

  money(fen: number): string {
    return formatMoney(this.template, fen);
  }
}

export function buildProjectContext(
  filing: ProjectFiling,
  template: TemplateDef,
  params: RuleParams,
  audit: AuditContext = {},
): ProjectContext {
  return new TableContext(filing, template, params, audit);
}

