// The editable cells of the yearly forms: text, money (万元, exact through the money parser)
// and choices. A cell keeps a draft while focused and commits it on Enter, Tab or leaving
// the cell (never during an input-method composition); Esc drops the draft.
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { fenToDecimalText, parseMoney } from '../../../shared/model/money.ts';

interface Place {
  /** Grid row and column (keys), the field path (审核 findings focus it). */
  r: number;
  c: string;
  field: string;
  label: string;
  readOnly?: boolean;
}

export function TextCell({ value, onCommit, place, placeholder, wide }: { value: string; onCommit: (v: string) => void; place: Place; placeholder?: string; wide?: boolean }): ReactNode {
  const [draft, setDraft] = useState(value);
  const focused = useRef(false);
  const last = useRef(value);
  useEffect(() => {
    last.current = value;
    if (!focused.current) setDraft(value);
  }, [value]);
  const commit = (v: string) => {
    if (v === last.current) return;
    last.current = v;
    onCommit(v);
  };
  return (
    <input
      className={`yr-cell${wide ? ' yr-wide' : ''}`}
      data-yr={place.r}
      data-yc={place.c}
      data-field={place.field}
      aria-label={place.label}
      title={place.label}
      value={draft}
      placeholder={placeholder}
      readOnly={place.readOnly}
      onFocus={() => (focused.current = true)}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={(e) => {
        focused.current = false;
        commit(e.target.value);
      }}
      onKeyDown={(e) => {
        if (e.nativeEvent.isComposing) return;
        if (e.key === 'Enter') commit(e.currentTarget.value);
        if (e.key === 'Escape') {
          setDraft(last.current);
          e.preventDefault();
        }
      }}
    />
  );
}

/** Money in 万元 (stored as 分); a text that is not an amount is refused with a message. */
export function MoneyCell({ fen, onCommit, place, onBad }: { fen: number | null; onCommit: (fen: number | null) => void; place: Place; onBad: (msg: string) => void }): ReactNode {
  const text = fen === null ? '' : fenToDecimalText(fen, '万元');
  return (
    <TextCell
      value={text}
      place={place}
      placeholder="万元"
      onCommit={(v) => {
        const t = v.trim().replace(/万元$/, '');
        if (t === '') return onCommit(null);
        const parsed = parseMoney(t, '万元');
        if (parsed === null) onBad(`“${v}”不是金额（单位：万元，最多 6 位小数）`);
        else onCommit(parsed);
      }}
    />
  );
}

export function ChoiceCell<T extends string>({ value, options, onCommit, place, blank }: { value: T | null; options: readonly T[]; onCommit: (v: T | null) => void; place: Place; blank: string }): ReactNode {
  // Shown at once (the stored value follows when the save answers): a second key press moves on from here.
  const [shown, setShown] = useState(value);
  useEffect(() => setShown(value), [value]);
  return (
    <select
      className="yr-cell"
      data-yr={place.r}
      data-yc={place.c}
      data-field={place.field}
      aria-label={place.label}
      title={place.label}
      disabled={place.readOnly}
      value={shown ?? ''}
      onChange={(e) => {
        const v = e.target.value === '' ? null : (e.target.value as T);
        setShown(v);
        onCommit(v);
      }}
    >
      <option value="">{blank}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

/** 偏差原因: typed as words or option numbers (`1、5`), stored as the options' words. */
export function reasonsFromText(text: string, options: readonly string[]): string[] {
  return text
    .split(/[、,，;；\s]+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => (/^\d+$/.test(t) && options[Number(t) - 1] ? options[Number(t) - 1]! : t));
}

interface TargetLike {
  level1: string;
  level2: string;
  name: string;
  value: string;
  filedValue?: string;
}

/** Rows each 一级 cell covers (0: covered by the cell above), as printed. */
export function level1Spans(rows: readonly TargetLike[]): number[] {
  return runSpans(rows, (r) => r.level1);
}

/** Row spans of runs of equal values (0 for a row inside a run), for merged cells. */
export function runSpans<T>(rows: readonly T[], value: (r: T) => string): number[] {
  return rows.map((r, i) => {
    if (i > 0 && value(rows[i - 1]!) === value(r)) return 0;
    let n = 1;
    while (i + n < rows.length && value(rows[i + n]!) === value(r)) n++;
    return n;
  });
}

/** The indicator part: 一级 / 二级 / 三级 and the form's own columns over the rows. */
export function IndicatorTable({ labels, widths, children }: { labels: readonly string[]; widths: readonly number[]; children: ReactNode }): ReactNode {
  // Fixed column widths (%): the browser lays the table out from them, not by measuring every cell.
  return (
    <table className="form-table yr-table yr-rows">
      <colgroup>
        {widths.map((w, i) => (
          <col key={i} style={{ width: `${w}%` }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {['一级指标', '二级指标', '三级指标', ...labels].map((l, i) => (
            <th key={i}>{l}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** The target's cells of a row, read-only: 一级 (merged over its run), 二级, 三级, 指标值 (marked when adjusted). */
export function TargetCells({ t, span }: { t: TargetLike; span: number }): ReactNode {
  return (
    <>
      {span > 0 ? (
        <td className="ro" rowSpan={span}>
          {t.level1}
        </td>
      ) : null}
      <td className="ro">{t.level2}</td>
      <td className="ro">{t.name}</td>
      <td className="ro yr-target" title={t.filedValue ? `原指标值：${t.filedValue}` : ''}>
        {t.value}
        {t.filedValue ? <span className="yr-adjusted">（调整）</span> : null}
      </td>
    </>
  );
}

/** Where a cell of form row `i` sits (keys, 审核 path, label). */
export const rowPlace = (r: number, i: number, name: string, readOnly: boolean) => (c: string, label: string) => ({ r, c, field: `rows[${i}].${c}`, label: `${name}：${label}`, readOnly });

/** `12.5` → 1250 hundredths; '' → null; anything else undefined (refused). */
export function pointsOf(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return undefined;
  const [i = '0', d = ''] = t.split('.');
  return Number(i) * 100 + Number(d.padEnd(2, '0'));
}
