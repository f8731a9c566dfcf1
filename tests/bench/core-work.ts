// One measured run of the core benchmark, in its own process so that peak memory
// (maxRSS) belongs to this run alone. Prints one JSON line of timings.
//   tsx tests/bench/core-work.ts <db> <unitCode> <year>
import { FilingStore } from '../../electron/store/store.ts';
import { exportInterchangeFile } from '../../electron/services/filing-service.ts';
import { RULES, auditUnitYear, validateProject } from '../../shared/rules/index.ts';
import { SUBSTANCE_RULES } from '../../shared/rules/substance/index.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { getTemplate } from '../../shared/templates/index.ts';

const [dbPath, unitCode, yearText, outPath] = process.argv.slice(2);
if (!dbPath || !unitCode || !yearText || !outPath) throw new Error('usage: core-work <db> <unit> <year> <out.json>');
const year = Number(yearText);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

let t = process.hrtime.bigint();
const store = await FilingStore.open(dbPath, { dailyBackup: false });
const open = ms(t);

t = process.hrtime.bigint();
const rows = store.listProjects(unitCode, year);
const list = ms(t);

t = process.hrtime.bigint();
let projects = 0;
let findings = 0;
for (const p of store.iterateAllProjects()) {
  const tpl = getTemplate(p.templateId)!;
  findings += validateProject(p, tpl).length;
  projects++;
}
const validate = ms(t);

// The same with the catalogue before the substance rules (明确性 … 可行性), for the ratio new/old.
const substance = new Set(SUBSTANCE_RULES.map((r) => r.code));
const oldRules = RULES.filter((r) => !substance.has(r.code));
t = process.hrtime.bigint();
for (const p of store.iterateAllProjects()) validateProject(p, getTemplate(p.templateId)!, { rules: oldRules });
const validateOld = ms(t);

// 审核 as the app runs it: book by book, each table with the unit-year's other tables and
// last year's filing of the same project (by 项目编码, else name), read from the store.
t = process.hrtime.bigint();
let contextFindings = 0;
for (const u of store.listUnits()) {
  const years = store.listYears(u.code);
  let last: ProjectFiling[] = [];
  for (const y of years) {
    const book = store.projectsOfUnitYear(u.code, y);
    const byKey = new Map(last.map((p) => [p.projectCode || p.name, p]));
    const tpl = book[0] ? getTemplate(book[0].templateId) : undefined;
    if (tpl) contextFindings += auditUnitYear(book, null, tpl, { contextFor: (p) => ({ lastYear: byKey.get(p.projectCode || p.name) ?? null }) }).findings.length;
    last = book;
  }
}
const validateContext = ms(t);

t = process.hrtime.bigint();
const exported = await exportInterchangeFile(store, outPath);
const exportAll = ms(t);

store.close();
process.stdout.write(
  JSON.stringify({ open, list, listed: rows.length, validate, validateOld, projects, findings, validateContext, contextFindings, exportAll, exported: exported.projects, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n',
);
