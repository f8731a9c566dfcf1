// dept.*: 部门整体绩效目标 of a unit-year.
import type { AreaHandlers, HandlerContext } from '../context.ts';

export function deptHandlers({ store }: HandlerContext): AreaHandlers<'dept'> {
  return {
    'dept.get': ({ unitCode, year }) => store.getDeptTarget(unitCode, year),
    'dept.save': ({ target }) => store.putDeptTarget(target),
  };
}
