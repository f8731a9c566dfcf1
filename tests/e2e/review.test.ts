// The review loop in Chromium with two databases (a unit and its receiving office): submit,
// review with comments on a field and on an indicator row (by clicking the cells), 退回,
// import the return, see the comments in place, fix two and answer the third with a 说明,
// resubmit, see on the receiver which were answered and the diff, pass.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiResults } from '../../shared/api/contract.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, newPage, shot, startApp, waitSaved } from './helpers.ts';
import type { AppHandle } from './helpers.ts';
import { loopSteps, startSides, stopSides } from './review-steps.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);
const UNIT = '341182';
const YEAR = 2024;
/** A field of layout D (明光): the 年度 goal. */
const FIELD = 'periods.annual.goal';

d('review loop (browser, two databases)', () => {
  let unit: AppHandle;
  let office: AppHandle;
  let browser: Browser;
  let up: Page;
  let op: Page;
  let tmp: string;
  let firstId = '';

  beforeAll(async () => {
    ({ unit, office, browser, up, op, tmp } = await startSides('jxmb-e2e-review-'));
  });

  afterAll(() => stopSides({ unit, office, browser, up, op, tmp }));

  const { openList, menu, download, pack, receive, writeReturn, importReturn } = loopSteps(() => ({ unit, office, up, op, tmp }), UNIT, YEAR, 6);
  const openTable = async (p: Page, app: AppHandle, id: string) => {
    await p.goto(`${app.host.origin}/#/u/${UNIT}/${YEAR}/p/${encodeURIComponent(id)}`);
    await p.waitForSelector('.form-table[data-complete]');
  };
  /** The first indicator's 指标值 cell of the table (its path by index). */
  const valueCell = (p: Page) => p.locator('textarea[data-path$="].value"]').nth(1);
  const passOthers = async () => {
    const r = await apiCall<ApiResults['review.unitYear']>(office, 'review.unitYear', { unitCode: UNIT, year: YEAR });
    for (const t of r.tables.slice(1)) await apiCall(office, 'review.setTable', { projectId: t.projectId, verdict: 'pass', reviewer: '王审核' });
  };
  it('the office reviews the submission: grade per criterion, comments on a field, an indicator row and the table', async () => {
    await receive(await pack('sub1.jxmb'));
    const report = await op.locator('[data-testid="import-report"] li').first().textContent();
    expect(report).toMatch(/：已导入（341182/);
    // On the receiving side the machine check is 规则检查, never 审核 beside the reviewer's 审核结论:
    // in the 汇总 (column and filter), the list (column and button), the table's button and panel.
    const summary = op.locator('.received-summary');
    await summary.waitFor({ timeout: 10_000 });
    await expect(summary.getByRole('columnheader', { name: '规则检查', exact: true }).count()).resolves.toBe(1);
    await expect(summary.getByRole('columnheader', { name: '审核', exact: true }).count()).resolves.toBe(0);
    await expect(summary.getByLabel('规则检查结果').count()).resolves.toBe(1);
    await expect(summary.getByText('审核结果', { exact: true }).count()).resolves.toBe(0);
    await openList(op, office);
    await expect(op.locator('.list-table th.col-audit').textContent()).resolves.toBe('规则检查');
    await expect(op.getByRole('button', { name: '规则检查全部' }).count()).resolves.toBe(1);
    await expect(op.getByRole('button', { name: '审核全部' }).count()).resolves.toBe(0);
    const rows = await apiCall<ApiResults['projects.list']>(office, 'projects.list', { unitCode: UNIT, year: YEAR });
    expect(rows.rows).toHaveLength(6);
    firstId = rows.rows[0]!.id;
    await openTable(op, office, firstId);
    const panel = op.locator('[data-testid="review-panel"]');
    await panel.waitFor();
    const toolbar = op.locator('.project-view > .toolbar');
    await expect.poll(() => toolbar.getByRole('button', { name: /^规则检查（/ }).count(), { timeout: 10_000 }).toBe(1);
    await expect(toolbar.getByRole('button', { name: /^审核/ }).count()).resolves.toBe(0);
    await expect(op.locator('aside.audit .audit-title').textContent()).resolves.toBe('规则检查');
    await expect(panel.getByRole('radiogroup', { name: '审核结论' }).count()).resolves.toBe(1);
    await shot(op, 'review-received-words');
    // The unit's own table keeps the forms' word.
    await openTable(up, unit, (await apiCall<ApiResults['projects.list']>(unit, 'projects.list', { unitCode: UNIT, year: YEAR })).rows[0]!.id);
    await expect.poll(() => up.locator('.project-view > .toolbar').getByRole('button', { name: /^审核（/ }).count(), { timeout: 10_000 }).toBe(1);
    await expect(up.locator('aside.audit .audit-title').textContent()).resolves.toBe('审核');
    // Pre-filled from the estimate, shown as one, not stored.
    await expect.poll(() => panel.locator('.review-stored').textContent()).toBe('按估计预填，未保存');
    await expect(panel.locator('.review-estimate').first().textContent()).resolves.toMatch(/^按规则检查估计：[优良中差]（\d+ 分）$/);
    await panel.getByLabel('审核人').fill('王审核');

    // A click on 资金用途 pins the next comment there.
    await op.locator(`textarea[data-path="${FIELD}"]`).click();
    await expect(panel.getByRole('radiogroup', { name: '意见位置' }).textContent()).resolves.toMatch(/本格：年度.*目标/);
    await panel.getByLabel('新意见').fill('年度目标过于笼统，请写明要做成的事<b>');
    await panel.getByRole('button', { name: '添加意见' }).click();
    await panel.locator('.review-comment').first().waitFor();

    // An indicator cell: pinned to its row.
    await valueCell(op).click();
    await panel.getByRole('radio', { name: /^本行：(?:实施期|中期|年度)?指标“/ }).check();
    await panel.getByLabel('新意见').fill('该指标值应量化');
    await panel.getByRole('button', { name: '添加意见' }).click();
    await expect.poll(() => panel.locator('.review-comment').count()).toBe(2);

    await panel.getByRole('radio', { name: '整表' }).check();
    await panel.getByLabel('新意见').fill('请补充立项依据');
    await panel.getByRole('button', { name: '添加意见' }).click();
    await expect.poll(() => panel.locator('.review-comment').count()).toBe(3);

    await panel.getByLabel('等级', { exact: true }).selectOption('中');
    await panel.getByLabel('完整性等级').selectOption('中');
    await panel.getByLabel('完整性意见').fill('资金用途与立项依据不完整');
    await panel.getByRole('radio', { name: '退回修改' }).check();
    await panel.getByRole('button', { name: '保存审核意见' }).click();
    await expect.poll(() => panel.locator('.review-stored').textContent()).toBe('已保存');

    // The comments' marks in the form's margin: on the field and on the row's first cell.
    await expect(op.locator('td.pinned [data-testid="pin-mark"]').count()).resolves.toBe(2);
    await expect(op.locator(`td.pinned:has(textarea[data-path="${FIELD}"]) .pin-mark`).getAttribute('title')).resolves.toContain('<b>');
    const stored = await apiCall<ApiResults['review.table']>(office, 'review.table', { projectId: firstId });
    const filing = (await apiCall<ApiResults['projects.get']>(office, 'projects.get', { id: firstId })).filing;
    const [, period, index] = /^periods\.(\w+)\.indicators\[(\d+)\]/.exec((await valueCell(op).getAttribute('data-path')) ?? '')!;
    const rowId = filing.periods[period as 'annual']?.indicators[Number(index)]?.id;
    expect(rowId, `${period}[${index}]`).toBeTruthy();
    expect(stored.comments.map((c) => c.path)).toEqual([FIELD, `periods.${period}.indicators[id=${rowId}]`, '']);
    expect(stored.review).toMatchObject({ grade: '中', verdict: 'return', criteriaGrades: { 完整性: '中' }, criteria: { 完整性: '资金用途与立项依据不完整' }, reviewer: '王审核' });
    await shot(op, 'review-panel');
  });

  it('refuses 退回 while tables have no verdict; then writes the return package', async () => {
    await openList(op, office);
    await op.getByRole('button', { name: '审核与退回' }).click();
    const dialog = op.getByRole('dialog', { name: '审核与退回' });
    // The reviewer's name is remembered on this computer.
    await expect(dialog.getByLabel('审核人').inputValue()).resolves.toBe('王审核');
    await dialog.getByRole('button', { name: '生成退回包' }).click();
    await expect(dialog.locator('.form-error').first().textContent()).resolves.toMatch(/还有 5 张表没有审核结论/);
    await dialog.getByRole('button', { name: '关闭', exact: true }).last().click();
    await passOthers();
    const { dialog: d2 } = await writeReturn('return1.jxmb');
    await shot(op, 'review-dialog');
    await d2.getByRole('button', { name: '关闭', exact: true }).last().click();
  });

  it('the unit imports the return: statuses, comments in the form and in the 审核 panel; fixes two, answers one; resubmits', async () => {
    expect(await importReturn(path.join(tmp, 'return1.jxmb'))).toMatch(/退回修改 1 张，已通过 5 张/);
    await expect(up.locator('.list-table tbody tr').first().textContent()).resolves.toContain('退回修改');
    // Shown whole (the column cut it to 退回…).
    const status = up.locator('.list-table tbody tr').first().locator('td.col-status .status');
    await expect(status.evaluate((e) => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= e.parentElement!.getBoundingClientRect().right)).resolves.toBe(true);
    await openTable(up, unit, firstId);
    const box = up.locator('[data-testid="unit-comments"]');
    await box.waitFor();
    await expect(box.locator('.review-verdict').textContent()).resolves.toMatch(/第 1 次退回包）：退回修改　等级 中/);
    await expect(box.locator('.review-comment').count()).resolves.toBe(3);
    await expect(box.locator('.rc-text').first().textContent()).resolves.toBe('年度目标过于笼统，请写明要做成的事<b>');
    await expect(up.locator('td.pin-open .pin-mark').count()).resolves.toBe(2);
    await expect(box.locator('[data-testid="review-history"]').textContent()).resolves.toMatch(/提交 1（.*，[0-9a-f]{12}） → 退回（/);

    // 打包报送 now asks first: the three comments are not answered yet. 取消 packs nothing.
    await openList(up, unit);
    await menu(up, '打包报送');
    const packing = up.getByRole('dialog', { name: '打包报送' });
    await expect(packing.getByTestId('pack-repeat').textContent()).resolves.toMatch(/^还有 3 条审核意见没有答复：1\..+（.+）：“.+”/);
    await expect(packing.getByRole('button', { name: '仍要打包报送' }).count()).resolves.toBe(1);
    await packing.getByRole('button', { name: '取消' }).click();
    await openTable(up, unit, firstId);
    await box.waitFor();

    // Fix 资金用途 and the indicator's value; tick both; explain the third.
    await up.locator(`textarea[data-path="${FIELD}"]`).click();
    await up.keyboard.press('Control+A');
    await up.keyboard.insertText('完成医保信息系统设备购置和运维服务，保障全年结算正常');
    await up.keyboard.press('Tab');
    await waitSaved(up);
    await valueCell(up).click();
    await up.keyboard.press('Control+A');
    await up.keyboard.type('>=98%');
    await up.keyboard.press('Tab');
    await waitSaved(up);
    const items = box.locator('.review-comment');
    await items.nth(0).getByLabel('已处理').check();
    await expect.poll(() => items.nth(0).getAttribute('class')).toContain('rc-handled');
    await items.nth(1).getByLabel('已处理').check();
    await expect.poll(() => items.nth(1).getAttribute('class')).toContain('rc-handled');
    await items.nth(2).getByLabel('说明').fill('立项依据见县政府 2023 年第 5 次常务会议纪要\n纪要复印件随本次报送');
    await items.nth(2).getByRole('button', { name: '保存说明' }).click();
    await expect.poll(() => items.nth(2).getAttribute('class')).toContain('rc-noted');
    await expect(up.locator('td.pin-handled .pin-mark').count()).resolves.toBe(2);
    await shot(up, 'review-unit-comments');

    await receive(await pack('sub2.jxmb'));
  });

  it('the unit sees beside the form what changed between its own two submissions and which comments each change answers', async () => {
    await openTable(up, unit, firstId);
    const box = up.locator('[data-testid="unit-diff"]');
    await box.waitFor();
    const diff = box.locator('[data-testid="review-diff"]');
    await expect(diff.locator('.review-sub').textContent()).resolves.toBe('第 2 次报送与第 1 次报送相比：2 处修改');
    const lines = (await diff.locator('li').allTextContents()).join('\n');
    expect(lines).toMatch(/目标：.*→ 完成医保信息系统设备购置和运维服务，保障全年结算正常（答复意见 1）/);
    expect(lines).toMatch(/指标值：.*→ >=98%（答复意见 2）/);
    // The comments of the return those changes answer, with the unit's own answers.
    const answered = await box.locator('.review-comment').allTextContents();
    expect(answered).toEqual([
      '年度目标过于笼统，请写明要做成的事<b>　已处理',
      '该指标值应量化　已处理',
      '请补充立项依据　说明：立项依据见县政府 2023 年第 5 次常务会议纪要\n纪要复印件随本次报送',
    ]);
    await expect(diff.locator('.diff-answers').first().getAttribute('title')).resolves.toBe('意见 1：年度目标过于笼统，请写明要做成的事<b>（已处理）');
    // Only two submissions: nothing to choose yet. A click on a change goes to its cell.
    await expect(box.getByLabel('比较的起点').count()).resolves.toBe(0);
    await diff.getByRole('button', { name: /指标值$/ }).click();
    await expect.poll(() => up.evaluate(() => document.activeElement?.getAttribute('data-path') ?? '')).toMatch(/^periods\.\w+\.indicators\[\d+\]\.value$/);
    await shot(up, 'review-unit-diff');
  });

  it('the office sees which comments were answered and the diff beside the form, then passes', async () => {
    await openTable(op, office, firstId);
    const panel = op.locator('[data-testid="review-panel"]');
    await panel.waitFor();
    const diff = panel.locator('[data-testid="review-diff"]');
    await diff.waitFor();
    const lines = (await diff.locator('li').allTextContents()).join('\n');
    await expect(diff.locator('.review-sub').textContent(), lines).resolves.toMatch(/与第 1 次报送相比：2 处修改/);
    expect(lines).toMatch(/目标：.*→ 完成医保信息系统设备购置和运维服务，保障全年结算正常（答复意见 1）/);
    expect(lines).toMatch(/指标值：.*→ >=98%（答复意见 2）/);
    const replies = await panel.locator('.rc-reply').allTextContents();
    expect(replies).toEqual(['单位答复：已处理', '单位答复：已处理', '单位答复：未修改：立项依据见县政府 2023 年第 5 次常务会议纪要\n纪要复印件随本次报送']);
    // Changed cells are marked, the old value on hover.
    await expect(op.locator(`td.pin-changed:has(textarea[data-path="${FIELD}"]) .pin-mark`).getAttribute('title')).resolves.toMatch(/原为“/);
    await expect(panel.locator('[data-testid="review-history"]').textContent()).resolves.toMatch(/提交 1.*→ 退回.*→ 提交 2/);
    await panel.locator('.hash').last().click();
    await expect(panel.locator('[data-testid="hash-full"]').textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
    await shot(op, 'review-diff');

    // The decision on submission 1 is kept but has to be confirmed for submission 2.
    await expect.poll(() => panel.locator('.review-stored').textContent()).toBe('结论是对上一个报送版本作出的，请确认后重新保存');
    // 完整性 中 “资金用途与立项依据不完整” was written for submission 1: it would print under 通过.
    await expect(panel.getByTestId('review-criteria-old').textContent()).resolves.toMatch(/^完整性的等级和意见是对上一个报送版本写的/);
    await panel.getByLabel('审核人').fill('王审核');
    await panel.getByRole('radio', { name: '通过' }).check();
    let asked = '';
    op.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await panel.getByRole('button', { name: '保存审核意见' }).click();
    await expect.poll(() => asked).toMatch(/^完整性的意见仍是对上一个报送版本写的，将随“通过”印在审核意见表上/);
    await expect(panel.locator('.review-stored').textContent()).resolves.toBe('未保存');
    await panel.getByRole('button', { name: '清空各项等级和意见' }).click();
    await expect(panel.getByLabel('完整性意见').inputValue()).resolves.toBe('');
    expect(await panel.getByTestId('review-criteria-old').count()).toBe(0);
    await panel.getByLabel('等级', { exact: true }).selectOption('良');
    await panel.getByRole('button', { name: '保存审核意见' }).click();
    await expect.poll(() => panel.locator('.review-stored').textContent()).toBe('已保存');
    // The five tables passed on submission 1 and not changed since keep their 通过: not passed again.

    // The 汇总 shows the review status as columns, with a filter.
    await op.goto(office.host.url);
    await op.getByRole('button', { name: '接收报送包' }).click();
    const summary = op.locator('[data-testid="summary"] tbody tr');
    await summary.first().waitFor();
    await expect(summary.first().textContent()).resolves.toMatch(/已重新报送/);
    // On a 1366 px laptop the review columns make it wider than the page: it scrolls in its own box,
    // not out of its section over the list below.
    await op.setViewportSize({ width: 1366, height: 768 });
    const box = await op.evaluate(() => {
      const t = document.querySelector('[data-testid="summary"]')!;
      const s = t.closest('.receive-section')!;
      // Every column has room (one without a width got none once the table outgrew the page).
      const narrow = Array.from(t.querySelectorAll('thead th')).filter((h) => h.textContent && h.getBoundingClientRect().width < 40).map((h) => h.textContent);
      return { sw: s.scrollWidth, cw: s.clientWidth, table: t.scrollWidth, narrow };
    });
    await op.setViewportSize({ width: 1600, height: 900 });
    expect(box.narrow).toEqual([]);
    expect(box.table, JSON.stringify(box)).toBeGreaterThan(box.cw);
    expect(box.sw, JSON.stringify(box)).toBeLessThanOrEqual(box.cw);
    await op.getByLabel('审核状态').selectOption('passed');
    await expect(summary.count()).resolves.toBe(0);

    const { dialog: d2 } = await writeReturn('return2.jxmb');
    await expect(d2.locator('[data-testid="carried"]').allTextContents()).resolves.toEqual(Array(5).fill('沿用第 1 次报送的审核结论'));
    await d2.getByRole('button', { name: '关闭', exact: true }).last().click();
    expect(await importReturn(path.join(tmp, 'return2.jxmb'))).toMatch(/退回修改 0 张，已通过 1 张.*状态未变的表.*（已通过）/);
    const listed = await apiCall<ApiResults['projects.list']>(unit, 'projects.list', { unitCode: UNIT, year: YEAR });
    expect(listed.rows.every((r) => r.status === 'approved')).toBe(true);
    const hist = await apiCall<ApiResults['review.history']>(unit, 'review.history', { projectId: firstId });
    expect(hist.map((h) => h.label)).toEqual(['提交 1', '退回', '提交 2', '通过']);
    // Passed: its comments ask for nothing more (it said 待处理 3 条, 答复随下次打包报送).
    await openTable(up, unit, firstId);
    await expect(up.locator('[data-testid="unit-comments"] > .review-sub').first().textContent()).resolves.toBe('本表已通过。意见 3 条，供参考，无需再答复');

    await op.goto(office.host.url);
    await op.getByRole('button', { name: '接收报送包' }).click();
    await op.getByLabel('审核状态').selectOption('passed');
    await expect.poll(() => op.locator('[data-testid="summary"] tbody tr').count()).toBe(1);
  });

  it('two levels: the office forwards the reviewed submission to a 财政局, which imports it with the office review as comments', async () => {
    // Without a 主管部门 on the unit the forward is refused, with the reason.
    const forward = op.locator('[data-testid="forward"]');
    await forward.getByLabel('选择要转报的报送包').setInputFiles(path.join(tmp, 'sub2.jxmb'));
    await expect(forward.locator('[data-testid="forward-report"]').textContent()).resolves.toMatch(/没有主管部门，不能转报/);

    const units = await apiCall<ApiResults['units.list']>(unit, 'units.list', {});
    const me = units.find((u) => u.code === UNIT)!;
    await apiCall(unit, 'units.save', { unit: { code: me.code, name: me.name, supervisor: { code: '341', name: '明光市医疗保障局（主管）' }, region: me.region } });
    const sub3 = await pack('sub3.jxmb');
    // Three submissions kept: the unit picks which two to compare (3 against 2 by default: nothing changed).
    await openTable(up, unit, firstId);
    const unitDiff = up.locator('[data-testid="unit-diff"]');
    await expect.poll(() => unitDiff.locator('.review-sub').first().textContent()).toBe('第 3 次报送与第 2 次报送相比：没有修改');
    await unitDiff.getByLabel('比较的起点').selectOption('1');
    await expect.poll(() => unitDiff.locator('.review-sub').first().textContent()).toBe('第 3 次报送与第 1 次报送相比：2 处修改');
    await expect(unitDiff.locator('.diff-answers').allTextContents()).resolves.toEqual(['（答复意见 1）', '（答复意见 2）']);
    await receive(sub3);
    const r = await apiCall<ApiResults['review.unitYear']>(office, 'review.unitYear', { unitCode: UNIT, year: YEAR });
    for (const t of r.tables) await apiCall(office, 'review.setTable', { projectId: t.projectId, verdict: t.projectId === firstId ? 'return' : 'pass', reviewer: '王审核' });
    await apiCall(office, 'review.addComment', { projectId: firstId, text: '主管部门意见：请与财政局再核对预算', author: '王审核' });
    const fwdFile = await download(op, () => forward.getByLabel('选择要转报的报送包').setInputFiles(sub3), 'forward.jxmb');
    await expect(forward.locator('[data-testid="forward-report"]').textContent()).resolves.toMatch(/已生成转报包“绩效目标转报_明光市医疗保障局（主管）_2024\.jxmb”（1 个单位）.*已记入各表的经过（转报，校验值 [0-9a-f]{64}）/);

    const bureau = await startApp(await ensureRendererBuilt());
    try {
      const { page: bp } = await newPage(browser, 1600, 900);
      await bp.goto(bureau.host.url);
      await bp.getByRole('button', { name: '接收报送包' }).click();
      await bp.locator('[data-testid="forward"]').getByLabel('选择转报包').setInputFiles(fwdFile);
      await bp.locator('[data-testid="forward-report"] li').first().waitFor();
      const lines = await bp.locator('[data-testid="forward-report"] li').allTextContents();
      expect(lines[0]).toMatch(/^转报包：明光市医疗保障局（主管），2024 年度，1 个单位$/);
      expect(lines[1]).toMatch(/^341182.*：已导入$/);
      const seen = await apiCall<ApiResults['review.table']>(bureau, 'review.table', { projectId: firstId });
      // The summary of the office's decision, then its comments (those of the first round stay on their rows).
      const texts = seen.comments.map((c) => c.text);
      expect(texts[0]).toMatch(/^明光市医疗保障局（主管）初审：退回修改/);
      expect(texts.slice(1)).toEqual(['年度目标过于笼统，请写明要做成的事<b>', '该指标值应量化', '请补充立项依据', '主管部门意见：请与财政局再核对预算']);
      expect(seen.comments.every((c) => c.author.startsWith('明光市医疗保障局（主管）·'))).toBe(true);
      await expect(bp.locator('[data-testid="summary"] tbody tr').first().textContent()).resolves.toMatch(/^341182/);

      // The 财政局 decides and returns; the office imports that return (in the table's history as 上级退回).
      const tables = (await apiCall<ApiResults['review.unitYear']>(bureau, 'review.unitYear', { unitCode: UNIT, year: YEAR })).tables;
      await apiCall(bureau, 'review.addComment', { projectId: firstId, field: FIELD, text: '年度目标与预算规模不匹配', author: '财政局李' });
      for (const t of tables) await apiCall(bureau, 'review.setTable', { projectId: t.projectId, verdict: t.projectId === firstId ? 'return' : 'pass', reviewer: '财政局李' });
      await openList(bp, bureau);
      await bp.getByRole('button', { name: '审核与退回' }).click();
      const bd = bp.getByRole('dialog', { name: '审核与退回' });
      await bd.locator('[data-testid="review-tables"] tbody tr').first().waitFor();
      await bd.getByLabel('审核人').fill('财政局李');
      const upperFile = await download(bp, () => bd.getByRole('button', { name: '生成退回包' }).click(), 'upper.jxmb');
      await forward.getByLabel('选择财政局的退回包').setInputFiles(upperFile);
      await expect(forward.locator('[data-testid="forward-report"]').textContent()).resolves.toMatch(/^已导入财政局第 1 次退回（341182 2024 年度）：退回修改 1 张/);
      const history = await apiCall<ApiResults['review.history']>(office, 'review.history', { projectId: firstId });
      expect(history.slice(-3).map((h) => h.label)).toEqual(['提交 3', '转报', '上级退回']);

      // In the office's review panel, beside its own decision: the 财政局's, with its comments; not yet passed down.
      await openTable(op, office, firstId);
      const upper = op.locator('[data-testid="review-panel"] [data-testid="upper-review"]');
      await upper.waitFor();
      await expect(upper.locator('.review-sub').first().textContent()).resolves.toMatch(/^财政局审核意见（第 1 次退回包，财政局李，导入于 /);
      // The grade is the one pre-filled from the estimate (the 财政局 set only the verdict).
      await expect(upper.locator('[data-testid="upper-verdict"]').textContent()).resolves.toMatch(/^财政局：退回修改，等级 [优良中差]$/);
      await expect(upper.locator('.upper-compare').textContent()).resolves.toContain('本级：退回修改');
      const upperComments = await upper.locator('.review-comment').allTextContents();
      expect(upperComments.at(-1)).toMatch(/^年度.*目标年度目标与预算规模不匹配（财政局李）$/);
      expect(upperComments.filter((t) => t.endsWith('（本级转报时的意见，不再下发）'))).toHaveLength(upperComments.length - 1);
      await expect(upper.locator('[data-testid="upper-passed-down"]').textContent()).resolves.toMatch(/^尚未转给单位/);
      await shot(op, 'review-upper');
      // The office's next return to the unit carries it: the panel says which one.
      const { dialog: d3 } = await writeReturn('return3.jxmb');
      await d3.getByRole('button', { name: '关闭', exact: true }).last().click();
      await openTable(op, office, firstId);
      await expect.poll(() => upper.locator('[data-testid="upper-passed-down"]').textContent()).toMatch(/^已随第 3 次退回包转给单位（.*，[0-9a-f]{12}）$/);
    } finally {
      await bureau.close();
    }
  });
});
