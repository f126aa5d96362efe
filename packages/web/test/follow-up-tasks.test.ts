import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countedTasks, criterionOptions, donePercent, isOpenTask, linkBodyOf, linkKey, newestComponents, sortTasks } from '../src/pages/follow-up/tasks/task-view';
import type { Task } from '../src/api/follow-up-tasks';

type Row = Pick<Task, 'overdue' | 'status' | 'deadline'> & { id: string };
const row = (id: string, status: Task['status'], deadline: string, overdue = false): Row => ({ id, status, deadline, overdue });

describe('sortTasks', () => {
  it('puts overdue tasks first, then open work by deadline, then done and cancelled ones', () => {
    const tasks = [
      row('done', 'done', '2025-01-01'),
      row('later', 'open', '2025-12-31'),
      row('cancelled', 'cancelled', '2024-01-01'),
      row('late', 'in_progress', '2025-03-01', true),
      row('sooner', 'in_progress', '2025-06-30'),
    ];
    expect(sortTasks(tasks).map((t) => t.id)).toEqual(['late', 'sooner', 'later', 'done', 'cancelled']);
  });

  it('keeps every task and leaves its input alone', () => {
    const statuses = ['open', 'in_progress', 'done', 'cancelled'] as const;
    const arb = fc.array(fc.record({
      id: fc.uuid(), status: fc.constantFrom(...statuses), overdue: fc.boolean(),
      deadline: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    }));
    fc.assert(fc.property(arb, (tasks) => {
      const copy = [...tasks];
      const sorted = sortTasks(tasks);
      expect(tasks).toEqual(copy);
      expect([...sorted].map((t) => t.id).sort()).toEqual(tasks.map((t) => t.id).sort());
      // No overdue task after one that is not.
      const firstNotOverdue = sorted.findIndex((t) => !t.overdue);
      if (firstNotOverdue >= 0) expect(sorted.slice(firstNotOverdue).some((t) => t.overdue)).toBe(false);
    }));
  });
});

describe('task counts', () => {
  it('leaves cancelled tasks out of the progress', () => {
    const c = { total: 20, done: 12, cancelled: 2 };
    expect(countedTasks(c)).toBe(18);
    expect(donePercent(c)).toBe(67);
  });
  it('is 0 % with nothing to count', () => {
    expect(donePercent({ total: 1, done: 0, cancelled: 1 })).toBe(0);
  });
  it('tells open work', () => {
    expect(['open', 'in_progress', 'done', 'cancelled'].map((status) => isOpenTask({ status: status as Task['status'] }))).toEqual([true, true, false, false]);
  });
});

describe('links', () => {
  it('sends a task\'s links back as the body takes them, one key each', () => {
    const links: Task['links'] = [
      { kind: 'criterion', frameworkVersionId: 'v1', programCode: 'PAR', nodeKey: 'n1', code: '1.2', name: 'Ban hành kế hoạch' },
      { kind: 'target', targetId: 't1', code: 'CT3', name: 'Tỷ lệ hồ sơ trực tuyến' },
      { kind: 'external_component', indexKey: 'PAPI', componentKey: 'c2', name: 'Công khai, minh bạch' },
    ];
    const bodies = links.map(linkBodyOf);
    expect(bodies).toEqual([
      { kind: 'criterion', frameworkVersionId: 'v1', nodeKey: 'n1' },
      { kind: 'target', targetId: 't1' },
      { kind: 'external_component', indexKey: 'PAPI', componentKey: 'c2' },
    ]);
    expect(new Set(bodies.map(linkKey)).size).toBe(3);
  });
});

describe('newestComponents', () => {
  it('offers the components of the newest edition, whatever the order', () => {
    const editions = [{ year: 2023, components: ['c1'] }, { year: 2024, components: ['c1', 'c2'] }, { year: 2022, components: [] }];
    expect(newestComponents(editions)).toEqual(['c1', 'c2']);
    expect(newestComponents([])).toEqual([]);
  });
});

describe('criterionOptions', () => {
  it('labels every node by code and name, keeping the tree', () => {
    const tree = criterionOptions([{ key: 'a', code: '1', name: 'Công tác chỉ đạo', children: [{ key: 'b', code: '1.1', name: 'Kế hoạch' }] }]);
    expect(tree).toEqual([{ value: 'a', title: '1 Công tác chỉ đạo', children: [{ value: 'b', title: '1.1 Kế hoạch' }] }]);
  });
});
