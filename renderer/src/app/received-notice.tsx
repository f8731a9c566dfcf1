// Received data is read-only: who sent it and when (local time), over its list and each of its tables.
import type { ReactNode } from 'react';
import type { ReceivedFrom } from '../../../shared/api/contract.ts';
import { timeText } from '../ui/time.ts';

/** A received unit-year: read-only, with who sent it and when (local time). */
export function ReceivedNotice({ from }: { from: ReceivedFrom }): ReactNode {
  return (
    <div className="notice notice-received" data-testid="received-from">
      从报送包接收的数据，只读：{from.unitCode} {from.unitName}
      {from.submissionNo ? `第 ${from.submissionNo} 次报送` : '报送'}，{timeText(from.createdAt)} 打包，{timeText(from.receivedAt)} 接收（{from.fileName}）。
    </div>
  );
}
