/**
 * A commune cycle played through the real services to publication, each step as the person whose
 * step it is (play-district-2024.ts, load-demo-communes-2025.ts): each commune's officer enters its
 * self-assessment and its head submits, the appraising agencies appraise (a few scores adjusted with
 * a reason, the rest accepted), the administrator imports the survey's points (and the data feeds'
 * figures), the council reviews, its chair approves, the administrator publishes and closes the
 * cycle. Each step is done only if the state asks for it, so a run cut short is completed by the next.
 */
import { endOfDayVn, startOfDayVn, type NodeInput } from '@chiso/core';
import type { Database } from '../db/client';
import { findCycle, listCycleUnits } from '../db/repositories/cycle-repository';
import { latestSnapshotNumber } from '../db/repositories/result-repository';
import type { Table } from '../files/tabular';
import { bulkAccept, decide } from '../services/appraisal/appraisal-service';
import { importSuppliedPoints } from '../services/appraisal/supplied-points';
import { getAssessment, saveSelf } from '../services/assessments/assessment-service';
import { commandContext } from '../services/context';
import { closeCycle } from '../services/cycles/cycle-service';
import { loadCycleContext } from '../services/cycles/context';
import { transitionUnit } from '../services/cycles/transitions';
import { importDataFeedValues } from '../services/data-feeds/import';
import { mayViewAssessment } from '../services/policies/cycle-facts';
import { publishGroup } from '../services/publication/publish';
import { demoActor } from './levels/shared';

const hour = 3_600_000;
/** An instant of a day (Vietnam time). */
export const on = (y: number, m: number, d: number, h = 9) => new Date(startOfDayVn(y, m, d) + h * hour);

/**
 * A commune cycle's calendar at the end of `year` (Vietnam time), as the province's and the districts'
 * plans set it: self-assessment in November to 15 December, appraisal from 16 December to 10 January,
 * the council on 15 January, publication from 20 January.
 */
export function yearEndCalendar(year: number) {
  return {
    selfAssessmentOpens: new Date(startOfDayVn(year, 11, 1)).toISOString(),
    selfAssessmentDeadline: new Date(endOfDayVn(year, 12, 15)).toISOString(),
    appraisalFrom: new Date(startOfDayVn(year, 12, 16)).toISOString(),
    appraisalTo: new Date(endOfDayVn(year + 1, 1, 10)).toISOString(),
    explanationFrom: new Date(startOfDayVn(year, 12, 16)).toISOString(),
    explanationTo: new Date(endOfDayVn(year + 1, 1, 5)).toISOString(),
    councilDate: new Date(startOfDayVn(year + 1, 1, 15)).toISOString(),
    publicationDate: new Date(startOfDayVn(year + 1, 1, 20)).toISOString(),
  };
}
/** When the steps of a `yearEndCalendar` cycle are done (publication and closing: the real clock). */
export const yearEndMoments = (year: number) => ({ selfAssessment: on(year, 12, 10), appraisal: on(year, 12, 20), council: on(year + 1, 1, 15, 14) });

export type Leaf = { key: string; code: string; maxPoints: string; source?: string; rule: Record<string, unknown> & { type: string } };

