// Store of the review loop (migration 7), reached through FilingStore.reviews. The
// receiving side keeps its decision per table, its comments, the overall grade per
// unit-year and the return packages it wrote ('sent'); the unit side keeps the return
// packages it imported ('imported') and its answer to each comment. Inputs are validated
// by electron/services/review*.ts; each write here is one store transaction.
import type Database from 'better-sqlite3';
import type { ReturnDoc } from '../../shared/handover/return-manifest.ts';
import type {
  CommentAnswer,
  ReturnDirection,
  ReviewComment,
  TableReview,
  TableReviewData,
  UnitYearReview,
} from '../../shared/handover/review-model.ts';

export interface ReturnRecord {
  id: number;
  direction: ReturnDirection;
  sha256: string;
  unitCode: string;
  year: number;
  returnNo: number;
  submissionSha256: string;
  createdAt: string;
  recordedAt: string;
  doc: ReturnDoc;
}

/** ReviewTables.yearStatus: per unit code. */
export interface YearReviewStatus {
  tables: Map<string, number>;
  /** `projectId`: a table's, or the 部门整体绩效目标's review id (`dept:…`). */
  decisions: Map<string, Array<{ projectId: string; packageSha256: string; verdict: TableReviewData['verdict'] }>>;
  commentIds: Map<string, string[]>;
  returns: Map<string, number>;
  lastReturn: Map<string, ReturnRecord>;
  grades: Map<string, UnitYearReview['grade']>;
}

export interface ReviewPlumbing {
  write<T>(fn: () => T): T;
  read<T>(fn: () => T): T;
  stamp(): string;
}

type Raw = Record<string, unknown>;

const tableOf = (r: Raw): TableReview => ({
  ...(JSON.parse(r.data as string) as TableReviewData),
  projectId: r.project_id as string,
  unitCode: r.unit_code as string,
  year: r.year as number,
  packageSha256: r.package_sha256 as string,
  reviewer: r.reviewer as string,
  updatedAt: r.updated_at as string,
});

const commentOf = (r: Raw): ReviewComment => ({
  id: r.id as string,
  projectId: r.project_id as string,
  unitCode: r.unit_code as string,
  year: r.year as number,
  path: r.path as string,
  text: r.text as string,
  source: r.source as ReviewComment['source'],
  findingKey: (r.finding_key as string | null) ?? null,
  author: r.author as string,
  createdAt: r.created_at as string,
});

const returnOf = (r: Raw): ReturnRecord => ({
  id: r.id as number,
  direction: r.direction as ReturnDirection,
  sha256: r.package_sha256 as string,
  unitCode: r.unit_code as string,
  year: r.year as number,
  returnNo: r.return_no as number,
  submissionSha256: r.submission_sha256 as string,
  createdAt: r.created_at as string,
  recordedAt: r.recorded_at as string,
  doc: JSON.parse(r.doc as string) as ReturnDoc,
});

const answerOf = (r: Raw): CommentAnswer => ({
  returnId: r.return_id as number,
  commentId: r.comment_id as string,
  projectId: r.project_id as string,
  handled: r.handled === 1,
  note: r.note as string,
  answeredAt: r.answered_at as string,
});

export class ReviewTables {
  private readonly s;

