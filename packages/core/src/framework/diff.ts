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
  return diffFrameworkDocuments(frameworkToJson(a), frameworkToJson(b));
}

/**
 * The same comparison on two framework documents as JSON: the canonical form of a parsed
 * framework, or a draft saved half-written (it is compared as it is).
 */
export function diffFrameworkDocuments(ja: Readonly<Record<string, unknown>>, jb: Readonly<Record<string, unknown>>): FrameworkDiff {
  const fa = flatten(nodesOf(ja), null, new Map());
  const fb = flatten(nodesOf(jb), null, new Map());

  const added: NodeRef[] = [];
  const changed: (NodeRef & { changes: FieldChange[] })[] = [];
  for (const [key, nb] of fb) {
    const na = fa.get(key);
    if (!na) {
      added.push(ref(nb));
      continue;
    }
    const changes = nodeChanges(na, nb);
    if (changes.length > 0) changed.push({ ...ref(nb), changes });
  }
  const removed = [...fa.values()].filter((f) => !fb.has(f.node.key)).map(ref);
  return { added, removed, changed, frameworkChanges: documentChanges(ja, jb) };
}

function nodesOf(doc: Readonly<Record<string, unknown>>): JsonNode[] {
  return Array.isArray(doc.nodes) ? (doc.nodes as JsonNode[]) : [];
}

function nodeChanges(na: Flat, nb: Flat): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of NODE_FIELDS) {
    const before = field === 'parent' ? na.parent : na.node[field];
    const after = field === 'parent' ? nb.parent : nb.node[field];
    if (!same(before, after)) changes.push({ field, before, after });
  }
  return changes;
}

function documentChanges(ja: Readonly<Record<string, unknown>>, jb: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const k of ['id', 'name', 'year', 'version', 'description', 'unitLevel', 'agencies']) {
    if (!same(ja[k], jb[k])) out.push(k);
  }
  const sa = (ja.settings ?? {}) as Record<string, unknown>;
  const sb = (jb.settings ?? {}) as Record<string, unknown>;
  for (const k of new Set([...Object.keys(sa), ...Object.keys(sb)])) if (!same(sa[k], sb[k])) out.push(`settings.${k}`);
  return out;
}

/** One scalar inside a structured value that differs: "tiers[1].lower.percent" from "80" to "85". */
export interface ValueChange {
  readonly path: string;
  /** The scalar as text; "" when absent. */
  readonly before: string;
  readonly after: string;
}

/** The scalars that differ between two JSON values (a rule, an applicability), by path. */
export function valueChanges(before: unknown, after: unknown): ValueChange[] {
  const ma = scalarsOf(before);
  const mb = scalarsOf(after);
  const out: ValueChange[] = [];
  for (const path of new Set([...ma.keys(), ...mb.keys()])) {
    const x = ma.get(path) ?? '';
    const y = mb.get(path) ?? '';
    if (x !== y) out.push({ path, before: x, after: y });
  }
  return out;
}

function scalarsOf(v: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (v === undefined || v === null) return out;
  if (Array.isArray(v)) v.forEach((x, i) => scalarsOf(x, `${prefix}[${i}]`, out));
  else if (typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) scalarsOf(x, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, String(v));
  return out;
}
