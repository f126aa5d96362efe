// The framework editor's tree model: immutable edits by stable key, and what the editor derives
// from the selection (moves allowed, inherited agency, the node selected after a removal…).
import { describe, expect, it } from 'vitest';
import { parsePoints } from '@chiso/core';
import {
  type Doc, type DocNode, addChild, addSibling, ancestorKeys, childrenSum, collapsedExcept, diffBaseVersion, dropPlacement, expandedKeys,
  fieldsTotal, findNode, findPath, flatten, indent, inheritedAgency, moveBy, moveTo, outdent, possibleMoves, removeNode, renumber,
  selectionAfterRemove, toDoc, updateNode,
} from '../src/pages/frameworks/model';

const leaf = (key: string, code: string, maxPoints: string, more: Partial<DocNode> = {}): DocNode => ({
  key, code, name: key, maxPoints, source: 'self_assessment', rule: { type: 'yes_no', yesPoints: maxPoints, noPoints: '0' }, ...more,
});
const group = (key: string, code: string, maxPoints: string, children: DocNode[], more: Partial<DocNode> = {}): DocNode => ({
  key, code, name: key, maxPoints, children, ...more,
});
const sample = (): Doc => toDoc({ id: 'fw', name: 'Bộ', nodes: [
  group('a', '1', '3', [leaf('a1', '1.1', '2'), leaf('a2', '1.2', '1')], { appraisingAgency: 'SNV' }),
  group('b', '2', '2', [group('b1', '2.1', '2', [leaf('b11', '2.1.1', '2')])]),
  leaf('bonus', '3', '1', { rule: { type: 'bonus', mode: 'fixed', points: '1', cap: '1' } }),
] }, { id: '', name: '' });
const keys = (d: Doc) => flatten(d.nodes).map((r) => `${'-'.repeat(r.depth)}${r.node.key}`);
const codes = (d: Doc) => flatten(d.nodes).map((r) => r.node.code);

describe('reading a document', () => {
  it('keeps older documents\' numbers as text and fills in a missing id and name', () => {
    const d = toDoc({ nodes: [{ key: 'x', code: '1', name: 'X', maxPoints: 2.5, children: [] }] } as Record<string, unknown>, { id: 'fw-2025', name: 'Bộ 2025' });
    expect(d).toMatchObject({ formatVersion: 1, id: 'fw-2025', name: 'Bộ 2025' });
    expect(d.nodes).toEqual([{ key: 'x', code: '1', name: 'X', maxPoints: '2.5' }]);
    expect(toDoc(null, { id: 'f', name: 'n' }).nodes).toEqual([]);
  });
});

describe('tree edits', () => {
  it('finds a node by key wherever it is', () => {
    const d = sample();
    expect(findPath(d.nodes, 'b11')).toEqual([1, 0, 0]);
    expect(findNode(d, 'a2')?.code).toBe('1.2');
    expect(findPath(d.nodes, 'none')).toBeNull();
  });

  it('updates and removes by key without touching the original', () => {
    const d = sample();
    const renamed = updateNode(d, 'b11', (n) => ({ ...n, name: 'mới' }));
    expect(findNode(renamed, 'b11')?.name).toBe('mới');
    expect(findNode(d, 'b11')?.name).toBe('b11');
    const removed = removeNode(d, 'b11');
    expect(findNode(removed, 'b1')?.children).toBeUndefined();
    expect(keys(d)).toContain('--b11');
  });

  it('moves a leaf\'s rule and points to its first child, so the parent stops being a leaf', () => {
    const { doc, key } = addChild(sample(), 'a1', 'Mới');
    const parent = findNode(doc, 'a1')!;
    expect(parent.rule).toBeUndefined();
    expect(parent.children).toHaveLength(1);
    expect(findNode(doc, key)).toMatchObject({ code: '1.1.1', name: 'Mới', maxPoints: '2', rule: { type: 'yes_no', yesPoints: '2' } });
  });

  it('adds a field at the end and a sibling right after the node, numbered by position', () => {
    const field = addChild(sample(), null, 'Lĩnh vực');
    expect(findNode(field.doc, field.key)).toMatchObject({ code: '4', name: 'Lĩnh vực', maxPoints: '0' });
    const sib = addSibling(sample(), 'a1', 'Bên cạnh');
    expect(keys(sib.doc).slice(0, 4)).toEqual(['a', '-a1', `-${sib.key}`, '-a2']);
    expect(findNode(sib.doc, sib.key)?.code).toBe('1.2');
  });

  it('moves up and down among siblings only', () => {
    expect(keys(moveBy(sample(), 'a2', -1)).slice(0, 3)).toEqual(['a', '-a2', '-a1']);
    expect(keys(moveBy(sample(), 'a2', 1))).toEqual(keys(sample()));
  });

  it('indents under the previous sibling and outdents after the parent', () => {
    expect(keys(indent(sample(), 'a2')).slice(0, 3)).toEqual(['a', '-a1', '--a2']);
    expect(keys(indent(sample(), 'a1'))).toEqual(keys(sample()));
    const out = outdent(sample(), 'a2');
    expect(keys(out).slice(0, 4)).toEqual(['a', '-a1', 'a2', 'b']);
    expect(keys(outdent(sample(), 'a'))).toEqual(keys(sample()));
  });

  it('drops before, after or inside another node, never into its own subtree', () => {
    expect(keys(moveTo(sample(), 'bonus', 'a1', 'before')).slice(0, 3)).toEqual(['a', '-bonus', '-a1']);
    expect(keys(moveTo(sample(), 'a1', 'b1', 'inside'))).toContain('--a1');
    expect(keys(moveTo(sample(), 'b', 'b11', 'inside'))).toEqual(keys(sample()));
  });

  it('renumbers codes by position and keeps the keys', () => {
    const d = renumber(moveBy(sample(), 'a', 1));
    expect(codes(d)).toEqual(['1', '1.1', '1.1.1', '2', '2.1', '2.2', '3']);
    expect(keys(d)[0]).toBe('b');
  });

  it('adds up the children\'s maxima exactly, without bonus children, and gives up on one that is not a number', () => {
    const d = sample();
    expect(childrenSum(findNode(d, 'a')!)).toBe('3');
    const withBonus = updateNode(d, 'a', (n) => ({ ...n, children: [...n.children!, leaf('x', '1.3', '0.1'), leaf('y', '1.4', '0.2'), findNode(d, 'bonus')!] }));
    expect(childrenSum(findNode(withBonus, 'a')!)).toBe('3.3');
    expect(childrenSum(updateNode(d, 'a1', (n) => ({ ...n, maxPoints: 'hai' })).nodes[0]!)).toBeNull();
  });
});

