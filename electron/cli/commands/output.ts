// Documents and handover packages: export-docx, pack, inspect, import-package, received, make-current, summary.
import { resolve } from 'node:path';
import { UserError } from '../../../shared/errors.ts';
import { UsageError, pick, requireYear, type Command } from '../command.ts';
import type { PrintOptions } from '../../../shared/layout/index.ts';
import { makeReceivedVersionCurrent } from '../../handover/receive.ts';
import { unitYearSettingsOf } from '../../services/unit-year-settings.ts';
import { printOf } from '../../../shared/settings/unit-year.ts';

const KINDS: Record<string, PrintOptions['kind']> = { 公开稿: 'public', public: 'public', 报送稿: 'submission', submission: 'submission' };
const SIGNS: Record<string, PrintOptions['signature']> = { 每张表下: 'table', table: 'table', 汇编末尾: 'book', book: 'book' };

/** `--kind 公开稿|报送稿` and `--sign 每张表下|汇编末尾` (default: the unit-year's setting, else 公开稿, 每张表下). */
function printOptions(kind: string | undefined, sign: string | undefined, setting?: PrintOptions): PrintOptions {
  if (kind === undefined && sign === undefined && setting) return setting;
  const k = kind === undefined ? 'public' : KINDS[kind.trim()];
  if (!k) throw new UsageError(`--kind 只能是 公开稿 或 报送稿（收到“${kind}”）`);
  const s = sign === undefined ? 'table' : SIGNS[sign.trim()];
  if (!s) throw new UsageError(`--sign 只能是 每张表下 或 汇编末尾（收到“${sign}”）`);
  if (sign !== undefined && k !== 'submission') throw new UsageError('--sign 只用于报送稿（--kind 报送稿）');
  return { kind: k, signature: s };
}

