// A real store on a temp file, the handlers over it, and calls through dispatch (as the
// hosts make them).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FilingStore } from '../../electron/store/store.ts';
import { JobRunner } from '../../electron/jobs/job-runner.ts';
import { createHandlers } from '../../electron/api/handlers.ts';
import { dispatch } from '../../electron/api/dispatch.ts';
import { loadDemoData } from '../../electron/services/demo.ts';
import type { ApiArgs, ApiErrorBody, ApiName, ApiResults, Handlers } from '../../shared/api/contract.ts';

export interface TestApi {
  dir: string;
  store: FilingStore;
  handlers: Handlers;
  jobs: JobRunner;
  logged: Array<{ msg: string; err: unknown }>;
  /** The result, or throws the error body. */
  call<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResults[N]>;
  /** The error body of a call expected to fail. */
  fail(name: string, args: unknown): Promise<ApiErrorBody>;
  close(): Promise<void>;
}

export async function openTestApi(opts: { demo?: boolean } = {}): Promise<TestApi> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-api-'));
  const store = await FilingStore.open(path.join(dir, 'filings.sqlite'));
  if (opts.demo) loadDemoData(store);
  const logged: TestApi['logged'] = [];
  const log = (msg: string, err?: unknown) => logged.push({ msg, err });
  const jobs = new JobRunner({ log });
  const handlers = createHandlers({ store, mode: 'browser', dataPath: store.path, jobs, log });
  return {
    dir,
    store,
    handlers,
    jobs,
    logged,
    async call(name, args) {
      const r = await dispatch(handlers, name, args, { log });
      if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { body: r.error });
      return r.result as never;
    },
    async fail(name, args) {
      const r = await dispatch(handlers, name, args, { log });
      if (r.ok) throw new Error(`${name} should have failed`);
      return r.error;
    },
    async close() {
      await jobs.close();
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const HAN = /[\u4e00-\u9fff]/;
