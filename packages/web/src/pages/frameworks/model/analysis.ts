/** The document parsed and validated by the core, each issue attached to its node. Pure (no React). */
import { type Framework, type Issue, parseFramework, validateFramework } from '@chiso/core';
import type { Doc, DocNode } from './document';

export interface EditorIssue extends Issue {
  /** The node the issue belongs to (from the validator, or found from a parse error's path). */
  readonly targetKey?: string;
  /** For parse errors: the part of the path inside the node ("rule.tiers[1].points"). */
  readonly field?: string;
}

export interface Analysis {
  readonly issues: readonly EditorIssue[];
  readonly byKey: ReadonlyMap<string, readonly EditorIssue[]>;
  readonly framework: Framework | null;
  readonly errorCount: number;
  readonly warningCount: number;
}

const NODE_STEP = /^(?:\.nodes|\.children)\[(\d+)\]/;

/** "$.nodes[2].children[0].rule.tiers[1]" → the node's key and "rule.tiers[1]". */
export function locatePath(doc: Doc, path: string): { key?: string; field?: string } {
  if (!path.startsWith('$')) return {};
  let rest = path.slice(1);
  let list: readonly DocNode[] = doc.nodes;
  let node: DocNode | undefined;
  for (;;) {
    const m = NODE_STEP.exec(rest);
    if (!m) break;
    const n: DocNode | undefined = list[Number(m[1])];
    if (!n) break;
    node = n;
    list = n.children ?? [];
    rest = rest.slice(m[0].length);
  }
  if (!node) return {};
  return { key: node.key, field: rest.replace(/^\./, '') || undefined };
}

/** Parse and validate the document with the core, and attach each issue to its node. */
export function analyze(doc: Doc): Analysis {
  const parsed = parseFramework(doc);
  let issues: EditorIssue[];
  let framework: Framework | null = null;
  if (parsed.ok) {
    framework = parsed.framework;
    issues = validateFramework(parsed.framework).map((i) => ({ ...i, targetKey: i.nodeKey }));
  } else {
    issues = parsed.errors.map((i) => {
      const loc = i.path ? locatePath(doc, i.path) : {};
      return { ...i, targetKey: loc.key, field: loc.field };
    });
  }
  const byKey = new Map<string, EditorIssue[]>();
  for (const i of issues) {
    if (!i.targetKey) continue;
    const list = byKey.get(i.targetKey) ?? [];
    list.push(i);
    byKey.set(i.targetKey, list);
  }
  const errorCount = issues.filter((i) => i.severity === 'error').length;
  return { issues, byKey, framework, errorCount, warningCount: issues.length - errorCount };
}
