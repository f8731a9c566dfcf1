// Command-line host of the filing services: `npm run cli -- <命令>` or `jxmb <命令>`.
// Output is Chinese (or JSON with --json). Exit codes: 0 done, 1 审核 found 错误,
// 2 the command or its input was refused (nothing stored changed).
import { pipeSafeWriter, terminalSafeIo } from './terminal.ts';
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FilingStore } from '../store/store.ts';
import { StoreError } from '../store/errors.ts';
import { errorMessage } from '../api/errors.ts';
import { defaultDbPath } from '../paths.ts';
import { APP_INFO } from '../app-info.ts';
import {
  checkUnitYear,
  applySuggestedFix,
  explainFinding,
  exportInterchangeFile,
  importInterchangeFile,
  setStatus,
  checkProject,
} from '../services/filing-service.ts';
import { loadDemoData } from '../services/demo.ts';
import { InterchangeError, interchangeJsonSchema } from '../../shared/interchange/format.ts';
import { projectFilingSchema, unitSchema, STATUS_LABELS, PERIOD_LABELS, FILING_STATUSES } from '../../shared/model/filing.ts';
import type { FilingStatus, ProjectFiling } from '../../shared/model/filing.ts';
import { formatIssues } from '../../shared/model/issues.ts';
import { formatMoney } from '../../shared/model/money.ts';
import { getTemplate, amountUnitLabel, INDICATOR_COLUMN_LABELS } from '../../shared/templates/index.ts';
import { SEVERITY_LABELS, describeGrade, estimateBookGrade, estimateGrade } from '../../shared/rules/index.ts';
import type { Finding } from '../../shared/rules/index.ts';

const USAGE = `绩效目标填报 ${APP_INFO.version} — 命令行

用法：jxmb <命令> [选项]        （开发时：npm run cli -- <命令> [选项]）

  init                                 创建数据库（已存在则检查并打开）
  demo                                 载入示例数据（四份已公开文件中的全部表格，单位标记为“示例”）
  remove-samples                       删除全部示例单位及其数据
  unit add --code 382101 --name 名称 [--supervisor 303-主管部门] [--region 忻州市]
  unit list                            列出单位
  list [--unit 编码 --year 年度]        列出单位与年度，或某单位某年度的项目
  show <项目标识> [--json]              显示一张项目表
  validate [--unit 编码 --year 年度 | --id 项目标识] [--json]
                                       审核；有错误时退出码为 1
  explain <项目标识> <审核项> <说明>     为警告填写说明（说明为空则删除）
  fix <项目标识> <审核项>               采纳审核给出的修改建议
  status <项目标识> <draft|checked|submitted>
                                       改变状态（有错误或未说明的警告时拒绝）
  import <文件.json>                    导入交换文件（全部成功或全部不导入）
  export --out <文件.json> [--unit 编码] [--year 年度]
                                       导出交换文件
  export-docx --out <文件.docx|.html> (--id 项目标识 | --unit 编码 --year 年度 |
              [--supervisor 主管部门代码或名称] [--units 编码,编码…] --year 年度)
                                       导出正式文件：一张项目表、单位年度汇编或主管部门汇编
  schema                               输出交换文件的 JSON Schema
  audit [--id 项目标识] [--limit N]     查看修改记录
  pack --unit 编码 --year 年度 --out <文件夹>
                                       打包报送包（.jxmb，写入后读回校验；有错误时拒绝）
  inspect <文件.jxmb>                   查看报送包：报送单位、年度、打包时间（不导入）
  import-package <文件.jxmb | 文件夹> [--unit 编码] [--year 年度]
                                       接收报送包（可整个文件夹）；重复的不再导入，新版本保留历史
  received [--unit 编码] [--year 年度]  已接收报送包的历史（接收编号、报送次数、打包与接收时间）
  make-current <接收编号>               将某个接收的版本设为当前版本
  summary --out <文件.xlsx> [--year 年度] [--book <文件.docx>]
                                       已接收报送的汇总表（及合订的 Word 文件）
  backup                               立即备份数据库
  backups                              列出备份
  restore <备份文件>                    从备份恢复（会先备份当前数据库）

通用选项：--db <数据库文件>（默认 ${defaultDbPath()}；也可用环境变量 JXMB_DB）
`;

