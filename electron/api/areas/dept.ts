// dept.*: 部门整体绩效目标 of a unit-year.
import { ackDeptCarried, saveDeptTarget } from '../../services/dept-edit.ts';
import type { AreaHandlers, HandlerContext } from '../context.ts';

export function deptHandlers({ store }: HandlerContext): AreaHandlers<'dept'> {
  return {
    'dept.get': ({ unitCode, year }) => {
      const r = store.getDeptTargetRevised(unitCode, year);
      return r && { ...r.target, revision: r.revision };
    },
    'dept.save': ({ target, expectedRevision }) => saveDeptTarget(store, target, expectedRevision),
    'dept.ackCarried': ({ unitCode, year, paths }) => ackDeptCarried(store, unitCode, year, paths),
  };
}
