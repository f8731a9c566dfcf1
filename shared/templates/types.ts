// A template is data: the fields a region's table has, its periods, indicator system,
// money unit and the layout of the printed table. The editor, the 审核 rules and every
// exporter read this one definition, so a new region's layout is one more definition.
import type { FundingKey, PeriodKey } from '../model/filing.ts';

export type IndicatorSystemId = 'legacy' | 'caiyu2021';

/** Money as shown in a table: 万元 with 2 decimals (`280.50`) or 元 integers (`1,147,100`). */
export interface AmountFormat {
  unit: 'yuan' | 'wanyuan';
  decimals: 0 | 2;
  thousands: boolean;
  /** Print without trailing zeros (`4000`, `3.5`): `decimals` stays the precision 审核 checks. */
  trimZeros?: boolean;
}

/** Optional top-level fields of a project table. */
export type ProjectField =
  | 'projectCode'
  | 'implementingUnit'
  | 'supervisor'
  | 'attribute'
  | 'duration'
  | 'fundUse'
  | 'spendingPlan'
  | 'prose'
  | 'footer';

/** Columns an indicator row can show, in print order. */
export type IndicatorColumn = 'level1' | 'level2' | 'name' | 'description' | 'value' | 'basis' | 'standard';

/**
 * A value cell is bound to a path in the filing; `$unit.*` paths come from the budget
 * unit, `$year` from the fiscal year. Paths are dotted: `periods.annual.funding.total`.
 */
export type FieldPath = string;

export interface LabelCell {
  text: string;
  /** Columns of the table grid this cell covers (default 1). */
  span?: number;
  /** Rows this cell covers downwards (vertical merge); 'block' = to the end of the block. */
  rowSpan?: number | 'block';
}
export interface ValueCell {
  field: FieldPath;
  format?: 'text' | 'money';
  span?: number;
  rowSpan?: number | 'block';
  /** Text printed around the value in the same cell (`中期目标（` … `）`). */
  prefix?: string;
  suffix?: string;
  /** Printed instead of prefix + value + suffix when the value is blank. */
  blank?: string;
}
export type CellSpec = LabelCell | ValueCell;

export interface RowSpec {
  cells: CellSpec[];
}

/**
 * A block of the printed table: either fixed rows, or the indicator rows whose count
 * comes from the filing. Indicator blocks print one column set per period side by side
 * (`periods: ['implementation', 'annual']` for the dual 申报表).
 */
export type BlockSpec =
  | { kind: 'rows'; rows: RowSpec[] }
  | {
      kind: 'indicators';
      periods: PeriodKey[];
      /** Per period, the columns printed; 一级 is printed once, for the first period. */
      columns: IndicatorColumn[];
      /** Column spans of each indicator column in the grid, same order as `columns`. */
      spans?: Partial<Record<IndicatorColumn, number>>;
      /** A label cell to the left of the whole block (`绩效指标`), merged vertically. */
      sideLabel?: string;
      header: boolean;
      /** Columns whose equal neighbours are merged vertically (default: 一级 only, as the seeds print). */
      merge?: Array<'level1' | 'level2'>;
    };

export interface TableLayout {
  /** Relative widths of the grid columns (mm on the printed page). */
  grid: number[];
  orientation: 'portrait' | 'landscape';
  blocks: BlockSpec[];
}

/** How a unit-year book of this layout is put together. */
export interface BookSpec {
  /** `numbered`: `N.<名称>绩效目标表` + unit line + `单位：万元` (A, B);
   *  `forms`: title + `（YYYY年度）` per table, one per page (C);
   *  `attachment`: 附件 heading, document title, `N. “…”项目` sections (D). */
  style: 'numbered' | 'forms' | 'attachment';
  /** The book opens with the 部门整体绩效目标 part (B). */
  departmentPart: boolean;
  /** Document title printed once after the 附件 line (attachment), placeholders {region} {unit} {year}. */
  title?: string;
  /** Heading above each table (bookmarked), placeholders {n} {name} {year} {region} {unit}. */
  tableHeading: string;
  /** Centred lines under each table heading, placeholders as tableHeading (`（{year}年度）`). */
  captions?: string[];
}

export interface TemplateDef {
  id: string;
  name: string;
  /** Where this layout comes from (seed region and year). */
  source: string;
  indicatorSystem: IndicatorSystemId;
  amount: AmountFormat;
  /** How 其他资金 prints when it is blank or 0, the same in every table of the layout:
   *  `blank` leaves the cell empty, `zero` prints 0 in the table's format (`0.00`, `0`). */
  otherFunding: 'blank' | 'zero';
  /** Periods in print order; the last one is the fiscal year itself (年度). */
  periods: PeriodKey[];
  /** Which funding lines each period shows. */
  fundingLines: FundingKey[];
  fields: ProjectField[];
  indicatorColumns: IndicatorColumn[];
  /** Fields 审核 treats as required, as paths (`name`, `periods.annual.funding.total`). */
  required: FieldPath[];
  layout: TableLayout;
  book: BookSpec;
}
