// One measured run of the per-rule benchmark, in its own process: the corpus in memory,
// validated with the catalogue before the substance rules ('old') and with all of it
// ('new'), alternately, then once with every check timed. Prints one JSON line.
//   tsx tests/bench/rules-work.ts
import { validateProject } from '../../shared/rules/engine.ts';
import { RULES } from '../../shared/rules/catalogue/index.ts';
import { SUBSTANCE_RULES } from '../../shared/rules/substance/index.ts';
import type { ProjectRule, Rule } from '../../shared/rules/types.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { buildCorpus } from './corpus.ts';
import { median } from './stats.ts';

const { projects } = buildCorpus();
const substance = new Set(SUBSTANCE_RULES.map((r) => r.code));
const OLD = RULES.filter((r) => !substance.has(r.code));
const templates = projects.map((p) => getTemplate(p.templateId)!);

function cpuMs(rules: readonly Rule[]): { ms: number; findings: number } {
  let findings = 0;
  const c0 = process.cpuUsage();
  for (let i = 0; i < projects.length; i++) findings += validateProject(projects[i]!, templates[i]!, { rules }).length;
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, findings };
}

// Warm-up (JIT, memos), then old and new alternately: the ratio is measured under the same load.
cpuMs(RULES);
const olds: number[] = [];
const news: number[] = [];
let counts = { old: 0, new: 0 };
for (let k = 0; k < 3; k++) {
  const o = cpuMs(OLD);
  const n = cpuMs(RULES);
  olds.push(o.ms);
  news.push(n.ms);
  counts = { old: o.findings, new: n.findings };
}

// Per rule: the check's own CPU time, less that of an empty check timed the same way (the
// timer's own cost); the rows' parse is a pass of its own first.
const perRule: Record<string, number> = {};
const timed = (code: string, check: ProjectRule['check']): ProjectRule['check'] => (ctx) => {
  const c = process.cpuUsage();
  try {
    return check(ctx);
  } finally {
    const d = process.cpuUsage(c);
    perRule[code] = (perRule[code] ?? 0) + (d.user + d.system) / 1000;
  }
};
const EMPTY = '(空规则)';
const parsePass: ProjectRule = {
  code: '(解析指标值)',
  severity: 'hint',
  scope: 'project',
  title: 'parse',
  check: (ctx) => (ctx.periods.forEach((p) => ctx.indicators(p)), []),
};
const empty: ProjectRule = { code: EMPTY, severity: 'hint', scope: 'project', title: 'timer', check: () => [] };
const wrapped: Rule[] = [empty, parsePass, ...RULES].map((r) => (r.scope === 'project' ? { ...r, check: timed(r.code, r.check) } : r));
const c0 = process.cpuUsage();
for (let i = 0; i < projects.length; i++) validateProject(projects[i]!, templates[i]!, { rules: wrapped });
const c = process.cpuUsage(c0);
const timer = perRule[EMPTY]!;
delete perRule[EMPTY];
for (const k of Object.keys(perRule)) perRule[k] = Math.max(0, perRule[k]! - timer);

process.stdout.write(
  JSON.stringify({
    old: median(olds),
    new: median(news),
    ratio: median(news.map((n, i) => n / olds[i]!)),
    counts,
    timedTotal: (c.user + c.system) / 1000,
    timer,
    perRule,
    substance: [...substance],
  }) + '\n',
);
