// One project's yearly forms while open: the last answer of the backend (the database is the
// only copy) and the saves, one at a time, each with the revision of the answer before it.
// A CONFLICT (saved elsewhere meanwhile) reloads the view.
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { YearlyRowView, YearlyView } from '../../../shared/yearly/view.ts';
import type { MonitoringForm } from '../../../shared/yearly/form-types.ts';
import { monthLabel } from '../../../shared/yearly/monitoring-form.ts';
import type { MonitoringFiling, SelfEvaluationFiling } from '../../../shared/yearly/model.ts';
import { errorCode, errorText } from '../api/client.ts';

export type Kind = 'monitoring' | 'self-evaluation';
type FormOf<K extends Kind> = K extends 'monitoring' ? MonitoringFiling : SelfEvaluationFiling;

export class YearlyEditor {
  private chain: Promise<unknown> = Promise.resolve();
  private listeners = new Set<() => void>();
  saving = 0;
  message = '';

  constructor(
    private readonly api: ApiClient,
    public view: YearlyView,
    private readonly onError: (text: string) => void,
  ) {}

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(v: YearlyView): void {
    this.view = v;
    this.listeners.forEach((f) => f());
  }

  private queue(label: string, call: () => Promise<YearlyView>): Promise<boolean> {
    this.saving++;
    this.listeners.forEach((f) => f());
    const run = this.chain.then(async () => {
      try {
        this.message = '';
        this.set(await call());
        return true;
      } catch (e) {
        this.message = `${label}未保存：${errorText(e)}`;
        this.onError(this.message);
        if (errorCode(e) === 'CONFLICT') this.set(await this.api.call('yearly.get', { projectId: this.view.projectId }));
        return false;
      } finally {
        this.saving--;
        this.listeners.forEach((f) => f());
      }
    });
    this.chain = run;
    return run;
  }

  /** Changes one form: `change` gets the form as last saved (with the edits queued before it applied). */
  edit<K extends Kind>(kind: K, change: (f: FormOf<K>) => FormOf<K>): Promise<boolean> {
    return this.queue('修改', async () => {
      const st = kind === 'monitoring' ? this.view.monitoring : this.view.selfEvaluation;
      if (!st) throw new Error('表还没有生成');
      const form = change(structuredClone(st.form) as FormOf<K>);
      return this.api.call('yearly.save', { form, expectedRevision: st.revision });
    });
  }

  remote(label: string, call: (v: YearlyView) => Promise<YearlyView>): Promise<boolean> {
    return this.queue(label, () => call(this.view));
  }

  flush(): Promise<unknown> {
    return this.chain;
  }
}

/** Words of the monitoring's 执行数 for the import choice: the cut-off month of the unit-year's
 *  forms (several: each named), or of the form new ones get. */
export function monitoringExecutedWords(rows: readonly Pick<YearlyRowView, 'monitoringExecuted'>[], form: MonitoringForm): string {
  const labels = [...new Set(rows.flatMap((r) => (r.monitoringExecuted ? [r.monitoringExecuted.label] : [])))];
  return labels.length ? labels.join('、') : monthLabel(form.fundColumns, 'executed', form.cutOffMonth);
}

/** 执行数 in the year itself are the 1—N月 of the monitoring; after it, the 全年执行数 of the self-evaluation. */
export function defaultExecutionTarget(year: number, now: Date): Kind {
  return now.getFullYear() > year ? 'self-evaluation' : 'monitoring';
}
