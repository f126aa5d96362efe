/**
 * The lower levels' own frameworks, derived from the province's templates as an organising unit
 * would (issue 10 §2): Sở Y tế takes the departments' framework for its sub-units and adds criteria
 * of its sector; the district of Đình Lập took the communes' framework for its 2024 index, with its
 * own appraising body (Phòng Nội vụ huyện) and the TTHC figures reported by the communes themselves
 * (no data feed from the province's system at district level).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Node = { key: string; code: string; name: string; maxPoints: string; appraisingAgency?: string; source?: string; rule?: Record<string, unknown>; children?: Node[]; [k: string]: unknown };
type Doc = { id: string; name: string; year: number; description?: string; unitLevel?: string; agencies: { code: string; name: string }[]; nodes: Node[]; [k: string]: unknown };

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'frameworks');
const template = (file: string): Doc => JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Doc;

function mapNodes(nodes: Node[], visit: (n: Node) => Node): Node[] {
  return nodes.map((n) => {
    const out = visit({ ...n });
    return out.children ? { ...out, children: mapNodes(out.children, visit) } : out;
  });
}

/** Every appraising agency of the template becomes `agency` (one body appraises at this level). */
const oneAgency = (agency: string) => (n: Node): Node => (n.appraisingAgency ? { ...n, appraisingAgency: agency } : n);

/** The criteria Sở Y tế adds to the departments' template, by the key of the section they join. */
const healthCriteria: Record<string, Node[]> = {
  'cong-tac-chi-dao-dieu-hanh': [
    {
      key: 'syt-ke-hoach-cchc-nganh-y-te', code: '1.7', name: 'Triển khai kế hoạch CCHC của ngành Y tế tại đơn vị (đề án, kế hoạch của Sở Y tế giao)', maxPoints: '1',
      guidance: 'Triển khai đầy đủ, đúng hạn: 1; chậm: 0,5; không triển khai: 0.', evidenceExpected: 'Kế hoạch, báo cáo triển khai của đơn vị',
      source: 'self_assessment',
      rule: { type: 'choice', options: [{ key: 'day-du', label: 'Đầy đủ, đúng hạn', points: '1' }, { key: 'cham', label: 'Chậm', points: '0.5' }, { key: 'khong', label: 'Không triển khai', points: '0' }] },
    },
  ],
  'cai-cach-thu-tuc-hanh-chinh': [
    {
      key: 'syt-ho-so-suc-khoe-dien-tu', code: '3.8', name: 'Tỷ lệ người dân đến khám, chữa bệnh được cập nhật hồ sơ sức khỏe điện tử', maxPoints: '2',
      guidance: 'Điểm = 2 × số lượt được cập nhật / tổng số lượt khám, chữa bệnh. Đơn vị không khám, chữa bệnh: không áp dụng.', evidenceExpected: 'Trích xuất phần mềm quản lý khám, chữa bệnh',
      source: 'self_assessment', applicability: { mayDeclareNotApplicable: true, condition: 'Đơn vị không khám, chữa bệnh' },
      rule: { type: 'proportional', numeratorLabel: 'Số lượt được cập nhật hồ sơ sức khỏe điện tử', denominatorLabel: 'Tổng số lượt khám, chữa bệnh', zeroDenominator: 'not_applicable' },
    },
  ],
};

const plusPoints = (a: string, b: string) => String(Number(a) + Number(b));

/** Sở Y tế's framework for its units: the departments' template, one appraising body, two criteria of its own. */
export function healthFramework(): Doc {
  const doc = template('departments-2025.json');
  const nodes = mapNodes(doc.nodes, oneAgency('VPSYT')).map((section) => {
    const added = healthCriteria[section.key];
    if (!added) return section;
    return { ...section, maxPoints: added.reduce((sum, n) => plusPoints(sum, n.maxPoints), section.maxPoints), children: [...(section.children ?? []), ...added.map((n) => ({ ...n, appraisingAgency: 'VPSYT' }))] };
  });
  return {
    ...doc,
    id: 'syt-don-vi-truc-thuoc-2025',
    name: 'Bộ tiêu chí Chỉ số CCHC các đơn vị thuộc Sở Y tế năm 2025 (minh họa)',
    unitLevel: 'sub_unit',
    description: `DỮ LIỆU MINH HỌA. Sở Y tế xây dựng từ bộ tiêu chí các sở, ban, ngành của tỉnh, bổ sung ${Object.values(healthCriteria).flat().length} tiêu chí của ngành (1.7, 3.8); Văn phòng Sở thẩm định.`,
    agencies: [{ code: 'VPSYT', name: 'Văn phòng Sở Y tế' }],
    nodes,
  };
}

/** A data-feed leaf as the communes report it themselves: the same figures and tiers, self-assessed. */
function selfReported(n: Node): Node {
  if (n.source !== 'data_feed' || !n.rule) return n;
  const { feed: _feed, scoring, ...rule } = n.rule as { feed: string; scoring: { kind: string; tiers?: unknown[] } } & Record<string, unknown>;
  const guidance = typeof n.guidance === 'string' ? n.guidance.replace(/Số liệu lấy từ[^.]*\./, 'Xã tự báo cáo số liệu, Phòng Nội vụ đối chiếu.') : n.guidance;
  return {
    ...n,
    guidance,
    source: 'self_assessment',
    rule: scoring.kind === 'tiers' ? { ...rule, type: 'rate_tiers', tiers: scoring.tiers } : { ...rule, type: 'proportional' },
  };
}

/** The district of Đình Lập's 2024 framework for its communes and townships. */
export function districtFramework(): Doc {
  const doc = template('communes-2025.json');
  return {
    ...doc,
    id: 'dinh-lap-cap-xa-2024',
    year: 2024,
    name: 'Bộ tiêu chí Chỉ số CCHC các xã, thị trấn huyện Đình Lập năm 2024 (minh họa)',
    description: 'DỮ LIỆU MINH HỌA. UBND huyện Đình Lập xây dựng từ bộ tiêu chí cấp xã của tỉnh; Phòng Nội vụ huyện thẩm định; số liệu giải quyết TTHC do xã tự báo cáo.',
    agencies: [{ code: 'PNV', name: 'Phòng Nội vụ huyện Đình Lập' }],
    nodes: mapNodes(doc.nodes, (n) => selfReported(oneAgency('PNV')(n))),
  };
}
