// Two administrators naming two cycles alike at the same moment: both pass the name check, the
// unique key (`cycles_owner_program_year_name_key`) stops the second writer, who gets the same 409
// DUPLICATE as the checked case, not a 500. The check is made to miss here (the other writer's row
// is not yet committed when it runs), so the key is what answers.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { cycles } from '../src/db/schema/cycles';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { AppError } from '../src/services/errors';
import { createCycle, updateCycle, type CalendarInput } from '../src/services/cycles/cycle-service';
import { createCycle as fixtureCycle } from './assessments-fixtures';
import { createTestDatabase } from './support/database';
import { createUnit, createUser } from './support/factories';

vi.mock('../src/db/repositories/cycle-repository', async (original) => ({
  ...(await original<typeof import('../src/db/repositories/cycle-repository')>()),
  findCycleByName: async () => undefined,
}));

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const calendar: CalendarInput = {
  selfAssessmentDeadline: at(30), appraisalFrom: at(31), appraisalTo: at(40), explanationFrom: at(31), explanationTo: at(38), councilDate: at(45), publicationDate: at(50),
};

describe('a cycle name taken by another writer at the same moment', () => {
  let database: DatabaseHandle;
  let actor: Actor;
  let groupSetId: string;
  const context = () => ({ db: database.db, actor, now: new Date(), log: { error: () => undefined } });
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

  beforeAll(async () => {
    database = await createTestDatabase();
    const unit = await createUnit(database.db);
    const admin = await createUser(database.db, { roles: ['admin'], unitId: unit.id });
    actor = { userId: admin.id, username: admin.username, unitId: unit.id, roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };
    const fixture = await fixtureCycle(database.db, { unitIds: [] });
    [{ groupSetId }] = (await database.db.select({ groupSetId: cycles.groupSetId }).from(cycles).where(eq(cycles.id, fixture.cycleId))) as [{ groupSetId: string }];
  });
  afterAll(async () => database.close());

  it('creating and renaming onto a taken name answer DUPLICATE on the name', async () => {
    const input = { programCode: 'cchc', year: 2031, groupSetId, calendar };
    await createCycle(context(), { ...input, name: 'Kỳ chính' });
    const second = await createCycle(context(), { ...input, name: 'Kỳ phụ' });
    for (const error of [
      await failure(createCycle(context(), { ...input, name: 'Kỳ chính' })),
      await failure(updateCycle(context(), second.id, { version: second.version, name: 'Kỳ chính' })),
    ]) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'name' }] });
      expect((error as AppError).message).toContain('Kỳ chính');
    }
  });
});
