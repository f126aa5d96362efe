/**
 * The public site (issue 11 §7): a unit's published results over the years, and the open data of a
 * published group — every unit's figures and field figures as published, under stable machine
 * column names, with a method note (how the index is computed, rounding, the source snapshot, its
 * decision and SHA-256, the licence). Published snapshots only; public like the results themselves.
 */
import { formatDecimalVi } from '@chiso/core';
import type { OpenData, OpenDataMethod, UnitPublishedResults } from '@chiso/contract';
import type { Executor } from '../../db/client';
import { findUnitsForHistory, listPublishedResultsOfUnits } from '../../db/repositories/history-repository';
import {
  findSnapshotMethodFacts, listCycleOwners, listUnitFieldRows, type CycleOwnerRow,
} from '../../db/repositories/open-data-repository';
import { findSnapshotHead, readSnapshotBody } from '../../db/repositories/result-repository';
import { writeTable } from '../../files/tabular';
import { notFound } from '../errors';
import { snapshotHash } from '../integrity/snapshot-hash';
import { slug } from './results';
import { indexText, pointsText, presentSnapshot } from './snapshot';
import { localDate } from '../../auth/clock';
import { showDay } from '../units/dates';

/** The licence the open data is published under. */
export const OPEN_DATA_LICENCE = { name: 'Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)', url: 'https://creativecommons.org/licenses/by/4.0/deed.vi' } as const;

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, 'vi', { numeric: true });

/** Every published result of a unit, newest year first, with its field figures (GET /api/public/units/:unitId/results). */
export async function unitPublishedResults(db: Executor, unitId: string): Promise<UnitPublishedResults> {
  const [unit] = await findUnitsForHistory(db, [unitId]);
  if (!unit) throw notFound('đơn vị');
  const published = await listPublishedResultsOfUnits(db, [unitId], { figures: true });
  const fieldRows = await listUnitFieldRows(db, unitId, published.map((r) => r.snapshotId));
  return {
    unit,
    results: published.map((r) => ({
      cycleId: r.cycleId, cycleName: r.cycleName, year: r.year, program: { code: r.programCode, name: r.programName },
      owner: r.ownerId ? { id: r.ownerId, code: r.ownerCode!, name: r.ownerName!, validTo: r.ownerValidTo } : null,
      groupId: r.groupId, groupName: r.groupName, number: r.number, decisionNumber: r.decisionNumber, publishedAt: r.publishedAt.toISOString(),
      unitCode: r.unitCode, unitName: r.unitName,
      achieved: pointsText(r.achieved), bonus: pointsText(r.bonus), applicableMax: pointsText(r.applicableMax),
      index: indexText(r.indexValue, r.indexDecimals), rank: r.rank, rankedUnits: r.rankedUnits, classLabel: r.classLabel,
      fields: fieldRows
        .filter((f) => f.snapshotId === r.snapshotId)
        .map((f) => ({
          fieldKey: f.fieldKey, code: f.fieldCode, name: f.fieldName, achieved: pointsText(f.achieved), applicableMax: pointsText(f.applicableMax),
          componentIndex: f.componentIndex === null ? null : indexText(f.componentIndex, r.indexDecimals),
        }))
        .sort(byCode),
    })),
  };
}

/** The organiser of each cycle (absent: the province's). */
export async function cycleOwners(db: Executor, cycleIds: readonly string[]): Promise<Map<string, Omit<CycleOwnerRow, 'cycleId'>>> {
  const owners = await listCycleOwners(db, [...new Set(cycleIds)]);
  return new Map(owners.map(({ cycleId, ...owner }) => [cycleId, owner]));
}

/** A field key as part of a column name: lower-case letters, digits and underscores. */
const columnPart = (key: string) => key.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'field';

interface Settings {
  rounding?: { indexDecimals?: number; mode?: string };
  bonus?: { countsInIndex?: boolean };
  ranking?: { basis?: string; tieBreaks?: readonly { kind: string; fieldKey?: string }[] };
  classification?: { bands?: { label: string; minPercent: string | number }[] };
}

