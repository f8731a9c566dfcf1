// Small pieces both sides of the review share: the reviewer's name (remembered on this
// computer), the history line 提交 1 → 退回 → 提交 2 → 通过 with short hashes (full on
// click, copied), and the margin marks of comments in the form.
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { HistoryEvent } from '../../../shared/handover/review-model.ts';
import { REVIEW_GRADES } from '../../../shared/handover/return-manifest.ts';
import type { FormPin } from '../form/ProjectForm.tsx';
import { timeText } from '../ui/time.ts';

const REVIEWER_KEY = 'jxmb.reviewer';

export function useReviewer(): [string, (v: string) => void] {
  const [name, setName] = useState(() => {
    try {
      return localStorage.getItem(REVIEWER_KEY) ?? '';
    } catch {
      return '';
    }
  });
  const set = (v: string) => {
    setName(v);
    try {
      localStorage.setItem(REVIEWER_KEY, v);
    } catch {
      /* private mode: not remembered */
    }
  };
  return [name, set];
}

export function ReviewerField({ value, onChange }: { value: string; onChange: (v: string) => void }): ReactNode {
  return (
    <label className="review-who">
      审核人
      <input value={value} maxLength={60} placeholder="姓名" aria-label="审核人" onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** `提交 1（2025-01-03 10:00，3f2a9c1b2d4e）→ 退回 → …`: a hash shows in full and is copied on click. */
export function HistoryLine({ events }: { events: readonly HistoryEvent[] | null }): ReactNode {
  const [open, setOpen] = useState<string | null>(null);
  if (!events) return null;
  if (!events.length) return <div className="review-history">经过：尚无报送记录</div>;
  return (
    <div className="review-history" data-testid="review-history">
      经过：
      {events.map((e, i) => (
        <span key={`${e.sha256}${i}`} className="hist-step">
          {i ? ' → ' : ''}
          <b>{e.label}</b>（{e.note ? `${e.note}，` : ''}{timeText(e.at)}，
          <button
            type="button"
            className="link hash"
            title={`校验值 ${e.sha256}（点击显示全文并复制）`}
            onClick={() => {
              setOpen(open === e.sha256 ? null : e.sha256);
              void navigator.clipboard?.writeText(e.sha256).catch(() => undefined);
            }}
          >
            {e.sha256.slice(0, 12)}
          </button>
          ）
        </span>
      ))}
      {open ? (
        <div className="hash-full" data-testid="hash-full">
          {open}
        </div>
      ) : null}
    </div>
  );
}

export async function loadHistory(api: ApiClient, projectId: string): Promise<HistoryEvent[]> {
  return api.call('review.history', { projectId }).catch(() => []);
}

/** A comment's mark in the form: ● open, ✓ handled, 说 answered with a 说明. */
export function commentPins(label: (path: string) => string, list: ReadonlyArray<{ path: string; text: string; state: 'open' | 'handled' | 'noted' }>): FormPin[] {
  return list
    .filter((c) => c.path)
    .map((c, i) => ({
      path: c.path,
      mark: c.state === 'handled' ? '✓' : c.state === 'noted' ? '说' : '●',
      title: `意见 ${i + 1}（${label(c.path)}）：${c.text}`,
      cls: `pin-${c.state}`,
    }));
}

type Grade = (typeof REVIEW_GRADES)[number];

/** 优 / 良 / 中 / 差, or none (`empty`). */
export function GradeSelect({ label, value, empty = '未定', onChange }: { label: string; value: Grade | null | undefined; empty?: string; onChange: (g: Grade | null) => void }): ReactNode {
  return (
    <select aria-label={label} value={value ?? ''} onChange={(e) => onChange((e.target.value || null) as Grade | null)}>
      <option value="">{empty}</option>
      {REVIEW_GRADES.map((g) => (
        <option key={g}>{g}</option>
      ))}
    </select>
  );
}