export const OUTPUT_COMMANDS: Command[] = [
  {
    name: 'export-docx',
    options: pick('out', 'id', 'unit', 'year', 'supervisor', 'units', 'kind', 'sign', 'json'),
    store: 'open',
    async run({ store, values: o, io }) {
      if (!o.out) throw new UsageError('请用 --out 给出导出文件（.docx，或 .html 打印视图）');
      const out = resolve(o.out);
      const year = requireYear(o.year);
      const { exportProject, exportUnitBook, exportSupervisorBook, progressBar } = await import('../../export/book-export.ts');
      const format = /\.html?$/i.test(out) ? ('html' as const) : ('docx' as const);
      const uy = o.id ? store.getProject(o.id) : o.unit && year !== undefined && !o.supervisor && !o.units ? { unitCode: o.unit, year } : null;
      const setting = uy ? printOf(unitYearSettingsOf(store, uy.unitCode, uy.year).settings) : undefined;
      const opts = {
        format,
        print: printOptions(o.kind, o.sign, setting),
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
    },
  },
  {
    name: 'pack',
    options: pick('unit', 'year', 'out', 'json', 'force'),
    store: 'open',
    async run({ store, values: o, io }) {
      const year = requireYear(o.year);
      if (!o.unit || year === undefined || !o.out) throw new UsageError('用法：pack --unit 编码 --year 年度 --out <文件夹> [--force]');
      const { submitToFolder, assertNotRepeat } = await import('../../services/submit.ts');
      // As the app asks (nothing changed since the last submission, comments unanswered): packed only with --force.
      try {
        assertNotRepeat(store, o.unit, year, o.force === true);
      } catch (e) {
        if (e instanceof Error) e.message += '（命令行：确认打包请加 --force）';
        throw e;
      }
      const r = await submitToFolder(store, {
        unitCode: o.unit,
        year,
        outDir: resolve(o.out),
        onProgress: (p) => io.isTTY && !o.json && io.err(`${p.stage}　${p.done}/${p.total}`),
      });
      if (o.json) io.out(JSON.stringify({ path: r.path, sha256: r.sha256, size: r.size, manifest: r.manifest }, null, 2));
      else io.out(`已打包并校验：${r.path}
      ${r.manifest.projectCount} 张项目表${store.getDeptTarget(o.unit, year) ? '和部门整体绩效目标' : ''}，审核警告 ${r.manifest.audit.warnings} 个，SHA-256 ${r.sha256}
      第 ${r.submissionNo} 次报送，各表已标记为“已报送”`);
      if (!o.json) {
        const { yearlyPackNote } = await import('../../services/yearly-pack-note.ts');
        for (const line of yearlyPackNote(store, o.unit, year)) io.out(`      ${line}`);
      }
      return 0;
    },
  },
  {
    name: 'inspect',
    options: pick('json'),
    store: 'open',
    async run({ store, values: o, positionals: pos, io }) {
      const file = pos[1];
      if (!file) throw new UsageError('用法：inspect <文件.jxmb>');
      const { inspectPackage } = await import('../../handover/receive.ts');
      const i = await inspectPackage(resolve(file), store);
      if (o.json) io.out(JSON.stringify(i, null, 2));
      else {
        io.out(`报送包：${i.file}（校验通过）`);
        io.out(`  报送单位 ${i.unit.code}${i.unit.name}${i.unit.supervisor ? `　主管部门 ${i.unit.supervisor}` : ''}`);
        io.out(`  年度 ${i.year}　${i.projectCount} 张项目表${i.deptTargets ? '和部门整体绩效目标' : ''}　模板 ${i.templateId}　${i.hasBook ? '含 Word 文件' : '不含 Word 文件'}`);
        io.out(`  打包时间 ${new Date(i.createdAt).toLocaleString('zh-CN')}　程序版本 ${i.appVersion}　审核规则 ${i.rulesetVersion}`);
        io.out(`  打包时审核：错误 ${i.senderAudit.errors}，警告 ${i.senderAudit.warnings}，提示 ${i.senderAudit.hints}`);
        io.out(i.alreadyImported ? '  本机已导入过此报送包' : '  本机尚未导入');
        if (i.refusal) io.out(`  不能接收：${i.refusal}`);
      }
      return 0;
    },
  },
  {
    name: 'import-package',
    options: pick('unit', 'year', 'json'),
    store: 'open',
    async run({ store, values: o, positionals: pos, io }) {
      const target = pos[1];
      if (!target) throw new UsageError('用法：import-package <文件.jxmb | 文件夹> [--unit 编码] [--year 年度]');
      const { importPackageFile, importPackageFolder, OUTCOME_LABELS } = await import('../../handover/receive.ts');
      const { describeDiff } = await import('../../../shared/handover/diff.ts');
      const { statSync } = await import('node:fs');
      const { progressBar } = await import('../../export/book-export.ts');
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
        const items: import('../../handover/receive.ts').FolderImportItem[] = isDir
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
                  if (!(e instanceof UserError)) throw e;
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
    },
  },
  {
    name: 'received',
    options: pick('unit', 'year', 'json'),
    store: 'open',
    async run({ store, values: o, io }) {
      const rows = store.received.list({ unitCode: o.unit, year: requireYear(o.year) });
      if (o.json) io.out(JSON.stringify(rows, null, 2));
      else if (!rows.length) io.out('还没有接收过报送包');
      const states: Record<string, string> = { current: '现用', superseded: '已被替代', older: '较早版本', pending: '待确认（打包时间晚于本机时钟）' };
      if (!o.json) for (const r of rows) io.out(`[${r.id}] ${r.unitCode} ${r.year} 年度　第 ${r.submissionNo ?? '—'} 次报送　${states[r.state] ?? r.state}　打包 ${r.createdAt}　接收 ${r.receivedAt}　${r.fileName}`);
      return 0;
    },
  },
  {
    name: 'make-current',
    options: pick(),
    store: 'open',
    async run({ store, positionals: pos, io }) {
      const n = Number(pos[1]);
      if (!Number.isSafeInteger(n) || n < 1) throw new UsageError('用法：make-current <接收编号>（编号见 received 命令）');
      const r = makeReceivedVersionCurrent(store, n);
      io.out(r.changed ? `已将接收记录 [${n}] 设为 ${r.unitCode} ${r.year} 年度的当前版本（已记入修改记录）` : `接收记录 [${n}] 已是当前版本`);
      return 0;
    },
  },
  {
    name: 'summary',
    options: pick('out', 'year', 'book'),
    store: 'open',
    async run({ store, values: o, io }) {
      if (!o.out) throw new UsageError('用法：summary --out <文件.xlsx> [--year 年度] [--book <文件.docx>]');
      const { buildSummaryWorkbook } = await import('../../handover/summary.ts');
      const { writeFileAtomic } = await import('../../files/atomic-write.ts');
      const year = requireYear(o.year);
      const { bytes, rows } = await buildSummaryWorkbook(store, year !== undefined ? { year } : {});
      if (!rows.length) throw new UsageError(`还没有接收到${year !== undefined ? ` ${year} 年度的` : ''}报送包`);
      await writeFileAtomic(resolve(o.out), bytes);
      io.out(`已生成汇总表 ${resolve(o.out)}：${rows.length} 个单位，${rows.reduce((n, r) => n + r.projects, 0)} 张项目表`);
      if (o.book) {
        const { exportSupervisorBook, progressBar } = await import('../../export/book-export.ts');
        const years = [...new Set(rows.map((r) => r.year))];
        if (years.length !== 1) throw new UsageError('合订 Word 文件需要指定一个年度：--year 年度');
        const r = await exportSupervisorBook(store, { units: rows.map((x) => x.unitCode), year: years[0]! }, resolve(o.book), {
          onProgress: (p) => io.isTTY && io.err(`${progressBar(p.done, p.total)}`),
        });
        io.out(`已生成合订 Word 文件 ${r.path}：${r.tables} 张表`);
      }
      return 0;
    },
  },
];
