/**
 * The canonical JSON form of a framework (formatVersion 1) — see docs/framework-format.md.
 *
 * Points and percentages are decimal strings with a decimal point ("0.25", "90");
 * numbers are accepted on input for convenience but always written back as strings,
 * so no value ever passes through a binary float in storage.
 *
 * Hand-written reader (the core has no dependencies): it collects every structural error
 * with its JSON path instead of stopping at the first one.
 */
import { type ExactDecimal, normalizeDecimal, parseDecimal } from '../decimal/parse.ts';
import { type Points, pointsFromDecimal, pointsToString } from '../decimal/points.ts';
import { unitsToPlain } from '../decimal/rational.ts';
import { type Issue, issue } from '../issues.ts';
import { findUnsafeJson, showJsonPath } from '../text/unsafe-json.ts';
import { validateFramework } from './validate.ts';
import type {
  Agency, Applicability, Band, ChisoAggregate, ChisoFeed, ChisoFigure, ChisoSource, ChoiceOption, Framework, FrameworkNode, FrameworkSettings, NodeSource,
  PointsRounding, Rule, RuleType, SurveyBelowMinimum, TieBreak, Tier, TierBound, ZeroDenominator,
} from './types.ts';

export const FORMAT_VERSION = 1;

/**
 * Deepest node level read (1 = a top-level field; real frameworks use 3 or 4). It keeps everything
 * that walks the tree recursively — reader, validator, scorer, serializer — far from the stack limit.
 */
export const MAX_NODE_DEPTH = 8;
/** Deepest JSON nesting looked at, checked (iteratively) before reading: nodes, rules and tiers fit well within it. */
const MAX_JSON_DEPTH = 64;

export type ParseResult =
  | { readonly ok: true; readonly framework: Framework }
  | { readonly ok: false; readonly errors: readonly Issue[] };

type Json = unknown;
type Obj = Record<string, Json>;

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
/** Where a leaf's input may come from (`source`). */
export const NODE_SOURCES: readonly NodeSource[] = ['self_assessment', 'survey', 'data_feed'];
/** What a rate rule does when its denominator is zero (`zeroDenominator`). */
export const ZERO_DENOMINATORS: readonly ZeroDenominator[] = ['not_applicable', 'full_points', 'zero_points'];

/** Collects errors with their paths while reading. */
class Reader {
  readonly errors: Issue[] = [];

  fail(path: string, code: string, message: string): undefined {
    this.errors.push(issue(code, message, { path }));
    return undefined;
  }

  obj(v: Json, path: string): Obj | undefined {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Obj;
    return this.fail(path, 'format_type', `${path}: cần một đối tượng (object)`);
  }

  arr(v: Json, path: string): readonly Json[] | undefined {
    if (Array.isArray(v)) return v;
    return this.fail(path, 'format_type', `${path}: cần một mảng (array)`);
  }

  str(o: Obj, k: string, path: string, optional = false): string | undefined {
    const v = o[k];
    if (v === undefined && optional) return undefined;
    if (typeof v === 'string' && (optional || v.trim() !== '')) return v;
    return this.fail(`${path}.${k}`, v === undefined ? 'format_required' : 'format_type',
      `${path}.${k}: ${v === undefined ? 'bắt buộc' : 'cần một chuỗi không rỗng'}`);
  }

  key(o: Obj, k: string, path: string): string | undefined {
    const v = this.str(o, k, path);
    if (v !== undefined && !KEY_PATTERN.test(v)) {
      return this.fail(`${path}.${k}`, 'format_key', `${path}.${k}: khóa "${v}" chỉ gồm chữ, số, ".", "_", "-" (tối đa 80 ký tự)`);
    }
    return v;
  }

  bool(o: Obj, k: string, path: string, dflt?: boolean): boolean | undefined {
    const v = o[k];
    if (v === undefined && dflt !== undefined) return dflt;
    if (typeof v === 'boolean') return v;
    return this.fail(`${path}.${k}`, 'format_type', `${path}.${k}: cần true hoặc false`);
  }

  int(o: Obj, k: string, path: string, min: number, max: number, dflt?: number): number | undefined {
    const v = o[k];
    if (v === undefined && dflt !== undefined) return dflt;
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    return this.fail(`${path}.${k}`, 'format_type', `${path}.${k}: cần số nguyên từ ${min} đến ${max}`);
  }

