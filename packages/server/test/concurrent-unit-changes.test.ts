// A unit-level transition and a criterion command on the same unit, at the same moment, from two
// connections (on PostgreSQL; PGlite runs them one after the other): both take the participant
// lock first, so each pair ends with one refused or both applied — never a deadlock or a 500,
// and the records agree with the unit's state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { commandContext } from '../src/services/context';
import { appraisalService } from './support/services';
import { transitionUnit } from '../src/services/cycles/transitions';
import { AppError } from '../src/services/errors';
import { at } from './publication-fixtures';
import { createAppraisalCycle, recordRow, setSelf, setUnitState, unitState, type AppraisalCycle } from './appraisal-fixtures';
import { createTestDatabase } from './support/database';

const UNITS = 8;
let handle: DatabaseHandle;
let c: AppraisalCycle;

beforeAll(async () => {
  handle = await createTestDatabase();
  c = await createAppraisalCycle(handle.db, UNITS);
  for (const unit of c.units) {
    await setSelf(handle.db, c, unit.id, 'ke-hoach', { kind: 'yes_no', value: true }, '4');
    await setSelf(handle.db, c, unit.id, 'bao-cao', { kind: 'choice', option: 'du' }, '6');
    await setUnitState(handle.db, c, unit.id, 'in_appraisal');
  }
});
afterAll(async () => handle?.close());

/** 'ok', or the refusal's code; anything else (a database error) is rethrown. */
async function outcome(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('return for revision while another agency decides', () => {
  it('never deadlocks, and leaves records consistent with the unit state', async () => {
    const now = () => new Date(at.appraisal);
    const appraisal = appraisalService(handle.db, now);
    const results = await Promise.all(
      c.units.map(async (unit) => {
        const version = (await recordRow(handle.db, c, unit.id, 'ke-hoach')).version;
        return Promise.all([
          outcome(appraisal.decide(c.cycleId, unit.id, 'ke-hoach', { version, decision: { kind: 'accept' } }, c.actors.snv)),
          outcome(transitionUnit(commandContext(handle.db, c.actors.stp, now), { cycleId: c.cycleId, unitId: unit.id, action: 'return_for_revision', reason: 'Thiếu tài liệu' })),
        ]);
      }),
    );
    for (const [index, [decided, returned]] of results.entries()) {
      const unit = c.units[index]!;
      // The return always applies (it does not depend on the decision); the decision either came
      // first (and was then reset to draft by the return) or came second and was refused.
      expect(returned).toBe('ok');
      expect(['ok', 'RULE_VIOLATION', 'CONFLICT']).toContain(decided);
      expect(await unitState(handle.db, c, unit.id)).toBe('returned_for_revision');
      const record = await recordRow(handle.db, c, unit.id, 'ke-hoach');
      expect(record.status).toBe('draft');
    }
  });
});
