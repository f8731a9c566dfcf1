// 公开稿 or 报送稿, and where the 报送稿 signature goes: chosen in the print preview and
// remembered per unit-year (this computer), so that 导出 prints the copy last chosen.
import type { ReactNode } from 'react';
import type { PrintOptions } from '../../../shared/layout/index.ts';

/** What is printed: one project table or the unit-year book. */
export type PrintScope = { kind: 'project'; id: string } | { kind: 'unitYear'; unitCode: string; year: number };

const key = (unitCode: string, year: number) => `jxmb.print.${unitCode}.${year}`;
const DEFAULT: PrintOptions = { kind: 'public', signature: 'table' };

export function loadPrintChoice(unitCode: string, year: number): PrintOptions {
  try {
    const v = JSON.parse(localStorage.getItem(key(unitCode, year)) ?? 'null') as Partial<PrintOptions> | null;
    return {
      kind: v?.kind === 'submission' ? 'submission' : 'public',
      signature: v?.signature === 'book' ? 'book' : 'table',
    };
  } catch {
    return DEFAULT;
  }
}

export function savePrintChoice(unitCode: string, year: number, p: PrintOptions): void {
  localStorage.setItem(key(unitCode, year), JSON.stringify(p));
}

/** `报送稿（签字栏：每张表下）` */
export function printChoiceText(p: PrintOptions, book: boolean): string {
  if (p.kind === 'public') return '公开稿';
  return book ? `报送稿（签字栏：${p.signature === 'book' ? '汇编末尾' : '每张表下'}）` : '报送稿';
}

function Radio({ name, checked, label, onPick }: { name: string; checked: boolean; label: string; onPick: () => void }): ReactNode {
  return (
    <label className="print-radio">
      <input type="radio" name={name} checked={checked} onChange={onPick} />
      {label}
    </label>
  );
}

/** The choice above the preview; `book`: the signature placement is offered. */
export function PrintChoiceBar({ value, onChange, book }: { value: PrintOptions; onChange: (p: PrintOptions) => void; book: boolean }): ReactNode {
  return (
    <div className="print-choice" role="group" aria-label="打印稿">
      <span>打印稿：</span>
      <Radio name="print-kind" checked={value.kind === 'public'} label="公开稿" onPick={() => onChange({ ...value, kind: 'public' })} />
      <Radio name="print-kind" checked={value.kind === 'submission'} label="报送稿（盖章、签字）" onPick={() => onChange({ ...value, kind: 'submission' })} />
      {book && value.kind === 'submission' ? (
        <>
          <span className="print-choice-sep">签字栏：</span>
          <Radio name="print-sign" checked={value.signature === 'table'} label="每张表下" onPick={() => onChange({ ...value, signature: 'table' })} />
          <Radio name="print-sign" checked={value.signature === 'book'} label="汇编末尾" onPick={() => onChange({ ...value, signature: 'book' })} />
        </>
      ) : null}
    </div>
  );
}
