// 公开稿 or 报送稿, and where the 报送稿 signature goes: chosen in the print preview and kept
// in the unit-year's settings (the office's choice travels with its data: handover, backup),
// so that 打印 and 导出 give the copy last chosen, on any computer.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { PrintOptions } from '../../../shared/layout/index.ts';
import { printOf } from '../../../shared/settings/unit-year.ts';

/** What is printed: one project table or the unit-year book. */
export type PrintScope = { kind: 'project'; id: string } | { kind: 'unitYear'; unitCode: string; year: number };

/** Where this computer kept the choice before it became a setting (taken over once, then removed). */
const legacyKey = (unitCode: string, year: number) => `jxmb.print.${unitCode}.${year}`;

function takeLegacyChoice(unitCode: string, year: number): PrintOptions | null {
  try {
    const raw = localStorage.getItem(legacyKey(unitCode, year));
    if (raw === null) return null;
    localStorage.removeItem(legacyKey(unitCode, year));
    const v = JSON.parse(raw) as Partial<PrintOptions> | null;
    return { kind: v?.kind === 'submission' ? 'submission' : 'public', signature: v?.signature === 'book' ? 'book' : 'table' };
  } catch {
    return null;
  }
}

let saving: Promise<void> = Promise.resolve();

async function storeChoice(api: ApiClient, unitCode: string, year: number, p: PrintOptions): Promise<void> {
  const { settings } = await api.call('settings.get', { unitCode, year });
  if (settings.printKind === p.kind && settings.signature === p.signature) return;
  await api.call('settings.set', { settings: { ...settings, printKind: p.kind, signature: p.signature } });
}

/**
 * The unit-year's print choice (null while it loads) and how to change it. A change that
 * cannot be stored (a received unit-year is read-only) still applies to this preview.
 */
export function usePrintChoice(api: ApiClient, unitCode: string, year: number): [PrintOptions | null, (p: PrintOptions) => void] {
  const [print, setPrint] = useState<PrintOptions | null>(null);
  useEffect(() => {
    let live = true;
    setPrint(null);
    api.call('settings.get', { unitCode, year }).then(
      (v) => {
        const legacy = takeLegacyChoice(unitCode, year);
        const stored = printOf(v.settings);
        const p = legacy && legacy.kind !== 'public' && stored.kind === 'public' ? legacy : stored;
        if (p !== stored) void storeChoice(api, unitCode, year, p).catch(() => undefined);
        if (live) setPrint(p);
      },
      () => live && setPrint({ kind: 'public', signature: 'table' }),
    );
    return () => {
      live = false;
    };
  }, [api, unitCode, year]);
  const choose = (p: PrintOptions) => {
    setPrint(p);
    // One change after the other (each reads the settings it changes).
    saving = saving.then(() => storeChoice(api, unitCode, year, p)).catch(() => undefined);
  };
  return [print, choose];
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
