/**
 * The services as the service-level tests call them: the actor last, a command context built per
 * call (services/context.ts) at the test's clock, as the HTTP layer builds one per request.
 */
import type { Clock } from '../../src/auth/clock';
import type { Database } from '../../src/db/client';
import type { Actor } from '../../src/services/actor';
import { commandContext } from '../../src/services/context';
import * as appraisal from '../../src/services/appraisal/appraisal-service';
import * as assessments from '../../src/services/assessments/assessment-service';
import * as council from '../../src/services/council/criterion-commands';
import type { BulkConfirmItem } from '../../src/services/appraisal/bulk-confirm';

type Rest<F> = F extends (context: never, ...rest: infer R) => unknown ? R : never;

export function appraisalService(db: Database, clock: Clock) {
  const as = (actor: Actor) => commandContext(db, actor, clock);
  return {
    matrix: (cycleId: string, agency: string | undefined, actor: Actor, page: Omit<appraisal.MatrixQuery, 'agency'> = {}) => appraisal.matrix(as(actor), cycleId, { agency, ...page }),
    pending: (cycleId: string, agency: string | undefined, actor: Actor) => appraisal.pending(as(actor), cycleId, agency),
    decide: (...[cycleId, unitId, nodeKey, input, actor]: [...Rest<typeof appraisal.decide>, Actor]) => appraisal.decide(as(actor), cycleId, unitId, nodeKey, input),
    request: (...[cycleId, unitId, nodeKey, input, actor]: [...Rest<typeof appraisal.request>, Actor]) => appraisal.request(as(actor), cycleId, unitId, nodeKey, input),
    bulkAccept: (cycleId: string, items: readonly appraisal.BulkAcceptItem[], actor: Actor) => appraisal.bulkAccept(as(actor), cycleId, items),
    bulkConfirm: (cycleId: string, nodeKey: string, items: readonly BulkConfirmItem[], actor: Actor) => appraisal.bulkConfirm(as(actor), cycleId, nodeKey, items),
  };
}

export function assessmentService(db: Database, clock: Clock) {
  const as = (actor: Actor) => commandContext(db, actor, clock);
  return {
    getAssessment: (cycleId: string, unitId: string, actor: Actor) => assessments.getAssessment(as(actor), cycleId, unitId),
    saveSelf: (...[cycleId, unitId, nodeKey, input, actor]: [...Rest<typeof assessments.saveSelf>, Actor]) => assessments.saveSelf(as(actor), cycleId, unitId, nodeKey, input),
    answer: (...[cycleId, unitId, nodeKey, input, actor]: [...Rest<typeof assessments.answer>, Actor]) => assessments.answer(as(actor), cycleId, unitId, nodeKey, input),
    myAssessments: (actor: Actor) => assessments.myAssessments(as(actor)),
  };
}

export function councilCommands(db: Database, clock: Clock) {
  const as = (actor: Actor) => commandContext(db, actor, clock);
  return {
    propose: (...[cycleId, unitId, nodeKey, input, actor]: [...Rest<typeof council.propose>, Actor]) => council.propose(as(actor), cycleId, unitId, nodeKey, input),
    approve: (...[cycleId, unitId, nodeKey, input, actor]: [...Rest<typeof council.approve>, Actor]) => council.approve(as(actor), cycleId, unitId, nodeKey, input),
    reject: (...[cycleId, unitId, nodeKey, input, actor]: [...Rest<typeof council.reject>, Actor]) => council.reject(as(actor), cycleId, unitId, nodeKey, input),
  };
}
