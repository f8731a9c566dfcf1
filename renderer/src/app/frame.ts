// What the app frame hands every view of a unit-year (list, table, 部门整体绩效目标): the
// API, the templates and units, where the user is, and how to go elsewhere. Its own module
// so that the views need not import App (which imports them).
import type { ApiClient, TemplateSummary } from '../../../shared/api/contract.ts';
import type { Unit } from '../../../shared/model/filing.ts';
import type { Route } from './route.ts';

export interface Shell {
  api: ApiClient;
  templates: TemplateSummary[];
  units: Unit[];
  unit: Unit | null;
  year: number;
  go(r: Partial<Route>): void;
  reloadUnits(): Promise<void>;
  /** Reads the unit's years again (after an import into a year not listed yet). */
  reloadYears?(): void;
}
