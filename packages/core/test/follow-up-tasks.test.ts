import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FOLLOW_UP_TASK_STATUSES, type FollowUpTaskStatus, countTasks, countTasksBy, isTaskOverdue, statusAfterReport, taskDeadlineInstant, vietnamDay,
} from '../src/index.ts';

describe('the Vietnam day and the deadline instant', () => {
  it('turns at midnight in Vietnam, not UTC', () => {
    expect(vietnamDay(new Date('2025-03-31T16:59:59Z'))).toBe('2025-03-31');
    expect(vietnamDay(new Date('2025-03-31T17:00:00Z'))).toBe('2025-04-01');
  });

  it('a deadline lasts to the end of its day in Vietnam', () => {
    expect(new Date(taskDeadlineInstant('2025-03-31')).toISOString()).toBe('2025-03-31T16:59:59.999Z');
  });
});

describe('isTaskOverdue', () => {
  it('is overdue from the day after the deadline, while open or in progress', () => {
    expect(isTaskOverdue({ deadline: '2025-03-31', status: 'open' }, '2025-03-31')).toBe(false);
    expect(isTaskOverdue({ deadline: '2025-03-31', status: 'open' }, '2025-04-01')).toBe(true);
    expect(isTaskOverdue({ deadline: '2025-03-31', status: 'in_progress' }, '2025-04-01')).toBe(true);
  });

  it('never for a task done or cancelled', () => {
    expect(isTaskOverdue({ deadline: '2025-03-31', status: 'done' }, '2026-01-01')).toBe(false);
    expect(isTaskOverdue({ deadline: '2025-03-31', status: 'cancelled' }, '2026-01-01')).toBe(false);
  });
});

describe('countTasks', () => {
  const today = '2025-06-01';
  const tasks: { unit: string; deadline: string; status: FollowUpTaskStatus }[] = [
    { unit: 'STP', deadline: '2025-05-01', status: 'done' },
    { unit: 'STP', deadline: '2025-05-01', status: 'in_progress' },
    { unit: 'SNV', deadline: '2025-07-01', status: 'open' },
    { unit: 'SNV', deadline: '2025-05-31', status: 'open' },
    { unit: 'SNV', deadline: '2025-05-31', status: 'cancelled' },
    { unit: 'VP', deadline: '2025-12-31', status: 'in_progress' },
  ];

  it('puts each task in one bucket: overdue ones only there', () => {
    expect(countTasks(tasks, today)).toEqual({ total: 6, open: 1, inProgress: 1, done: 1, overdue: 2, cancelled: 1 });
  });

  it('counts per unit in the order the units first appear', () => {
    const byUnit = countTasksBy(tasks, (t) => t.unit, today);
    expect([...byUnit.keys()]).toEqual(['STP', 'SNV', 'VP']);
    expect(byUnit.get('STP')).toEqual({ total: 2, open: 0, inProgress: 0, done: 1, overdue: 1, cancelled: 0 });
    expect(byUnit.get('SNV')).toEqual({ total: 3, open: 1, inProgress: 0, done: 0, overdue: 1, cancelled: 1 });
  });

  const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const task = fc.record({ unit: fc.constantFrom('A', 'B', 'C'), deadline: day, status: fc.constantFrom(...FOLLOW_UP_TASK_STATUSES) });

  it('property: the buckets add up to the total, per unit and overall, and the units add up to the whole', () => {
    fc.assert(
      fc.property(fc.array(task, { maxLength: 40 }), day, (list, now) => {
        const all = countTasks(list, now);
        const sum = (c: typeof all) => c.open + c.inProgress + c.done + c.overdue + c.cancelled;
        expect(sum(all)).toBe(all.total);
        expect(all.total).toBe(list.length);
        const parts = [...countTasksBy(list, (t) => t.unit, now).values()];
        for (const c of parts) expect(sum(c)).toBe(c.total);
        for (const key of ['total', 'open', 'inProgress', 'done', 'overdue', 'cancelled'] as const) {
          expect(parts.reduce((s, c) => s + c[key], 0)).toBe(all[key]);
        }
        expect(all.overdue).toBe(list.filter((t) => isTaskOverdue(t, now)).length);
      }),
    );
  });
});

describe('statusAfterReport', () => {
  it('a done report completes the task; an in-progress one marks it under way', () => {
    expect(statusAfterReport('open', 'done')).toEqual({ ok: true, status: 'done' });
    expect(statusAfterReport('open', 'in_progress')).toEqual({ ok: true, status: 'in_progress' });
    expect(statusAfterReport('in_progress', 'done')).toEqual({ ok: true, status: 'done' });
  });

  it('a done or cancelled task takes no report (the administrator reopens it)', () => {
    expect(statusAfterReport('done', 'in_progress')).toEqual({ ok: false, reason: 'done' });
    expect(statusAfterReport('cancelled', 'done')).toEqual({ ok: false, reason: 'cancelled' });
  });
});
