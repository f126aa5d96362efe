import type { Database } from '../../db/client';

/** Issue 12 demo part (sample data, marked as such): filled in by its owner. Idempotent. */
export async function loadDemoRemediation(_db: Database): Promise<{ lines: string[] }> {
  return { lines: [] };
}