/** The open data of a published group: the latest snapshot, or the given number. */
export async function groupOpenData(db: Executor, cycleId: string, groupId: string, number?: number): Promise<OpenData> {
  const head = await findSnapshotHead(db, cycleId, groupId, number);
  if (!head) throw notFound(number === undefined ? 'kết quả đã công bố của nhóm này' : `kết quả công bố lần ${number} của nhóm này`);
  const view = presentSnapshot(head, await readSnapshotBody(db, head.id));
  const facts = await findSnapshotMethodFacts(db, head.id);
  if (!facts) throw notFound('kết quả đã công bố của nhóm này');
  const owner = (await cycleOwners(db, [cycleId])).get(cycleId) ?? null;
  const hash = await snapshotHash(db, head.id);

  const fieldMap = new Map<string, { key: string; code: string; name: string }>();
  for (const row of view.rows) for (const f of row.fields) if (!fieldMap.has(f.fieldKey)) fieldMap.set(f.fieldKey, { key: f.fieldKey, code: f.code, name: f.name });
  const fields = [...fieldMap.values()].sort(byCode);
  const fieldNames = new Map(fields.map((f) => [f.key, `${f.code}. ${f.name}`]));
  const settings = (facts.settings ?? null) as Settings | null;
  const imported = facts.imported || settings === null;

  const columns = [
    { name: 'unit_id', description: 'Mã định danh của đơn vị trong hệ thống (không đổi qua các năm)' },
    { name: 'unit_code', description: 'Mã đơn vị khi công bố' },
    { name: 'unit_name', description: 'Tên đơn vị khi công bố' },
    { name: 'rank', description: imported ? 'Xếp hạng trong nhóm (1 là cao nhất), như đã công bố' : `Xếp hạng trong nhóm (1 là cao nhất; ${tiesText(settings, fieldNames)})` },
    { name: 'ranked_units', description: 'Số đơn vị được xếp hạng trong nhóm' },
    { name: 'index', description: 'Chỉ số CCHC (%), như đã công bố' },
    { name: 'class_label', description: 'Xếp loại' },
    { name: 'achieved', description: 'Tổng điểm đạt' },
    { name: 'bonus', description: 'Điểm thưởng' },
    { name: 'applicable_max', description: 'Tổng điểm tối đa của các tiêu chí được áp dụng' },
    ...fields.flatMap((f) => {
      const p = `field_${columnPart(f.key)}`;
      return [
        { name: `${p}_achieved`, description: `Lĩnh vực ${f.code}. ${f.name}: điểm đạt` },
        { name: `${p}_applicable_max`, description: `Lĩnh vực ${f.code}. ${f.name}: điểm tối đa được áp dụng` },
        { name: `${p}_index`, description: `Lĩnh vực ${f.code}. ${f.name}: chỉ số thành phần (%)` },
      ];
    }),
  ];

  const rankedUnits = view.rows.length;
  const units = view.rows.map((r) => ({
    unit_id: r.unitId, unit_code: r.unitCode, unit_name: r.unitName,
    rank: r.rank, ranked_units: rankedUnits, index: r.index, class_label: r.classLabel,
    achieved: r.achieved, bonus: r.bonus, applicable_max: r.applicableMax,
    fields: r.fields.slice().sort(byCode).map((f) => ({
      field_key: f.fieldKey, field_code: f.code, field_name: f.name, achieved: f.achieved, applicable_max: f.applicableMax, component_index: f.componentIndex,
    })),
  }));

  const bands = (settings?.classification?.bands ?? []).map((b) => ({ label: b.label, minPercent: String(b.minPercent) }));
  const base = {
    program: { code: facts.programCode, name: facts.programName },
    year: facts.year,
    cycle: { id: cycleId, name: facts.cycleName },
    owner,
    group: { id: groupId, name: view.groupName },
  };
  const methodFacts: Omit<OpenDataMethod, 'text'> = {
    formula: imported ? IMPORTED_FORMULA : formulaText(settings?.bonus?.countsInIndex === true),
    // An imported year's rounding is not known: its indexes are as published, at the decimals they were published with.
    rounding: { indexDecimals: head.indexDecimals, mode: imported ? 'as_published' : settings?.rounding?.mode ?? 'half_up' },
    bonusCountsInIndex: imported ? null : settings?.bonus?.countsInIndex ?? null,
    classes: imported ? [] : bands,
    source: {
      snapshotNumber: view.number, decisionNumber: view.decisionNumber, publishedAt: view.createdAt,
      amendmentReason: view.number > 1 ? view.reason : null, sha256: hash, imported,
    },
    licence: { ...OPEN_DATA_LICENCE },
  };
  const ranking = imported ? null : rankingText(settings, fieldNames);
  return { ...base, fields, columns, units, method: { ...methodFacts, text: methodNote(base, methodFacts, columns, ranking, fields.length > 0) } };
}

