// Long work in the UI: a backend job started, polled (150 ms) to its end with progress and
// 取消, and 再次下载 for its file.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient, JobStatus } from '../../../shared/api/contract.ts';
import { errorText } from '../api/client.ts';
import { downloadBase64 } from './download.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface JobControl {
  job: JobStatus | null;
  error: string;
  running: boolean;
  /** Starts the job and polls it to its end; null when it could not start or the view went. */
  run(begin: () => Promise<{ jobId: string }>): Promise<JobStatus | null>;
  cancel(): Promise<void>;
  reset(): void;
}

/** One job at a time: start, poll (150 ms), cancel; a job still running when the view goes is cancelled. */
export function useJob(api: ApiClient): JobControl {
  const [job, setJob] = useState<JobStatus | null>(null);
  const [error, setError] = useState('');
  const [running, setRunning] = useState(false);
  const jobId = useRef<string | null>(null);
  const active = useRef(false);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      // Deferred: StrictMode's remount (same tick) keeps the job.
      setTimeout(() => {
        if (!live.current && active.current && jobId.current) void api.call('jobs.cancel', { jobId: jobId.current }).catch(() => undefined);
      }, 0);
    };
  }, [api]);

  const run = useCallback(
    async (begin: () => Promise<{ jobId: string }>) => {
      if (active.current) return null;
      active.current = true;
      jobId.current = null;
      setRunning(true);
      setError('');
      setJob(null);
      try {
        const r = await begin();
        jobId.current = r.jobId;
        for (;;) {
          const s = await api.call('jobs.get', { jobId: r.jobId });
          if (!live.current) return null;
          setJob(s);
          if (s.state !== 'running') return s;
          await sleep(150);
        }
      } catch (e) {
        if (live.current) setError(errorText(e));
        return null;
      } finally {
        active.current = false;
        if (live.current) setRunning(false);
      }
    },
    [api],
  );

  const cancel = useCallback(async () => {
    if (!active.current || !jobId.current) return;
    try {
      await api.call('jobs.cancel', { jobId: jobId.current });
    } catch (e) {
      setError(errorText(e));
    }
  }, [api]);

  const reset = useCallback(() => {
    setJob(null);
    setError('');
  }, []);

  return { job, error, running, run, cancel, reset };
}

export function JobProgress({ job, label }: { job: JobStatus | null; label: string }): ReactNode {
  const pct = job && job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  return (
    <div className="progress-box" data-testid="job-progress">
      <div>
        {label}…… {job && job.total > 0 ? `${job.done} / ${job.total}` : ''}
      </div>
      <progress max={100} value={pct} aria-label={`${label}进度`} />
    </div>
  );
}

/** 再次下载 for a finished job's file (the browser may have blocked or lost the first one). */
export function DownloadAgain({ job, type }: { job: JobStatus | null; type?: string }): ReactNode {
  if (job?.state !== 'done' || !job.base64 || !job.fileName) return null;
  const { base64, fileName } = job;
  return (
    <button type="button" onClick={() => downloadBase64(base64, fileName, type)}>
      再次下载
    </button>
  );
}