  oneOf<T extends string>(o: Obj, k: string, path: string, values: readonly T[], dflt?: T): T | undefined {
    const v = o[k];
    if (v === undefined && dflt !== undefined) return dflt;
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    return this.fail(`${path}.${k}`, 'format_enum', `${path}.${k}: phải là một trong ${values.join(', ')}`);
  }

  decimal(o: Obj, k: string, path: string): ExactDecimal | undefined {
    const v = o[k];
    if (typeof v === 'string' || typeof v === 'number') {
      const d = parseDecimal(v);
      if (d !== null && !(typeof v === 'string' && v.includes(','))) return normalizeDecimal(d);
    }
    return this.fail(`${path}.${k}`, 'format_decimal', `${path}.${k}: cần một số thập phân dạng chuỗi, ví dụ "0.25"`);
  }

  points(o: Obj, k: string, path: string, optional = false): Points | undefined {
    if (optional && o[k] === undefined) return undefined;
    const d = this.decimal(o, k, path);
    if (d === undefined) return undefined;
    const p = pointsFromDecimal(d);
    if (p === null) return this.fail(`${path}.${k}`, 'format_points_decimals', `${path}.${k}: điểm có tối đa 3 chữ số thập phân`);
    if (p < 0) return this.fail(`${path}.${k}`, 'format_points_negative', `${path}.${k}: điểm không được âm`);
    return p;
  }

  strings(o: Obj, k: string, path: string): string[] | undefined {
    const v = o[k];
    if (v === undefined) return undefined;
    const a = this.arr(v, `${path}.${k}`);
    if (!a) return undefined;
    const out: string[] = [];
    a.forEach((s, i) => (typeof s === 'string' ? out.push(s) : this.fail(`${path}.${k}[${i}]`, 'format_type', `${path}.${k}[${i}]: cần một chuỗi`)));
    return out;
  }

  list<T>(o: Obj, k: string, path: string, read: (v: Json, p: string) => T | undefined, optional = false): T[] | undefined {
    const v = o[k];
    if (v === undefined && optional) return [];
    const a = this.arr(v, `${path}.${k}`);
    if (!a) return undefined;
    const out: T[] = [];
    let okAll = true;
    a.forEach((item, i) => {
      const r = read(item, `${path}.${k}[${i}]`);
      if (r === undefined) okAll = false;
      else out.push(r);
    });
    return okAll ? out : undefined;
  }
}

function readBound(r: Reader, v: Json, path: string): TierBound | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const percent = r.decimal(o, 'percent', path);
  const inclusive = r.bool(o, 'inclusive', path);
  return percent && inclusive !== undefined ? { percent, inclusive } : undefined;
}

function readTier(r: Reader, v: Json, path: string): Tier | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const lower = o.lower === undefined || o.lower === null ? null : readBound(r, o.lower, `${path}.lower`);
  const upper = o.upper === undefined || o.upper === null ? null : readBound(r, o.upper, `${path}.upper`);
  const points = r.points(o, 'points', path);
  if (lower === undefined || upper === undefined || points === undefined) return undefined;
  return { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}), points };
}

function readOption(r: Reader, v: Json, path: string): ChoiceOption | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const key = r.key(o, 'key', path);
  const label = r.str(o, 'label', path);
  const points = r.points(o, 'points', path);
  return key && label && points !== undefined ? { key, label, points } : undefined;
}

function rateLabels(r: Reader, o: Obj, path: string) {
  const numeratorLabel = r.str(o, 'numeratorLabel', path);
  const denominatorLabel = r.str(o, 'denominatorLabel', path);
  const zeroDenominator = r.oneOf(o, 'zeroDenominator', path, ZERO_DENOMINATORS);
  return numeratorLabel && denominatorLabel && zeroDenominator ? { numeratorLabel, denominatorLabel, zeroDenominator } : undefined;
}

