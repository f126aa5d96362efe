import type { Database } from '../../db/client';
import type { EvidenceStoreSettings } from '../../storage/evidence-store';
import { loadDemoExternalIndices } from './external-indices';
import { loadDemoTargets } from './targets';
import { loadDemoNotices } from './notices';
import { loadDemoRemediation } from './remediation';

/**
 * The follow-up of the published results (issue 12), all marked as sample data (DỮ LIỆU MINH HỌA):
 * external-index values 2019–2024, the 18 targets of a resolution, a conclusion notice with its
 * tasks, one unit's remediation plan. Targets and tasks link to the indices, so they load first.
 */
export async function loadDemoFollowUp(db: Database, files?: EvidenceStoreSettings): Promise<{ lines: string[] }> {
  const lines: string[] = [];
  for (const part of [loadDemoExternalIndices, loadDemoTargets, (d: Database) => loadDemoNotices(d, files), loadDemoRemediation]) lines.push(...(await part(db)).lines);
  return { lines };
}
