/**
 * Conclusion notices and their tasks (issue 12 §1). A notice belongs to an organising unit (null:
 * the province): the administrators whose scope covers it record and edit it and its tasks; the
 * administrator, council and leaders of that scope read everything of it; a unit's officers and head
 * see the tasks their unit is responsible for or cooperates on (and a notice only through those).
 * Only the responsible unit's staff report progress.
 */
import { administers, type Actor } from '../actor';
import { forbidden } from '../errors';
import { isStaffOf, readsEveryUnitOf } from './roles';

export interface TaskFacts {
  ownerUnitId: string | null;
  responsibleUnitId: string;
  cooperatingUnitIds: readonly string[];
}

/** Whether the actor records and edits the owner's notices and tasks. */
export const mayManageNotices = (actor: Actor, ownerUnitId: string | null): boolean => administers(actor, ownerUnitId);

/** Whether the actor reads every task of the owner's notices. */
export const readsAllNotices = (actor: Actor, ownerUnitId: string | null): boolean => readsEveryUnitOf(actor, ownerUnitId);

/** Whether the actor's unit takes part in the task (responsible or cooperating) and the actor is its staff. */
export const staffInvolvedIn = (actor: Actor, task: Omit<TaskFacts, 'ownerUnitId'>): boolean =>
  isStaffOf(actor, task.responsibleUnitId) || task.cooperatingUnitIds.some((unitId) => isStaffOf(actor, unitId));

export const maySeeTask = (actor: Actor, task: TaskFacts): boolean => readsAllNotices(actor, task.ownerUnitId) || staffInvolvedIn(actor, task);

/** Only the officers and head of the responsible unit (đơn vị chủ trì) report progress. */
export const mayReportTask = (actor: Actor, task: Pick<TaskFacts, 'responsibleUnitId'>): boolean => isStaffOf(actor, task.responsibleUnitId);

/** The `may` flags sent to the web app: `report` only while the task takes reports (neither done nor cancelled). */
export const taskAbilities = (actor: Actor, task: TaskFacts & { status: string }) => ({
  edit: mayManageNotices(actor, task.ownerUnitId),
  report: mayReportTask(actor, task) && (task.status === 'open' || task.status === 'in_progress'),
});

export function assertMayManageNotices(actor: Actor, ownerUnitId: string | null): void {
  if (!mayManageNotices(actor, ownerUnitId)) throw forbidden('Chỉ quản trị viên của cấp ban hành thông báo kết luận được ghi, sửa thông báo và giao nhiệm vụ.');
}

export function assertMayReportTask(actor: Actor, task: Pick<TaskFacts, 'responsibleUnitId'>): void {
  if (!mayReportTask(actor, task)) throw forbidden('Chỉ cán bộ, lãnh đạo của đơn vị chủ trì được báo cáo tiến độ nhiệm vụ này.');
}

export const taskNotVisible = () => forbidden('Bạn chỉ xem được nhiệm vụ mà đơn vị mình chủ trì hoặc phối hợp thực hiện.');
