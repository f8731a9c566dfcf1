// `npm run bench [suite…]`: each suite prints medians over several runs and the ratio to
// its targets; nothing here is a timed assertion. Suites: core (with convert), convert, counts, docx, handover, ui, yearly, yearly-ui, import, safety, rules, review, paste.
import { runCoreBench } from './core.ts';
import { runHandoverBench } from './handover.ts';

const SUITES: Record<string, () => Promise<void>> = {
  core: async () => {
    await runCoreBench();
    await (await import('./convert.ts')).runConvertBench();
  },
  convert: async () => (await import('./convert.ts')).runConvertBench(),
  handover: runHandoverBench,
  counts: async () => (await import('./counts.ts')).runCountsBench(),
  docx: async () => (await import('./docx.ts')).runDocxBench(),
  ui: async () => (await import('./ui.ts')).runUiBench(),
  'ui-profile': async () => (await import('./ui-profile.ts')).runUiProfile(),
  yearly: async () => (await import('./yearly.ts')).runYearlyBench(),
  'yearly-ui': async () => (await import('./yearly-ui.ts')).runYearlyUiBench(),
  import: async () => (await import('./import.ts')).runImportBench(),
  safety: async () => (await import('./safety.ts')).runSafetyBench(),
  rules: async () => (await import('./rules.ts')).runRulesBench(),
  review: async () => (await import('./review.ts')).runReviewBench(),
  paste: async () => (await import('./paste.ts')).runPasteBench(),
};

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(SUITES)) {
  const suite = SUITES[name];
  if (!suite) {
    console.error(`未知的基准测试“${name}”，可用：${Object.keys(SUITES).join('、')}`);
    process.exit(2);
  }
  console.log(`\n=== ${name} ===`);
  await suite();
}
