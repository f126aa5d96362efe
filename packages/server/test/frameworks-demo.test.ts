import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from './support/database';
import type { DatabaseHandle } from '../src/db/client';
import { frameworkVersions, frameworks } from '../src/db/schema/frameworks';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';

describe('loadDemoFrameworks', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it('loads the three demo frameworks as published version 1, and is idempotent', async () => {
    const first = await loadDemoFrameworks(database.db);
    expect(first.loaded.map((l) => l.file)).toEqual(['departments-2025.json', 'communes-2025.json', 'task-performance-2025.json']);
    const rows = await database.db
      .select({ program: frameworks.programCode, year: frameworks.year, group: frameworks.groupLabel, number: frameworkVersions.number, status: frameworkVersions.status })
      .from(frameworks)
      .innerJoin(frameworkVersions, eq(frameworkVersions.frameworkId, frameworks.id))
      .orderBy(frameworks.programCode, frameworks.groupLabel);
    expect(rows).toEqual([
      { program: 'par-index', year: 2025, group: 'Sở, ban, ngành', number: 1, status: 'published' },
      { program: 'par-index', year: 2025, group: 'UBND cấp xã', number: 1, status: 'published' },
      { program: 'task-performance', year: 2025, group: 'Sở, ban, ngành', number: 1, status: 'published' },
    ]);
    const again = await loadDemoFrameworks(database.db);
    expect(again.loaded).toEqual([]);
    expect(again.skipped.map((s) => s.because)).toEqual(['đã có bộ tiêu chí này', 'đã có bộ tiêu chí này', 'đã có bộ tiêu chí này']);
  });
});
