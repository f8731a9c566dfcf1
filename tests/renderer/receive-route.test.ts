// @vitest-environment happy-dom
// The app opened without a unit in the address asks for the years of a unit and then opens
// its list. 接收报送包 clicked before that answer came: the late answer must not move the user
// back to the list (it unmounted the receive view with the packages chosen in it: the e2e
// "two levels" flake, and a real user bug).
import { createElement } from 'react';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/contract.ts';
import { App } from '../../renderer/src/app/App.tsx';
import { ToastProvider } from '../../renderer/src/ui/toast.tsx';
import { settle, useDomRoot } from './dom-root.ts';

const UNIT = { code: '500001', name: '测试单位', supervisor: { code: '900', name: '测试主管部门' }, region: '', sample: false };

/** A backend whose `years.list` answers only when told to. */
function slowYearsApi() {
  const waiting: Array<() => void> = [];
  const api: ApiClient = {
    async call(name) {
      if (name === 'templates.list') return [] as never;
      if (name === 'units.list') return [UNIT] as never;
      if (name === 'years.list') return new Promise((r) => waiting.push(() => r([2025] as never)));
      if (name === 'handover.received' || name === 'handover.summaryRows' || name === 'review.summary') return [] as never;
      if (name === 'projects.list') return { rows: [], totalBudget: 0 } as never;
      return new Promise(() => undefined);
    },
  } as ApiClient;
  return { api, answerYears: () => waiting.splice(0).forEach((f) => f()) };
}

const dom = useDomRoot(() => {
  window.history.replaceState(null, '', '/');
  localStorage.clear();
});
const button = (text: string) => Array.from(dom.host.querySelectorAll('button')).find((b) => b.textContent?.includes(text));

describe('the first route', () => {
  it('a late answer for the unit to open does not take the user out of 接收报送包', async () => {
    const { api, answerYears } = slowYearsApi();
    await act(async () => dom.root.render(createElement(ToastProvider, null, createElement(App, { api }))));
    await settle();
    await act(async () => button('接收报送包')!.click());
    await settle();
    expect(dom.host.querySelector('.receive-view')).not.toBeNull();
    await act(async () => answerYears());
    await settle();
    expect(window.location.hash).toBe('#/receive');
    expect(dom.host.querySelector('.receive-view')).not.toBeNull();
  });

  it('without a click, the answer opens the unit-year list as before', async () => {
    const { api, answerYears } = slowYearsApi();
    await act(async () => dom.root.render(createElement(ToastProvider, null, createElement(App, { api }))));
    await settle();
    await act(async () => answerYears());
    await settle();
    expect(window.location.hash).toBe('#/u/500001/2025');
    expect(dom.host.querySelector('.receive-view')).toBeNull();
  });
});
