// The book's data for the list view: its rows and total (from a prefetch the first time),
// the 查找 text (followed only outside an input-method composition), the badge filter,
// the rows shown, the summary counts and the templates in use.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient, ProjectRow, ReceivedFrom } from '../../../../shared/api/contract.ts';
import { getTemplate } from '../../../../shared/templates/index.ts';
import type { TemplateDef } from '../../../../shared/templates/types.ts';
import { errorText } from '../../api/client.ts';
import type { ToastFn } from '../../ui/toast.tsx';
import { countFindings, filterRows, needsPinyin } from './filter.ts';
import type { BookCounts, Only, PinyinOf } from './filter.ts';
import { takePrefetched } from './prefetch.ts';

/** The 查找 box: its text, and what the list is filtered by (not a half-composed text). */
export interface ListSearch {
  text: string;
  change(text: string): void;
  compositionStart(): void;
  compositionEnd(text: string): void;
  clear(): void;
  composing(): boolean;
}

export interface ListData {
  /** null until the first answer. */
  rows: ProjectRow[] | null;
  /** Shown in place of the stored order until the next load (a move being saved). */
  setRows(rows: ProjectRow[]): void;
  total: number;
  load(): Promise<void>;
  search: ListSearch;
  only: Only | null;
  toggleOnly(kind: Only): void;
  /** The rows shown: `rows`, or the ones that pass 查找 and the badge filter. */
  visible: ProjectRow[] | null;
  filtered: boolean;
  counts: BookCounts;
  /** The one template of every table, if they share one. */
  uniform: TemplateDef | null;
  /** Some template's book has a 部门整体绩效目标 part. */
  deptPart: boolean;
  /** A received unit-year (read-only): who sent it and when. */
  received: ReceivedFrom | null;
  /** The unit came from a package (any year): no table is created, copied or imported for it here. */
  receivedUnit: boolean;
}

export function useListData(api: ApiClient, unitCode: string, year: number, toast: ToastFn): ListData {
  const [rows, setRows] = useState<ProjectRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [received, setReceived] = useState<ReceivedFrom | null>(null);
  const [receivedUnit, setReceivedUnit] = useState(false);
  const first = useRef(true);

  const load = useCallback(async () => {
    try {
      const pre = first.current ? takePrefetched(unitCode, year) : null;
      first.current = false;
      const r = await (pre ?? api.call('projects.list', { unitCode, year }));
      setRows(r.rows);
      setTotal(r.totalBudget);
      setReceived(r.received ?? null);
      setReceivedUnit(r.receivedUnit === true);
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
      setRows([]);
    }
  }, [api, unitCode, year, toast]);

  useEffect(() => {
    void load();
  }, [load]);

  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState('');
  const composing = useRef(false);
  const search: ListSearch = {
    text: searchText,
    change(text) {
      setSearchText(text);
      if (!composing.current) setQuery(text);
    },
    compositionStart() {
      composing.current = true;
    },
    compositionEnd(text) {
      composing.current = false;
      setQuery(text);
    },
    clear() {
      setSearchText('');
      setQuery('');
    },
    composing: () => composing.current,
  };

  const [only, setOnly] = useState<Only | null>(null);
  const toggleOnly = useCallback((kind: Only) => setOnly((o) => (o === kind ? null : kind)), []);

  // Pinyin keys load with the first Latin letter typed (a separate chunk), then filter again.
  const [pinyinOf, setPinyinOf] = useState<{ fn: PinyinOf } | null>(null);
  const wantPinyin = needsPinyin(query);
  useEffect(() => {
    if (!wantPinyin || pinyinOf) return;
    let live = true;
    void import('../../../../shared/library/pinyin.ts').then((m) => live && setPinyinOf({ fn: m.pinyinKey }), () => undefined);
    return () => {
      live = false;
    };
  }, [wantPinyin, pinyinOf]);
  const visible = useMemo(() => (rows && (query || only) ? filterRows(rows, query, only, pinyinOf?.fn) : rows), [rows, query, only, pinyinOf]);
  const counts = useMemo(() => countFindings(rows ?? []), [rows]);
  const templateIds = useMemo(() => [...new Set((rows ?? []).map((r) => r.templateId))], [rows]);
  const templates = useMemo(() => templateIds.map((id) => getTemplate(id)).filter((t): t is TemplateDef => !!t), [templateIds]);

  return {
    rows,
    setRows,
    total,
    load,
    search,
    only,
    toggleOnly,
    visible,
    filtered: visible !== rows,
    counts,
    uniform: templates.length === 1 ? templates[0]! : null,
    deptPart: templates.some((t) => t.book.departmentPart),
    received,
    receivedUnit,
  };
}
