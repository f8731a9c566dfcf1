// 审核 and the status machine from the command line: validate, explain, fix, status, audit.
// The same services as the UI: an 已审核 table is changed only with --force.
import { applySuggestedFix, auditProject, checkUnitYear, explainFinding, setStatus } from '../../services/filing-service.ts';
import { FILING_STATUSES, STATUS_LABELS, type FilingStatus } from '../../../shared/model/filing.ts';
import { describeGrade, estimateBookGrade, estimateGrade, type Finding } from '../../../shared/rules/index.ts';
import { printFindings, severityCounts, shortValue } from '../print.ts';
import { UsageError, pick, requireYear, type Command } from '../command.ts';

export const AUDIT_COMMANDS: Command[] = [
  {
    name: 'validate',
    options: pick('unit', 'year', 'id', 'json'),
    store: 'open',
    async run({ store, values: o, io }) {
      const year = requireYear(o.year);
      if (o.id) {
        const p = store.getProject(o.id);
        if (!p) throw new UsageError(`项目 ${o.id} 不存在`);
        const findings = auditProject(store, p);
        const c = severityCounts(findings);
        const grade = estimateGrade(findings);
        if (o.json) io.out(JSON.stringify({ id: p.id, counts: c, grade, findings }, null, 2));
        else {
          io.out(`${p.seq}. ${p.name}：错误 ${c.error}，警告 ${c.warning}，提示 ${c.hint}`);
          printFindings(io, findings);
          io.out(describeGrade(grade));
        }
        return c.error > 0 ? 1 : 0;
      }
      const scopes: Array<{ unit: string; year: number }> = [];
      for (const u of store.listUnits()) {
        if (o.unit && u.code !== o.unit) continue;
        for (const y of store.listYears(u.code)) if (year === undefined || y === year) scopes.push({ unit: u.code, year: y });
      }
      if (o.unit && !store.getUnit(o.unit)) throw new UsageError(`单位 ${o.unit} 不存在`);
      const reports = [];
      let errors = 0;
      let done = 0;
      const totalScopes = scopes.length;
      for (const s of scopes) {
        const r = checkUnitYear(store, s.unit, s.year);
        reports.push(r);
        done++;
        if (!o.json && io.isTTY && totalScopes > 1) io.err(`审核中 ${done}/${totalScopes}`);
        for (const p of r.projects) errors += p.findings.filter((f) => f.severity === 'error').length;
        errors += r.unitFindings.filter((f) => f.severity === 'error').length;
      }
      const gradeOf = (r: { projects: Array<{ id: string; findings: Finding[]; unfilled: boolean }> }) =>
        estimateBookGrade(Object.fromEntries(r.projects.map((p) => [p.id, p.findings])), undefined, r.projects.filter((p) => p.unfilled).map((p) => p.id));
      if (o.json) {
        io.out(JSON.stringify(reports.map((r) => ({ ...r, grade: gradeOf(r) })), null, 2));
      } else {
        for (const r of reports) {
          const all = [...r.unitFindings, ...r.projects.flatMap((p) => p.findings)];
          const c = severityCounts(all);
          io.out(`${r.unitCode}　${r.year} 年度：${r.projects.length} 个项目，错误 ${c.error}，警告 ${c.warning}，提示 ${c.hint}`);
          printFindings(io, r.unitFindings);
          for (const p of r.projects) {
            if (!p.findings.length) continue;
            io.out(`  ${p.seq}. ${p.name}［${p.id}］`);
            printFindings(io, p.findings, '    ');
          }
          io.out(`  ${describeGrade(gradeOf(r))}`);
        }
        io.out(errors ? `审核未通过：共 ${errors} 个错误` : '审核通过：没有错误');
      }
      return errors > 0 ? 1 : 0;
    },
  },
  {
    name: 'explain',
    options: pick('force'),
    store: 'open',
    async run({ store, values: o, positionals: pos, io }) {
      const [, id, key, ...rest] = pos;
      if (!id || !key) throw new UsageError('用法：explain <项目标识> <审核项> <说明>');
      explainFinding(store, id, key, rest.join(' '), { force: o.force });
      io.out(rest.join(' ').trim() ? '说明已保存' : '说明已删除');
      return 0;
    },
  },
  {
    name: 'fix',
    options: pick('force'),
    store: 'open',
    async run({ store, values: o, positionals: pos, io }) {
      const [, id, key] = pos;
      if (!id || !key) throw new UsageError('用法：fix <项目标识> <审核项>');
      const { filing: p } = applySuggestedFix(store, id, key, { force: o.force });
      io.out(`已按建议修改：${p.name}${p.status === 'draft' && o.force ? '（已变回草稿）' : ''}`);
      return 0;
    },
  },
  {
    name: 'status',
    options: pick(),
    store: 'open',
    async run({ store, positionals: pos, io }) {
      const [, id, status] = pos;
      if (!id || !status || !(FILING_STATUSES as readonly string[]).includes(status)) {
        throw new UsageError('用法：status <项目标识> <draft|checked>');
      }
      const { filing: p } = setStatus(store, id, status as FilingStatus);
      io.out(`${p.name}：${STATUS_LABELS[p.status]}`);
      return 0;
    },
  },
  {
    name: 'audit',
    options: pick('id', 'limit', 'json'),
    store: 'open',
    async run({ store, values: o, io }) {
      const limit = o.limit ? Number(o.limit) : 50;
      const rows = store.auditLog(o.id).slice(-limit);
      if (o.json) io.out(JSON.stringify(rows, null, 2));
      else for (const r of rows) io.out(`${r.at}　${r.action}　${r.entityId}　${r.path || '（整条）'}：${shortValue(r.oldValue)} → ${shortValue(r.newValue)}`);
      return 0;
    },
  },
];
