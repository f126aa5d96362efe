import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFramework } from '@chiso/core';
import type { Database } from '../db/client';
import { findFrameworkByIdentity } from '../db/repositories/framework-repository';
import { systemActor, type Actor } from '../services/actor';
import { importFramework } from '../services/frameworks/framework-service';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'frameworks');

/** The demo frameworks and where they go; files that do not exist yet are skipped. */
export const demoFrameworks = [
  { file: 'departments-2025.json', programCode: 'par-index', year: 2025, groupLabel: 'Sở, ban, ngành' },
  { file: 'communes-2025.json', programCode: 'par-index', year: 2025, groupLabel: 'UBND cấp xã' },
  { file: 'task-performance-2025.json', programCode: 'task-performance', year: 2025, groupLabel: 'Sở, ban, ngành' },
] as const;

export interface DemoFrameworksResult {
  /** Version ids of the frameworks loaded, by file. */
  loaded: { file: string; frameworkId: string; versionId: string }[];
  /** Files skipped: missing, or a framework with that program, year and group exists already. */
  skipped: { file: string; because: string }[];
}

/**
 * Loads the demo frameworks as PUBLISHED version 1 (each in its own transaction, audit-logged as
 * the given actor, `system` by default). Idempotent: an existing framework is left alone.
 */
export async function loadDemoFrameworks(db: Database, actor: Actor = systemActor): Promise<DemoFrameworksResult> {
  const result: DemoFrameworksResult = { loaded: [], skipped: [] };
  for (const spec of demoFrameworks) {
    const file = path.join(folder, spec.file);
    if (!fs.existsSync(file)) {
      result.skipped.push({ file: spec.file, because: 'chưa có tệp' });
      continue;
    }
    if (await findFrameworkByIdentity(db, spec)) {
      result.skipped.push({ file: spec.file, because: 'đã có bộ tiêu chí này' });
      continue;
    }
    const loaded = loadFramework(fs.readFileSync(file, 'utf8'));
    if (!loaded.ok) throw new Error(`Bộ tiêu chí mẫu ${spec.file} không hợp lệ: ${loaded.errors.map((e) => e.message).join('; ')}`);
    const { framework } = await importFramework(
      db,
      actor,
      { programCode: spec.programCode, year: spec.year, groupLabel: spec.groupLabel, name: loaded.framework.name, document: JSON.parse(fs.readFileSync(file, 'utf8')), fileName: spec.file },
      { publish: true },
    );
    result.loaded.push({ file: spec.file, frameworkId: framework!.id, versionId: framework!.versions[0]!.id });
  }
  return result;
}