describe('what the editor derives from the selection', () => {
  it('totals the fields without bonus ones, a maximum being typed counting as 0', () => {
    expect(fieldsTotal(sample())).toBe(parsePoints('5'));
    expect(fieldsTotal(updateNode(sample(), 'b', (n) => ({ ...n, maxPoints: '2,' })))).toBe(parsePoints('3'));
  });

  it('finds the agency a node inherits from its nearest ancestor', () => {
    const d = sample();
    expect(inheritedAgency(d, findPath(d.nodes, 'a2'))).toBe('SNV');
    expect(inheritedAgency(d, findPath(d.nodes, 'b11'))).toBeUndefined();
    expect(inheritedAgency(d, findPath(d.nodes, 'a'))).toBeUndefined();
  });

  it('lists a node\'s ancestors outermost first', () => {
    expect(ancestorKeys(sample(), 'b11')).toEqual(['b', 'b1']);
    expect(ancestorKeys(sample(), 'nope')).toEqual([]);
  });

  it('allows only the moves that change something', () => {
    const d = sample();
    expect(possibleMoves(d, findPath(d.nodes, 'a1'))).toEqual({ up: false, down: true, indent: false, outdent: true });
    expect(possibleMoves(d, findPath(d.nodes, 'bonus'))).toEqual({ up: true, down: false, indent: true, outdent: false });
    expect(possibleMoves(d, null)).toEqual({ up: false, down: false, indent: false, outdent: false });
  });

  it('selects the next sibling after a removal, else the parent, else the previous field', () => {
    const d = sample();
    const after = (key: string) => selectionAfterRemove(removeNode(d, key), findPath(d.nodes, key)!);
    expect(after('a1')).toBe('a2');
    expect(after('b11')).toBe('b1');
    expect(after('bonus')).toBe('b');
  });

  it('places a drop inside the target, or before or after it', () => {
    expect(dropPlacement({ dropToGap: false, dropPosition: 2, pos: '0-2' })).toBe('inside');
    expect(dropPlacement({ dropToGap: true, dropPosition: -1, pos: '0-1-0' })).toBe('before');
    expect(dropPlacement({ dropToGap: true, dropPosition: 1, pos: '0-1-0' })).toBe('after');
  });

  it('keeps open every inner node but the collapsed ones, and collapses what the tree closed', () => {
    const rows = flatten(sample().nodes);
    expect(expandedKeys(rows, new Set(['b1']))).toEqual(['a', 'b']);
    expect([...collapsedExcept(rows, new Set(['a']))]).toEqual(['b', 'b1']);
  });

  it('diffs from the latest earlier version, else from any other', () => {
    const versions = [{ id: 'v1', number: 1 }, { id: 'v3', number: 3 }, { id: 'v2', number: 2 }];
    expect(diffBaseVersion(versions, { id: 'v3', number: 3 })).toBe('v2');
    expect(diffBaseVersion(versions, { id: 'v1', number: 1 })).toBe('v3');
  });
});
