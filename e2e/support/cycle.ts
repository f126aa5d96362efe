/**
 * Building and playing a cycle of a journey's own through the API, as the administrator, the units,
 * the appraisers would (the journeys then look at the result in the browser). Every journey runs on
 * ONE shared demo server, one after another: each takes a year no other cycle of its program uses
 * (`freeYear`), so that none moves under another.
 */
import type { APIRequest } from '@playwright/test';
import type { Assessment as AssessmentView, Cycle, CycleSummary, CriterionView, Items, Unit } from '@chiso/contract';
import { fullInput, vnDay, type FrameworkNode } from './framework';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_PASSWORD } from '../helpers';

export { fullInput, vnDay, type FrameworkNode };

/** A scored leaf, with the appraising agency it has or inherits from its parents. */
export type Leaf = FrameworkNode & { agency?: string };

/** The scored leaves of a framework document, in document order, each with its appraising agency. */
export function leavesOf(nodes: FrameworkNode[], agency?: string, out: Leaf[] = []): Leaf[] {
  for (const n of nodes) {
    const a = n.appraisingAgency ?? agency;
    if (n.children?.length) leavesOf(n.children, a, out);
    else if (n.rule) out.push({ ...n, ...(a ? { agency: a } : {}) });
  }
  return out;
}

/** The demo appraisers, by the code of the agency (a demo unit) they work for. */
export const APPRAISERS: Record<string, string> = { SNV: 'snv.thamdinh', STP: 'stp.thamdinh', VPUBND: 'vp.thamdinh', STC: 'stc.thamdinh', SKHCN: 'skhcn.thamdinh' };
/** The demo council: a member and the chair. */
export const COUNCIL = { member: 'hoidong.vp', chair: 'hoidong.snv' };
/** The demo officer and head accounts of a unit code ("SYT" → syt.canbo / syt.lanhdao). */
export const accountsOf = (code: string) => ({ officer: `${code.toLowerCase()}.canbo`, head: `${code.toLowerCase()}.lanhdao` });

export type { Unit } from '@chiso/contract';
export type View = CriterionView;
/** The contract's assessment, its framework document read as the tests need it (the contract leaves it free-form). */
export type Assessment<N = FrameworkNode> = Omit<AssessmentView, 'framework'> & { framework: { nodes: N[] } };
export type { Cycle } from '@chiso/contract';
interface Matrix { criteria: { nodeKey: string }[]; units: { unitId: string; state: string }[]; cells: Record<string, Record<string, View>> }

/**
 * The latest year (2024 down to 2000) in which none of `programs` has a cycle: the demo's own
 * cycle is 2025, and a pull from another program's published results needs both in one year.
 */
export async function freeYear(admin: As, programs: string | string[]): Promise<number> {
  const codes = new Set(typeof programs === 'string' ? [programs] : programs);
  const existing = await admin.call<Items<CycleSummary>>('GET', '/cycles');
  const taken = new Set(existing.items.filter((c) => codes.has(c.program.code)).map((c) => c.year));
  for (let y = 2024; y >= 2000; y--) if (!taken.has(y)) return y;
  throw new Error(`no free year for ${[...codes].join(', ')}`);
}

const CALENDARS = {
  /** Self-assessment open for 5 more days. */
  self_assessment: () => ({
    selfAssessmentDeadline: vnDay(5, true), appraisalFrom: vnDay(6), appraisalTo: vnDay(20, true),
    explanationFrom: vnDay(6), explanationTo: vnDay(20, true), councilDate: vnDay(21), publicationDate: vnDay(22),
  }),
  /** The deadline passed yesterday; appraisal and explanation run until tonight. */
  appraisal: () => ({
    selfAssessmentDeadline: vnDay(-1, true), appraisalFrom: vnDay(-1), appraisalTo: vnDay(0, true),
    explanationFrom: vnDay(-1), explanationTo: vnDay(0, true), councilDate: vnDay(1), publicationDate: vnDay(1),
  }),
  /** The council meets today; publication today. */
  council: () => ({
    selfAssessmentDeadline: vnDay(-3, true), appraisalFrom: vnDay(-2), appraisalTo: vnDay(-1, true),
    explanationFrom: vnDay(-2), explanationTo: vnDay(-1, true), councilDate: vnDay(0), publicationDate: vnDay(0),
  }),
};
export type Phase = keyof typeof CALENDARS;

/** Moves the cycle's calendar so that `phase` is under way today (as the administrator does in set-up). */
export async function setCalendar(admin: As, cycleId: string, phase: Phase): Promise<Cycle> {
  const c = await admin.call<Cycle>('GET', `/cycles/${cycleId}`);
  return admin.call<Cycle>('PATCH', `/cycles/${cycleId}`, { version: c.version, calendar: CALENDARS[phase]() });
}

