import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { safeFileName } from '../../electron/api/areas/output.ts';
import { openTestApi, type TestApi } from './helpers.ts';

let api: TestApi;
beforeEach(async () => {
  api = await openTestApi({ demo: true });
});
afterEach(async () => api.close());

describe('print', () => {
  it('print.project gives the HTML print view of one table', async () => {
    const { html } = await api.call('print.project', { id: 'seed002-01' });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('办公楼维修（护）费');
    expect(html).toContain('13020025P00682510503U');
  });

  it('print.unitYear gives the whole book, every table in order', async () => {
    const { html } = await api.call('print.unitYear', { unitCode: '619001', year: 2025 });
    const rows = (await api.call('projects.list', { unitCode: '619001', year: 2025 })).rows;
    let at = 0;
    for (const r of rows) {
      const i = html.indexOf(r.name.replace(/&/g, '&amp;'), at);
      expect(i, r.name).toBeGreaterThan(-1);
      at = i;
    }
    expect(html).toContain('部门整体绩效目标');
  });

  it('refuses an empty book or an unknown table in Chinese', async () => {
    const e = await api.fail('print.unitYear', { unitCode: '619001', year: 2030 });
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('还没有项目表');
    expect((await api.fail('print.project', { id: 'nope' })).code).toBe('NOT_FOUND');
  });
});

describe('export.docx', () => {
  it('runs as a job with progress and hands back the file', async () => {
    const { jobId } = await api.call('export.docx', { scope: { kind: 'unitYear', unitCode: '619001', year: 2025 } });
    const first = await api.call('jobs.get', { jobId });
    expect(['running', 'done']).toContain(first.state);
    const s = await api.jobs.wait(jobId);
    expect(s).toMatchObject({ state: 'done', fileName: '619001唐山市医疗保障局本级2025年项目支出绩效目标表.docx' });
    expect(s.total).toBeGreaterThanOrEqual(18);
    expect(s.done).toBe(s.total);
    const zip = unzipSync(Buffer.from(s.base64!, 'base64'));
    const xml = strFromU8(zip['word/document.xml']!);
    expect(xml).toContain('办公楼维修（护）费');
    expect(await api.call('jobs.get', { jobId })).toEqual(s); // kept for the client
  });

  it('exports one table', async () => {
    const { jobId } = await api.call('export.docx', { scope: { kind: 'project', id: 'seed002-01' } });
    const s = await api.jobs.wait(jobId);
    expect(s.state).toBe('done');
    expect(s.fileName).toBe('1.办公楼维修（护）费绩效目标表.docx');
  });

  it('can be cancelled, and leaves no file behind', async () => {
    const { jobId } = await api.call('export.docx', { scope: { kind: 'unitYear', unitCode: '619001', year: 2025 } });
    const c = await api.call('jobs.cancel', { jobId });
    expect(c.state).toBe('cancelled');
    const s = await api.jobs.wait(jobId);
    expect(s.state).toBe('cancelled');
    expect(s.base64).toBeUndefined();
  });

  it('refuses at once what cannot be exported', async () => {
    expect((await api.fail('export.docx', { scope: { kind: 'unitYear', unitCode: '619001', year: 2030 } })).code).toBe('NOT_FOUND');
    expect((await api.fail('export.docx', { scope: { kind: 'project', id: 'nope' } })).code).toBe('NOT_FOUND');
    expect((await api.fail('export.docx', { scope: { kind: 'book' } })).code).toBe('INVALID_ARGS');
    expect((await api.fail('jobs.get', { jobId: 'nope' })).code).toBe('NOT_FOUND');
  });

  it('names files safely', () => {
    expect(safeFileName('a/b:c*?"<>|', '.docx')).toBe('a_b_c______.docx');
    expect(safeFileName(' .. ', '.docx')).toBe('绩效目标表.docx');
  });
});
