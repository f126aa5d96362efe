/**
 * The council's criterion commands: a member proposes a final score with a reason; the chair
 * (`workflowActorFor` → `chair`) approves or rejects the proposal. The core decides who and when
 * (`propose_final`, `approve_final`, `reject_proposal`); one transaction each.
 */
import { describeValue } from '@chiso/core';
import { usersOfUnits } from '../../db/repositories/cycle-repository';
import { inTransaction, type RequestContext, type TxContext } from '../context';
import type { CriterionView } from '../assessments/criterion-view';
import { participant } from '../cycles/context';
import { assessmentLink } from '../cycles/transitions';
import { notify } from '../notifications/notification-service';
import { runCriterionCommandIn, scoreValueOf, type CommandEffect, type CommandSpec, type ScoreValueInput } from '../appraisal/criterion-command';

export interface ProposeInput {
  version: number;
  value: ScoreValueInput;
  reason: string;
}

const councilLink = (e: CommandEffect) => `/council?cycle=${e.ctx.cycle.id}&group=${participant(e.ctx, e.saved.unitId).unit.groupId}`;

/** The chair hears of a proposal to decide. */
async function notifyChair(t: TxContext, e: CommandEffect): Promise<string[]> {
  const chair = e.ctx.cycle.councilChairUserId;
  const council = e.saved.record.council;
  if (!chair || !council) return [];
  const { unit } = participant(e.ctx, e.saved.unitId);
  return notify(
    t,
    [{ id: chair }],
    {
      kind: 'criterion.council_proposed',
      title: `Hội đồng đề xuất điểm tiêu chí ${e.node.code} của ${unit.name}`,
      body: `Đề xuất: ${describeValue(council.value)}. Lý do: ${council.reason}`,
      link: councilLink(e),
    },
  );
}

/** The unit hears of its approved final score. */
async function notifyApproved(t: TxContext, e: CommandEffect): Promise<string[]> {
  const council = e.saved.record.council;
  if (!council) return [];
  const { unit } = participant(e.ctx, e.saved.unitId);
  return notify(
    t,
    await usersOfUnits(t.tx, [e.saved.unitId], ['unit_officer', 'unit_head']),
    {
      kind: 'criterion.council_approved',
      title: `${unit.name}: Chủ tịch Hội đồng phê duyệt điểm tiêu chí ${e.node.code}`,
      body: `Điểm cuối cùng: ${describeValue(council.value)}. Lý do: ${council.reason}`,
      link: assessmentLink(e.ctx.cycle.id, e.saved.unitId),
    },
  );
}

/** Whoever proposed hears that the chair did not approve. */
async function notifyRejected(t: TxContext, e: CommandEffect): Promise<string[]> {
  const by = e.previous.meta.councilProposedBy;
  const rejected = e.saved.record.rejectedProposal;
  if (!by || !rejected) return [];
  const { unit } = participant(e.ctx, e.saved.unitId);
  return notify(
    t,
    [{ id: by }],
    {
      kind: 'criterion.council_rejected',
      title: `Chủ tịch Hội đồng không phê duyệt đề xuất tiêu chí ${e.node.code} của ${unit.name}`,
      body: `Lý do: ${rejected.rejectionReason}`,
      link: councilLink(e),
    },
  );
}

async function run(context: RequestContext, cycleId: string, unitId: string, nodeKey: string, version: number, spec: CommandSpec): Promise<CriterionView> {
  const outcome = await inTransaction(context, (t) => runCriterionCommandIn(t, { cycleId, unitId, nodeKey, version }, spec));
  return outcome.view;
}

/** `POST …/criteria/:nodeKey/propose` (council members). */
export function propose(context: RequestContext, cycleId: string, unitId: string, nodeKey: string, input: ProposeInput): Promise<CriterionView> {
  const value = scoreValueOf(input.value, 'value');
  return run(context, cycleId, unitId, nodeKey, input.version, {
    action: 'propose_final',
    command: { type: 'propose_final', value, reason: input.reason },
    reason: input.reason,
    notify: notifyChair,
  });
}

/** `POST …/criteria/:nodeKey/approve` (the chair). */
export function approve(context: RequestContext, cycleId: string, unitId: string, nodeKey: string, input: { version: number }): Promise<CriterionView> {
  return run(context, cycleId, unitId, nodeKey, input.version, { action: 'approve_final', command: { type: 'approve_final' }, notify: notifyApproved });
}

/** `POST …/criteria/:nodeKey/reject` (the chair). */
export function reject(context: RequestContext, cycleId: string, unitId: string, nodeKey: string, input: { version: number; reason: string }): Promise<CriterionView> {
  return run(context, cycleId, unitId, nodeKey, input.version, {
    action: 'reject_proposal',
    command: { type: 'reject_proposal', reason: input.reason },
    reason: input.reason,
    notify: notifyRejected,
  });
}
