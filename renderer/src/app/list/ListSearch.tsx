// 查找 of the list: filters by name or 序号 once the input method has committed; ↓ or Enter
// goes to the first row shown, Escape clears.
import type { ReactNode, RefObject } from 'react';
import type { ListSearch as SearchState } from './useListData.ts';

export function ListSearch({ search, inputRef, toFirstRow }: { search: SearchState; inputRef: RefObject<HTMLInputElement | null>; toFirstRow: (() => void) | null }): ReactNode {
  return (
    <input
      ref={inputRef}
      type="search"
      className="list-search"
      aria-label="查找项目"
      placeholder="查找项目名称或序号"
      value={search.text}
      maxLength={100}
      onChange={(e) => search.change(e.target.value)}
      onCompositionStart={() => search.compositionStart()}
      onCompositionEnd={(e) => search.compositionEnd(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.nativeEvent.isComposing || search.composing()) return;
        if (e.key === 'Escape' && search.text) {
          e.preventDefault();
          search.clear();
        } else if ((e.key === 'ArrowDown' || e.key === 'Enter') && toFirstRow) {
          e.preventDefault();
          toFirstRow();
        }
      }}
    />
  );
}
