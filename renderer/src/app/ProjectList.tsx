// The unit-year's book: its project tables with template, 预算数, status, 审核 badge and
// carried-over marks; totals; create, duplicate, delete (with 撤销), reorder, 复制上年.
// A long book (hundreds of tables) draws only the rows in view; the rest are drawn as they
// are scrolled to, so opening it and scrolling stay quick. 查找 narrows the list by name or
// 序号, and the summary's badges show only the tables with 错误 / 待说明警告 / 结转.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ApiClient, ApiResults, ProjectRow } from '../../../shared/api/contract.ts';
import { STATUS_LABELS } from '../../../shared/model/filing.ts';
import { formatFen } from '../../../shared/model/money.ts';
import { foldKey } from '../../../shared/library/records.ts';
import { getTemplate, amountUnitLabel } from '../../../shared/templates/index.ts';
import type { TemplateDef } from '../../../shared/templates/types.ts';
import { errorText } from '../api/client.ts';
import { AuditPanel } from '../audit/AuditPanel.tsx';
import { ExportDialog } from '../print/ExportDialog.tsx';
import { PrintPreview } from '../print/PrintPreview.tsx';
import { Modal } from '../ui/dialog.tsx';
import { money } from '../ui/money.ts';
import { useToast } from '../ui/toast.tsx';
import type { Shell } from './frame.ts';
import { ExchangeMenu, exportSpreadsheet } from './exchange/ExchangeMenu.tsx';
import { ImportFileDialog } from './exchange/ImportFileDialog.tsx';
import { PackDialog } from './exchange/PackDialog.tsx';
import { setPendingFocus } from './pending.ts';

const TEMPLATE_KEY = 'jxmb-template';
/** Books longer than this draw only the rows in view (plus a margin). */
const WINDOW_FROM = 100;
/** Height of a list row in px (one line, see .list-table td); rows are measured when drawn. */
const ROW_PX = 31;
const OVERSCAN = 12;

type ListResult = ApiResults['projects.list'];

/** Only the tables with …: the summary badges as filters. */
type Only = 'errors' | 'warnings' | 'carried';
const ONLY_TEST: Record<Only, (r: ProjectRow) => boolean> = {
  errors: (r) => r.errors > 0,
  warnings: (r) => r.openWarnings > 0,
  carried: (r) => r.carriedOver > 0,
};

/** Rows whose name contains the query (NFKC, case and spaces folded) or whose 序号 it is. */
export function filterRows(rows: readonly ProjectRow[], query: string, only: Only | null): ProjectRow[] {
  const q = foldKey(query);
  return rows.filter((r) => (!only || ONLY_TEST[only](r)) && (!q || String(r.seq) === q || foldKey(r.name).includes(q)));
}

/** A list asked for before its view is shown (a unit or year being chosen), taken once. */
const prefetched = new Map<string, { at: number; result: Promise<ListResult> }>();
const PREFETCH_MS = 5000;
const listKey = (unitCode: string, year: number) => `${unitCode}/${year}`;

export function prefetchList(api: ApiClient, unitCode: string, year: number): void {
  const result = api.call('projects.list', { unitCode, year });
  result.catch(() => undefined); // the view asks again and shows the error
  prefetched.set(listKey(unitCode, year), { at: Date.now(), result });
}

function takePrefetched(unitCode: string, year: number): Promise<ListResult> | null {
  const key = listKey(unitCode, year);
  const p = prefetched.get(key);
  prefetched.delete(key);
  return p && Date.now() - p.at < PREFETCH_MS ? p.result : null;
}

