// Long work (the DOCX of a whole book) runs as a job: started at once, polled for progress
// (done/total), cancelled through an AbortSignal. Finished results stay in memory for a
// while (default 10 min) so the renderer can fetch the file, then are dropped.
import { randomBytes } from 'node:crypto';
import { ApiError, type JobStatus } from '../../shared/api/contract.ts';
import { errorMessage } from '../api/errors.ts';

export interface JobContext {
  signal: AbortSignal;
  /** Reports progress; throws the abort reason if the job was cancelled meanwhile. */
  progress(done: number, total: number): void;
}

/** What a job produces: a file named for the user, and/or a report in Chinese lines. */
export interface JobOutput {
  fileName?: string;
  data?: Uint8Array;
  report?: string[];
}

export type JobWork = (ctx: JobContext) => Promise<JobOutput | void>;

export interface JobRunnerOptions {
  /** How long a finished job is kept (ms, default 10 min). */
  ttlMs?: number;
  /** Jobs running at once; more are refused (default 4). */
  maxRunning?: number;
  now?: () => number;
  log?: (msg: string, err?: unknown) => void;
}

interface Job {
  id: string;
  label: string;
  state: JobStatus['state'];
  done: number;
  total: number;
  message?: string;
  output?: JobOutput;
  controller: AbortController;
  finishedAt?: number;
  promise: Promise<void>;
}

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private readonly ttlMs: number;
  private readonly maxRunning: number;
  private readonly now: () => number;
  private readonly log: (msg: string, err?: unknown) => void;
  private closed = false;

  constructor(opts: JobRunnerOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 10 * 60_000;
    this.maxRunning = opts.maxRunning ?? 4;
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? ((msg, err) => console.error(msg, err));
  }

  /** Starts `work` on the next turn of the event loop and returns the job's id at once. */
  start(label: string, work: JobWork): string {
    if (this.closed) throw new ApiError('CLOSED', '程序正在退出，不能再开始新的任务');
    this.sweep();
    const running = [...this.jobs.values()].filter((j) => j.state === 'running').length;
    if (running >= this.maxRunning) throw new ApiError('BUSY', `已有 ${running} 个任务正在进行，请等其完成后再试`);
    const id = randomBytes(12).toString('base64url');
    const controller = new AbortController();
    const job: Job = { id, label, state: 'running', done: 0, total: 0, controller, promise: Promise.resolve() };
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (done, total) => {
        controller.signal.throwIfAborted();
        job.done = Math.max(0, Math.floor(done));
        job.total = Math.max(job.done, Math.floor(total));
      },
    };
    job.promise = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        controller.signal.throwIfAborted();
        return work(ctx);
      })
      .then(
        (out) => {
          if (controller.signal.aborted) return this.finish(job, 'cancelled', '已取消');
          if (out) job.output = out;
          if (job.total === 0) job.total = job.done = 1;
          else job.done = job.total;
          this.finish(job, 'done');
        },
        (err: unknown) => {
          if (controller.signal.aborted) return this.finish(job, 'cancelled', '已取消');
          const { message, internal } = errorMessage(err);
          if (internal) this.log(`任务“${label}”失败`, err);
          this.finish(job, 'failed', message);
        },
      );
    this.jobs.set(id, job);
    return id;
  }

  private finish(job: Job, state: JobStatus['state'], message?: string): void {
    job.state = state;
    if (message !== undefined) job.message = message;
    job.finishedAt = this.now();
  }

  private sweep(): void {
    const limit = this.now() - this.ttlMs;
    for (const [id, j] of this.jobs) if (j.finishedAt !== undefined && j.finishedAt < limit) this.jobs.delete(id);
  }

  private find(jobId: string): Job {
    this.sweep();
    const j = this.jobs.get(jobId);
    if (!j) throw new ApiError('NOT_FOUND', '任务不存在或已过期（完成的任务保留 10 分钟），请重新开始');
    return j;
  }

  private status(j: Job): JobStatus {
    const s: JobStatus = { jobId: j.id, state: j.state, done: j.done, total: j.total };
    if (j.message !== undefined) s.message = j.message;
    if (j.state === 'done' && j.output) {
      const { fileName, data, report } = j.output;
      if (fileName !== undefined) s.fileName = fileName;
      if (data) s.base64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
      if (report) s.report = report;
    }
    return s;
  }

  get(jobId: string): JobStatus {
    return this.status(this.find(jobId));
  }

  /** Cancels a running job (a finished one is returned as it is). */
  cancel(jobId: string): JobStatus {
    const j = this.find(jobId);
    if (j.state === 'running') {
      j.controller.abort(new ApiError('CANCELLED', '已取消'));
      this.finish(j, 'cancelled', '已取消');
    }
    return this.status(j);
  }

  /** Resolves when the job has finished (tests and hosts). */
  async wait(jobId: string): Promise<JobStatus> {
    const j = this.find(jobId);
    await j.promise;
    return this.status(j);
  }

  /** Cancels everything running and waits for it to stop; no new jobs after this. */
  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.jobs.values()].filter((j) => j.state === 'running');
    for (const j of running) j.controller.abort(new ApiError('CANCELLED', '已取消'));
    await Promise.all(running.map((j) => j.promise));
  }
}
