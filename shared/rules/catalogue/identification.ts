// Identification: required fields, the project code, the contact phone.
import { getAt, parsePath, periodOfPath, type PathSegment } from '../../model/field-path.ts';
import type { FindingDraft, ProjectRule } from '../types.ts';
import { isBlank, q } from './helpers.ts';
import { SYSTEM_SHORT_LABELS } from '../../settings/unit-year.ts';

/** The table follows the unit-year's settings (its layout and indicator system), shown at once in its own 审核. */
export const followsSettings: ProjectRule = {
  code: 'R-SETTINGS',
  severity: 'error',
  scope: 'project',
  title: '表样和指标体系与本单位年度设置一致',
  description: '一个单位年度的所有表使用同一表样和指标体系；不一致的表可用“转换表样”转换。',
  check(ctx) {
    const s = ctx.audit.settings;
    if (!s) return [];
    const out: FindingDraft[] = [];
    if (ctx.filing.templateId !== s.templateId) {
      out.push({
        message: `${ctx.table} 使用表样 ${ctx.filing.templateId}，本单位年度设置的表样为 ${s.templateId}（可点“转换表样”转换为表样 ${s.templateId}）`,
        field: 'templateId',
      });
    }
    if (ctx.template.indicatorSystem !== s.indicatorSystem) {
      out.push({
        message: `${ctx.table} 按指标体系 ${SYSTEM_SHORT_LABELS[ctx.template.indicatorSystem]} 填写，本单位年度设置的指标体系为 ${SYSTEM_SHORT_LABELS[s.indicatorSystem]}（可点“转换表样”转换）`,
        field: 'indicatorSystem',
      });
    }
    return out;
  },
};

/** The template's required paths with their segments, parsed once per template (getAt looks each up on every call). */
const requiredPaths = new WeakMap<readonly string[], ReadonlyArray<{ path: string; keys: readonly PathSegment[] }>>();
function requiredOf(paths: readonly string[]): ReadonlyArray<{ path: string; keys: readonly PathSegment[] }> {
  let list = requiredPaths.get(paths);
  if (!list) requiredPaths.set(paths, (list = paths.map((path) => ({ path, keys: parsePath(path) }))));
  return list;
}

/** getAt along plain keys (every required path has only keys); any other path goes through getAt. */
function valueAt(root: unknown, path: string, keys: readonly PathSegment[]): unknown {
  let cur = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (typeof key !== 'string') return getAt(root, path);
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export const required: ProjectRule = {
  code: 'R-REQUIRED',
  severity: 'error',
  scope: 'project',
  title: '必填项已填写',
  description: '模板列为必填的栏目（项目名称、预算数、绩效目标等）不能为空。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const { path, keys } of requiredOf(ctx.template.required)) {
      const v = valueAt(ctx.filing, path, keys);
      if (!isBlank(v)) continue;
      const period = periodOfPath(path);
      out.push({
        message: `${ctx.table} 的${q(ctx.fieldLabel(path))}未填写`,
        field: path,
        ...(period ? { period } : {}),
      });
    }
    return out;
  },
};

/** `13020025P00682510503U`: 6-digit region, 2-digit year, `P`, 12 serial/check characters. */
const PROJECT_CODE_RE = /^(\d{6})(\d{2})P([0-9A-Z]{12})$/;

/** What is wrong with a code that does not match, in the words of the message. */
function codeShape(code: string): string {
  const n = [...code].length;
  if (n !== 21) return `现在是 ${n} 位`;
  if (!/^\d{8}$/.test(code.slice(0, 8))) return '前 8 位应全是数字';
  if (code[8]!.toUpperCase() !== 'P') return `第 9 位应为 P，现在是“${code[8]}”`;
  return '后 12 位只能是数字或字母';
}

export const projectCode: ProjectRule = {
  code: 'R-PROJECT-CODE',
  severity: 'error',
  scope: 'project',
  title: '项目编码符合“区划+年份+P+序号”格式',
  description: '如 13020025P00682510503U：6 位区划代码、2 位立项年份、P、12 位序号和校验字符。',
  check(ctx) {
    if (!ctx.template.fields.includes('projectCode')) return [];
    const code = ctx.filing.projectCode;
    if (isBlank(code)) return []; // R-REQUIRED reports a missing code
    const trimmed = code.trim();
    const m = PROJECT_CODE_RE.exec(trimmed.toUpperCase());
    if (!m) {
      return [
        {
          message: `${ctx.table} 的项目编码 ${q(code)} 格式不正确（应为 21 位：6 位区划代码 + 2 位年份 + P + 12 位序号和校验字符（数字或大写字母），如“13020025P00682510503U”；${codeShape(trimmed)}）`,
          field: 'projectCode',
        },
      ];
    }
    const out: FindingDraft[] = [];
    const yy = Number(m[2]);
    if (yy > ctx.filing.year % 100) {
      out.push({
        message: `${ctx.table} 的项目编码 ${q(code)} 中的立项年份 20${m[2]} 晚于预算年度 ${ctx.filing.year}`,
        field: 'projectCode',
      });
    }
    if (trimmed !== code || trimmed !== trimmed.toUpperCase()) {
      out.push({
        message: `${ctx.table} 的项目编码 ${q(code)} 含空格或小写字母`,
        field: 'projectCode',
        fix: {
          description: `改为${q(trimmed.toUpperCase())}`,
          patch: { path: 'projectCode', value: trimmed.toUpperCase(), expect: code },
        },
      });
    }
    return out;
  },
};

/** Mobile, landline with area code (010, 02X, 0XXX + 7–8 digits), 400/800, or a local number. */
export function looksLikePhone(raw: string): boolean {
  const s = raw.replace(/[\s\-－—()（）]/g, '').replace(/^\+?86/, '');
  const ext = s.replace(/(转|ext\.?|#)\d{1,6}$/i, '');
  return (
    /^1[3-9]\d{9}$/.test(ext) ||
    /^(010|02\d)\d{8}$/.test(ext) ||
    /^0[3-9]\d{2}\d{7,8}$/.test(ext) ||
    /^[48]00\d{7}$/.test(ext) ||
    /^[2-9]\d{6,7}$/.test(ext)
  );
}

export const phone: ProjectRule = {
  code: 'R-PHONE',
  severity: 'warning',
  scope: 'project',
  title: '联系电话像电话号码',
  description: '手机 11 位；座机为区号（010、02X 或 4 位）加 7—8 位号码，可带分机。',
  check(ctx) {
    if (!ctx.template.fields.includes('footer')) return [];
    const v = ctx.filing.footer.phone;
    if (isBlank(v) || looksLikePhone(v)) return [];
    return [
      {
        message: `${ctx.table} 的联系电话 ${q(v)} 不像有效的电话号码（手机 11 位；座机为区号加 7—8 位号码），请核对位数`,
        field: 'footer.phone',
      },
    ];
  },
};
