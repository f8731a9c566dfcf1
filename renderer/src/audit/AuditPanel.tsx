// The live 审核 panel: errors, warnings and hints of the open table and of the whole
// unit-year (the list itself: FindingList.tsx).
import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient, Finding } from '../../../shared/api/contract.ts';
import type { Severity } from '../../../shared/rules/types.ts';
import { describeGrade, estimateBookGrade, estimateGrade, unfilledText, type GradeEstimate } from '../../../shared/rules/grade.ts';
import { errorText } from '../api/client.ts';
import { FindingList } from './FindingList.tsx';
import { checkLabel } from '../../../shared/rules/check-label.ts';

const ORDER: Severity[] = ['error', 'warning', 'hint'];

interface Common {
  api: ApiClient;
  unitCode: string;
  year: number;
  /** Changes when the unit-year should be checked again. */
  nonce: number;
  onJump: (f: Finding) => void;
  onClose?: () => void;
  /** Shown above the open table's findings: the review (comments, verdict) of renderer/src/review. */
  extra?: ReactNode;
  /** Received data: the check is 规则检查 (the reviewer's own decision is the 审核结论). */
  received?: boolean;
}

type Props =
  | (Common & { mode: 'unit' })
  | (Common & {
      mode: 'project';
      projectId: string;
      findings: Finding[] | null;
      /** Left out for read-only tables: no 说明 to save, no fix to apply. */
      onExplain?: (f: Finding, text: string) => Promise<void>;
      onFix?: (f: Finding) => Promise<void>;
      /** Focus the finding's cell and open its list (a 依据 kind the user picks). */
      onChoose?: (f: Finding) => void;
      /** Why no grade is estimated yet (a table without content); undefined: estimate it. */
      noGrade?: string;
      /** The table's carried-over marks: a 说明 from last year shows as to be reviewed. */
      carried?: readonly string[];
      onAckExplanation?: (f: Finding) => Promise<void>;
    });

function sortFindings(list: Finding[]): Finding[] {
  return [...list].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
}

function Counts({ list }: { list: Finding[] }): ReactNode {
  const n = { error: 0, warning: 0, hint: 0 };
  for (const f of list) n[f.severity]++;
  return (
    <span className="audit-counts">
      <span className={`badge badge-error${n.error ? '' : ' zero'}`}>错误 {n.error}</span>
      <span className={`badge badge-warning${n.warning ? '' : ' zero'}`}>警告 {n.warning}</span>
      <span className={`badge badge-hint${n.hint ? '' : ' zero'}`}>提示 {n.hint}</span>
    </span>
  );
}

/** The estimated outcome of the bureau's review, clearly marked as an estimate. */
/** What the estimate is called: of the bureau's 审核 on the filing side, of the rule check on the receiving side. */
const estimateLabel = (received: boolean) => (received ? '按规则检查估计' : '审核结果估计');

function GradeLine({ grade, received }: { grade: GradeEstimate; received: boolean }): ReactNode {
  return (
    <div className={`audit-grade grade-${grade.score >= 80 ? 'good' : 'low'}`} data-grade={grade.grade} title={describeGrade(grade)}>
      <span className="audit-grade-label">{estimateLabel(received)}</span>
      <strong>{grade.grade}</strong>（{grade.score} 分）
      {grade.tables ? (
        <span className="audit-grade-lowered">
          各表：{(Object.entries(grade.tables) as Array<[string, number]>).filter(([, k]) => k > 0).map(([k, v]) => `${k} ${v} 张`).join('、')}
        </span>
      ) : null}
      {grade.unfilled ? (
        <span className="audit-grade-lowered" data-testid="grade-unfilled">
          {unfilledText(grade.unfilled)}
        </span>
      ) : null}
      {grade.cap ? (
        <span className="audit-grade-cap" data-cap={grade.cap.grade}>
          至多为“{grade.cap.grade}”：{grade.cap.reason}
        </span>
      ) : null}
      {grade.lowered.length ? (
        <span className="audit-grade-lowered">扣分：{grade.lowered.map((l) => `${l.criterion} −${l.points}`).join('、')}</span>
      ) : null}
      <span className="audit-grade-note">{received ? '仅为估计，以审核结论为准' : '仅为估计，以财政部门审核为准'}</span>
    </div>
  );
}

/** Why no grade is estimated (a table, or a book, with no indicator typed yet). */
function NoGrade({ text, received }: { text: string; received: boolean }): ReactNode {
  return (
    <div className="audit-grade" data-testid="no-grade">
      <span className="audit-grade-label">{estimateLabel(received)}</span>
      {text}
    </div>
  );
}

