// A labelled <select> of a toolbar: the 汇总's filters and year choice.
import type { ReactNode } from 'react';

export interface FilterOption {
  value: string;
  label: string;
}

/** Options from a record of value → label, in its key order. */
export const optionsOf = (labels: Readonly<Record<string, string>>): FilterOption[] => Object.entries(labels).map(([value, label]) => ({ value, label }));

export function FilterSelect({
  label,
  ariaLabel = label,
  value,
  options,
  onChange,
  disabled,
}: {
  /** Shown before the select and its accessible name. */
  label: string;
  /** Where the visible label alone is ambiguous on the page. */
  ariaLabel?: string;
  value: string;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
  disabled?: boolean;
}): ReactNode {
  return (
    <label className="tb-field-light">
      {label}
      <select aria-label={ariaLabel} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
