// The error of a filing rule or a missing record, raised by the service layer for every host.
import { UserError } from '../../shared/errors.ts';
import type { Unit } from '../../shared/model/filing.ts';
import type { FilingStore, StoredProject } from '../store/store.ts';

export class ServiceError extends UserError {
  override name = 'ServiceError';
  constructor(message: string, code = 'SERVICE') {
    super(message, code);
  }
}

export function requireUnit(store: FilingStore, code: string): Unit {
  const unit = store.getUnit(code);
  if (!unit) throw new ServiceError(`单位 ${code} 不存在`, 'NOT_FOUND');
  return unit;
}

export function requireRecord(store: FilingStore, id: string): StoredProject {
  const rec = store.getProjectRecord(id);
  if (!rec) throw new ServiceError('该项目表不存在（可能已被删除），请刷新列表', 'NOT_FOUND');
  return rec;
}
