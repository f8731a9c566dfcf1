// Print preview and 导出 Word of the yearly forms: the print preview of the targets
// (公开稿 / 报送稿, 打印, the DOCX job with progress and 取消) over the yearly.* calls.
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import { PrintPreview } from '../print/PrintPreview.tsx';

type Scope = { kind: 'project'; id: string } | { kind: 'unitYear'; unitCode: string; year: number };
type Kind = 'monitoring' | 'self-evaluation' | 'both';

export function YearlyPrint({ api, scope, kind, unitCode, year, onClose }: { api: ApiClient; scope: Scope; kind: Kind; unitCode: string; year: number; onClose: () => void }): ReactNode {
  return (
    <PrintPreview
      api={api}
      scope={scope}
      unitCode={unitCode}
      year={year}
      onClose={onClose}
      source={{ html: (print) => api.call('yearly.print', { scope, kind, print }), docx: (print) => api.call('yearly.exportDocx', { scope, kind, print }) }}
    />
  );
}
