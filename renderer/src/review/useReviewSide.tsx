// The review beside a table: on the receiving side the reviewer's panel (received tables
// are read-only), on the unit's side the comments of the last return and what changed
// between its own submissions; both mark the cells the comments point at (and, for the
// reviewer, what changed since the earlier submission).
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { ProjectFiling } from '../../../shared/model/filing.ts';
import type { FormPin } from '../form/ProjectForm.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { focusSignal, tableSubject } from './subject.ts';
import { UnitComments } from './UnitComments.tsx';
import { UnitDiff } from './DiffList.tsx';

export function useReviewSide(api: ApiClient, filing: ProjectFiling, received: boolean, jump: (path: string) => void): { pins: FormPin[]; onCellFocus: (path: string) => void; extra: ReactNode } {
  const [pins, setPins] = useState<FormPin[]>([]);
  const jumpRef = useRef(jump);
  jumpRef.current = jump;
  const onJump = useCallback((p: string) => jumpRef.current(p), []);
  // The focused cell as a small signal: only the panel re-renders when it changes.
  const focus = useMemo(focusSignal, []);
  const subject = useMemo(() => tableSubject(filing), [filing]);
  const extra = received ? (
    <ReviewPanel api={api} subject={subject} focus={focus} onPins={setPins} onJump={onJump} />
  ) : (
    <>
      <UnitComments api={api} subject={subject} onPins={setPins} onJump={onJump} />
      <UnitDiff api={api} projectId={filing.id} onJump={onJump} />
    </>
  );
  return { pins, onCellFocus: focus.set, extra };
}
