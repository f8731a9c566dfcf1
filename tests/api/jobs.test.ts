import { describe, expect, it } from 'vitest';
import { JobRunner } from '../../electron/jobs/job-runner.ts';
import { ServiceError } from '../../electron/services/filing-service.ts';
import { INTERNAL_MESSAGE } from '../../electron/api/errors.ts';
import { ApiError } from '../../shared/api/contract.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('JobRunner', () => {
  it('runs work with progress and keeps the file for the client', async () => {
    const jobs = new JobRunner();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const id = jobs.start('测试', async ({ progress }) => {
      progress(1, 3);
      await gate;
      progress(2, 3);
      return { fileName: '测试.docx', data: new TextEncoder().encode('hello') };
    });
    expect(jobs.get(id)).toMatchObject({ jobId: id, state: 'running' });
    await tick();
    expect(jobs.get(id)).toMatchObject({ state: 'running', done: 1, total: 3 });
    release();
    const s = await jobs.wait(id);
    expect(s).toEqual({ jobId: id, state: 'done', done: 3, total: 3, fileName: '测试.docx', base64: Buffer.from('hello').toString('base64') });
    await jobs.close();
  });

  it('cancels through the AbortSignal', async () => {
    const jobs = new JobRunner();
    let seen: AbortSignal | undefined;
    const id = jobs.start('慢任务', async ({ signal, progress }) => {
      seen = signal;
      for (let i = 0; i < 1000; i++) {
        progress(i, 1000);
        await tick();
      }
      return { fileName: 'x', data: new Uint8Array() };
    });
    await tick();
    const c = jobs.cancel(id);
    expect(c).toMatchObject({ state: 'cancelled', message: '已取消' });
    expect(seen?.aborted).toBe(true);
    const s = await jobs.wait(id);
    expect(s.state).toBe('cancelled');
    expect(s.base64).toBeUndefined();
    expect(jobs.cancel(id).state).toBe('cancelled'); // idempotent
    await jobs.close();
  });

  it('reports failures in Chinese; internal ones generically, and logs them', async () => {
    const logged: unknown[] = [];
    const jobs = new JobRunner({ log: (_m, e) => logged.push(e) });
    const a = jobs.start('a', async () => {
      throw new ServiceError('所选单位没有项目表', 'NOT_FOUND');
    });
    const b = jobs.start('b', async () => {
      throw new RangeError('index 7 out of range in /src/x.ts');
    });
    expect(await jobs.wait(a)).toMatchObject({ state: 'failed', message: '所选单位没有项目表' });
    expect(await jobs.wait(b)).toMatchObject({ state: 'failed', message: INTERNAL_MESSAGE });
    expect(logged).toHaveLength(1);
    await jobs.close();
  });

  it('drops finished jobs after their time; unknown ids are NOT_FOUND', async () => {
    let now = 0;
    const jobs = new JobRunner({ ttlMs: 1000, now: () => now });
    const id = jobs.start('t', async () => undefined);
    expect((await jobs.wait(id)).state).toBe('done');
    now = 999;
    expect(jobs.get(id).state).toBe('done');
    now = 2001;
    expect(() => jobs.get(id)).toThrow(ApiError);
    try {
      jobs.get('nope');
    } catch (e) {
      expect(e).toMatchObject({ code: 'NOT_FOUND' });
      expect((e as Error).message).toContain('任务不存在');
    }
    await jobs.close();
  });

  it('limits the jobs running at once and refuses new ones after close', async () => {
    const jobs = new JobRunner({ maxRunning: 1 });
    const id = jobs.start('a', ({ signal }) => new Promise((_, rej) => signal.addEventListener('abort', () => rej(signal.reason))));
    expect(() => jobs.start('b', async () => undefined)).toThrow(/已有 1 个任务/);
    await jobs.close();
    expect(jobs.get(id).state).toBe('cancelled');
    expect(() => jobs.start('c', async () => undefined)).toThrow(/正在退出/);
  });
});
