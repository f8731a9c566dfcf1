// One recognised table of an import preview: the filing as our form draws it (the print
// layout of its template) beside the source cells it came from. Pointing at a value on one
// side lights its counterpart on the other; what was not read is marked in place (red: a
// note says why; orange: filled cells the reader did not use), a form value the file did not
// give is dashed. Above it: the template chosen and why, the amount unit and why, both
// correctable before anything is stored.
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { AmountUnitKey, FilingSource, ImportTableView } from '../../../../shared/api/import-preview.ts';
import { projectTableLayout } from '../../../../shared/layout/index.ts';
import type { LayoutTable } from '../../../../shared/layout/index.ts';
import { TEMPLATES, getTemplate } from '../../../../shared/templates/index.ts';

const UNIT_WORDS: Record<AmountUnitKey, string> = { yuan: '元', wanyuan: '万元' };
const cellKey = (r: number, c: number) => `${r}:${c}`;

/** Why this template: in the words of the form. */
function templateWhy(s: FilingSource): string {
  if (s.template.from === 'given') return '由您选择';
  if (s.template.from === 'fixed') return '本程序导出的表格';
  return `按标签识别：找到该表样 ${s.template.total} 个标签中的 ${s.template.matched} 个`;
}

function unitWhy(s: FilingSource, templateId: string): string {
  const t = getTemplate(templateId);
  switch (s.amountUnit.from) {
    case 'given':
      return '由您选择';
    case 'table':
      return '表内标注';
    case 'above':
      return '表格上方标注';
    default:
      return `未标注，按表样${t ? `（${t.id}）` : ''}通常的单位`;
  }
}

const colName = (c: number): string => (c < 26 ? String.fromCharCode(65 + c) : colName(Math.floor(c / 26) - 1) + String.fromCharCode(65 + (c % 26)));

interface Lookup {
  fieldsOf: Map<string, string[]>;
  cellsOf: Map<string, string[]>;
  labels: Set<string>;
  marks: Map<string, string>;
}

function lookup(s: FilingSource): Lookup {
  const fieldsOf = new Map<string, string[]>();
  const cellsOf = new Map<string, string[]>();
  for (const v of s.values) {
    const keys = v.cells.map(([r, c]) => cellKey(r, c));
    cellsOf.set(v.field, keys);
    for (const k of keys) fieldsOf.set(k, [...(fieldsOf.get(k) ?? []), v.field]);
  }
  const marks = new Map<string, string>();
  for (const m of s.marks) for (const [r, c] of m.cells) marks.set(cellKey(r, c), m.note);
  return { fieldsOf, cellsOf, labels: new Set(s.labels.map(([r, c]) => cellKey(r, c))), marks };
}

