/** Half of a surrogate pair ("\ud800" alone in JSON) has no UTF-8 form and jsonb refuses it: refused like a NUL. */
import { describe, expect, it } from 'vitest';
import { findUnsafeJson, parseFramework } from '../src/index.ts';
import { group, leaf, yesNo } from './helpers.ts';

describe('unpaired surrogates', () => {
  it('findUnsafeJson finds a lone high or low half, in values and keys; a whole pair is fine', () => {
    expect(findUnsafeJson({ a: 'Bộ 😀', b: ['\ud83d\ude00'] }, 10)).toBeNull();
    expect(findUnsafeJson({ a: ['x', 'y\ud800'] }, 10)).toEqual({ path: ['a', 1], problem: 'surrogate' });
    expect(findUnsafeJson({ a: '\udc00z' }, 10)).toEqual({ path: ['a'], problem: 'surrogate' });
    expect(findUnsafeJson({ ['k\ud800']: 1 }, 10)).toEqual({ path: ['k\ud800'], problem: 'surrogate' });
  });

  it('a framework file with one is refused naming where (format_surrogate)', () => {
    const json = JSON.stringify({ formatVersion: 1, id: 'x', name: 'x', nodes: [group('g', '1', '1', [leaf('a', '1.1', '1', yesNo('1'), { guidance: 'Hướng\ud800 dẫn' })])] });
    const r = parseFramework(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ code: 'format_surrogate', path: '$.nodes[0].children[0].guidance' })]);
  });
});
