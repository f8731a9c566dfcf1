// The submissions table (migration 4): the handover packages written for a unit-year.
import type Database from 'better-sqlite3';

export interface SubmissionInput {
  unitCode: string;
  year: number;
  submissionNo: number;
  /** ISO time the package was written. */
  submittedAt: string;
  packageSha256: string;
  projects: ReadonlyArray<{ id: string; revision: number }>;
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
}

export function nextSubmissionNo(db: Database.Database, unitCode: string, year: number): number {
  const r = db.prepare('SELECT MAX(submission_no) AS n FROM submissions WHERE unit_code = ? AND year = ?').get(unitCode, year) as { n: number | null };
  return (r.n ?? 0) + 1;
}

export function insertSubmission(db: Database.Database, s: SubmissionInput): number {
  const r = db
    .prepare(
      `INSERT INTO submissions (unit_code, year, submission_no, submitted_at, package_sha256, projects)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(s.unitCode, s.year, s.submissionNo, s.submittedAt, s.packageSha256, JSON.stringify(s.projects));
  return Number(r.lastInsertRowid);
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
  }));
}