/** Figures chiso publishes that a data-feed rule may take (`chiso.figure`). */
export const CHISO_FIGURES: readonly ChisoFigure[] = ['index'];
/** Whose figure (`chiso.source`): the unit's own (default) or the units of the cycle it organises. */
export const CHISO_SOURCES: readonly ChisoSource[] = ['same_unit', 'units_under'];
/** How the units' figures combine (`chiso.aggregate`, with `units_under`). */
export const CHISO_AGGREGATES: readonly ChisoAggregate[] = ['average'];

function readChisoFeed(r: Reader, v: Json, path: string): ChisoFeed | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const program = r.key(o, 'program', path);
  const figure = r.oneOf(o, 'figure', path, CHISO_FIGURES);
  const source = r.oneOf(o, 'source', path, CHISO_SOURCES, 'same_unit');
  if (source !== 'units_under') {
    for (const k of ['aggregate', 'decimals'] as const) {
      if (o[k] !== undefined) r.fail(`${path}.${k}`, 'format_chiso_own', `${path}.${k}: chỉ dùng với "source": "units_under" (lấy số liệu của các đơn vị thuộc)`);
    }
    return program && figure && source && o.aggregate === undefined && o.decimals === undefined ? { program, figure } : undefined;
  }
  const aggregate = r.oneOf(o, 'aggregate', path, CHISO_AGGREGATES, 'average');
  const decimals = o.decimals === undefined ? null : r.int(o, 'decimals', path, 0, 4);
  return program && figure && aggregate && decimals !== undefined
    ? { program, figure, source, aggregate, ...(decimals === null ? {} : { decimals }) } : undefined;
}

/** A rule's own rounding: `{ "decimals": 2 }`; null when absent, undefined on error. */
function readPointsRounding(r: Reader, o: Obj, path: string): PointsRounding | null | undefined {
  if (o.rounding === undefined) return null;
  const ro = r.obj(o.rounding, `${path}.rounding`);
  if (!ro) return undefined;
  const decimals = r.int(ro, 'decimals', `${path}.rounding`, 0, 3);
  r.oneOf(ro, 'mode', `${path}.rounding`, ['half_up'] as const, 'half_up');
  return decimals === undefined ? undefined : { decimals };
}

const withRounding = (rounding: PointsRounding | null) => (rounding ? { rounding } : {});

/** Every kind of scoring rule (`rule.type`). */
export const RULE_TYPES = ['choice', 'yes_no', 'rate_tiers', 'proportional', 'manual', 'deduction', 'bonus', 'survey', 'data_feed'] as const satisfies readonly RuleType[];

function readRule(r: Reader, v: Json, path: string): Rule | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const type = r.oneOf(o, 'type', path, RULE_TYPES);
  switch (type) {
    case undefined:
      return undefined;
    case 'choice': {
      const options = r.list(o, 'options', path, (x, p) => readOption(r, x, p));
      return options ? { type, options } : undefined;
    }
    case 'yes_no': {
      const yesPoints = r.points(o, 'yesPoints', path);
      const noPoints = r.points(o, 'noPoints', path);
      return yesPoints !== undefined && noPoints !== undefined ? { type, yesPoints, noPoints } : undefined;
    }
    case 'rate_tiers': {
      const labels = rateLabels(r, o, path);
      const tiers = r.list(o, 'tiers', path, (x, p) => readTier(r, x, p));
      return labels && tiers ? { type, ...labels, tiers } : undefined;
    }
    case 'proportional': {
      const labels = rateLabels(r, o, path);
      const rounding = readPointsRounding(r, o, path);
      return labels && rounding !== undefined ? { type, ...labels, ...withRounding(rounding) } : undefined;
    }
    case 'manual': {
      const min = r.points(o, 'min', path);
      const max = r.points(o, 'max', path);
      const step = r.points(o, 'step', path);
      return min !== undefined && max !== undefined && step !== undefined ? { type, min, max, step } : undefined;
    }
    case 'deduction': {
      const start = r.points(o, 'start', path);
      const perOccurrence = r.points(o, 'perOccurrence', path);
      const floor = r.points(o, 'floor', path);
      const occurrenceLabel = r.str(o, 'occurrenceLabel', path);
      return start !== undefined && perOccurrence !== undefined && floor !== undefined && occurrenceLabel
        ? { type, start, perOccurrence, floor, occurrenceLabel } : undefined;
    }
    case 'bonus': {
      const mode = r.oneOf(o, 'mode', path, ['fixed', 'per_occurrence'] as const);
      const points = r.points(o, 'points', path);
      const cap = r.points(o, 'cap', path);
      const occurrenceLabel = r.str(o, 'occurrenceLabel', path, true);
      return mode && points !== undefined && cap !== undefined
        ? { type, mode, points, cap, ...(occurrenceLabel ? { occurrenceLabel } : {}) } : undefined;
    }
    case 'survey': {
      const rounding = readPointsRounding(r, o, path);
      return rounding !== undefined ? { type, ...withRounding(rounding) } : undefined;
    }
    case 'data_feed': {
      const feed = r.str(o, 'feed', path);
      const labels = rateLabels(r, o, path);
      const so = r.obj(o.scoring, `${path}.scoring`);
      if (!so) return undefined;
      const kind = r.oneOf(so, 'kind', `${path}.scoring`, ['tiers', 'proportional'] as const);
      let scoring: Extract<Rule, { type: 'data_feed' }>['scoring'] | undefined;
      if (kind === 'tiers') {
        const tiers = r.list(so, 'tiers', `${path}.scoring`, (x, p) => readTier(r, x, p));
        scoring = tiers ? { kind, tiers } : undefined;
      } else if (kind === 'proportional') {
        scoring = { kind };
      }
      const chiso = o.chiso === undefined ? null : readChisoFeed(r, o.chiso, `${path}.chiso`);
      const rounding = readPointsRounding(r, o, path);
      return feed && labels && scoring && chiso !== undefined && rounding !== undefined
        ? { type, feed, ...labels, scoring, ...(chiso ? { chiso } : {}), ...withRounding(rounding) } : undefined;
    }
  }
}

