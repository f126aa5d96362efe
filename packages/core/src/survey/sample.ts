/**
 * Drawing the sample (chọn mẫu): per unit, min(quota, available) people from the frame, uniformly
 * without replacement, reproducible from a seed. The frame is sorted by id first, so the same
 * people in any order with the same seed give the same sample; each unit has its own random
 * stream (seed × unit), so adding one unit's people leaves the other units' draws unchanged.
 */
import { hash32 } from './quality.ts';

export interface FrameEntry {
  readonly id: string;
  readonly unitId: string;
  /** Line of the imported list (for messages; not used by the draw). */
  readonly line: number;
}

/** sfc32: a small, well-tested 32-bit PRNG; returns integers in [0, 2^32). */
export function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
}

/** A uniform integer in [0, n) without modulo bias (rejection sampling). */
function below(next: () => number, n: number): number {
  const limit = Math.floor(0x100000000 / n) * n;
  for (;;) {
    const x = next();
    if (x < limit) return x % n;
  }
}

function streamFor(seed: number, unitId: string): () => number {
  const key = `${seed}|${unitId}`;
  const next = sfc32(hash32(key, 1), hash32(key, 2), hash32(key, 3), hash32(key, 4));
  for (let i = 0; i < 12; i++) next(); // warm-up, as sfc32's authors advise
  return next;
}

/** Ids drawn, unit by unit (units sorted), each unit's ids in draw order. Units without a quota draw none. */
export function drawSample(frame: readonly FrameEntry[], quotas: ReadonlyMap<string, number>, seed: number): string[] {
  const byUnit = new Map<string, Set<string>>();
  for (const entry of frame) {
    let ids = byUnit.get(entry.unitId);
    if (!ids) byUnit.set(entry.unitId, (ids = new Set()));
    ids.add(entry.id);
  }
  const drawn: string[] = [];
  const taken = new Set<string>();
  for (const unitId of [...byUnit.keys()].sort()) {
    const quota = Math.max(0, Math.floor(quotas.get(unitId) ?? 0));
    // An id listed under two units is drawn at most once (for the first unit, by id order of units).
    const ids = [...byUnit.get(unitId)!].filter((id) => !taken.has(id)).sort();
    const n = Math.min(quota, ids.length);
    const next = streamFor(seed, unitId);
    // Partial Fisher–Yates: the first n places are a uniform draw without replacement.
    for (let i = 0; i < n; i++) {
      const j = i + below(next, ids.length - i);
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
      drawn.push(ids[i]!);
      taken.add(ids[i]!);
    }
  }
  return drawn;
}
