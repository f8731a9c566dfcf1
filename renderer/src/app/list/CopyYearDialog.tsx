// 复制上年: last year's tables copied into this year as a starting point, marked for checking;
// or one table of any other year of the unit (projects.copyTable). Tables of another 表样 or
// 指标体系 than this year's settings are converted as they are copied: the dialog says so first.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient, ApiResults, ProjectRow } from '../../../../shared/api/contract.ts';
import type { CopyConversion } from '../../../../shared/api/views.ts';
import { SYSTEM_SHORT_LABELS } from '../../../../shared/settings/unit-year.ts';
import { errorText } from '../../api/client.ts';
import { Modal } from '../../ui/dialog.tsx';
import { useToast } from '../../ui/toast.tsx';

interface Props {
  api: ApiClient;
  unitCode: string;
  year: number;
  /** Years of the unit that have tables. */
  years: number[];
  onCopied: () => Promise<void>;
  onClose: () => void;
}

export function CopyYearDialog({ api, unitCode, year, years, onCopied, onClose }: Props): ReactNode {
  const toast = useToast();
  const others = years.filter((y) => y !== year).sort((a, b) => b - a);
  const hasPrev = others.includes(year - 1);
  const [from, setFrom] = useState(others[0] ?? year - 1);
  const [rows, setRows] = useState<ProjectRow[] | null>(null);
  const [pick, setPick] = useState('');
  useEffect(() => {
    let live = true;
    setRows(null);
    api.call('projects.list', { unitCode, year: from }).then(
      (r) => live && (setRows(r.rows), setPick(r.rows[0]?.id ?? '')),
      () => live && setRows([]),
    );
    return () => {
      live = false;
    };
  }, [api, unitCode, from]);

  // What copying last year would convert to this year's 表样 / 指标体系 (nothing stored).
  const [plan, setPlan] = useState<ApiResults['projects.copyPreview'] | null>(null);
  useEffect(() => {
    if (!hasPrev) return;
    let live = true;
    api.call('projects.copyPreview', { unitCode, fromYear: year - 1, toYear: year }).then(
      (r) => live && setPlan(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, unitCode, year, hasPrev]);

  const run = async (what: () => Promise<string>) => {
    onClose();
    try {
      const text = await what();
      await onCopied();
      toast(text, { kind: 'ok', ms: 8000 });
    } catch (e) {
      toast(errorText(e), { kind: 'error', ms: 8000 });
    }
  };
  const copyAll = () =>
    run(async () => {
      const r = await api.call('projects.copyYear', { unitCode, fromYear: year - 1, toYear: year });
      return `已从 ${year - 1} 年度复制 ${r.copied} 张项目表${r.skipped ? `（${r.skipped} 张此前已复制，未重复）` : ''}。${convertedText(r.converted)}复制来的内容已标出，请逐项核对。`;
    });
  const copyOne = () =>
    run(async () => {
      const r = await api.call('projects.copyTable', { id: pick, toYear: year });
      return `已把 ${from} 年度的“${r.filing.name}”复制为本年度第 ${r.filing.seq} 张表。${convertedText(r.conversion ? [r.conversion] : [])}复制来的内容已标出，请逐项核对。`;
    });
  return (
    <Modal
      title="复制上年"
      onClose={onClose}
      confirm={{ label: `复制 ${year - 1} 年度全部`, autofocus: true, disabled: !hasPrev, onConfirm: () => void copyAll() }}
    >
      <p>
        把 {year - 1} 年度的项目表和部门整体绩效目标复制到 {year} 年度，作为今年填写的起点。复制来的每一项内容（包括上年的说明）都会标出（浅黄色），修改或点“确认本格”后标记消失；未确认的不能审核、报送。日期中的年份会改为新年度。已经复制过的表不会重复复制。
      </p>
      {plan?.tables.length ? (
        <div className="hint-text" data-testid="copy-convert">
          本年度按表样 {plan.to.templateId}、指标体系 {SYSTEM_SHORT_LABELS[plan.to.indicatorSystem]} 填报：上年 {plan.tables.length} 张表将转换后复制（{[...new Set(plan.tables.flatMap((t) => t.mapping))].join('；')}）。
          {plan.tables.some((t) => t.losses.length) ? (
            <ul className="report-lines">
              {plan.tables.flatMap((t) => t.losses.map((l, i) => <li key={`${t.sourceId}-${i}`}>不复制（本年度表样中没有位置）：{t.seq}.{t.name} {l.label}</li>))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {others.length ? (
        <fieldset className="copy-one">
          <legend>只复制一张表</legend>
          <label>
            年度
            <select aria-label="来源年度" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
              {others.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <label>
            项目表
            <select aria-label="来源项目表" value={pick} onChange={(e) => setPick(e.target.value)} disabled={!rows?.length}>
              {(rows ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.seq}. {r.name || '未命名项目'}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!pick} onClick={() => void copyOne()}>
            复制这张表
          </button>
        </fieldset>
      ) : null}
    </Modal>
  );
}

/** The result's words for the tables converted to this year's 表样 / 指标体系 ('' for none). */
function convertedText(list: readonly CopyConversion[]): string {
  if (!list.length) return '';
  const lost = list.reduce((n, c) => n + c.losses.length, 0);
  return `其中 ${list.length} 张已按本年度的表样和指标体系转换${lost ? `，${lost} 处内容在本年度表样中没有位置，未复制（见修改记录）` : ''}。`;
}
