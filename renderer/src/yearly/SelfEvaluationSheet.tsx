// 绩效自评表 on screen: the funds (年初预算数 / 全年预算数 / 全年执行数, 执行率 and its score),
// 预期目标 beside 实际完成情况, and per indicator the target (read-only) beside 实际完成值,
// 分值 (blank: the group's share), 得分 with how it was reached, 偏差原因分析及改进措施.
import type { ReactNode } from 'react';
import { ACHIEVEMENT_LEVELS, type SelfEvaluationFiling, type SelfEvaluationRow } from '../../../shared/yearly/model.ts';
import { FUND_LINE_KEYS } from '../../../shared/yearly/form-types.ts';
import type { YearlyView } from '../../../shared/yearly/view.ts';
import { fillPlaceholders } from '../../../shared/layout/documents.ts';
import { hundredthsText as ht } from '../../../shared/scoring/exact.ts';
import { ChoiceCell, IndicatorTable, MoneyCell, TargetCells, TextCell, level1Spans, pointsOf, rowPlace } from './cells.tsx';
import { onGridKey } from './grid-keys.ts';
import type { YearlyEditor } from './editor.ts';

type Line = SelfEvaluationFiling['funds']['total'];
const MET = ['按期完成', '未按期完成'] as const;


export function SelfEvaluationSheet({ editor, view, onBad }: { editor: YearlyEditor; view: YearlyView; onBad: (m: string) => void }): ReactNode {
  const st = view.selfEvaluation!;
  const f = st.form;
  const sc = st.score;
  const tpl = view.templates.selfEvaluation;
  const ro = view.readOnly;
  const setLine = (k: (typeof FUND_LINE_KEYS)[number], patch: Partial<Line>) =>
    void editor.edit('self-evaluation', (x) => ({ ...x, funds: { ...x.funds, [k]: { ...x.funds[k], ...patch } } }));
  const setRow = (i: number, patch: Partial<SelfEvaluationRow>) => void editor.edit('self-evaluation', (x) => ({ ...x, rows: x.rows.map((r, k) => (k === i ? { ...r, ...patch } : r)) }));
  const scored = new Map(sc.rows.map((r) => [r.indicatorId, r]));
  const formIndex = new Map(f.rows.map((r, i) => [r.indicatorId, i]));
  const col = (key: string) => tpl.indicatorColumns.find((c) => c.key === key)?.label ?? key;
  const spans = level1Spans(st.target.rows);
  let r = 0;

  return (
    <div className="yr-sheet" onKeyDown={onGridKey}>
      <h2 className="yr-title">{fillPlaceholders(tpl.title, { year: view.year })}</h2>
      <table className="form-table yr-table">
        <tbody>
          <tr>
            <td className="lbl" rowSpan={tpl.fundLines.length + 1}>
              项目资金（万元）
            </td>
            <td className="hdr" />
            {tpl.fundColumns.map((c) => (
              <td key={c.key} className="hdr">
                {c.label}
              </td>
            ))}
          </tr>
          {tpl.fundLines.map((l) => {
            const v = f.funds[l.key];
            const total = l.key === 'total';
            r++;
            const at = (c: 'initialBudget' | 'budget' | 'executed') => ({ r, c, field: `funds.${l.key}.${c}`, label: `${l.label}：${tpl.fundColumns.find((x) => x.key === c)?.label ?? c}`, readOnly: ro });
            return (
              <tr key={l.key}>
                <td className="lbl">{l.label}</td>
                {(['initialBudget', 'budget', 'executed'] as const).map((c) => (
                  <td key={c}>
                    <MoneyCell fen={v[c]} onBad={onBad} onCommit={(x) => setLine(l.key, { [c]: x })} place={at(c)} />
                  </td>
                ))}
                <td className="ro">{total ? (sc.execution.rate ?? '') : ''}</td>
                <td className="ro">{total ? ht(sc.execution.points) : '—'}</td>
                <td className="ro" title={total ? sc.execution.explanation : ''} data-testid={total ? 'se-exec-score' : undefined}>
                  {total ? ht(sc.execution.score) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className="form-table yr-table">
        <tbody>
          <tr>
            <td className="lbl" rowSpan={2}>
              年度总体目标
            </td>
            <td className="hdr">预期目标</td>
            <td className="hdr">实际完成情况</td>
          </tr>
          <tr>
            <td className="ro yr-goal">{f.goal.expected}</td>
            <td>
              <TextCell wide value={f.goal.achieved} onCommit={(v) => void editor.edit('self-evaluation', (x) => ({ ...x, goal: { ...x.goal, achieved: v } }))} place={{ r: ++r, c: 'achieved', field: 'goal.achieved', label: '实际完成情况', readOnly: ro }} />
            </td>
          </tr>
        </tbody>
      </table>
      <IndicatorTable widths={[7, 8, 12, 9, 14, 7, 18, 25]} labels={tpl.indicatorColumns.map((c) => c.label)}>
          {st.target.rows.map((t, k) => {
            const i = formIndex.get(t.id);
            const row = i === undefined ? undefined : f.rows[i];
            const s = scored.get(t.id);
            if (i === undefined || !row || !s) {
              return (
                <tr key={t.id}>
                  <TargetCells t={t} span={spans[k]!} />
                  <td colSpan={4} className="ro">
                    本行没有自评内容（见审核）
                  </td>
                </tr>
              );
            }
            const at = rowPlace(++r, i, t.name, ro);
            return (
              <tr key={t.id} className={s.behind || s.problem ? 'yr-behind' : ''} data-testid="se-row">
                <TargetCells t={t} span={spans[k]!} />
                <td className="yr-actual">
                  <TextCell value={row.actual} onCommit={(v) => setRow(i, { actual: v })} place={at('actual', col('actual'))} />
                  {s.kind === 'qualitative' ? (
                    <span className="yr-sub">
                      <ChoiceCell value={row.achievement?.level ?? null} options={ACHIEVEMENT_LEVELS} blank="完成情况" onCommit={(v) => setRow(i, { achievement: v ? { level: v, percent: null } : null })} place={at('achievement', '完成情况')} />
                      <TextCell
                        value={row.achievement?.percent == null ? '' : String(row.achievement.percent)}
                        placeholder="得分比例%"
                        onCommit={(v) => {
                          const n = v.trim() === '' ? null : Number(v.replace(/%$/, ''));
                          if (n !== null && !(Number.isInteger(n) && n >= 0 && n <= 100)) return onBad(`得分比例“${v}”应为 0—100 的整数`);
                          if (!row.achievement) return onBad('先选择完成情况（达成 / 部分达成 / 未达成）');
                          setRow(i, { achievement: { ...row.achievement, percent: n } });
                        }}
                        place={at('percent', '得分比例（%）')}
                      />
                    </span>
                  ) : null}
                  {s.kind === 'date' ? (
                    <span className="yr-sub">
                      <ChoiceCell value={row.met === null ? null : row.met ? MET[0] : MET[1]} options={MET} blank="是否按期" onCommit={(v) => setRow(i, { met: v === null ? null : v === MET[0] })} place={at('met', '是否按期完成')} />
                    </span>
                  ) : null}
                </td>
                <td>
                  <TextCell
                    value={row.points === null ? '' : ht(row.points)}
                    placeholder={ht(s.points)}
                    onCommit={(v) => {
                      const p = pointsOf(v);
                      if (p === undefined) onBad(`分值“${v}”应为不超过 100 的数，最多两位小数`);
                      else setRow(i, { points: p });
                    }}
                    place={at('points', col('points'))}
                  />
                </td>
                <td className="ro yr-score" data-testid="se-score">
                  <strong>{ht(s.score)}</strong>
                  <div className="yr-how">{s.explanation}</div>
                </td>
                <td>
                  <TextCell wide value={row.deviation} onCommit={(v) => setRow(i, { deviation: v })} place={at('deviation', col('deviation'))} />
                </td>
              </tr>
            );
          })}
          <tr className="yr-total">
            <td className="lbl" colSpan={5}>
              总分
            </td>
            <td className="ro">{ht(sc.pointsTotal)}</td>
            <td className="ro" data-testid="se-total">
              <strong>{ht(sc.total)}</strong>
            </td>
            <td className="ro">
              等级：<strong data-testid="se-grade">{sc.grade}</strong>　<span className="yr-how">{sc.explanation}</span>
            </td>
          </tr>
      </IndicatorTable>
    </div>
  );
}