  constructor(db: Database.Database, private readonly p: ReviewPlumbing) {
    const q = (sql: string) => db.prepare(sql);
    this.s = {
      table: q('SELECT * FROM review_tables WHERE project_id = ?'),
      tables: q('SELECT * FROM review_tables WHERE unit_code = ? AND year = ?'),
      putTable: q(`INSERT INTO review_tables (project_id, unit_code, year, package_sha256, data, reviewer, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (project_id) DO UPDATE SET package_sha256 = excluded.package_sha256, data = excluded.data, reviewer = excluded.reviewer, updated_at = excluded.updated_at`),
      comments: q('SELECT * FROM review_comments WHERE unit_code = ? AND year = ? ORDER BY project_id, created_at, rowid'),
      comment: q('SELECT * FROM review_comments WHERE id = ?'),
      addComment: q(`INSERT INTO review_comments (id, project_id, unit_code, year, path, text, source, finding_key, author, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
      deleteComment: q('DELETE FROM review_comments WHERE id = ?'),
      unitYear: q('SELECT * FROM review_unit_years WHERE unit_code = ? AND year = ?'),
      putUnitYear: q(`INSERT INTO review_unit_years (unit_code, year, data, reviewer, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (unit_code, year) DO UPDATE SET data = excluded.data, reviewer = excluded.reviewer, updated_at = excluded.updated_at`),
      returns: q('SELECT * FROM review_returns WHERE direction = ? AND unit_code = ? AND year = ? ORDER BY return_no'),
      returnByHash: q('SELECT * FROM review_returns WHERE direction = ? AND package_sha256 = ?'),
      maxReturnNo: q('SELECT MAX(return_no) AS n FROM review_returns WHERE direction = ? AND unit_code = ? AND year = ?'),
      addReturn: q(`INSERT INTO review_returns (direction, package_sha256, unit_code, year, return_no, submission_sha256, created_at, recorded_at, doc)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      answers: q('SELECT * FROM review_answers WHERE return_id = ? ORDER BY rowid'),
      // The review status of a whole year (the 汇总's columns): one query per kind, not per unit.
      yearTables: q('SELECT unit_code, COUNT(*) AS n FROM projects WHERE year = ? GROUP BY unit_code'),
      yearDecisions: q(`SELECT unit_code, project_id, package_sha256, json_extract(data, '$.verdict') AS verdict FROM review_tables WHERE year = ?`),
      yearComments: q('SELECT unit_code, id FROM review_comments WHERE year = ?'),
      yearReturns: q(`SELECT unit_code, COUNT(*) AS n FROM review_returns WHERE direction = 'sent' AND year = ? GROUP BY unit_code`),
      yearLastReturns: q(`SELECT * FROM review_returns r WHERE direction = 'sent' AND year = ? AND return_no =
        (SELECT MAX(return_no) FROM review_returns WHERE direction = 'sent' AND unit_code = r.unit_code AND year = r.year)`),
      yearGrades: q(`SELECT unit_code, json_extract(data, '$.grade') AS grade FROM review_unit_years WHERE year = ?`),
      putAnswer: q(`INSERT INTO review_answers (return_id, comment_id, project_id, handled, note, answered_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (return_id, comment_id) DO UPDATE SET handled = excluded.handled, note = excluded.note, answered_at = excluded.answered_at`),
    };
  }

  // ---- receiving side ----

  table(projectId: string): TableReview | null {
    return this.p.read(() => {
      const r = this.s.table.get(projectId) as Raw | undefined;
      return r ? tableOf(r) : null;
    });
  }

  tables(unitCode: string, year: number): TableReview[] {
    return this.p.read(() => (this.s.tables.all(unitCode, year) as Raw[]).map(tableOf));
  }

  putTable(t: Omit<TableReview, 'updatedAt'>): TableReview {
    return this.p.write(() => {
      const at = this.p.stamp();
      const data: TableReviewData = { grade: t.grade, criteria: t.criteria, ...(t.criteriaGrades ? { criteriaGrades: t.criteriaGrades } : {}), verdict: t.verdict, estimate: t.estimate, ...(t.carried ? { carried: t.carried } : {}) };
      this.s.putTable.run(t.projectId, t.unitCode, t.year, t.packageSha256, JSON.stringify(data), t.reviewer, at);
      return { ...t, updatedAt: at };
    });
  }

  comments(unitCode: string, year: number): ReviewComment[] {
    return this.p.read(() => (this.s.comments.all(unitCode, year) as Raw[]).map(commentOf));
  }

  comment(id: string): ReviewComment | null {
    return this.p.read(() => {
      const r = this.s.comment.get(id) as Raw | undefined;
      return r ? commentOf(r) : null;
    });
  }

  /** Adds comments in one transaction; one per finding key of a table (again: skipped). Returns those added. */
  addComments(list: ReadonlyArray<Omit<ReviewComment, 'createdAt'>>): ReviewComment[] {
    return this.p.write(() => {
      const at = this.p.stamp();
      const added: ReviewComment[] = [];
      for (const c of list) {
        const r = this.s.addComment.run(c.id, c.projectId, c.unitCode, c.year, c.path, c.text, c.source, c.findingKey, c.author, at);
        if (r.changes > 0) added.push({ ...c, createdAt: at });
      }
      return added;
    });
  }

  deleteComment(id: string): boolean {
    return this.p.write(() => this.s.deleteComment.run(id).changes > 0);
  }

  unitYear(unitCode: string, year: number): UnitYearReview | null {
    return this.p.read(() => {
      const r = this.s.unitYear.get(unitCode, year) as Raw | undefined;
      if (!r) return null;
      const d = JSON.parse(r.data as string) as Pick<UnitYearReview, 'grade' | 'opinion'>;
      return { unitCode, year, grade: d.grade, opinion: d.opinion, reviewer: r.reviewer as string, updatedAt: r.updated_at as string };
    });
  }

  putUnitYear(u: Omit<UnitYearReview, 'updatedAt'>): UnitYearReview {
    return this.p.write(() => {
      const at = this.p.stamp();
      this.s.putUnitYear.run(u.unitCode, u.year, JSON.stringify({ grade: u.grade, opinion: u.opinion }), u.reviewer, at);
      return { ...u, updatedAt: at };
    });
  }

  // ---- return packages, both sides ----

  returns(direction: ReturnDirection, unitCode: string, year: number): ReturnRecord[] {
    return this.p.read(() => (this.s.returns.all(direction, unitCode, year) as Raw[]).map(returnOf));
  }

  returnByHash(direction: ReturnDirection, sha256: string): ReturnRecord | null {
    return this.p.read(() => {
      const r = this.s.returnByHash.get(direction, sha256) as Raw | undefined;
      return r ? returnOf(r) : null;
    });
  }

  nextReturnNo(unitCode: string, year: number): number {
    return this.p.read(() => ((this.s.maxReturnNo.get('sent', unitCode, year) as { n: number | null }).n ?? 0) + 1);
  }

  /** Records a return package; `also` runs in the same transaction (the unit side's status moves). */
  recordReturn(direction: ReturnDirection, sha256: string, createdAt: string, doc: ReturnDoc, also?: (id: number) => void): number {
    return this.p.write(() => {
      const r = this.s.addReturn.run(direction, sha256, doc.unitCode, doc.year, doc.returnNo, doc.submissionSha256, createdAt, this.p.stamp(), JSON.stringify(doc));
      const id = Number(r.lastInsertRowid);
      also?.(id);
      return id;
    });
  }

  /** What the review status of every unit-year of `year` is made of, by unit code (receiving side). */
  yearStatus(year: number): YearReviewStatus {
    return this.p.read(() => {
      const group = <T>(rows: Raw[], value: (r: Raw) => T): Map<string, T[]> => {
        const m = new Map<string, T[]>();
        for (const r of rows) {
          const k = r.unit_code as string;
          const list = m.get(k) ?? [];
          if (!m.has(k)) m.set(k, list);
          list.push(value(r));
        }
        return m;
      };
      const one = <T>(rows: Raw[], value: (r: Raw) => T): Map<string, T> => new Map(rows.map((r) => [r.unit_code as string, value(r)]));
      return {
        tables: one(this.s.yearTables.all(year) as Raw[], (r) => r.n as number),
        decisions: group(this.s.yearDecisions.all(year) as Raw[], (r) => ({ projectId: r.project_id as string, packageSha256: r.package_sha256 as string, verdict: r.verdict as TableReviewData['verdict'] })),
        commentIds: group(this.s.yearComments.all(year) as Raw[], (r) => r.id as string),
        returns: one(this.s.yearReturns.all(year) as Raw[], (r) => r.n as number),
        lastReturn: one(this.s.yearLastReturns.all(year) as Raw[], returnOf),
        grades: one(this.s.yearGrades.all(year) as Raw[], (r) => r.grade as UnitYearReview['grade']),
      };
    });
  }

  // ---- unit side: answers ----

  answers(returnId: number): CommentAnswer[] {
    return this.p.read(() => (this.s.answers.all(returnId) as Raw[]).map(answerOf));
  }

  putAnswer(a: Omit<CommentAnswer, 'answeredAt'>): CommentAnswer {
    return this.p.write(() => {
      const at = this.p.stamp();
      this.s.putAnswer.run(a.returnId, a.commentId, a.projectId, a.handled ? 1 : 0, a.note, at);
      return { ...a, answeredAt: at };
    });
  }
}
