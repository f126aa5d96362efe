import type { Database } from '../../db/client';

/** Issue 12 demo part (sample data, marked as such): filled in by its owner. Idempotent. */
export async function loadDemoTargets(_db: Database): Promise<{ lines: string[] }> {
  return { lines: [] };
}
