// One measured run of the core benchmark, in its own process so that peak memory
// (maxRSS) belongs to this run alone and the first 审核 pass is as cold as a user's first
// 审核全部 after start. Prints one JSON line of timings (wall ms; `…Cpu` the process's CPU
// ms, JIT and GC threads included).
//   tsx tests/bench/core-work.ts <db> <unitCode> <year> <out.json>   open, list, validate (first and second pass), context, export
//   tsx tests/bench/core-work.ts <db> --old                          validate with the catalogue before the substance rules (first and second pass)
import { FilingStore } from '../../electron/store/store.ts';
import { exportInterchangeFile } from '../../electron/services/filing-service.ts';
import { RULES, auditUnitYear, validateProject, type Rule } from '../../shared/rules/index.ts';
import { SUBSTANCE_RULES } from '../../shared/rules/substance/index.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { getTemplate } from '../../shared/templates/index.ts';

const [dbPath, unitCode, yearText, outPath] = process.argv.slice(2);
const oldOnly = unitCode === '--old';
if (!dbPath || (!oldOnly && (!unitCode || !yearText || !outPath))) throw new Error('usage: core-work <db> (<unit> <year> <out.json> | --old)');

/** Wall and CPU ms of `fn`. */
async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = await fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1000 };
}

const opened = await timed(() => FilingStore.open(dbPath, { dailyBackup: false }));
const store = opened.value;

/** Every table of the store read and checked with `rules`: tables and findings. */
function validateAll(rules?: readonly Rule[]): { projects: number; findings: number } {
  let projects = 0;
  let findings = 0;
  for (const p of store.iterateAllProjects()) {
    findings += validateProject(p, getTemplate(p.templateId)!, rules ? { rules } : {}).length;
    projects++;
  }
  return { projects, findings };
}

if (oldOnly) {
  // The catalogue before the substance rules (明确性 … 可行性), in a process of its own so
  // that its first pass is as cold as the full catalogue's: the ratio new/old compares like with like.
  const substance = new Set(SUBSTANCE_RULES.map((r) => r.code));
  const oldRules = RULES.filter((r) => !substance.has(r.code));
  const first = await timed(() => validateAll(oldRules));
  const second = await timed(() => validateAll(oldRules));
  store.close();
  process.stdout.write(
    JSON.stringify({ validateOld: first.wall, validateOldCpu: first.cpu, validateOld2: second.wall, validateOld2Cpu: second.cpu, oldFindings: first.value.findings }) + '\n',
  );
} else {
  const list = await timed(() => store.listProjects(unitCode!, Number(yearText)));
  const validate = await timed(() => validateAll());
  const validate2 = await timed(() => validateAll());

  // 审核 as the app runs it: book by book, each table with the unit-year's other tables and
  // last year's filing of the same project (by 项目编码, else name), read from the store.
  const context = await timed(() => {
    let n = 0;
    for (const u of store.listUnits()) {
      let last: ProjectFiling[] = [];
      for (const y of store.listYears(u.code)) {
        const book = store.projectsOfUnitYear(u.code, y);
        const byKey = new Map(last.map((p) => [p.projectCode || p.name, p]));
        const tpl = book[0] ? getTemplate(book[0].templateId) : undefined;
        if (tpl) n += auditUnitYear(book, null, tpl, { contextFor: (p) => ({ lastYear: byKey.get(p.projectCode || p.name) ?? null }) }).findings.length;
        last = book;
      }
    }
    return n;
  });

  const exported = await timed(() => exportInterchangeFile(store, outPath!));
  store.close();
  process.stdout.write(
    JSON.stringify({
      open: opened.wall,
      list: list.wall,
      listed: list.value.length,
      validate: validate.wall,
      validateCpu: validate.cpu,
      validate2: validate2.wall,
      validate2Cpu: validate2.cpu,
      projects: validate.value.projects,
      findings: validate.value.findings,
      validateContext: context.wall,
      validateContextCpu: context.cpu,
      contextFindings: context.value,
      exportAll: exported.wall,
      exportAllCpu: exported.cpu,
      exported: exported.value.projects,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  );
}