const IMPORTED_FORMULA = 'Điểm, chỉ số, xếp hạng và xếp loại đúng như bản công bố của cơ quan ban hành quyết định công bố; hệ thống không tính lại.';

const formulaText = (bonusCounts: boolean) =>
  `Chỉ số = ${bonusCounts ? '(Điểm đạt + Điểm thưởng)' : 'Điểm đạt'} ÷ Tổng điểm tối đa của các tiêu chí được áp dụng × 100 (%); chỉ số thành phần của lĩnh vực tính tương tự trên các tiêu chí của lĩnh vực.`;

/** Half of the last kept decimal and what it rounds to: 2 → "0,005 thành 0,01", 0 → "0,5 thành 1". */
const halfUpExample = (decimals: number) => `0,${'0'.repeat(decimals)}5 thành ${decimals === 0 ? '1' : `0,${'0'.repeat(decimals - 1)}1`}`;

const roundingText = (m: Omit<OpenDataMethod, 'text'>) =>
  m.rounding.mode === 'half_up'
    ? `- Chỉ số được làm tròn ${m.rounding.indexDecimals} chữ số thập phân, làm tròn nửa lên (${halfUpExample(m.rounding.indexDecimals)}).`
    : `- Chỉ số được làm tròn ${m.rounding.indexDecimals} chữ số thập phân (cách làm tròn: ${m.rounding.mode}).`;

const tieBreakText = (t: { kind: string; fieldKey?: string }, fieldNames: ReadonlyMap<string, string>) =>
  t.kind === 'achieved_points' ? 'tổng điểm đạt cao hơn'
    : t.kind === 'applicable_max' ? 'tổng điểm tối đa được áp dụng lớn hơn'
      : `chỉ số thành phần lĩnh vực ${fieldNames.get(t.fieldKey ?? '') ?? t.fieldKey} cao hơn`;

/** What equal indexes get, from the framework's tie-breaks. */
function tiesText(settings: Settings | null, fieldNames: ReadonlyMap<string, string>): string {
  const breaks = settings?.ranking?.tieBreaks ?? [];
  if (breaks.length === 0) return 'chỉ số bằng nhau cùng hạng';
  return `chỉ số bằng nhau thì đơn vị có ${breaks.map((t) => tieBreakText(t, fieldNames)).join(', rồi ')} xếp trên; bằng nhau cả các tiêu chí này thì cùng hạng`;
}

/** The ranking line from the framework's ranking basis and tie-breaks. */
function rankingText(settings: Settings | null, fieldNames: ReadonlyMap<string, string>): string {
  const basis = settings?.ranking?.basis === 'exact' ? 'chỉ số chính xác (chưa làm tròn)' : 'chỉ số đã làm tròn như công bố';
  return `- Xếp hạng theo ${basis} trong nhóm, cao nhất hạng 1; ${tiesText(settings, fieldNames)}.`;
}

