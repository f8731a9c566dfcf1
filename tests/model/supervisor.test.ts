import { describe, expect, it } from 'vitest';
import { splitSupervisor, supervisorProblem, supervisorText } from '../../shared/model/supervisor.ts';

describe('主管部门 code and name', () => {
  it('splits a code and name typed as one', () => {
    expect(splitSupervisor('450300-某某市医疗保障局')).toEqual({ code: '450300', name: '某某市医疗保障局' });
    expect(splitSupervisor(' 303 － 忻州市医疗保障局 ')).toEqual({ code: '303', name: '忻州市医疗保障局' });
    expect(splitSupervisor('忻州市医疗保障局')).toBeNull();
  });

  it('refuses a joined code, a code that is not digits, a name carrying its code, one half missing', () => {
    expect(supervisorProblem('', '')).toBeNull();
    expect(supervisorProblem('303', '忻州市医疗保障局')).toBeNull();
    expect(supervisorProblem('450300', '某某市医疗保障局')).toBeNull();
    expect(supervisorProblem('450300-某某市医疗保障局', '')).toBe('“450300-某某市医疗保障局”是代码和名称写在了一起：主管部门代码填 450300，名称填 某某市医疗保障局');
    expect(supervisorProblem('450300-某某市医疗保障局', '某某市医疗保障局')).toMatch(/写在了一起/);
    expect(supervisorProblem('450300', '450300-某某市医疗保障局')).toMatch(/写在了一起/);
    expect(supervisorProblem('45A', '某某市医疗保障局')).toBe('主管部门代码“45A”应为 3—6 位数字（如 303、450300），名称另填');
    expect(supervisorProblem('450300', '')).toBe('主管部门的代码和名称请一并填写');
    expect(supervisorProblem('450300', '450300某某市医疗保障局')).toBe('主管部门名称“450300某某市医疗保障局”不要带代码（代码另填）');
  });

  it('is printed once', () => {
    expect(supervisorText({ code: '303', name: '忻州市医疗保障局' })).toBe('303-忻州市医疗保障局');
    expect(supervisorText({ code: '450300', name: '450300-某某市医疗保障局' })).toBe('450300-某某市医疗保障局');
    expect(supervisorText(null)).toBe('');
  });
});
