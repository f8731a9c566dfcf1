// 复制上年: last year's tables copied into this year as a starting point, marked for checking;
// or one table of any other year of the unit (projects.copyTable).
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient, ProjectRow } from '../../../../shared/api/contract.ts';
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
      return `已从 ${year - 1} 年度复制 ${r.copied} 张项目表${r.skipped ? `（${r.skipped} 张此前已复制，未重复）` : ''}。复制来的内容已标出，请逐项核对。`;
    });
  const copyOne = () =>
    run(async () => {
      const r = await api.call('projects.copyTable', { id: pick, toYear: year });
      return `已把 ${from} 年度的“${r.filing.name}”复制为本年度第 ${r.filing.seq} 张表。复制来的内容已标出，请逐项核对。`;
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
