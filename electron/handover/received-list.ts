// The received history as the UI lists it: every received package with its state, and the
// times it became the current version of its unit-year (from the audit log: on import, or
// chosen by the receiver with 设为当前版本).
import type { ReceivedRow } from '../../shared/api/contract.ts';
import type { FilingStore } from '../store/store.ts';

export function receivedRows(store: FilingStore, filter: { year?: number }): ReceivedRow[] {
  const rows = store.received.list(filter);
  const events = new Map<number, ReceivedRow['madeCurrent']>();
  for (const key of new Set(rows.map((r) => `${r.unitCode}/${r.year}`))) {
    for (const e of store.auditLog(key)) {
      if (e.action !== 'received-current') continue;
      const v = e.newValue as { packageId?: unknown; how?: unknown } | null;
      if (typeof v?.packageId !== 'number') continue;
      const list = events.get(v.packageId) ?? [];
      list.push({ at: e.at, how: v.how === 'chosen' ? 'chosen' : 'import' });
      events.set(v.packageId, list);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    unitCode: r.unitCode,
    unitName: store.getUnit(r.unitCode)?.name ?? '',
    year: r.year,
    createdAt: r.createdAt,
    receivedAt: r.receivedAt,
    fileName: r.fileName,
    state: r.state,
    submissionNo: r.submissionNo,
    madeCurrent: events.get(r.id) ?? [],
  }));
}
