// One open project. The database is the single source of truth: `stored` is exactly what
// the last call returned (filing + revision); what the form shows is `stored` with the
// edits still waiting for their save applied on top. Saves run one at a time, each with
// the revision of the previous answer, and each committed edit is one projects.save.
import type { ApiClient, SavedProject } from '../../../shared/api/contract.ts';
import type { ProjectFiling } from '../../../shared/model/filing.ts';
import { STATUS_LABELS, editConfirmQuestion } from '../../../shared/model/status.ts';
import { sameEdit } from '../../../shared/model/content.ts';
import { keepUnsaved, type UnsavedCopy } from './unsaved.ts';
import { errorCode, errorText } from '../api/client.ts';
import { applyEdit } from '../form/ops.ts';
import type { Edit } from '../form/ops.ts';

/** `declined`: the user chose not to change a 已审核 / 已报送 / 已通过 table (nothing failed). */
export type SaveState = 'idle' | 'saving' | 'saved' | 'error' | 'offline' | 'declined';

/** Two versions of the table: the one stored (by another window) and this window's, for the user to choose. */
export interface Conflict {
  mine: ProjectFiling;
}

export interface EditorSnapshot {
  filing: ProjectFiling;
  revision: number;
  save: SaveState;
  /** Reason of the last failure (Chinese). */
  message: string;
  /** A save was refused as READ_ONLY (a received filing): edits are dropped. */
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Label of the step undo / redo would take. */
  undoLabel: string;
  redoLabel: string;
  conflict: Conflict | null;
}

/** `force`: the user confirmed changing an 已审核 / 已报送 / 已通过 table. */
export interface RemoteOptions {
  force?: true;
}
type RemoteCall = (stored: SavedProject, opts: RemoteOptions) => Promise<SavedProject>;

type Task =
  | { kind: 'edit'; edit: Edit; undo: boolean; record: 'do' | 'undo' | 'redo' | 'none' }
  | { kind: 'remote'; run: (stored: SavedProject) => Promise<SavedProject>; label: string }
  /** The whole filing as this window had it (unsaved edits restored, or the user's version of a conflict). */
  | { kind: 'replace'; filing: ProjectFiling };

const askInWindow = (question: string): boolean => typeof window !== 'undefined' && window.confirm(question);

const UNDO_LIMIT = 500;

export class ProjectEditor {
  private stored: SavedProject;
  private queue: Task[] = [];
  private busy = false;
  private undoStack: Edit[] = [];
  private redoStack: Edit[] = [];
  private listeners = new Set<() => void>();
  private snap: EditorSnapshot;
  private saveState: SaveState = 'idle';
  private readOnly = false;
  private message = '';
  private closed = false;
  private conflict: Conflict | null = null;
  /** Called after the queue drains following a successful save (审核 refresh). */
  onSaved: ((s: SavedProject) => void) | null = null;
  /** Called when an undo/redo was applied, with the edit (to move the focus there). */
  onStep: ((e: Edit, undo: boolean) => void) | null = null;
  /** Asks before an 已审核 / 已报送 / 已通过 table is changed (it becomes a 草稿); true = go on. */
  confirmEdit: (question: string) => boolean = askInWindow;

  constructor(
    private readonly api: ApiClient,
    initial: SavedProject,
  ) {
    this.stored = initial;
    this.readOnly = !!initial.readOnly;
    if (this.readOnly) this.message = '从报送包接收的数据，不能修改';
    this.snap = this.makeSnap();
  }

  get id(): string {
    return this.stored.filing.id;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): EditorSnapshot => this.snap;

