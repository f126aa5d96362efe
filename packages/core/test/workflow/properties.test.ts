import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CriterionRecord, type NodeInput, type ResolvedValue, type ScoreValue, type UnitFacts, type UnitState, type WorkflowRole,
  UNIT_ACTIONS, UNIT_STATES, WORKFLOW_ROLES, allowedActions, applyUnitAction, canProduce, consolidateUnit, indexNodes,
  newCriterionRecord, resolveValue, rolesFor,
} from '../../src/index.ts';
import { A, type ActorName, T, type Moment, fw, unitCtx } from './fixtures.ts';

const actorNames = Object.keys(A) as ActorName[];
const moments = Object.keys(T) as Moment[];
const arbFacts: fc.Arbitrary<UnitFacts> = fc.record({
  submissionErrors: fc.constantFrom(0, 0, 2),
  pendingDecisions: fc.constantFrom(0, 0, 1),
  unansweredRequests: fc.constantFrom(0, 0, 1),
  pendingProposals: fc.constantFrom(0, 0, 1),
});
const arbStep = fc.record({
  actor: fc.constantFrom(...actorNames),
  moment: fc.constantFrom(...moments),
  facts: arbFacts,
  pick: fc.nat(),
});

/**
 * Walk the table taking, at each step, one of the actions allowed then: to the drawn actor,
 * or (`anyActor`) to whichever actor may act, moving only forward (or waiting) three times in four.
 */
function walk(
  steps: readonly { actor: ActorName; moment: Moment; facts: UnitFacts; pick: number }[],
  visit?: (s: UnitState) => void,
  anyActor = false,
): UnitState[] {
  let state: UnitState = 'draft';
  const path: UnitState[] = [state];
  for (const st of steps) {
    visit?.(state);
    const actors = anyActor ? actorNames : [st.actor];
    let choices = actors.flatMap((name) => {
      const ctx = unitCtx({ state, actor: A[name], now: T[st.moment], facts: st.facts });
      return allowedActions(ctx).filter((o) => o.allowed).map((o) => ({ ctx, action: o.action }));
    });
    const forward = choices.filter((c) => !['edit', 'withdraw', 'return_for_revision'].includes(c.action));
    if (anyActor && st.pick % 4 !== 0) choices = forward;
    if (choices.length === 0) continue;
    const c = choices[st.pick % choices.length]!;
    const r = applyUnitAction(c.ctx, c.action, { reason: 'Lý do' });
    if (!r.ok) throw new Error(`allowed action refused: ${r.refusal.message}`);
    state = r.to;
    path.push(state);
  }
  return path;
}

describe('unit workflow properties', () => {
  it('no sequence of allowed actions reaches published without passing approved', () => {
    let published = 0;
    fc.assert(fc.property(fc.array(arbStep, { minLength: 1, maxLength: 80, size: 'max' }), (steps) => {
      const path = walk(steps);
      for (let i = 0; i < path.length; i++) {
        expect(UNIT_STATES).toContain(path[i]);
        if (path[i] === 'published') {
          expect(path[i - 1]).toBe('approved');
          expect(path.slice(0, i)).toContain('council_reviewed');
          expect(path.slice(0, i)).toContain('submitted');
          published++;
        }
        // Published is final.
        if (i > 0 && path[i - 1] === 'published') expect(path[i]).toBe('published');
      }
    }), { numRuns: 200 });
    // With time running forward, random walks do get through the whole year.
    fc.assert(fc.property(fc.array(fc.tuple(arbStep, fc.nat(3)), { minLength: 40, maxLength: 80 }), (raw) => {
      const ordered = [...moments].sort((a, b) => T[a] - T[b]);
      let at = 0;
      const steps = raw.map(([st, adv]) => {
        if (adv === 0) at = Math.min(at + 1, ordered.length - 1);
        return { ...st, moment: ordered[at]! };
      });
      const path = walk(steps, undefined, true);
      const i = path.indexOf('published');
      if (i >= 0) {
        expect(path[i - 1]).toBe('approved');
        published++;
      }
    }), { numRuns: 150 });
    expect(published).toBeGreaterThan(3);
  }, 30_000);

  it('an action refused to a role is refused in every state, at every time, whatever came before', () => {
    fc.assert(fc.property(fc.array(arbStep, { maxLength: 30 }), fc.constantFrom(...moments), arbFacts, (steps, moment, facts) => {
      walk(steps, (state) => {
        for (const name of actorNames) {
          const actor = A[name];
          for (const o of allowedActions(unitCtx({ state, actor, now: T[moment], facts }))) {
            const mayEver = rolesFor(o.action).some((r) => (actor.roles as readonly WorkflowRole[]).includes(r));
            expect(o.refusal?.code === 'role').toBe(!mayEver);
            if (o.allowed) expect(mayEver).toBe(true);
          }
        }
      });
    }), { numRuns: 30 });
  }, 30_000);

  it('single-role actors: refusal by role does not depend on state or time', () => {
    fc.assert(fc.property(
      fc.constantFrom(...WORKFLOW_ROLES), fc.constantFrom(...UNIT_STATES), fc.constantFrom(...moments), arbFacts,
      fc.constantFrom(...UNIT_ACTIONS),
      (role, state, moment, facts, action) => {
        const actor = { roles: [role], unitId: 'u1', agency: 'STP', chair: true };
        const o = allowedActions(unitCtx({ state, actor, now: T[moment], facts })).find((x) => x.action === action)!;
        expect(o.refusal?.code === 'role').toBe(!rolesFor(action).includes(role));
      },
    ));
  });
});

