// @vitest-environment happy-dom
// The list of project tables drawn by React in happy-dom over a small in-memory backend:
// memo(Row) holds (a re-render of the list that changes no row draws no row again, counted
// by the template look-ups a Row makes when drawn), a row whose data changed is drawn again,
// the keys move the cursor, and the key targets of the cursor.
import { createElement } from 'react';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ApiClient, ProjectRow } from '../../shared/api/contract.ts';
import * as templates from '../../shared/templates/index.ts';
import type { Shell } from '../../renderer/src/app/frame.ts';
import { ProjectList } from '../../renderer/src/app/list/ProjectList.tsx';
import { keyTarget } from '../../renderer/src/app/list/useListKeys.ts';
import { ToastProvider } from '../../renderer/src/ui/toast.tsx';
import { settle, useDomRoot } from './dom-root.ts';

vi.mock('../../shared/templates/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof templates>();
  return { ...real, getTemplate: vi.fn(real.getTemplate) };
});
const getTemplate = vi.mocked(templates.getTemplate);


const UNIT = { code: '500001', name: '测试单位', supervisor: { code: '900', name: '测试主管部门' }, region: '', sample: false };
const COUNT = 20;

function makeRows(): ProjectRow[] {
  return Array.from({ length: COUNT }, (_, i) => ({
    id: `p-${i + 1}`,
    seq: i + 1,
    name: `第${i + 1}号项目`,
    templateId: 'B',
    status: 'draft' as const,
    budget: (i + 1) * 100_000,
    indicatorCount: 3,
    errors: 0,
    warnings: 0,
    openWarnings: 0,
    carriedOver: 0,
    revision: 1,
    updatedAt: '2025-01-01T00:00:00.000Z',
  }));
}

/** The calls the list makes, on an array kept in memory (the real order rules: ids in a new order). */
function fakeApi(rows: ProjectRow[]): ApiClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async call(name, args) {
      calls.push(name);
      if (name === 'projects.list') return { rows: rows.map((r) => ({ ...r })), totalBudget: rows.reduce((s, r) => s + (r.budget ?? 0), 0) } as never;
      if (name === 'projects.reorder') {
        const ids = (args as { ids: string[] }).ids;
        const byId = new Map(rows.map((r) => [r.id, r]));
        rows.splice(0, rows.length, ...ids.map((id, i) => ({ ...byId.get(id)!, seq: i + 1 })));
        return { ok: true } as never;
      }
      throw new Error(`unexpected call ${name}`);
    },
  };
}

const dom = useDomRoot();

async function renderList(api: ApiClient): Promise<void> {
  const shell: Shell = {
    api,
    templates: [{ id: 'B', name: 'B', source: '', periods: ['annual'], amountUnit: '万元' }],
    units: [UNIT],
    unit: UNIT,
    year: 2025,
    go: () => undefined,
    reloadUnits: async () => undefined,
  };
  await act(async () => dom.root.render(createElement(ToastProvider, null, createElement(ProjectList, { shell, years: [2025] }))));
  await settle();
}

const drawn = () => Array.from(dom.host.querySelectorAll<HTMLTableRowElement>('.list-table tbody tr[data-id]'));
const button = (text: string) => Array.from(dom.host.querySelectorAll('button')).find((b) => b.textContent?.includes(text))!;

describe('list of project tables', () => {
  it('draws no row again when the list re-renders without a change to any row (memo(Row) with one stable handler)', async () => {
    await renderList(fakeApi(makeRows()));
    expect(drawn()).toHaveLength(COUNT);
    getTemplate.mockClear();
    // Opening a dialog re-renders the list; no row's props change.
    await act(async () => button('新建项目表').click());
    expect(dom.host.querySelector('[role="dialog"]')?.getAttribute('aria-label')).toBe('新建项目表');
    expect(getTemplate).not.toHaveBeenCalled();
    // Closing it re-renders the list again.
    await act(async () => button('取消').click());
    expect(getTemplate).not.toHaveBeenCalled();
  });

  it('draws again the rows whose data changed: a move by the ↓ button reorders and renumbers', async () => {
    const rows = makeRows();
    const api = fakeApi(rows);
    await renderList(api);
    getTemplate.mockClear();
    await act(async () => drawn()[0]!.querySelector<HTMLButtonElement>('button[aria-label="下移"]')!.click());
    await settle();
    expect(api.calls).toContain('projects.reorder');
    expect(rows.slice(0, 2).map((r) => r.id)).toEqual(['p-2', 'p-1']);
    expect(drawn().slice(0, 3).map((tr) => tr.querySelector('.col-name')!.textContent)).toEqual(['第2号项目', '第1号项目', '第3号项目']);
    expect(drawn().slice(0, 3).map((tr) => tr.querySelector('.col-seq')!.textContent)).toEqual(['1', '2', '3']);
    // Every row came back from the reload as new data, so each was drawn again (2 look-ups a row).
    expect(getTemplate.mock.calls.length).toBeGreaterThanOrEqual(COUNT * 2);
  });

  it('moves the cursor with the keys: ↓ to the next row, End to the last, ↑ from the first row to 查找', async () => {
    await renderList(fakeApi(makeRows()));
    const key = async (el: Element, k: string) => act(async () => void el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true })));
    drawn()[0]!.focus();
    await key(drawn()[0]!, 'ArrowDown');
    expect(document.activeElement?.getAttribute('data-id')).toBe('p-2');
    await key(document.activeElement!, 'End');
    expect(document.activeElement?.getAttribute('data-id')).toBe(`p-${COUNT}`);
    await key(document.activeElement!, 'Home');
    await key(document.activeElement!, 'ArrowUp');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('查找项目');
  });
});

describe('key targets of the list cursor', () => {
  it('steps by one, by a page, to the ends, and stays inside the list', () => {
    expect(keyTarget('ArrowDown', 0, 10, 4)).toBe(1);
    expect(keyTarget('ArrowUp', 5, 10, 4)).toBe(4);
    expect(keyTarget('PageDown', 0, 10, 4)).toBe(4);
    expect(keyTarget('PageDown', 8, 10, 4)).toBe(9);
    expect(keyTarget('PageUp', 2, 10, 4)).toBe(0);
    expect(keyTarget('Home', 7, 10, 4)).toBe(0);
    expect(keyTarget('End', 2, 10, 4)).toBe(9);
    expect(keyTarget('ArrowDown', 9, 10, 4)).toBe(9);
    expect(keyTarget('Enter', 3, 10, 4)).toBeNull();
  });
});
