// units.* and years.*
import type { AreaHandlers, HandlerContext } from '../context.ts';
import { saveUnit } from '../../services/units.ts';
import { startUnitYear, yearsOfUnit } from '../../services/unit-year-settings.ts';

export function unitHandlers({ store }: HandlerContext): AreaHandlers<'units'> & AreaHandlers<'years'> {
  return {
    'units.list': () => store.listUnits(),
    'units.save': ({ unit }) => saveUnit(store, unit),
    'units.removeSamples': ({ confirmOwnWork }) => {
      const r = store.removeSampleData(confirmOwnWork === true);
      return { units: r.units, projects: r.projects, removed: r.removed, ownWork: r.ownWork };
    },
    'years.list': ({ unitCode }) => yearsOfUnit(store, unitCode),
    'years.start': ({ unitCode, year }) => startUnitYear(store, unitCode, year),
  };
}
