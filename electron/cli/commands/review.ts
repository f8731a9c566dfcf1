// `jxmb review …`: the review loop from the command line (services/review.ts on the
// receiving side, services/review-return.ts on the unit's side). Thin: arguments in,
// service call, lines out (escaped for the terminal by main.ts).
import { resolve } from 'node:path';
import { VERDICT_LABELS, carriedText } from '../../../shared/handover/return-manifest.ts';
import { REVIEW_STATE_LABELS } from '../../../shared/handover/review-model.ts';
import { isDeptReviewId } from '../../../shared/handover/dept-review.ts';
import { UsageError, pick, requireYear, type CliContext, type Command } from '../command.ts';

const USAGE_LINE: Record<string, string> = {
  show: 'review show --unit 编码 --year 年度 [--json]',
  summary: 'review summary --year 年度 [--json]',
  set: 'review set <项目标识> [--grade 优|良|中|差] [--verdict pass|return] --by 审核人',
  opinion: 'review opinion <项目标识> <完整性|相关性|适当性|可行性> <意见> [--grade 优|良|中|差] --by 审核人',
  comment: 'review comment <项目标识> <意见> [--path 字段路径] --by 审核人',
  findings: 'review findings <项目标识> --by 审核人',
  overall: 'review overall --unit 编码 --year 年度 --grade 等级 [--text 总体意见] --by 审核人',
  return: 'review return --unit 编码 --year 年度 --out <文件夹> --by 审核人',
  import: 'review import <退回包.jxmb>',
  comments: 'review comments <项目标识> [--json]',
  answer: 'review answer <项目标识> <意见编号> (--handled | --note 说明)',
  history: 'review history <项目标识> [--json]',
  diff: 'review diff <项目标识> [--from 报送次数] [--json]',
  print: 'review print --unit 编码 --year 年度 --out <文件.docx|.html>',
  forward: 'review forward <报送包.jxmb>… --out <文件夹> --by 审核人',
  'import-forward': 'review import-forward <转报包.jxmb>',
  'import-upper': 'review import-upper <退回包.jxmb>',
};

const usage = (sub: string) => new UsageError(`用法：jxmb ${USAGE_LINE[sub] ?? Object.values(USAGE_LINE).join('\n      jxmb ')}`);

function unitYear(ctx: CliContext, sub: string): { unitCode: string; year: number } {
  const year = requireYear(ctx.values.year);
  if (!ctx.values.unit || year === undefined) throw usage(sub);
  return { unitCode: ctx.values.unit, year };
}

type Sub = (ctx: CliContext, arg: (i: number) => string) => Promise<void>;

