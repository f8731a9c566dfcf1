// 主管部门: a code (digits: 303, 450300) and a name, kept apart and printed `303-忻州市医疗保障局`.
// Typed as one (`450300-某某市医疗保障局`) it is split, never stored twice over.
import type { Unit } from './filing.ts';

type Supervisor = NonNullable<Unit['supervisor']>;

const CODE = /^\d{3,6}$/;
const JOINED = /^\s*(\d{3,6})\s*[-－—–]\s*(\S.*?)\s*$/;

/** `450300-某某市医疗保障局` typed as one: its code and name; null for anything else. */
export function splitSupervisor(text: string): Supervisor | null {
  const m = JOINED.exec(text);
  return m ? { code: m[1]!, name: m[2]! } : null;
}

/** What is wrong with a 主管部门 as entered (Chinese), or null. Both blank is no 主管部门. */
export function supervisorProblem(code: string, name: string): string | null {
  const c = code.trim();
  const n = name.trim();
  if (!c && !n) return null;
  const joined = splitSupervisor(c) ?? splitSupervisor(n);
  if (joined && (!n || !c || n === joined.name || c === joined.code)) {
    return `“${joined.code}-${joined.name}”是代码和名称写在了一起：主管部门代码填 ${joined.code}，名称填 ${joined.name}`;
  }
  if (!c || !n) return '主管部门的代码和名称请一并填写';
  if (!CODE.test(c)) return `主管部门代码“${c}”应为 3—6 位数字（如 303、450300），名称另填`;
  if (n.startsWith(c) || /^\d{3,}/.test(n)) return `主管部门名称“${n}”不要带代码（代码另填）`;
  return null;
}

/** As the tables print it: `303-忻州市医疗保障局` ('' for none; a name that already carries its code is not printed twice). */
export function supervisorText(s: Supervisor | null | undefined): string {
  if (!s) return '';
  const joined = splitSupervisor(s.name);
  if (joined && joined.code === s.code) return `${s.code}-${joined.name}`;
  return `${s.code}-${s.name}`;
}