function readApplicability(r: Reader, v: Json, path: string): Applicability | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const unitGroups = r.strings(o, 'unitGroups', path);
  const unitTypes = r.strings(o, 'unitTypes', path);
  const mayDeclareNotApplicable = r.bool(o, 'mayDeclareNotApplicable', path, false);
  const condition = r.str(o, 'condition', path, true);
  if (mayDeclareNotApplicable === undefined) return undefined;
  return {
    ...(unitGroups ? { unitGroups } : {}),
    ...(unitTypes ? { unitTypes } : {}),
    mayDeclareNotApplicable,
    ...(condition ? { condition } : {}),
  };
}

function readNode(r: Reader, v: Json, path: string, depth = 1): FrameworkNode | undefined {
  if (depth > MAX_NODE_DEPTH) return r.fail(path, 'format_depth', `${path}: bộ tiêu chí có tối đa ${MAX_NODE_DEPTH} cấp`);
  const o = r.obj(v, path);
  if (!o) return undefined;
  const before = r.errors.length;
  const key = r.key(o, 'key', path);
  const code = r.str(o, 'code', path);
  const name = r.str(o, 'name', path);
  const maxPoints = r.points(o, 'maxPoints', path);
  const guidance = r.str(o, 'guidance', path, true);
  const evidenceExpected = r.str(o, 'evidenceExpected', path, true);
  const appraisingAgency = r.str(o, 'appraisingAgency', path, true);
  const source = o.source === undefined ? undefined : r.oneOf(o, 'source', path, NODE_SOURCES);
  const applicability = o.applicability === undefined ? undefined : readApplicability(r, o.applicability, `${path}.applicability`);
  const rule = o.rule === undefined ? undefined : readRule(r, o.rule, `${path}.rule`);
  const children = r.list(o, 'children', path, (x, p) => readNode(r, x, p, depth + 1), true);
  if (r.errors.length > before || !key || !code || !name || maxPoints === undefined || !children) return undefined;
  return {
    key, code, name, maxPoints,
    ...(guidance !== undefined ? { guidance } : {}),
    ...(evidenceExpected !== undefined ? { evidenceExpected } : {}),
    ...(appraisingAgency !== undefined ? { appraisingAgency } : {}),
    ...(source ? { source } : {}),
    ...(applicability ? { applicability } : {}),
    ...(rule ? { rule } : {}),
    children,
  };
}

