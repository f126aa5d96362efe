/**
 * The frameworks the demo province's earlier years were scored under (DỮ LIỆU MINH HỌA), named by the
 * imported results so their fields carry the same stable keys as 2025's and their own maxima:
 * - 2024: the 2025 templates as they were that year (the same criteria);
 * - 2023: two fields weighed otherwise — the departments' e-government field without criterion 7.3
 *   (online TTHC records, 10 points instead of 12) and a heavier impact survey 8.3 (22 instead of
 *   20); the communes' and districts' TTHC field without 3.6 (digitised records, 20 instead of 22)
 *   and a heavier e-government survey 7.6 (15 instead of 13).
 * The districts' framework of those years is the communes' template for UBND cấp huyện.
 */
import { readFileSync } from 'node:fs';

type Node = { key: string; code: string; name: string; maxPoints: string; children?: Node[]; [k: string]: unknown };
export type HistoryDoc = { id: string; name: string; year: number; description?: string; unitLevel?: string; nodes: Node[]; settings: { classification: { bands: { key: string; label: string; minPercent: string }[] } }; [k: string]: unknown };

/** Which group's framework: the departments', the districts' or the communes'. */
export type HistoryKind = 'departments' | 'districts' | 'communes';

const template = (file: string): HistoryDoc => JSON.parse(readFileSync(new URL(`../frameworks/${file}`, import.meta.url), 'utf8')) as HistoryDoc;

/** What 2023 changed in a template: criteria left out, leaves weighed otherwise (their fields follow). */
const CHANGES_2023: Record<'departments' | 'communes', { without: string[]; weigh: Record<string, string> }> = {
  departments: { without: ['ty-le-ho-so-co-thanh'], weigh: { 'tac-dong-cua-cchc-den-chat': '11' } },
  communes: { without: ['so-hoa-ho-so-ket-qua'], weigh: { 'hieu-qua-ung-dung-cong-nghe': '5' } },
};

const sum = (nodes: Node[]) => String(nodes.reduce((s, n) => s + Number(n.maxPoints), 0));

/** The template with criteria left out and leaves reweighed, each section's maximum the sum of its criteria. */
function changed(nodes: Node[], change: { without: string[]; weigh: Record<string, string> }): Node[] {
  return nodes.filter((n) => !change.without.includes(n.key)).map((n) => {
    if (!n.children?.length) return change.weigh[n.key] ? { ...n, maxPoints: change.weigh[n.key]! } : n;
    const children = changed(n.children, change);
    return children === n.children ? n : { ...n, children, maxPoints: sum(children) };
  });
}

const LABEL: Record<HistoryKind, string> = { departments: 'sở, ban, ngành', districts: 'UBND cấp huyện', communes: 'UBND cấp xã' };
/** The group label a framework is filed under (load-demo-frameworks.ts files 2025's the same way). */
export const historyGroupLabel: Record<HistoryKind, string> = { departments: 'Sở, ban, ngành', districts: 'UBND cấp huyện', communes: 'UBND cấp xã' };

/** A year's framework of a kind (2023 or 2024). */
export function historyFramework(kind: HistoryKind, year: number): HistoryDoc {
  const base = kind === 'departments' ? 'departments' : 'communes';
  const doc = template(`${base}-2025.json`);
  const nodes = year === 2023 ? changed(doc.nodes, CHANGES_2023[base]) : doc.nodes;
  return {
    ...doc,
    id: `${kind}-${year}`,
    year,
    name: `Bộ tiêu chí xác định Chỉ số cải cách hành chính ${LABEL[kind]} năm ${year} (minh họa)`,
    description: `DỮ LIỆU MINH HỌA, không phải văn bản chính thức. Bộ tiêu chí của năm ${year} cho kết quả đã công bố nhập vào tỉnh mẫu${year === 2023 ? '; khác năm 2025 ở hai lĩnh vực (điểm tối đa khác)' : ', cùng tiêu chí như năm 2025'}.`,
    ...(kind === 'districts' ? { unitLevel: 'district' } : {}),
    nodes,
  };
}
