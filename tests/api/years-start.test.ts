// 其他年度 starts a unit-year: its settings are stored, so the year is offered (years.list)
// after a reload, before its first table; bad input is refused and stores nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from './helpers.ts';

let api: TestApi;
beforeEach(async () => {
  api = await openTestApi();
  await api.call('units.save', { unit: { code: '450301', name: '某县医疗保障局', region: '' } });
});
afterEach(async () => api.close());

describe('years.start', () => {
  it('keeps a chosen year without tables, once, with the defaults the first table would get', async () => {
    expect(await api.call('years.list', { unitCode: '450301' })).toEqual([]);
    const before = await api.call('settings.get', { unitCode: '450301', year: 2029 });
    expect(before.stored).toBe(false);
    expect(await api.call('years.start', { unitCode: '450301', year: 2029 })).toEqual([2029]);
    expect(await api.call('years.list', { unitCode: '450301' })).toEqual([2029]);
    const after = await api.call('settings.get', { unitCode: '450301', year: 2029 });
    expect(after).toEqual({ settings: before.settings, stored: true });
    // Again: nothing is written.
    const stored = api.store.unitYearSettings.get('450301', 2029);
    await new Promise((r) => setTimeout(r, 5));
    expect(await api.call('years.start', { unitCode: '450301', year: 2029 })).toEqual([2029]);
    expect(api.store.unitYearSettings.get('450301', 2029)).toEqual(stored);
    // The unit's other years stay as they are; a table in another year lists both.
    await api.call('projects.create', { unitCode: '450301', year: 2027, name: '医保信息系统运行维护' });
    expect(await api.call('years.list', { unitCode: '450301' })).toEqual([2027, 2029]);
  });

  it('refuses an unknown unit and a year out of range, storing nothing', async () => {
    expect((await api.fail('years.start', { unitCode: '999999', year: 2029 })).message).toBe('单位 999999 不存在');
    expect((await api.fail('years.start', { unitCode: '450301', year: 1900 })).code).toBe('INVALID_ARGS');
    expect(await api.call('years.list', { unitCode: '450301' })).toEqual([]);
  });
});
