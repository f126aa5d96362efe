/**
 * Differences between two framework versions, matched by stable node key (not by display
 * code, which changes when criteria are renumbered). The server shows these as version diffs.
 * Values are compared in their canonical JSON form, so "0.5" and 0.50 are the same.
 */
import { frameworkToJson } from './format.ts';
import type { Framework } from './types.ts';

export type NodeField =
  | 'code' | 'name' | 'guidance' | 'evidenceExpected' | 'maxPoints' | 'appraisingAgency' | 'source'
  | 'applicability' | 'rule' | 'parent';

export const NODE_FIELDS: readonly NodeField[] = [
  'code', 'name', 'guidance', 'evidenceExpected', 'maxPoints', 'appraisingAgency', 'source', 'applicability', 'rule', 'parent',
];

export interface FieldChange {
  readonly field: NodeField;
  /** Canonical JSON values (points as decimal strings); undefined when absent. */
  readonly before: unknown;
  readonly after: unknown;
}

export interface NodeRef {
  readonly key: string;
  readonly code: string;
  readonly name: string;
  readonly parentKey: string | null;
}

export interface FrameworkDiff {
  readonly added: readonly NodeRef[];
  readonly removed: readonly NodeRef[];
  /** Nodes present in both, with the fields that differ (code is the new one). */
  readonly changed: readonly (NodeRef & { readonly changes: readonly FieldChange[] })[];
  /** Top-level parts that differ: "name", "year", "agencies", "settings.rounding", … */
  readonly frameworkChanges: readonly string[];
}

type JsonNode = Record<string, unknown> & { key: string; code: string; name: string; children?: JsonNode[] };
interface Flat { readonly node: JsonNode; readonly parent: string | null }

function flatten(nodes: readonly JsonNode[], parent: string | null, out: Map<string, Flat>): Map<string, Flat> {
  for (const n of nodes) {
    out.set(n.key, { node: n, parent });
    if (n.children) flatten(n.children, n.key, out);
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function ref(f: Flat): NodeRef {
  return { key: f.node.key, code: f.node.code, name: f.node.name, parentKey: f.parent };
}

export function diffFrameworks(a: Framework, b: Framework): FrameworkDiff {
  const ja = frameworkToJson(a);
  const jb = frameworkToJson(b);
  const fa = flatten(ja.nodes as JsonNode[], null, new Map());
  const fb = flatten(jb.nodes as JsonNode[], null, new Map());

  const added: NodeRef[] = [];
  const changed: (NodeRef & { changes: FieldChange[] })[] = [];
  for (const [key, nb] of fb) {
    const na = fa.get(key);
    if (!na) {
      added.push(ref(nb));
      continue;
    }
    const changes: FieldChange[] = [];
    for (const field of NODE_FIELDS) {
      const before = field === 'parent' ? na.parent : na.node[field];
      const after = field === 'parent' ? nb.parent : nb.node[field];
      if (!same(before, after)) changes.push({ field, before, after });
    }
    if (changes.length > 0) changed.push({ ...ref(nb), changes });
  }
  const removed = [...fa.values()].filter((f) => !fb.has(f.node.key)).map(ref);

  const frameworkChanges: string[] = [];
  for (const k of ['id', 'name', 'year', 'version', 'description', 'unitLevel', 'agencies']) {
    if (!same(ja[k], jb[k])) frameworkChanges.push(k);
  }
  const sa = ja.settings as Record<string, unknown>;
  const sb = jb.settings as Record<string, unknown>;
  for (const k of Object.keys(sa)) if (!same(sa[k], sb[k])) frameworkChanges.push(`settings.${k}`);
  return { added, removed, changed, frameworkChanges };
}
