// The API contract between the renderer and the backend. One schema per call checks the
// arguments at runtime at the process boundary (IPC in Electron, HTTP in browser mode);
// the result types are checked at compile time on both sides. Call names are
// `area.verb`; the renderer calls nothing else.
import { z } from 'zod';
import { UserError } from '../errors.ts';
import {
  deptTargetSchema,
  filingStatusSchema,
  fiscalYearSchema,
  indicatorSystemSchema,
  projectFilingSchema,
  unitCodeSchema,
  unitSchema,
} from '../model/filing.ts';
import type { DeptTarget, ProjectFiling, Unit } from '../model/filing.ts';
import type { Finding, Fix } from '../rules/types.ts';
import { unitYearSettingsSchema } from '../settings/unit-year.ts';
import { importPlanSchema } from './import-preview.ts';
import { fileUploadSchema as fileUpload } from './upload.ts';
import type { TemplateSummary, ProjectRow, SavedProject, SummaryRowView, ReceivedFrom, LibraryEntry, UnitYearSettingsView, ConversionPreview, CopyConversion, PackageSummary, ReceivedRow, ImportPreview, JobStatus, UnitYearAuditView } from './views.ts';
import type {
  CommentAnswer,
  HistoryEvent,
  ReturnImportResult,
  ReviewComment,
  ReviewedTable,
  ReviewSummaryRow,
  TableDiffView,
  TableReturn,
  TableReview,
  UnitYearReview,
  UpperTableView,
} from '../handover/review-model.ts';
import type { YearlyRowView, YearlyView } from '../yearly/view.ts';
import type { DeptSelfEvaluationView } from '../yearly/dept-view.ts';
import type { ExecutionImport } from '../yearly/execution-import.ts';

const id = z.string().min(1).max(64);
const force = z.boolean().optional();
const empty = z.object({}).strict();
const unitYear = z.object({ unitCode: unitCodeSchema, year: fiscalYearSchema }).strict();
/** 公开稿 (as published) or 报送稿 (cover with 单位（盖章）, signature under each table or at the end). */
export const printOptionsSchema = z
  .object({
    kind: z.enum(['public', 'submission'], { error: '打印稿类型只能是 公开稿 / 报送稿' }),
    signature: z.enum(['table', 'book'], { error: '签字栏位置只能是 每张表下 / 汇编末尾' }).default('table'),
  })
  .strict();
const fixSchema = z
  .object({
    description: z.string().max(500),
    patch: z.object({ path: z.string().min(1).max(300), value: z.unknown(), expect: z.unknown().optional() }).strict(),
  })
  .strict();

const yearlyKind = z.enum(['monitoring', 'self-evaluation'], { error: '表的类型只能是 监控表 / 自评表' });
const yearlyPrintKind = z.enum(['monitoring', 'self-evaluation', 'both'], { error: '表的类型只能是 监控表 / 自评表 / 两者' });
const yearlyScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('project'), id }).strict(),
  z.object({ kind: z.literal('unitYear'), unitCode: unitCodeSchema, year: fiscalYearSchema }).strict(),
]);

const conversionTarget = { templateId: z.string().min(1).max(40).optional(), indicatorSystem: indicatorSystemSchema.optional() };

