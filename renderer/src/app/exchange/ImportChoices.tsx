// The left side of the import preview: the file's tables under their units (a 主管部门 book
// split by its unit lines), per table what to do (导入 / 替换同名表 / 两者都保留 / 跳过), per
// unit where its tables go and, for a unit not here yet, the confirmation to create it; the
// 部门整体绩效目标 and what to do with it.
import type { ReactNode } from 'react';
import { deptNotes, type ImportAction, type ImportFilePreview, type ImportUnitView } from '../../../../shared/api/import-preview.ts';
import type { Unit } from '../../../../shared/model/filing.ts';
import { budgetText } from '../../ui/money.ts';

export interface Choices {
  actions: Record<string, ImportAction>;
  /** Missing units the user confirmed to create. */
  create: Record<string, boolean>;
  dept: ImportAction;
}

/** What the user starts with: same-name tables skipped, nothing created until confirmed. */
export function initialChoices(p: ImportFilePreview, prev?: Choices): Choices {
  const actions: Record<string, ImportAction> = {};
  for (const u of p.units) for (const t of u.tables) actions[t.key] = prev?.actions[t.key] ?? (t.existing.length ? 'skip' : 'import');
  // A choice that no longer fits (the table of that name is gone in another unit-year) falls back.
  for (const u of p.units) for (const t of u.tables) if (actions[t.key] === 'replace' && t.existing.length !== 1) actions[t.key] = 'skip';
  const dept: ImportAction = p.dept ? (prev?.dept ?? (p.dept.existing ? 'skip' : 'import')) : 'skip';
  return { actions, create: prev?.create ?? {}, dept: p.dept && !p.dept.existing && dept === 'replace' ? 'import' : dept };
}

/** Units that would be written to. */
const written = (p: ImportFilePreview, c: Choices, u: ImportUnitView) => u.tables.some((t) => c.actions[t.key] !== 'skip') || (p.dept?.unitCode === u.unitCode && c.dept !== 'skip');

/** 示例 units that would be written to: the import waits until the tables go to an own unit. */
export function sampleTargets(p: ImportFilePreview, c: Choices): ImportUnitView[] {
  return p.units.filter((u) => u.sample && written(p, c, u));
}

/** Units that take no import here (received data) but would be written to. */
export function readOnlyTargets(p: ImportFilePreview, c: Choices): ImportUnitView[] {
  return p.units.filter((u) => u.readOnly && written(p, c, u));
}

/** Units that would be written to but are neither here nor confirmed. */
export function unconfirmedUnits(p: ImportFilePreview, c: Choices): ImportUnitView[] {
  return p.units.filter((u) => !u.exists && !c.create[u.unitCode] && written(p, c, u));
}

const ACTION_WORDS: Record<ImportAction, string> = { import: '导入', replace: '替换同名表', skip: '跳过' };

function ActionSelect({ value, existing, label, onChange }: { value: ImportAction; existing: number; label: string; onChange: (a: ImportAction) => void }): ReactNode {
  const options: Array<[ImportAction, string]> = existing
    ? [
        ...(existing === 1 ? ([['replace', ACTION_WORDS.replace]] as Array<[ImportAction, string]>) : []),
        ['import', '两者都保留'],
        ['skip', '跳过'],
      ]
    : [
        ['import', '导入'],
        ['skip', '跳过'],
      ];
  return (
    <select className="import-action" aria-label={label} value={value} onChange={(e) => onChange(e.target.value as ImportAction)}>
      {options.map(([v, w]) => (
        <option key={v} value={v}>
          {w}
        </option>
      ))}
    </select>
  );
}