/** The method note as plain text (UTF-8), beside the CSV and inside the JSON. */
function methodNote(
  data: Pick<OpenData, 'program' | 'year' | 'cycle' | 'owner' | 'group'>,
  m: Omit<OpenDataMethod, 'text'>,
  columns: OpenData['columns'],
  ranking: string | null,
  hasFields: boolean,
): string {
  const s = m.source;
  const lines = [
    `GHI CHÚ PHƯƠNG PHÁP — DỮ LIỆU MỞ`,
    `${data.program.name} năm ${data.year} — ${data.group.name}`,
    `Kỳ đánh giá: ${data.cycle.name}${data.owner ? ` (đơn vị tổ chức: ${data.owner.name})` : ''}`,
    '',
    '1. Nguồn số liệu',
    `- Bản công bố số ${s.snapshotNumber}${s.snapshotNumber > 1 ? ' (đính chính)' : ''}, ngày ${formatDay(s.publishedAt)}${s.decisionNumber ? `, Quyết định số ${s.decisionNumber}` : ''}.`,
    ...(s.amendmentReason ? [`- Lý do đính chính: ${s.amendmentReason}`] : []),
    ...(s.imported ? ['- Kết quả này được nhập vào hệ thống từ tệp kết quả đã công bố; số liệu giữ đúng như bản công bố gốc.'] : []),
    s.sha256
      ? `- Mã kiểm tra SHA-256 của bản công bố: ${s.sha256}. Tải tệp kiểm tra (…/snapshot.json) và tính SHA-256 của tệp: kết quả phải trùng mã này.`
      : '- Bản công bố này không có mã kiểm tra.',
    '',
    '2. Cách tính',
    ...(s.imported ? importedMethod(s.decisionNumber, m.rounding.indexDecimals, hasFields) : [
      `- ${m.formula}`,
      ...(m.bonusCountsInIndex === true ? ['- Điểm thưởng được cộng vào chỉ số (chỉ số có thể vượt 100).'] : m.bonusCountsInIndex === false ? ['- Điểm thưởng không cộng vào chỉ số.'] : []),
      roundingText(m),
      ...(ranking ? [ranking] : []),
      ...(m.classes.length > 0 ? [`- Xếp loại theo chỉ số: ${m.classes.map((c) => `${c.label} từ ${formatDecimalVi(c.minPercent)}%`).join('; ')}.`] : []),
    ]),
    '',
    '3. Định dạng',
    '- CSV mã UTF-8 có BOM (mở trực tiếp bằng Excel), dấu phẩy phân cách cột; số thập phân viết với dấu chấm (73.79), đúng như số liệu đã công bố. Ô văn bản bắt đầu bằng =, +, - hoặc @ được thêm dấu nháy đơn phía trước để bảng tính không coi là công thức.',
    '- JSON: cùng số liệu, mỗi đơn vị kèm danh sách lĩnh vực; mục "method" là ghi chú này.',
    '- Các cột:',
    ...columns.map((c) => `  ${c.name}: ${c.description}`),
    '',
    '4. Giấy phép',
    `- ${m.licence.name} — ${m.licence.url}. Được tự do sử dụng, chia sẻ, chỉnh sửa, kể cả cho mục đích thương mại, với điều kiện ghi rõ nguồn.`,
  ];
  return `${lines.join('\n')}\n`;
}

/** An imported year: only what is known — the figures as the decision published them; the field indexes chiso worked out. */
const importedMethod = (decisionNumber: string | null, decimals: number, hasFields: boolean): string[] => [
  `- Điểm, chỉ số, xếp hạng và xếp loại đúng như công bố tại ${decisionNumber ? `Quyết định số ${decisionNumber}` : 'quyết định công bố kết quả'}; hệ thống không tính lại, cách tính, cách làm tròn và cách xếp hạng khi bằng chỉ số là của bản công bố đó.`,
  `- Chỉ số ghi ${decimals} chữ số thập phân như bản công bố.`,
  ...(hasFields ? [`- Chỉ số thành phần của lĩnh vực do hệ thống tính từ điểm lĩnh vực đã công bố: điểm đạt ÷ điểm tối đa của lĩnh vực × 100, làm tròn nửa lên ${decimals} chữ số thập phân.`] : []),
];

/** "2025-01-15T03:00:00Z" → "15/01/2025" (Asia/Ho_Chi_Minh). */
const formatDay = (iso: string) => showDay(localDate(new Date(iso)));

/** The open data as CSV (UTF-8 with BOM; formula-like text escaped by the project's writer). */
export async function openDataCsv(data: OpenData): Promise<Buffer> {
  const header = data.columns.map((c) => c.name);
  const rows = data.units.map((u) => {
    const byKey = new Map(u.fields.map((f) => [f.field_key, f]));
    return [
      u.unit_id, u.unit_code, u.unit_name, u.rank, u.ranked_units, u.index, u.class_label, u.achieved, u.bonus, u.applicable_max,
      ...data.fields.flatMap((f) => {
        const v = byKey.get(f.key);
        return [v?.achieved ?? null, v?.applicable_max ?? null, v?.component_index ?? null];
      }),
    ];
  });
  return writeTable('csv', header, rows);
}

/** File name stem of a group's open data: "du-lieu-mo-2024-xa-thi-tran-lan-1". */
export function openDataFileStem(data: OpenData): string {
  return `du-lieu-mo-${data.year}-${slug(data.group.name)}-lan-${data.method.source.snapshotNumber}`;
}
