/** What the framework reader refuses before anything recursive runs: too many levels, NUL characters. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findUnsafeJson, loadFramework, MAX_NODE_DEPTH, parseFramework } from '../src/index.ts';
import { group, leaf, yesNo } from './helpers.ts';

type J = Record<string, unknown>;
const schema = JSON.parse(readFileSync(new URL('../../../docs/framework.schema.json', import.meta.url), 'utf8'));

/** A chain of `levels` nodes: groups down to one leaf worth 1 point. */
function chain(levels: number): J {
  let node = leaf(`k${levels}`, Array.from({ length: levels }, () => '1').join('.'), '1', yesNo('1'));
  for (let level = levels - 1; level >= 1; level--) node = group(`k${level}`, Array.from({ length: level }, () => '1').join('.'), '1', [node]);
  return node;
}
const doc = (nodes: J[]) => ({ formatVersion: 1, id: 'sau', name: 'Bộ tiêu chí thử', nodes });

describe('framework depth limit', () => {
  it(`reads ${MAX_NODE_DEPTH} levels of nodes and refuses one more, naming the path`, () => {
    expect(loadFramework(doc([chain(MAX_NODE_DEPTH)])).ok).toBe(true);
    const r = parseFramework(doc([chain(MAX_NODE_DEPTH + 1)]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.objectContaining({ code: 'format_depth', path: `$.nodes[0]${'.children[0]'.repeat(MAX_NODE_DEPTH)}`, message: expect.stringContaining(`tối đa ${MAX_NODE_DEPTH} cấp`) }),
    ]);
  });

  it('answers a document nested 5,000 levels deep with an error instead of exhausting the stack', () => {
    let text = '{"key":"k","code":"1","name":"Lá","maxPoints":"1"}';
    for (let i = 0; i < 5000; i++) text = `{"key":"k${i}","code":"${i}","name":"Nhóm","maxPoints":"1","children":[${text}]}`;
    const r = parseFramework(`{"formatVersion":1,"id":"sau","name":"Sâu","nodes":[${text}]}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(['format_depth']);
  });

  it('declares the same limit in the JSON Schema: a chain of node levels, the last without children', () => {
    const levels = Object.keys(schema.$defs).filter((k) => /^nodeLevel\d+$/.test(k));
    expect(levels).toHaveLength(MAX_NODE_DEPTH);
    expect(schema.properties.nodes.items.$ref).toBe('#/$defs/nodeLevel1');
    expect(schema.$defs[`nodeLevel${MAX_NODE_DEPTH}`].properties.children.maxItems).toBe(0);
  });
});

describe('NUL characters', () => {
  it('are refused in any string or key of a framework (PostgreSQL cannot store them)', () => {
    const r = parseFramework(doc([group('g', '1', '1', [leaf('a', '1.1', '1', yesNo('1'), { guidance: 'Hướng\u0000 dẫn' })])]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ code: 'format_nul', path: '$.nodes[0].children[0].guidance' })]);
  });

  it('findUnsafeJson finds the first NUL or too-deep value, keys included', () => {
    expect(findUnsafeJson({ a: ['x', { b: 'y' }] }, 10)).toBeNull();
    expect(findUnsafeJson({ a: ['x', { 'b\u0000': 'y' }] }, 10)).toEqual({ path: ['a', 1, 'b\u0000'], problem: 'nul' });
    expect(findUnsafeJson([[[[1]]]], 3)).toEqual({ path: [0, 0, 0], problem: 'depth' });
  });
});