export function ImportChoices(props: {
  preview: ImportFilePreview;
  choices: Choices;
  units: Unit[];
  selected: string;
  busy: boolean;
  onSelect: (key: string) => void;
  onChoices: (c: Choices) => void;
  onMapUnit: (printed: string, unitCode: string) => void;
}): ReactNode {
  const { preview: p, choices: c, onChoices } = props;
  const setAction = (key: string, a: ImportAction) => onChoices({ ...c, actions: { ...c.actions, [key]: a } });
  return (
    <div className="import-choices">
      {p.units.map((u) => (
        <section key={`${u.printed?.code ?? '-'}:${u.unitCode}`} className="import-unit" aria-label={`单位 ${u.unitCode}`}>
          <div className="import-unit-head">
            <b>
              {u.unitCode} {u.unitName}
            </b>
            {u.printed ? (
              <label className="import-unit-map">
                导入到
                <select aria-label={`${u.printed.code} 导入到`} value={u.unitCode} disabled={props.busy} onChange={(e) => props.onMapUnit(u.printed!.code, e.target.value)}>
                  {!props.units.some((x) => x.code === u.printed!.code) ? <option value={u.printed.code}>{`${u.printed.code}${u.printed.name}（新建）`}</option> : null}
                  {props.units.map((x) => (
                    <option key={x.code} value={x.code}>
                      {x.code}
                      {x.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <span className="import-unit-note">{u.printedName ? `（文件上的单位“${u.printedName}”本机没有同名单位，导入到当前单位，请核对）` : '（文件中没有单位行，导入到当前单位）'}</span>
            )}
            {u.printed && (u.printed.code !== u.unitCode || u.printed.name.replace(/\s+/g, '') !== u.unitName.replace(/\s+/g, '')) ? (
              <span className="import-unit-note">
                文件上印的单位是“{u.printed.code}
                {u.printed.name}”，将导入到 {u.unitCode} {u.unitName}
              </span>
            ) : null}
            {u.sample ? (
              <p className="import-unit-sample" role="alert">
                {u.unitCode} 是示例单位，不能把您的文件导入示例单位（删除示例数据时会一并删除）。
                {u.printed ? '请在“导入到”中选择您自己的单位。' : '请先新建您自己的单位，切换到该单位后再导入。'}
              </p>
            ) : null}
            {u.readOnly ? (
              <p className="import-unit-sample" role="alert" data-testid="import-unit-read-only">
                {u.readOnly}
              </p>
            ) : null}
            {!u.exists ? (
              <label className="import-create">
                <input type="checkbox" checked={!!c.create[u.unitCode]} onChange={(e) => onChoices({ ...c, create: { ...c.create, [u.unitCode]: e.target.checked } })} />
                本机还没有这个单位，确认新建
              </label>
            ) : null}
          </div>
          <ul className="import-tables">
            {u.tables.map((t, i) => (
              <li key={t.key} className={`${t.key === props.selected ? 'sel' : ''}${c.actions[t.key] === 'skip' ? ' skipped' : ''}`}>
                <button type="button" className="import-table-name" aria-current={t.key === props.selected} onClick={() => props.onSelect(t.key)}>
                  <span>
                    {i + 1}. <span className="nm">{t.filing.name || '（未命名项目）'}</span>
                  </span>
                  <span className="meta">
                    {t.filing.templateId} · {budgetText(Object.values(t.filing.periods).at(-1)?.funding.total ?? null, t.filing.templateId, true)}
                    {t.source.marks.length ? ` · ${t.source.marks.length} 处未导入` : ''}
                  </span>
                  {t.existing.length ? <span className="conflict">已有同名表（第 {t.existing.map((e) => e.seq).join('、')} 张）</span> : null}
                </button>
                <ActionSelect value={c.actions[t.key] ?? 'skip'} existing={t.existing.length} label={`${t.filing.name} 怎样处理`} onChange={(a) => setAction(t.key, a)} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      {p.dept ? (
        <section className="import-unit" aria-label="部门整体绩效目标">
          <div className="import-unit-head">
            <b>部门整体绩效目标</b>（{p.dept.unitCode}，{p.dept.target.items.length} 项分项目标，{p.dept.target.measures.length} 条保障措施）
          </div>
          <ul className="import-tables">
            <li>
              <span className="import-table-name">{p.dept.existing ? '该单位本年度已有部门整体绩效目标' : '该单位本年度还没有'}</span>
              <select
                className="import-action"
                aria-label="部门整体绩效目标 怎样处理"
                value={c.dept}
                onChange={(e) => onChoices({ ...c, dept: e.target.value as ImportAction })}
              >
                {(p.dept.existing ? (['replace', 'skip'] as const) : (['import', 'skip'] as const)).map((a) => (
                  <option key={a} value={a}>
                    {a === 'replace' ? '替换' : ACTION_WORDS[a]}
                  </option>
                ))}
              </select>
            </li>
          </ul>
          {deptNotes(p).length ? (
            <ul className="import-dept-notes form-error" aria-label="部门整体绩效目标中未读入的内容">
              {deptNotes(p).map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          ) : null}
          <details className="import-dept-text">
            <summary>文件中的部门整体绩效目标</summary>
            {p.dept.target.overall ? <p>总体绩效目标：{p.dept.target.overall}</p> : null}
            {p.dept.target.items.map((it, i) => (
              <p key={i}>
                {it.title}
                {it.goal ? `　绩效目标：${it.goal}` : ''}
                {it.indicators ? `　绩效指标：${it.indicators}` : ''}
              </p>
            ))}
            {p.dept.target.measures.map((m, i) => (
              <p key={`m${i}`}>保障措施：{m}</p>
            ))}
          </details>
        </section>
      ) : null}
    </div>
  );
}