export function AuditPanel(props: Props): ReactNode {
  const { api, unitCode, year, nonce } = props;
  const received = !!props.received;
  const word = checkLabel(received);
  const [tab, setTab] = useState<'project' | 'unit'>(props.mode === 'project' ? 'project' : 'unit');
  const [unitData, setUnitData] = useState<{ findings: Finding[]; byProject: Record<string, Finding[]>; notReady: string[]; unfilled: string[] } | null>(null);
  const [unitError, setUnitError] = useState('');

  useEffect(() => {
    if (tab !== 'unit') return;
    let live = true;
    api.call('audit.unitYear', { unitCode, year }).then(
      (r) => {
        if (!live) return;
        setUnitData(r);
        setUnitError('');
      },
      (e) => live && setUnitError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, unitCode, year, nonce, tab]);

  // `findings` may repeat the tables' own findings: the book-level ones are the rest.
  const { bookLevel, unitList } = useMemo(() => {
    if (!unitData) return { bookLevel: [] as Finding[], unitList: [] as Finding[] };
    const id = (f: Finding) => `${f.location.projectId}\u0000${f.key}\u0000${f.message}`;
    const perTable = Object.values(unitData.byProject).flat();
    const seen = new Set(perTable.map(id));
    const bookLevel = unitData.findings.filter((f) => !seen.has(id(f)));
    return { bookLevel, unitList: [...bookLevel, ...perTable] };
  }, [unitData]);
  const bookGrade = useMemo(() => (unitData ? estimateBookGrade(unitData.byProject, undefined, unitData.unfilled) : null), [unitData]);
  const projectFindings = props.mode === 'project' ? props.findings : null;
  const tableGrade = useMemo(() => (projectFindings ? estimateGrade(projectFindings) : null), [projectFindings]);

  return (
    <aside className="audit" aria-label={word}>
      <div className="audit-head">
        <span className="audit-title">{word}</span>
        {props.mode === 'project' ? (
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'project'} onClick={() => setTab('project')}>
              本表
            </button>
            <button type="button" role="tab" aria-selected={tab === 'unit'} onClick={() => setTab('unit')}>
              全部表
            </button>
          </div>
        ) : (
          <span className="audit-sub">全部项目表</span>
        )}
        {props.onClose ? (
          <button type="button" className="audit-x" aria-label={`关闭${word}`} title="关闭" onClick={props.onClose}>
            ×
          </button>
        ) : null}
      </div>
      {tab === 'project' || props.mode === 'unit' ? props.extra : null}
      {tab === 'project' && props.mode === 'project' ? (
        props.findings === null ? (
          <div className="audit-empty">正在{word}……</div>
        ) : (
          <>
            <div className="audit-sum">
              <Counts list={props.findings} />
            </div>
            {props.noGrade ? (
              <NoGrade text={props.noGrade} received={received} />
            ) : tableGrade ? (
              <GradeLine grade={tableGrade} received={received} />
            ) : null}
            <FindingList
              own
              word={word}
              list={sortFindings(props.findings)}
              onJump={props.onJump}
              onExplain={props.onExplain}
              onFix={props.onFix}
              onChoose={props.onChoose}
              carried={props.carried}
              onAck={props.onAckExplanation}
            />
          </>
        )
      ) : unitError ? (
        <div className="audit-empty error-text">{unitError}</div>
      ) : !unitData ? (
        <div className="audit-empty">正在{word}……</div>
      ) : (
        <>
          <div className="audit-sum">
            <Counts list={unitList} />
          </div>
          {bookGrade?.withheld ? <NoGrade text={`暂不估计：${bookGrade.withheld}`} received={received} /> : bookGrade ? <GradeLine grade={bookGrade} received={received} /> : null}
          {unitData.notReady.length ? (
            <div className="audit-group audit-not-ready" data-testid="not-ready">
              <div className="audit-group-title">报送前还需处理（打包报送时会拒绝）</div>
              <ul>
                {unitData.notReady.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="audit-list">
            {bookLevel.length ? (
              <div className="audit-group">
                <div className="audit-group-title">整本</div>
                <FindingList list={sortFindings(bookLevel)} onJump={props.onJump} />
              </div>
            ) : null}
            {Object.entries(unitData.byProject)
              .filter(([, list]) => list.length)
              .map(([id, list]) => (
                <div className="audit-group" key={id}>
                  <div className="audit-group-title">{list[0]?.location.table ?? id}</div>
                  <FindingList list={sortFindings(list)} onJump={props.onJump} />
                </div>
              ))}
            {!unitList.length && !unitData.notReady.length ? <div className="audit-empty ok-text">全部项目表{word}通过。</div> : null}
          </div>
        </>
      )}
    </aside>
  );
}
