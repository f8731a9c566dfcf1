// 报送与交换 of the unit-year, in the list's toolbar: 打包报送, 导出表格, 导入表格或 Word 文件.
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../../shared/api/contract.ts';
import { XLSX_TYPE, downloadBase64 } from '../../ui/download.ts';

type ExchangeChoice = 'pack' | 'xlsx' | 'import' | 'return';

/** 报送与交换: a small menu in the list's toolbar. */
export function ExchangeMenu({ onChoose, disabled, hide }: { onChoose: (what: ExchangeChoice) => void; disabled?: { pack?: boolean; xlsx?: boolean }; hide?: { import?: boolean } }): ReactNode {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    box.current?.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const item = (what: ExchangeChoice, label: string, hint: string, off?: boolean) => (
    <button
      type="button"
      role="menuitem"
      disabled={off}
      onClick={() => {
        setOpen(false);
        onChoose(what);
      }}
    >
      <span className="menu-label">{label}</span>
      <span className="menu-hint">{hint}</span>
    </button>
  );
  return (
    <div className="menu-wrap" ref={box}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        报送与交换 ▾
      </button>
      {open ? (
        <div className="menu" role="menu" aria-label="报送与交换">
          {item('pack', '打包报送', '生成报送包（.jxmb），存到 U 盘交主管部门或财政部门', disabled?.pack)}
          {item('xlsx', '导出表格', '全部项目表导出为 Excel 表格（.xlsx）', disabled?.xlsx)}
          {hide?.import ? null : item('import', '导入表格或 Word 文件', '从 .xlsx、.xls 或 .docx、.doc 读入项目表，先预览再导入')}
          {item('return', '导入审核意见', '主管部门或财政部门的退回包（.jxmb）：各表的结论和意见')}
        </div>
      ) : null}
    </div>
  );
}

/** 导出表格: one call, then the .xlsx downloads. */
export async function exportSpreadsheet(api: ApiClient, unitCode: string, year: number): Promise<string> {
  const r = await api.call('spreadsheet.export', { unitCode, year });
  downloadBase64(r.base64, r.fileName, XLSX_TYPE);
  return r.fileName;
}
