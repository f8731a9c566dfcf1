// Print preview: the HTML print view of the backend in a sandboxed frame (no scripts run
// in it); 公开稿 or 报送稿 chosen above it (a unit-year setting); 打印 prints that
// frame, 导出 Word exports the same copy.
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import { errorText } from '../api/client.ts';
import { Modal } from '../ui/dialog.tsx';
import { ExportDialog } from './ExportDialog.tsx';
import { PrintChoiceBar, usePrintChoice, type PrintScope } from './print-choice.tsx';

interface Props {
  api: ApiClient;
  scope: PrintScope;
  /** The unit-year the choice of copy is remembered for. */
  unitCode: string;
  year: number;
  onClose: () => void;
}

export function PrintPreview({ api, scope, unitCode, year, onClose }: Props): ReactNode {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [print, choose] = usePrintChoice(api, unitCode, year);
  const [exporting, setExporting] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const key = JSON.stringify([scope, print]);

  useEffect(() => {
    let live = true;
    setHtml(null);
    setError('');
    if (!print) return;
    const p = scope.kind === 'project' ? api.call('print.project', { id: scope.id, print }) : api.call('print.unitYear', { unitCode: scope.unitCode, year: scope.year, print });
    p.then(
      (r) => live && setHtml(r.html),
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  // The export dialog takes the preview's place while it runs; closing it comes back here.
  if (exporting && print) return <ExportDialog api={api} scope={scope} print={print} onClose={() => setExporting(false)} />;
  return (
    <Modal
      title="打印预览"
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            关闭
          </button>
          <button type="button" disabled={!html} onClick={() => setExporting(true)}>
            导出 Word
          </button>
          <button type="button" className="btn-primary" disabled={!html} onClick={() => frame.current?.contentWindow?.print()}>
            打印
          </button>
        </>
      }
    >
      {print ? <PrintChoiceBar value={print} onChange={choose} book={scope.kind === 'unitYear'} /> : null}
      {error ? <div className="form-error">{error}</div> : null}
      {!html && !error ? <div className="audit-empty">正在生成打印视图……</div> : null}
      {html ? <iframe ref={frame} className="print-frame" title="打印预览" sandbox="allow-same-origin allow-modals" srcDoc={html} /> : null}
    </Modal>
  );
}
