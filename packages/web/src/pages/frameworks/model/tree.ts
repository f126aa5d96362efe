/** The criteria tree of a document: navigation and immutable edits. Pure (no React). */
import { type Points, parsePoints, pointsToString } from '@chiso/core';
import type { Doc, DocNode } from './document';

export type NodePath = number[];

export function findPath(nodes: readonly DocNode[], key: string, prefix: NodePath = []): NodePath | null {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.key === key) return [...prefix, i];
    const sub = n.children ? findPath(n.children, key, [...prefix, i]) : null;
    if (sub) return sub;
  }
  return null;
}

export function nodeAt(nodes: readonly DocNode[], path: NodePath): DocNode | undefined {
  let list: readonly DocNode[] = nodes;
  let node: DocNode | undefined;
  for (const i of path) {
    node = list[i];
    if (!node) return undefined;
    list = node.children ?? [];
  }
  return node;
}

export function findNode(doc: Doc, key: string): DocNode | undefined {
  const p = findPath(doc.nodes, key);
  return p ? nodeAt(doc.nodes, p) : undefined;
}

/** Replace the list of children at `parentPath` ([] = the fields). */
function withList(nodes: DocNode[], parentPath: NodePath, fn: (list: DocNode[]) => DocNode[]): DocNode[] {
  if (parentPath.length === 0) return fn(nodes);
  const [head, ...rest] = parentPath;
  return nodes.map((n, i) => {
    if (i !== head) return n;
    const kids = withList(n.children ?? [], rest, fn);
    const out: DocNode = { ...n, children: kids };
    if (kids.length === 0) delete out.children;
    return out;
  });
}

export function updateNode(doc: Doc, key: string, fn: (n: DocNode) => DocNode): Doc {
  const p = findPath(doc.nodes, key);
  if (!p) return doc;
  const idx = p[p.length - 1]!;
  return { ...doc, nodes: withList(doc.nodes, p.slice(0, -1), (l) => l.map((n, i) => (i === idx ? fn(n) : n))) };
}

export function removeNode(doc: Doc, key: string): Doc {
  const p = findPath(doc.nodes, key);
  if (!p) return doc;
  const idx = p[p.length - 1]!;
  return { ...doc, nodes: withList(doc.nodes, p.slice(0, -1), (l) => l.filter((_, i) => i !== idx)) };
}

function insertAt(doc: Doc, parentPath: NodePath, index: number, node: DocNode): Doc {
  return {
    ...doc,
    nodes: withList(doc.nodes, parentPath, (l) => [...l.slice(0, index), node, ...l.slice(index)]),
  };
}

export function allKeys(doc: Doc): Set<string> {
  const keys = new Set<string>();
  const walk = (ns: readonly DocNode[]) => ns.forEach((n) => (keys.add(n.key), walk(n.children ?? [])));
  walk(doc.nodes);
  return keys;
}

export function newKey(doc: Doc): string {
  const keys = allKeys(doc);
  for (;;) {
    const k = 'n-' + Math.random().toString(36).slice(2, 8);
    if (!keys.has(k)) return k;
  }
}

/** A fresh leaf: self-assessed yes/no worth 0 (the editor fills in the rest). */
export function blankNode(doc: Doc, code: string, name: string): DocNode {
  return {
    key: newKey(doc), code, name, maxPoints: '0', source: 'self_assessment',
    rule: { type: 'yes_no', yesPoints: '0', noPoints: '0' },
  };
}

function childCode(parent: DocNode | undefined, index: number): string {
  return parent ? `${parent.code}.${index + 1}` : String(index + 1);
}

/** Add a child at the end of `parentKey`'s children (null: a new field). Returns the doc and the new key. */
export function addChild(doc: Doc, parentKey: string | null, name: string): { doc: Doc; key: string } {
  const parentPath = parentKey ? findPath(doc.nodes, parentKey) : [];
  if (!parentPath) return { doc, key: '' };
  const parent = parentKey ? nodeAt(doc.nodes, parentPath) : undefined;
  const list = parent ? (parent.children ?? []) : doc.nodes;
  const node = blankNode(doc, childCode(parent, list.length), name);
  let next = insertAt(doc, parentPath, list.length, node);
  if (parent && (parent.children ?? []).length === 0 && parent.rule) {
    // The parent stops being a leaf: its rule moves to the new child, which keeps its points.
    const moved: DocNode = { ...node, maxPoints: parent.maxPoints, rule: parent.rule, source: parent.source ?? node.source };
    next = updateNode(next, node.key, () => moved);
    next = updateNode(next, parent.key, (p) => {
      const out = { ...p };
      delete out.rule;
      return out;
    });
  }
  return { doc: next, key: node.key };
}

