/**
 * A province at full scale for the HTTP and browser benchmarks: 3,321 communes in one group, a
 * published framework of 150 leaves (bench/scoring/synthetic.ts, every leaf self-assessed), one
 * open cycle with its criterion records (a realistic share already filled), one officer account per
 * commune (`ub0001`…, one password, hashed once), seven appraising agencies with their appraisers
 * and their fields, an administrator — and, with `published: true`, last year's cycle of the same
 * communes appraised, approved and published (snapshot 1, so a ranking page has 3,321 rows), then closed.
 *
 * Rows go in through drizzle in batches (the test fixtures' way: assessments-fixtures.ts,
 * appraisal-fixtures.ts), the framework through the server's importFramework and the published
 * snapshot through the server's consolidation and writeSnapshot, so what the server reads is what
 * it would have written.
 *
 *   import { seedLargeProvinceAt, sessionsFor, login } from '../lib/large-province.ts';
 *   const province = await seedLargeProvinceAt({ databaseUrl }, { published: true });
 */
import { randomUUID } from 'node:crypto';
import { frameworkToJson, leaves, loadFramework, pointsToString, selfValue, type Framework, type FrameworkNode, type NodeInput } from '../../packages/core/src/index.ts';
import { hashPassword } from '../../packages/server/src/auth/password.ts';
import { hashToken, randomToken } from '../../packages/server/src/auth/tokens.ts';
import { sessionCookieName } from '../../packages/server/src/auth/cookie.ts';
import { migrateDatabase, openDatabase, type Database, type DatabaseHandle } from '../../packages/server/src/db/client.ts';
import { sessions, users } from '../../packages/server/src/db/schema/accounts.ts';
import { cycleAgencies, cycleGroups, cycles, cycleUnits } from '../../packages/server/src/db/schema/cycles.ts';
import { programs } from '../../packages/server/src/db/schema/frameworks.ts';
import { groupSets, unitGroupMembers, unitGroups } from '../../packages/server/src/db/schema/group-sets.ts';
import { units, unitTypes } from '../../packages/server/src/db/schema/units.ts';
import { eq, sql } from 'drizzle-orm';
import { PROVINCE_SCOPE, type Actor } from '../../packages/server/src/services/actor.ts';
import { consolidateCycleGroup } from '../../packages/server/src/services/council/consolidation.ts';
import { loadCycleContext } from '../../packages/server/src/services/cycles/context.ts';
import { importFramework } from '../../packages/server/src/services/frameworks/framework-service.ts';
import { writeSnapshot } from '../../packages/server/src/services/publication/write-snapshot.ts';
import { rng, syntheticFramework, syntheticUnits } from '../scoring/synthetic.ts';

/** Every account of the large province logs in with this password. */
export const LARGE_PROVINCE_PASSWORD = 'Do-hieu-nang-2025';
export const PROVINCE_UNITS = 3321;

export interface LargeProvinceOptions {
  /** Communes (default 3,321). */
  units?: number;
  /** Share of the open cycle's criteria already filled (default 0,6: units from empty to complete). */
  filled?: number;
  /** Also last year's cycle, appraised and published (default false; costs ~3× the seeding). */
  published?: boolean;
  /** Seed of the inputs (deterministic). */
  seed?: number;
  /** Progress lines. */
  progress?: (text: string) => void;
}

export interface LargeProvinceUnit {
  id: string;
  code: string;
  /** The unit officer's login name (`ub0001`). */
  username: string;
  userId: string;
}

export interface LargeProvince {
  /** The open cycle (self-assessment running). */
  cycleId: string;
  groupId: string;
  frameworkVersionId: string;
  /** Self-assessed leaves of the framework, in order (all 150). */
  leafKeys: string[];
  units: LargeProvinceUnit[];
  /** Agency code → its unit and appraiser account (`td.snv`…). */
  agencies: { code: string; unitId: string; username: string; userId: string; nodeKeys: string[] }[];
  admin: { username: string; userId: string };
  password: string;
  /** Last year's closed cycle with snapshot 1 published (with `published`). */
  published?: { cycleId: string; groupId: string; year: number };
}

