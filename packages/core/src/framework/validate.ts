/**
 * Semantic validation of a framework (after `parseFramework` has checked its shape).
 * Every message is Vietnamese, names the node code, and carries a stable machine code.
 */
import { type Points, formatPoints, sumPoints } from '../decimal/points.ts';
import { type Rational, compareRational, rationalFromDecimal, rationalToFixedString } from '../decimal/rational.ts';
import { type Issue, issue } from '../issues.ts';
import { inTier } from '../scoring/leaf.ts';
import { isBonusNode, isLeaf, walkNodes } from './tree.ts';
import type { Framework, FrameworkNode, Rule, Tier } from './types.ts';

type Report = (code: string, message: string, severity?: Issue['severity']) => void;

const p = (x: Points) => formatPoints(x);
const pct = (r: Rational) => rationalToFixedString(r, 3).replace(/\.?0+$/, '').replace('.', ',') + '%';

/** Points a rule can give at most, to compare with the node's maximum. */
function ruleTop(rule: Rule): Points | undefined {
  switch (rule.type) {
    case 'choice': return rule.options.reduce((m, o) => (o.points > m ? o.points : m), 0 as Points);
    case 'yes_no': return (rule.yesPoints > rule.noPoints ? rule.yesPoints : rule.noPoints);
    case 'rate_tiers': return tiersTop(rule.tiers);
    case 'data_feed': return rule.scoring.kind === 'tiers' ? tiersTop(rule.scoring.tiers) : undefined;
    case 'manual': return rule.max;
    case 'deduction': return rule.start;
    case 'bonus': return rule.cap;
    default: return undefined;
  }
}

function tiersTop(tiers: readonly Tier[]): Points {
  return tiers.reduce((m, t) => (t.points > m ? t.points : m), 0 as Points);
}

/**
 * Tiers must not overlap anywhere and must cover the whole rate range [0 %, 100 %].
 * Intervals are constant between bound values, so checking every bound value and the
 * midpoints between consecutive ones (plus one point beyond each end) is complete.
 */
export function checkTiers(tiers: readonly Tier[], report: Report): void {
  if (tiers.length === 0) {
    report('tiers_empty', 'chưa có mức tỷ lệ nào');
    return;
  }
  const values: Rational[] = [{ num: 0n, den: 1n }, { num: 100n, den: 1n }];
  tiers.forEach((t, i) => {
    if (t.lower && t.upper) {
      const c = compareRational(rationalFromDecimal(t.lower.percent), rationalFromDecimal(t.upper.percent));
      if (c > 0 || (c === 0 && !(t.lower.inclusive && t.upper.inclusive))) {
        report('tier_empty', `mức thứ ${i + 1} có cận dưới không nhỏ hơn cận trên`);
      }
    }
    for (const b of [t.lower, t.upper]) if (b) values.push(rationalFromDecimal(b.percent));
  });
  values.sort(compareRational);
  const uniq = values.filter((v, i) => i === 0 || compareRational(values[i - 1]!, v) !== 0);
  const probes: Rational[] = [{ num: uniq[0]!.num - uniq[0]!.den, den: uniq[0]!.den }];
  uniq.forEach((v, i) => {
    probes.push(v);
    const next = uniq[i + 1];
    if (next) probes.push({ num: v.num * next.den + next.num * v.den, den: 2n * v.den * next.den });
  });
  const last = uniq[uniq.length - 1]!;
  probes.push({ num: last.num + last.den, den: last.den });

  let gapReported = false;
  let overlapReported = false;
  for (const x of probes) {
    const hits = tiers.filter((t) => inTier(x, t)).length;
    const inRange = compareRational(x, { num: 0n, den: 1n }) >= 0 && compareRational(x, { num: 100n, den: 1n }) <= 0;
    if (hits === 0 && inRange && !gapReported) {
      report('tiers_gap', `các mức tỷ lệ bỏ trống giá trị ${pct(x)} (phải phủ kín từ 0% đến 100%)`);
      gapReported = true;
    }
    if (hits > 1 && !overlapReported) {
      report('tiers_overlap', `các mức tỷ lệ chồng lấn tại ${pct(x)}`);
      overlapReported = true;
    }
  }
}

