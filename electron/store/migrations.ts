// Schema migrations: the ordered list of steps (applied and tracked in `schema_migrations`
// by migration-runner.ts). A new table is a step appended here.
import type Database from 'better-sqlite3';
import { DEPT_SELF_EVALUATIONS_MIGRATION } from './migration-dept-se.ts';
import { SUBMISSION_DEPT_MIGRATION } from './migration-submission-dept.ts';

type DB = Database.Database;

export interface Migration {
  /** 1, 2, 3, … strictly increasing. Never renumber or edit a released step. */
  version: number;
  name: string;
  /** Runs inside a transaction with foreign keys off; `foreign_key_check` runs after. */
  up(db: DB): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up(db) {
      db.exec(`
        CREATE TABLE units (
          code TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          supervisor_code TEXT,
          supervisor_name TEXT,
          sample INTEGER NOT NULL DEFAULT 0,
          data TEXT NOT NULL CHECK (json_valid(data)),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE projects (
          id TEXT PRIMARY KEY,
          unit_code TEXT NOT NULL REFERENCES units(code) ON DELETE CASCADE,
          year INTEGER NOT NULL,
          seq INTEGER NOT NULL,
          template_id TEXT NOT NULL,
          status TEXT NOT NULL,
          name TEXT NOT NULL,
          data TEXT NOT NULL CHECK (json_valid(data)),
          indicator_count INTEGER NOT NULL DEFAULT 0,
          budget_total INTEGER,
          revision INTEGER NOT NULL DEFAULT 1,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX projects_unit_year_seq ON projects (unit_code, year, seq);
        CREATE TABLE dept_targets (
          unit_code TEXT NOT NULL REFERENCES units(code) ON DELETE CASCADE,
          year INTEGER NOT NULL,
          data TEXT NOT NULL CHECK (json_valid(data)),
          updated_at TEXT NOT NULL,
          PRIMARY KEY (unit_code, year)
        );
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          entity TEXT NOT NULL,
          entity_id TEXT NOT NULL,
          path TEXT NOT NULL,
          old_value TEXT,
          new_value TEXT
        );
        CREATE INDEX audit_log_entity ON audit_log (entity_id, id);
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT
        );
      `);
    },
  },
  {
    version: 2,
    name: 'received-packages',
    // Handover packages received from other units (electron/store/received.ts).
    // Received filings are read-only: triggers refuse changes to them unless the handover
    // import itself has put a row in received_unlock inside its own transaction.
    up(db) {
      db.exec(`
        CREATE TABLE received_packages (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          package_sha256 TEXT NOT NULL UNIQUE,
          unit_code TEXT NOT NULL,
          year INTEGER NOT NULL,
          created_at TEXT NOT NULL,
          received_at TEXT NOT NULL,
          file_name TEXT NOT NULL,
          state TEXT NOT NULL,
          manifest TEXT NOT NULL CHECK (json_valid(manifest)),
          filings TEXT NOT NULL CHECK (json_valid(filings)),
          audit TEXT NOT NULL CHECK (json_valid(audit)),
          diff TEXT CHECK (diff IS NULL OR json_valid(diff))
        );
        CREATE INDEX received_packages_unit_year ON received_packages (unit_code, year, created_at);
        CREATE TABLE received_unit_years (
          unit_code TEXT NOT NULL,
          year INTEGER NOT NULL,
          package_id INTEGER NOT NULL REFERENCES received_packages(id),
          PRIMARY KEY (unit_code, year)
        );
        CREATE TABLE received_units (unit_code TEXT PRIMARY KEY);
        CREATE TABLE received_projects (
          project_id TEXT PRIMARY KEY,
          unit_code TEXT NOT NULL,
          year INTEGER NOT NULL
        );
        CREATE TABLE received_unlock (token INTEGER PRIMARY KEY);
        CREATE TRIGGER received_project_update BEFORE UPDATE OF revision ON projects
          WHEN NOT EXISTS (SELECT 1 FROM received_unlock)
           AND (EXISTS (SELECT 1 FROM received_projects WHERE project_id = OLD.id)
             OR EXISTS (SELECT 1 FROM received_unit_years WHERE unit_code = NEW.unit_code AND year = NEW.year))
          BEGIN SELECT RAISE(ABORT, '这是从报送包接收的数据，只读，不能修改'); END;
        CREATE TRIGGER received_project_delete BEFORE DELETE ON projects
          WHEN NOT EXISTS (SELECT 1 FROM received_unlock)
           AND EXISTS (SELECT 1 FROM received_projects WHERE project_id = OLD.id)
          BEGIN SELECT RAISE(ABORT, '这是从报送包接收的数据，只读，不能删除'); END;
        CREATE TRIGGER received_project_insert BEFORE INSERT ON projects
          WHEN NOT EXISTS (SELECT 1 FROM received_unlock)
           AND EXISTS (SELECT 1 FROM received_unit_years WHERE unit_code = NEW.unit_code AND year = NEW.year)
          BEGIN SELECT RAISE(ABORT, '该单位该年度的数据是从报送包接收的，只读，不能添加项目'); END;
        CREATE TRIGGER received_unit_update BEFORE UPDATE OF name, supervisor_code, supervisor_name, sample ON units
          WHEN NOT EXISTS (SELECT 1 FROM received_unlock)
           AND EXISTS (SELECT 1 FROM received_units WHERE unit_code = OLD.code)
          BEGIN SELECT RAISE(ABORT, '该单位是从报送包接收的，只读，不能修改'); END;
        CREATE TRIGGER received_unit_delete BEFORE DELETE ON units
          WHEN NOT EXISTS (SELECT 1 FROM received_unlock)
           AND EXISTS (SELECT 1 FROM received_units WHERE unit_code = OLD.code)
          BEGIN SELECT RAISE(ABORT, '该单位是从报送包接收的，只读，不能删除'); END;
        CREATE TRIGGER received_dept_insert BEFORE INSERT ON dept_targets
          WHEN NOT EXISTS (SELECT 1 FROM received_unlock)
           AND EXISTS (SELECT 1 FROM received_unit_years WHERE unit_code = NEW.unit_code AND year = NEW.year)
          BEGIN SELECT RAISE(ABORT, '该单位该年度的数据是从报送包接收的，只读，不能修改'); END;
        CREATE TRIGGER received_dept_update BEFORE UPDATE OF updated_at ON dept_targets
          WHEN NOT EXISTS (SELECT 1 FROM received_unlock)
           AND EXISTS (SELECT 1 FROM received_unit_years WHERE unit_code = OLD.unit_code AND year = OLD.year)
          BEGIN SELECT RAISE(ABORT, '该单位该年度的数据是从报送包接收的，只读，不能修改'); END;
        CREATE TRIGGER received_dept_delete BEFORE DELETE ON dept_targets
          WHEN NOT EXISTS (SELECT 1 FROM received_unlock)
           AND EXISTS (SELECT 1 FROM received_unit_years WHERE unit_code = OLD.unit_code AND year = OLD.year)
          BEGIN SELECT RAISE(ABORT, '该单位该年度的数据是从报送包接收的，只读，不能删除'); END;
      `);
    },
  },
  {
    version: 3,
    name: 'project-check-counts',
    // A disposable cache of each project's 审核 counts for the project list (FilingStore
    // listProjectsWithCounts / putCheckCounts). A row is trusted only while the project's
    // revision and updated_at and the caller's ruleset key are the ones it was computed
    // for; deleting every row loses nothing. Not a received-data table: the read-only
    // triggers of migration 2 are on projects, units and dept_targets, never on this one.
    up(db) {
      db.exec(`
        CREATE TABLE project_check_counts (
          project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
          revision INTEGER NOT NULL,
          updated_at TEXT NOT NULL,
          ruleset TEXT NOT NULL,
          errors INTEGER NOT NULL,
          warnings INTEGER NOT NULL,
          open_warnings INTEGER NOT NULL,
          carried INTEGER NOT NULL
        );
      `);
    },
  },
  {
    version: 4,
    name: 'submissions',
    // The handover packages this office has written (electron/services/submit.ts): per
    // unit-year a submission number rising from 1, when, the package's SHA-256 and the
    // tables it carried (ids with their revisions). History: never updated or deleted.
    up(db) {
      db.exec(`
        CREATE TABLE submissions (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          unit_code TEXT NOT NULL,
          year INTEGER NOT NULL,
          submission_no INTEGER NOT NULL CHECK (submission_no >= 1),
          submitted_at TEXT NOT NULL,
          package_sha256 TEXT NOT NULL,
          projects TEXT NOT NULL CHECK (json_valid(projects)),
          UNIQUE (unit_code, year, submission_no)
        );
      `);
    },
  },
  {
    version: 5,
    name: 'yearly-forms',
    // 绩效运行监控 and 绩效自评 forms (one of each per project) and 调整绩效目标 records
    // (electron/store/yearly.ts). They refer to their target project, which therefore
    // cannot be deleted while they exist (no cascade: nothing vanishes as a side effect).
    up(db) {
      db.exec(`
        CREATE TABLE yearly_forms (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('monitoring', 'self-evaluation')),
          project_id TEXT NOT NULL REFERENCES projects(id),
          unit_code TEXT NOT NULL,
          year INTEGER NOT NULL,
          revision INTEGER NOT NULL DEFAULT 1,
          data TEXT NOT NULL CHECK (json_valid(data)),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          UNIQUE (kind, project_id)
        );
        CREATE INDEX yearly_forms_unit_year ON yearly_forms (unit_code, year, kind);
        CREATE TABLE target_adjustments (
          id TEXT PRIMARY KEY,
          project_id TEXT NOT NULL REFERENCES projects(id),
          seq INTEGER NOT NULL,
          data TEXT NOT NULL CHECK (json_valid(data)),
          created_at TEXT NOT NULL,
          UNIQUE (project_id, seq)
        );
      `);
    },
  },
  {
    version: 6,
    name: 'unit-year-settings',
    // The settings of a unit-year (electron/store/unit-year-settings.ts): 表样, 指标体系 and
    // 审核规则, chosen once when the unit-year starts. Received unit-years keep the sender's
    // settings: read-only like their tables unless the handover import unlocks them.
    up(db) {
      db.exec(`
        CREATE TABLE unit_year_settings (
          unit_code TEXT NOT NULL REFERENCES units(code) ON DELETE CASCADE,
          year INTEGER NOT NULL,
          template_id TEXT NOT NULL,
          indicator_system TEXT NOT NULL,
          rule_profile TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          PRIMARY KEY (unit_code, year)
        );
        CREATE TRIGGER received_settings_insert BEFORE INSERT ON unit_year_settings
          WHEN NOT EXISTS (SELECT 1 FROM received_unlock)
           AND EXISTS (SELECT 1 FROM received_unit_years WHERE unit_code = NEW.unit_code AND year = NEW.year)
          BEGIN SELECT RAISE(ABORT, '该单位该年度的数据是从报送包接收的，只读，不能修改设置'); END;
        CREATE TRIGGER received_settings_update BEFORE UPDATE ON unit_year_settings
          WHEN NOT EXISTS (SELECT 1 FROM received_unlock)
           AND EXISTS (SELECT 1 FROM received_unit_years WHERE unit_code = OLD.unit_code AND year = OLD.year)
          BEGIN SELECT RAISE(ABORT, '该单位该年度的数据是从报送包接收的，只读，不能修改设置'); END;
      `);
    },
  },
  {
    version: 7,
    name: 'reviews',
    // The review loop (electron/store/reviews.ts). Receiving side: the reviewer's decision
    // per received table (grade, 意见 per criterion, verdict, the estimate it was pre-filled
    // from kept apart), comments pinned to a table / field / indicator row (by row id), the
    // overall grade per unit-year, and the return packages written. Unit side: the return
    // packages imported and the unit's answer to each comment.
    up(db) {
      db.exec(`
        CREATE TABLE review_tables (
          project_id TEXT PRIMARY KEY,
          unit_code TEXT NOT NULL,
          year INTEGER NOT NULL,
          package_sha256 TEXT NOT NULL,
          data TEXT NOT NULL CHECK (json_valid(data)),
          reviewer TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX review_tables_unit_year ON review_tables (unit_code, year);
        CREATE TABLE review_comments (
          id TEXT PRIMARY KEY,
          project_id TEXT NOT NULL,
          unit_code TEXT NOT NULL,
          year INTEGER NOT NULL,
          path TEXT NOT NULL,
          text TEXT NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('reviewer', 'audit')),
          finding_key TEXT,
          author TEXT NOT NULL,
          created_at TEXT NOT NULL,
          UNIQUE (project_id, finding_key)
        );
        CREATE INDEX review_comments_unit_year ON review_comments (unit_code, year, project_id);
        CREATE TABLE review_unit_years (
          unit_code TEXT NOT NULL,
          year INTEGER NOT NULL,
          data TEXT NOT NULL CHECK (json_valid(data)),
          reviewer TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          PRIMARY KEY (unit_code, year)
        );
        CREATE TABLE review_returns (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          direction TEXT NOT NULL CHECK (direction IN ('sent', 'imported')),
          package_sha256 TEXT NOT NULL,
          unit_code TEXT NOT NULL,
          year INTEGER NOT NULL,
          return_no INTEGER NOT NULL,
          submission_sha256 TEXT NOT NULL,
          created_at TEXT NOT NULL,
          recorded_at TEXT NOT NULL,
          doc TEXT NOT NULL CHECK (json_valid(doc)),
          UNIQUE (direction, package_sha256),
          UNIQUE (direction, unit_code, year, return_no)
        );
        CREATE TABLE review_answers (
          return_id INTEGER NOT NULL REFERENCES review_returns(id),
          comment_id TEXT NOT NULL,
          project_id TEXT NOT NULL,
          handled INTEGER NOT NULL CHECK (handled IN (0, 1)),
          note TEXT NOT NULL,
          answered_at TEXT NOT NULL,
          PRIMARY KEY (return_id, comment_id)
        );
      `);
    },
  },
  {
    version: 8,
    name: 'unit-year-print-settings-dept-revision',
    // The office's print choice travels with its data (was per computer): what 打印 / 导出
    // give by default, 公开稿 or 报送稿, and where the 报送稿 of a book signs. The
    // 部门整体绩效目标 gets a revision, checked on save as a project's is.
    up(db) {
      db.exec(`
        ALTER TABLE dept_targets ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE unit_year_settings ADD COLUMN print_kind TEXT NOT NULL DEFAULT 'public' CHECK (print_kind IN ('public', 'submission'));
        ALTER TABLE unit_year_settings ADD COLUMN signature TEXT NOT NULL DEFAULT 'table' CHECK (signature IN ('table', 'book'));
      `);
    },
  },
  {
    version: 9,
    name: 'received-yearly',
    // Yearly forms and 调整绩效目标 of a received unit-year are read-only like its tables
    // (the handover import writes them inside received_unlock).
    up(db) {
      const guard = (table: string, event: string, row: string) => `
        CREATE TRIGGER received_${table}_${event.toLowerCase()} BEFORE ${event} ON ${table}
          WHEN NOT EXISTS (SELECT 1 FROM received_unlock)
           AND EXISTS (SELECT 1 FROM received_projects WHERE project_id = ${row}.project_id)
          BEGIN SELECT RAISE(ABORT, '这是从报送包接收的数据，只读，不能修改'); END;`;
      db.exec(
        [guard('yearly_forms', 'INSERT', 'NEW'), guard('yearly_forms', 'UPDATE', 'OLD'), guard('yearly_forms', 'DELETE', 'OLD'), guard('target_adjustments', 'INSERT', 'NEW'), guard('target_adjustments', 'DELETE', 'OLD')].join('\n'),
      );
    },
  },
  {
    version: 10,
    name: 'submitted-versions',
    // What a submission packed, per table: the filing at the revision the submission record
    // names (store/submissions.ts), so that monitoring and self-evaluation can score against
    // the 已通过 version after the table was edited. Bounded: the versions of a unit-year's
    // last submissions and those a return passed. Filled here for the submissions whose
    // tables have not changed since (earlier versions were never kept).
    up(db) {
      db.exec(`
        CREATE TABLE submitted_versions (
          project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          revision INTEGER NOT NULL,
          unit_code TEXT NOT NULL,
          year INTEGER NOT NULL,
          data TEXT NOT NULL CHECK (json_valid(data)),
          PRIMARY KEY (project_id, revision)
        );
        CREATE INDEX submitted_versions_unit_year ON submitted_versions (unit_code, year);
        INSERT OR IGNORE INTO submitted_versions (project_id, revision, unit_code, year, data)
          SELECT p.id, p.revision, p.unit_code, p.year, p.data
          FROM submissions s, json_each(s.projects) j
          JOIN projects p ON p.id = json_extract(j.value, '$.id') AND p.revision = json_extract(j.value, '$.revision');
      `);
    },
  },
  {
    version: 11,
    name: 'project-check-counts-hints',
    // The counts cache also holds each table's 提示 count, so the receiver's 汇总 (errors,
    // warnings, hints per unit-year) reads it instead of running 审核 again. The cache is
    // disposable: its rows are dropped (the next list recomputes them), never read without hints.
    up(db) {
      db.exec(`
        DELETE FROM project_check_counts;
        ALTER TABLE project_check_counts ADD COLUMN hints INTEGER NOT NULL DEFAULT 0;
      `);
    },
  },
  DEPT_SELF_EVALUATIONS_MIGRATION,
  SUBMISSION_DEPT_MIGRATION,
];
