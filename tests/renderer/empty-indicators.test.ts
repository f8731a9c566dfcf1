// @vitest-environment happy-dom
// The row of an indicator table without rows: in an editable table it offers its buttons and
// takes a paste; in a received (read-only) table it says 未填写绩效指标 and offers nothing.
import { createElement } from 'react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmptyIndicators } from '../../renderer/src/form/EmptyIndicators.tsx';
import type { FormController } from '../../renderer/src/form/controller.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLElement;
let root: Root;
beforeEach(() => {
  host = document.createElement('tbody');
  document.body.append(document.createElement('table'));
  document.querySelector('table')!.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  document.body.innerHTML = '';
});

function draw(readOnly: boolean) {
  const ctl = { readOnly, paste: vi.fn(() => ({ t: 'error' as const, error: '这是从报送包接收的数据，只读，不能修改' })) } as unknown as FormController;
  const onStarter = vi.fn();
  const onAddRow = vi.fn();
  act(() => root.render(createElement('tr', null, createElement(EmptyIndicators, { ckey: 'e0', colSpan: 4, ctl, onStarter, onAddRow }))));
  return { ctl, onStarter, onAddRow, td: host.querySelector('td')! };
}

describe('EmptyIndicators', () => {
  it('an editable table offers 插入常用指标行 and 添加一行, and says a paste goes here', () => {
    const { td, onStarter, onAddRow } = draw(false);
    const buttons = Array.from(td.querySelectorAll('button'), (b) => b.textContent);
    expect(buttons).toEqual(['插入常用指标行', '添加一行']);
    act(() => td.querySelectorAll('button')[1]!.click());
    expect(onAddRow).toHaveBeenCalledTimes(1);
    expect(onStarter).not.toHaveBeenCalled();
    expect(td.getAttribute('tabindex')).toBe('-1');
    expect(td.textContent).toContain('Ctrl+V');
  });

  it('a received table shows 未填写绩效指标: no button, no paste note, not focusable, the colspan kept', () => {
    const { td } = draw(true);
    expect(td.querySelectorAll('button')).toHaveLength(0);
    expect(td.textContent).toBe('未填写绩效指标');
    expect(td.hasAttribute('tabindex')).toBe(false);
    expect(td.getAttribute('colspan')).toBe('4');
  });
});
