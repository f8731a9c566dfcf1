// app.* and templates.*
import { APP_INFO } from '../../app-info.ts';
import { TEMPLATES, amountUnitLabel } from '../../../shared/templates/index.ts';
import type { AreaHandlers, HandlerContext } from '../context.ts';

export function appHandlers(ctx: HandlerContext): AreaHandlers<'app'> & AreaHandlers<'templates'> {
  return {
    'app.info': () => ({ name: APP_INFO.name, version: APP_INFO.version, dataPath: ctx.dataPath, mode: ctx.mode }),
    'templates.list': () =>
      TEMPLATES.map((t) => ({
        id: t.id,
        name: t.name,
        source: t.source,
        periods: [...t.periods],
        amountUnit: amountUnitLabel(t) as '元' | '万元',
      })),
  };
}
