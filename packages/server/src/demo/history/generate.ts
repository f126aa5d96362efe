/**
 * Writes the demo province's earlier years' published results (2023, 2024): DỮ LIỆU MINH HỌA, not
 * official figures. Deterministic (seeded by unit, year and field): running it again writes the same
 * files. Run from the repository root after changing it:
 *
 *   node --import tsx packages/server/src/demo/history/generate.ts
 *
 * What it writes (as a province or a district would have published them, one file per group):
 * - `<year>/so-ban-nganh.csv`, `<year>/ubnd-cap-huyen.csv`: the province's departments (the 20 of
 *   the time) and its 11 districts;
 * - `<year>/xa-<district>.csv`: each district's own commune index over its communes of that year
 *   (units valid on 31/12; the communes merged on 1/12/2024 are in 2023 only). Đình Lập's 2024 is
 *   played on chiso itself (play-district-2024.ts), so only its 2023 is here;
 * - `manifest.json`: per file its owner, year, group set and group, decision and the fields' maxima.
 *
 * Figures are exact: field points in hundredths (integers), points = their sum, index = points /
 * maximum × 100 rounded half-up to 2 decimals, rank from the published index (ties share a rank),
 * class from the index by the frameworks' bands. Each file follows its year's framework
 * (history/frameworks.ts): 2023's weighs two fields otherwise, so year over year labels them "not comparable".
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareFixed, fixedFromRational, formatFixed, parseFixed, type Fixed } from '@chiso/core';
import { writeTable } from '../../files/tabular';
import { fieldHeader, importTemplateHeader } from '../../services/results/import-published';
import { historyFramework, type HistoryKind } from './frameworks';

/** A class band as the framework files write it (highest first). */
type Band = { key: string; label: string; minPercent: string };

const here = path.dirname(fileURLToPath(import.meta.url));
type Province = { units: { code: string; name: string; type: string; parent: string | null; validFrom: string; validTo: string | null }[]; groupSets: { code: string; groups: { code: string; name: string; members: string[] }[] }[] };

const province = JSON.parse(readFileSync(path.join(here, '..', 'province/lang-son.json'), 'utf8')) as Province;

/** A field of a year's framework: key, code, name, its maximum that year (hundredths). */
interface Field { key: string; code: string; name: string; max: number }

/** The 8 fields of a year's framework (history/frameworks.ts; the bonus outside the scale left out). */
function fieldsOf(kind: HistoryKind, year: number): { fields: Field[]; bands: Band[] } {
  const doc = historyFramework(kind, year);
  const fields = doc.nodes.filter((n) => /^\d+$/.test(n.code)).map((n) => ({ key: n.key, code: n.code, name: n.name, max: hundredths(n.maxPoints) }));
  return { fields, bands: doc.settings.classification.bands };
}

function hundredths(decimal: string): number {
  const [whole, part = ''] = decimal.split('.');
  return Number(whole) * 100 + Number((part + '00').slice(0, 2));
}
const plain = (h: number) => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;
/** "12", "12.5": a maximum as a framework writes it. */
const shortest = (h: number) => plain(h).replace(/\.?0+$/, '');