export function ProjectList({ shell, years }: { shell: Shell; years: number[] }): ReactNode {
  const { api, unit, year } = shell;
  const toast = useToast();
  const [rows, setRows] = useState<ProjectRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [dialog, setDialog] = useState<'new' | 'copy' | 'print' | 'export' | 'pack' | 'import' | null>(null);
  const [showAudit, setShowAudit] = useState(false);
  const [auditNonce, setAuditNonce] = useState(0);
  const [focusId, setFocusId] = useState<string | null>(null);
  const tbody = useRef<HTMLTableSectionElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  /** The search box's text, and what the list is filtered by (not a half-composed text). */
  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState('');
  const composing = useRef(false);
  const [only, setOnly] = useState<Only | null>(null);
  const unitCode = unit!.code;
  const first = useRef(true);

  const load = useCallback(async () => {
    try {
      const pre = first.current ? takePrefetched(unitCode, year) : null;
      first.current = false;
      const r = await (pre ?? api.call('projects.list', { unitCode, year }));
      setRows(r.rows);
      setTotal(r.totalBudget);
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
      setRows([]);
    }
  }, [api, unitCode, year, toast]);

  useEffect(() => {
    void load();
  }, [load]);

  const visible = useMemo(() => (rows && (query || only) ? filterRows(rows, query, only) : rows), [rows, query, only]);
  const filtered = visible !== rows;
  const windowed = (visible?.length ?? 0) > WINDOW_FROM;
  // Rows start below the sticky header: its height is the list's offset in the scroller.
  const [headPx, setHeadPx] = useState(0);
  const virt = useVirtualizer({
    count: windowed ? visible!.length : 0,
    enabled: windowed,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: OVERSCAN,
    // Before the first measurement: the window's height, so the first frame has its rows.
    initialRect: { width: 0, height: window.innerHeight },
    getItemKey: (i) => visible![i]!.id,
    scrollMargin: headPx,
  });
  useLayoutEffect(() => {
    // Measured once the list is windowed (the header's height does not change with scrolling).
    if (windowed && tbody.current) setHeadPx(tbody.current.offsetTop);
  }, [windowed]);

  const focusRow = (id: string) => {
    const tr = tbody.current?.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"]`);
    if (tr) {
      tr.focus();
      if (focusId) setFocusId(null);
      return;
    }
    // Not drawn yet: the scroller holds the focus (and takes the keys) until it is.
    scroller.current?.focus({ preventScroll: true });
    setFocusId(id);
  };

  // Focus a row once it is drawn (after a move, duplicate, restore, or keys past the window).
  useEffect(() => {
    if (!focusId) return;
    const tr = tbody.current?.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(focusId)}"]`);
    if (tr) {
      tr.focus();
      setFocusId(null);
    } else if (windowed) {
      const i = visible?.findIndex((r) => r.id === focusId) ?? -1;
      if (i >= 0) virt.scrollToIndex(i, { align: 'auto' });
      else setFocusId(null);
    }
  });

  const templateIds = useMemo(() => [...new Set((rows ?? []).map((r) => r.templateId))], [rows]);
  const templates = useMemo(() => templateIds.map((id) => getTemplate(id)).filter((t): t is TemplateDef => !!t), [templateIds]);
  const uniform = templates.length === 1 ? templates[0]! : null;
  const deptPart = templates.some((t) => t.book.departmentPart);
  const hasPrev = years.includes(year - 1);

  const open = (id: string) => shell.go({ view: 'project', id });

  const remove = async (row: ProjectRow) => {
    try {
      const { deleted } = await api.call('projects.delete', { id: row.id });
      await load();
      toast(`已删除“${row.name || '未命名项目'}”`, {
        action: {
          label: '撤销',
          run: async () => {
            try {
              await api.call('projects.restore', { filing: deleted });
              await load();
              setFocusId(deleted.id);
              toast('已恢复', { kind: 'ok' });
            } catch (e) {
              toast(errorText(e), { kind: 'error' });
            }
          },
        },
      });
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
    }
  };

  const duplicate = async (row: ProjectRow) => {
    try {
      const r = await api.call('projects.duplicate', { id: row.id });
      await load();
      setFocusId(r.filing.id);
      toast(`已复制为“${r.filing.name}”`, { kind: 'ok' });
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
    }
  };

  const move = async (row: ProjectRow, dir: -1 | 1) => {
    if (!rows) return;
    const k = rows.findIndex((r) => r.id === row.id);
    const j = k + dir;
    if (k < 0 || j < 0 || j >= rows.length) return;
    const next = rows.slice();
    [next[k], next[j]] = [next[j]!, next[k]!];
    setRows(next.map((r, i) => ({ ...r, seq: i + 1 })));
    setFocusId(row.id);
    try {
      await api.call('projects.reorder', { unitCode, year, ids: next.map((r) => r.id) });
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
    }
    await load();
  };

  /**
   * Keys of the list, on the scroller: on a focused row, or on the scroller itself while
   * the row the keys moved to is still being drawn (the keys then apply to that row).
   */
  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const id = target === e.currentTarget ? focusId : target.tagName === 'TR' ? (target.dataset.id ?? null) : null;
    const list = visible ?? [];
    const row = id ? list.find((r) => r.id === id) : undefined;
    if (!row) return;
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      if (filtered) toast('正在查找或筛选：清除后再调整顺序', { kind: 'info' });
      else void move(row, e.key === 'ArrowUp' ? -1 : 1);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown' || e.key === 'Home' || e.key === 'End' || e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      const k = list.findIndex((r) => r.id === row.id);
      if (k === 0 && e.key === 'ArrowUp') {
        searchBox.current?.focus();
        return;
      }
      const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 600) / ROW_PX) - 2);
      const step: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, PageUp: -page, PageDown: page, Home: -list.length, End: list.length };
      const j = Math.min(list.length - 1, Math.max(0, k + step[e.key]!));
      if (j !== k) focusRow(list[j]!.id);
      else if (target === e.currentTarget) setFocusId(row.id);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(row.id);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      void remove(row);
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'd') {
      e.preventDefault();
      void duplicate(row);
    }
  };

  const counts = useMemo(() => {
    const c = { errors: 0, warnings: 0, carried: 0 };
    for (const r of rows ?? []) {
      c.errors += r.errors;
      c.warnings += r.openWarnings;
      c.carried += r.carriedOver;
    }
    return c;
  }, [rows]);

  const rowOf = (r: ProjectRow, i: number, measure?: (el: HTMLTableRowElement | null) => void) => (
    <Row
      key={r.id}
      row={r}
      index={i}
      measure={measure}
      first={filtered || i === 0}
      last={filtered || i === visible!.length - 1}
      uniform={!!uniform}
      onOpen={open}
      onMove={move}
      onDelete={remove}
      onDuplicate={duplicate}
    />
  );

  /** The rows in view, with spacers that keep the scroll bar the length of the whole book. */
  const windowRows = (all: ProjectRow[]) => {
    const items = virt.getVirtualItems();
    if (!items.length) return null;
    const margin = virt.options.scrollMargin;
    const before = items[0]!.start - margin;
    const after = virt.getTotalSize() - (items.at(-1)!.end - margin);
    return (
      <>
        {before > 0 ? <tr className="list-pad" aria-hidden style={{ height: before }} /> : null}
        {items.map((it) => rowOf(all[it.index]!, it.index, virt.measureElement))}
        {after > 0 ? <tr className="list-pad" aria-hidden style={{ height: after }} /> : null}
      </>
    );
  };

  const onlyBadge = (kind: Only, n: number, text: string, cls: string, title: string) =>
    n ? (
      <button type="button" className={`badge ${cls} badge-filter`} aria-pressed={only === kind} title={only === kind ? '显示全部' : title} onClick={() => setOnly((o) => (o === kind ? null : kind))}>
        {text}
      </button>
    ) : null;

  const budgetHead = uniform ? `预算数（${amountUnitLabel(uniform)}）` : '预算数';
  const totalText = uniform ? `${money(total, uniform.amount)} ${amountUnitLabel(uniform)}` : formatFen(total, '万元');

  return (
    <div className="list-view">
      <div className="list-main">
        <div className="toolbar">
          <h2 className="tb-title">
            {unit!.code}
            {unit!.name}　{year} 年度项目支出绩效目标
          </h2>
          <div className="tb-spacer" />
          <button type="button" className="btn-primary" onClick={() => setDialog('new')}>
            ＋ 新建项目表
          </button>
          <button type="button" onClick={() => setDialog('copy')} disabled={!hasPrev} title={hasPrev ? `把 ${year - 1} 年度的项目表复制到 ${year} 年度` : `${year - 1} 年度没有项目表`}>
            复制上年
          </button>
          {deptPart ? (
            <button type="button" onClick={() => shell.go({ view: 'dept' })}>
              部门整体绩效目标
            </button>
          ) : null}
          <button
            type="button"
            aria-pressed={showAudit}
            onClick={() => {
              setShowAudit((s) => !s);
              setAuditNonce((n) => n + 1);
            }}
          >
            审核全部
          </button>
          <button type="button" onClick={() => setDialog('print')} disabled={!rows?.length}>
            打印预览
          </button>
          <button type="button" onClick={() => setDialog('export')} disabled={!rows?.length} title="生成全部项目表的文档（.docx），可打印、报送">
            导出文档
          </button>
          <ExchangeMenu
            disabled={{ pack: !rows?.length, xlsx: !rows?.length }}
            onChoose={(what) => {
              if (what === 'xlsx') {
                exportSpreadsheet(api, unitCode, year).then(
                  (name) => toast(`已生成“${name}”，已开始下载`, { kind: 'ok' }),
                  (e) => toast(errorText(e), { kind: 'error' }),
                );
              } else setDialog(what);
            }}
          />
        </div>
        {unit!.sample ? <div className="notice">这是来自公开文件的示例单位，用于熟悉填报方法；可随时点击右上角“删除示例数据”一次删除。</div> : null}
        <div className="summary">
          共 <b>{rows?.length ?? 0}</b> 张项目表　预算合计 <b data-testid="total">{totalText}</b>
          {onlyBadge('errors', counts.errors, `错误 ${counts.errors}`, 'badge-error', '只看有错误的表')}
          {onlyBadge('warnings', counts.warnings, `待说明警告 ${counts.warnings}`, 'badge-warning', '只看有待说明警告的表')}
          {onlyBadge('carried', counts.carried, `上年结转待确认 ${counts.carried} 处`, 'badge-carried', '只看有上年结转内容待确认的表')}
          <div className="tb-spacer" />
          {filtered ? (
            <span className="filter-count" role="status">
              显示 {visible?.length ?? 0} 张
            </span>
          ) : null}
          {rows && rows.length > 1 ? (
            <input
              ref={searchBox}
              type="search"
              className="list-search"
              aria-label="查找项目"
              placeholder="查找项目名称或序号"
              value={searchText}
              maxLength={100}
              onChange={(e) => {
                setSearchText(e.target.value);
                if (!composing.current) setQuery(e.target.value);
              }}
              onCompositionStart={() => {
                composing.current = true;
              }}
              onCompositionEnd={(e) => {
                composing.current = false;
                setQuery(e.currentTarget.value);
              }}
              onKeyDown={(e) => {
                if (e.nativeEvent.isComposing || composing.current) return;
                if (e.key === 'Escape' && searchText) {
                  e.preventDefault();
                  setSearchText('');
                  setQuery('');
                } else if ((e.key === 'ArrowDown' || e.key === 'Enter') && visible?.length) {
                  e.preventDefault();
                  focusRow(visible[0]!.id);
                }
              }}
            />
          ) : null}
        </div>
        <div className="list-scroll" ref={scroller} tabIndex={-1} onKeyDown={onListKey}>
          <table className="list-table">
            <thead>
              <tr>
                <th className="col-seq">序号</th>
                <th>项目名称</th>
                <th className="col-tpl">表样</th>
                <th className="col-money">{budgetHead}</th>
                <th className="col-n">指标</th>
                <th className="col-status">状态</th>
                <th className="col-audit">审核</th>
                <th className="col-carried">结转</th>
                <th className="col-actions">操作</th>
              </tr>
            </thead>
            <tbody ref={tbody}>
              {visible ? (windowed ? windowRows(visible) : visible.map((r, i) => rowOf(r, i))) : null}
            </tbody>
          </table>
          {rows?.length && !visible?.length ? <div className="empty">没有符合条件的项目表。</div> : null}
          {rows && !rows.length ? (
            <div className="empty">
              {year} 年度还没有项目表。点击“新建项目表”开始填写{hasPrev ? `，或“复制上年”以 ${year - 1} 年度的表为基础` : ''}。
            </div>
          ) : null}
          {rows?.length ? <div className="hint-line">键盘：↑↓ 选择（Home/End 到首尾），Enter 打开，Alt+↑↓ 调整顺序，Ctrl+D 复制，Delete 删除（可撤销）</div> : null}
        </div>
      </div>
      {showAudit ? (
        <AuditPanel
          api={api}
          mode="unit"
          unitCode={unitCode}
          year={year}
          nonce={auditNonce}
          onJump={(f) => {
            setPendingFocus(f.location.projectId, f.location.field);
            open(f.location.projectId);
          }}
          onClose={() => setShowAudit(false)}
        />
      ) : null}
      {dialog === 'new' ? (
        <NewProjectDialog
          shell={shell}
          suggested={uniform?.id ?? localStorage.getItem(TEMPLATE_KEY) ?? shell.templates[0]?.id ?? 'A'}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'copy' ? (
        <Modal
          title="复制上年"
          onClose={() => setDialog(null)}
          footer={
            <>
              <button type="button" onClick={() => setDialog(null)}>
                取消
              </button>
              <button
                type="button"
                className="btn-primary"
                data-autofocus
                onClick={async () => {
                  setDialog(null);
                  try {
                    const r = await api.call('projects.copyYear', { unitCode, fromYear: year - 1, toYear: year });
                    await load();
                    toast(`已从 ${year - 1} 年度复制 ${r.copied} 张项目表${r.skipped ? `（${r.skipped} 张此前已复制，未重复）` : ''}。复制来的内容已标出，请逐项核对。`, { kind: 'ok', ms: 8000 });
                  } catch (e) {
                    toast(errorText(e), { kind: 'error' });
                  }
                }}
              >
                复制
              </button>
            </>
          }
        >
          <p>
            把 {year - 1} 年度的项目表复制到 {year} 年度，作为今年填写的起点。复制来的每一项内容都会标出（浅黄色），核对过后标记自动消失；日期中的年份会改为新年度。
          </p>
          <p>已经复制过的表不会重复复制。</p>
        </Modal>
      ) : null}
      {dialog === 'print' ? <PrintPreview api={api} scope={{ kind: 'unitYear', unitCode, year }} onClose={() => setDialog(null)} /> : null}
      {dialog === 'pack' ? (
        <PackDialog
          api={api}
          unitCode={unitCode}
          year={year}
          onClose={() => setDialog(null)}
          onAudit={() => {
            setDialog(null);
            setShowAudit(true);
            setAuditNonce((n) => n + 1);
          }}
        />
      ) : null}
      {dialog === 'import' ? (
        <ImportFileDialog
          api={api}
          unitCode={unitCode}
          year={year}
          onClose={() => setDialog(null)}
          onStored={() => {
            setDialog(null);
            void load();
          }}
        />
      ) : null}
      {dialog === 'export' ? <ExportDialog api={api} scope={{ kind: 'unitYear', unitCode, year }} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}

interface RowProps {
  row: ProjectRow;
  index: number;
  /** Measures the drawn row (windowed lists). */
  measure?: (el: HTMLTableRowElement | null) => void;
  first: boolean;
  last: boolean;
  uniform: boolean;
  onOpen: (id: string) => void;
  onMove: (row: ProjectRow, dir: -1 | 1) => void;
  onDelete: (row: ProjectRow) => void;
  onDuplicate: (row: ProjectRow) => void;
}

const Row = memo(function Row({ row: r, index, measure, first, last, uniform, onOpen, onMove, onDelete, onDuplicate }: RowProps) {
  const t = getTemplate(r.templateId);
  const budget = r.budget === null ? '' : t ? money(r.budget, t.amount) + (uniform ? '' : ` ${amountUnitLabel(t)}`) : formatFen(r.budget, '万元');
  return (
    <tr tabIndex={0} data-id={r.id} data-index={index} ref={measure} onDoubleClick={() => onOpen(r.id)}>
      <td className="col-seq">{r.seq}</td>
      <td className="col-name">
        <a
          href={`#open-${r.id}`}
          tabIndex={-1}
          onClick={(e) => {
            e.preventDefault();
            onOpen(r.id);
          }}
        >
          {r.name || '（未命名项目）'}
        </a>
      </td>
      <td className="col-tpl" title={t?.name}>
        {r.templateId}
      </td>
      <td className="col-money">{budget}</td>
      <td className="col-n">{r.indicatorCount}</td>
      <td className="col-status">
        <span className={`status status-${r.status}`}>{STATUS_LABELS[r.status]}</span>
      </td>
      <td className="col-audit">
        {r.errors ? <span className="badge badge-error">错误 {r.errors}</span> : null}
        {r.openWarnings ? <span className="badge badge-warning">警告 {r.openWarnings}</span> : null}
        {!r.errors && !r.openWarnings ? <span className="badge badge-ok">通过</span> : null}
      </td>
      <td className="col-carried">{r.carriedOver ? <span className="badge badge-carried" title="从上年复制、尚未核对的内容">结转 {r.carriedOver}</span> : null}</td>
      <td className="col-actions">
        <button type="button" tabIndex={-1} title="上移（Alt+↑）" aria-label="上移" disabled={first} onClick={() => onMove(r, -1)}>
          ↑
        </button>
        <button type="button" tabIndex={-1} title="下移（Alt+↓）" aria-label="下移" disabled={last} onClick={() => onMove(r, 1)}>
          ↓
        </button>
        <button type="button" tabIndex={-1} title="复制（Ctrl+D）" onClick={() => onDuplicate(r)}>
          复制
        </button>
        <button type="button" tabIndex={-1} title="删除（Delete），可撤销" onClick={() => onDelete(r)}>
          删除
        </button>
      </td>
    </tr>
  );
});

function NewProjectDialog({ shell, suggested, onClose }: { shell: Shell; suggested: string; onClose: () => void }): ReactNode {
  const toast = useToast();
  const [tpl, setTpl] = useState(suggested);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    try {
      const r = await shell.api.call('projects.create', { unitCode: shell.unit!.code, year: shell.year, templateId: tpl, name: name.trim() });
      localStorage.setItem(TEMPLATE_KEY, tpl);
      setPendingFocus(r.filing.id, '');
      shell.go({ view: 'project', id: r.filing.id });
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
      setBusy(false);
    }
  };
  return (
    <Modal
      title="新建项目表"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="btn-primary" disabled={busy} onClick={() => void create()}>
            新建
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.target as HTMLInputElement).type === 'radio') {
            e.preventDefault();
            void create();
          }
        }}
      >
        <label className="block-label">
          项目名称（可稍后在表中填写）
          <input value={name} maxLength={300} onChange={(e) => setName(e.target.value)} data-autofocus />
        </label>
        <fieldset className="tpl-choice">
          <legend>表样</legend>
          {shell.templates.map((t) => (
            <label key={t.id} className={tpl === t.id ? 'on' : ''}>
              <input type="radio" name="tpl" value={t.id} checked={tpl === t.id} onChange={() => setTpl(t.id)} />
              <span className="tpl-name">
                {t.id}　{t.name}
              </span>
              <span className="tpl-src">
                {t.source}；金额单位：{t.amountUnit}
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}
