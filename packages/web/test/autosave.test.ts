// The self-assessment autosave: nothing typed is lost — not on a failed save, not while a save is
// under way, not on a conflict, not on a reload.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/client';
import type { CriterionSave, CriterionView } from '../src/api/assessments';
import { AutosaveStore, type AutosaveDeps } from '../src/pages/assessment/autosave';
import type { Draft } from '../src/pages/assessment/model';

/** localStorage for node: what the browser keeps across a reload. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) { return this.items.get(key) ?? null; }
  setItem(key: string, value: string) { this.items.set(key, value); }
  removeItem(key: string) { this.items.delete(key); }
}

const view = (version: number, points: string | null = null): CriterionView => ({
  id: 'r1', nodeKey: 'ke-hoach', status: 'draft',
  self: { input: null, points, explanation: null, evidence: [] },
  requests: [], version, ownAgencyUnit: false, may: { edit: true, answer: false, decide: false, request: false, propose: false, approve: false },
});
const draft = (option: string, explanation = ''): Draft => ({ form: { option }, notApplicable: false, naReason: '', explanation, evidenceIds: [] });

let storage: MemoryStorage;
let sent: CriterionSave[];
let answers: ((body: CriterionSave) => Promise<CriterionView>)[];

function store(overrides: Partial<AutosaveDeps> = {}) {
  const s = new AutosaveStore({
    save: (_key, body) => {
      sent.push(body);
      const answer = answers.shift();
      return answer ? answer(body) : Promise.resolve(view(body.version + 1));
    },
    onView: () => {},
    check: (_key, d) => ({ ok: true, input: { kind: 'choice', option: String(d.form.option) } }),
    storageKey: 'drafts:c1:u1',
    debounceMs: 100,
    retryMs: 1000,
    ...overrides,
  }, { 'ke-hoach': view(1) });
  s.start();
  return s;
}

beforeEach(() => {
  vi.useFakeTimers();
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
  sent = [];
  answers = [];
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('autosave', () => {
  it('sends a draft after the pause with the version last read, then forgets it', async () => {
    const s = store();
    s.edit('ke-hoach', draft('kip-thoi', 'Ban hành ngày 10/01'));
    expect(storage.items.get('drafts:c1:u1')).toContain('kip-thoi');
    expect(s.state().kind).toBe('saving');
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toEqual([{ version: 1, input: { kind: 'choice', option: 'kip-thoi' }, explanation: 'Ban hành ngày 10/01', evidenceIds: [] }]);
    expect(s.isDirty('ke-hoach')).toBe(false);
    expect(s.view('ke-hoach')?.version).toBe(2);
    expect(s.state().kind).toBe('saved');
    expect(storage.items.has('drafts:c1:u1')).toBe(false);
  });

  it('keeps what is typed during a save and sends it next, on the new version', async () => {
    let release!: (v: CriterionView) => void;
    answers.push(() => new Promise((resolve) => { release = resolve; }));
    const s = store();
    s.edit('ke-hoach', draft('cham'));
    await vi.advanceTimersByTimeAsync(100);
    s.edit('ke-hoach', draft('kip-thoi'));
    await vi.advanceTimersByTimeAsync(100); // the second save waits for the first
    expect(sent).toHaveLength(1);
    release(view(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((b) => [b.version, b.input])).toEqual([
      [1, { kind: 'choice', option: 'cham' }],
      [2, { kind: 'choice', option: 'kip-thoi' }],
    ]);
    expect(s.isDirty('ke-hoach')).toBe(false);
  });

  it('keeps the draft through a network failure and retries by itself', async () => {
    answers.push(() => Promise.reject(new ApiError(0, 'NETWORK', 'Mất kết nối')));
    const s = store();
    s.edit('ke-hoach', draft('kip-thoi'));
    await vi.advanceTimersByTimeAsync(100);
    expect(s.state().kind).toBe('error');
    expect(s.draft('ke-hoach')?.form.option).toBe('kip-thoi');
    expect(storage.items.get('drafts:c1:u1')).toContain('kip-thoi');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(2);
    expect(s.isDirty('ke-hoach')).toBe(false);
    expect(s.state().kind).toBe('saved');
  });

  it('does not retry a refusal: the draft waits for the person', async () => {
    answers.push(() => Promise.reject(new ApiError(422, 'RULE_VIOLATION', 'Đã hết hạn tự đánh giá')));
    const s = store();
    s.edit('ke-hoach', draft('kip-thoi'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(1);
    expect(s.isDirty('ke-hoach')).toBe(true);
    expect((s.error('ke-hoach') as ApiError).message).toBe('Đã hết hạn tự đánh giá');
  });

  it('on a conflict asks; "keep mine" sends it on their version, "take theirs" drops it', async () => {
    const theirs = { ...view(5, '1.000'), self: { ...view(5).self, input: { kind: 'choice' as const, option: 'cham' } } };
    const conflict = () => Promise.reject(new ApiError(409, 'CONFLICT', 'Đã có người khác lưu', [{ path: 'version', message: 'cũ', current: theirs }]));
    answers.push(conflict);
    const s = store();
    s.edit('ke-hoach', draft('kip-thoi'));
    await vi.advanceTimersByTimeAsync(100);
    expect(s.state().kind).toBe('conflict');
    expect(s.conflict('ke-hoach')?.version).toBe(5);
    s.keepMine('ke-hoach');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.at(-1)).toMatchObject({ version: 5, input: { option: 'kip-thoi' } });

    answers.push(conflict);
    s.edit('ke-hoach', draft('khong'));
    await vi.advanceTimersByTimeAsync(100);
    s.takeTheirs('ke-hoach');
    expect(s.isDirty('ke-hoach')).toBe(false);
    expect(s.view('ke-hoach')?.self.input).toEqual({ kind: 'choice', option: 'cham' });
  });

  it('brings unsaved drafts back after a reload and sends them', async () => {
    answers.push(() => Promise.reject(new ApiError(503, 'UNAVAILABLE', 'Máy chủ bận')));
    const first = store();
    first.edit('ke-hoach', draft('kip-thoi'));
    await vi.advanceTimersByTimeAsync(100);
    first.stop(); // the tab is closed

    const second = store();
    expect(second.draft('ke-hoach')?.form.option).toBe('kip-thoi');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.at(-1)).toMatchObject({ version: 1, input: { option: 'kip-thoi' } });
    expect(second.isDirty('ke-hoach')).toBe(false);
  });

  it('holds a draft the rule cannot take yet, with the reason, without sending it', async () => {
    const s = store({ check: () => ({ ok: false, problem: 'incomplete' }) });
    s.edit('ke-hoach', draft('x'));
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toEqual([]);
    expect(s.heldReason('ke-hoach')).toBe('incomplete');
    expect(s.isDirty('ke-hoach')).toBe(true);
  });
});