function readTieBreak(r: Reader, v: Json, path: string): TieBreak | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const kind = r.oneOf(o, 'kind', path, ['component_index', 'achieved_points', 'applicable_max'] as const);
  if (kind === 'component_index') {
    const fieldKey = r.key(o, 'fieldKey', path);
    return fieldKey ? { kind, fieldKey } : undefined;
  }
  return kind ? { kind } : undefined;
}

function readBand(r: Reader, v: Json, path: string): Band | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const key = r.key(o, 'key', path);
  const label = r.str(o, 'label', path);
  const minPercent = r.decimal(o, 'minPercent', path);
  return key && label && minPercent ? { key, label, minPercent } : undefined;
}

/** What a unit's survey criterion gets below the minimum of respondents (`settings.survey.belowMinimum`). */
export const SURVEY_BELOW_MINIMUM: readonly SurveyBelowMinimum[] = ['withhold', 'score'];
export const MAX_SURVEY_MIN_RESPONDENTS = 100000;

export const DEFAULT_SETTINGS: FrameworkSettings = {
  // No `pointsDecimals`: computed leaf points stay exact unless a document declares a rounding.
  rounding: { indexDecimals: 2, mode: 'half_up' },
  survey: { optional: false },
  bonus: { countsInIndex: true },
  ranking: { basis: 'published', tieBreaks: [] },
  classification: { bands: [] },
};

function section(r: Reader, o: Obj, k: string, path: string): Obj | undefined {
  return o[k] === undefined ? {} : r.obj(o[k], `${path}.${k}`);
}

function readSettings(r: Reader, v: Json, path: string): FrameworkSettings | undefined {
  if (v === undefined) return DEFAULT_SETTINGS;
  const o = r.obj(v, path);
  if (!o) return undefined;
  const d = DEFAULT_SETTINGS;
  const ro = section(r, o, 'rounding', path);
  const so = section(r, o, 'survey', path);
  const bo = section(r, o, 'bonus', path);
  const rk = section(r, o, 'ranking', path);
  const co = section(r, o, 'classification', path);
  if (!ro || !so || !bo || !rk || !co) return undefined;
  const before = r.errors.length;
  // Absent stays absent (exact); a declared value keeps its meaning: computed leaves rounded to it.
  const pointsDecimals = ro.pointsDecimals === undefined ? null : r.int(ro, 'pointsDecimals', `${path}.rounding`, 0, 3);
  const indexDecimals = r.int(ro, 'indexDecimals', `${path}.rounding`, 0, 6, d.rounding.indexDecimals);
  r.oneOf(ro, 'mode', `${path}.rounding`, ['half_up'] as const, 'half_up');
  const optional = r.bool(so, 'optional', `${path}.survey`, d.survey.optional);
  const minRespondents = so.minRespondents === undefined ? null : r.int(so, 'minRespondents', `${path}.survey`, 1, MAX_SURVEY_MIN_RESPONDENTS);
  const belowMinimum = so.belowMinimum === undefined ? null : r.oneOf(so, 'belowMinimum', `${path}.survey`, SURVEY_BELOW_MINIMUM);
  const countsInIndex = r.bool(bo, 'countsInIndex', `${path}.bonus`, d.bonus.countsInIndex);
  const totalCap = r.points(bo, 'totalCap', `${path}.bonus`, true);
  const basis = r.oneOf(rk, 'basis', `${path}.ranking`, ['published', 'exact'] as const, 'published');
  const tieBreaks = r.list(rk, 'tieBreaks', `${path}.ranking`, (x, p) => readTieBreak(r, x, p), true);
  const bands = r.list(co, 'bands', `${path}.classification`, (x, p) => readBand(r, x, p), true);
  if (r.errors.length > before || pointsDecimals === undefined || indexDecimals === undefined || optional === undefined
    || countsInIndex === undefined || !basis || !tieBreaks || !bands) return undefined;
  return {
    rounding: { ...(pointsDecimals !== null ? { pointsDecimals } : {}), indexDecimals, mode: 'half_up' },
    survey: { optional, ...(minRespondents != null && { minRespondents }), ...(belowMinimum != null && { belowMinimum }) },
    bonus: { countsInIndex, ...(totalCap !== undefined ? { totalCap } : {}) },
    ranking: { basis, tieBreaks },
    classification: { bands },
  };
}

