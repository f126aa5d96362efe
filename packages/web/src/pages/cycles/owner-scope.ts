/**
 * What a cycle's set-up offers within its owner's scope (issue 10 §2): the server refuses anything
 * else, so the pickers offer only what it would take.
 */
import type { GroupSet } from '../../api/cycles';
import type { Unit } from '../../api/types';
import { unitsWithin } from '../units/tree';

/** Units an owner's cycle chooses from (appraising agencies): the owner and every unit under it; the province's cycle: every unit. */
export function unitsOfOwner(units: Unit[], ownerId: string | null | undefined): Unit[] {
  return ownerId ? unitsWithin(units, ownerId) : units;
}

/** The ids of `unitsOfOwner`, for the membership checks below. */
export const reachOf = (units: Unit[], ownerId: string | null | undefined): Set<string> => new Set(unitsOfOwner(units, ownerId).map((u) => u.id));

/** Whether a unit may take part in an owner's cycle: a unit under the owner (not the owner itself); the province's: any unit. */
export function participatesUnder(ownerId: string | null, ownerUnits: ReadonlySet<string>, unitId: string): boolean {
  return ownerId === null || (unitId !== ownerId && ownerUnits.has(unitId));
}

/**
 * Group sets a new cycle of this owner may use: its own, and the province's that hold at least one
 * unit that may take part (`ownerUnits`: the owner and the units under it; undefined while not
 * loaded: every province set). The province's cycle: the province's sets.
 */
export function groupSetsForOwner(sets: GroupSet[], ownerId: string | null, ownerUnits: ReadonlySet<string> | undefined): GroupSet[] {
  return sets.filter((s) => {
    if (s.owner !== null) return s.owner.id === ownerId;
    if (ownerId === null || ownerUnits === undefined) return true;
    return s.groups.some((g) => g.memberIds.some((id) => participatesUnder(ownerId, ownerUnits, id)));
  });
}
