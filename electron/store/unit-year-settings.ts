// The unit_year_settings table (migration 6; print fields: migration 8): 表样, 指标体系, 审核规则
// and the default print (公开稿 / 报送稿, where the signature goes) of a unit-year.
// Reached through FilingStore.unitYearSettings; a write is validated, one transaction of the
// store, and goes to the audit log (entity unit_year, id `unitCode/year`).
import type Database from 'better-sqlite3';
import { unitYearSettingsSchema, type UnitYearSettings } from '../../shared/settings/unit-year.ts';
import { validate } from './errors.ts';
import type { AuditLog } from './audit.ts';

export interface StoredUnitYearSettings extends UnitYearSettings {
  createdAt: string;
  updatedAt: string;
}

interface Row {
  unit_code: string;
  year: number;
  template_id: string;
  indicator_system: string;
  rule_profile: string;
  print_kind: string;
  signature: string;
  created_at: string;
  updated_at: string;
}

export interface SettingsPlumbing {
  write<T>(fn: () => T): T;
  read<T>(fn: () => T): T;
  stamp(): string;
  audit: AuditLog;
}

export const unitYearEntityId = (unitCode: string, year: number): string => `${unitCode}/${year}`;

export class UnitYearSettingsTable {
  private readonly s;

  constructor(db: Database.Database, private readonly p: SettingsPlumbing) {
    const q = (sql: string) => db.prepare(sql);
    this.s = {
      get: q('SELECT * FROM unit_year_settings WHERE unit_code = ? AND year = ?'),
      years: q('SELECT year FROM unit_year_settings WHERE unit_code = ? ORDER BY year'),
      insert: q(`INSERT INTO unit_year_settings (unit_code, year, template_id, indicator_system, rule_profile, print_kind, signature, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      update: q(`UPDATE unit_year_settings SET template_id = ?, indicator_system = ?, rule_profile = ?, print_kind = ?, signature = ?, updated_at = ?
        WHERE unit_code = ? AND year = ?`),
    };
  }

  get(unitCode: string, year: number): StoredUnitYearSettings | null {
    return this.p.read(() => {
      const r = this.s.get.get(unitCode, year) as Row | undefined;
      if (!r) return null;
      // Stored values are re-validated: a hand-edited row is refused, not trusted.
      const v = validate(unitYearSettingsSchema, {
        unitCode: r.unit_code,
        year: r.year,
        templateId: r.template_id,
        indicatorSystem: r.indicator_system,
        ruleProfile: r.rule_profile,
        printKind: r.print_kind,
        signature: r.signature,
      }, '单位年度设置');
      return { ...v, createdAt: r.created_at, updatedAt: r.updated_at };
    });
  }

  /** The years of a unit that have settings (started, even before their first table). */
  years(unitCode: string): number[] {
    return this.p.read(() => (this.s.years.all(unitCode) as { year: number }[]).map((r) => r.year));
  }

  /** Creates or changes the settings; `action` names the change in the audit log. Returns the stored row. */
  put(input: UnitYearSettings, action: string): StoredUnitYearSettings {
    const v = validate(unitYearSettingsSchema, input, '单位年度设置');
    return this.p.write(() => {
      const old = this.s.get.get(v.unitCode, v.year) as Row | undefined;
      const at = this.p.stamp();
      const entityId = unitYearEntityId(v.unitCode, v.year);
      const values = { templateId: v.templateId, indicatorSystem: v.indicatorSystem, ruleProfile: v.ruleProfile, printKind: v.printKind, signature: v.signature };
      if (!old) {
        this.s.insert.run(v.unitCode, v.year, v.templateId, v.indicatorSystem, v.ruleProfile, v.printKind, v.signature, at, at);
        this.p.audit.record(at, action, 'unit_year', entityId, '', null, values);
      } else {
        this.s.update.run(v.templateId, v.indicatorSystem, v.ruleProfile, v.printKind, v.signature, at, v.unitCode, v.year);
        const before = { templateId: old.template_id, indicatorSystem: old.indicator_system, ruleProfile: old.rule_profile, printKind: old.print_kind, signature: old.signature };
        this.p.audit.recordWrite(at, action, 'unit_year', entityId, before, values);
      }
      return { ...v, createdAt: old?.created_at ?? at, updatedAt: at };
    });
  }
}
