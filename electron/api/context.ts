// What every handler area gets, and the helpers they share. The filing rules themselves
// live in electron/services/ (every host calls them); the areas adapt arguments to them.
import { type ApiName, type Handlers, type SavedProject } from '../../shared/api/contract.ts';
import type { FilingStore } from '../store/store.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { requireRecord } from '../services/service-error.ts';

export { requireRecord };

export interface HandlerContext {
  store: FilingStore;
  mode: 'electron' | 'browser';
  /** The database file (shown in 关于 / settings). */
  dataPath: string;
  jobs: JobRunner;
  /** Internal errors and notable events (default: console.error). */
  log?: (msg: string, err?: unknown) => void;
}

/** The handlers of one area: every call named `<area>.…`. */
export type AreaHandlers<A extends string> = { [N in Extract<ApiName, `${A}.${string}`>]: Handlers[N] };

export function saved(store: FilingStore, id: string): SavedProject {
  const rec = requireRecord(store, id);
  return { filing: rec.filing, revision: rec.revision, ...(store.received.isReceivedProject(id) ? { readOnly: true } : {}) };
}
