import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FrameEntry, drawSample } from '../src/index.ts';

const frameArb = fc.uniqueArray(
  fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), unitId: fc.constantFrom('u1', 'u2', 'u3') }),
  { selector: (e) => e.id, maxLength: 40 },
).map((rows) => rows.map((r, i): FrameEntry => ({ ...r, line: i + 2 })));
const quotasArb = fc.record({ u1: fc.nat(12), u2: fc.nat(12), u3: fc.nat(12) }).map((o) => new Map(Object.entries(o)));

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('drawing the sample', () => {
  it('draws min(quota, available) per unit, never twice the same person, none for a unit without quota', () => {
    fc.assert(fc.property(frameArb, quotasArb, fc.integer(), (frame, quotas, seed) => {
      const drawn = drawSample(frame, quotas, seed);
      expect(new Set(drawn).size).toBe(drawn.length);
      const unitOf = new Map(frame.map((e) => [e.id, e.unitId]));
      for (const unit of ['u1', 'u2', 'u3']) {
        const available = frame.filter((e) => e.unitId === unit).length;
        expect(drawn.filter((id) => unitOf.get(id) === unit).length).toBe(Math.min(quotas.get(unit)!, available));
      }
      expect(drawSample(frame, new Map(), seed)).toEqual([]);
    }));
  });

  it('is reproducible from the seed, whatever the order of the frame', () => {
    fc.assert(fc.property(frameArb, quotasArb, fc.integer(), fc.integer(), (frame, quotas, seed, order) => {
      expect(drawSample(shuffled(frame, order), quotas, seed)).toEqual(drawSample(frame, quotas, seed));
    }));
  });

  it("keeps a unit's draw when another unit's people are added", () => {
    fc.assert(fc.property(frameArb, quotasArb, fc.integer(), (frame, quotas, seed) => {
      const u1 = (f: readonly FrameEntry[]) => drawSample(f.filter((e) => e.unitId === 'u1'), quotas, seed);
      const extra = [...frame, { id: 'người-mới', unitId: 'u2', line: 99 }];
      expect(drawSample(extra, quotas, seed).filter((id) => frame.some((e) => e.id === id && e.unitId === 'u1'))).toEqual(u1(frame));
    }), { numRuns: 50 });
  });

  it('draws every person about equally often over many seeds (uniform without replacement)', () => {
    const frame = Array.from({ length: 10 }, (_, i): FrameEntry => ({ id: `p${i}`, unitId: 'u', line: i + 2 }));
    const counts = new Map<string, number>();
    const runs = 3000;
    for (let seed = 0; seed < runs; seed++) {
      for (const id of drawSample(frame, new Map([['u', 3]]), seed)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    // Each person is drawn with probability 3/10: 900 expected; the seeds are fixed, so this is deterministic.
    for (const e of frame) expect(Math.abs(counts.get(e.id)! - 900)).toBeLessThan(90);
    expect(drawSample(frame, new Map([['u', 3]]), 1)).not.toEqual(drawSample(frame, new Map([['u', 3]]), 2));
  });
});