const SUBS: Record<string, Sub> = {
  async show(ctx) {
    const { unitYearReview } = await import('../../services/review.ts');
    const { unitCode, year } = unitYear(ctx, 'show');
    const r = unitYearReview(ctx.store, unitCode, year);
    if (ctx.values.json) return ctx.io.out(JSON.stringify(r, null, 2));
    ctx.io.out(`${unitCode} ${year} 年度，第 ${r.submissionNo ?? '?'} 次报送（${r.packageSha256.slice(0, 12)}…）`);
    // The 部门整体绩效目标 first, under its review id (what `review set` and `review comment` take).
    for (const t of r.dept ? [r.dept, ...r.tables] : r.tables) {
      const v = t.review;
      const about = !v.stored ? '' : v.packageSha256 !== r.packageSha256 ? '（对上一个报送版本作出，待重新确认）' : v.carried ? `（${carriedText(v.carried)}）` : '';
      const name = t === r.dept ? `${t.name}（标识 ${t.projectId}）` : `第 ${t.seq} 张表“${t.name}”`;
      ctx.io.out(`${name}：${v.grade ?? '未定等级'}${v.stored ? '' : '（按估计预填）'}，${v.verdict ? VERDICT_LABELS[v.verdict] : '未下结论'}${about}`);
      for (const c of t.comments) {
        const a = c.answer ? `　答复：${c.answer.handled ? '已处理' : '未修改'}${c.answer.note ? `，${c.answer.note}` : ''}` : '';
        ctx.io.out(`  [${c.id}] ${c.path || (t === r.dept ? '整体' : '整张表')}：${c.text}${a}`);
      }
    }
  },
  async summary(ctx) {
    const { reviewSummary } = await import('../../services/review-views.ts');
    const year = requireYear(ctx.values.year);
    if (year === undefined) throw usage('summary');
    const rows = reviewSummary(ctx.store, year);
    if (ctx.values.json) return ctx.io.out(JSON.stringify(rows, null, 2));
    if (!rows.length) return ctx.io.out(`${year} 年度没有接收到的报送`);
    for (const r of rows) {
      const dept = r.dept === undefined ? '' : `，部门整体绩效目标${r.dept ? VERDICT_LABELS[r.dept] : '未下结论'}`;
      ctx.io.out(`${r.unitCode}：${REVIEW_STATE_LABELS[r.state]}，通过 ${r.passed} / 退回 ${r.returned}（共 ${r.tables} 张表）${dept}，意见 ${r.comments} 条（已答复 ${r.answered}），总体等级 ${r.overall ?? '未定'}，退回 ${r.returns} 次`);
    }
  },
  async set(ctx, arg) {
    const { setTableReview } = await import('../../services/review.ts');
    const grade = ctx.values.grade;
    const verdict = ctx.values.verdict;
    const r = setTableReview(ctx.store, { projectId: arg(2), reviewer: ctx.values.by ?? '', ...(grade ? { grade } : {}), ...(verdict ? { verdict } : {}) });
    ctx.io.out(`已记录：等级 ${r.grade ?? '未定'}，结论 ${r.verdict ? VERDICT_LABELS[r.verdict] : '未定'}（${r.reviewer}）`);
  },
  async opinion(ctx, arg) {
    const { setTableReview } = await import('../../services/review.ts');
    const grade = ctx.values.grade;
    setTableReview(ctx.store, { projectId: arg(2), reviewer: ctx.values.by ?? '', criteria: { [arg(3)]: arg(4) }, ...(grade ? { criteriaGrades: { [arg(3)]: grade } } : {}) });
    ctx.io.out(`已记录${arg(3)}的审核意见`);
  },
  async comment(ctx, arg) {
    const { addComment } = await import('../../services/review.ts');
    const c = addComment(ctx.store, { projectId: arg(2), text: arg(3), path: ctx.values.path ?? '', author: ctx.values.by ?? '' });
    ctx.io.out(`已记录意见 ${c.id}（${c.path || '整张表'}）`);
  },
  async findings(ctx, arg) {
    const { findingsToComments } = await import('../../services/review.ts');
    const added = findingsToComments(ctx.store, arg(2), ctx.values.by ?? '');
    ctx.io.out(`已把 ${added.length} 条审核结果转为意见`);
  },
  async overall(ctx) {
    const { setUnitYearReview } = await import('../../services/review.ts');
    const { unitCode, year } = unitYear(ctx, 'overall');
    const r = setUnitYearReview(ctx.store, { unitCode, year, grade: ctx.values.grade ?? null, opinion: ctx.values.text ?? '', reviewer: ctx.values.by ?? '' });
    ctx.io.out(`已记录总体等级：${r.grade ?? '未定'}`);
  },
  async return(ctx) {
    const { writeReturn } = await import('../../services/review.ts');
    const { unitCode, year } = unitYear(ctx, 'return');
    if (!ctx.values.out) throw usage('return');
    const r = await writeReturn(ctx.store, unitCode, year, resolve(ctx.values.out), ctx.values.by ?? '');
    ctx.io.out(`已写退回包并校验：${r.path}\n      第 ${r.returnNo} 次退回，${r.tables} 张表${r.dept ? '和部门整体绩效目标' : ''}，SHA-256 ${r.sha256}`);
  },
  async import(ctx, arg) {
    const { importReturn } = await import('../../services/review-return.ts');
    const { readPackageFile } = await import('../../handover/package-read.ts');
    const r = importReturn(ctx.store, await readPackageFile(resolve(arg(2))));
    ctx.io.out(`已导入第 ${r.returnNo} 次退回（针对第 ${r.submissionNo} 次报送）：退回修改 ${r.returned} 张，已通过 ${r.approved} 张${r.dept ? `；部门整体绩效目标：${r.dept}` : ''}`);
    if (r.unchanged.length) ctx.io.out(`报送后已修改、状态未变的表：${r.unchanged.join('、')}`);
  },
  async comments(ctx, arg) {
    const { tableComments } = await import('../../services/review-return.ts');
    const r = tableComments(ctx.store, arg(2));
    if (ctx.values.json) return ctx.io.out(JSON.stringify(r, null, 2));
    if (!r) return ctx.io.out(`${isDeptReviewId(arg(2)) ? '部门整体绩效目标' : '该表'}没有退回意见`);
    ctx.io.out(`第 ${r.returnNo} 次退回：${r.verdictLabel}，等级 ${r.grade ?? '未定'}`);
    for (const [k, v] of Object.entries(r.criteria)) ctx.io.out(`  ${k}：${v}`);
    for (const c of r.comments) ctx.io.out(`  [${c.id}] ${c.path || '整张表'}：${c.text}　${c.handled ? '已处理' : '未处理'}${c.note ? `，说明：${c.note}` : ''}`);
  },
  async answer(ctx, arg) {
    const { answerComment } = await import('../../services/review-return.ts');
    const a = answerComment(ctx.store, { projectId: arg(2), commentId: arg(3), handled: ctx.values.handled ?? false, note: ctx.values.note ?? '' });
    ctx.io.out(`已答复意见 ${a.commentId}：${a.handled ? '已处理' : '未修改'}${a.note ? `，说明：${a.note}` : ''}`);
  },
  async history(ctx, arg) {
    const { describeHistory, tableHistory } = await import('../../services/review-return.ts');
    const h = tableHistory(ctx.store, arg(2));
    ctx.io.out(ctx.values.json ? JSON.stringify(h, null, 2) : describeHistory(h));
  },
  async diff(ctx, arg) {
    const { tableDiff, unitTableDiff } = await import('../../services/review-views.ts');
    const id = arg(2);
    const from = ctx.values.from === undefined ? undefined : Number(ctx.values.from);
    const received = ctx.store.received.isReceivedProject(id);
    if (from !== undefined && (received || !Number.isInteger(from) || from < 1)) throw usage('diff');
    // The receiver compares received submissions; the unit its own (any earlier one still kept: --from).
    const d = received ? tableDiff(ctx.store, id) : unitTableDiff(ctx.store, id, { from });
    if (ctx.values.json) return ctx.io.out(JSON.stringify(d, null, 2));
    if (!d) return ctx.io.out('该表还没有报送过，没有可比较的版本');
    if (!d.from) return ctx.io.out('这是该表的第一次报送，没有可比较的版本');
    ctx.io.out(`第 ${d.from.submissionNo ?? '?'} 次（${d.from.sha256.slice(0, 12)}…）→ 第 ${d.to.submissionNo ?? '?'} 次（${d.to.sha256.slice(0, 12)}…）`);
    if (d.note) ctx.io.out(d.note);
    if (!d.changes.length) ctx.io.out(d.added ? '该表是新增的' : '没有变化');
    for (const c of d.changes) ctx.io.out(`  ${c.label}：${c.old} → ${c.new}${c.comments.length ? `（答复意见 ${c.comments.join('、')}）` : ''}`);
  },
  async forward(ctx) {
    const { buildForward, recordForward } = await import('../../services/review-forward.ts');
    const { writeFileAtomic } = await import('../../files/atomic-write.ts');
    const { readFile } = await import('node:fs/promises');
    const files = ctx.positionals.slice(2);
    const out = ctx.values.out;
    if (!files.length || !out) throw usage('forward');
    const built = buildForward(ctx.store, await Promise.all(files.map(async (f) => new Uint8Array(await readFile(resolve(f))))), ctx.values.by ?? '');
    const file = resolve(out, built.fileName);
    await writeFileAtomic(file, built.bytes);
    const { sha256 } = recordForward(ctx.store, built);
    ctx.io.out(`已写转报包：${file}（${files.length} 个单位），SHA-256 ${sha256}`);
  },
  async 'import-forward'(ctx, arg) {
    const { importForward } = await import('../../services/review-forward.ts');
    const { readFile } = await import('node:fs/promises');
    const file = resolve(arg(2));
    for (const line of importForward(ctx.store, new Uint8Array(await readFile(file)), file)) ctx.io.out(line);
  },
  async 'import-upper'(ctx, arg) {
    const { importUpperReturn } = await import('../../services/review-upper.ts');
    const { readPackageFile } = await import('../../handover/package-read.ts');
    const r = importUpperReturn(ctx.store, await readPackageFile(resolve(arg(2))));
    ctx.io.out(`已导入财政局第 ${r.returnNo} 次退回（${r.unitCode} ${r.year} 年度）：退回修改 ${r.returned} 张，通过 ${r.passed} 张；下次写给该单位的退回包将带上这些意见`);
  },
  async print(ctx) {
    const { reviewSheet } = await import('../../services/review-print.ts');
    const { writeFileAtomic } = await import('../../files/atomic-write.ts');
    const { unitCode, year } = unitYear(ctx, 'print');
    const out = ctx.values.out;
    if (!out || !/\.(docx|html)$/i.test(out)) throw usage('print');
    const r = await reviewSheet(ctx.store, unitCode, year, /\.html$/i.test(out) ? 'html' : 'docx');
    await writeFileAtomic(resolve(out), r.bytes);
    ctx.io.out(`已生成审核意见表：${resolve(out)}`);
  },
};

export const REVIEW_COMMANDS: Command[] = [
  {
    name: 'review',
    options: pick('unit', 'year', 'out', 'json', 'by', 'grade', 'verdict', 'path', 'text', 'note', 'handled', 'from'),
    store: 'open',
    async run(ctx) {
      const sub = ctx.positionals[1] ?? '';
      const fn = SUBS[sub];
      if (!fn) throw usage('');
      const arg = (i: number): string => {
        const v = ctx.positionals[i];
        if (v === undefined) throw usage(sub);
        return v;
      };
      await fn(ctx, arg);
      return 0;
    },
  },
];
