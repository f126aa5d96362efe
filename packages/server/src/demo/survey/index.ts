import type { Database } from '../../db/client';

/**
 * The sociological survey of the 2025 departments' cycle (issue 13), marked as sample data (DỮ LIỆU
 * MINH HỌA). Placeholder until the demo part lands.
 */
export async function loadDemoSurvey(_db: Database): Promise<{ lines: string[] }> {
  return { lines: [] };
}