const nodes = indexNodes(fw);
const rounding = fw.settings.rounding;

const arbInput: Record<string, fc.Arbitrary<NodeInput>> = {
  c11: fc.constantFrom('on_time', 'late', 'none').map((option) => ({ kind: 'choice', option })),
  c12: fc.tuple(fc.nat(200), fc.nat(200)).map(([n, d]) => ({ kind: 'rate', numerator: n, denominator: d })),
  c13: fc.integer({ min: 0, max: 24 }).map((k) => ({ kind: 'manual', points: k * 0.25 })),
  c21: fc.tuple(fc.nat(100), fc.nat(100)).map(([n, d]) => ({ kind: 'rate', numerator: Math.min(n, d), denominator: d })),
  c22: fc.oneof(fc.boolean().map((value): NodeInput => ({ kind: 'yes_no', value })), fc.constant<NodeInput>({ kind: 'not_applicable', reason: 'Không có TTHC' })),
  c23: fc.nat(10).map((occurrences) => ({ kind: 'count', occurrences })),
};

/** A value for a leaf: an input, or — half the time — the bare points that input gives. */
function arbValue(key: string): fc.Arbitrary<ResolvedValue> {
  return fc.tuple(arbInput[key]!, fc.boolean()).map(([input, bare]) => {
    const r = resolveValue(nodes.get(key)!, { input }, rounding);
    if (!r.ok) throw new Error(r.error.message);
    if (!bare || r.value.notApplicable) return r.value;
    const asPoints: ScoreValue = { points: r.value.points };
    const b = resolveValue(nodes.get(key)!, asPoints, rounding);
    if (!b.ok) throw new Error(b.error.message);
    return b.value;
  });
}

const arbRecord = (key: string): fc.Arbitrary<CriterionRecord> => fc.record({
  self: fc.option(arbInput[key]!, { nil: undefined }),
  appraised: fc.option(arbValue(key), { nil: undefined }),
  council: fc.option(fc.tuple(arbValue(key), fc.boolean()), { nil: undefined }),
}).map(({ self, appraised, council }) => ({
  ...newCriterionRecord(key, self ? { input: self } : {}),
  status: 'appraised',
  ...(appraised ? { appraisal: { kind: 'adjust', value: appraised, decidedAt: 0, reason: 'r' } } : {}),
  ...(council ? { council: { value: council[0], reason: 'r', proposedAt: 0, approved: council[1] } } : {}),
}));

describe('consolidation properties', () => {
  it('effective points always equal one of the self, appraised or council values, by precedence, and feed scoreUnit unchanged', () => {
    const keys = Object.keys(arbInput);
    fc.assert(fc.property(fc.tuple(...keys.map(arbRecord)), (recs) => {
      const records = Object.fromEntries(recs.map((r) => [r.nodeKey, r]));
      const c = consolidateUnit(fw, 'u', {}, records);
      for (const l of c.leaves) {
        const rec = records[l.key]!;
        const selfPoints = l.self?.points;
        const candidates = [selfPoints, rec.appraisal?.value.points, rec.council?.approved ? rec.council.value.points : undefined];
        const expected = rec.council?.approved ? 'council' : rec.appraisal ? 'appraised' : l.self ? 'self' : 'none';
        expect(l.level).toBe(expected);
        if (l.effective) expect(candidates).toContain(l.effective.points);
        const ns = c.score.nodes.get(l.key)!;
        if (l.effective && !l.effective.notApplicable) {
          expect(ns.applicable).toBe(true);
          expect(ns.achieved).toBe(l.effective.points);
        }
        if (l.effective?.notApplicable) expect(ns.applicable).toBe(false);
        expect(l.difference).toBe((l.effective?.points ?? 0) - (selfPoints ?? 0));
      }
    }), { numRuns: 300 });
  }, 30_000);

  it('every value a rule gives from an input is one it can produce', () => {
    const keys = Object.keys(arbInput);
    fc.assert(fc.property(fc.constantFrom(...keys).chain((k) => fc.tuple(fc.constant(k), arbInput[k]!)), ([key, input]) => {
      const r = resolveValue(nodes.get(key)!, { input }, rounding);
      if (r.ok && !r.value.notApplicable) expect(canProduce(nodes.get(key)!, r.value.points, rounding)).toBe(true);
    }), { numRuns: 500 });
  });
});
