// Turns schema issues into Chinese lines that name the field path, for error messages
// at every boundary (files, API calls, packages).
import { z } from 'zod';

// Messages not given explicitly in the schemas come out in Chinese too.
z.config(z.locales.zhCN());

const FIELD_NAMES: Record<string, string> = {
  units: '单位',
  projects: '项目',
  deptTargets: '部门整体绩效目标',
  code: '编码',
  name: '名称',
  unitCode: '单位编码',
  year: '年度',
  templateId: '模板',
  periods: '期间',
  indicators: '指标',
  funding: '资金',
  total: '资金总额',
  value: '指标值',
};

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '（文件本身）';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg + 1}]`;
    else {
      const key = String(seg);
      const label = FIELD_NAMES[key];
      out += (out ? '.' : '') + (label ? `${key}（${label}）` : key);
    }
  }
  return out;
}

export function formatIssues(issues: ReadonlyArray<z.core.$ZodIssue>, max = 20): string {
  const lines = issues.slice(0, max).map((i) => `${formatPath(i.path)}：${i.message}`);
  if (issues.length > max) lines.push(`……另有 ${issues.length - max} 处问题`);
  return lines.join('\n');
}
