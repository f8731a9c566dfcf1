// The findings of a table in the 审核 panel. A click jumps to the cell; a warning takes a
// 说明; an obvious fix applies with one click; a finding whose cell takes one of a list (a
// 依据 kind) has a button that focuses the cell and opens the list, the user choosing.
// Several findings of one kind (a rule's `group`: 12 rows without 依据) are one line with a
// count that expands into them.
import { memo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Finding } from '../../../shared/api/contract.ts';
import { SEVERITY_LABELS } from '../../../shared/rules/types.ts';
import { explanationMark } from '../../../shared/api/carried-over.ts';
import { messageWithoutTable as withoutTable } from '../../../shared/rules/context.ts';
import { errorText } from '../api/client.ts';

interface ListProps {
  /** The open table's own findings (its name left out of the messages). */
  own?: boolean;
  /** What the check is called (`审核`, on received tables `规则检查`). */
  word?: string;
  list: Finding[];
  onJump: (f: Finding) => void;
  onExplain?: (f: Finding, text: string) => Promise<void>;
  onFix?: (f: Finding) => Promise<void>;
  /** Focus the finding's cell and open its list (F4). */
  onChoose?: (f: Finding) => void;
  carried?: readonly string[];
  onAck?: (f: Finding) => Promise<void>;
}

/** Findings of one kind from this many on are listed as one line. */
const GROUP_MIN = 2;

type Entry = { t: 'one'; f: Finding } | { t: 'group'; id: string; title: string; list: Finding[] };

/** The list in its order, the findings of one severity, code and group gathered where the first of them stands. */
export function groupFindings(list: readonly Finding[]): Entry[] {
  const byId = new Map<string, Finding[]>();
  const idOf = (f: Finding) => (f.group ? `${f.severity}\u0000${f.code}\u0000${f.group}` : '');
  for (const f of list) {
    const id = idOf(f);
    if (!id) continue;
    const g = byId.get(id);
    if (g) g.push(f);
    else byId.set(id, [f]);
  }
  const out: Entry[] = [];
  const placed = new Set<string>();
  for (const f of list) {
    const id = idOf(f);
    const g = id ? byId.get(id)! : null;
    if (!g || g.length < GROUP_MIN) out.push({ t: 'one', f });
    else if (!placed.has(id)) {
      placed.add(id);
      out.push({ t: 'group', id, title: f.group!, list: g });
    }
  }
  return out;
}

export function FindingList(props: ListProps): ReactNode {
  const { own, list } = props;
  if (!list.length) return <div className="audit-empty ok-text">本表{props.word ?? '审核'}通过，没有发现问题。</div>;
  const item = (f: Finding) => (
    <FindingItem
      key={f.key + f.message}
      f={f}
      message={own ? withoutTable(f) : f.message}
      onJump={props.onJump}
      onExplain={props.onExplain}
      onFix={props.onFix}
      onChoose={props.onChoose}
      carried={!!f.explained && !!props.carried?.includes(explanationMark(f.key))}
      onAck={props.onAck}
    />
  );
  return (
    <ul className="findings">
      {groupFindings(list).map((e) => (e.t === 'one' ? item(e.f) : <FindingGroup key={e.id} title={e.title} list={e.list} item={item} onChoose={props.onChoose} />))}
    </ul>
  );
}

function FindingGroup({ title, list, item, onChoose }: { title: string; list: Finding[]; item: (f: Finding) => ReactNode; onChoose?: (f: Finding) => void }): ReactNode {
  const [open, setOpen] = useState(false);
  const first = list[0]!;
  const explained = list.filter((f) => f.explained).length;
  // The first one still to do: where 逐行选择 starts.
  const next = list.find((f) => !f.explained) ?? first;
  return (
    <li className={`finding finding-${first.severity} finding-group`} data-code={first.code} data-count={list.length}>
      <button type="button" className="finding-msg" aria-expanded={open} onClick={() => setOpen(!open)} title={open ? '收起' : '展开逐条查看'}>
        <span className={`sev sev-${first.severity}`}>{SEVERITY_LABELS[first.severity]}</span>
        <span className="group-caret" aria-hidden="true">{open ? '▾' : '▸'}</span>
        {title}
        <span className="group-count">{list.length} 处{explained ? `（已说明 ${explained}）` : ''}</span>
      </button>
      {next.choose && onChoose ? (
        <button type="button" className="fix-btn" onClick={() => onChoose(next)} title="转到第一处并打开可选列表；选定后按 Enter 到下一行，再按 F4">
          {next.choose}
        </button>
      ) : null}
      {open ? <ul className="findings group-items">{list.map(item)}</ul> : null}
    </li>
  );
}

const FindingItem = memo(function FindingItem({
  f,
  message,
  onJump,
  onExplain,
  onFix,
  onChoose,
  carried,
  onAck,
}: Pick<ListProps, 'onJump' | 'onExplain' | 'onFix' | 'onChoose' | 'onAck'> & { f: Finding; message: string; carried?: boolean }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(f.explanation ?? '');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState('');
  const takesNote = f.severity === 'warning' || !!f.explainable;
  // Read-only (no onExplain): a 说明 is shown, not edited.
  const explainable = takesNote && !!onExplain;
  const save = async () => {
    if (!onExplain) return;
    setBusy(true);
    setErr('');
    try {
      await onExplain(f, text);
      setEditing(false);
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`finding finding-${f.severity}${f.explained ? ' explained' : ''}`} data-code={f.code}>
      <button type="button" className="finding-msg" onClick={() => onJump(f)} title="转到该单元格">
        <span className={`sev sev-${f.severity}`}>{SEVERITY_LABELS[f.severity]}</span>
        {message}
      </button>
      {f.fix && onFix ? (
        <button
          type="button"
          className="fix-btn"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setErr('');
            try {
              await onFix(f);
            } catch (e) {
              setErr(errorText(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          {f.fix.description}
        </button>
      ) : null}
      {!f.fix && f.choose && onChoose ? (
        <button type="button" className="fix-btn choose-btn" onClick={() => onChoose(f)} title="转到该单元格并打开可选列表">
          {f.choose}
        </button>
      ) : null}
      {takesNote && f.explained && !editing ? (
        <div className="explained-text">
          说明：{f.explanation}
          {carried ? <span className="badge badge-carried">上年的说明，请核对</span> : null}
          {explainable ? (
            <button type="button" className="link" onClick={() => setEditing(true)}>
              修改
            </button>
          ) : null}
          {carried && onAck && explainable ? (
            <button type="button" className="link" onClick={() => void onAck(f).catch((e: unknown) => setErr(errorText(e)))}>
              确认说明
            </button>
          ) : null}
        </div>
      ) : null}
      {explainable && (!f.explained || editing) ? (
        <form
          className="explain"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input value={text} maxLength={1000} placeholder="填写说明（为何如此填写）" aria-label="说明" onChange={(e) => setText(e.target.value)} />
          <button type="submit" disabled={busy || (!text.trim() && !f.explained)}>
            保存说明
          </button>
        </form>
      ) : null}
      {err ? <div className="error-text">{err}</div> : null}
    </li>
  );
});
