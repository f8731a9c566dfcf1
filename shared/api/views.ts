// The shapes the API returns besides the filings themselves: list rows, summaries, previews,
// job states (shared/api/contract.ts lists which call returns which).
import type { Finding } from '../rules/types.ts';
import type { FilingStatus, ProjectFiling } from '../model/filing.ts';
import type { UnitYearSettings } from '../settings/unit-year.ts';
import type { ConversionPlan } from '../settings/conversion.ts';
import type { YearlyUnitSummary } from '../yearly/view.ts';

export interface TemplateSummary {
  id: string;
  name: string;
  source: string;
  /** Period keys in print order (`implementation` / `midterm` / `annual`). */
  periods: string[];
  amountUnit: '元' | '万元';
}

export interface ProjectRow {
  id: string;
  seq: number;
  name: string;
  templateId: string;
  status: FilingStatus;
  /** 预算数 in 分. */
  budget: number | null;
  indicatorCount: number;
  errors: number;
  warnings: number;
  /** Warnings still without a 说明. */
  openWarnings: number;
  carriedOver: number;
  revision: number;
  updatedAt: string;
}

export interface SavedProject {
  filing: ProjectFiling;
  revision: number;
  /** Received from a handover package: shown read-only from the start. */
  readOnly?: boolean;
}

/** One received unit-year in the on-screen 汇总 (money in 分; times ISO, UTC). */
export interface SummaryRowView {
  unitCode: string;
  unitName: string;
  supervisor: string;
  year: number;
  templateId: string;
  projects: number;
  budgetFen: number;
  indicators: number;
  errors: number;
  warnings: number;
  hints: number;
  sentAt: string;
  receivedAt: string;
  /** 绩效自评 of the unit-year; null when it has none. */
  yearly: YearlyUnitSummary | null;
  /** 部门整体绩效自评: 总分 (hundredths) and grade; null when it has none. */
  dept: { total: number; grade: string } | null;
}

/** Where a received unit-year came from: the sending unit, its package, when it was made and received (ISO, UTC). */
export interface ReceivedFrom {
  unitCode: string;
  unitName: string;
  fileName: string;
  createdAt: string;
  receivedAt: string;
  submissionNo: number | null;
}

export interface LibraryEntry {
  level1: string;
  level2: string;
  name: string;
  /** Typical 指标值 seen for this indicator, most frequent first. */
  values: string[];
  /** Typical 指标值确定依据. */
  bases: string[];
  /** Typical 绩效指标描述. */
  descriptions: string[];
  /** Where it comes from: the standard system, the published seeds, or this unit. */
  source: 'standard' | 'seed' | 'unit';
  uses: number;
}

export interface UnitYearSettingsView {
  settings: UnitYearSettings;
  /** false: not chosen yet, these are the defaults. */
  stored: boolean;
}

export type ConversionPreview = Omit<ConversionPlan, 'filing'>;

/** A table that 复制上年 converts to the target unit-year's layout / 指标体系 (what has no place is not copied). */
export type CopyConversion = ConversionPreview & { sourceId: string; seq: number; name: string };

export interface PackageSummary {
  fileName: string;
  unit: { code: string; name: string; supervisor: string };
  year: number;
  templateId: string;
  createdAt: string;
  appVersion: string;
  projectCount: number;
  senderAudit: { errors: number; warnings: number; hints: number };
  hasBook: boolean;
  alreadyImported: boolean;
  /** Why it cannot be received here (its unit code is a 示例 unit), or null. */
  refusal: string | null;
}

export interface ReceivedRow {
  id: number;
  unitCode: string;
  unitName: string;
  year: number;
  createdAt: string;
  receivedAt: string;
  fileName: string;
  /** current / superseded / older / pending (dated after the receiver's clock, waits for confirmation) */
  state: string;
  /** The sender's submission number (null for older packages): versions are ordered by it. */
  submissionNo: number | null;
  /** When this package became the current version: on import, or chosen by the receiver (设为当前版本). */
  madeCurrent: Array<{ at: string; how: 'import' | 'chosen' }>;
}

/** The preview of a file import (shared/api/import-preview.ts). */
export type { ImportFilePreview as ImportPreview } from './import-preview.ts';

export interface JobStatus {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  /** Chinese, for failures. */
  message?: string;
  /** When done: the file, named for the user, as base64 (browser mode downloads it; Electron saves it through a dialog). */
  fileName?: string;
  base64?: string;
  /** When done: what happened, in Chinese lines (imports). */
  report?: string[];
}


/** 审核全部 of a unit-year. `blockers`: what each table still lacks to be submitted (错误, 警告 without 说明, carried-over values). */
export interface UnitYearAuditView {
  findings: Finding[];
  byProject: Record<string, Finding[]>;
  blockers: Record<string, { errors: number; openWarnings: number; carried: number }>;
  /** Why 打包报送 would be refused besides 错误 (the packing's own messages); empty when ready. */
  notReady: string[];
  /** Tables with no indicator typed yet: left out of the grade estimate, counted as 未填写. */
  unfilled: string[];
}