function checkRule(node: FrameworkNode, rule: Rule, report: Report): void {
  const top = ruleTop(rule);
  if (top !== undefined && top > node.maxPoints) {
    report('rule_exceeds_max', `điểm theo quy tắc (tối đa ${p(top)}) vượt điểm tối đa ${p(node.maxPoints)}`);
  } else if (top !== undefined && top < node.maxPoints && rule.type !== 'bonus') {
    report('rule_max_unreachable', `không mức nào đạt điểm tối đa ${p(node.maxPoints)} (cao nhất ${p(top)})`, 'warning');
  }
  switch (rule.type) {
    case 'choice': {
      if (rule.options.length < 2) report('choice_too_few', 'cần ít nhất hai mức để chọn');
      const keys = new Set<string>();
      for (const o of rule.options) {
        if (keys.has(o.key)) report('choice_duplicate_key', `mức "${o.key}" bị trùng`);
        keys.add(o.key);
      }
      break;
    }
    case 'rate_tiers':
      checkTiers(rule.tiers, report);
      break;
    case 'data_feed':
      if (rule.scoring.kind === 'tiers') checkTiers(rule.scoring.tiers, report);
      break;
    case 'manual':
      if (rule.step <= 0) report('manual_step_zero', 'bước chấm phải lớn hơn 0');
      else if ((rule.max - rule.min) % rule.step !== 0) {
        report('manual_step_divides', `bước ${p(rule.step)} không chia hết khoảng từ ${p(rule.min)} đến ${p(rule.max)}`);
      }
      if (rule.min > rule.max) report('manual_bounds', 'cận dưới lớn hơn cận trên');
      break;
    case 'deduction':
      if (rule.perOccurrence <= 0) report('deduction_amount', 'điểm trừ mỗi lần phải lớn hơn 0');
      if (rule.floor > rule.start) report('deduction_floor', `mức sàn ${p(rule.floor)} cao hơn điểm khởi đầu ${p(rule.start)}`);
      break;
    case 'bonus':
      if (rule.cap !== node.maxPoints) report('bonus_cap', `điểm cộng tối đa ${p(rule.cap)} phải bằng điểm tối đa của tiêu chí ${p(node.maxPoints)}`);
      if (rule.points > rule.cap) report('bonus_points', 'điểm cộng mỗi lần vượt mức tối đa');
      break;
    default:
      break;
  }
  const expected = rule.type === 'survey' ? 'survey' : rule.type === 'data_feed' ? 'data_feed' : 'self_assessment';
  if (node.source !== expected) {
    report('source_rule_mismatch', `nguồn điểm phải là "${expected}" với quy tắc "${rule.type}"`);
  }
}

function checkChildrenSum(node: FrameworkNode, report: Report): void {
  const normal = node.children.filter((c) => !isBonusNode(c));
  if (normal.length === 0) return;
  const sum = sumPoints(normal.map((c) => c.maxPoints));
  if (sum !== node.maxPoints) {
    report('children_sum', `tổng điểm tối đa các tiêu chí con (${p(sum)}) khác điểm tối đa (${p(node.maxPoints)})`);
  }
}

function checkBands(f: Framework, out: Issue[]): void {
  const bands = f.settings.classification.bands;
  const keys = new Set<string>();
  bands.forEach((b, i) => {
    const path = `$.settings.classification.bands[${i}]`;
    if (keys.has(b.key)) out.push(issue('band_duplicate_key', `Xếp loại: khóa "${b.key}" bị trùng`, { path }));
    keys.add(b.key);
    const min = rationalFromDecimal(b.minPercent);
    if (min.num < 0n) out.push(issue('band_negative', `Xếp loại "${b.label}": ngưỡng không được âm`, { path }));
    const prev = bands[i - 1];
    if (prev && compareRational(rationalFromDecimal(prev.minPercent), min) <= 0) {
      out.push(issue('bands_order', `Xếp loại "${b.label}" phải có ngưỡng thấp hơn "${prev.label}" (sắp từ cao xuống thấp)`, { path }));
    }
  });
  const lowest = bands[bands.length - 1];
  if (lowest && lowest.minPercent.units !== 0n) {
    out.push(issue('bands_lowest_not_zero', `Xếp loại thấp nhất "${lowest.label}" không bắt đầu từ 0: đơn vị dưới ngưỡng sẽ không được xếp loại`,
      { path: '$.settings.classification.bands' }, 'warning'));
  }
}

