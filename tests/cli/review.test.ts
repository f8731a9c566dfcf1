// `jxmb review …` round the loop with two database files: pack, receive, review with a
// comment, 退回, import on the unit's side, answer, history.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLEAN, emptyStore, storeWith, tempDirs } from '../handover/helpers.ts';
import { cli } from './helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('jxmb pack', () => {
  it('packs what did not change since the last submission again only with --force, as the next number', async () => {
    const dir = dirs.make();
    const [unit, year] = CLEAN.B;
    const u = await storeWith(dir, [unit], 'unit.sqlite');
    u.store.close();
    const args = ['pack', '--unit', unit, '--year', String(year), '--out', dir, '--db', u.dbPath];
    expect((await cli(args)).code).toBe(0);
    expect((await cli(args)).code).not.toBe(0);
    const forced = await cli([...args, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('第 2 次报送');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.jxmb')).sort()).toEqual([expect.stringMatching(/_第1次\.jxmb$/), expect.stringMatching(/_第2次\.jxmb$/)]);
  });
});

describe('jxmb review', () => {
  it('reviews, returns and answers from the command line', async () => {
    const dir = dirs.make();
    const [unit, year] = CLEAN.B;
    const u = await storeWith(dir, [unit], 'unit.sqlite');
    const ids = u.store.projectsOfUnitYear(unit, year).map((p) => p.id);
    u.store.close();
    const r = await emptyStore(dir, 'recv.sqlite');
    r.store.close();
    const stick = path.join(dir, 'stick');
    fs.mkdirSync(stick);
    const U = ['--db', u.dbPath];
    const R = ['--db', r.dbPath];
    const ok = async (args: string[]) => {
      const x = await cli(args);
      expect(x.err, args.join(' ')).toBe('');
      expect(x.code, args.join(' ')).toBe(0);
      return x.out;
    };
    // Both name the 部门整体绩效目标 the package carries, not only the 项目表.
    expect(await ok(['pack', '--unit', unit, '--year', String(year), '--out', stick, ...U])).toContain(`${ids.length} 张项目表和部门整体绩效目标，`);
    expect(await ok(['inspect', fs.readdirSync(stick).map((f) => path.join(stick, f))[0]!, ...R])).toContain(`${ids.length} 张项目表和部门整体绩效目标　模板`);
    // Nothing changed since: packed again only with --force, as the app asks first.
    const repeat = await cli(['pack', '--unit', unit, '--year', String(year), '--out', dir, ...U]);
    expect(repeat.code).not.toBe(0);
    expect(repeat.err).toMatch(/各项目表自第 1 次报送（.+）以来都没有修改.*（命令行：确认打包请加 --force）$/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.jxmb'))).toEqual([]);
    await ok(['import-package', fs.readdirSync(stick).map((f) => path.join(stick, f))[0]!, ...R]);
    expect((await cli(['review', 'set', ids[0]!, '--verdict', 'return', ...R])).err).toContain('请填写审核人');
    expect(await ok(['review', 'comment', ids[0]!, '目标不够具体', '--path', 'fundUse', '--by', '张审核', ...R])).toMatch(/^已记录意见 c[0-9a-f]+（fundUse）$/);
    await ok(['review', 'opinion', ids[0]!, '完整性', '依据不全', '--grade', '中', '--by', '张审核', ...R]);
    // The 绩效目标审核意见表 (before any verdict: 尚无审核结论), as .docx and .html; other names refused.
    const sheet = path.join(dir, '意见表.docx');
    expect(await ok(['review', 'print', '--unit', unit, '--year', String(year), '--out', sheet, ...R])).toBe(`已生成审核意见表：${sheet}`);
    expect(fs.readFileSync(sheet).subarray(0, 2).toString()).toBe('PK');
    const html = path.join(dir, '意见表.html');
    await ok(['review', 'print', '--unit', unit, '--year', String(year), '--out', html, ...R]);
    expect(fs.readFileSync(html, 'utf8')).toMatch(/绩效目标审核意见表[\s\S]*完整性[\s\S]*中[\s\S]*依据不全/);
    expect((await cli(['review', 'print', '--unit', unit, '--year', String(year), '--out', path.join(dir, 'x.pdf'), ...R])).code).toBe(2);
    expect(await ok(['review', 'diff', ids[0]!, ...R])).toBe('这是该表的第一次报送，没有可比较的版本');
    for (const [i, id] of ids.entries()) await ok(['review', 'set', id, '--grade', '良', '--verdict', i === 0 ? 'return' : 'pass', '--by', '张审核', ...R]);
    // The 部门整体绩效目标 under its review id: a comment on a 分项, a verdict, in show and summary.
    const dept = `dept:${unit}:${year}`;
    expect(await ok(['review', 'comment', dept, '分项目标不具体', '--path', 'items[0].goal', '--by', '张审核', ...R])).toMatch(/^已记录意见 c[0-9a-f]+（items\[0\]\.goal）$/);
    expect((await cli(['review', 'opinion', dept, '适当性', '匹配', '--by', '张审核', ...R])).err).toContain('部门整体绩效目标不按适当性审核');
    await ok(['review', 'set', dept, '--verdict', 'return', '--by', '张审核', ...R]);
    const showed = await ok(['review', 'show', '--unit', unit, '--year', String(year), ...R]);
    expect(showed).toContain('退回修改');
    expect(showed.split('\n')[1]).toMatch(new RegExp(`^部门整体绩效目标（标识 ${dept}）：.，退回修改$`));
    expect(await ok(['review', 'summary', '--year', String(year), ...R])).toMatch(new RegExp(`^${unit}：审核中，通过 ${ids.length - 1} / 退回 1（共 ${ids.length} 张表），部门整体绩效目标退回修改，意见 2 条`));
    const ret = await ok(['review', 'return', '--unit', unit, '--year', String(year), '--out', stick, '--by', '张审核', ...R]);
    expect(ret).toMatch(/^已写退回包并校验：.+_第1次\.jxmb\n {6}第 1 次退回，\d+ 张表和部门整体绩效目标，SHA-256 [0-9a-f]{64}$/);
    const file = ret.split('\n')[0]!.replace('已写退回包并校验：', '');
    expect(await ok(['review', 'import', file, ...U])).toMatch(/^已导入第 1 次退回（针对第 1 次报送）：退回修改 1 张，已通过 \d+ 张；部门整体绩效目标：退回修改$/);
    expect(await ok(['review', 'comments', dept, ...U])).toMatch(/^第 1 次退回：退回修改，等级 .\n {2}\[c[0-9a-f]+\] items\[0\]\.goal：分项目标不具体　未处理$/);
    const again = await cli(['review', 'import', file, ...U]);
    expect(repeat.code).not.toBe(0);
    expect(again.err).toContain('这个退回包已经导入过了');
    const comments = await ok(['review', 'comments', ids[0]!, ...U]);
    expect(comments).toContain('完整性：依据不全');
    const commentId = /\[(c[0-9a-f]+)\] fundUse：目标不够具体　未处理/.exec(comments)![1]!;
    expect(await ok(['review', 'answer', ids[0]!, commentId, '--note', '已按文件口径填写', ...U])).toBe(`已答复意见 ${commentId}：未修改，说明：已按文件口径填写`);
    expect(await ok(['review', 'history', ids[0]!, ...U])).toMatch(/^提交 1（.+） → 退回（.+）$/);
    // The unit's own diff: one submission so far, nothing to compare; a bad --from is a usage error.
    expect(await ok(['review', 'diff', ids[0]!, ...U])).toBe('这是该表的第一次报送，没有可比较的版本');
    expect((await cli(['review', 'diff', ids[0]!, '--from', 'x', ...U])).code).toBe(2);
    expect((await cli(['review', 'diff', ids[0]!, '--from', '9', ...U])).err).toContain('第 9 次报送中没有这张表');
    // The 部门整体绩效目标's comment is still unanswered: pack names it and asks for --force.
    const asked = await cli(['pack', '--unit', unit, '--year', String(year), '--out', stick, ...U]);
    expect(asked.err).toMatch(/^错误：还有 1 条审核意见没有答复：部门整体绩效目标（分项 1.+）：“分项目标不具体”.*（命令行：确认打包请加 --force）$/);
    // Resubmitted unchanged: the passed tables keep their 通过 (carried), the returned one waits for a new decision.
    await ok(['pack', '--unit', unit, '--year', String(year), '--out', stick, '--force', ...U]);
    await ok(['import-package', path.join(stick, fs.readdirSync(stick).find((f) => f.startsWith('绩效目标_') && f.includes('第2次'))!), ...R]);
    const shown = (await ok(['review', 'show', '--unit', unit, '--year', String(year), ...R])).split('\n').filter((l) => l.startsWith('第 '));
    expect(shown).toHaveLength(ids.length);
    expect(shown[0]).toMatch(/：良，退回修改（对上一个报送版本作出，待重新确认）$/);
    for (const l of shown.slice(1)) expect(l).toMatch(/：良，通过（沿用第 1 次报送的审核结论）$/);
    expect((await cli(['review', 'bogus', ...U])).code).toBe(2);
    // Two levels: this unit has no 主管部门, so its package cannot be forwarded; nothing is written.
    const pkg = fs.readdirSync(stick).find((f) => f.startsWith('绩效目标_') && f.includes('第2次'))!;
    const fwd = await cli(['review', 'forward', path.join(stick, pkg), '--out', stick, '--by', '张审核', ...R]);
    expect([fwd.code, fwd.err]).toEqual([2, expect.stringContaining('没有主管部门，不能转报')]);
    expect(fs.readdirSync(stick).some((f) => f.startsWith('绩效目标转报_'))).toBe(false);
    const notFwd = await cli(['review', 'import-forward', path.join(stick, pkg), ...R]);
    expect([notFwd.code, notFwd.err]).toEqual([2, expect.stringContaining('这是报送包，不是转报包')]);
    // The receiver's own return is no upper-level review; on the unit's database no received unit.
    const own = await cli(['review', 'import-upper', file, ...R]);
    expect([own.code, own.err]).toEqual([2, expect.stringContaining('这是本机写出的退回包，不是上级的审核意见，不能导入')]);
    const notReceived = await cli(['review', 'import-upper', file, ...U]);
    expect([notReceived.code, notReceived.err]).toEqual([2, expect.stringContaining('本机没有接收过该单位的报送')]);
  });
});
