import type { Config } from '../config/env';
import type { Database } from '../db/client';
import { demoLoadedKey, readSetting } from '../db/repositories/settings-repository';
import { loadDemoCycle } from './load-demo-cycle';
import { loadDemoFrameworks } from './load-demo-frameworks';
import { loadDemoProvince } from './load-demo';
import { loadDemoLevels } from './load-demo-levels';
import { loadDemoHistory } from './load-demo-history';
import { loadDemoCommunes2025 } from './load-demo-communes-2025';
import { loadDemoFollowUp } from './follow-up';
import { loadDemoSurvey } from './survey';
import type { EvidenceStoreSettings } from '../storage/evidence-store';

export interface DemoResult {
  /** True when anything was loaded. */
  loaded: boolean;
  /** One line per part, for the console. */
  lines: string[];
}

export interface DemoOptions {
  /** Opt-in (about two minutes): the province's 2025 commune cycle played to publication (load-demo-communes-2025.ts). */
  communes2025?: boolean;
  /** Progress of the long parts, for the console. */
  progress?: (text: string) => void;
  /** The evidence store's settings, for the sample documents' bytes; without them (tests) only their rows are written. */
  files?: EvidenceStoreSettings;
}

/** The configured evidence store (folder or S3), for `DemoOptions.files`. */
export const demoFilesOf = (config: Pick<Config, 'dataDir' | 'uploadMaxMb' | 'evidenceStore'>): EvidenceStoreSettings => config;

/**
 * The whole demo: the province (units, groups, users), its frameworks, the 2025 cycle, open, and
 * the levels (load-demo-levels.ts: Sở Y tế's own index, a district's published 2024 commune index,
 * the province's 2025 commune cycle), the published results of 2023 and 2024 (load-demo-history.ts)
 * and their follow-up (follow-up/: notices and tasks, a remediation plan, targets, external indices);
 * opt-in, the province's 2025 commune cycle played to publication (load-demo-communes-2025.ts).
 * The province loads only into an empty database; the later parts are idempotent, so running the
 * demo again completes a demo that was cut short.
 */
export async function loadDemo(db: Database, options: DemoOptions = {}): Promise<DemoResult> {
  const lines: string[] = [];
  const province = await loadDemoProvince(db);
  lines.push(province.loaded ? `Tỉnh mẫu: ${province.summary ?? ''}` : `Tỉnh mẫu: không nạp (${province.skippedBecause ?? ''})`);
  if ((await readSetting<boolean>(db, demoLoadedKey)) !== true) return { loaded: false, lines };
  const frameworks = await loadDemoFrameworks(db);
  lines.push(`Bộ tiêu chí mẫu: ${frameworks.loaded.length} nạp mới${frameworks.skipped.length ? `, bỏ qua ${frameworks.skipped.map((s) => `${s.file} (${s.because})`).join(', ')}` : ''}`);
  const cycle = await loadDemoCycle(db);
  lines.push(`Kỳ đánh giá mẫu: Chỉ số CCHC năm 2025, ${cycle.unitIds.length} đơn vị tham gia`);
  lines.push(...(await loadDemoLevels(db)).lines);
  lines.push(...(await loadDemoHistory(db)).lines);
  lines.push(...(await loadDemoFollowUp(db, options.files)).lines);
  lines.push(...(await loadDemoSurvey(db)).lines);
  if (options.communes2025) lines.push(...(await loadDemoCommunes2025(db, options.progress)).lines);
  return { loaded: province.loaded || frameworks.loaded.length > 0, lines };
}
