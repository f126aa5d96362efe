/**
 * The framework document as the editor keeps it: its canonical JSON (strings for decimals,
 * docs/framework-format.md), loose so that whatever the administrator types is never lost, even
 * when it is not valid yet. Pure (no React).
 */
import type { RuleType } from '@chiso/core';
import type { FrameworkDocumentApplicability, FrameworkDocumentTier } from '@chiso/contract';

export type DocApplicability = FrameworkDocumentApplicability;

/** A tier as the canonical JSON writes it (an unbounded end is `null`). */
export type DocTier = FrameworkDocumentTier;

export type DocRule = { type: RuleType } & Record<string, unknown>;

export interface DocNode {
  key: string;
  code: string;
  name: string;
  maxPoints: string;
  guidance?: string;
  evidenceExpected?: string;
  appraisingAgency?: string;
  source?: string;
  applicability?: DocApplicability;
  rule?: DocRule;
  children?: DocNode[];
}

export interface DocAgency {
  code: string;
  name: string;
}

export interface Doc {
  formatVersion: number;
  id: string;
  name: string;
  agencies?: DocAgency[];
  settings?: unknown;
  nodes: DocNode[];
  [k: string]: unknown;
}

export { RULE_TYPES, NODE_SOURCES as SOURCES, ZERO_DENOMINATORS as ZERO_DENOMINATOR } from '@chiso/core';

/** A server document (possibly empty) as an editable Doc. */
export function toDoc(raw: Readonly<Record<string, unknown>> | null | undefined, fallback: { id: string; name: string }): Doc {
  const r = (raw ?? {}) as Partial<Doc>;
  return {
    ...r,
    formatVersion: typeof r.formatVersion === 'number' ? r.formatVersion : 1,
    id: typeof r.id === 'string' && r.id ? r.id : fallback.id,
    name: typeof r.name === 'string' && r.name ? r.name : fallback.name,
    nodes: Array.isArray(r.nodes) ? r.nodes.map(normNode) : [],
  };
}

/** Decimal numbers of older documents become strings; everything else stays as it is. */
function normNode(n: DocNode): DocNode {
  const out: DocNode = { ...n, maxPoints: n.maxPoints === undefined ? '' : String(n.maxPoints) };
  if (n.children && n.children.length > 0) out.children = n.children.map(normNode);
  else delete out.children;
  return out;
}
