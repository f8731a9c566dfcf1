// A unit as the user saves it: the schema has checked its shape; here the 主管部门 is checked
// as a code and a name (never `450300-某某市医疗保障局` in one box), for every host.
import type { Unit } from '../../shared/model/filing.ts';
import { supervisorProblem } from '../../shared/model/supervisor.ts';
import type { FilingStore } from '../store/store.ts';
import { ServiceError } from './service-error.ts';

export function saveUnit(store: FilingStore, unit: Unit): Unit {
  const problem = supervisorProblem(unit.supervisor?.code ?? '', unit.supervisor?.name ?? '');
  if (problem) throw new ServiceError(problem, 'INVALID');
  return store.upsertUnit(unit);
}
