// Unit-year settings: the layout (表样), the indicator system (指标体系) and the rule profile
// (审核规则) a unit-year is filed with, chosen once when the unit-year starts. New tables
// follow them and each table's own 审核 compares itself with them.
import { z } from 'zod';
import '../model/issues.ts';
import { fiscalYearSchema, indicatorSystemSchema, unitCodeSchema, type ProjectFiling } from '../model/filing.ts';
import { getTemplate, TEMPLATES } from '../templates/index.ts';
import type { IndicatorSystemId, TemplateDef } from '../templates/types.ts';
import type { RuleConfig } from '../rules/types.ts';


/** Short labels of the systems as the header shows them. */
export const SYSTEM_SHORT_LABELS: Record<IndicatorSystemId, string> = {
  legacy: '财预〔2015〕88号等',
  caiyu2021: '财预〔2021〕101号',
};

export interface RuleProfile {
  id: string;
  name: string;
  config: RuleConfig;
  /** The region also asks for a 部门整体绩效自评表: its form id (shared/yearly/dept-form.ts); absent: not asked. */
  deptSelfEvaluation?: string;
}

/** The rule profiles a unit-year may be audited with (a region's RuleConfig, as data). */
export const RULE_PROFILES: readonly RuleProfile[] = [
  { id: 'default', name: '默认（全国通用）', config: {} },
  {
    id: 'strict',
    name: '从严（满意度不低于 90%，与上年相差 5 倍即提示）',
    config: { name: '从严', params: { satisfactionMin: 90, jumpFactor: 5 } },
  },
  { id: 'dept-whole', name: '默认，另报部门整体绩效自评', config: {}, deptSelfEvaluation: 'dept-self-evaluation' },
];

export function ruleProfile(id: string): RuleProfile | undefined {
  return RULE_PROFILES.find((p) => p.id === id);
}

export const unitYearSettingsSchema = z
  .object({
    unitCode: unitCodeSchema,
    year: fiscalYearSchema,
    templateId: z
      .string({ error: '表样必须是文本' })
      .refine((t) => getTemplate(t) !== undefined, { error: `表样只能是 ${TEMPLATES.map((t) => t.id).join(' / ')}` }),
    indicatorSystem: indicatorSystemSchema,
    ruleProfile: z.string({ error: '审核规则必须是文本' }).refine((p) => ruleProfile(p) !== undefined, {
      error: `审核规则只能是 ${RULE_PROFILES.map((p) => p.id).join(' / ')}`,
    }),
    /** What 打印 and 导出 give by default: 公开稿 (as published) or 报送稿 (sealed and signed). */
    printKind: z.enum(['public', 'submission'], { error: '打印稿只能是 public（公开稿）/ submission（报送稿）' }).default('public'),
    /** Where the 报送稿 of a book signs: under each table, or once at the end of the book. */
    signature: z.enum(['table', 'book'], { error: '签字栏只能是 table（每张表下）/ book（汇编末尾）' }).default('table'),
  })
  .strict();
export type UnitYearSettings = z.infer<typeof unitYearSettingsSchema>;

/** The print fields of the settings: what `print.*` and `export.docx` take as `print`. */
export function printOf(s: Pick<UnitYearSettings, 'printKind' | 'signature'>): { kind: UnitYearSettings['printKind']; signature: UnitYearSettings['signature'] } {
  return { kind: s.printKind, signature: s.signature };
}

/** The settings as the header and the CLI print them (`表样 B · 指标体系 财预〔2021〕101号 · 审核规则 默认`). */
export function describeSettings(s: Pick<UnitYearSettings, 'templateId' | 'indicatorSystem' | 'ruleProfile'>): string {
  return `表样 ${s.templateId} · 指标体系 ${SYSTEM_SHORT_LABELS[s.indicatorSystem]} · 审核规则 ${ruleProfile(s.ruleProfile)?.name ?? s.ruleProfile}`;
}

/** The indicator system a table is filled in: its own if set, else its template's. */
export function filingSystem(filing: Pick<ProjectFiling, 'indicatorSystem'>, template: TemplateDef): IndicatorSystemId {
  return filing.indicatorSystem ?? template.indicatorSystem;
}

/**
 * The template as a table is edited, audited and printed: the layout of its template with
 * the table's indicator system (not a second copy of each template).
 */
export function withSystem(template: TemplateDef, system: IndicatorSystemId | undefined): TemplateDef {
  return !system || system === template.indicatorSystem ? template : { ...template, indicatorSystem: system };
}

/** The effective template of a table (undefined for an unknown template id). */
export function templateOf(filing: Pick<ProjectFiling, 'templateId' | 'indicatorSystem'>): TemplateDef | undefined {
  const t = getTemplate(filing.templateId);
  return t && withSystem(t, filing.indicatorSystem);
}
