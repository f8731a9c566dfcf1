// Monitoring and self-evaluation score against the version the review loop passed: the
// submission keeps what it packed (submitted_versions, migration 10, bounded), a table
// edited after its 通过 still makes and scores its forms from the passed version, and the
// forms say which version (第 n 次报送, date, 第 m 次退回, 调整). Two real SQLite files.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { saveFiling } from '../../electron/services/filing-edit.ts';
import { submitToFolder } from '../../electron/services/submit.ts';
import { importReturn } from '../../electron/services/review-return.ts';
import { createProjectYearlyForms, validateYearlyForm } from '../../electron/services/yearly-service.ts';
import { adjustTarget, yearlyView } from '../../electron/services/yearly-view.ts';
import { yearlyLayout } from '../../electron/services/yearly-print.ts';
import { renderHtml } from '../../shared/print-html/index.ts';
import { KEEP_SUBMISSIONS } from '../../electron/store/submissions.ts';
import { FilingStore } from '../../electron/store/store.ts';
import type { FilingStore as Store } from '../../electron/store/store.ts';
import { parseIndicatorValue } from '../../shared/indicator-value/index.ts';
import { tempDirs } from '../handover/helpers.ts';
import { submitAndReturn, twoSides } from '../services/review-helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const revisionsOf = (file: string, id: string): number[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT revision FROM submitted_versions WHERE project_id = ? ORDER BY revision').all(id) as { revision: number }[]).map((r) => r.revision);
  } finally {
    db.close();
  }
};

/** Edits the first ≥ percentage row of the table to `value` (forced past 已通过). Returns the row id. */
function editPercentRow(store: Store, id: string, value: string): string {
  const rec = store.getProjectRecord(id)!;
  const f = structuredClone(rec.filing);
  const row = f.periods.annual!.indicators.find((r) => {
    const v = parseIndicatorValue(r.value);
    return v.kind === 'quantity' && v.percent && v.comparator === '≥';
  })!;
  row.value = value;
  saveFiling(store, rec, f, rec.revision, { force: true });
  return row.id;
}

