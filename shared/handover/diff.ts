// What changed between two submissions of one unit-year, in the words of the form:
// projects added / removed, and per project the changed fields as `标签：旧 → 新`.
// Indicator rows are matched by their id (then by 三级指标 name), so an inserted row
// reads as one added row, not as every row below it changed.
import type { DeptTarget, IndicatorRow, PeriodKey, ProjectFiling } from '../model/filing.ts';
import { PERIOD_KEYS, PERIOD_LABELS, STATUS_LABELS } from '../model/filing.ts';
import { getTemplate, INDICATOR_COLUMN_LABELS } from '../templates/index.ts';
import type { IndicatorColumn, TemplateDef } from '../templates/types.ts';
import { fieldLabel } from '../templates/labels.ts';
import { formatMoneyWithUnit } from '../model/money.ts';

export interface FieldChangeText {
  path: string;
  label: string;
  old: string;
  new: string;
}

export interface ProjectDiff {
  id: string;
  name: string;
  changes: FieldChangeText[];
}

export interface SubmissionDiff {
  added: Array<{ id: string; name: string }>;
  removed: Array<{ id: string; name: string }>;
  changed: ProjectDiff[];
  dept: FieldChangeText[];
  /** No difference at all. */
  same: boolean;
}

// changedSinceSubmission is bookkeeping of the sender's status, not content (the status line says it).
const IGNORED = new Set(['id', 'unitCode', 'year', 'explanations', 'carriedOver', 'templateId', 'changedSinceSubmission']);
const STATUS: Record<string, string> = STATUS_LABELS;
const INDICATOR_FIELDS: IndicatorColumn[] = ['level1', 'level2', 'name', 'description', 'value', 'basis', 'standard'];

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '（空）';
  return String(v);
};

function leafChanges(a: unknown, b: unknown, path: string, out: Array<{ path: string; a: unknown; b: unknown }>): void {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(a) || isObj(b)) {
    const ao = isObj(a) ? a : {};
    const bo = isObj(b) ? b : {};
    for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) leafChanges(ao[k], bo[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) out.push({ path, a, b });
}

function diffIndicators(t: TemplateDef, period: PeriodKey, a: IndicatorRow[], b: IndicatorRow[], out: FieldChangeText[]): void {
  const pw = t.periods.length > 1 ? PERIOD_LABELS[period] : '';
  const used = new Set<IndicatorRow>();
  const match = (r: IndicatorRow): IndicatorRow | undefined => {
    const m = a.find((x) => !used.has(x) && x.id === r.id) ?? a.find((x) => !used.has(x) && x.name === r.name && x.level2 === r.level2);
    if (m) used.add(m);
    return m;
  };
  const path = `periods.${period}.indicators`;
  for (const r of b) {
    const old = match(r);
    if (!old) {
      out.push({ path, label: `${pw}新增指标`, old: '（无）', new: `${r.level1}/${r.level2}/${r.name}：${show(r.value)}` });
      continue;
    }
    for (const f of INDICATOR_FIELDS) {
      if ((old[f] ?? '') !== (r[f] ?? '')) {
        out.push({ path: `${path}[id=${r.id}].${f}`, label: `${pw}指标“${r.name || old.name}”的${INDICATOR_COLUMN_LABELS[f]}`, old: show(old[f]), new: show(r[f]) });
      }
    }
  }
  for (const r of a) {
    if (!used.has(r)) out.push({ path, label: `${pw}删除指标`, old: `${r.level1}/${r.level2}/${r.name}：${show(r.value)}`, new: '（无）' });
  }
}

