import type { Unit } from '../../api/types';
import { foldVietnamese } from '../../lib/text';

export interface UnitTreeNode {
  key: string;
  unit: Unit;
  children: UnitTreeNode[];
}

export interface UnitTree {
  roots: UnitTreeNode[];
  byId: Map<string, Unit>;
  /** Keys of nodes to expand so that every match is visible. */
  expandKeys: string[];
  matchCount: number;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

function searchText(u: Unit): string {
  return foldVietnamese(`${u.code} ${u.name} ${u.shortName ?? ''}`);
}

/**
 * Builds the unit tree from the flat list (parentId links). With a query, keeps the units whose
 * code or names match (diacritics-insensitive) and their ancestors.
 */
export function buildUnitTree(units: Unit[], query: string, typeOrder: Map<string, number> = new Map()): UnitTree {
  const byId = new Map(units.map((u) => [u.id, u]));
  const q = foldVietnamese(query);
  let keep: Set<string> | null = null;
  const expand = new Set<string>();
  let matchCount = units.length;
  if (q) {
    keep = new Set();
    matchCount = 0;
    for (const u of units) {
      if (!searchText(u).includes(q)) continue;
      matchCount++;
      keep.add(u.id);
      let p = u.parentId ? byId.get(u.parentId) : undefined;
      const seen = new Set<string>([u.id]);
      while (p && !seen.has(p.id)) {
        seen.add(p.id);
        keep.add(p.id);
        expand.add(p.id);
        p = p.parentId ? byId.get(p.parentId) : undefined;
      }
    }
  }
  const nodes = new Map<string, UnitTreeNode>();
  for (const u of units) if (!keep || keep.has(u.id)) nodes.set(u.id, { key: u.id, unit: u, children: [] });
  const roots: UnitTreeNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.unit.parentId ? nodes.get(n.unit.parentId) : undefined;
    if (parent && parent !== n) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (list: UnitTreeNode[]) => {
    const rank = (n: UnitTreeNode) => typeOrder.get(n.unit.typeCode) ?? Number.MAX_SAFE_INTEGER;
    list.sort((a, b) => rank(a) - rank(b) || collator.compare(a.unit.name, b.unit.name));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  if (!q) for (const r of roots) expand.add(r.key);
  return { roots, byId, expandKeys: [...expand], matchCount };
}

/** The unit `rootId` and every unit under it (by parent links), in the list's order: an organisation's scope. */
export function unitsWithin(units: Unit[], rootId: string): Unit[] {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId);
    if (list) list.push(u.id);
    else children.set(u.parentId, [u.id]);
  }
  const inside = new Set<string>([rootId]);
  const stack = [rootId];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (!inside.has(child)) {
        inside.add(child);
        stack.push(child);
      }
    }
  }
  return units.filter((u) => inside.has(u.id));
}

/** The keys to expand so that `id` is shown open: its ancestors and itself (nothing for an unknown unit). */
export function expandKeysToward(byId: ReadonlyMap<string, Unit>, id: string | undefined): string[] {
  const keys: string[] = [];
  let u = id ? byId.get(id) : undefined;
  while (u && !keys.includes(u.id)) {
    keys.unshift(u.id);
    u = u.parentId ? byId.get(u.parentId) : undefined;
  }
  return keys;
}

/**
 * The parent a new unit gets by default: the selected unit when a new unit may go under it (it is
 * among `choices`); else an organisation's administrator's own scope unit (the province's: none).
 */
export function defaultParentOf(selected: string | undefined, choices: readonly Unit[], scopeId: string | undefined): string | undefined {
  if (selected && choices.some((u) => u.id === selected)) return selected;
  return scopeId;
}