class UsageError extends Error {}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

let processIo: Io | undefined;
/** stdout/stderr, quiet once a pipe is closed (terminal.ts). */
const defaultIo = (): Io =>
  (processIo ??= { out: pipeSafeWriter(process.stdout), err: pipeSafeWriter(process.stderr), isTTY: Boolean(process.stderr.isTTY) });

async function openStore(dbPath: string, create: boolean): Promise<FilingStore> {
  if (create) mkdirSync(dirname(dbPath), { recursive: true });
  return FilingStore.open(dbPath);
}

function requireYear(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}$/.test(v)) throw new UsageError(`年度“${v}”无效，应为 4 位数字，如 2025`);
  return Number(v);
}

function severityCounts(findings: Finding[]): Record<'error' | 'warning' | 'hint', number> {
  const c = { error: 0, warning: 0, hint: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function printFindings(io: Io, findings: Finding[], indent = '  '): void {
  for (const f of findings) {
    const tag = `[${SEVERITY_LABELS[f.severity]}]`;
    const explained = f.explained ? '（已说明）' : '';
    io.out(`${indent}${tag} ${f.code} ${f.message}${explained}`);
    if (f.fix) io.out(`${indent}      建议：${f.fix.description}`);
    if (f.severity === 'warning' && !f.explained) io.out(`${indent}      填写说明：explain ${f.location.projectId} '${f.key}' <说明>`);
  }
}

/** A value of the audit log in one short line. */
function shortValue(v: unknown): string {
  if (v === null || v === undefined) return '∅';
  const text = typeof v === 'string' ? `“${v}”` : JSON.stringify(v);
  return text.length > 80 ? text.slice(0, 77) + '…' : text;
}

function printProject(io: Io, p: ProjectFiling): void {
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

export async function runCli(argv: string[], rawIo: Io = defaultIo()): Promise<number> {
  // Names and messages may come from files: every line is escaped for the terminal.
  const io = terminalSafeIo(rawIo);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        unit: { type: 'string' },
        year: { type: 'string' },
        id: { type: 'string' },
        out: { type: 'string' },
        code: { type: 'string' },
        name: { type: 'string' },
        supervisor: { type: 'string' },
        units: { type: 'string' },
        region: { type: 'string' },
        limit: { type: 'string' },
        book: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.err(`参数有误：${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: o, positionals: pos } = parsed;
  const cmd = pos[0];
  if (!cmd || o.help || cmd === 'help') {
    io.out(USAGE);
    return cmd || o.help ? 0 : 2;
  }
  const dbPath = resolve(o.db ?? defaultDbPath());

  if (cmd === 'schema') {
    io.out(JSON.stringify(interchangeJsonSchema(), null, 2));
    return 0;
  }

  let store: FilingStore | undefined;
  try {
    store = await openStore(dbPath, cmd === 'init' || cmd === 'demo' || cmd === 'unit' || cmd === 'import');
    switch (cmd) {
      case 'init': {
        io.out(`数据库已就绪：${dbPath}`);
        return 0;
      }
      case 'demo': {
        const r = loadDemoData(store);
        io.out(`已载入示例数据：${r.units} 个单位，${r.projects} 张项目表（单位标记为“示例”，可用 remove-samples 一次删除）`);
        return 0;
      }
      case 'remove-samples': {
        const n = store.removeSampleData();
        io.out(`已删除示例单位 ${n.units} 个及其全部数据（项目表 ${n.projects} 张，部门整体绩效目标 ${n.deptTargets} 份）`);
        return 0;
      }
      case 'unit': {
        const sub = pos[1];
        if (sub === 'list') {
          const units = store.listUnits();
          if (o.json) io.out(JSON.stringify(units, null, 2));
          else if (!units.length) io.out('还没有单位。用 unit add 添加，或用 demo 载入示例数据。');
          else for (const u of units) io.out(`${u.code}${u.name}${u.supervisor ? `　主管部门 ${u.supervisor.code}-${u.supervisor.name}` : ''}${u.sample ? '　［示例］' : ''}`);
          return 0;
        }
        if (sub === 'add') {
          let supervisor = null;
          if (o.supervisor) {
            const m = /^\s*([0-9A-Za-z]+)\s*[-－—]\s*(.+)$/.exec(o.supervisor);
            if (!m) throw new UsageError('主管部门应写成“代码-名称”，如 303-忻州市医疗保障局');
            supervisor = { code: m[1]!, name: m[2]!.trim() };
          }
          const r = unitSchema.safeParse({ code: o.code, name: o.name, supervisor, region: o.region ?? '' });
          if (!r.success) throw new UsageError(`单位信息有误：\n${formatIssues(r.error.issues)}`);
          store.upsertUnit(r.data);
          io.out(`已保存单位 ${r.data.code}${r.data.name}`);
          return 0;
        }
        throw new UsageError('unit 后应为 add 或 list');
      }
      case 'list': {
        const year = requireYear(o.year);
        if (o.unit && year !== undefined) {
          const rows = store.listProjects(o.unit, year);
          if (o.json) {
            io.out(JSON.stringify(rows, null, 2));
            return 0;
          }
          const unit = store.getUnit(o.unit);
          if (!unit) throw new UsageError(`单位 ${o.unit} 不存在`);
          io.out(`${unit.code}${unit.name}　${year} 年度　共 ${rows.length} 个项目`);
          let total = 0;
          for (const r of rows) {
            const t = getTemplate(r.templateId);
            total += r.budget ?? 0;
            io.out(`  ${String(r.seq).padStart(3)}. ${r.name}　${t ? formatMoney(r.budget, t.amount) + ' ' + amountUnitLabel(t) : ''}　指标 ${r.indicatorCount} 条　${STATUS_LABELS[r.status as FilingStatus] ?? r.status}　［${r.id}］`);
          }
          const t0 = rows[0] ? getTemplate(rows[0].templateId) : undefined;
          if (t0) io.out(`  合计 ${formatMoney(total, t0.amount)} ${amountUnitLabel(t0)}`);
          return 0;
        }
        const units = store.listUnits();
        const summary = units.map((u) => ({ ...u, years: store!.listYears(u.code) }));
        if (o.json) io.out(JSON.stringify(summary, null, 2));
        else if (!units.length) io.out('还没有单位。用 unit add 添加，或用 demo 载入示例数据。');
        else for (const u of summary) io.out(`${u.code}${u.name}${u.sample ? '［示例］' : ''}　年度：${u.years.join('、') || '（无）'}`);
        return 0;
      }
      case 'show': {
        const id = pos[1] ?? o.id;
        if (!id) throw new UsageError('请给出项目标识：show <项目标识>');
        const stored = store.getProject(id);
        if (!stored) throw new UsageError(`项目 ${id} 不存在`);
        // Reads trust the stored shape; a row changed behind the program's back is named, not printed as a stack.
        const checked = projectFilingSchema.safeParse(stored);
        if (!checked.success) throw new UsageError(`数据库中项目 ${id} 的数据不符合本程序的格式（${formatIssues(checked.error.issues, 3)}），可从备份恢复（见 backups 命令）`);
        const p = checked.data;
        if (o.json) io.out(JSON.stringify(p, null, 2));
        else printProject(io, p);
        return 0;
      }
      case 'validate': {
        const year = requireYear(o.year);
        if (o.id) {
          const p = store.getProject(o.id);
          if (!p) throw new UsageError(`项目 ${o.id} 不存在`);
          const findings = checkProject(p);
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
        const gradeOf = (r: { projects: Array<{ id: string; findings: Finding[] }> }) => estimateBookGrade(Object.fromEntries(r.projects.map((p) => [p.id, p.findings])));
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
      }
      case 'explain': {
        const [, id, key, ...rest] = pos;
        if (!id || !key) throw new UsageError('用法：explain <项目标识> <审核项> <说明>');
        explainFinding(store, id, key, rest.join(' '));
        io.out(rest.join(' ').trim() ? '说明已保存' : '说明已删除');
        return 0;
      }
      case 'fix': {
        const [, id, key] = pos;
        if (!id || !key) throw new UsageError('用法：fix <项目标识> <审核项>');
        const p = applySuggestedFix(store, id, key);
        io.out(`已按建议修改：${p.name}`);
        return 0;
      }
      case 'status': {
        const [, id, status] = pos;
        if (!id || !status || !(FILING_STATUSES as readonly string[]).includes(status)) {
          throw new UsageError('用法：status <项目标识> <draft|checked|submitted>');
        }
        const p = setStatus(store, id, status as FilingStatus);
        io.out(`${p.name}：${STATUS_LABELS[p.status]}`);
        return 0;
      }
      case 'import': {
        const file = pos[1];
        if (!file) throw new UsageError('请给出要导入的文件：import <文件.json>');
        const r = await importInterchangeFile(store, resolve(file));
        io.out(`已导入：${r.units} 个单位，${r.projects} 张项目表，${r.deptTargets} 份部门整体绩效目标`);
        for (const n of r.notes ?? []) io.out(`  ${n}`);
        return 0;
      }
      case 'export': {
        if (!o.out) throw new UsageError('请用 --out 给出导出文件');
        const r = await exportInterchangeFile(store, resolve(o.out), { unitCode: o.unit, year: requireYear(o.year) });
        io.out(`已导出到 ${resolve(o.out)}：${r.units} 个单位，${r.projects} 张项目表，${r.deptTargets} 份部门整体绩效目标`);
        return 0;
      }
      case 'export-docx': {
        if (!o.out) throw new UsageError('请用 --out 给出导出文件（.docx，或 .html 打印视图）');
        const out = resolve(o.out);
        const year = requireYear(o.year);
        const { exportProject, exportUnitBook, exportSupervisorBook, progressBar } = await import('../export/book-export.ts');
        const format = /\.html?$/i.test(out) ? ('html' as const) : ('docx' as const);
        const opts = {
          format,
          onProgress: ({ done, total }: { done: number; total: number }) => {
            if (io.isTTY && !o.json) process.stderr.write(`\r导出中 ${progressBar(done, total)}`);
          },
        };
        let r;
        if (o.id) r = await exportProject(store, o.id, out, opts);
        else if (year === undefined) throw new UsageError('请用 --year 给出年度，或用 --id 导出一张项目表');
        else if (o.supervisor || o.units) {
          const units = o.units?.split(/[,，\s]+/).filter(Boolean);
          r = await exportSupervisorBook(store, { year, ...(o.supervisor ? { supervisor: o.supervisor } : {}), ...(units ? { units } : {}) }, out, opts);
        } else if (o.unit) r = await exportUnitBook(store, o.unit, year, out, opts);
        else throw new UsageError('请指定 --id、--unit 或 --supervisor/--units');
        if (io.isTTY && !o.json) process.stderr.write('\n');
        if (o.json) io.out(JSON.stringify(r));
        else io.out(`已导出 ${r.tables} 张表格到 ${r.path}`);
        return 0;
      }
      case 'pack': {
        const year = requireYear(o.year);
        if (!o.unit || year === undefined || !o.out) throw new UsageError('用法：pack --unit 编码 --year 年度 --out <文件夹>');
        const { packUnitYear } = await import('../handover/pack.ts');
        const r = await packUnitYear(store, {
          unitCode: o.unit,
          year,
          outDir: resolve(o.out),
          onProgress: (p) => io.isTTY && !o.json && io.err(`${p.stage}　${p.done}/${p.total}`),
        });
        if (o.json) io.out(JSON.stringify({ path: r.path, sha256: r.sha256, size: r.size, manifest: r.manifest }, null, 2));
        else io.out(`已打包并校验：${r.path}
  ${r.manifest.projectCount} 张项目表，审核警告 ${r.manifest.audit.warnings} 个，SHA-256 ${r.sha256}`);
        return 0;
      }
      case 'inspect': {
        const file = pos[1];
        if (!file) throw new UsageError('用法：inspect <文件.jxmb>');
        const { inspectPackage } = await import('../handover/receive.ts');
        const i = await inspectPackage(resolve(file), store);
        if (o.json) io.out(JSON.stringify(i, null, 2));
        else {
          io.out(`报送包：${i.file}（校验通过）`);
          io.out(`  报送单位 ${i.unit.code}${i.unit.name}${i.unit.supervisor ? `　主管部门 ${i.unit.supervisor}` : ''}`);
          io.out(`  年度 ${i.year}　${i.projectCount} 张项目表　模板 ${i.templateId}　${i.hasBook ? '含 Word 文件' : '不含 Word 文件'}`);
          io.out(`  打包时间 ${new Date(i.createdAt).toLocaleString('zh-CN')}　程序版本 ${i.appVersion}　审核规则 ${i.rulesetVersion}`);
          io.out(`  打包时审核：错误 ${i.senderAudit.errors}，警告 ${i.senderAudit.warnings}，提示 ${i.senderAudit.hints}`);
          io.out(i.alreadyImported ? '  本机已导入过此报送包' : '  本机尚未导入');
        }
        return 0;
      }
      case 'import-package': {
        const target = pos[1];
        if (!target) throw new UsageError('用法：import-package <文件.jxmb | 文件夹> [--unit 编码] [--year 年度]');
        const { importPackageFile, importPackageFolder, OUTCOME_LABELS } = await import('../handover/receive.ts');
        const { describeDiff } = await import('../../shared/handover/diff.ts');
        const { statSync } = await import('node:fs');
        const { progressBar } = await import('../export/book-export.ts');
        const expect = { ...(o.unit ? { expectUnit: o.unit } : {}), ...(o.year ? { expectYear: requireYear(o.year)! } : {}) };
        const abs = resolve(target);
        let isDir = false;
        try {
          isDir = statSync(abs).isDirectory();
        } catch {
          throw new UsageError(`找不到“${abs}”`);
        }
        const ac = new AbortController();
        const onSig = () => ac.abort();
        process.once('SIGINT', onSig);
        try {
          const items: import('../handover/receive.ts').FolderImportItem[] = isDir
            ? (
                await importPackageFolder(store, abs, {
                  ...expect,
                  signal: ac.signal,
                  onProgress: (p) => io.isTTY && !o.json && io.err(`${progressBar(p.done, p.total)} ${p.stage}`),
                })
              ).items
            : [
                await importPackageFile(store, abs, expect).then(
                  (result) => ({ file: abs, ok: true, result }),
                  (e: Error) => {
                    if (e.name !== 'PackageError' && e.name !== 'UserFileError') throw e;
                    return { file: abs, ok: false, error: e.message };
                  },
                ),
              ];
          if (o.json) io.out(JSON.stringify(items, null, 2));
          else {
            for (const it of items) {
              if (!it.ok || !it.result) {
                io.out(`✗ ${it.file}
  未导入：${it.error}`);
                continue;
              }
              const r = it.result;
              io.out(`✓ ${r.info.unit.code}${r.info.unit.name} ${r.info.year} 年度：${OUTCOME_LABELS[r.outcome]}（${r.info.projectCount} 张表；本机审核：错误 ${r.audit.errors}，警告 ${r.audit.warnings}）`);
              if (r.diff && r.outcome !== 'duplicate') for (const l of describeDiff(r.diff, 40)) io.out(`    ${l}`);
            }
            const bad = items.filter((i) => !i.ok).length;
            const dup = items.filter((i) => i.result?.outcome === 'duplicate').length;
            io.out(`共 ${items.length} 个报送包：导入 ${items.length - bad - dup} 个${dup ? `，已导入过 ${dup} 个` : ''}${bad ? `，拒绝 ${bad} 个` : ''}`);
          }
          return items.some((i) => !i.ok) ? 2 : 0;
        } finally {
          process.off('SIGINT', onSig);
        }
      }
      case 'received': {
        const { ReceivedStore } = await import('../handover/received-store.ts');
        const rows = new ReceivedStore(store).list({ unitCode: o.unit, year: requireYear(o.year) });
        if (o.json) io.out(JSON.stringify(rows, null, 2));
        else if (!rows.length) io.out('还没有接收过报送包');
        const states: Record<string, string> = { current: '现用', superseded: '已被替代', older: '较早版本', pending: '待确认（打包时间晚于本机时钟）' };
        if (!o.json) for (const r of rows) io.out(`[${r.id}] ${r.unitCode} ${r.year} 年度　第 ${r.submissionNo ?? '—'} 次报送　${states[r.state] ?? r.state}　打包 ${r.createdAt}　接收 ${r.receivedAt}　${r.fileName}`);
        return 0;
      }
      case 'make-current': {
        const n = Number(pos[1]);
        if (!Number.isSafeInteger(n) || n < 1) throw new UsageError('用法：make-current <接收编号>（编号见 received 命令）');
        const { makeReceivedVersionCurrent } = await import('../handover/receive.ts');
        const r = makeReceivedVersionCurrent(store, n);
        io.out(r.changed ? `已将接收记录 [${n}] 设为 ${r.unitCode} ${r.year} 年度的当前版本（已记入修改记录）` : `接收记录 [${n}] 已是当前版本`);
        return 0;
      }
      case 'summary': {
        if (!o.out) throw new UsageError('用法：summary --out <文件.xlsx> [--year 年度] [--book <文件.docx>]');
        const { buildSummaryWorkbook } = await import('../handover/summary.ts');
        const { writeFileAtomic } = await import('../files/atomic-write.ts');
        const year = requireYear(o.year);
        const { bytes, rows } = buildSummaryWorkbook(store, year !== undefined ? { year } : {});
        if (!rows.length) throw new UsageError(`还没有接收到${year !== undefined ? ` ${year} 年度的` : ''}报送包`);
        await writeFileAtomic(resolve(o.out), bytes);
        io.out(`已生成汇总表 ${resolve(o.out)}：${rows.length} 个单位，${rows.reduce((n, r) => n + r.projects, 0)} 张项目表`);
        if (o.book) {
          const { exportSupervisorBook, progressBar } = await import('../export/book-export.ts');
          const years = [...new Set(rows.map((r) => r.year))];
          if (years.length !== 1) throw new UsageError('合订 Word 文件需要指定一个年度：--year 年度');
          const r = await exportSupervisorBook(store, { units: rows.map((x) => x.unitCode), year: years[0]! }, resolve(o.book), {
            onProgress: (p) => io.isTTY && io.err(`${progressBar(p.done, p.total)}`),
          });
          io.out(`已生成合订 Word 文件 ${r.path}：${r.tables} 张表`);
        }
        return 0;
      }
      case 'audit': {
        const limit = o.limit ? Number(o.limit) : 50;
        const rows = store.auditLog(o.id).slice(-limit);
        if (o.json) io.out(JSON.stringify(rows, null, 2));
        else for (const r of rows) io.out(`${r.at}　${r.action}　${r.entityId}　${r.path || '（整条）'}：${shortValue(r.oldValue)} → ${shortValue(r.newValue)}`);
        return 0;
      }
      case 'backup': {
        const b = await store.backupNow();
        io.out(`已备份到 ${b.path}`);
        return 0;
      }
      case 'backups': {
        const list = store.listBackups();
        if (o.json) io.out(JSON.stringify(list, null, 2));
        else if (!list.length) io.out('还没有备份');
        else for (const b of list) io.out(`${b.path}　${b.createdAt ?? ''}　${b.reason ?? ''}`);
        return 0;
      }
      case 'restore': {
        const file = pos[1];
        if (!file) throw new UsageError('请给出备份文件：restore <备份文件>');
        store.close();
        store = undefined;
        const { restoreBackup } = await import('../store/backup.ts');
        await restoreBackup(resolve(file), dbPath);
        io.out(`已从 ${resolve(file)} 恢复数据库（恢复前的数据库已另行备份）`);
        return 0;
      }
      default:
        throw new UsageError(`未知命令“${cmd}”\n\n${USAGE}`);
    }
  } catch (err) {
    const e = err as Error;
    // Errors raised on purpose carry a message for users (the same classes the API trusts).
    const known = e instanceof UsageError || e instanceof StoreError || e instanceof InterchangeError || !errorMessage(e).internal;
    io.err(known ? `错误：${e.message}` : `内部错误：${e.stack ?? e.message}`);
    return 2;
  } finally {
    store?.close();
  }
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href;
if (isMain) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
