/**
 * The council's criterion commands: a member proposes a final score with a reason; the chair
 * (`workflowActorFor` → `chair`) approves or rejects the proposal. The core decides who and when
 * (`propose_final`, `approve_final`, `reject_proposal`); one transaction each.
 */
import { describeValue } from '@chiso/core';
import type { Database, Executor } from '../../db/client';
import { usersOfUnits } from '../../db/repositories/cycle-repository';
import type { Actor } from '../actor';
import type { CriterionView } from '../assessments/criterion-view';
import { participant } from '../cycles/context';
import { assessmentLink } from '../cycles/transitions';
import { afterCommit, notify } from '../notifications/notification-service';
import { runCriterionCommandIn, scoreValueOf, type CommandEffect, type CommandSpec, type ScoreValueInput } from '../appraisal/criterion-command';

export interface CouncilCommandDeps {
  db: Database;
  now?: () => Date;
}

export interface ProposeInput {
  version: number;
  value: ScoreValueInput;
  reason: string;
}

const councilLink = (e: CommandEffect) => `/council?cycle=${e.ctx.cycle.id}&group=${participant(e.ctx, e.saved.unitId).unit.groupId}`;

/** The chair hears of a proposal to decide. */
async function notifyChair(tx: Executor, e: CommandEffect, at: Date): Promise<string[]> {
  const chair = e.ctx.cycle.councilChairUserId;
  const council = e.saved.record.council;
  if (!chair || !council) return [];
  const { unit } = participant(e.ctx, e.saved.unitId);
  return notify(
    tx,
    [{ id: chair }],
    {
      kind: 'criterion.council_proposed',
      title: `Hội đồng đề xuất điểm tiêu chí ${e.node.code} của ${unit.name}`,
      body: `Đề xuất: ${describeValue(council.value)}. Lý do: ${council.reason}`,
      link: councilLink(e),
    },
    at,
  );
}

/** The unit hears of its approved final score. */
async function notifyApproved(tx: Executor, e: CommandEffect, at: Date): Promise<string[]> {
  const council = e.saved.record.council;
  if (!council) return [];
  const { unit } = participant(e.ctx, e.saved.unitId);
  return notify(
    tx,
    await usersOfUnits(tx, [e.saved.unitId], ['unit_officer', 'unit_head']),
    {
      kind: 'criterion.council_approved',
      title: `${unit.name}: Chủ tịch Hội đồng phê duyệt điểm tiêu chí ${e.node.code}`,
      body: `Điểm cuối cùng: ${describeValue(council.value)}. Lý do: ${council.reason}`,
      link: assessmentLink(e.ctx.cycle.id, e.saved.unitId),
    },
    at,
  );
}

/** Whoever proposed hears that the chair did not approve. */
async function notifyRejected(tx: Executor, e: CommandEffect, at: Date): Promise<string[]> {
  const by = e.previous.meta.councilProposedBy;
  const rejected = e.saved.record.rejectedProposal;
  if (!by || !rejected) return [];
  const { unit } = participant(e.ctx, e.saved.unitId);
  return notify(
    tx,
    [{ id: by }],
    {
      kind: 'criterion.council_rejected',
      title: `Chủ tịch Hội đồng không phê duyệt đề xuất tiêu chí ${e.node.code} của ${unit.name}`,
      body: `Lý do: ${rejected.rejectionReason}`,
      link: councilLink(e),
    },
    at,
  );
}

export function createCouncilCommands(deps: CouncilCommandDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  async function run(cycleId: string, unitId: string, nodeKey: string, version: number, actor: Actor, spec: (at: Date) => CommandSpec): Promise<CriterionView> {
    const at = now();
    const outcome = await db.transaction((tx) => runCriterionCommandIn(tx, { cycleId, unitId, nodeKey, version }, actor, at, spec(at)));
    afterCommit(db, outcome.notificationIds);
    return outcome.view;
  }

  /** `POST …/criteria/:nodeKey/propose` (council members). */
  const propose = (cycleId: string, unitId: string, nodeKey: string, input: ProposeInput, actor: Actor) => {
    const value = scoreValueOf(input.value, 'value');
    return run(cycleId, unitId, nodeKey, input.version, actor, (at) => ({
      action: 'propose_final',
      command: { type: 'propose_final', value, reason: input.reason },
      reason: input.reason,
      notify: (tx, e) => notifyChair(tx, e, at),
    }));
  };

  /** `POST …/criteria/:nodeKey/approve` (the chair). */
  const approve = (cycleId: string, unitId: string, nodeKey: string, input: { version: number }, actor: Actor) =>
    run(cycleId, unitId, nodeKey, input.version, actor, (at) => ({
      action: 'approve_final',
      command: { type: 'approve_final' },
      notify: (tx, e) => notifyApproved(tx, e, at),
    }));

  /** `POST …/criteria/:nodeKey/reject` (the chair). */
  const reject = (cycleId: string, unitId: string, nodeKey: string, input: { version: number; reason: string }, actor: Actor) =>
    run(cycleId, unitId, nodeKey, input.version, actor, (at) => ({
      action: 'reject_proposal',
      command: { type: 'reject_proposal', reason: input.reason },
      reason: input.reason,
      notify: (tx, e) => notifyRejected(tx, e, at),
    }));

  return { propose, approve, reject };
}

export type CouncilCommands = ReturnType<typeof createCouncilCommands>;
