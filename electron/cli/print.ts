// How the CLI prints findings, a table and audit values (through the Io's out/err).
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { STATUS_LABELS, PERIOD_LABELS } from '../../shared/model/filing.ts';
import { formatMoney } from '../../shared/model/money.ts';
import { getTemplate, amountUnitLabel, INDICATOR_COLUMN_LABELS } from '../../shared/templates/index.ts';
import { SEVERITY_LABELS } from '../../shared/rules/index.ts';
import type { Finding } from '../../shared/rules/index.ts';
import type { Io } from './command.ts';

export function severityCounts(findings: Finding[]): Record<'error' | 'warning' | 'hint', number> {
  const c = { error: 0, warning: 0, hint: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function printFindings(io: Io, findings: Finding[], indent = '  '): void {
  for (const f of findings) {
    const tag = `[${SEVERITY_LABELS[f.severity]}]`;
    const explained = f.explained ? '（已说明）' : '';
    io.out(`${indent}${tag} ${f.code} ${f.message}${explained}`);
    if (f.fix) io.out(`${indent}      建议：${f.fix.description}`);
    if (f.severity === 'warning' && !f.explained) io.out(`${indent}      填写说明：explain ${f.location.projectId} '${f.key}' <说明>`);
  }
}


/** A value of the audit log in one short line. */
export function shortValue(v: unknown): string {
  if (v === null || v === undefined) return '∅';
  const text = typeof v === 'string' ? `“${v}”` : JSON.stringify(v);
  return text.length > 80 ? text.slice(0, 77) + '…' : text;
}


export function printProject(io: Io, p: ProjectFiling): void {
  const t = getTemplate(p.templateId);
  const money = (v: number | null) => (t ? formatMoney(v, t.amount) : String(v ?? ''));
  io.out(`${p.seq}. ${p.name}`);
  io.out(`  标识 ${p.id}　模板 ${p.templateId}${t ? `（${t.name}）` : ''}　状态 ${STATUS_LABELS[p.status]}`);
  if (p.projectCode) io.out(`  项目编码 ${p.projectCode}`);
  if (p.implementingUnit) io.out(`  实施单位 ${p.implementingUnit}`);
  if (p.fundUse) io.out(`  资金用途 ${p.fundUse}`);
  for (const [key, period] of Object.entries(p.periods)) {
    if (!period) continue;
    const label = PERIOD_LABELS[key as keyof typeof PERIOD_LABELS] ?? key;
    const f = period.funding;
    io.out(`  【${label}】资金总额 ${money(f.total)} ${t ? amountUnitLabel(t) : ''}　财政 ${money(f.fiscal)}　其他 ${money(f.other)}`);
    if (period.goal) io.out(`  目标：${period.goal.replace(/\n/g, '\n        ')}`);
    const cols = t?.indicatorColumns ?? ['level1', 'level2', 'name', 'value'];
    io.out(`  ${cols.map((c) => INDICATOR_COLUMN_LABELS[c]).join(' | ')}`);
    for (const r of period.indicators) io.out(`  ${cols.map((c) => r[c] || '—').join(' | ')}`);
  }
}