/** A deterministic number in [0, 1) for a unit and a criterion (the same demo every time). */
export function draw(...parts: string[]): number {
  let h = 2166136261;
  for (const ch of parts.join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return (h % 10_000) / 10_000;
}

export const decimal = (n: number) => String(Math.round(n * 100) / 100);

/** What a commune of quality `q` (0–1) enters on a leaf. */
export function demoEntry(leaf: Leaf, q: number, unitCode: string): NodeInput {
  const h = draw(unitCode, leaf.key);
  const good = h < q;
  const rule = leaf.rule;
  switch (rule.type) {
    case 'yes_no':
      return { kind: 'yes_no', value: good };
    case 'choice': {
      const options = [...(rule.options as { key: string; points: string }[])].sort((a, b) => Number(b.points) - Number(a.points));
      const pick = good ? options[0]! : h < q + (1 - q) / 2 ? options[Math.min(1, options.length - 1)]! : options[options.length - 1]!;
      return { kind: 'choice', option: pick.key };
    }
    case 'rate_tiers':
    case 'proportional': {
      const share = Math.max(0, Math.min(1, good ? 0.97 + 0.03 * (1 - h) : q - 0.2 * h));
      return { kind: 'rate', numerator: String(Math.round(share * 200)), denominator: '200' };
    }
    case 'manual': {
      const step = Number(rule.step ?? '0.25');
      const max = Number(rule.max ?? leaf.maxPoints);
      return { kind: 'manual', points: decimal(Math.floor((max * Math.min(1, q + 0.15 * (good ? 1 : -1))) / step) * step) };
    }
    case 'deduction':
      return { kind: 'count', occurrences: good ? 0 : 1 };
    case 'bonus':
      return rule.mode === 'per_occurrence' ? { kind: 'count', occurrences: q >= 0.85 && good ? 1 : 0 } : { kind: 'awarded', value: q >= 0.85 && good };
    default:
      throw new Error(`Dữ liệu mẫu: chưa có cách tự chấm tiêu chí loại ${rule.type}`);
  }
}

/** The leaves under `nodes` whose points come from `source`. */
export function leavesOf(nodes: readonly unknown[], source: string): Leaf[] {
  const out: Leaf[] = [];
  const walk = (list: readonly { children?: unknown[]; source?: string }[]) => {
    for (const n of list) {
      if (n.children && n.children.length > 0) walk(n.children as typeof list);
      else if (n.source === source) out.push(n as unknown as Leaf);
    }
  };
  walk(nodes as { children?: unknown[]; source?: string }[]);
  return out;
}

/** The self-assessed leaves under `nodes`. */
export const selfAssessedLeaves = (nodes: readonly unknown[]): Leaf[] => leavesOf(nodes, 'self_assessment');

export interface PlayedCommune {
  id: string;
  code: string;
  /** How well it does (0–1): drives its entries and its survey points. */
  quality: number;
  officer: string;
  head: string;
}

/** An adjustment the appraisers make on the communes it applies to: a choice entered at its best, brought down with a reason. */
export interface Adjustment {
  nodeKey: string;
  best: string;
  adjusted: string;
  reason: string;
  applies: (quality: number) => boolean;
}

/** The survey's figures: each commune near its quality on every survey leaf, as the import file has them. */
export function surveyTable(nodes: readonly unknown[], communes: readonly PlayedCommune[]): Table {
  const leaves = leavesOf(nodes, 'survey');
  const rows = communes.flatMap((c) => leaves.map((leaf) => {
    const share = Math.max(0, Math.min(1, c.quality + 0.16 * (draw(c.code, leaf.key, 'survey') - 0.5)));
    return [c.code, leaf.code, decimal(Number(leaf.maxPoints) * share)];
  }));
  return { header: ['Mã đơn vị', 'Tiêu chí', 'Điểm'], headerLine: 1, rows: rows.map((cells, i) => ({ line: i + 2, cells })) };
}

/** The data feeds' figures (the province's systems, exported to the import template): each commune near its quality. */
function feedTable(nodes: readonly unknown[], communes: readonly PlayedCommune[], period: string, source: string): Table {
  const leaves = leavesOf(nodes, 'data_feed');
  const rows = communes.flatMap((c) => leaves.map((leaf) => {
    const denominator = 120 + Math.round(400 * draw(c.code, leaf.key, 'feed-size'));
    const share = Math.max(0, Math.min(1, c.quality + 0.12 + 0.2 * (draw(c.code, leaf.key, 'feed') - 0.5)));
    return [c.code, leaf.code, String(Math.round(share * denominator)), String(denominator), period, source];
  }));
  return { header: ['Mã đơn vị', 'Tiêu chí', 'Tử số', 'Mẫu số', 'Kỳ số liệu', 'Nguồn'], headerLine: 1, rows: rows.map((cells, i) => ({ line: i + 2, cells })) };
}

export interface CyclePlay {
  cycleId: string;
  groupId: string;
  /** The framework's nodes (its leaves say what is self-assessed, surveyed, fed). */
  nodes: readonly unknown[];
  communes: readonly PlayedCommune[];
  /** Usernames of the appraisers: each accepts what its agency appraises. */
  appraisers: readonly string[];
  admin: string;
  councilMember: string;
  chair: string;
  adjustment?: Adjustment;
  survey: { fileName: string };
  /** Data-feed figures, when the framework has data-feed criteria. */
  feeds?: { fileName: string; period: string; source: string };
  /** When each step is done; publication and closing use the real clock (the trace reads the decisions recorded up to the snapshot). */
  moments: { selfAssessment: Date; appraisal: Date; council: Date };
  decisionNumber: string;
  closeReason: string;
  /** Progress for the console (e.g. "tự đánh giá 12/65"). */
  progress?: (text: string) => void;
}

/** Plays the cycle as far as it still needs; returns what was done, step by step (empty when it was already published and closed). */
export async function playCycle(db: Database, play: CyclePlay): Promise<Record<string, number>> {
  const { cycleId, communes } = play;
  const steps: Record<string, number> = {};
  const count = (step: string, n = 1) => (steps[step] = (steps[step] ?? 0) + n);
  const stateOf = async () => new Map((await listCycleUnits(db, [cycleId])).map((u) => [u.unitId, u.state]));
  const every = Math.max(1, Math.ceil(communes.length / 10));
  const report = (what: string, done: number, total: number) => {
    if (play.progress && (done % every === 0 || done === total)) play.progress(`${what} ${done}/${total} xã…`);
  };
  const adjust = play.adjustment;
  const published = async () => (await latestSnapshotNumber(db, cycleId, play.groupId)) > 0;

  // Self-assessment: the officer enters, the head submits.
  const leaves = selfAssessedLeaves(play.nodes);
  let states = await stateOf();
  const drafts = communes.filter((c) => states.get(c.id) === 'draft');
  for (const [i, c] of drafts.entries()) {
    const officer = commandContext(db, await demoActor(db, c.officer), () => play.moments.selfAssessment);
    const records = (await getAssessment(officer, cycleId, c.id)).records;
    for (const leaf of leaves) {
      const record = records[leaf.key];
      if (!record || record.self.input) continue;
      const entry = adjust && leaf.key === adjust.nodeKey && adjust.applies(c.quality) ? { kind: 'choice' as const, option: adjust.best } : demoEntry(leaf, c.quality, c.code);
      await saveSelf(officer, cycleId, c.id, leaf.key, { version: record.version, input: entry });
    }
    const head = commandContext(db, await demoActor(db, c.head), () => play.moments.selfAssessment);
    await transitionUnit(head, { cycleId, unitId: c.id, action: 'submit' });
    count('nộp');
    report('tự đánh giá', i + 1, drafts.length);
  }

  // The data feeds' figures, imported by the administrator before the appraisal reads them.
  if (play.feeds && leavesOf(play.nodes, 'data_feed').length > 0 && !(await published()) && (await findCycle(db, cycleId))!.status === 'open') {
    const admin = await demoActor(db, play.admin);
    const fed = await importDataFeedValues(db, admin, cycleId, feedTable(play.nodes, communes, play.feeds.period, play.feeds.source), { fileName: play.feeds.fileName, now: play.moments.appraisal });
    if (fed.imported > 0) steps['số liệu tự động'] = fed.imported;
  }

  // Appraisal: start, adjust where the adjustment applies, each agency accepts the rest of its criteria (the unit moves to appraised).
  const appraisers = await Promise.all(play.appraisers.map(async (username) => commandContext(db, await demoActor(db, username), () => play.moments.appraisal)));
  states = await stateOf();
  for (const c of communes) {
    if (states.get(c.id) === 'submitted') await transitionUnit(appraisers[0]!, { cycleId, unitId: c.id, action: 'start_appraisal' });
  }
  states = await stateOf();
  const appraising = communes.filter((c) => states.get(c.id) === 'in_appraisal');
  const loaded = appraising.length > 0 ? await loadCycleContext(db, cycleId) : undefined;
  for (const [i, c] of appraising.entries()) {
    // Each agency appraises the criteria assigned to it that apply to the unit (none: it has nothing here).
    for (const appraiser of appraisers.filter((a) => mayViewAssessment(a.actor, loaded!, c.id))) {
      const records = (await getAssessment(appraiser, cycleId, c.id)).records;
      const pending: { unitId: string; nodeKey: string; version: number }[] = [];
      for (const record of Object.values(records)) {
        if (record.status !== 'pending' || !record.may.decide) continue;
        const input = record.self.input;
        if (adjust && record.nodeKey === adjust.nodeKey && input?.kind === 'choice' && input.option === adjust.best && adjust.applies(c.quality)) {
          await decide(appraiser, cycleId, c.id, record.nodeKey, { version: record.version, decision: { kind: 'adjust', value: { input: { kind: 'choice', option: adjust.adjusted } }, reason: adjust.reason } });
          count('điều chỉnh');
        } else {
          pending.push({ unitId: c.id, nodeKey: record.nodeKey, version: record.version });
        }
      }
      if (pending.length === 0) continue;
      const accepted = await bulkAccept(appraiser, cycleId, pending);
      if (accepted.skipped.length > 0) throw new Error(`Dữ liệu mẫu: không chấp nhận được ${accepted.skipped.length} tiêu chí: ${accepted.skipped[0]!.message}`);
    }
    count('thẩm định');
    report('thẩm định', i + 1, appraising.length);
  }

  // The sociological survey (điều tra xã hội học), imported by the administrator.
  if (!(await published())) {
    const admin = await demoActor(db, play.admin);
    const imported = await importSuppliedPoints(db, admin, cycleId, surveyTable(play.nodes, communes), { source: play.survey.fileName, now: play.moments.appraisal });
    steps['điểm điều tra'] = imported.imported;
  }

  // The council: a member records the review, the chair approves.
  const member = commandContext(db, await demoActor(db, play.councilMember), () => play.moments.council);
  const chair = commandContext(db, await demoActor(db, play.chair), () => play.moments.council);
  states = await stateOf();
  for (const c of communes) {
    if (states.get(c.id) === 'appraised') await transitionUnit(member, { cycleId, unitId: c.id, action: 'record_council_review' });
  }
  states = await stateOf();
  for (const c of communes) {
    if (states.get(c.id) === 'council_reviewed') {
      await transitionUnit(chair, { cycleId, unitId: c.id, action: 'approve' });
      count('phê duyệt');
    }
  }

  // Publication and closing, by the administrator.
  const admin = commandContext(db, await demoActor(db, play.admin));
  if (!(await published())) {
    await publishGroup(admin, { cycleId, groupId: play.groupId, decisionNumber: play.decisionNumber });
    count('công bố');
  }
  const cycle = (await findCycle(db, cycleId))!;
  if (cycle.status === 'open') {
    await closeCycle(admin, cycleId, { version: cycle.version, reason: play.closeReason });
    count('đóng kỳ');
  }
  return steps;
}

/** The steps done, for the console line. */
export const stepsSummary = (steps: Record<string, number>) =>
  Object.keys(steps).length === 0 ? 'đã có, đã công bố' : Object.entries(steps).map(([k, v]) => `${k} ${v}`).join(', ');
