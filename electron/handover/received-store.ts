// Received handover packages, kept with their history (migration 2 in
// electron/store/migrations.ts; statements in electron/store/received.ts). The handover
// import writes the filings (through FilingStore.importBatch / deleteProject) and its own
// rows in ONE transaction (`unlocked`); nested store writes become savepoints.
//
// Read-only received data: SQLite triggers (migration 2) refuse every change to a
// received project, unit-year, unit or 部门整体目标 from any code path (API, CLI, import
// of interchange JSON), unless a row is present in received_unlock — which only the
// handover import inserts and deletes inside its own transaction.
import type { FilingStore } from '../store/store.ts';
import type {
  NewReceivedPackage,
  PackageState,
  ReceivedPackageRecord,
  ReceivedPackageRow,
  ReceivedPackages,
} from '../store/received.ts';

export type { PackageState, ReceivedPackageRecord, ReceivedPackageRow };

export class ReceivedStore {
  private readonly packages: ReceivedPackages;
  constructor(readonly store: FilingStore) {
    this.packages = store.received;
  }

  findByHash(sha256: string): ReceivedPackageRow | null {
    return this.packages.findByHash(sha256);
  }

  current(unitCode: string, year: number): ReceivedPackageRow | null {
    return this.packages.current(unitCode, year);
  }

  /** Every received package (of one unit-year, of one year): highest submission number first, then newest received. */
  list(filter: { unitCode?: string; year?: number; state?: PackageState } = {}): ReceivedPackageRow[] {
    return this.packages.list(filter);
  }

  get(id: number): ReceivedPackageRecord | null {
    return this.packages.get(id);
  }

  isReceivedProject(id: string): boolean {
    return this.packages.isReceivedProject(id);
  }

  isReceivedUnitYear(unitCode: string, year: number): boolean {
    return this.packages.isReceivedUnitYear(unitCode, year);
  }

  isReceivedUnit(code: string): boolean {
    return this.packages.isReceivedUnit(code);
  }

  /** Ids of projects of a unit-year that were not received (the office's own). */
  ownProjectIds(unitCode: string, year: number): string[] {
    return this.packages.ownProjectIds(unitCode, year);
  }

  /** Where each given project id is stored now (unit, year), for ids that exist. */
  projectHomes(ids: readonly string[]): Map<string, { unitCode: string; year: number }> {
    return this.packages.projectHomes(ids);
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction with received data unlocked; FilingStore
   * writes inside it are savepoints of this transaction.
   */
  unlocked<T>(fn: () => T): T {
    return this.packages.unlocked(fn);
  }

  /** Inside `unlocked`: records a package; `makeCurrent` moves the unit-year to it. */
  record(p: NewReceivedPackage): number {
    return this.packages.record(p);
  }

  /** Inside `unlocked`: package `id` becomes the current version of its unit-year. */
  markCurrent(id: number, unitCode: string, year: number, projectIds: readonly string[], unitIsNew: boolean): void {
    this.packages.markCurrent(id, unitCode, year, projectIds, unitIsNew);
  }

  /** Inside `unlocked`: removes a 部门整体目标 the newer package no longer has. */
  deleteDeptTarget(unitCode: string, year: number): void {
    this.packages.deleteDeptTarget(unitCode, year);
  }
}
