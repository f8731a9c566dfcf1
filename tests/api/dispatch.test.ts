import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch.ts';
import { INTERNAL_MESSAGE } from '../../electron/api/errors.ts';
import { StoreError } from '../../electron/store/errors.ts';
import { ServiceError } from '../../electron/services/filing-service.ts';
import { UserFileError } from '../../electron/files/errors.ts';
import { API_NAMES, ApiError, type Handlers } from '../../shared/api/contract.ts';
import { HAN, openTestApi, type TestApi } from './helpers.ts';

let api: TestApi;
beforeEach(async () => {
  api = await openTestApi();
});
afterEach(async () => api.close());

describe('dispatch', () => {
  it('implements every call of the contract', () => {
    expect(Object.keys(api.handlers).sort()).toEqual([...API_NAMES].sort());
  });

  it('refuses unknown call names, including inherited property names', async () => {
    for (const name of ['nope', 'projects.drop', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const e = await api.fail(name, {});
      expect(e.code).toBe('UNKNOWN_CALL');
      expect(e.message).toMatch(HAN);
    }
  });

  it('refuses extra arguments, naming them in Chinese', async () => {
    const e = await api.fail('units.list', { extra: 1 });
    expect(e).toEqual({ code: 'INVALID_ARGS', message: expect.stringContaining('extra') });
    expect(e.message).toMatch(/^参数有误：参数：含有未知字段/);
  });

  it('names the field of a bad argument in Chinese', async () => {
    const e = await api.fail('projects.list', { unitCode: '12', year: 'x' });
    expect(e.code).toBe('INVALID_ARGS');
    expect(e.message).toContain('unitCode（单位编码）：单位编码必须是 6 位数字');
    expect(e.message).toContain('year（年度）：年度必须是数字');
    const missing = await api.fail('projects.get', {});
    expect(missing.message).toContain('id：缺少此项');
    const notObject = await api.fail('projects.get', 5);
    expect(notObject.message).toMatch(/参数：应为对象/);
    const deep = await api.fail('projects.save', {
      expectedRevision: 1,
      filing: { id: 'x', templateId: 'A', unitCode: '100001', year: 2025, periods: { annual: { funding: { total: 1.5 } } } },
    });
    expect(deep.message).toContain('filing.periods（期间）.annual.funding（资金）.total（资金总额）');
  });

  it('maps the program’s own errors to their codes and Chinese messages', async () => {
    const throwing = (err: unknown) => ({ ...api.handlers, 'units.list': () => Promise.reject(err) }) as Handlers;
    const cases: Array<[unknown, string, string]> = [
      [new ApiError('CONFLICT', '已被修改'), 'CONFLICT', '已被修改'],
      [new StoreError('NOT_FOUND', '单位不存在'), 'NOT_FOUND', '单位不存在'],
      [new ServiceError('还有错误', 'HAS_ERRORS'), 'HAS_ERRORS', '还有错误'],
      [new UserFileError('无法读取文件', 'ENOENT'), 'FILE', '无法读取文件'],
    ];
    for (const [err, code, message] of cases) {
      expect(await dispatch(throwing(err), 'units.list', {})).toEqual({ ok: false, error: { code, message } });
    }
    expect(api.logged).toHaveLength(0);
  });

  it('never leaks an internal error to the client, and logs it', async () => {
    const logged: unknown[] = [];
    const boom = new TypeError("Cannot read properties of undefined (reading 'x') at /work/main/secret.ts:1:1");
    const h = { ...api.handlers, 'units.list': () => { throw boom; } } as Handlers;
    const r = await dispatch(h, 'units.list', {}, { log: (_m, e) => logged.push(e) });
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } });
    expect(JSON.stringify(r)).not.toMatch(/secret|Cannot read|at \//);
    expect(logged).toEqual([boom]);
  });

  it('passes parsed arguments (with defaults) to the handler', async () => {
    let seen: unknown;
    const h = { ...api.handlers, 'library.search': (a: unknown) => { seen = a; return []; } } as Handlers;
    await dispatch(h, 'library.search', { query: 'x' });
    expect(seen).toEqual({ query: 'x', limit: 20 });
  });
});
