// The unit-year's book: its project tables with template, 预算数, status, 审核 badge and
// carried-over marks; totals; create, duplicate, delete (with 撤销), reorder, 复制上年.
// A long book (hundreds of tables) draws only the rows in view; the rest are drawn as they
// are scrolled to, so opening it and scrolling stay quick. 查找 narrows the list by name or
// 序号, and the summary's badges show only the tables with 错误 / 待说明警告 / 结转.
import { isDeptReviewId } from '../../../../shared/handover/dept-review.ts';
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { formatFen } from '../../../../shared/model/money.ts';
import { amountUnitLabel } from '../../../../shared/templates/index.ts';
import { errorText } from '../../api/client.ts';
import { AuditPanel } from '../../audit/AuditPanel.tsx';
import { checkLabel } from '../../../../shared/rules/check-label.ts';
import { ExportChosen } from '../../print/ExportDialog.tsx';
import { PrintPreview } from '../../print/PrintPreview.tsx';
import { money } from '../../ui/money.ts';
import { useToast } from '../../ui/toast.tsx';
import { ExchangeMenu, exportSpreadsheet } from '../exchange/ExchangeMenu.tsx';
import { ReturnImportDialog } from '../../review/ReturnImportDialog.tsx';
import { UnitReviewDialog } from '../../review/UnitReviewDialog.tsx';
import { ImportFileDialog } from '../exchange/ImportFileDialog.tsx';
import { PackDialog } from '../exchange/PackDialog.tsx';
import type { Shell } from '../frame.ts';
import { setPendingFocus } from '../pending.ts';
import { CopyYearDialog } from './CopyYearDialog.tsx';
import type { Only } from './filter.ts';
import { ListRows } from './ListRows.tsx';
import { ReceivedNotice } from '../received-notice.tsx';
import { ListSearch } from './ListSearch.tsx';
import { YearlyBookDialog } from '../../yearly/YearlyBookDialog.tsx';
import { NewProjectDialog } from './NewProjectDialog.tsx';
import { SettingsBar, useUnitYearSettings } from './SettingsBar.tsx';
import { getTemplate } from '../../../../shared/templates/index.ts';
import { useListActions } from './useListActions.ts';
import { useListData } from './useListData.ts';
import { useListKeys, useRowCursor } from './useListKeys.ts';
import { useListWindow } from './useListWindow.ts';

type Dialog = 'new' | 'copy' | 'print' | 'export' | 'pack' | 'import' | 'yearly' | 'return' | 'review';

