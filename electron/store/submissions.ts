// The submissions table (migration 4): the handover packages written for a unit-year; and
// what each packed (migration 10, submitted_versions): the filing at the recorded revision,
// kept for the unit-year's last KEEP_SUBMISSIONS submissions and for every version a
// return passed (所评价的已通过版本), so the store stays bounded however often a unit resubmits.
import type Database from 'better-sqlite3';
import { projectFilingSchema, type ProjectFiling } from '../../shared/model/filing.ts';

export const KEEP_SUBMISSIONS = 3;

export interface SubmissionInput {
  unitCode: string;
  year: number;
  submissionNo: number;
  /** ISO time the package was written. */
  submittedAt: string;
  packageSha256: string;
  projects: ReadonlyArray<{ id: string; revision: number }>;
  /** Content hash of the 部门整体绩效目标 packed ('' none; null: not known, recorded before migration 13). */
  deptSha256?: string | null;
}

export interface Submission extends SubmissionInput {
  id: number;
}

interface Row {
  id: number;
  unit_code: string;
  year: number;
  submission_no: number;
  submitted_at: string;
  package_sha256: string;
  projects: string;
  dept_sha256?: string | null;
}

export function nextSubmissionNo(db: Database.Database, unitCode: string, year: number): number {
  const r = db.prepare('SELECT MAX(submission_no) AS n FROM submissions WHERE unit_code = ? AND year = ?').get(unitCode, year) as { n: number | null };
  return (r.n ?? 0) + 1;
}

export function insertSubmission(db: Database.Database, s: SubmissionInput): number {
  const r = db
    .prepare(
      `INSERT INTO submissions (unit_code, year, submission_no, submitted_at, package_sha256, projects, dept_sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(s.unitCode, s.year, s.submissionNo, s.submittedAt, s.packageSha256, JSON.stringify(s.projects), s.deptSha256 ?? null);
  // The tables as packed: the caller records the revisions it just wrote, in its transaction.
  const keep = db.prepare(
    `INSERT OR IGNORE INTO submitted_versions (project_id, revision, unit_code, year, data)
     SELECT id, revision, unit_code, year, data FROM projects WHERE id = ? AND revision = ?`,
  );
  for (const p of s.projects) keep.run(p.id, p.revision);
  pruneSubmittedVersions(db, s.unitCode, s.year);
  return Number(r.lastInsertRowid);
}

/** Versions of a unit-year still needed: those of its last submissions and those a return passed. */
function neededVersions(db: Database.Database, unitCode: string, year: number): Set<string> {
  const subs = listSubmissions(db, unitCode, year);
  const key = (id: string, revision: number) => `${id}@${revision}`;
  const need = new Set<string>();
  for (const s of subs.slice(-KEEP_SUBMISSIONS)) for (const p of s.projects) need.add(key(p.id, p.revision));
  const passed = db
    .prepare(
      `SELECT r.submission_sha256 AS sha, json_extract(t.value, '$.projectId') AS id
       FROM review_returns r, json_each(r.doc, '$.tables') t
       WHERE r.direction = 'imported' AND r.unit_code = ? AND r.year = ? AND json_extract(t.value, '$.verdict') = 'pass'`,
    )
    .all(unitCode, year) as Array<{ sha: string; id: string }>;
  for (const { sha, id } of passed) {
    const rev = subs.find((s) => s.packageSha256 === sha)?.projects.find((p) => p.id === id)?.revision;
    if (rev !== undefined) need.add(key(id, rev));
  }
  return need;
}

function pruneSubmittedVersions(db: Database.Database, unitCode: string, year: number): void {
  const need = neededVersions(db, unitCode, year);
  const rows = db.prepare('SELECT project_id AS id, revision FROM submitted_versions WHERE unit_code = ? AND year = ?').all(unitCode, year) as Array<{ id: string; revision: number }>;
  const del = db.prepare('DELETE FROM submitted_versions WHERE project_id = ? AND revision = ?');
  for (const r of rows) if (!need.has(`${r.id}@${r.revision}`)) del.run(r.id, r.revision);
}

/** The filing as a submission packed it at `revision`, in the current model's shape; null when not kept. */
export function submittedVersion(db: Database.Database, projectId: string, revision: number): ProjectFiling | null {
  const r = db.prepare('SELECT data FROM submitted_versions WHERE project_id = ? AND revision = ?').get(projectId, revision) as { data: string } | undefined;
  if (!r) return null;
  const parsed = projectFilingSchema.safeParse(JSON.parse(r.data));
  return parsed.success && parsed.data.id === projectId ? parsed.data : null;
}

export function listSubmissions(db: Database.Database, unitCode: string, year: number): Submission[] {
  const rows = db.prepare('SELECT * FROM submissions WHERE unit_code = ? AND year = ? ORDER BY submission_no').all(unitCode, year) as Row[];
  return rows.map((r) => ({
    id: r.id,
    unitCode: r.unit_code,
    year: r.year,
    submissionNo: r.submission_no,
    submittedAt: r.submitted_at,
    packageSha256: r.package_sha256,
    projects: JSON.parse(r.projects) as Submission['projects'],
    deptSha256: r.dept_sha256 ?? null,
  }));
}

/** The store's view of the submissions of this database (FilingStore.submissions). */
export class SubmissionTables {
  constructor(
    private readonly db: Database.Database,
    private readonly io: { write: <T>(fn: () => T) => T; read: <T>(fn: () => T) => T },
  ) {}

  nextNo(unitCode: string, year: number): number {
    return this.io.read(() => nextSubmissionNo(this.db, unitCode, year));
  }

  /** Records a written package; a number already used for the unit-year is a CONFLICT. */
  record(input: SubmissionInput): number {
    return this.io.write(() => insertSubmission(this.db, input));
  }

  list(unitCode: string, year: number): Submission[] {
    return this.io.read(() => listSubmissions(this.db, unitCode, year));
  }

  /** A table as a submission packed it (kept for the last submissions and the passed ones), or null. */
  version(projectId: string, revision: number): ProjectFiling | null {
    return this.io.read(() => submittedVersion(this.db, projectId, revision));
  }

  /**
   * A received unit-year's kept versions become exactly these (the versions its yearly forms
   * score against, as the package carried them; validated by the caller, inside its transaction).
   */
  replaceReceivedVersions(unitCode: string, year: number, versions: readonly { projectId: string; revision: number; filing: ProjectFiling }[]): void {
    this.io.write(() => {
      this.db.prepare('DELETE FROM submitted_versions WHERE unit_code = ? AND year = ?').run(unitCode, year);
      const put = this.db.prepare('INSERT INTO submitted_versions (project_id, revision, unit_code, year, data) VALUES (?, ?, ?, ?, ?)');
      for (const v of versions) put.run(v.projectId, v.revision, unitCode, year, JSON.stringify(v.filing));
    });
  }
}
