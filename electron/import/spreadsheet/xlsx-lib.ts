// xlsx in the main process only writes workbooks (reading runs in the xlsx worker): it is
// loaded on first use, so that a running host does not hold its ~33 MB from the start.
export type Xlsx = typeof import('xlsx');

let loading: Promise<Xlsx> | null = null;

export function loadXlsx(): Promise<Xlsx> {
  return (loading ??= import('xlsx').then((m) => ((m as { default?: Xlsx }).default ?? m) as Xlsx));
}