/** A deterministic number in [0, 1) for the parts (FNV-1a, then a mulberry32 step). */
export function draw(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const ch of parts.join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let t = (h + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Where units are weaker or stronger across the board (hiện đại hóa, tài chính công weak; chỉ đạo strong). */
const FIELD_BIAS: Record<string, number> = {
  'cong-tac-chi-dao-dieu-hanh': 0.06, 'cai-cach-to-chuc-bo-may': 0.04, 'cai-cach-tai-chinh-cong': -0.07, 'xay-dung-va-phat-trien-chinh': -0.09, 'cai-cach-thu-tuc-hanh-chinh': -0.02,
};

/** A unit's quality in a year: a steady base, 2023 a little lower on average. */
function quality(code: string, year: number, low: number, spread: number): number {
  const base = low + spread * draw(code, 'base');
  return base + (year === 2023 ? -0.025 : 0) + 0.05 * (draw(code, year, 'year') - 0.5);
}

export interface UnitResult {
  code: string; name: string; achieved: number; max: number; index: Fixed; rank: number; classLabel: string;
  fields: { key: string; achieved: number; max: number }[];
}

/** One group's published results: field points drawn around the unit's quality, then summed, indexed, ranked, classified. */
function results(units: { code: string; name: string }[], year: number, fields: Field[], bands: Band[], level: { low: number; spread: number }): UnitResult[] {
  const scored = units.map((u) => {
    const q = quality(u.code, year, level.low, level.spread);
    const unitFields = fields.map((f) => {
      const share = Math.max(0.3, Math.min(1, q + (FIELD_BIAS[f.key] ?? 0) + 0.16 * (draw(u.code, year, f.key) - 0.5)));
      return { key: f.key, achieved: Math.round(f.max * share), max: f.max };
    });
    const achieved = unitFields.reduce((s, f) => s + f.achieved, 0);
    const max = unitFields.reduce((s, f) => s + f.max, 0);
    const index = fixedFromRational({ num: BigInt(achieved) * 100n, den: BigInt(max) }, 2);
    return { code: u.code, name: u.name, achieved, max, index, fields: unitFields };
  });
  const sorted = [...scored].sort((a, b) => compareFixed(b.index, a.index) || a.code.localeCompare(b.code));
  return sorted.map((r, i) => {
    const first = sorted.findIndex((s) => compareFixed(s.index, r.index) === 0);
    const band = bands.find((b) => compareFixed(r.index, parseFixed(b.minPercent, 2)!) >= 0);
    if (!band) throw new Error(`Không xếp loại được ${r.code}`);
    return { ...r, rank: first === -1 ? i + 1 : first + 1, classLabel: band.label };
  });
}

/** The import's columns, then one per field: “<code>. <name> (<max>)”. */
const header = (fields: Field[]) => [...importTemplateHeader, ...fields.map((f) => fieldHeader({ code: f.code, name: f.name, maxPoints: shortest(f.max) }))];

/** The rows as the file writes them (decimal strings with a dot, as chiso's own exports). */
const cells = (rows: UnitResult[]) => rows.map((r) => [
  r.code, r.name, plain(r.achieved), plain(r.max), formatFixed(r.index, 'plain'), String(r.rank), r.classLabel,
  ...r.fields.map((f) => plain(f.achieved)),
]);

/** Units valid on 31/12 of the year. */
const validAt = (u: Province['units'][number], day: string) => u.validFrom <= day && (u.validTo === null || u.validTo >= day);
const unitByCode = new Map(province.units.map((u) => [u.code, u]));
const groupOf = (set: string, group: string) => province.groupSets.find((s) => s.code === set)!.groups.find((g) => g.code === group)!;

export interface ManifestEntry {
  file: string; year: number; owner: string | null; groupSet: { code: string; name: string }; group: { code: string; name: string };
  /** The year's framework (history/frameworks.ts): its field codes give the stable field keys. */
  framework: HistoryKind; decisionNumber: string; publishedOn: string; units: number; fields: { key: string; code: string; name: string; maxPoints: string }[];
}

/** The decision and its date: the province's in late January of the next year, each district's a little earlier. */
function decision(owner: string | null, year: number): { decisionNumber: string; publishedOn: string } {
  const n = 20 + Math.floor(draw(owner ?? 'LS', year, 'decision') * 180);
  const day = owner === null ? 26 + Math.floor(draw('LS', year, 'day') * 4) : 8 + Math.floor(draw(owner, year, 'day') * 14);
  return { decisionNumber: `${n}/QĐ-UBND`, publishedOn: `${year + 1}-01-${String(day).padStart(2, '0')}` };
}

export function generate(): { manifest: ManifestEntry[]; files: Map<string, { header: string[]; rows: string[][] }> } {
  const manifest: ManifestEntry[] = [];
  const files = new Map<string, { header: string[]; rows: string[][] }>();
  const add = (entry: Omit<ManifestEntry, 'units' | 'fields' | keyof ReturnType<typeof decision>>, units: { code: string; name: string }[], framework: { fields: Field[]; bands: Band[] }, level: { low: number; spread: number }) => {
    const rows = results(units, entry.year, framework.fields, framework.bands, level);
    files.set(entry.file, { header: header(framework.fields), rows: cells(rows) });
    manifest.push({ ...entry, ...decision(entry.owner, entry.year), units: rows.length, fields: framework.fields.map((f) => ({ key: f.key, code: f.code, name: f.name, maxPoints: shortest(f.max) })) });
  };
  for (const year of [2023, 2024]) {
    const day = `${year}-12-31`;
    const [departments, districts, communes] = [fieldsOf('departments', year), fieldsOf('districts', year), fieldsOf('communes', year)];
    const set = { code: `par-${year}`, name: `Nhóm xếp hạng Chỉ số CCHC ${year}` };
    for (const [code, framework, level] of [['so-ban-nganh', departments, { low: 0.74, spread: 0.22 }], ['ubnd-cap-huyen', districts, { low: 0.73, spread: 0.2 }]] as const) {
      const group = groupOf('par-2024', code);
      add({ file: `${year}/${code}.csv`, year, owner: null, groupSet: set, group: { code, name: group.name }, framework: code === 'so-ban-nganh' ? 'departments' : 'districts' },
        group.members.map((c) => unitByCode.get(c)!).filter((u) => validAt(u, day)), framework, level);
    }
    for (const district of groupOf('par-2024', 'ubnd-cap-huyen').members) {
      if (district === 'D-DL' && year === 2024) continue; // played on chiso (play-district-2024.ts)
      const d = unitByCode.get(district)!;
      const units = province.units.filter((u) => u.parent === district && ['commune', 'ward', 'town'].includes(u.type) && validAt(u, day)).sort((a, b) => a.code.localeCompare(b.code));
      const place = d.name.replace(/^UBND /, '');
      const kinds = district === 'D-TPLS' ? 'xã, phường' : 'xã, thị trấn';
      add({
        file: `${year}/xa-${district.toLowerCase()}.csv`, year, owner: district,
        groupSet: { code: `${district.toLowerCase()}-xa-${year}`, name: `Nhóm xếp hạng Chỉ số CCHC cấp xã ${place} ${year}` },
        group: { code: 'xa-thi-tran', name: `Các ${kinds} ${place}` },
        framework: 'communes',
      }, units, communes, { low: 0.67, spread: 0.28 });
    }
  }
  return { manifest, files };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { manifest, files } = generate();
  for (const [file, table] of files) {
    mkdirSync(path.dirname(path.join(here, file)), { recursive: true });
    writeFileSync(path.join(here, file), await writeTable('csv', table.header, table.rows));
  }
  const note = 'DỮ LIỆU MINH HỌA: kết quả Chỉ số CCHC đã công bố của tỉnh mẫu năm 2023, 2024, do generate.ts sinh (cố định theo hạt giống), không phải số liệu chính thức.';
  writeFileSync(path.join(here, 'manifest.json'), `${JSON.stringify({ formatVersion: 1, note, files: manifest }, null, 2)}\n`);
  console.log(`${files.size} tệp, ${manifest.reduce((s, m) => s + m.units, 0)} dòng kết quả`);
}
