/**
 * The server's version diff (GET /framework-versions/diff, core `diffFrameworkDocuments`) as the
 * rows of the diff page's table: one row per changed field, or per scalar changed inside a rule or
 * an applicability. Pure (no React); the comparison itself is the server's.
 */
import type { VersionDiff } from '../../api/frameworks';
import { type Doc, findNode } from './model';

export interface DiffRow {
  /** The node's stable key, its code and name in the newer version. */
  key: string;
  code: string;
  name: string;
  field: string;
  /** Inside a structured field: "tiers[2].points". */
  sub?: string;
  from: string;
  to: string;
  /** The first of the node's rows, which carries its code and name over `span` rows. */
  first: boolean;
  span: number;
}

/** True when the two versions have the same criteria (framework-wide parts may still differ). */
export function sameCriteria(diff: Pick<VersionDiff, 'added' | 'removed' | 'changed'>): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length === 0;
}

/** The table rows of the changed nodes; a parent is shown by its code in each version and its key. */
export function diffRows(changed: VersionDiff['changed'], from: Doc, to: Doc): DiffRow[] {
  return changed.flatMap((c) => {
    const cells = c.fields.flatMap((f): Omit<DiffRow, 'key' | 'code' | 'name' | 'first' | 'span'>[] => {
      if (f.parts) return f.parts.map((p) => ({ field: f.field, sub: p.path, from: p.before, to: p.after }));
      if (f.field === 'parent') return [{ field: f.field, from: parentLabel(from, f.before), to: parentLabel(to, f.after) }];
      return [{ field: f.field, from: scalarText(f.before), to: scalarText(f.after) }];
    });
    return cells.map((cell, i) => ({ key: c.key, code: c.code, name: c.name, ...cell, first: i === 0, span: cells.length }));
  });
}

function scalarText(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function parentLabel(doc: Doc, key: unknown): string {
  if (typeof key !== 'string' || !key) return '';
  const parent = findNode(doc, key);
  return parent ? `${parent.code} (${key})` : key;
}
