// Paste into the 部门整体绩效目标, with the project form's parser (form/tsv.ts,
// form/clipboard-html.ts, form/paste-columns.ts): rows of an indicator table copied from
// Excel / WPS / Word (一级 | 二级 | 三级 | 指标值, a header row or not) pasted into a 分项's
// 绩效指标 become its text as the books print it (`三级指标：指标值；…。`); a block pasted into
// any other box is joined as in a project form's text field; one value is pasted as it is.
import type { IndicatorColumn } from '../../../shared/templates/types.ts';
import { clipboardTable } from '../form/clipboard-html.ts';
import { blockRows, isBlock, joined, pasteTooLong } from '../form/paste.ts';
import { mapColumns, type Slot } from '../form/paste-columns.ts';

/** `indicators`: a 分项's 绩效指标; `text`: other multi-line boxes; `line`: a 分项 title. */
export type DeptBox = 'indicators' | 'text' | 'line';

export type DeptPaste = { t: 'text'; text: string; hint?: string } | { t: 'error'; error: string };

/** Without a header the columns are read as the seeds' tables have them, from the right: 一级 | 二级 | 三级 | 指标值. */
const POSITIONAL: readonly IndicatorColumn[] = ['level1', 'level2', 'name', 'value'];
/** Every column a header may name (one period: the department text has none). */
const SLOTS: Slot[] = [...POSITIONAL, 'description', 'basis', 'standard'].map((col) => ({ period: col === 'level1' ? null : 'annual', col: col as IndicatorColumn }));

const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().replace(/[；;。，,、]+$/, '');

/**
 * `现场检查率` + `≥95%` → `现场检查率：≥95%`: with the colon, the 部门整体自评 made from this text
 * splits each sentence back into 指标 and 指标值 (shared/yearly/dept-create.ts splitStatement).
 */
const phrase = (name: string, value: string): string => (name && value ? `${name}：${value}` : name || value);

/** What pasting the clipboard (`raw` its text/plain, `html` its text/html) into a box does; null: one value, the box's own paste. */
export function deptPaste(raw: string, html: string, box: DeptBox): DeptPaste | null {
  const long = pasteTooLong(raw);
  if (long) return { t: 'error', error: long };
  if (!isBlock(raw)) return null;
  const rows = blockRows(raw, html ? clipboardTable(raw, html) : null);
  const asText = (): DeptPaste => joined(rows, box !== 'line', false);
  if (box !== 'indicators') return asText();
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const m = mapColumns(rows, SLOTS, Math.max(0, POSITIONAL.length - width), 'annual');
  // Wider than an indicator table and without a header naming its columns: not one.
  if (!m.skip && width > POSITIONAL.length) return asText();
  const at = (col: IndicatorColumn) => m.map.findIndex((s) => s?.col === col);
  const [name, value] = [at('name'), at('value')];
  if (name < 0 && value < 0) return asText();
  const items = rows
    .slice(m.skip)
    .map((r) => phrase(clean(r[name]), clean(r[value])))
    .filter(Boolean);
  if (!items.length) return { t: 'error', error: '粘贴的内容没有三级指标或指标值，未粘贴' };
  const header = m.skip ? '，表头行未粘贴' : '';
  return { t: 'text', text: `${items.join('；')}。`, hint: `已把粘贴的 ${items.length} 行指标写为“三级指标和指标值”，以“；”分隔${header}` };
}
