// xlsx's ES module build (no code page tables), used by the worker for .xlsx: the same API.
declare module 'xlsx/xlsx.mjs' {
  export * from 'xlsx';
}
