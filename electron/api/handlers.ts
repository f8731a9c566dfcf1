// The API implementation: one handler map per area, joined into the typed Handlers of the
// contract (a missing or misnamed call is a compile error). Hosts call them through
// dispatch(), which validates the arguments first.
import type { Handlers } from '../../shared/api/contract.ts';
import type { HandlerContext } from './context.ts';
import { appHandlers } from './areas/app.ts';
import { unitHandlers } from './areas/units.ts';
import { projectHandlers } from './areas/projects.ts';
import { deptHandlers } from './areas/dept.ts';
import { auditHandlers } from './areas/audit.ts';
import { libraryHandlers } from './areas/library.ts';
import { outputHandlers } from './areas/output.ts';
import { handoverHandlers } from './areas/handover.ts';
import { settingsHandlers } from './areas/settings.ts';
import { reviewHandlers } from './areas/review.ts';
import { yearlyHandlers } from './areas/yearly.ts';

export type { HandlerContext } from './context.ts';

export function createHandlers(ctx: HandlerContext): Handlers {
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...unitHandlers(ctx),
    ...projectHandlers(ctx),
    ...deptHandlers(ctx),
    ...auditHandlers(ctx),
    ...libraryHandlers(ctx),
    ...outputHandlers(ctx),
    ...handoverHandlers(ctx),
    ...settingsHandlers(ctx),
    ...reviewHandlers(ctx),
    ...yearlyHandlers(ctx),
  };
  return handlers;
}