function readAgency(r: Reader, v: Json, path: string): Agency | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const code = r.key(o, 'code', path);
  const name = r.str(o, 'name', path);
  return code && name ? { code, name } : undefined;
}

/**
 * Read a framework from parsed JSON (or a JSON string). Checks structure and types only;
 * run `validateFramework` for the rules between values (sums, tiers, bands…).
 */
export function parseFramework(input: unknown): ParseResult {
  const r = new Reader();
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      return { ok: false, errors: [issue('format_json', `Không đọc được JSON: ${(e as Error).message}`, { path: '$' })] };
    }
  }
  const unsafe = findUnsafeJson(json, MAX_JSON_DEPTH);
  if (unsafe) {
    const path = showJsonPath(unsafe.path, 'jsonpath');
    const message = {
      nul: `${path}: có ký tự NUL (mã 0), không lưu được`,
      surrogate: `${path}: có ký tự Unicode hỏng (nửa cặp \\uD800–\\uDFFF), không lưu được`,
      depth: `${path}: lồng nhau quá sâu (quá ${MAX_JSON_DEPTH} cấp; bộ tiêu chí có tối đa ${MAX_NODE_DEPTH} cấp)`,
    }[unsafe.problem];
    return { ok: false, errors: [issue(`format_${unsafe.problem}`, message, { path })] };
  }
  const o = r.obj(json, '$');
  if (!o) return { ok: false, errors: r.errors };
  if (o.formatVersion !== FORMAT_VERSION) {
    r.fail('$.formatVersion', 'format_version', `$.formatVersion: phiên bản định dạng phải là ${FORMAT_VERSION}`);
  }
  const id = r.key(o, 'id', '$');
  const name = r.str(o, 'name', '$');
  const year = o.year === undefined ? undefined : r.int(o, 'year', '$', 1900, 2999);
  const version = r.str(o, 'version', '$', true);
  const description = r.str(o, 'description', '$', true);
  const unitLevel = r.str(o, 'unitLevel', '$', true);
  const agencies = r.list(o, 'agencies', '$', (x, p) => readAgency(r, x, p), true);
  const settings = readSettings(r, o.settings, '$.settings');
  const nodes = r.list(o, 'nodes', '$', (x, p) => readNode(r, x, p));
  if (r.errors.length > 0 || !id || !name || !agencies || !settings || !nodes) return { ok: false, errors: r.errors };
  return {
    ok: true,
    framework: {
      formatVersion: 1, id, name,
      ...(year !== undefined ? { year } : {}),
      ...(version !== undefined ? { version } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(unitLevel !== undefined ? { unitLevel } : {}),
      agencies, settings, nodes,
    },
  };
}

// ---- serialization -------------------------------------------------------------------

function decText(d: ExactDecimal): string {
  return unitsToPlain(d.units, d.scale);
}

function tierJson(t: Tier) {
  const bound = (b: TierBound | undefined) => (b ? { percent: decText(b.percent), inclusive: b.inclusive } : null);
  return { lower: bound(t.lower), upper: bound(t.upper), points: pointsToString(t.points) };
}

const roundingJson = (r: PointsRounding | undefined) => (r ? { rounding: { decimals: r.decimals } } : {});

