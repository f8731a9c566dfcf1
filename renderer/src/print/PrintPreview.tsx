// Print preview: the HTML print view of the backend in a sandboxed frame (no scripts run
// in it); 打印 prints that frame.
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import { errorText } from '../api/client.ts';
import { Modal } from '../ui/dialog.tsx';

export type PrintScope = { kind: 'project'; id: string } | { kind: 'unitYear'; unitCode: string; year: number };

export function PrintPreview({ api, scope, onClose }: { api: ApiClient; scope: PrintScope; onClose: () => void }): ReactNode {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState('');
  const frame = useRef<HTMLIFrameElement>(null);
  const key = JSON.stringify(scope);

  useEffect(() => {
    let live = true;
    const p = scope.kind === 'project' ? api.call('print.project', { id: scope.id }) : api.call('print.unitYear', { unitCode: scope.unitCode, year: scope.year });
    p.then(
      (r) => live && setHtml(r.html),
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

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
          <button type="button" className="btn-primary" disabled={!html} onClick={() => frame.current?.contentWindow?.print()}>
            打印
          </button>
        </>
      }
    >
      {error ? <div className="form-error">{error}</div> : null}
      {!html && !error ? <div className="audit-empty">正在生成打印视图……</div> : null}
      {html ? <iframe ref={frame} className="print-frame" title="打印预览" sandbox="allow-same-origin allow-modals" srcDoc={html} /> : null}
    </Modal>
  );
}
