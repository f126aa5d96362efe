/** Pure helpers of the tasks' pages: order, open work, links back into request bodies, the criteria tree. */
import type { Task, TaskCounts, TaskLink, TaskLinkBody } from '../../../api/follow-up-tasks';

/** Overdue first, then open work by deadline, then done and cancelled ones. */
export function sortTasks<T extends Pick<Task, 'overdue' | 'status' | 'deadline'>>(tasks: readonly T[]): T[] {
  const rank = (t: T) => (t.overdue ? 0 : t.status === 'open' || t.status === 'in_progress' ? 1 : t.status === 'done' ? 2 : 3);
  return [...tasks].sort((a, b) => rank(a) - rank(b) || a.deadline.localeCompare(b.deadline));
}

/** Still to do: neither done nor cancelled. */
export const isOpenTask = (t: Pick<Task, 'status'>): boolean => t.status === 'open' || t.status === 'in_progress';

/** A task's links as the request body takes them (editing a task sends them back). */
export function linkBodyOf(link: TaskLink): TaskLinkBody {
  switch (link.kind) {
    case 'criterion': return { kind: 'criterion', frameworkVersionId: link.frameworkVersionId, nodeKey: link.nodeKey };
    case 'target': return { kind: 'target', targetId: link.targetId };
    case 'external_component': return { kind: 'external_component', indexKey: link.indexKey, componentKey: link.componentKey };
  }
}

/** One key per link, to tell a link already added. */
export function linkKey(link: TaskLinkBody): string {
  switch (link.kind) {
    case 'criterion': return `c:${link.frameworkVersionId}:${link.nodeKey}`;
    case 'target': return `t:${link.targetId}`;
    case 'external_component': return `e:${link.indexKey}:${link.componentKey}`;
  }
}

/** The tasks that count for progress: cancelled ones do not. */
export const countedTasks = (c: Pick<TaskCounts, 'total' | 'cancelled'>): number => c.total - c.cancelled;

/** Share of the counted tasks that are done, 0–100, for a progress bar. */
export function donePercent(c: Pick<TaskCounts, 'total' | 'done' | 'cancelled'>): number {
  const counted = countedTasks(c);
  return counted > 0 ? Math.round((c.done * 100) / counted) : 0;
}

interface TreeNode { key: string; code: string; name: string; children?: readonly TreeNode[] }
export interface CriterionOption { value: string; title: string; children?: CriterionOption[] }

/** A framework's nodes as TreeSelect data: every node is a choice, labelled "code name". */
export function criterionOptions(nodes: readonly TreeNode[]): CriterionOption[] {
  return nodes.map((n) => ({
    value: n.key,
    title: `${n.code} ${n.name}`,
    ...(n.children?.length ? { children: criterionOptions(n.children) } : {}),
  }));
}

/** The components of an index's newest edition (what a task can be about now). */
export function newestComponents<C>(editions: readonly { year: number; components: readonly C[] }[]): readonly C[] {
  return editions.reduce<{ year: number; components: readonly C[] } | undefined>((a, e) => (!a || e.year > a.year ? e : a), undefined)?.components ?? [];
}