const AGENCIES = [
  { code: 'SNV', name: 'Sở Nội vụ' },
  { code: 'STP', name: 'Sở Tư pháp' },
  { code: 'VPUBND', name: 'Văn phòng UBND tỉnh' },
  { code: 'STC', name: 'Sở Tài chính' },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ' },
  { code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường' },
  { code: 'SXD', name: 'Sở Xây dựng' },
];
const YEAR = 2025;
const day = 86_400_000;
const pad = (n: number) => String(n).padStart(4, '0');

/** Inserts `rows` in batches small enough for PostgreSQL's 65,535 parameters. */
async function inBatches<T>(rows: readonly T[], size: number, insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Criterion record columns the seed writes (snake case, as in the table). */
const RECORD_COLUMNS = [
  'cycle_id', 'unit_id', 'node_key', 'status', 'self_input', 'self_points', 'updated_by', 'appraisal_kind', 'appraisal_value', 'appraised_points',
  'appraisal_agency', 'appraised_at', 'council_value', 'council_points', 'council_reason', 'council_proposed_at', 'council_proposed_by',
  'council_approved', 'council_approved_at', 'council_approved_by',
] as const;
type RecordRow = Partial<Record<(typeof RECORD_COLUMNS)[number], unknown>>;

/**
 * Criterion records in bulk: one JSON parameter per 20,000 rows, expanded by the database
 * (json_populate_recordset), so 500,000 rows take seconds, not the minutes of 100 multi-row
 * INSERTs with a parameter per value. Same columns and constraints as the repository's inserts.
 */
async function insertRecords(db: Database, rows: readonly RecordRow[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = sql.raw(RECORD_COLUMNS.join(', '));
  await db.execute(sql`INSERT INTO criterion_records (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::criterion_records, ${JSON.stringify(rows)}::json)`);
}

/**
 * The synthetic scoring framework as a document the server imports: its fields spread over seven
 * agencies, and its survey and data-feed leaves turned into self-assessed ones (yes/no and rate
 * tiers), so every one of the 150 leaves is a criterion the communes fill.
 */
function benchDocument(): { document: Record<string, unknown>; framework: Framework } {
  const json = frameworkToJson(syntheticFramework()) as Record<string, unknown> & { nodes: Record<string, unknown>[] };
  const selfAssessed = (node: Record<string, unknown>): void => {
    const rule = node.rule as Record<string, unknown> | undefined;
    if (rule?.type === 'survey') {
      node.source = 'self_assessment';
      node.rule = { type: 'yes_no', yesPoints: node.maxPoints, noPoints: '0' };
    } else if (rule?.type === 'data_feed') {
      node.source = 'self_assessment';
      const { numeratorLabel, denominatorLabel, zeroDenominator } = rule;
      node.rule = { type: 'rate_tiers', numeratorLabel, denominatorLabel, zeroDenominator, tiers: (rule.scoring as { tiers: unknown }).tiers };
    }
    ((node.children as Record<string, unknown>[] | undefined) ?? []).forEach(selfAssessed);
  };
  json.nodes.forEach((field, i) => {
    field.appraisingAgency = AGENCIES[i % AGENCIES.length]!.code;
    selfAssessed(field);
  });
  json.agencies = AGENCIES;
  json.unitLevel = 'commune';
  const loaded = loadFramework(json);
  if (!loaded.ok) throw new Error('bench framework invalid: ' + loaded.errors.map((e) => e.message).join('; '));
  return { document: json, framework: loaded.framework };
}

/** The synthetic inputs, made to fit the self-assessed leaves (a survey's points become yes/no). */
function inputFor(node: FrameworkNode, input: NodeInput | undefined): NodeInput | undefined {
  if (input?.kind === 'survey') return { kind: 'yes_no', value: Number(input.points) * 1000 >= node.maxPoints * 0.6 };
  return input;
}

/** Opens (and migrates) a PostgreSQL database or a PGlite data folder, seeds it, and closes it. */
export async function seedLargeProvinceAt(target: { databaseUrl: string } | { dataDir: string }, options: LargeProvinceOptions = {}): Promise<LargeProvince> {
  const handle = await openBench(target);
  try {
    return await seedLargeProvince(handle.db, options);
  } finally {
    await handle.close();
  }
}

/** Opens and migrates the target (the server's own openDatabase/migrateDatabase). */
export async function openBench(target: { databaseUrl: string } | { dataDir: string }): Promise<DatabaseHandle> {
  const handle = await openDatabase('databaseUrl' in target ? { kind: 'postgres', url: target.databaseUrl } : { kind: 'pglite', dataDir: target.dataDir });
  await migrateDatabase(handle);
  return handle;
}

/** Seeds the large province into an empty, migrated database. */
export async function seedLargeProvince(db: Database, options: LargeProvinceOptions = {}): Promise<LargeProvince> {
  const count = options.units ?? PROVINCE_UNITS;
  const filled = options.filled ?? 0.6;
  const seed = options.seed ?? 14;
  const say = options.progress ?? (() => {});
  const t0 = Date.now();

  // Organisation: the province, seven departments acting as agencies, the communes under the province.
  await db.insert(unitTypes).values([
    { code: 'province', name: 'Tỉnh', level: 1 }, { code: 'department', name: 'Sở, ban, ngành', level: 2 },
    { code: 'xa', name: 'Xã', level: 3 }, { code: 'phuong', name: 'Phường', level: 3 }, { code: 'dac-khu', name: 'Đặc khu', level: 3 },
  ]).onConflictDoNothing();
  const provinceId = randomUUID();
  await db.insert(units).values({ id: provinceId, code: 'TINH', name: 'Tỉnh đo hiệu năng', typeCode: 'province', validFrom: '2020-01-01' });
  const agencyUnits = AGENCIES.map((a) => ({ id: randomUUID(), code: a.code, name: a.name, typeCode: 'department', parentId: provinceId, validFrom: '2020-01-01' }));
  await db.insert(units).values(agencyUnits);

  const { document, framework } = benchDocument();
  const leafNodes = leaves(framework);
  const synthetic = syntheticUnits(syntheticFramework(), count, seed);
  const communes = synthetic.map((s, i) => ({
    id: randomUUID(), code: `X${pad(i + 1)}`, name: `${s.profile.type === 'phuong' ? 'Phường' : s.profile.type === 'xa' ? 'Xã' : 'Đặc khu'} số ${i + 1}`,
    typeCode: s.profile.type!, parentId: provinceId, validFrom: '2020-01-01',
  }));
  await inBatches(communes, 2000, (b) => db.insert(units).values(b));
  say(`${count} đơn vị (${Date.now() - t0} ms)`);

  // Accounts: one argon2 hash (production parameters) for everyone.
  const passwordHash = await hashPassword(LARGE_PROVINCE_PASSWORD);
  const account = (username: string, fullName: string, unitId: string, roles: string[]) =>
    ({ id: randomUUID(), username, fullName, unitId, roles, passwordHash, email: `${username}@example.invalid` });
  const officers = communes.map((c, i) => account(`ub${pad(i + 1)}`, `Cán bộ ${c.name}`, c.id, ['unit_officer']));
  const appraisers = agencyUnits.map((a) => account(`td.${a.code.toLowerCase()}`, `Thẩm định viên ${a.name}`, a.id, ['appraiser']));
  const admin = account('quantri', 'Quản trị Sở Nội vụ', agencyUnits[0]!.id, ['admin', 'council_member']);
  await inBatches([...officers, ...appraisers, admin], 1000, (b) => db.insert(users).values(b));
  say(`${officers.length + appraisers.length + 1} tài khoản (${Date.now() - t0} ms)`);

  // The framework, imported and published by the server's own service.
  await db.insert(programs).values({ code: 'par-index', name: 'Chỉ số cải cách hành chính' }).onConflictDoNothing();
  const adminActor: Actor = { userId: admin.id, username: admin.username, unitId: admin.unitId, roles: ['admin', 'council_member'], scope: PROVINCE_SCOPE, ip: null };
  const imported = await importFramework(db, adminActor, {
    programCode: 'par-index', year: YEAR, groupLabel: 'UBND cấp xã', name: framework.name, document: document as never, fileName: 'bench.json',
  }, { publish: true });
  const frameworkVersionId = imported.framework!.versions[0]!.id;
  say(`bộ tiêu chí ${leafNodes.length} tiêu chí đã công bố (${Date.now() - t0} ms)`);

  const setId = randomUUID();
  const groupId = randomUUID();
  await db.insert(groupSets).values({ id: setId, code: 'XA-2025', name: 'Cấp xã sau sắp xếp' });
  await db.insert(unitGroups).values({ id: groupId, groupSetId: setId, code: 'XA', name: 'Xã, phường, đặc khu' });
  await inBatches(communes, 5000, (b) => db.insert(unitGroupMembers).values(b.map((c) => ({ groupSetId: setId, groupId, unitId: c.id }))));

  const leafKeys = leafNodes.map((n) => n.key);
  const nodeOf = new Map(leafNodes.map((n) => [n.key, n]));
  const agencyOfLeaf = (key: string) => {
    const field = framework.nodes.find((f) => leaves({ ...framework, nodes: [f] }).some((l) => l.key === key))!;
    return field.appraisingAgency!;
  };
  const leafAgency = new Map(leafKeys.map((k) => [k, agencyOfLeaf(k)]));
  const rounding = framework.settings.rounding;

  /** A cycle of the communes: its row, group, agencies, units and records (`record` fills one). */
  const cycle = async (
    year: number, name: string, calendar: { opens: number }, state: string,
    record: (unit: number, key: string) => RecordRow,
  ): Promise<string> => {
    const id = randomUUID();
    const o = calendar.opens;
    await db.insert(cycles).values({
      id, programCode: 'par-index', year, name, groupSetId: setId, status: 'open',
      selfAssessmentOpens: new Date(o), selfAssessmentDeadline: new Date(o + 60 * day),
      appraisalFrom: new Date(o + 61 * day), appraisalTo: new Date(o + 90 * day),
      explanationFrom: new Date(o + 61 * day), explanationTo: new Date(o + 80 * day),
      councilDate: new Date(o + 95 * day), publicationDate: new Date(o + 100 * day),
      evidenceRequiredForPoints: false, explanationRequiredWithoutEvidence: false,
      createdBy: admin.id,
    });
    await db.insert(cycleGroups).values({ cycleId: id, groupId, frameworkVersionId });
    await db.insert(cycleAgencies).values(agencyUnits.map((a) => ({ cycleId: id, agencyCode: a.code, unitId: a.id })));
    await inBatches(communes, 5000, (b) => db.insert(cycleUnits).values(b.map((c) => ({ cycleId: id, unitId: c.id, groupId, state }))));
    const rows: Record<string, unknown>[] = [];
    const flush = () => insertRecords(db, rows.splice(0));
    for (let u = 0; u < count; u++) {
      for (const key of leafKeys) rows.push({ cycle_id: id, unit_id: communes[u]!.id, node_key: key, status: 'draft', council_approved: false, ...record(u, key) });
      if (rows.length >= 20_000) await flush();
    }
    await flush();
    return id;
  };

  /** The self entry of unit u on a leaf: its synthetic input, with the points the server would store. */
  const selfOf = (u: number, key: string) => {
    const node = nodeOf.get(key)!;
    const input = inputFor(node, synthetic[u]!.inputs[key]);
    const value = input ? selfValue(node, { input }, rounding) : undefined;
    return { input, value };
  };

  // The open cycle: self-assessment running (opened 30 days ago, deadline in 30 days).
  const rand = rng(seed + 1);
  const progressOf = Array.from({ length: count }, () => Math.min(1, rand() * 2 * filled));
  const now = Date.now();
  const cycleId = await cycle(YEAR, 'Đánh giá Chỉ số CCHC cấp xã năm 2025 (đo hiệu năng)', { opens: now - 30 * day }, 'draft', (u, key) => {
    if (rand() >= progressOf[u]!) return {};
    const { input, value } = selfOf(u, key);
    return input ? { self_input: input, self_points: value ? pointsToString(value.points) : null, updated_by: officers[u]!.id } : {};
  });
  say(`kỳ đang mở: ${count} × ${leafKeys.length} tiêu chí (${Date.now() - t0} ms)`);

  const province: LargeProvince = {
    cycleId, groupId, frameworkVersionId, leafKeys,
    units: communes.map((c, i) => ({ id: c.id, code: c.code, username: officers[i]!.username, userId: officers[i]!.id })),
    agencies: agencyUnits.map((a, i) => ({ code: a.code, unitId: a.id, username: appraisers[i]!.username, userId: appraisers[i]!.id, nodeKeys: leafKeys.filter((k) => leafAgency.get(k) === a.code) })),
    admin: { username: admin.username, userId: admin.id },
    password: LARGE_PROVINCE_PASSWORD,
  };

  if (options.published) {
    // Last year: every entry appraised (accepted) and approved by the council, units approved; then
    // written as publishGroup would (consolidation, snapshot, seal, audit), and closed.
    const year = YEAR - 1;
    const opens = now - 200 * day;
    const at = new Date(opens + 70 * day).toISOString();
    const lastYear = await cycle(year, 'Đánh giá Chỉ số CCHC cấp xã năm 2024 (đo hiệu năng)', { opens }, 'approved', (u, key) => {
      const { input, value } = selfOf(u, key);
      if (!input || !value) return {};
      const points = pointsToString(value.points);
      const decided = { ...value };
      return {
        status: 'council_approved', self_input: input, self_points: points,
        appraisal_kind: 'accept', appraisal_value: decided, appraised_points: points, appraisal_agency: leafAgency.get(key)!, appraised_at: at,
        council_value: decided, council_points: points, council_reason: 'Thống nhất', council_proposed_at: at, council_approved: true, council_approved_at: at,
        council_proposed_by: admin.id, council_approved_by: admin.id,
      };
    });
    await db.update(cycles).set({ councilChairUserId: admin.id }).where(eq(cycles.id, lastYear));
    say(`kỳ năm trước: hồ sơ đã duyệt (${Date.now() - t0} ms)`);
    await publishSeededYear(db, lastYear, { progress: say, started: t0 });
    province.published = { cycleId: lastYear, groupId, year };
  }
  return province;
}

/**
 * Publishes a seeded last year (every record council-approved, units `approved`) as publishGroup
 * writes it — the cycle's context, the one consolidation path (consolidateCycleGroup),
 * writeSnapshot (rows, seal, audit) — with the units moved to `published` in one statement:
 * publishGroup moves them one by one (a lock, an update and an audit event each), which took 10
 * minutes for 1,000 units on this shared machine. Exported so that a seed whose publication was
 * interrupted (records approved, no snapshot) can be finished without seeding again.
 */
export async function publishSeededYear(db: Database, cycleId: string, options: { progress?: (text: string) => void; started?: number } = {}): Promise<{ cycleId: string; groupId: string; year: number }> {
  const say = options.progress ?? (() => {});
  const t0 = options.started ?? Date.now();
  const [cycle] = await db.select().from(cycles).where(eq(cycles.id, cycleId));
  if (!cycle) throw new Error(`cycle ${cycleId} not found`);
  const [group] = await db.select().from(cycleGroups).where(eq(cycleGroups.cycleId, cycleId));
  const [admin] = await db.select().from(users).where(eq(users.username, 'quantri'));
  if (!group || !admin) throw new Error('not a large-province seed');
  const adminActor: Actor = { userId: admin.id, username: admin.username, unitId: admin.unitId, roles: ['admin', 'council_member'], scope: PROVINCE_SCOPE, ip: null };
  const { groupId, frameworkVersionId } = group;
  const publishedAt = new Date((cycle.selfAssessmentOpens ?? new Date()).getTime() + 101 * day);
  const context = await loadCycleContext(db, cycleId);
  say(`kỳ năm trước: đã nạp ngữ cảnh (${Date.now() - t0} ms)`);
  const consolidated = await consolidateCycleGroup(db, context, groupId);
  say(`kỳ năm trước: đã tổng hợp (${Date.now() - t0} ms)`);
  await db.transaction(async (tx) => {
    await writeSnapshot(tx, adminActor, {
      cycleId, groupId, frameworkVersionId, framework: consolidated.group.framework, consolidation: consolidated.consolidation,
      units: consolidated.members.map((u) => ({ unitId: u.unitId, code: u.code, name: u.name })), refs: consolidated.refs,
      number: 1, decisionNumber: '1/QĐ-DHN', now: publishedAt,
    });
    await tx.update(cycleUnits).set({ state: 'published', stateChangedAt: publishedAt }).where(eq(cycleUnits.cycleId, cycleId));
    await tx.update(cycles).set({ status: 'closed' }).where(eq(cycles.id, cycleId));
  });
  say(`kỳ năm trước: đã công bố ${consolidated.members.length} đơn vị (${Date.now() - t0} ms)`);
  return { cycleId, groupId, year: cycle.year };
}

export interface BenchSession {
  /** `Cookie` header value. */
  cookie: string;
  /** `X-CSRF-Token` header value (needed on writes). */
  csrfToken: string;
  userId: string;
}

/**
 * Sessions for the given users, inserted as the server stores them (SHA-256 of the cookie token):
 * logging 3,321 officers in over HTTP would cost 3,321 argon2 verifications and the login throttle.
 */
export async function sessionsFor(db: Database, userIds: readonly string[], hours = 12): Promise<BenchSession[]> {
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  const made = userIds.map((userId) => ({ token: randomToken(), csrfToken: randomToken(), userId }));
  await inBatches(made, 5000, (b) => db.insert(sessions).values(b.map((s) => ({ tokenHash: hashToken(s.token), userId: s.userId, csrfToken: s.csrfToken, expiresAt }))));
  return made.map((s) => ({ cookie: `${sessionCookieName}=${s.token}`, csrfToken: s.csrfToken, userId: s.userId }));
}

/** Logs in over HTTP (`POST /api/auth/login`) and returns the session's cookie and CSRF token. */
export async function login(baseUrl: string, username: string, password = LARGE_PROVINCE_PASSWORD): Promise<Omit<BenchSession, 'userId'>> {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const set = response.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName}=`));
  if (!set) throw new Error(`login ${username}: no session cookie`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: set.split(';')[0]!, csrfToken };
}
