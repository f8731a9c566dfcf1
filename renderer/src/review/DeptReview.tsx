// The 部门整体绩效目标 in the review loop. Receiving side: the received target read-only, each
// part (总体目标, a 分项 and its title / 绩效目标 / 绩效指标 and each indicator row, a 保障措施) a
// place a click picks for a comment, with the reviewer's panel (ReviewPanel, the same as a
// table's) beside it. DeptRoute opens it, or the unit's own editor (DeptEditor).
import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { DeptTarget } from '../../../shared/model/filing.ts';
import type { ReceivedFrom } from '../../../shared/api/contract.ts';
import { indicatorLines } from '../../../shared/handover/dept-review.ts';
import { errorText } from '../api/client.ts';
import type { Shell } from '../app/frame.ts';
import { DeptEditor } from '../app/DeptEditor.tsx';
import { ReceivedNotice } from '../app/received-notice.tsx';
import { AuditPanel } from '../audit/AuditPanel.tsx';
import type { FormPin } from '../form/ProjectForm.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { PinMarks } from './pin-marks.tsx';
import { deptSubject, focusSignal } from './subject.ts';

/** The 部门整体绩效目标 of the shell's unit-year: read-only with the review where it was received. */
export function DeptRoute({ shell }: { shell: Shell }): ReactNode {
  const { api, year } = shell;
  const unitCode = shell.unit!.code;
  const [state, setState] = useState<{ received: ReceivedFrom | null; dept: DeptTarget | null } | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    Promise.all([api.call('projects.list', { unitCode, year }), api.call('dept.get', { unitCode, year })]).then(
      ([list, d]) => setState({ received: list.received, dept: d }),
      (e) => setError(errorText(e)),
    );
  }, [api, unitCode, year]);
  if (error) return <div className="boot error-text">{error}</div>;
  if (!state) return <div className="boot">正在载入……</div>;
  if (!state.received) return <DeptEditor shell={shell} />;
  if (!state.dept) return <div className="boot">接收到的报送包中没有部门整体绩效目标。</div>;
  return <DeptReviewView shell={shell} dept={state.dept} from={state.received} />;
}

function DeptReviewView({ shell, dept, from }: { shell: Shell; dept: DeptTarget; from: ReceivedFrom }): ReactNode {
  const { api } = shell;
  const [pins, setPins] = useState<FormPin[]>([]);
  const focus = useMemo(focusSignal, []);
  const subject = useMemo(() => deptSubject(dept), [dept]);
  const [picked, setPicked] = useState('');
  const pick = (path: string) => {
    focus.set(path);
    setPicked(path);
  };
  const jump = (path: string) => {
    document.querySelector(`[data-place="${CSS.escape(path)}"]`)?.scrollIntoView({ block: 'center' });
    pick(path);
  };
  /** A part of the target: a click picks it as the place of a new comment. */
  const part = (path: string, body: ReactNode, cls = 'dept-text', deep = false) => (
    <div
      className={`${cls} dept-ro${picked === path ? ' dept-picked' : ''}`}
      data-place={path}
      role="button"
      tabIndex={0}
      aria-label={subject.label(path)}
      onClick={(e) => {
        e.stopPropagation();
        pick(path);
      }}
      onKeyDown={(e) => (e.key === 'Enter' ? pick(path) : undefined)}
    >
      {body}
      <PinMarks pins={pins} path={path} deep={deep} />
    </div>
  );
  const back = () => shell.go({ view: 'list', id: null });
  return (
    <div className="dept-view" data-received="">
      <div className="toolbar">
        <button type="button" onClick={back}>← 项目列表</button>
        <span className="hint-text">点一下左侧的一段文字或一行指标，可在右侧对该处提出意见</span>
      </div>
      <ReceivedNotice from={from} />
      <div className="project-body">
        <div className="form-scroll">
          <div className="paper paper-portrait dept-paper" data-testid="dept-review">
            <div className="dept-part">第一部分</div>
            <div className="dept-part">部门整体绩效目标</div>
            {part('overall', <><h3>一、总体绩效目标</h3>{dept.overall || '（未填写）'}</>)}
            <h3>二、分项绩效目标</h3>
            {dept.items.map((it, i) => (
              <div className="dept-item" key={i}>
                {part(`items[${i}].title`, it.title || `分项 ${i + 1}（未填标题）`, 'dept-line')}
                {part(`items[${i}].goal`, <><span className="dept-label">绩效目标：</span>{it.goal}</>)}
                <div className="dept-row">
                  <span className="dept-label">绩效指标：</span>
                  <div>
                    {indicatorLines(it.indicators).map((l) => (
                      <div key={l.line}>{part(`items[${i}].indicators[${l.line}]`, l.text, 'dept-line')}</div>
                    ))}
                  </div>
                </div>
              </div>
            ))}
            <h3>三、工作保障措施</h3>
            {dept.measures.map((m, i) => (
              <div key={i}>{part(`measures[${i}]`, m || '（未填写）')}</div>
            ))}
          </div>
        </div>
        <AuditPanel api={api} mode="unit" unitCode={dept.unitCode} year={dept.year} nonce={0} onJump={(f) => jump((f.location.field ?? '').replace(/^deptTarget\./, ''))} extra={<ReviewPanel api={api} subject={subject} focus={focus} onPins={setPins} onJump={jump} />} />
      </div>
    </div>
  );
}
