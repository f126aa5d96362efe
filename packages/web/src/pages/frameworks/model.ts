/**
 * The framework editor's model: the document is kept as its canonical JSON (strings for
 * decimals, docs/framework-format.md) so that whatever the administrator types is never lost,
 * even when it is not valid yet; the core parses and validates it on every change.
 *
 * Everything here is pure (no React), so it can be checked on its own.
 */
import {
  type Framework, type FrameworkNode, type Issue, type LeafEvaluation, type NodeInput, type Points, type RuleType,
  DEFAULT_SETTINGS, normalizeDecimal, parseDecimal, parseFramework, parsePoints, pointsToString, readCount, readTypedNumber, readTypedPoints, resolveValue, scoreLeaf,
  unitsToPlain, validateFramework,
} from '@chiso/core';

// ---------- document types (loose: values may be invalid while being typed) ----------

export interface DocApplicability {
  unitGroups?: string[];
  unitTypes?: string[];
  mayDeclareNotApplicable: boolean;
  condition?: string;
}

export interface DocTier {
  lower: { percent: string; inclusive: boolean } | null;
  upper: { percent: string; inclusive: boolean } | null;
  points: string;
}

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

export const RULE_TYPES: readonly RuleType[] = [
  'choice', 'yes_no', 'rate_tiers', 'proportional', 'manual', 'deduction', 'bonus', 'survey', 'data_feed',
];
export const SOURCES = ['self_assessment', 'survey', 'data_feed'] as const;
export const ZERO_DENOMINATOR = ['not_applicable', 'full_points', 'zero_points'] as const;

/** A server document (possibly empty) as an editable Doc. */
export function toDoc(raw: Record<string, unknown> | null | undefined, fallback: { id: string; name: string }): Doc {
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

// ---------- decimals ----------

/** What a typed number is: points, a percentage bound, a whole count, or a rate's part (see core `readTypedNumber`). */
export type DecimalKind = 'points' | 'percent' | 'count' | 'quantity';

/** Canonical text of a decimal typed by a person ("0,25" → "0.25", a count "1.237" → "1237"); null when not valid. */
export function canonicalDecimal(text: string, kind: DecimalKind): string | null {
  if (kind !== 'percent') {
    const r = readTypedNumber(text, kind);
    return r.ok ? r.canonical : null;
  }
  const d = parseDecimal(text);
  if (d === null) return null;
  const n = normalizeDecimal(d);
  return unitsToPlain(n.units, n.scale);
}

/** Why typed text is not a number of this kind (Vietnamese, says what to type); null when it is, or is empty. */
export function decimalProblem(text: string, kind: DecimalKind): string | null {
  if (text.trim() === '' || canonicalDecimal(text, kind) !== null) return null;
  const r = readTypedNumber(text, kind === 'percent' ? 'quantity' : kind);
  return r.ok ? 'Không phải là số.' : r.message;
}

/** A stored decimal shown the Vietnamese way ("0.25" → "0,25"); other text unchanged. */
export function viDecimal(value: unknown): string {
  if (value === undefined || value === null) return '';
  const s = String(value);
  return /^-?\d+(\.\d+)?$/.test(s) ? s.replace('.', ',') : s;
}

// ---------- tree navigation and edits (immutable) ----------

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

// ---------- validation ----------

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

// ---------- live preview ----------

/** What the administrator types in the preview, per rule type. */
export interface PreviewInput {
  option?: string;
  yes?: boolean;
  numerator?: string;
  denominator?: string;
  points?: string;
  occurrences?: string;
  awarded?: boolean;
  notApplicable?: boolean;
}

export function toNodeInput(rule: DocRule, p: PreviewInput): NodeInput | undefined {
  if (p.notApplicable) return { kind: 'not_applicable', reason: '—' };
  switch (rule.type) {
    case 'choice':
      return p.option ? { kind: 'choice', option: p.option } : undefined;
    case 'yes_no':
      return p.yes === undefined ? undefined : { kind: 'yes_no', value: p.yes };
    case 'rate_tiers':
    case 'proportional':
    case 'data_feed':
      return p.numerator && p.denominator ? { kind: 'rate', numerator: p.numerator, denominator: p.denominator } : undefined;
    case 'manual':
      return p.points ? { kind: 'manual', points: p.points } : undefined;
    case 'survey':
      return p.points ? { kind: 'survey', points: p.points } : undefined;
    case 'deduction':
      return countInput(p.occurrences);
    case 'bonus':
      return rule.mode === 'per_occurrence' ? countInput(p.occurrences) : p.awarded === undefined ? undefined : { kind: 'awarded', value: p.awarded };
  }
}

function countInput(text: string | undefined): NodeInput | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  // "1.237" is one thousand two hundred thirty-seven (Vietnamese grouping); "1,5" is not a count.
  return { kind: 'count', occurrences: readCount(text) ?? NaN };
}

