// Program settings: text values by key (the model fingerprint, the user's choices).
import type Database from 'better-sqlite3';

export class SettingsTable {
  private readonly getValue: Database.Statement;
  private readonly setValue: Database.Statement;
  private readonly deleteValue: Database.Statement;

  constructor(db: Database.Database) {
    this.getValue = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.setValue = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    this.deleteValue = db.prepare('DELETE FROM settings WHERE key = ?');
  }

  get(key: string): string | null {
    return (this.getValue.get(key) as { value: string | null } | undefined)?.value ?? null;
  }

  /** `null` removes the setting. */
  set(key: string, value: string | null): void {
    if (value === null) this.deleteValue.run(key);
    else this.setValue.run(key, value);
  }
}
