// One run of the yearly benchmark in a fresh process: build 10,000 filled self-evaluations
// from the seed tables (distinct actuals per project), then time scoring + 审核 of all.
import { readDemoData } from '../../electron/services/demo.ts';
import { parseIndicatorValue } from '../../shared/indicator-value/index.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { createYearlyForms } from '../../shared/yearly/create.ts';
import { MONITORING_FORM } from '../../shared/yearly/monitoring-form.ts';
import { SELF_EVALUATION_FORM } from '../../shared/yearly/self-evaluation-form.ts';
import { yearPeriod } from '../../shared/yearly/target.ts';
import { DEFAULT_PROFILE } from '../../shared/scoring/profiles.ts';
import { auditSelfEvaluation } from '../../shared/scoring/self-evaluation-rules.ts';
import type { SelfEvaluationFiling } from '../../shared/yearly/model.ts';

const N = 10_000;
const seeds = readDemoData().projects;
const pairs: Array<[SelfEvaluationFiling, ProjectFiling]> = [];
for (let k = 0; k < N; k++) {
  const target: ProjectFiling = { ...seeds[k % seeds.length]!, id: `b${k}` };
  const { selfEvaluation: se } = createYearlyForms(target, { monitoring: MONITORING_FORM, selfEvaluation: SELF_EVALUATION_FORM }, { monitoring: `m${k}`, selfEvaluation: `s${k}` });
  const rows = yearPeriod(target)!.indicators;
  se.rows.forEach((r, i) => {
    const v = parseIndicatorValue(rows[i]!.value);
    if (v.kind === 'quantity' || v.kind === 'duration') r.actual = `${Number(v.numberText) + (k % 7)}${v.kind === 'quantity' && v.percent ? '%' : v.kind === 'duration' && v.unit === '月' ? '个月' : v.unit}`;
    else if (v.kind === 'date') r.actual = rows[i]!.value;
    else r.achievement = { level: k % 3 === 0 ? '部分达成' : '达成', percent: null };
  });
  se.funds.total.executed = Math.floor(((se.funds.total.budget ?? 0) * (80 + (k % 20))) / 100);
  pairs.push([se, target]);
}
const cpu0 = process.cpuUsage();
const t = process.hrtime.bigint();
let findings = 0;
let total = 0;
for (const [se, target] of pairs) {
  const r = auditSelfEvaluation(se, target, SELF_EVALUATION_FORM, DEFAULT_PROFILE);
  findings += r.findings.length;
  total += r.score.total;
}
const ms = Number(process.hrtime.bigint() - t) / 1e6;
const cpuMs = process.cpuUsage(cpu0).user / 1000;
console.log(JSON.stringify({ ms, cpuMs, findings, total, rss: process.memoryUsage().rss / 1024 / 1024 }));
