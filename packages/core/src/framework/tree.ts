/** Small helpers to walk a framework tree. */
import type { Framework, FrameworkNode } from './types.ts';

export function isLeaf(node: FrameworkNode): boolean {
  return node.children.length === 0;
}

export function isBonusNode(node: FrameworkNode): boolean {
  return node.rule?.type === 'bonus';
}

export interface NodeVisit {
  readonly node: FrameworkNode;
  readonly parent: FrameworkNode | undefined;
  readonly depth: number;
  /** The effective appraising agency (own or nearest ancestor's). */
  readonly agency: string | undefined;
}

/** Depth-first, parents before children, in document order. */
export function* walkNodes(nodes: readonly FrameworkNode[]): Generator<NodeVisit> {
  const stack: NodeVisit[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    stack.push({ node: n, parent: undefined, depth: 0, agency: n.appraisingAgency });
  }
  while (stack.length > 0) {
    const v = stack.pop()!;
    yield v;
    const kids = v.node.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const c = kids[i]!;
      stack.push({ node: c, parent: v.node, depth: v.depth + 1, agency: c.appraisingAgency ?? v.agency });
    }
  }
}

/** Map of key → node for the whole tree. */
export function indexNodes(framework: Framework): Map<string, FrameworkNode> {
  const map = new Map<string, FrameworkNode>();
  for (const { node } of walkNodes(framework.nodes)) map.set(node.key, node);
  return map;
}

export function leaves(framework: Framework): FrameworkNode[] {
  const out: FrameworkNode[] = [];
  for (const { node } of walkNodes(framework.nodes)) if (isLeaf(node)) out.push(node);
  return out;
}