export function ProjectList({ shell, years }: { shell: Shell; years: number[] }): ReactNode {
  const { api, unit, year } = shell;
  const unitCode = unit!.code;
  const toast = useToast();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [showAudit, setShowAudit] = useState(false);
  const [auditNonce, setAuditNonce] = useState(0);
  const tbody = useRef<HTMLTableSectionElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  const data = useListData(api, unitCode, year, toast);
  const [settings, reloadSettings] = useUnitYearSettings(shell);
  // The 部门整体绩效目标 goes with the unit-year's 表样 (B), not only with the tables already there.
  const deptPart = data.deptPart || !!(settings && getTemplate(settings.settings.templateId)?.book.departmentPart);
  const { rows, visible, filtered, counts, uniform } = data;
  const win = useListWindow(visible, scroller, tbody);
  const cursor = useRowCursor(visible, win, { tbody, scroller });
  const actions = useListActions(shell, data, cursor.focusWhenDrawn, toast);
  const onListKey = useListKeys({ visible, filtered, cursor, actions, searchBox, scroller, toast });

  // 审核全部 follows the list live: a table deleted, restored, added or moved is checked again.
  const auditShown = useRef(showAudit);
  auditShown.current = showAudit;
  useEffect(() => {
    if (auditShown.current) setAuditNonce((n) => n + 1);
  }, [rows]);

  const hasPrev = years.includes(year - 1);
  // A received unit-year, or any year of a unit that came from a package: nothing is authored here.
  const noAuthoring = Boolean(data.received) || data.receivedUnit;
  const closeDialog = () => setDialog(null);
  const openAudit = () => {
    setShowAudit(true);
    setAuditNonce((n) => n + 1);
  };

  const onlyBadge = (kind: Only, n: number, text: string, cls: string, title: string) =>
    n ? (
      <button type="button" className={`badge ${cls} badge-filter`} aria-pressed={data.only === kind} title={data.only === kind ? '显示全部' : title} onClick={() => data.toggleOnly(kind)}>
        {text}
      </button>
    ) : null;

  const budgetHead = uniform ? `预算数（${amountUnitLabel(uniform)}）` : '预算数';
  const totalText = uniform ? `${money(data.total, uniform.amount)} ${amountUnitLabel(uniform)}` : formatFen(data.total, '万元');

  return (
    <div className={`list-view${data.received ? ' read-only' : ''}`}>
      <div className="list-main">
        <div className="toolbar">
          <h2 className="tb-title">
            {unit!.code}
            {unit!.name}　{year} 年度项目支出绩效目标
          </h2>
          <div className="tb-spacer" />
          {noAuthoring ? null : (
            <button type="button" className="btn-primary" onClick={() => setDialog('new')}>
              ＋ 新建项目表
            </button>
          )}
          <button type="button" hidden={noAuthoring} onClick={() => setDialog('copy')} disabled={!years.some((y) => y !== year)} title={hasPrev ? `把 ${year - 1} 年度的项目表复制到 ${year} 年度，或只复制一张` : '从其他年度复制一张表'}>
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
            {checkLabel(!!data.received)}全部
          </button>
          <button type="button" onClick={() => setDialog('print')} disabled={!rows?.length}>
            打印预览
          </button>
          <button type="button" onClick={() => setDialog('export')} disabled={!rows?.length} title="生成全部项目表的文档（.docx），可打印、报送">
            导出文档
          </button>
          <button type="button" onClick={() => setDialog('yearly')} disabled={!rows?.length} title="年中绩效运行监控、年末绩效自评：生成、打印、导入执行数">
            运行监控和自评
          </button>
          {data.received ? (
            <button type="button" className="btn-primary" onClick={() => setDialog('review')} title="各表的等级、结论和意见；生成退回包、审核意见表">
              审核与退回
            </button>
          ) : null}
          <ExchangeMenu
            disabled={{ pack: !rows?.length, xlsx: !rows?.length }}
            hide={{ import: noAuthoring }}
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
        {data.received ? (
          <ReceivedNotice from={data.received} />
        ) : data.receivedUnit ? (
          <div className="notice notice-received" data-testid="received-unit">
            {unit!.code}
            {unit!.name} 的数据是从报送包接收的，属于报送单位：本机不新建、复制或导入它的表格。{year} 年度没有接收到该单位的报送包。
          </div>
        ) : (
          <SettingsBar shell={shell} view={settings} reload={reloadSettings} onChanged={() => void data.load()} />
        )}
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
          {rows && rows.length > 1 ? <ListSearch search={data.search} inputRef={searchBox} toFirstRow={visible?.length ? () => cursor.focusRow(visible[0]!.id) : null} /> : null}
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
                <th className="col-audit">{checkLabel(!!data.received)}</th>
                <th className="col-carried">结转</th>
                <th className="col-actions">{data.received ? null : '操作'}</th>
              </tr>
            </thead>
            <tbody ref={tbody}>{visible ? <ListRows rows={visible} filtered={filtered} uniform={!!uniform} {...win} onRow={actions.onRow} /> : null}</tbody>
          </table>
          {rows?.length && !visible?.length ? <div className="empty">没有符合条件的项目表。</div> : null}
          {rows && !rows.length && !noAuthoring ? (
            <div className="empty">
              {year} 年度还没有项目表。点击“新建项目表”开始填写{hasPrev ? `，或“复制上年”以 ${year - 1} 年度的表为基础` : ''}。
            </div>
          ) : null}
          {rows?.length && !data.received ? <div className="hint-line">键盘：↑↓ 选择（Home/End 到首尾），Enter 打开，Alt+↑↓ 调整顺序，Ctrl+D 复制，Delete 删除（可撤销）</div> : null}
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
            actions.open(f.location.projectId);
          }}
          onClose={() => setShowAudit(false)}
          received={!!data.received}
        />
      ) : null}
      {dialog === 'new' ? <NewProjectDialog shell={shell} onClose={closeDialog} /> : null}
      {dialog === 'copy' ? <CopyYearDialog api={api} unitCode={unitCode} year={year} years={years} onCopied={data.load} onClose={closeDialog} /> : null}
      {dialog === 'yearly' ? <YearlyBookDialog api={api} unitCode={unitCode} year={year} readOnly={Boolean(data.received)} onOpen={(id) => shell.go({ view: 'yearly', id })} onClose={closeDialog} /> : null}
      {dialog === 'print' ? <PrintPreview api={api} scope={{ kind: 'unitYear', unitCode, year }} unitCode={unitCode} year={year} onClose={closeDialog} /> : null}
      {dialog === 'pack' ? (
        <PackDialog
          api={api}
          unitCode={unitCode}
          year={year}
          onClose={closeDialog}
          onAudit={() => {
            setDialog(null);
            openAudit();
          }}
          onDept={() => shell.go({ view: 'dept' })}
        />
      ) : null}
      {dialog === 'return' ? <ReturnImportDialog api={api} onClose={closeDialog} onImported={() => void data.load()} /> : null}
      {dialog === 'review' ? <UnitReviewDialog api={api} unitCode={unitCode} year={year} onOpen={(id) => (isDeptReviewId(id) ? shell.go({ view: 'dept' }) : actions.open(id))} onClose={closeDialog} /> : null}
      {dialog === 'import' ? (
        <ImportFileDialog
          api={api}
          unitCode={unitCode}
          year={year}
          onClose={closeDialog}
          onStored={() => {
            // The dialog stays open: it shows what was stored and offers 撤销导入.
            void data.load();
            // A new unit or year from the import appears in the pickers at once.
            void shell.reloadUnits();
            shell.reloadYears?.();
          }}
          onGo={(to) => {
            closeDialog();
            shell.go({ unit: to.unitCode, year: to.year, view: to.id ? 'project' : 'list', id: to.id });
          }}
        />
      ) : null}
      {dialog === 'export' ? <ExportChosen api={api} scope={{ kind: 'unitYear', unitCode, year }} unitCode={unitCode} year={year} onClose={closeDialog} /> : null}
    </div>
  );
}