export interface CycleSpec {
  program: string;
  year: number;
  name: string;
  /** A unit of the group to assess (the group is the one of the set-up's group set holding it). */
  groupOf: string;
  /** The codes of the participating units; all the group's members when left out. */
  unitCodes?: string[];
  /** Picks the program's framework by its group label; the first one when left out. */
  frameworkLabel?: RegExp;
  /** Each agency acted by the demo unit of its code ('own', Sở Nội vụ when none), or all by Sở Nội vụ. */
  agencies?: 'own' | 'SNV';
  /** The council chair's user name (none when left out). */
  chair?: string;
  policy?: Record<string, unknown>;
  /** Open the cycle (default true). */
  open?: boolean;
}

export interface Built {
  cycle: Cycle;
  groupId: string;
  versionId: string;
  leaves: Leaf[];
  /** The agencies' codes: the framework's list, then those its leaves name. */
  agencyCodes: string[];
  /** The participating units, in the order given (or the group's). */
  units: Unit[];
  unit: (code: string) => Unit;
  /** The demo appraiser who decides the criteria of an agency in this cycle. */
  appraiserFor: (agencyCode: string) => string;
  /** Every appraiser of the cycle, once. */
  appraisers: string[];
}

/** Creates a cycle with its group → published framework, agencies, units and chair; opens it. */
export async function createCycle(admin: As, spec: CycleSpec): Promise<Built> {
  const all = (await admin.call<{ items: Unit[] }>('GET', '/units')).items;
  const byCode = (code: string) => {
    const u = all.find((x) => x.code === code);
    if (!u) throw new Error(`no demo unit ${code}`);
    return u;
  };
  const anchor = byCode(spec.groupOf);
  const sets = await admin.call<{ items: { id: string; code: string; groups: { id: string; memberIds: string[] }[] }[] }>('GET', '/group-sets');
  const set = sets.items.find((s) => s.code === 'par-2025') ?? sets.items.find((s) => s.groups.some((g) => g.memberIds.includes(anchor.id)))!;
  const group = set.groups.find((g) => g.memberIds.includes(anchor.id))!;
  // The group's demo units; a unit another spec added for its own test (code E2E-…, no accounts) is left out.
  const units = spec.unitCodes ? spec.unitCodes.map(byCode)
    : group.memberIds.map((id) => all.find((u) => u.id === id)!).filter((u) => !u.code.startsWith('E2E-'));
  const fws = await admin.call<{ items: { groupLabel: string; versions: { id: string; status: string }[] }[] }>('GET', `/frameworks?program=${spec.program}`);
  const fw = spec.frameworkLabel ? fws.items.find((f) => spec.frameworkLabel!.test(f.groupLabel)) : fws.items[0];
  const versionId = fw!.versions.find((v) => v.status === 'published')!.id;
  const doc = await admin.call<{ document: { agencies?: { code: string }[]; nodes: FrameworkNode[] } }>('GET', `/framework-versions/${versionId}`);
  const leaves = leavesOf(doc.document.nodes);
  const agencyCodes = [...new Set([...(doc.document.agencies ?? []).map((a) => a.code), ...leaves.map((l) => l.agency).filter((c): c is string => !!c)])];
  // An agency is acted by its own demo unit only where that unit has a demo appraiser.
  const actedBy = (code: string) => (spec.agencies !== 'SNV' && APPRAISERS[code] && all.some((u) => u.code === code) ? byCode(code).id : byCode('SNV').id);

  let cycle = await admin.call<Cycle>('POST', '/cycles', {
    programCode: spec.program, year: spec.year, name: spec.name, groupSetId: set.id, calendar: CALENDARS.self_assessment(),
    policy: { evidenceRequiredForPoints: false, explanationRequiredWithoutEvidence: false, ...spec.policy },
  });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/groups`, { version: cycle.version, groups: [{ groupId: group.id, frameworkVersionId: versionId }] });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/agencies`, { version: cycle.version, agencies: agencyCodes.map((agencyCode) => ({ agencyCode, unitId: actedBy(agencyCode) })) });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/units`, { version: cycle.version, unitIds: units.map((u) => u.id) });
  if (spec.chair) {
    const chair = (await admin.call<{ items: { id: string; username: string }[] }>('GET', `/users?q=${spec.chair}`)).items.find((u) => u.username === spec.chair)!;
    cycle = await admin.call<Cycle>('PATCH', `/cycles/${cycle.id}`, { version: cycle.version, councilChairUserId: chair.id });
  }
  if (spec.open !== false) cycle = await admin.call<Cycle>('POST', `/cycles/${cycle.id}/open`, { version: cycle.version });

  const unitOfAgency = new Map(cycle.agencies.map((a) => [a.agencyCode, a.unitId]));
  const appraiserFor = (code: string) => {
    const actor = all.find((u) => u.id === unitOfAgency.get(code));
    return (actor && APPRAISERS[actor.code]) ?? APPRAISERS.SNV!;
  };
  return {
    cycle, groupId: group.id, versionId, leaves, agencyCodes, units, unit: (code) => units.find((u) => u.code === code) ?? byCode(code),
    appraiserFor, appraisers: [...new Set(agencyCodes.map(appraiserFor))],
  };
}

export interface FillOptions {
  /** Leaves (by key) left for the browser. */
  skip?: Set<string>;
  /** The input of a leaf instead of its full points (undefined: full points). */
  input?: (leaf: Leaf) => Record<string, unknown> | undefined;
  evidenceIds?: string[];
  explanation?: string;
  /** The unit's head then submits (default false). */
  submit?: boolean;
}

/** The unit's officer enters every criterion it may edit (full points unless told otherwise); its head may submit. */
export async function fillUnit(request: APIRequest, base: string, cycleId: string, unit: Unit, opts: FillOptions = {}): Promise<void> {
  const { officer } = accountsOf(unit.code);
  const as = await As.login(request, base, officer, DEMO_PASSWORD);
  const a = await as.call<Assessment>('GET', `/cycles/${cycleId}/units/${unit.id}/assessment`);
  for (const leaf of leavesOf(a.framework.nodes)) {
    const rec = a.records[leaf.key];
    const input = opts.input?.(leaf) ?? fullInput(leaf);
    if (!rec?.may.edit || !input || opts.skip?.has(leaf.key)) continue;
    await as.call('PUT', `/cycles/${cycleId}/units/${unit.id}/criteria/${leaf.key}`, {
      version: rec.version, input, explanation: opts.explanation ?? 'Đã thực hiện đầy đủ theo kế hoạch năm.', ...(opts.evidenceIds ? { evidenceIds: opts.evidenceIds } : {}),
    });
  }
  await as.dispose();
  if (opts.submit) await submitUnit(request, base, cycleId, unit);
}

/** The unit's head submits its self-assessment. */
export async function submitUnit(request: APIRequest, base: string, cycleId: string, unit: Unit): Promise<void> {
  const as = await As.login(request, base, accountsOf(unit.code).head, DEMO_PASSWORD);
  await as.call('POST', `/cycles/${cycleId}/units/${unit.id}/actions/submit`, {});
  await as.dispose();
}

/**
 * The appraiser starts the appraisal of the units (where it is not yet started) and accepts every
 * cell it may decide that is still pending or explained. Returns how many it accepted.
 */
export async function acceptAll(request: APIRequest, base: string, cycleId: string, user: string, unitIds: string[]): Promise<number> {
  const as = await As.login(request, base, user, DEMO_PASSWORD);
  for (const u of unitIds) await as.call('POST', `/cycles/${cycleId}/units/${u}/actions/start_appraisal`, {}, false);
  const m = await as.call<Matrix>('GET', `/cycles/${cycleId}/appraisal`);
  const items = m.units.filter((u) => unitIds.includes(u.unitId)).flatMap((u) => m.criteria
    .map((c) => ({ unitId: u.unitId, nodeKey: c.nodeKey, v: m.cells[u.unitId]?.[c.nodeKey] }))
    .filter((x) => x.v && x.v.may.decide && ['pending', 'explained'].includes(x.v.status))
    .map((x) => ({ unitId: x.unitId, nodeKey: x.nodeKey, version: x.v!.version })));
  // In slices: one request for a whole agency's share of 15 units (~225 cells) can outlast the
  // request timeout on a busy machine.
  for (let i = 0; i < items.length; i += 60) await as.call('POST', `/cycles/${cycleId}/appraisal/bulk-accept`, { items: items.slice(i, i + 60) });
  await as.dispose();
  return items.length;
}

/**
 * The cells no agency may decide, those an agency is assigned for its own unit (Sở Tư pháp's 1.2 for
 * Sở Tư pháp): accepted by the administrator (Sở Nội vụ) instead, then by a council member for what
 * the administrator may not (Sở Nội vụ's own). Returns how many were accepted.
 */
export async function acceptInstead(request: APIRequest, base: string, cycleId: string, unitIds: string[]): Promise<number> {
  let accepted = 0;
  for (const [user, password] of [[ADMIN_USER, ADMIN_PASSWORD], [COUNCIL.member, DEMO_PASSWORD]] as const) {
    const as = await As.login(request, base, user, password);
    for (const unitId of unitIds) {
      const a = await as.call<Assessment>('GET', `/cycles/${cycleId}/units/${unitId}/assessment`);
      for (const v of Object.values(a.records)) {
        if (!v.ownAgencyUnit || !v.may.decide || !['pending', 'explained'].includes(v.status)) continue;
        await as.call('POST', `/cycles/${cycleId}/units/${unitId}/criteria/${v.nodeKey}/decide`, { version: v.version, decision: { kind: 'accept' } });
        accepted++;
      }
    }
    await as.dispose();
  }
  return accepted;
}

/** The state of each unit's assessment, by unit id (as the administrator reads it). */
export async function unitStates(admin: As, cycleId: string, unitIds: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of unitIds) out[id] = (await admin.call<Assessment>('GET', `/cycles/${cycleId}/units/${id}/assessment`)).state;
  return out;
}

/** Runs `f` over the items, `width` at a time (the server is shared: not all at once). */
export async function inBatches<T>(items: T[], width: number, f: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(f));
}

