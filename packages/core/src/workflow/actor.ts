/**
 * Who acts in the workflow. The server builds a `WorkflowActor` from its session actor
 * and the cycle's set-up (which agency an appraiser works for, who chairs the council).
 */

import { LABELS } from '../messages/labels.ts';

/** Roles that take part in the assessment cycle (leader_viewer only reads). */
export type WorkflowRole = 'unit_officer' | 'unit_head' | 'appraiser' | 'council_member' | 'admin' | 'leader_viewer';

export const WORKFLOW_ROLES: readonly WorkflowRole[] = [
  'unit_officer', 'unit_head', 'appraiser', 'council_member', 'admin', 'leader_viewer',
];

export interface WorkflowActor {
  readonly roles: readonly WorkflowRole[];
  /** The person's user id: who proposed a council score may not decide on it. */
  readonly userId?: string;
  /** The unit the person belongs to: officers and heads act only on it. */
  readonly unitId?: string;
  /** For appraisers: the code of the appraising agency they work for. */
  readonly agency?: string;
  /** For council members: whether they chair the council (Chủ tịch Hội đồng). */
  readonly chair?: boolean;
}

export const ROLE_LABELS: Readonly<Record<WorkflowRole, string>> = LABELS.vi.role;

export function hasWorkflowRole(actor: WorkflowActor, role: WorkflowRole): boolean {
  return actor.roles.includes(role);
}