function ruleJson(rule: Rule): Record<string, unknown> {
  const p = pointsToString;
  switch (rule.type) {
    case 'choice':
      return { type: rule.type, options: rule.options.map((o) => ({ key: o.key, label: o.label, points: p(o.points) })) };
    case 'yes_no':
      return { type: rule.type, yesPoints: p(rule.yesPoints), noPoints: p(rule.noPoints) };
    case 'rate_tiers':
      return { type: rule.type, numeratorLabel: rule.numeratorLabel, denominatorLabel: rule.denominatorLabel,
        zeroDenominator: rule.zeroDenominator, tiers: rule.tiers.map(tierJson) };
    case 'proportional':
      return { type: rule.type, numeratorLabel: rule.numeratorLabel, denominatorLabel: rule.denominatorLabel,
        zeroDenominator: rule.zeroDenominator, ...roundingJson(rule.rounding) };
    case 'manual':
      return { type: rule.type, min: p(rule.min), max: p(rule.max), step: p(rule.step) };
    case 'deduction':
      return { type: rule.type, start: p(rule.start), perOccurrence: p(rule.perOccurrence), floor: p(rule.floor),
        occurrenceLabel: rule.occurrenceLabel };
    case 'bonus':
      return { type: rule.type, mode: rule.mode, points: p(rule.points), cap: p(rule.cap),
        ...(rule.occurrenceLabel ? { occurrenceLabel: rule.occurrenceLabel } : {}) };
    case 'survey':
      return { type: rule.type, ...roundingJson(rule.rounding) };
    case 'data_feed':
      return { type: rule.type, feed: rule.feed, numeratorLabel: rule.numeratorLabel, denominatorLabel: rule.denominatorLabel,
        zeroDenominator: rule.zeroDenominator,
        scoring: rule.scoring.kind === 'tiers' ? { kind: 'tiers', tiers: rule.scoring.tiers.map(tierJson) } : { kind: 'proportional' },
        ...(rule.chiso ? { chiso: chisoJson(rule.chiso) } : {}),
        ...roundingJson(rule.rounding) };
  }
}

function chisoJson(c: ChisoFeed): ChisoFeed {
  return {
    program: c.program, figure: c.figure,
    ...(c.source === 'units_under' ? { source: c.source, aggregate: c.aggregate ?? 'average', ...(c.decimals === undefined ? {} : { decimals: c.decimals }) } : {}),
  };
}

function nodeJson(n: FrameworkNode): Record<string, unknown> {
  return {
    key: n.key, code: n.code, name: n.name, maxPoints: pointsToString(n.maxPoints),
    ...(n.guidance !== undefined ? { guidance: n.guidance } : {}),
    ...(n.evidenceExpected !== undefined ? { evidenceExpected: n.evidenceExpected } : {}),
    ...(n.appraisingAgency !== undefined ? { appraisingAgency: n.appraisingAgency } : {}),
    ...(n.source ? { source: n.source } : {}),
    ...(n.applicability ? { applicability: n.applicability } : {}),
    ...(n.rule ? { rule: ruleJson(n.rule) } : {}),
    ...(n.children.length > 0 ? { children: n.children.map(nodeJson) } : {}),
  };
}

/** The canonical JSON value of a framework (stable key order; decimals as strings). */
export function frameworkToJson(f: Framework): Record<string, unknown> {
  const s = f.settings;
  return {
    formatVersion: FORMAT_VERSION,
    id: f.id, name: f.name,
    ...(f.year !== undefined ? { year: f.year } : {}),
    ...(f.version !== undefined ? { version: f.version } : {}),
    ...(f.description !== undefined ? { description: f.description } : {}),
    ...(f.unitLevel !== undefined ? { unitLevel: f.unitLevel } : {}),
    agencies: f.agencies.map((a) => ({ code: a.code, name: a.name })),
    settings: {
      rounding: { ...s.rounding },
      survey: { ...s.survey },
      bonus: { countsInIndex: s.bonus.countsInIndex, ...(s.bonus.totalCap !== undefined ? { totalCap: pointsToString(s.bonus.totalCap) } : {}) },
      ranking: { basis: s.ranking.basis, tieBreaks: s.ranking.tieBreaks.map((t) => ({ ...t })) },
      classification: { bands: s.classification.bands.map((b) => ({ key: b.key, label: b.label, minPercent: decText(b.minPercent) })) },
    },
    nodes: f.nodes.map(nodeJson),
  };
}

/** Canonical JSON text (2-space indent, trailing newline). */
export function serializeFramework(f: Framework): string {
  return JSON.stringify(frameworkToJson(f), null, 2) + '\n';
}

/**
 * Parse then validate: the one call for importing a framework file. Returns the
 * framework with its warnings, or every error (format errors first, then semantic ones).
 */
export function loadFramework(input: unknown):
  | { readonly ok: true; readonly framework: Framework; readonly warnings: readonly Issue[] }
  | { readonly ok: false; readonly errors: readonly Issue[] } {
  const parsed = parseFramework(input);
  if (!parsed.ok) return parsed;
  const issues = validateFramework(parsed.framework);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) return { ok: false, errors: issues };
  return { ok: true, framework: parsed.framework, warnings: issues };
}
