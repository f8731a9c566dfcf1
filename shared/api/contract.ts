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
  projectFilingSchema,
  unitCodeSchema,
  unitSchema,
} from '../model/filing.ts';
import type { DeptTarget, FilingStatus, ProjectFiling, Unit } from '../model/filing.ts';
import type { Finding, Fix } from '../rules/types.ts';

const id = z.string().min(1).max(64);
const force = z.boolean().optional();
/** Largest file one call carries (a package, a spreadsheet, a Word file). */
export const API_FILE_MAX_BYTES = 20 * 1024 * 1024;
const empty = z.object({}).strict();
const unitYear = z.object({ unitCode: unitCodeSchema, year: fiscalYearSchema }).strict();
/** A file the user chose (browser: an upload; Electron: read through a dialog), as base64. */
const fileUpload = z
  .object({
    name: z.string().min(1).max(255),
    base64: z.string().max(Math.ceil((API_FILE_MAX_BYTES * 4) / 3) + 4, { error: `文件过大（上限 ${API_FILE_MAX_BYTES / 1024 / 1024} MB）` }).regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: '文件内容编码有误' }),
  })
  .strict();
const fixSchema = z
  .object({
    description: z.string().max(500),
    patch: z.object({ path: z.string().min(1).max(300), value: z.unknown(), expect: z.unknown().optional() }).strict(),
  })
  .strict();

/** Argument schemas, one per call. `.strict()` everywhere: an extra argument is refused. */
export const API_ARGS = {
  'app.info': empty,
  'templates.list': empty,

  'units.list': empty,
  'units.save': z.object({ unit: unitSchema }).strict(),
  'units.removeSamples': empty,
  'years.list': z.object({ unitCode: unitCodeSchema }).strict(),

  'projects.list': unitYear,
  'projects.get': z.object({ id }).strict(),
  'projects.create': z
    .object({ unitCode: unitCodeSchema, year: fiscalYearSchema, templateId: z.string().min(1).max(40), name: z.string().max(300).default('') })
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
  /**
   * Clears carried-over marks the user has looked at: each path clears itself and every
   * mark under it (`periods.annual.indicators[id=r1]` clears that row's cells); 'all'
   * clears every mark. Only `carriedOver` changes; `expectedRevision` is checked if given.
   */
  'projects.ackCarried': z
    .object({
      id,
      paths: z.union([z.literal('all'), z.array(z.string().min(1).max(200)).min(1).max(5000)]),
      expectedRevision: z.number().int().min(0).optional(),
    })
    .strict(),

  'dept.get': unitYear,
  'dept.save': z.object({ target: deptTargetSchema }).strict(),

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

  'print.project': z.object({ id }).strict(),
  'print.unitYear': unitYear,

  /** Long work runs as a job: start it, poll its progress, cancel it. */
  'export.docx': z
    .object({
      scope: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('project'), id }).strict(),
        z.object({ kind: z.literal('unitYear'), unitCode: unitCodeSchema, year: fiscalYearSchema }).strict(),
      ]),
    })
    .strict(),
  /** USB handover: the unit packs its unit-year; the receiver inspects and imports packages. */
  'handover.pack': unitYear,
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
  'spreadsheet.export': unitYear,
  /** Reads a spreadsheet or a Word file and shows what was recognised; nothing is stored. */
  'import.preview': z.object({ kind: z.enum(['xlsx', 'docx']), file: fileUpload, unitCode: unitCodeSchema, year: fiscalYearSchema }).strict(),
  /** Stores what `import.preview` recognised in the same file (read again, not trusted from the client). */
  'import.store': z.object({ kind: z.enum(['xlsx', 'docx']), file: fileUpload, unitCode: unitCodeSchema, year: fiscalYearSchema }).strict(),
  /** 撤销导入: the last file import of the unit-year, undone in one transaction. */
  'import.undo': unitYear,
  'jobs.get': z.object({ jobId: id }).strict(),
  'jobs.cancel': z.object({ jobId: id }).strict(),
} as const;

export type ApiName = keyof typeof API_ARGS;
export type ApiArgs<N extends ApiName> = z.input<(typeof API_ARGS)[N]>;
export type ApiParsedArgs<N extends ApiName> = z.output<(typeof API_ARGS)[N]>;

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

export interface ApiResults {
  'app.info': { name: string; version: string; dataPath: string; mode: 'electron' | 'browser' };
  'templates.list': TemplateSummary[];
  'units.list': Unit[];
  'units.save': Unit;
  'units.removeSamples': { units: number; projects: number };
  'years.list': number[];
  'projects.list': { rows: ProjectRow[]; totalBudget: number };
  'projects.get': SavedProject;
  'projects.create': SavedProject;
  'projects.save': SavedProject;
  'projects.delete': { deleted: ProjectFiling };
  'projects.restore': SavedProject;
  'projects.duplicate': SavedProject;
  'projects.reorder': { count: number };
  'projects.setStatus': SavedProject;
  /** `skipped`: projects of fromYear already copied (their copy still exists in toYear). */
  'projects.copyYear': { copied: number; skipped: number; deptCopied: boolean };
  'projects.ackCarried': SavedProject;
  'dept.get': DeptTarget | null;
  'dept.save': DeptTarget;
  'audit.project': Finding[];
  /** `blockers`: what each table still lacks to be submitted (错误, 警告 without 说明, carried-over values). */
  'audit.unitYear': {
    findings: Finding[];
    byProject: Record<string, Finding[]>;
    blockers: Record<string, { errors: number; openWarnings: number; carried: number }>;
  };
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
  'spreadsheet.export': { fileName: string; base64: string };
  'import.preview': ImportPreview;
  'import.store': { projects: number };
  'import.undo': { removed: number; restored: number; fileName: string };
  'jobs.get': JobStatus;
  'jobs.cancel': JobStatus;
}

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
}

export interface ImportPreview {
  projects: Array<{ name: string; templateId: string; indicators: number; budget: number | null }>;
  /** What was not recognised, in Chinese. */
  notes: string[];
}

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

/** Browser mode transport: POST `${prefix}${name}` with the args as JSON; the token in a header. */
export const API_HTTP = { prefix: '/api/', tokenHeader: 'x-jxmb-token', maxBodyBytes: 32 * 1024 * 1024 } as const;

/** Electron transport: one IPC channel per call, `api:${name}`. */
export const ipcChannel = (name: ApiName) => `api:${name}`;

export const API_NAMES = Object.keys(API_ARGS) as ApiName[];

export type { Fix, Finding };
