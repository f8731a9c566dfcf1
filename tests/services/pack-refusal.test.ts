// 打包报送's refusal counts the 错误 as 审核全部 counts them (one report, with the unit-year's rule
// profile) and names each problem of the unit-year itself in words, not as “341199 2026 年”.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertReadyToPack } from '../../electron/services/submit.ts';
import { ServiceError } from '../../electron/services/service-error.ts';
import { openTestApi, type TestApi } from '../api/helpers.ts';

let api: TestApi;
beforeEach(async () => {
  api = await openTestApi();
  await api.call('units.save', { unit: { code: '341199', name: '某县医疗保障局', region: '' } });
});
afterEach(async () => api.close());

async function packFailure(): Promise<string> {
  const e = await api.fail('handover.pack', { unitCode: '341199', year: 2026 });
  expect(e.code).toBe('HAS_ERRORS');
  return e.message;
}

describe('打包报送 refused while 错误 remain', () => {
  it('uses the count of 审核全部 and says what the unit-year lacks (layout B needs a 部门整体绩效目标)', async () => {
    await api.call('projects.create', { unitCode: '341199', year: 2026, templateId: 'B', name: '医保信息系统运行维护' });
    await api.call('projects.create', { unitCode: '341199', year: 2026, templateId: 'B', name: '办公楼维修' });
    await api.call('settings.set', { settings: { ...(await api.call('settings.get', { unitCode: '341199', year: 2026 })).settings, ruleProfile: 'strict' } });
    const all = await api.call('audit.unitYear', { unitCode: '341199', year: 2026 });
    const errors = all.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(10);
    const message = await packFailure();
    expect(message).toBe(
      `审核还有 ${errors.length} 个错误，不能打包报送。请先改正：第 1 张表“医保信息系统运行维护”、第 2 张表“办公楼维修”；部门整体绩效目标（一、总体绩效目标）未填写`,
    );
    expect(message).not.toContain('341199 2026 年');
    // The CLI and every host refuse with the same words before anything is built.
    let thrown: unknown;
    try {
      assertReadyToPack(api.store, '341199', 2026);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ServiceError);
    expect((thrown as ServiceError).message).toBe(message);
    expect((thrown as ServiceError).code).toBe('HAS_ERRORS');
  });

  it('names the unconfirmed carried-over values after the 错误, not only once the 错误 are fixed', async () => {
    await api.call('projects.create', { unitCode: '341199', year: 2025, templateId: 'A', name: '医保经办大厅窗口维修' });
    await api.call('projects.copyYear', { unitCode: '341199', fromYear: 2025, toYear: 2026 });
    const carried = (await api.call('projects.list', { unitCode: '341199', year: 2026 })).rows[0]!;
    const e = await api.fail('handover.pack', { unitCode: '341199', year: 2026 });
    expect(e.code).toBe('HAS_ERRORS');
    expect(e.message).toMatch(/^审核还有 \d+ 个错误，不能打包报送。请先改正：第 1 张表“医保经办大厅窗口维修”。此外：第 1 张表“医保经办大厅窗口维修”：还有 \d+ 处从上年复制的内容没有确认，请逐项核对（或全部确认）后再打包报送$/);
    // Once confirmed, only the 错误 are said.
    await api.call('projects.ackCarried', { id: carried.id, paths: 'all', expectedRevision: carried.revision });
    expect((await api.fail('handover.pack', { unitCode: '341199', year: 2026 })).message).not.toContain('此外');
  });
});