  /** Whether edits are still waiting to be stored. */
  get pending(): boolean {
    return this.queue.length > 0;
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  private view(): ProjectFiling {
    let f = this.stored.filing;
    for (const t of this.queue) {
      if (t.kind === 'edit') f = applyEdit(f, t.edit, t.undo);
      else if (t.kind === 'replace') f = t.filing;
    }
    return f;
  }

  private makeSnap(): EditorSnapshot {
    const u = this.undoStack.at(-1);
    const r = this.redoStack.at(-1);
    return {
      filing: this.view(),
      revision: this.stored.revision,
      save: this.saveState,
      message: this.message,
      readOnly: this.readOnly,
      canUndo: !!u,
      canRedo: !!r,
      undoLabel: u?.label ?? '',
      redoLabel: r?.label ?? '',
      conflict: this.conflict,
    };
  }

  private emit(): void {
    this.snap = this.makeSnap();
    for (const l of this.listeners) l();
  }

  /** A committed edit: shown at once, stored by its own projects.save. */
  commit(edit: Edit): void {
    if (this.readOnly) return;
    const before = this.view();
    if (applyEdit(before, edit) === before) return; // nothing changes: no save, no undo step
    this.undoStack.push(edit);
    if (this.undoStack.length > UNDO_LIMIT) this.undoStack.shift();
    this.redoStack = [];
    this.enqueue({ kind: 'edit', edit, undo: false, record: 'do' });
  }

  undo(): boolean {
    const e = this.undoStack.pop();
    if (!e) return false;
    this.redoStack.push(e);
    this.enqueue({ kind: 'edit', edit: e, undo: true, record: 'undo' });
    this.onStep?.(e, true);
    return true;
  }

  redo(): boolean {
    const e = this.redoStack.pop();
    if (!e) return false;
    this.undoStack.push(e);
    this.enqueue({ kind: 'edit', edit: e, undo: false, record: 'redo' });
    this.onStep?.(e, false);
    return true;
  }

  /** A call that changes the stored filing itself (applyFix, explain, setStatus), in turn. */
  remote(label: string, run: RemoteCall, undoable?: Edit): Promise<void> {
    return new Promise((resolve, reject) => {
      const task: Task = {
        kind: 'remote',
        label,
        run: async (s) => {
          try {
            const r = await this.confirmed((opts) => run(s, opts));
            resolve();
            return r;
          } catch (e) {
            if (undoable) {
              const k = this.undoStack.lastIndexOf(undoable);
              if (k >= 0) this.undoStack.splice(k, 1);
            }
            reject(e);
            throw e;
          }
        },
      };
      if (undoable) {
        this.undoStack.push(undoable);
        this.redoStack = [];
      }
      this.enqueue(task);
    });
  }

  private enqueue(t: Task): void {
    this.queue.push(t);
    this.keep();
    this.saveState = 'saving';
    this.emit();
    void this.pump();
  }

  /** The edits waiting (or the user's side of a conflict) into localStorage, synchronously. */
  private keep(): void {
    if (this.conflict) keepUnsaved(this.id, { revision: -1, filing: this.conflict.mine });
    else if (this.queue.some((t) => t.kind !== 'remote')) keepUnsaved(this.id, { revision: this.stored.revision, filing: this.view() });
    else keepUnsaved(this.id, null);
  }

  /**
   * A copy of unsaved edits found when the table is opened: nothing to do if the stored
   * table already holds it; sent again if it was made on the stored revision; otherwise the
   * table changed meanwhile and both versions are kept for the user to choose.
   */
  restore(copy: UnsavedCopy | null): void {
    if (!copy || sameEdit(copy.filing, this.stored.filing)) {
      keepUnsaved(this.id, null);
      return;
    }
    if (copy.revision === this.stored.revision) this.enqueue({ kind: 'replace', filing: { ...copy.filing, status: this.stored.filing.status } });
    else this.setConflict(copy.filing);
  }

  private setConflict(mine: ProjectFiling): void {
    this.conflict = { mine };
    this.undoStack = [];
    this.redoStack = [];
    this.keep();
    this.emit();
  }

  /** The conflict resolved by keeping the stored version (this window's is dropped). */
  keepTheirs(): void {
    this.conflict = null;
    this.keep();
    this.emit();
  }

  /** The conflict resolved by storing this window's version over the other one. */
  keepMine(): void {
    const c = this.conflict;
    if (!c) return;
    this.conflict = null;
    this.enqueue({ kind: 'replace', filing: { ...c.mine, status: this.stored.filing.status } });
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    let savedAny = false;
    let failed = false;
    let declined = '';
    let offline = 0;
    while (this.queue.length && !this.closed) {
      const task = this.queue[0]!;
      try {
        let result: SavedProject;
        if (task.kind !== 'remote') {
          const next = task.kind === 'replace' ? task.filing : applyEdit(this.stored.filing, task.edit, task.undo);
          if (next === this.stored.filing) {
            this.queue.shift();
            continue;
          }
          const expectedRevision = this.stored.revision;
          result = await this.confirmed((opts) => this.api.call('projects.save', { filing: next, expectedRevision, ...opts }));
        } else {
          result = await task.run(this.stored);
        }
        this.stored = result;
        this.queue.shift();
        this.keep();
        savedAny = true;
        offline = 0;
      } catch (e) {
        if (errorCode(e) === 'NETWORK' && task.kind !== 'remote') {
          // The backend cannot be reached: the edits stay (here and in localStorage) and go again.
          this.saveState = 'offline';
          this.message = errorText(e);
          this.emit();
          await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** offline++, 8000)));
          continue;
        }
        const mine = this.view();
        this.queue.shift();
        // A refused remote call (a status change 审核 does not allow) saved nothing and lost
        // nothing: its caller tells the user why; it is no 保存失败.
        const refused = task.kind === 'remote' && !['CONFLICT', 'NOT_FOUND', 'READ_ONLY'].includes(errorCode(e) ?? '');
        if (refused) {
          if (!this.closed) this.emit();
          continue;
        }
        if (errorCode(e) === 'NEEDS_CONFIRM') {
          // The user chose not to change the table: no 保存失败, the edit and those behind it go.
          declined = `未修改：该表仍为“${STATUS_LABELS[this.stored.filing.status]}”（已取消刚才的修改）`;
          if (task.kind === 'edit') this.forget(task);
          this.queue = this.queue.filter((t) => t.kind === 'remote');
          this.keep();
          if (!this.closed) this.emit();
          continue;
        }
        failed = true;
        this.message = errorText(e);
        if (task.kind === 'edit') this.forget(task);
        if (errorCode(e) === 'CONFLICT' && task.kind !== 'remote') this.conflict = { mine };
        if (errorCode(e) === 'READ_ONLY') this.readOnly = true;
        if (errorCode(e) === 'CONFLICT' || errorCode(e) === 'NOT_FOUND' || errorCode(e) === 'READ_ONLY') {
          // Someone else changed it: everything queued was computed on an old version.
          this.queue = this.queue.filter((t) => t.kind === 'remote');
          this.undoStack = [];
          this.redoStack = [];
          await this.reload().catch(() => undefined);
        }
        this.keep();
      }
      if (!this.closed) this.emit();
    }
    this.busy = false;
    if (this.closed) return;
    this.saveState = failed ? 'error' : declined ? 'declined' : savedAny ? 'saved' : this.saveState === 'saving' ? 'saved' : this.saveState;
    if (!failed) this.message = declined;
    this.emit();
    if (savedAny) this.onSaved?.(this.stored);
  }

  /** Runs a call; refused as NEEDS_CONFIRM, asks the user and, if confirmed, runs it once more with force. */
  private async confirmed(call: (opts: RemoteOptions) => Promise<SavedProject>): Promise<SavedProject> {
    try {
      return await call({});
    } catch (e) {
      if (errorCode(e) !== 'NEEDS_CONFIRM' || !this.confirmEdit(editConfirmQuestion(this.stored.filing.status))) throw e;
      return call({ force: true });
    }
  }

  /** A failed edit leaves no undo/redo step behind. */
  private forget(task: Extract<Task, { kind: 'edit' }>): void {
    if (task.record === 'do' || task.record === 'redo') {
      const k = this.undoStack.lastIndexOf(task.edit);
      if (k >= 0) this.undoStack.splice(k, 1);
    } else if (task.record === 'undo') {
      const k = this.redoStack.lastIndexOf(task.edit);
      if (k >= 0) this.redoStack.splice(k, 1);
    }
  }

  async reload(): Promise<void> {
    const fresh = await this.api.call('projects.get', { id: this.stored.filing.id });
    this.stored = fresh;
    this.emit();
  }

  /** Resolves when every queued save has run (used before leaving the project). */
  async flush(): Promise<void> {
    while (this.busy || this.queue.length) await new Promise((r) => setTimeout(r, 20));
  }
}