function FormDraw({ parts, look, lit, onPoint }: { parts: LayoutTable[]; look: Lookup; lit: Set<string>; onPoint: (fields: string[]) => void }): ReactNode {
  const widths = parts[0]?.widths ?? [];
  const total = widths.reduce((a, b) => a + b, 0) || 1;
  return (
    <table className="draw-table" aria-label="按表样显示">
      <colgroup>
        {widths.map((w, i) => (
          <col key={i} style={{ width: `${((w / total) * 100).toFixed(2)}%` }} />
        ))}
      </colgroup>
      <tbody>
        {parts.flatMap((p, pi) =>
          p.rows.map((row, ri) => (
            <tr key={`${pi}.${ri}`}>
              {row.cells.map((c, ci) => {
                if (c.merge === 'continue') return null;
                const f = c.field;
                const got = f ? look.cellsOf.has(f) : false;
                const cls = c.role === 'label' || c.role === 'header' || c.role === 'side' ? 'd-label' : !f ? '' : got ? 'd-got' : c.lines.length ? 'd-default' : 'd-none';
                return (
                  <td
                    key={ci}
                    colSpan={c.colSpan}
                    rowSpan={c.merge === 'restart' ? c.rowSpan : undefined}
                    className={`${cls}${f && lit.has(`f:${f}`) ? ' lit' : ''}`}
                    data-field={f}
                    title={f && !got ? '文件中没有读到这一项' : undefined}
                    onMouseEnter={() => onPoint(f ? [f] : [])}
                  >
                    {c.lines.join('\n')}
                  </td>
                );
              })}
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

function SourceGrid({ s, look, lit, onPoint }: { s: FilingSource; look: Lookup; lit: Set<string>; onPoint: (fields: string[]) => void }): ReactNode {
  const width = Math.max(1, ...s.rows.map((r) => r.cells.reduce((m, c) => Math.max(m, c.col + c.span), 0)));
  // A cell merged down covers the rows below it that continue it.
  const down = (r: number, col: number) => {
    let n = 1;
    while (s.rows[r + n]?.cells.some((c) => c.cont && c.col === col)) n++;
    return n;
  };
  const out: ReactNode[] = [];
  s.rows.forEach((row, r) => {
    if (r === 0 || row.table !== s.rows[r - 1]!.table) {
      out.push(
        <tr key={`t${r}`} className="src-table-head">
          <td colSpan={width + 1}>{s.sheet ? s.where : `第 ${row.table} 个表格`}</td>
        </tr>,
      );
    }
    out.push(
      <tr key={r}>
        <th className="src-rowno">{s.sheet ? row.row + 1 : row.row + 1}</th>
        {row.cells.map((c) => {
          if (c.cont) return null;
          const k = cellKey(r, c.col);
          const fields = look.fieldsOf.get(k) ?? [];
          const mark = look.marks.get(k);
          const filled = c.text.trim() !== '';
          const cls = mark ? 'src-mark' : fields.length ? 'src-value' : look.labels.has(k) ? 'src-label' : filled ? 'src-unread' : '';
          const where = s.sheet ? `${colName(c.col)}${row.row + 1}` : `第 ${row.table} 个表格第 ${row.row + 1} 行第 ${c.col + 1} 列`;
          const title = mark ? `${where}：未导入——${mark}` : fields.length ? `${where} → ${fields.join('、')}` : filled && !look.labels.has(k) ? `${where}：未识别` : where;
          return (
            <td
              key={c.col}
              colSpan={c.span}
              rowSpan={down(r, c.col) > 1 ? down(r, c.col) : undefined}
              className={`${cls}${lit.has(`c:${k}`) ? ' lit' : ''}`}
              title={title}
              data-cell={k}
              onMouseEnter={() => onPoint(fields)}
            >
              {c.text}
            </td>
          );
        })}
      </tr>,
    );
  });
  return (
    <table className="src-table" aria-label="文件中的原表格">
      {s.sheet ? (
        <thead>
          <tr>
            <th />
            {Array.from({ length: width }, (_, c) => (
              <th key={c}>{colName(c)}</th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody>{out}</tbody>
    </table>
  );
}

export interface TableCorrection {
  templateId?: string;
  amountUnit?: AmountUnitKey;
}

export function ImportSideBySide({ table, unitName, onCorrect, busy }: { table: ImportTableView; unitName: string; onCorrect: (c: TableCorrection) => void; busy: boolean }): ReactNode {
  const { filing, source } = table;
  const t = getTemplate(filing.templateId);
  const look = useMemo(() => lookup(source), [source]);
  const parts = useMemo(() => (t ? projectTableLayout(t, { filing, unit: { code: filing.unitCode, name: unitName, supervisor: null, region: '', sample: false }, year: filing.year }) : []), [t, filing, unitName]);
  const [lit, setLit] = useState<Set<string>>(new Set());
  const point = (fields: string[]) => {
    const s = new Set<string>();
    for (const f of fields) {
      s.add(`f:${f}`);
      for (const k of look.cellsOf.get(f) ?? []) s.add(`c:${k}`);
    }
    setLit(s);
  };
  const unread = source.rows.reduce((n, row, r) => n + row.cells.filter((c) => !c.cont && c.text.trim() && !look.fieldsOf.has(cellKey(r, c.col)) && !look.labels.has(cellKey(r, c.col))).length, 0);
  return (
    <div className="side-by-side">
      <div className="sbs-facts">
        <label>
          表样
          <select aria-label="表样" value={filing.templateId} disabled={busy} onChange={(e) => onCorrect({ templateId: e.target.value })}>
            {TEMPLATES.map((x) => (
              <option key={x.id} value={x.id}>
                {x.id}　{x.name}
              </option>
            ))}
          </select>
        </label>
        <span className="sbs-why">{templateWhy(source)}</span>
        <label>
          金额单位
          <select aria-label="金额单位" value={source.amountUnit.unit} disabled={busy} onChange={(e) => onCorrect({ amountUnit: e.target.value as AmountUnitKey })}>
            <option value="wanyuan">万元</option>
            <option value="yuan">元</option>
          </select>
        </label>
        <span className="sbs-why">{unitWhy(source, filing.templateId)}</span>
        <span className="sbs-legend">
          <i className="src-value">已读取</i>
          <i className="src-label">标签</i>
          <i className="src-mark">未导入</i>
          <i className="src-unread">未识别</i>
          <i className="d-none">文件中没有</i>
        </span>
      </div>
      {source.notes.length || unread ? (
        <ul className="sbs-notes" aria-label="这张表需要注意的内容">
          {source.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
          {unread ? <li>原表格中有 {unread} 个有内容的单元格没有对应到表样的栏目（橙色），未导入</li> : null}
        </ul>
      ) : null}
      <div className="sbs-panes" onMouseLeave={() => setLit(new Set())}>
        <section aria-label="导入后（按表样）">
          <h4>
            导入后（表样 {filing.templateId}；原表金额按“{UNIT_WORDS[source.amountUnit.unit]}”读取）
          </h4>
          <FormDraw parts={parts} look={look} lit={lit} onPoint={point} />
        </section>
        <section aria-label="文件中的原表格">
          <h4>文件中的原表格（{source.where}）</h4>
          {source.above.length ? (
            <div className="src-above" aria-label="表格上方的文字">
              {source.above.map((t, i) => (
                <p key={i}>{t}</p>
              ))}
            </div>
          ) : null}
          <SourceGrid s={source} look={look} lit={lit} onPoint={point} />
        </section>
      </div>
    </div>
  );
}