/**
 * The survey's minimum of respondents: `belowMinimum` says nothing without a minimum, and withheld
 * points make a unit's survey criteria 0 unless the survey is optional.
 */
function checkSurveyMinimum(f: Framework, out: Issue[]): void {
  const { minRespondents, belowMinimum, optional } = f.settings.survey;
  const path = { path: '$.settings.survey' };
  if (belowMinimum !== undefined && minRespondents === undefined) {
    out.push(issue('survey_below_minimum_alone', 'Điều tra XHH: có “belowMinimum” nhưng chưa có số phiếu tối thiểu (minRespondents), nên không có tác dụng', path, 'warning'));
  }
  if (belowMinimum === 'withhold' && minRespondents !== undefined && !optional) {
    out.push(issue('survey_withhold_not_optional',
      `Điều tra XHH: đơn vị có ít hơn ${minRespondents} phiếu hợp lệ không được cấp điểm điều tra và bị 0 điểm ở các tiêu chí điều tra, vì điều tra không phải là tùy chọn (optional)`,
      path, 'warning'));
  }
}

/** All problems of a framework; an empty list of errors means it can be used. */
export function validateFramework(f: Framework): Issue[] {
  const out: Issue[] = [];
  const keys = new Map<string, string>();
  const codes = new Set<string>();
  const agencies = new Set(f.agencies.map((a) => a.code));
  if (f.nodes.length === 0) out.push(issue('no_nodes', 'Bộ tiêu chí chưa có lĩnh vực nào', { path: '$.nodes' }));

  for (const { node, agency } of walkNodes(f.nodes)) {
    const where = { nodeCode: node.code, nodeKey: node.key };
    const report: Report = (code, message, severity = 'error') =>
      out.push(issue(code, `Tiêu chí ${node.code}: ${message}`, where, severity));
    if (keys.has(node.key)) report('duplicate_key', `khóa "${node.key}" trùng với tiêu chí ${keys.get(node.key)}`);
    else keys.set(node.key, node.code);
    if (codes.has(node.code)) report('duplicate_code', 'mã hiển thị bị trùng');
    codes.add(node.code);
    if (node.appraisingAgency !== undefined && agencies.size > 0 && !agencies.has(node.appraisingAgency)) {
      report('unknown_agency', `cơ quan thẩm định "${node.appraisingAgency}" không có trong danh sách cơ quan`);
    }
    if (isLeaf(node)) {
      if (!node.rule) report('leaf_without_rule', 'tiêu chí lá phải có đúng một quy tắc chấm điểm');
      else checkRule(node, node.rule, report);
      if (agency === undefined && node.rule && node.rule.type !== 'bonus') {
        report('no_agency', 'chưa có cơ quan thẩm định', 'warning');
      }
    } else {
      if (node.rule) report('inner_with_rule', 'tiêu chí có tiêu chí con không được có quy tắc chấm điểm riêng');
      if (node.children.some(isBonusNode) && node.children.every(isBonusNode) && node.maxPoints !== 0) {
        // A group of bonus leaves is outside the maximum, like its children.
        report('bonus_group_max', 'nhóm điểm cộng nằm ngoài điểm tối đa: điểm tối đa phải bằng 0', 'warning');
      }
      checkChildrenSum(node, report);
    }
  }
  const total = sumPoints(f.nodes.filter((n) => !isBonusNode(n)).map((n) => n.maxPoints));
  if (total <= 0) out.push(issue('total_zero', 'Tổng điểm tối đa phải lớn hơn 0', { path: '$.nodes' }));
  checkBands(f, out);
  checkSurveyMinimum(f, out);
  const fieldKeys = new Set(f.nodes.map((n) => n.key));
  f.settings.ranking.tieBreaks.forEach((t, i) => {
    if (t.kind === 'component_index' && !fieldKeys.has(t.fieldKey)) {
      out.push(issue('tiebreak_field', `Tiêu chí phụ xếp hạng: không có lĩnh vực khóa "${t.fieldKey}"`, { path: `$.settings.ranking.tieBreaks[${i}]` }));
    }
  });
  return out;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
