// dept.*: 部门整体绩效目标 of a unit-year.
import { ackDeptCarried, saveDeptTarget } from '../../services/dept-edit.ts';
import type { AreaHandlers, HandlerContext } from '../context.ts';

export function deptHandlers({ store }: HandlerContext): AreaHandlers<'dept'> {
  return {
    'dept.get': ({ unitCode, year }) => store.getDeptTarget(unitCode, year),
    'dept.save': ({ target }) => saveDeptTarget(store, target),
    'dept.ackCarried': ({ unitCode, year, paths }) => ackDeptCarried(store, unitCode, year, paths),
  };
}