/** Changed fields of one project, labelled as the template prints them. */
export function diffProject(a: ProjectFiling, b: ProjectFiling): FieldChangeText[] {
  const t = getTemplate(b.templateId) ?? getTemplate(a.templateId);
  const out: FieldChangeText[] = [];
  const raw: Array<{ path: string; a: unknown; b: unknown }> = [];
  const strip = (p: ProjectFiling) => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p)) if (!IGNORED.has(k) && k !== 'periods') o[k] = v;
    return o;
  };
  leafChanges(strip(a), strip(b), '', raw);
  for (const k of PERIOD_KEYS) {
    const pa = a.periods[k];
    const pb = b.periods[k];
    if (!pa && !pb) continue;
    const { indicators: ia = [], ...ra } = pa ?? { indicators: [] };
    const { indicators: ib = [], ...rb } = pb ?? { indicators: [] };
    leafChanges(ra, rb, `periods.${k}`, raw);
    if (t) diffIndicators(t, k, ia, ib, out);
  }
  const money = (v: unknown) => (typeof v === 'number' && t ? formatMoneyWithUnit(v, t.amount) : show(v));
  const head: FieldChangeText[] = raw.map((c) => {
    const label = t ? fieldLabel(t, c.path) : c.path;
    if (c.path === 'status') return { path: c.path, label: '状态', old: STATUS[String(c.a)] ?? show(c.a), new: STATUS[String(c.b)] ?? show(c.b) };
    if (c.path.includes('.funding.')) return { path: c.path, label, old: money(c.a), new: money(c.b) };
    return { path: c.path, label: label === 'seq' ? '序号' : label, old: show(c.a), new: show(c.b) };
  });
  return [...head, ...out];
}

function diffDept(a: DeptTarget | null, b: DeptTarget | null): FieldChangeText[] {
  const raw: Array<{ path: string; a: unknown; b: unknown }> = [];
  const strip = (d: DeptTarget | null) => (d ? { overall: d.overall, items: d.items, measures: d.measures } : {});
  leafChanges(strip(a), strip(b), '', raw);
  const names: Record<string, string> = { overall: '总体绩效目标', items: '分项绩效目标', measures: '工作保障措施' };
  return raw.map((c) => ({ path: c.path, label: `部门整体绩效目标·${names[c.path.split('.')[0] ?? ''] ?? c.path}`, old: show(c.a), new: show(c.b) }));
}

/** Compares the previous submission of a unit-year with the new one. */
export function diffSubmissions(
  prev: { projects: ProjectFiling[]; deptTargets: DeptTarget[] },
  next: { projects: ProjectFiling[]; deptTargets: DeptTarget[] },
): SubmissionDiff {
  const byId = new Map(prev.projects.map((p) => [p.id, p]));
  const used = new Set<string>();
  const added: SubmissionDiff['added'] = [];
  const changed: ProjectDiff[] = [];
  for (const p of next.projects) {
    let old = byId.get(p.id);
    if (!old || used.has(old.id)) old = prev.projects.find((x) => !used.has(x.id) && !next.projects.some((n) => n.id === x.id) && x.name === p.name);
    if (!old) {
      added.push({ id: p.id, name: p.name });
      continue;
    }
    used.add(old.id);
    const changes = diffProject(old, p);
    if (changes.length) changed.push({ id: p.id, name: p.name, changes });
  }
  const removed = prev.projects.filter((p) => !used.has(p.id)).map((p) => ({ id: p.id, name: p.name }));
  const dept = diffDept(prev.deptTargets[0] ?? null, next.deptTargets[0] ?? null);
  return { added, removed, changed, dept, same: !added.length && !removed.length && !changed.length && !dept.length };
}

/** The diff as Chinese lines for the CLI and reports. */
export function describeDiff(d: SubmissionDiff, maxLines = 200): string[] {
  if (d.same) return ['与上次报送相比没有变化'];
  const lines: string[] = [];
  for (const a of d.added) lines.push(`新增项目：${a.name}`);
  for (const r of d.removed) lines.push(`删除项目：${r.name}`);
  // A table whose only change is its status (e.g. the 通过 the receiver itself sent back) is no 修改项目.
  const statusOnly = new Map<string, string[]>();
  for (const c of d.changed) {
    const s = c.changes.length === 1 && c.changes[0]!.path === 'status' ? c.changes[0]! : null;
    if (s) {
      const key = `${s.old} → ${s.new}`;
      statusOnly.set(key, [...(statusOnly.get(key) ?? []), c.name]);
      continue;
    }
    lines.push(`修改项目：${c.name}`);
    for (const x of c.changes) lines.push(`  ${x.label}：${x.old} → ${x.new}`);
  }
  for (const [move, names] of statusOnly) lines.push(`内容未修改：${names.join('、')}（仅状态：${move}）`);
  for (const x of d.dept) lines.push(`${x.label}：${x.old.slice(0, 60)} → ${x.new.slice(0, 60)}`);
  return lines.length > maxLines ? [...lines.slice(0, maxLines), `……另有 ${lines.length - maxLines} 行`] : lines;
}
