// The interchange format: one JSON document holding units, project filings and
// department targets. It is what the CLI imports and exports, and what the handover
// package and spreadsheets build on. Versioned; the JSON Schema is generated from the
// zod schema (docs/interchange.schema.json) so the two cannot drift.
import { z } from 'zod';
import { UserError } from '../errors.ts';
import { deptTargetSchema, projectFilingSchema, unitSchema } from '../model/filing.ts';
import type { DeptTarget, ProjectFiling, Unit } from '../model/filing.ts';
import { getTemplate } from '../templates/index.ts';
import { formatIssues } from '../model/issues.ts';

export const INTERCHANGE_FORMAT = 'jxmb-filings';
export const INTERCHANGE_VERSION = 1;

/** Limits for one document: far above any real unit-year, low enough to refuse junk. */
export const INTERCHANGE_LIMITS = { units: 5_000, projects: 50_000, deptTargets: 5_000 };

export const interchangeSchema = z.object({
  format: z.literal(INTERCHANGE_FORMAT, { error: `不是本程序的交换文件（format 应为 ${INTERCHANGE_FORMAT}）` }),
  version: z.literal(INTERCHANGE_VERSION, { error: `交换文件版本不受支持（本程序支持版本 ${INTERCHANGE_VERSION}）` }),
  exportedAt: z.string().max(40).optional(),
  app: z.object({ name: z.string().max(100), version: z.string().max(40) }).optional(),
  units: z.array(unitSchema).max(INTERCHANGE_LIMITS.units, { error: '单位数量过多' }).default([]),
  projects: z.array(projectFilingSchema).max(INTERCHANGE_LIMITS.projects, { error: '项目数量过多' }).default([]),
  deptTargets: z.array(deptTargetSchema).max(INTERCHANGE_LIMITS.deptTargets, { error: '部门整体绩效目标数量过多' }).default([]),
});
export type InterchangeDoc = z.infer<typeof interchangeSchema>;

export class InterchangeError extends UserError {
  constructor(message: string) {
    super(message, 'INVALID');
    this.name = 'InterchangeError';
  }
}

/**
 * Validates a parsed JSON value as an interchange document, including what a schema
 * cannot say: known templates, units present, no duplicate ids. Throws InterchangeError
 * with a Chinese message listing the first problems.
 */
export function parseInterchange(value: unknown, knownUnitCodes: ReadonlySet<string> = new Set()): InterchangeDoc {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InterchangeError('交换文件内容应为一个 JSON 对象');
  }
  const v = value as Record<string, unknown>;
  if (v.format !== INTERCHANGE_FORMAT) throw new InterchangeError(`不是本程序的交换文件（format 应为 ${INTERCHANGE_FORMAT}）`);
  if (typeof v.version === 'number' && v.version > INTERCHANGE_VERSION) {
    throw new InterchangeError(`交换文件版本 ${v.version} 比本程序新（支持到 ${INTERCHANGE_VERSION}），请升级程序`);
  }
  const parsed = interchangeSchema.safeParse(value);
  if (!parsed.success) throw new InterchangeError(`交换文件内容有误：\n${formatIssues(parsed.error.issues)}`);
  const doc = parsed.data;
  const problems: string[] = [];
  const units = new Set(knownUnitCodes);
  const seenUnits = new Set<string>();
  for (const u of doc.units) {
    if (seenUnits.has(u.code)) problems.push(`单位 ${u.code} 重复出现`);
    seenUnits.add(u.code);
    units.add(u.code);
  }
  const seenIds = new Set<string>();
  doc.projects.forEach((p, i) => {
    const where = `projects[${i}]（${p.name || p.id}）`;
    if (seenIds.has(p.id)) problems.push(`${where}：项目标识 ${p.id} 重复`);
    seenIds.add(p.id);
    const t = getTemplate(p.templateId);
    if (!t) problems.push(`${where}：未知的模板“${p.templateId}”`);
    else {
      for (const key of Object.keys(p.periods)) {
        if (!t.periods.includes(key as never)) problems.push(`${where}：模板 ${t.id} 没有“${key}”期间`);
      }
    }
    if (!units.has(p.unitCode)) problems.push(`${where}：单位 ${p.unitCode} 不存在（请先添加该单位或在文件中包含它）`);
  });
  doc.deptTargets.forEach((d, i) => {
    if (!units.has(d.unitCode)) problems.push(`deptTargets[${i}]：单位 ${d.unitCode} 不存在`);
  });
  if (problems.length) {
    const shown = problems.slice(0, 20);
    const more = problems.length > shown.length ? `\n……另有 ${problems.length - shown.length} 处问题` : '';
    throw new InterchangeError(`交换文件内容有误：\n${shown.join('\n')}${more}`);
  }
  return doc;
}

export function makeInterchange(
  parts: { units: Unit[]; projects: ProjectFiling[]; deptTargets: DeptTarget[] },
  app: { name: string; version: string },
  now: Date = new Date(),
): InterchangeDoc {
  return {
    format: INTERCHANGE_FORMAT,
    version: INTERCHANGE_VERSION,
    exportedAt: now.toISOString(),
    app,
    units: parts.units,
    projects: parts.projects,
    deptTargets: parts.deptTargets,
  };
}

/** JSON Schema (draft 2020-12) of the interchange document, for other tools. */
export function interchangeJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(interchangeSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
