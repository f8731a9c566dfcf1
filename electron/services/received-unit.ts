// A unit whose data came from a handover package (new here when received: received_units)
// belongs to its sender: this office reads and reviews it but authors nothing for it, in any
// year (新建, 复制, 复制上年, import, 部门整体绩效目标, a new year). A unit that was this
// office's own before a package came is not such a unit: only its received unit-years are
// read-only (the store's triggers), its other years stay its own.
import type { FilingStore } from '../store/store.ts';
import { ServiceError } from './service-error.ts';

/** Why tables cannot be authored for `unitCode` here (`what`: the action; `then`: what the user can do), or null. */
export function receivedUnitRefusal(store: FilingStore, unitCode: string, what: string, then = '需要修改时请退回该单位'): string | null {
  if (!store.received.isReceivedUnit(unitCode)) return null;
  const name = store.getUnit(unitCode)?.name ?? '';
  return `单位 ${unitCode}${name} 的数据是从报送包接收的，属于报送单位（由该单位填报后报送），本机不能为它${what}（任何年度）；${then}`;
}

/** Why a file's tables cannot go into this unit-year: received (read-only), or of a received unit. */
export function importTargetRefusal(store: FilingStore, unitCode: string, year: number): string | null {
  if (store.received.isReceivedUnitYear(unitCode, year)) return `单位 ${unitCode} ${year} 年度的数据是从报送包接收的，只读，不能导入表格；请导入到本单位自己的年度，或跳过这些表格`;
  return receivedUnitRefusal(store, unitCode, '导入表格', '请跳过这些表格');
}

export function refuseReceivedUnit(store: FilingStore, unitCode: string, what: string): void {
  const why = receivedUnitRefusal(store, unitCode, what);
  if (why) throw new ServiceError(why, 'READ_ONLY');
}