export type Preview =
  | { ok: true; evaluation: LeafEvaluation }
  | { ok: false; issues: readonly Issue[] };

/** The framework's default rounding of computed points (`settings.rounding.pointsDecimals`), if it declares one. */
export function defaultPointsDecimals(doc: Doc): number | undefined {
  const d = (doc.settings as { rounding?: { pointsDecimals?: unknown } } | undefined)?.rounding?.pointsDecimals;
  return typeof d === 'number' ? d : undefined;
}

/** Score one leaf on sample inputs with the core, using the framework's rounding settings. */
/** The one-leaf framework of a document's node, as the core reads it. */
function leafFramework(doc: Doc, node: DocNode): { ok: true; fw: Framework } | { ok: false; issues: readonly Issue[] } {
  const leaf = { ...node, children: [] };
  const parsed = parseFramework({ formatVersion: 1, id: 'preview', name: 'preview', settings: doc.settings, nodes: [leaf] });
  const retry = parsed.ok ? parsed : parseFramework({ formatVersion: 1, id: 'preview', name: 'preview', nodes: [leaf] });
  return retry.ok ? { ok: true, fw: retry.framework } : { ok: false, issues: retry.errors };
}

export function previewLeaf(doc: Doc, node: DocNode, input: PreviewInput): Preview {
  const parsed = leafFramework(doc, node);
  if (!parsed.ok) return parsed;
  const fw = parsed.fw;
  const n: FrameworkNode = fw.nodes[0]!;
  if (!n.rule) return { ok: false, issues: [] };
  const nodeInput = toNodeInput(node.rule!, input);
  return { ok: true, evaluation: scoreLeaf(n, nodeInput, fw.settings.rounding ?? DEFAULT_SETTINGS.rounding) };
}

/**
 * Points typed for a leaf (appraisal, council), checked as the server checks them: read by the
 * core ("1.237" is refused as ambiguous) and only a value the leaf's rule can give (8,75 is
 * refused where the step is 0,5). The message is the core's.
 */
export function checkTypedPoints(doc: Doc, node: DocNode, text: string): { ok: true; points: Points } | { ok: false; message: string } {
  const typed = readTypedPoints(text);
  if (!typed.ok) return typed;
  const parsed = leafFramework(doc, node);
  if (!parsed.ok) return { ok: false, message: parsed.issues[0]?.message ?? 'Tiêu chí chưa hợp lệ.' };
  const n: FrameworkNode = parsed.fw.nodes[0]!;
  const r = resolveValue(n, { points: typed.points }, parsed.fw.settings.rounding ?? DEFAULT_SETTINGS.rounding);
  return r.ok ? { ok: true, points: typed.points } : { ok: false, message: r.error.message };
}

// ---------- rules: defaults when the type changes ----------

const rateDefaults = { numeratorLabel: 'Số đã thực hiện', denominatorLabel: 'Tổng số phải thực hiện', zeroDenominator: 'not_applicable' };

export function defaultRule(type: RuleType, maxPoints: string): DocRule {
  const max = parsePoints(maxPoints) === null ? '0' : maxPoints;
  switch (type) {
    case 'choice':
      return { type, options: [
        { key: 'dat', label: 'Đạt', points: max },
        { key: 'khong-dat', label: 'Không đạt', points: '0' },
      ] };
    case 'yes_no':
      return { type, yesPoints: max, noPoints: '0' };
    case 'rate_tiers':
      return { type, ...rateDefaults, tiers: [
        { lower: { percent: '90', inclusive: true }, upper: null, points: max },
        { lower: null, upper: { percent: '90', inclusive: false }, points: '0' },
      ] };
    case 'proportional':
      return { type, ...rateDefaults };
    case 'manual':
      return { type, min: '0', max, step: '0.25' };
    case 'deduction':
      return { type, start: max, perOccurrence: '0.5', floor: '0', occurrenceLabel: 'Số trường hợp vi phạm' };
    case 'bonus':
      return { type, mode: 'fixed', points: max, cap: max };
    case 'survey':
      return { type };
    case 'data_feed':
      return { type, feed: '', ...rateDefaults, scoring: { kind: 'proportional' } };
  }
}

/** The source a rule requires (format: survey ⇔ survey, data_feed ⇔ data_feed, otherwise self-assessment). */
export function sourceFor(type: RuleType): (typeof SOURCES)[number] {
  return type === 'survey' ? 'survey' : type === 'data_feed' ? 'data_feed' : 'self_assessment';
}