describe('yearly forms against the 已通过 version', () => {
  it('a table edited after its 通过: forms made from, scored against and labelled with the passed version', async () => {
    const s = await twoSides(dirs.make());
    try {
      const { unit, unitCode, year } = s;
      const { bytes } = await submitAndReturn(s, 'pass');
      importReturn(unit, bytes);
      const [p, q] = unit.projectsOfUnitYear(unitCode, year);
      const passedRev = unit.submissions.list(unitCode, year)[0]!.projects.find((x) => x.id === p!.id)!.revision;
      const passedRows = p!.periods.annual!.indicators.map((r) => [r.id, r.value] as const);
      expect(unit.submissions.version(p!.id, passedRev)).toMatchObject({ id: p!.id });

      // After 通过 the table is edited: the current edit says ≥200%, the passed version did not.
      const rowId = editPercentRow(unit, p!.id, '≥200%');
      const passedValue = new Map(passedRows).get(rowId)!;
      expect(passedValue).not.toBe('≥200%');
      expect(unit.getProject(p!.id)!.status).not.toBe('approved');

      createProjectYearlyForms(unit, p!.id);
      createProjectYearlyForms(unit, q!.id);
      const v = yearlyView(unit, p!.id);
      const basis = v.selfEvaluation!.form.basis!;
      expect(basis.approved).toMatchObject({ submissionNo: 1, returnNo: 1 });
      expect(basis.revision).toBe(passedRev);
      expect(v.monitoring!.form.basis!.approved).toEqual(basis.approved);
      expect(v.filed.rows.map((r) => [r.id, r.value])).toEqual(passedRows.map((x) => [...x]));
      expect(v.selfEvaluation!.target.rows.find((r) => r.id === rowId)!.value).toBe(passedValue);
      expect(v.monitoring!.target.rows.find((r) => r.id === rowId)!.value).toBe(passedValue);
      const label = v.selfEvaluation!.target.versionLabel;
      expect(label).toMatch(/^按已通过审核的绩效目标（第 1 次报送，\d{4}年\d{1,2}月\d{1,2}日；第 1 次退回通过；修订 \d+）$/);
      expect(label).toContain(`修订 ${passedRev}）`);
      expect(v.targetRevision).toBeGreaterThan(passedRev);
      expect(v.targetChanged).toBe(true);

      // Scored against the passed value: an actual equal to it earns the row's full points.
      const se = structuredClone(v.selfEvaluation!.form);
      se.rows.find((r) => r.indicatorId === rowId)!.actual = passedValue.replace(/^[≥≤]/, '');
      unit.yearly.put(se, v.selfEvaluation!.revision);
      const scored = validateYearlyForm(unit, 'self-evaluation', p!.id).score!.rows.find((r) => r.indicatorId === rowId)!;
      expect(scored.score).toBe(scored.points);
      expect(yearlyView(unit, p!.id).selfEvaluation!.score.rows.find((r) => r.indicatorId === rowId)!.score).toBe(scored.points);

      // The printed form names the version.
      const html = renderHtml(yearlyLayout(unit, { kind: 'project', id: p!.id }, 'self-evaluation'));
      expect(html).toContain('已通过审核的绩效目标（第 1 次报送，');

      // 调整绩效目标 on top of the passed version: the label says both.
      const adj = adjustTarget(unit, { projectId: p!.id, reason: '年中政策调整', changes: [{ indicatorId: rowId, value: '≥90%' }] });
      expect(adj.selfEvaluation!.target.versionLabel).toMatch(/^按已通过审核的绩效目标（第 1 次报送，.*；修订 \d+），经第 1 次调整（调整原因：年中政策调整）$/);
      expect(adj.selfEvaluation!.target.rows.find((r) => r.id === rowId)).toMatchObject({ value: '≥90%', filedValue: passedValue });

      // A table passed and not edited: the passed version is the table as it is.
      const vq = yearlyView(unit, q!.id);
      expect(vq.selfEvaluation!.form.basis!.approved).toMatchObject({ submissionNo: 1, returnNo: 1 });
      expect(vq.selfEvaluation!.form.basis!.revision).toBe(unit.submissions.list(unitCode, year)[0]!.projects.find((x) => x.id === q!.id)!.revision);
      expect(vq.targetChanged).toBe(false);
    } finally {
      s.close();
    }
  });

  it('without a 通过 the forms are made from the table as stored (no approved version)', async () => {
    const s = await twoSides(dirs.make());
    try {
      const { bytes } = await submitAndReturn(s, 'return');
      importReturn(s.unit, bytes);
      const [p] = s.unit.projectsOfUnitYear(s.unitCode, s.year);
      createProjectYearlyForms(s.unit, p!.id);
      const v = yearlyView(s.unit, p!.id);
      expect(v.selfEvaluation!.form.basis).toMatchObject({ approved: null, revision: v.targetRevision });
      expect(v.selfEvaluation!.target.versionLabel).toBe('按原绩效目标');
    } finally {
      s.close();
    }
  });

  it('keeps what the last submissions packed and the passed versions, nothing older', async () => {
    const s = await twoSides(dirs.make());
    try {
      const { unit, unitCode, year, stick, unitDb } = s;
      const { bytes } = await submitAndReturn(s, 'pass');
      importReturn(unit, bytes);
      const id = unit.projectsOfUnitYear(unitCode, year)[0]!.id;
      const passedRev = unit.submissions.list(unitCode, year)[0]!.projects.find((x) => x.id === id)!.revision;
      const packed: number[] = [];
      for (let k = 0; k < KEEP_SUBMISSIONS + 2; k++) {
        editPercentRow(unit, id, `≥${90 + k}%`);
        await submitToFolder(unit, { unitCode, year, outDir: stick, book: null });
        packed.push(unit.getProjectRecord(id)!.revision);
      }
      expect(revisionsOf(unitDb, id)).toEqual([passedRev, ...packed.slice(-KEEP_SUBMISSIONS)]);
      // The passed version is still the one forms are made from.
      createProjectYearlyForms(unit, id);
      expect(yearlyView(unit, id).selfEvaluation!.form.basis!.revision).toBe(passedRev);
    } finally {
      s.close();
    }
  });

  it('migration 10 fills the versions of earlier submissions whose tables have not changed since', async () => {
    const s = await twoSides(dirs.make());
    const { unit, unitCode, year, stick, unitDb } = s;
    await submitToFolder(unit, { unitCode, year, outDir: stick, book: null });
    const [p, q] = unit.projectsOfUnitYear(unitCode, year);
    editPercentRow(unit, p!.id, '≥150%');
    const qRev = unit.getProjectRecord(q!.id)!.revision;
    s.close();
    // The database as migration 9 left it: no submitted_versions (nor migration 11's 提示 counts, nor migration 12's dept self-evaluations, nor migration 13's dept hash).
    const db = new Database(unitDb);
    db.exec('DROP TABLE submitted_versions; DROP TABLE dept_self_evaluations; ALTER TABLE project_check_counts DROP COLUMN hints; ALTER TABLE submissions DROP COLUMN dept_sha256; DELETE FROM schema_migrations WHERE version >= 10;');
    db.close();
    const again = await FilingStore.open(unitDb, { dailyBackup: false });
    try {
      expect(again.submissions.version(q!.id, qRev)).toEqual(again.getProject(q!.id));
      expect(revisionsOf(path.resolve(unitDb), p!.id)).toEqual([]);
    } finally {
      again.close();
    }
  });
});
