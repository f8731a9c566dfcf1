// The 示例 data of the four published layouts in the browser at 1366×768: screenshots of
// the list, the form of each layout A–D and the print preview (into out/e2e-screenshots,
// git-ignored), the dual tables side by side, 审核 fixes and 说明, the indicator library.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Dialog, Page } from 'playwright-core';
import type { ApiResults, Finding, SavedProject } from '../../shared/api/contract.ts';
import type { Unit } from '../../shared/model/filing.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp, waitSaved } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);

interface Sample {
  unit: string;
  year: number;
  id: string;
}

d('layouts A–D with the 示例 data (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  const byTemplate = new Map<string, Sample>();

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir, { demo: true }), launch()]);
    ({ page } = await newPage(browser));
    const units = await apiCall<Unit[]>(app, 'units.list', {});
    for (const u of units) {
      for (const year of await apiCall<number[]>(app, 'years.list', { unitCode: u.code })) {
        const list = await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: u.code, year });
        for (const r of list.rows) if (!byTemplate.has(r.templateId) && r.indicatorCount > 4) byTemplate.set(r.templateId, { unit: u.code, year, id: r.id });
      }
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const open = async (s: Sample) => {
    await page.goto(`${app.host.origin}/#/u/${s.unit}/${s.year}/p/${encodeURIComponent(s.id)}`);
    await page.waitForSelector('.form-table[data-complete]');
    await page.waitForSelector('.audit-sum');
  };

  it('shows the 示例 units marked, and the list of a unit-year', async () => {
    expect([...byTemplate.keys()].sort()).toEqual(['A', 'B', 'C', 'D']);
    await page.goto(app.host.url);
    const s = byTemplate.get('A')!;
    await page.getByLabel('单位').selectOption(s.unit);
    await page.waitForSelector('.list-table tbody tr >> nth=2');
    await expect(page.locator('.sample-badge').textContent()).resolves.toBe('示例单位');
    const options = await page.getByLabel('单位').locator('option').allTextContents();
    expect(options.every((o) => o.startsWith('【示例】'))).toBe(true);
    await shot(page, 'list');
  });

  for (const id of ['A', 'B', 'C', 'D']) {
    it(`draws layout ${id} from its template, like the paper table`, async () => {
      await open(byTemplate.get(id)!);
      await shot(page, `form-${id}`);
      if (id === 'C' || id === 'D') {
        await page.locator('.form-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
        await shot(page, `form-${id}-bottom`);
      }
      const text = await page.locator('.form-table').innerText();
      expect(text).toContain('一级指标');
      if (id === 'C' || id === 'D') {
        // Both periods side by side in one row, 一级 once.
        const first = id === 'C' ? 'implementation' : 'midterm';
        const tr = page.locator(`tr:has(textarea[data-path="periods.${first}.indicators[0].name"])`);
        await expect(tr.locator('textarea[data-path="periods.annual.indicators[0].name"]').count()).resolves.toBe(1);
        await expect(tr.locator('textarea[data-path$=".level1"]').count()).resolves.toBe(1);
        expect(text).toContain('绩效指标');
      }
      if (id === 'B') expect(text).toContain('资金支出计划');
    });
  }

  it('edits the 部门整体绩效目标 of a department book', async () => {
    const s = byTemplate.get('B')!;
    await page.goto(`${app.host.origin}/#/u/${s.unit}/${s.year}`);
    await page.getByRole('button', { name: '部门整体绩效目标' }).click();
    const overall = page.getByLabel('总体绩效目标');
    await overall.waitFor();
    await shot(page, 'dept');
    expect((await overall.inputValue()).length).toBeGreaterThan(20);
    const before = await page.locator('textarea[aria-label^="保障措施"]').count();
    await page.getByRole('button', { name: '＋ 增加措施' }).click();
    // The new box is there and focused at once, before the save returns.
    await page.waitForFunction((n) => document.activeElement?.getAttribute('aria-label') === `保障措施 ${n + 1}`, before);
    await page.keyboard.type('加强预算绩效管理培训');
    await page.keyboard.press('Tab');
    await expect
      .poll(async () => (await apiCall<{ measures: string[] }>(app, 'dept.get', { unitCode: s.unit, year: s.year })).measures.at(-1), { timeout: 5000 })
      .toBe('加强预算绩效管理培训');
    await page.waitForFunction(() => document.querySelector('.dept-view .save-state')?.textContent === '已保存');
  });

  it('edits a merged 一级 cell of a dual table for both periods at once', async () => {
    const s = byTemplate.get('C')!;
    await open(s);
    const l1 = page.locator('textarea[data-path="periods.implementation.indicators[0].level1"]');
    const before = (await apiCall<SavedProject>(app, 'projects.get', { id: s.id })).filing;
    const n = before.periods.implementation!.indicators.filter((r) => r.level1 === '产出指标').length;
    await l1.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('产出指标（改）');
    await page.keyboard.press('Tab');
    await waitSaved(page);
    const after = (await apiCall<SavedProject>(app, 'projects.get', { id: s.id })).filing;
    expect(after.periods.implementation!.indicators.filter((r) => r.level1 === '产出指标（改）')).toHaveLength(n);
    expect(after.periods.annual!.indicators.filter((r) => r.level1 === '产出指标（改）')).toHaveLength(n);
    await page.keyboard.press('Control+Z');
    await waitSaved(page);
    const undone = (await apiCall<SavedProject>(app, 'projects.get', { id: s.id })).filing;
    expect(undone.periods.annual!.indicators.map((r) => r.level1)).toEqual(before.periods.annual!.indicators.map((r) => r.level1));
  });

  it('applies a fix with one click and takes a 说明 for a warning', async () => {
    const s = byTemplate.get('A')!;
    await open(s);
    const findings = await apiCall<Finding[]>(app, 'audit.project', { id: s.id });
    const word = findings.filter((f) => f.code === 'R-VALUE-PERCENT-WORD');
    expect(word.length).toBeGreaterThanOrEqual(2);
    const [toFix, toExplain] = word as [Finding, Finding];
    await page.locator(`.finding[data-code="R-VALUE-PERCENT-WORD"] >> nth=0`).getByRole('button', { name: toFix.fix!.description }).click();
    await waitSaved(page);
    await page.waitForFunction((n) => document.querySelectorAll('.finding[data-code="R-VALUE-PERCENT-WORD"]').length === n - 1, word.length);
    let f = (await apiCall<SavedProject>(app, 'projects.get', { id: s.id })).filing;
    expect(f.periods.annual!.indicators[toFix.location.row!]!.value).toBe(toFix.fix!.patch.value);

    const item = page.locator('.finding[data-code="R-VALUE-PERCENT-WORD"] >> nth=0');
    await item.getByLabel('说明').fill('原文件即如此填写，保持一致');
    await item.getByRole('button', { name: '保存说明' }).click();
    await page.locator('.finding.explained').first().waitFor();
    f = (await apiCall<SavedProject>(app, 'projects.get', { id: s.id })).filing;
    expect(f.explanations.map((e) => e.key)).toContain(toExplain.key);
    // The fix is one undo step.
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('Control+Z');
    await waitSaved(page);
    f = (await apiCall<SavedProject>(app, 'projects.get', { id: s.id })).filing;
    expect(f.periods.annual!.indicators[toFix.location.row!]!.value).toBe(toFix.fix!.patch.expect);
  });

  it('proposes 三级 names from the library while typing (pinyin initials)', async () => {
    const s = byTemplate.get('B')!;
    await open(s);
    const rows = (await apiCall<SavedProject>(app, 'projects.get', { id: s.id })).filing.periods.annual!.indicators;
    const last = rows.length - 1;
    await page.locator(`textarea[data-path="periods.annual.indicators[${last}].name"]`).click();
    await page.keyboard.press('Control+Enter');
    await page.keyboard.type('myd');
    await page.locator('.suggest li').first().waitFor();
    await shot(page, 'form-B-library');
    const first = await page.locator('.suggest li .sug-main').first().textContent();
    expect(first).toMatch(/满意/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    const f = (await apiCall<SavedProject>(app, 'projects.get', { id: s.id })).filing;
    const added = f.periods.annual!.indicators[last + 1]!;
    expect(added.name).toBe(first);
    expect(added.value).not.toBe('');
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
    await waitSaved(page);
  });

  it('shows the print preview of the book', async () => {
    const s = byTemplate.get('B')!;
    await open(s);
    await page.getByRole('button', { name: '打印预览' }).click();
    const frame = page.frameLocator('iframe.print-frame');
    await frame.locator('table').first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(200);
    await shot(page, 'print-preview');
    await expect(page.locator('iframe.print-frame').getAttribute('sandbox')).resolves.not.toContain('allow-scripts');
  });

  it('removes every 示例 unit in one action (删除示例数据)', async () => {
    await page.keyboard.press('Escape');
    // The tests above edited 示例 tables: after the first question comes a second that names them.
    const asked: string[] = [];
    const answer = (d: Dialog) => {
      asked.push(d.message());
      void d.accept();
    };
    page.on('dialog', answer);
    await page.getByRole('button', { name: '删除示例数据' }).click();
    await page.waitForSelector('.welcome');
    page.off('dialog', answer);
    expect(asked).toHaveLength(2);
    expect(asked[1]).toMatch(/示例单位中有 \d+ 份表不是示例数据，是在本机新建、导入或修改过的/);
    expect(await apiCall<Unit[]>(app, 'units.list', {})).toEqual([]);
  });
});
