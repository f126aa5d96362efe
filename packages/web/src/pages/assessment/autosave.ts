/**
 * Autosave of a unit's criterion drafts: debounced PUT per criterion with the version last
 * read, so nothing typed is lost:
 * - a draft stays until the server has acknowledged exactly that draft;
 * - a failed save keeps it, and retries (network and server errors automatically);
 * - a stale version (409) stops and asks: keep mine (sent again on the current version) or take theirs;
 * - unsaved drafts are also kept in localStorage, and come back after a reload or a crash.
 */
import { isApiError, type ApiError } from '../../api/client';
import type { CriterionSave, CriterionView } from '../../api/assessments';
import type { Draft, DraftCheck } from './model';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; error: unknown }
  | { kind: 'conflict' };

interface Entry {
  draft: Draft;
  rev: number;
}

export interface AutosaveDeps {
  save: (nodeKey: string, body: CriterionSave) => Promise<CriterionView>;
  /** The server's view after a save (or the other person's, when taken). */
  onView: (view: CriterionView) => void;
  /** The input a draft stands for, or why it cannot be sent yet. */
  check: (nodeKey: string, draft: Draft) => DraftCheck;
  storageKey: string;
  debounceMs?: number;
  retryMs?: number;
}

export class AutosaveStore {
  private readonly deps: AutosaveDeps;
  private readonly entries = new Map<string, Entry>();
  private readonly views = new Map<string, CriterionView>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inflight = new Map<string, number>();
  private readonly errors = new Map<string, unknown>();
  private readonly conflicts = new Map<string, CriterionView>();
  private readonly held = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private lastSavedAt: Date | null = null;
  private rev = 0;
  private snapshot = 0;
  private disposed = false;

  constructor(deps: AutosaveDeps, views: Record<string, CriterionView>) {
    this.deps = deps;
    for (const [k, v] of Object.entries(views)) this.views.set(k, v);
    for (const [k, d] of Object.entries(this.loadLocal())) {
      if (this.views.has(k)) {
        this.entries.set(k, { draft: d, rev: ++this.rev });
      }
    }
  }

  // ---------- reading (useSyncExternalStore) ----------
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): number => this.snapshot;

  draft(key: string): Draft | undefined {
    return this.entries.get(key)?.draft;
  }

  drafts(): Map<string, Draft> {
    return new Map([...this.entries].map(([k, e]) => [k, e.draft]));
  }

  view(key: string): CriterionView | undefined {
    return this.views.get(key);
  }

  conflict(key: string): CriterionView | undefined {
    return this.conflicts.get(key);
  }

  conflictKeys(): string[] {
    return [...this.conflicts.keys()];
  }

  error(key: string): unknown {
    return this.errors.get(key);
  }

  heldReason(key: string): string | undefined {
    return this.held.get(key);
  }

  dirty(): boolean {
    return this.entries.size > 0;
  }

  isDirty(key: string): boolean {
    return this.entries.has(key);
  }

  state(): SaveState {
    if (this.conflicts.size) return { kind: 'conflict' };
    const err = [...this.errors.values()][0];
    if (err !== undefined) return { kind: 'error', error: err };
    if (this.inflight.size || this.timers.size) return { kind: 'saving' };
    if (this.lastSavedAt && !this.entries.size) return { kind: 'saved', at: this.lastSavedAt };
    return { kind: 'idle' };
  }

  // ---------- writing ----------
  /** The server's view changed (refetch): drafts stay on top; a clean criterion takes it. */
  setView(view: CriterionView): void {
    const cur = this.views.get(view.nodeKey);
    if (cur && cur.version > view.version) return;
    this.views.set(view.nodeKey, view);
    this.emit();
  }

  edit(key: string, draft: Draft): void {
    this.entries.set(key, { draft, rev: ++this.rev });
    this.errors.delete(key);
    this.saveLocal();
    this.schedule(key, this.deps.debounceMs ?? 800);
    this.emit();
  }

  /** Save everything pending now (before submitting, on "retry"). */
  flushAll(): void {
    for (const k of this.entries.keys()) if (!this.conflicts.has(k)) this.schedule(k, 0);
  }

  keepMine(key: string): void {
    const theirs = this.conflicts.get(key);
    if (!theirs) return;
    this.conflicts.delete(key);
    this.views.set(key, theirs);
    this.deps.onView(theirs);
    this.schedule(key, 0);
    this.emit();
  }

  takeTheirs(key: string): void {
    const theirs = this.conflicts.get(key);
    if (!theirs) return;
    this.conflicts.delete(key);
    this.entries.delete(key);
    this.errors.delete(key);
    this.views.set(key, theirs);
    this.deps.onView(theirs);
    this.saveLocal();
    this.emit();
  }

  /** Mounted: send what is pending (also after React's development double mount). */
  start(): void {
    this.disposed = false;
    this.flushAll();
  }

  /** Unmounted: stop the timers; drafts stay in localStorage. */
  stop(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private schedule(key: string, ms: number): void {
    if (this.disposed) return;
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.flush(key);
    }, ms));
  }

  private async flush(key: string): Promise<void> {
    if (this.disposed) return;
    const entry = this.entries.get(key);
    const view = this.views.get(key);
    if (!entry || !view || this.conflicts.has(key)) return this.emit();
    if (this.inflight.has(key)) return; // sent again when the current one returns
    const c = this.deps.check(key, entry.draft);
    if (!c.ok) {
      this.held.set(key, c.problem);
      return this.emit();
    }
    this.held.delete(key);
    const sentRev = entry.rev;
    this.inflight.set(key, sentRev);
    this.emit();
    try {
      const saved = await this.deps.save(key, {
        version: view.version,
        input: c.input,
        explanation: entry.draft.explanation,
        evidenceIds: entry.draft.evidenceIds,
      });
      this.inflight.delete(key);
      this.errors.delete(key);
      this.views.set(key, saved);
      this.deps.onView(saved);
      this.lastSavedAt = new Date();
      const now = this.entries.get(key);
      if (now && now.rev === sentRev) this.entries.delete(key);
      else if (now) this.schedule(key, 0);
      this.saveLocal();
    } catch (e) {
      this.inflight.delete(key);
      if (isApiError(e) && e.status === 409) {
        const current = e.details[0]?.current as CriterionView | undefined;
        if (current && current.nodeKey) {
          this.conflicts.set(key, current);
          this.errors.delete(key);
        } else {
          this.errors.set(key, e);
        }
      } else {
        this.errors.set(key, e);
        if (retryable(e)) this.schedule(key, this.deps.retryMs ?? 5000);
      }
    }
    this.emit();
  }

  private emit(): void {
    this.snapshot++;
    for (const l of this.listeners) l();
  }

  private loadLocal(): Record<string, Draft> {
    try {
      const raw = localStorage.getItem(this.deps.storageKey);
      return raw ? (JSON.parse(raw) as Record<string, Draft>) : {};
    } catch {
      return {};
    }
  }

  private saveLocal(): void {
    try {
      if (!this.entries.size) localStorage.removeItem(this.deps.storageKey);
      else localStorage.setItem(this.deps.storageKey, JSON.stringify(Object.fromEntries([...this.entries].map(([k, e]) => [k, e.draft]))));
    } catch {
      /* storage full or private mode: the page still warns before leaving */
    }
  }
}

/** Network and server errors are retried; refusals (400, 403, 422) wait for the person. */
function retryable(e: unknown): boolean {
  if (!isApiError(e)) return true;
  const err: ApiError = e;
  return err.status === 0 || err.status >= 500 || err.status === 429;
}
