/**
 * What the editor derives from the document and the selected node: the total, the agency a node
 * inherits, which moves are possible, what is selected after a removal, how a drop lands.
 * Pure (no React).
 */
import { type Points, parsePoints, sumPoints } from '@chiso/core';
import type { Doc } from './document';
import { type FlatRow, type NodePath, findPath, nodeAt } from './tree';

/** The fields' maxima added up (bonus fields excluded); a maximum that does not parse yet counts as 0. Exact. */
export function fieldsTotal(doc: Doc): Points {
  return sumPoints(doc.nodes.filter((n) => n.rule?.type !== 'bonus').map((n) => parsePoints(String(n.maxPoints ?? '')) ?? (0 as Points)));
}

/** The appraising agency the node at `path` inherits from its nearest ancestor that names one. */
export function inheritedAgency(doc: Doc, path: NodePath | null): string | undefined {
  if (!path) return undefined;
  for (let i = path.length - 1; i >= 1; i--) {
    const a = nodeAt(doc.nodes, path.slice(0, i))?.appraisingAgency;
    if (a) return a;
  }
  return undefined;
}

/** The keys of the node's ancestors, outermost first. */
export function ancestorKeys(doc: Doc, key: string): string[] {
  const p = findPath(doc.nodes, key);
  if (!p) return [];
  const out: string[] = [];
  for (let i = 1; i < p.length; i++) out.push(nodeAt(doc.nodes, p.slice(0, i))!.key);
  return out;
}

/** Which toolbar moves the node at `path` allows. */
export interface Moves {
  up: boolean;
  down: boolean;
  indent: boolean;
  outdent: boolean;
}

export function possibleMoves(doc: Doc, path: NodePath | null): Moves {
  if (!path) return { up: false, down: false, indent: false, outdent: false };
  const idx = path[path.length - 1]!;
  const siblings = path.length > 1 ? nodeAt(doc.nodes, path.slice(0, -1))!.children ?? [] : doc.nodes;
  return { up: idx > 0, down: idx < siblings.length - 1, indent: idx > 0, outdent: path.length >= 2 };
}

/** After the node at `removedPath` is removed: the node now in its place, else its parent, else the previous field. */
export function selectionAfterRemove(next: Doc, removedPath: NodePath): string | null {
  const sib = nodeAt(next.nodes, removedPath)
    ?? (removedPath.length > 1 ? nodeAt(next.nodes, removedPath.slice(0, -1)) : undefined)
    ?? next.nodes[removedPath[0]! - 1];
  return sib?.key ?? null;
}

/**
 * Where a dragged node lands, from the tree's drop event: inside the target when dropped on it,
 * else before or after it (`dropPosition` is relative to the target's index, the last part of `pos`).
 */
export function dropPlacement(drop: { dropToGap: boolean; dropPosition: number; pos: string }): 'before' | 'after' | 'inside' {
  if (!drop.dropToGap) return 'inside';
  const parts = drop.pos.split('-');
  return drop.dropPosition - Number(parts[parts.length - 1]) === -1 ? 'before' : 'after';
}

/** The inner nodes that are open (not collapsed). */
export function expandedKeys(rows: readonly FlatRow[], collapsed: ReadonlySet<string>): string[] {
  return rows.filter((r) => r.node.children?.length && !collapsed.has(r.node.key)).map((r) => r.node.key);
}

/** The inner nodes collapsed once the tree shows exactly `open` as expanded. */
export function collapsedExcept(rows: readonly FlatRow[], open: ReadonlySet<string>): Set<string> {
  return new Set(rows.filter((r) => r.node.children?.length && !open.has(r.node.key)).map((r) => r.node.key));
}

/** The version a diff from this one starts at: the latest earlier one, else any other. */
export function diffBaseVersion(versions: readonly { id: string; number: number }[], current: { id: string; number: number }): string | undefined {
  return [...versions].sort((a, b) => b.number - a.number).find((v) => v.number < current.number)?.id
    ?? versions.find((v) => v.id !== current.id)?.id;
}