export function addSibling(doc: Doc, key: string, name: string): { doc: Doc; key: string } {
  const p = findPath(doc.nodes, key);
  if (!p) return { doc, key: '' };
  const parentPath = p.slice(0, -1);
  const parent = parentPath.length ? nodeAt(doc.nodes, parentPath) : undefined;
  const idx = p[p.length - 1]! + 1;
  const node = blankNode(doc, childCode(parent, idx), name);
  return { doc: insertAt(doc, parentPath, idx, node), key: node.key };
}

export function moveBy(doc: Doc, key: string, delta: -1 | 1): Doc {
  const p = findPath(doc.nodes, key);
  if (!p) return doc;
  const idx = p[p.length - 1]!;
  return {
    ...doc,
    nodes: withList(doc.nodes, p.slice(0, -1), (l) => {
      const j = idx + delta;
      if (j < 0 || j >= l.length) return l;
      const out = [...l];
      [out[idx], out[j]] = [out[j]!, out[idx]!];
      return out;
    }),
  };
}

/** Make the node the last child of its previous sibling. */
export function indent(doc: Doc, key: string): Doc {
  const p = findPath(doc.nodes, key);
  if (!p || p[p.length - 1] === 0) return doc;
  const prevPath = [...p.slice(0, -1), p[p.length - 1]! - 1];
  const prev = nodeAt(doc.nodes, prevPath)!;
  const node = nodeAt(doc.nodes, p)!;
  const removed = removeNode(doc, key);
  return insertAt(removed, prevPath, (prev.children ?? []).length, node);
}

/** Make the node the next sibling of its parent. */
export function outdent(doc: Doc, key: string): Doc {
  const p = findPath(doc.nodes, key);
  if (!p || p.length < 2) return doc;
  const node = nodeAt(doc.nodes, p)!;
  const parentPath = p.slice(0, -1);
  const removed = removeNode(doc, key);
  return insertAt(removed, parentPath.slice(0, -1), parentPath[parentPath.length - 1]! + 1, node);
}

/** Drag and drop: put `dragKey` before / after / inside (last child of) `dropKey`. */
export function moveTo(doc: Doc, dragKey: string, dropKey: string, where: 'before' | 'after' | 'inside'): Doc {
  if (dragKey === dropKey) return doc;
  const dragPath = findPath(doc.nodes, dragKey);
  if (!dragPath) return doc;
  const node = nodeAt(doc.nodes, dragPath)!;
  if (findPath(node.children ?? [], dropKey)) return doc; // not into its own subtree
  const removed = removeNode(doc, dragKey);
  const dropPath = findPath(removed.nodes, dropKey);
  if (!dropPath) return doc;
  if (where === 'inside') {
    const target = nodeAt(removed.nodes, dropPath)!;
    return insertAt(removed, dropPath, (target.children ?? []).length, node);
  }
  const idx = dropPath[dropPath.length - 1]! + (where === 'after' ? 1 : 0);
  return insertAt(removed, dropPath.slice(0, -1), idx, node);
}

/** Renumber display codes by position: 1, 1.1, 1.1.1 … (keys stay). */
export function renumber(doc: Doc): Doc {
  const walk = (ns: DocNode[], prefix: string): DocNode[] =>
    ns.map((n, i) => {
      const code = prefix ? `${prefix}.${i + 1}` : String(i + 1);
      return n.children ? { ...n, code, children: walk(n.children, code) } : { ...n, code };
    });
  return { ...doc, nodes: walk(doc.nodes, '') };
}

/** Sum of the children's maxima (bonus children excluded), as canonical text; null if one is not a number. */
export function childrenSum(n: DocNode): string | null {
  let total = 0;
  for (const c of n.children ?? []) {
    if (c.rule?.type === 'bonus') continue;
    const p = parsePoints(c.maxPoints);
    if (p === null) return null;
    total += p;
  }
  return pointsToString(total as Points);
}

export interface FlatRow {
  node: DocNode;
  depth: number;
  parentKey: string | null;
}

export function flatten(nodes: readonly DocNode[], depth = 0, parentKey: string | null = null, out: FlatRow[] = []): FlatRow[] {
  for (const n of nodes) {
    out.push({ node: n, depth, parentKey });
    flatten(n.children ?? [], depth + 1, n.key, out);
  }
  return out;
}
