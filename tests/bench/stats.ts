// Shared helpers of the benchmark suites.
export const RUNS = Number(process.env.BENCH_RUNS ?? 5);

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