/** Argument schemas, one per call. `.strict()` everywhere: an extra argument is refused. */
export const API_ARGS = {
  'app.info': empty,
  'templates.list': empty,

  'units.list': empty,
  'units.save': z.object({ unit: unitSchema }).strict(),
  'units.removeSamples': z.object({ confirmOwnWork: z.boolean().optional() }).strict(),
  'years.list': z.object({ unitCode: unitCodeSchema }).strict(),
  /** 其他年度: the unit-year starts (its settings stored), so the year list keeps offering it. */
  'years.start': unitYear,

  'projects.list': unitYear,
  'projects.get': z.object({ id }).strict(),
  /** `templateId` left out: the unit-year's setting (表样). */
  'projects.create': z
    .object({ unitCode: unitCodeSchema, year: fiscalYearSchema, templateId: z.string().min(1).max(40).optional(), name: z.string().max(300).default('') })
    .strict(),
  /**
   * `force`: the user confirmed changing an 已审核 / 已报送 / 已通过 table (it becomes a 草稿);
   * without it such a save is refused as NEEDS_CONFIRM. Also on audit.explain and audit.applyFix.
   */
  'projects.save': z.object({ filing: projectFilingSchema, expectedRevision: z.number().int().min(0), force }).strict(),
  'projects.delete': z.object({ id }).strict(),
  /** Puts back a deleted project (undo of delete). */
  'projects.restore': z.object({ filing: projectFilingSchema }).strict(),
  'projects.duplicate': z.object({ id }).strict(),
  'projects.reorder': unitYear.extend({ ids: z.array(id).max(10_000) }).strict(),
  'projects.setStatus': z.object({ id, status: filingStatusSchema }).strict(),
  /** Copies last year's filings into a new year, every carried-over value marked. */
  'projects.copyYear': z.object({ unitCode: unitCodeSchema, fromYear: fiscalYearSchema, toYear: fiscalYearSchema }).strict(),
  /** Copies one table of another year into `toYear` of its unit, as 复制上年 copies each table. */
  'projects.copyTable': z.object({ id, toYear: fiscalYearSchema }).strict(),
  /** What copying (the whole `fromYear`, or table `id` of it) would convert to `toYear`'s layout / 指标体系. */
  'projects.copyPreview': z.object({ unitCode: unitCodeSchema, fromYear: fiscalYearSchema, toYear: fiscalYearSchema, id: id.optional() }).strict(),
  /**
   * Clears carried-over marks the user has looked at: each path clears itself and every
   * mark under it (`periods.annual.indicators[id=r1]` clears that row's cells); 'all'
   * clears every mark. Only `carriedOver` changes; `expectedRevision` is checked if given.
   */
  'projects.ackCarried': z
    .object({
      id,
      paths: z.union([z.literal('all'), z.array(z.string().min(1).max(220)).min(1).max(5000)]),
      expectedRevision: z.number().int().min(0).optional(),
    })
    .strict(),

  'dept.get': unitYear,
  /** `expectedRevision` (from dept.get; 0 when there was none): refused as CONFLICT if it changed meanwhile. */
  'dept.save': z.object({ target: deptTargetSchema, expectedRevision: z.number().int().min(0).optional() }).strict(),
  /** Clears carried-over marks of the 部门整体绩效目标 (paths as in `carriedOver`, or 'all'). */
  'dept.ackCarried': unitYear.extend({ paths: z.union([z.literal('all'), z.array(z.string().min(1).max(60)).min(1).max(1000)]) }).strict(),

  'audit.project': z.object({ id }).strict(),
  'audit.unitYear': unitYear,
  'audit.explain': z.object({ id, key: z.string().min(1).max(300), text: z.string().max(1000), force }).strict(),
  'audit.applyFix': z.object({ id, fix: fixSchema, expectedRevision: z.number().int().min(0), force }).strict(),

  'library.search': z
    .object({
      query: z.string().max(100),
      level1: z.string().max(50).optional(),
      level2: z.string().max(50).optional(),
      /** The unit's own indicators join the library. */
      unitCode: unitCodeSchema.optional(),
      /** Fiscal year of the table: dates in proposed values are written for it. */
      year: fiscalYearSchema.optional(),
      /** Budget of the table (分): a cost value above it is not proposed. */
      budget: z.number().int().nonnegative().nullable().optional(),
      limit: z.number().int().min(1).max(100).default(20),
    })
    .strict(),

  'print.project': z.object({ id, print: printOptionsSchema.optional() }).strict(),
  'print.unitYear': unitYear.extend({ print: printOptionsSchema.optional() }).strict(),

  /** Long work runs as a job: start it, poll its progress, cancel it. */
  'export.docx': z
    .object({
      scope: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('project'), id }).strict(),
        z.object({ kind: z.literal('unitYear'), unitCode: unitCodeSchema, year: fiscalYearSchema }).strict(),
      ]),
      print: printOptionsSchema.optional(),
    })
    .strict(),
  /** USB handover: the unit packs its unit-year; the receiver inspects and imports packages. */
  /** `again`: packed although nothing changed since the last submission (asked first: NEEDS_CONFIRM). */
  'handover.pack': z.object({ ...unitYear.shape, again: z.boolean().optional() }).strict(),
  'handover.inspect': z.object({ file: fileUpload }).strict(),
  /** A job over many packages (a whole folder chosen by the user), with progress and cancel. */
  'handover.import': z
    .object({ files: z.array(fileUpload).min(1).max(500), expectUnit: unitCodeSchema.optional(), expectYear: fiscalYearSchema.optional() })
    .strict(),
  'handover.received': z.object({ year: fiscalYearSchema.optional() }).strict(),
  /** The receiver makes a received version of its unit-year current (history + audit log). */
  'handover.makeCurrent': z.object({ packageId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).strict(),
  /** A job: the 汇总 spreadsheet across received units (optionally with the combined DOCX book). */
  'handover.summary': z.object({ year: fiscalYearSchema }).strict(),
  /** The 汇总 on screen: one row per current received unit-year of the year. */
  'handover.summaryRows': z.object({ year: fiscalYearSchema }).strict(),
  'spreadsheet.export': unitYear,
  /** Reads a spreadsheet or a Word file and shows what was recognised, beside its source cells, with the
   *  plan's corrections; nothing is stored. `unitCode`: for tables under no unit line; `year`: the target
   *  (default: the year printed on the file). */
  'import.preview': z.object({ kind: z.enum(['xlsx', 'docx']), file: fileUpload, unitCode: unitCodeSchema, year: fiscalYearSchema.optional(), plan: importPlanSchema.optional() }).strict(),
  /** Stores the same file (by its hash) as chosen in the preview: every table's unit and action in the plan. */
  'import.store': z
    .object({ kind: z.enum(['xlsx', 'docx']), file: fileUpload, unitCode: unitCodeSchema, year: fiscalYearSchema, sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件标识无效'), plan: importPlanSchema })
    .strict(),
  /** 撤销导入: the last file import of the unit-year (or the one of that hash), undone in one transaction. */
  'import.undo': z.object({ unitCode: unitCodeSchema, year: fiscalYearSchema, sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict(),
  /** The file imports of a unit-year that can be undone, newest first. */
  'import.recent': unitYear,
  'jobs.get': z.object({ jobId: id }).strict(),
  'jobs.cancel': z.object({ jobId: id }).strict(),

  /** 表样, 指标体系 and 审核规则 of a unit-year (stored, or the defaults it starts with). */
  'settings.get': unitYear,
  'settings.set': z.object({ settings: unitYearSettingsSchema }).strict(),
  /** 转换表样: the target defaults to the unit-year's settings. */
  'settings.convertPreview': z.object({ id, ...conversionTarget }).strict(),
  /** `acceptLosses`: how many losses the confirm dialog showed (a different count is refused). */
  'settings.convert': z
    .object({ id, ...conversionTarget, expectedRevision: z.number().int().min(0), acceptLosses: z.number().int().min(0).max(100_000), force })
    .strict(),
  /** The review loop (services/review*.ts); texts are validated by the services. Receiving side: */
  'review.unitYear': unitYear,
  'review.setTable': z.object({ projectId: id, grade: z.unknown().optional(), criteria: z.unknown().optional(), criteriaGrades: z.unknown().optional(), verdict: z.unknown().optional(), reviewer: z.string().max(100) }).strict(),
  'review.addComment': z.object({ projectId: id, field: z.string().max(400).optional(), text: z.string().max(5000), author: z.string().max(100) }).strict(),
  'review.deleteComment': z.object({ commentId: id }).strict(),
  'review.fromFindings': z.object({ projectId: id, author: z.string().max(100) }).strict(),
  'review.setOverall': z.object({ unitCode: unitCodeSchema, year: fiscalYearSchema, grade: z.unknown(), opinion: z.string().max(5000), reviewer: z.string().max(100) }).strict(),
  'review.return': z.object({ unitCode: unitCodeSchema, year: fiscalYearSchema, reviewer: z.string().max(100) }).strict(),
  /** Unit side: */
  'review.importReturn': z.object({ file: fileUpload }).strict(),
  'review.comments': z.object({ projectId: id }).strict(),
  'review.answer': z.object({ projectId: id, commentId: id, handled: z.boolean(), note: z.string().max(2000).optional() }).strict(),
  'review.history': z.object({ projectId: id }).strict(),
  /** 绩效运行监控 and 绩效自评 (services/yearly-view.ts); forms are validated by the store's schema. */
  'yearly.get': z.object({ projectId: id }).strict(),
  'yearly.create': z.object({ projectId: id }).strict(),
  'yearly.createUnitYear': unitYear,
  'yearly.save': z.object({ form: z.unknown(), expectedRevision: z.number().int().min(0) }).strict(),
  'yearly.applyFix': z.object({ kind: yearlyKind, projectId: id, fix: fixSchema, expectedRevision: z.number().int().min(0) }).strict(),
  'yearly.adjust': z
    .object({
      projectId: id,
      reason: z.string().max(2000),
      approvedOn: z.string().max(50).optional(),
      changes: z.array(z.object({ indicatorId: id, value: z.string().max(300) }).strict()).max(500),
      budget: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable().optional(),
      apply: z.boolean().optional(),
    })
    .strict(),
  'yearly.list': unitYear,
  /** Print view of one project's form(s) or of the unit-year book of them. */
  'yearly.print': z.object({ scope: yearlyScope, kind: yearlyPrintKind, print: printOptionsSchema.optional() }).strict(),
  'yearly.exportDocx': z.object({ scope: yearlyScope, kind: yearlyPrintKind, print: printOptionsSchema.optional() }).strict(),
  'yearly.exportXlsx': unitYear,
  /** 执行数 from a treasury / accounting export: preview (nothing stored), then store. */
  'yearly.importExecution': unitYear.extend({ file: fileUpload, into: yearlyKind, store: z.boolean() }).strict(),
  // 部门整体绩效自评表 of a unit-year (where its 审核规则 asks for one).
  'yearly.regeneratePlan': z.object({ projectId: id }).strict(),
  'yearly.regenerate': z.object({ projectId: id, revisions: z.object({ monitoring: z.number().int().min(0), selfEvaluation: z.number().int().min(0) }).strict() }).strict(),
  'yearly.deptGet': unitYear,
  'yearly.deptCreate': unitYear,
  'yearly.deptSave': z.object({ form: z.unknown(), expectedRevision: z.number().int().min(0) }).strict(),
  'yearly.deptPrint': unitYear.extend({ print: printOptionsSchema.optional() }).strict(),
  'yearly.deptExportDocx': unitYear.extend({ print: printOptionsSchema.optional() }).strict(),
  /** Receiving side: the table against the earlier submission; the review status per unit-year; the 审核意见表. */
  'review.table': z.object({ projectId: id }).strict(),
  'review.diff': z.object({ projectId: id }).strict(),
  'review.summary': z.object({ year: fiscalYearSchema }).strict(),
  'review.print': z.object({ unitCode: unitCodeSchema, year: fiscalYearSchema, format: z.enum(['docx', 'html']) }).strict(),
  /** Two levels: the 主管部门 forwards submission files with its review; the 财政局 imports the forward package. */
  'review.forward': z.object({ files: z.array(fileUpload).min(1).max(500), reviewer: z.string().max(100) }).strict(),
  'review.importForward': z.object({ file: fileUpload }).strict(),
  'review.importUpper': z.object({ file: fileUpload }).strict(),
  /** 主管部门: the 财政局's decision on a received table; unit side: a table between two of its own submissions (by number). */
  'review.upper': z.object({ projectId: id }).strict(),
  'review.unitDiff': z.object({ projectId: id, from: z.number().int().min(1).max(1_000_000_000).optional(), to: z.number().int().min(1).max(1_000_000_000).optional() }).strict(),
} as const;

export type ApiName = keyof typeof API_ARGS;
export type ApiArgs<N extends ApiName> = z.input<(typeof API_ARGS)[N]>;
export type ApiParsedArgs<N extends ApiName> = z.output<(typeof API_ARGS)[N]>;

export interface ApiResults {
  'app.info': { name: string; version: string; dataPath: string; mode: 'electron' | 'browser' };
  'templates.list': TemplateSummary[];
  'units.list': Unit[];
  'units.save': Unit;
  'units.removeSamples': { units: number; projects: number; removed: boolean; ownWork: { unitCode: string; year: number; name: string }[] };
  'years.list': number[];
  'years.start': number[];
  'projects.list': { rows: ProjectRow[]; totalBudget: number; received: ReceivedFrom | null; /** The unit came from a package: nothing is authored for it in any year. */ receivedUnit?: boolean };
  'projects.get': SavedProject;
  'projects.create': SavedProject;
  'projects.save': SavedProject;
  'projects.delete': { deleted: ProjectFiling };
  'projects.restore': SavedProject;
  'projects.duplicate': SavedProject;
  'projects.reorder': { count: number };
  'projects.setStatus': SavedProject;
  /** `skipped`: projects of fromYear already copied (their copy still exists in toYear). */
  'projects.copyYear': { copied: number; skipped: number; deptCopied: boolean; converted: CopyConversion[] };
  'projects.copyTable': SavedProject & { conversion: CopyConversion | null };
  'projects.copyPreview': { to: Pick<UnitYearSettingsView['settings'], 'templateId' | 'indicatorSystem'>; tables: CopyConversion[] };
  'projects.ackCarried': SavedProject;
  /** With the stored revision, which dept.save checks. */
  'dept.get': (DeptTarget & { revision: number }) | null;
  'dept.save': DeptTarget & { revision: number };
  'dept.ackCarried': (DeptTarget & { revision: number }) | null;
  'audit.project': Finding[];
  'audit.unitYear': UnitYearAuditView;
  'audit.explain': SavedProject;
  'audit.applyFix': SavedProject;
  'library.search': LibraryEntry[];
  'print.project': { html: string };
  'print.unitYear': { html: string };
  'export.docx': { jobId: string };
  'handover.pack': { jobId: string };
  'handover.inspect': PackageSummary;
  'handover.import': { jobId: string };
  'handover.received': ReceivedRow[];
  'handover.makeCurrent': { unitCode: string; year: number; changed: boolean };
  'handover.summary': { jobId: string };
  'handover.summaryRows': SummaryRowView[];
  'spreadsheet.export': { fileName: string; base64: string };
  'import.preview': ImportPreview;
  'import.store': { projects: number; replaced: number; deptTargets: number; createdUnits: number; carriedOver: boolean; first: { id: string; unitCode: string; name: string } | null };
  'import.undo': { removed: number; restored: number; fileName: string };
  'import.recent': Array<{ sha256: string; fileName: string; at: string; projects: number; scopes: Array<{ unitCode: string; year: number }> }>;
  'jobs.get': JobStatus;
  'jobs.cancel': JobStatus;
  'settings.get': UnitYearSettingsView;
  'settings.set': UnitYearSettingsView;
  'settings.convertPreview': ConversionPreview & { revision: number };
  'settings.convert': SavedProject & Pick<ConversionPreview, 'mapping' | 'losses'>;
  'review.unitYear': { packageSha256: string; submissionNo: number | null; tables: ReviewedTable[]; dept: ReviewedTable | null; overall: UnitYearReview | null };
  'review.setTable': TableReview;
  'review.addComment': ReviewComment;
  'review.deleteComment': { deleted: true };
  'review.fromFindings': ReviewComment[];
  'review.setOverall': UnitYearReview;
  /** A job: its result is the return package (fileName, base64) and a report line with its hash. */
  'review.return': { jobId: string };
  'review.importReturn': ReturnImportResult;
  'review.comments': TableReturn | null;
  'review.answer': CommentAnswer;
  'review.history': HistoryEvent[];
  'yearly.get': YearlyView;
  'yearly.create': YearlyView;
  'yearly.createUnitYear': { created: number; skipped: number };
  'yearly.save': YearlyView;
  'yearly.applyFix': YearlyView;
  'yearly.adjust': YearlyView;
  'yearly.list': YearlyRowView[];
  'yearly.print': { html: string };
  'yearly.exportDocx': { jobId: string };
  'yearly.exportXlsx': { fileName: string; base64: string };
  'yearly.importExecution': ExecutionImport;
  'yearly.regeneratePlan': { changes: string[]; kept: number };
  'yearly.regenerate': YearlyView;
  'yearly.deptGet': DeptSelfEvaluationView;
  'yearly.deptCreate': DeptSelfEvaluationView;
  'yearly.deptSave': DeptSelfEvaluationView;
  'yearly.deptPrint': { html: string };
  'yearly.deptExportDocx': { jobId: string };
  'review.table': ReviewedTable;
  'review.diff': TableDiffView;
  'review.summary': ReviewSummaryRow[];
  'review.print': { fileName: string; base64: string };
  'review.forward': { fileName: string; base64: string; sha256: string };
  'review.importForward': { report: string[] };
  'review.importUpper': { unitCode: string; year: number; returnNo: number; returned: number; passed: number };
  'review.upper': UpperTableView | null;
  'review.unitDiff': TableDiffView | null;
}

export type Handlers = { [N in ApiName]: (args: ApiParsedArgs<N>) => Promise<ApiResults[N]> | ApiResults[N] };

/** What the renderer holds: window.api in Electron, an HTTP client in browser mode. */
export interface ApiClient {
  call<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResults[N]>;
}

/** Error envelope: a Chinese message for the user and a code for the program. */
export interface ApiErrorBody {
  code: string;
  message: string;
}

/**
 * What every call answers, over HTTP (the JSON body, whatever the status code) and IPC.
 * Codes: UNKNOWN_CALL, INVALID_ARGS, NOT_FOUND, CONFLICT, INVALID, HAS_ERRORS,
 * HAS_WARNINGS, HAS_CARRIED, NEEDS_CONFIRM, BAD_TRANSITION, STALE_FIX, EXPORT, LAYOUT, BUSY, CLOSED, IO, CORRUPT, FILE,
 * INTERNAL; the web host's own: UNAUTHORIZED, FORBIDDEN, TOO_LARGE, BAD_REQUEST, METHOD,
 * MEDIA_TYPE; the client's: NETWORK.
 */
export type ApiResponse<N extends ApiName = ApiName> =
  | { ok: true; result: ApiResults[N] }
  | { ok: false; error: ApiErrorBody };

export class ApiError extends UserError {
  constructor(code: string, message: string) {
    super(message, code);
    this.name = 'ApiError';
  }
}

/** Browser mode transport: POST `${prefix}${name}` with the args as JSON (with files: upload.ts); the token in a header. */
export const API_HTTP = { prefix: '/api/', tokenHeader: 'x-jxmb-token', maxBodyBytes: 32 * 1024 * 1024 } as const;

/** Electron transport: one IPC channel per call, `api:${name}`. */
export const ipcChannel = (name: ApiName) => `api:${name}`;

export const API_NAMES = Object.keys(API_ARGS) as ApiName[];

export type { Fix, Finding };
export type { TemplateSummary, ProjectRow, SavedProject, SummaryRowView, ReceivedFrom, LibraryEntry, UnitYearSettingsView, ConversionPreview, CopyConversion, PackageSummary, ReceivedRow, ImportPreview, JobStatus };
