import type { Executor } from '../../db/client';
import { listLineageLinks, type LineageLink } from '../../db/repositories/unit-operation-repository';
import type { Unit, UnitLink } from '@chiso/contract';
import { listUnitTypes, type UnitRow } from '../../db/repositories/unit-repository';
import type { Actor } from '../actor';
import { unitAbilities } from '../policies/unit';

// A unit is the contract's (packages/contract/src/units.ts): the response schema checks it.
export type { Unit, UnitLink } from '@chiso/contract';

/** A unit as the API shows it, before abilities are added. */
export type UnitView = Omit<Unit, 'may'>;

export const withAbilities = (actor: Actor, view: UnitView): Unit => ({ ...view, may: unitAbilities(actor, view) });

/** Builds views for many units with two extra queries (types, lineage), whatever their number. */
export async function buildUnitViews(executor: Executor, rows: UnitRow[], options: { allLineage?: boolean } = {}): Promise<UnitView[]> {
  if (rows.length === 0) return [];
  const [types, links] = await Promise.all([
    listUnitTypes(executor),
    listLineageLinks(executor, options.allLineage ? null : rows.map((r) => r.id)),
  ]);
  const typeName = new Map(types.map((t) => [t.code, t.name]));
  const predecessors = new Map<string, UnitLink[]>();
  const successors = new Map<string, UnitLink[]>();
  const push = (map: Map<string, UnitLink[]>, key: string, link: UnitLink) => {
    const list = map.get(key);
    if (list) list.push(link);
    else map.set(key, [link]);
  };
  for (const l of links as LineageLink[]) {
    push(predecessors, l.successorId, { id: l.predecessorId, code: l.predecessorCode, name: l.predecessorName, operation: l.kind, date: l.date });
    push(successors, l.predecessorId, { id: l.successorId, code: l.successorCode, name: l.successorName, operation: l.kind, date: l.date });
  }
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    shortName: r.shortName,
    typeCode: r.typeCode,
    typeName: typeName.get(r.typeCode) ?? r.typeCode,
    parentId: r.parentId,
    validFrom: r.validFrom,
    validTo: r.validTo,
    formerNames: r.formerNames,
    predecessors: predecessors.get(r.id) ?? [],
    successors: successors.get(r.id) ?? [],
    version: r.version,
  }));
}

export async function buildUnitView(executor: Executor, row: UnitRow): Promise<UnitView> {
  const [view] = await buildUnitViews(executor, [row]);
  return view!;
}

/** The audit snapshot of a unit row. */
export const unitSnapshot = (r: UnitRow) => ({
  code: r.code,
  name: r.name,
  shortName: r.shortName,
  typeCode: r.typeCode,
  parentId: r.parentId,
  validFrom: r.validFrom,
  validTo: r.validTo,
  version: r.version,
});
