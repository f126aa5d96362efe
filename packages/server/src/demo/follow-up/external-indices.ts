/**
 * Demo external indices (issue 12 §4), ILLUSTRATIVE — DỮ LIỆU MINH HỌA, not published figures: the
 * six indices with their editions (PAPI's 8 dimensions, PCI's 10 sub-indices, SIPAS's 5 elements,
 * PAR INDEX's 8 fields — maxima changed in 2022 —, DTI's pillars from its first year 2020, the 766
 * index's 5 groups), the province's values 2019–2024 ranked among 63 (PAPI 2023: 21/63, down 0,37
 * points and 8 places), 766 monthly in 2024 for the province and a few departments, and a few links
 * of components to units and criteria. Idempotent: an index already there is left as it is.
 */
import { parseDecimal, rationalFromDecimal, rationalToFixedString, sumRational, unitsToPlain } from '@chiso/core';
import type { Database } from '../../db/client';
import { insertEdition, insertExternalIndexIfAbsent, insertLink, insertValue, type ExternalComponentDef } from '../../db/repositories/external-index-repository';
import { findUnitsByCodes } from '../../db/repositories/unit-repository';

const SAMPLE = 'Dữ liệu minh họa';
const INDEX_SOURCE = 'DỮ LIỆU MINH HỌA — không phải số liệu đã công bố';
const PROVINCES = 63;

/** Exact sum of decimal strings, two decimals. */
const sum = (values: readonly string[]) => rationalToFixedString(sumRational(values.map((v) => rationalFromDecimal(parseDecimal(v)!))), 2);
/** A base figure moved by whole hundredths (exact). */
const shifted = (base: string, hundredths: number) => {
  const d = parseDecimal(base)!;
  return unitsToPlain(d.units * 10n ** BigInt(2 - d.scale) + BigInt(hundredths), 2);
};
const defs = (names: readonly string[], keys: readonly string[], maxima: readonly (string | null)[]): ExternalComponentDef[] =>
  names.map((name, i) => ({ key: keys[i]!, name, maxPoints: maxima[i] ?? null }));
const byKey = (keys: readonly string[], values: readonly string[]) => Object.fromEntries(keys.map((k, i) => [k, values[i]!]));

interface DemoIndex {
  key: string;
  label: string;
  name: string;
  publisher: string;
  periodicity: 'year' | 'month';
  subjects: 'province' | 'province_and_units';
  valueUnit: string;
  editions: { year: number; components: ExternalComponentDef[]; maxValue: string | null; rankOf: number | null; note?: string }[];
  values: { period: string; unitCode?: string; value: string; rank: number | null; groupLabel?: string; components: Record<string, string> }[];
  links: ({ componentKey: string; unitCode: string; note?: string } | { componentKey: string; programCode: string; nodeKey: string; label: string; note?: string })[];
}

const years = [2019, 2020, 2021, 2022, 2023, 2024];

function papi(): DemoIndex {
  const keys = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8'];
  const names = [
    'Tham gia của người dân ở cấp cơ sở', 'Công khai, minh bạch trong việc ra quyết định ở địa phương', 'Trách nhiệm giải trình với người dân',
    'Kiểm soát tham nhũng trong khu vực công', 'Thủ tục hành chính công', 'Cung ứng dịch vụ công', 'Quản trị môi trường', 'Quản trị điện tử',
  ];
  const dims: Record<number, string[]> = {
    2019: ['4.98', '5.02', '4.55', '6.52', '7.20', '6.95', '3.40', '1.62'],
    2020: ['5.06', '5.15', '4.61', '6.60', '7.31', '7.10', '3.61', '1.98'],
    2021: ['5.10', '5.33', '4.75', '6.74', '7.38', '7.22', '3.80', '2.31'],
    2022: ['5.12', '5.40', '4.80', '6.70', '7.45', '7.30', '3.92', '2.55'],
    2023: ['5.05', '5.31', '4.72', '6.66', '7.41', '7.28', '3.85', '2.59'],
    2024: ['5.18', '5.42', '4.83', '6.79', '7.50', '7.35', '3.98', '2.78'],
  };
  const ranks: Record<number, number> = { 2019: 28, 2020: 22, 2021: 17, 2022: 13, 2023: 21, 2024: 16 };
  return {
    key: 'PAPI', label: 'PAPI', name: 'Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh', publisher: 'UNDP và các đối tác', periodicity: 'year', subjects: 'province', valueUnit: 'điểm',
    editions: years.map((year) => ({ year, components: defs(names, keys, keys.map(() => '10')), maxValue: '80', rankOf: PROVINCES })),
    // The total is the sum of the eight dimensions.
    values: years.map((y) => ({ period: String(y), value: sum(dims[y]!), rank: ranks[y]!, components: byKey(keys, dims[y]!) })),
    links: [
      { componentKey: 'P5', unitCode: 'VPUBND-TTPVHCC', note: 'Trung tâm Phục vụ hành chính công tiếp nhận, trả kết quả TTHC' },
      { componentKey: 'P5', programCode: 'par-index', nodeKey: 'cai-cach-thu-tuc-hanh-chinh', label: '3. Cải cách thủ tục hành chính' },
      { componentKey: 'P8', unitCode: 'STTTT' },
      { componentKey: 'P8', programCode: 'par-index', nodeKey: 'xay-dung-va-phat-trien-chinh', label: '7. Xây dựng và phát triển chính quyền điện tử, chính quyền số' },
      { componentKey: 'P4', unitCode: 'TTT' },
    ],
  };
}

function parIndex(): DemoIndex {
  const keys = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8'];
  const names = [
    'Công tác chỉ đạo, điều hành cải cách hành chính', 'Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật', 'Cải cách thủ tục hành chính',
    'Cải cách tổ chức bộ máy hành chính nhà nước', 'Cải cách chế độ công vụ', 'Cải cách tài chính công', 'Xây dựng, phát triển Chính phủ điện tử, Chính phủ số',
    'Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội',
  ];
  const before2022 = ['10.5', '9.5', '13', '9.5', '13.5', '8.5', '9.5', '26'];
  const from2022 = ['9', '7.5', '12.5', '7.5', '13', '7.5', '12', '31'];
  const fields: Record<number, string[]> = {
    2019: ['9.10', '8.20', '11.05', '8.40', '11.20', '7.10', '7.25', '18.60'],
    2020: ['9.30', '8.45', '11.40', '8.55', '11.65', '7.35', '7.80', '19.30'],
    2021: ['9.55', '8.60', '11.80', '8.70', '12.05', '7.50', '8.20', '20.15'],
    2022: ['8.20', '6.70', '11.10', '6.80', '11.75', '6.65', '9.40', '23.80'],
    2023: ['8.35', '6.85', '11.35', '6.95', '12.00', '6.80', '9.95', '24.60'],
    2024: ['8.50', '6.95', '11.60', '7.05', '12.20', '6.90', '10.45', '25.35'],
  };
  const ranks: Record<number, number> = { 2019: 41, 2020: 35, 2021: 30, 2022: 33, 2023: 27, 2024: 22 };
  return {
    key: 'PAR_INDEX', label: 'PAR INDEX', name: 'Chỉ số cải cách hành chính của tỉnh', publisher: 'Bộ Nội vụ', periodicity: 'year', subjects: 'province', valueUnit: '%',
    editions: years.map((year) => ({
      year, components: defs(names, keys, year < 2022 ? before2022 : from2022), maxValue: '100', rankOf: PROVINCES,
      ...(year === 2022 ? { note: 'Phương pháp đánh giá sửa đổi: điểm tối đa các lĩnh vực thay đổi' } : {}),
    })),
    values: years.map((y) => ({ period: String(y), value: sum(fields[y]!), rank: ranks[y]!, components: byKey(keys, fields[y]!) })),
    links: [
      { componentKey: 'L3', unitCode: 'VPUBND' },
      { componentKey: 'L5', unitCode: 'SNV' },
      { componentKey: 'L2', unitCode: 'STP', note: 'Sở Tư pháp tham mưu xây dựng và kiểm tra văn bản QPPL' },
      { componentKey: 'L2', programCode: 'par-index', nodeKey: 'cai-cach-the-che-tham-muu', label: '2. Cải cách thể chế (tham mưu xây dựng và tổ chức thực hiện VBQPPL)' },
    ],
  };
}

/** An index whose components move by small steps each year from a base (values illustrative). */
function stepped(keys: readonly string[], base: readonly string[], step: readonly number[], yearIndex: number) {
  return keys.map((_, i) => shifted(base[i]!, step[i]! * yearIndex + ((i + yearIndex) % 3) * 7 - 7));
}

function sipas(): DemoIndex {
  const keys = ['tiep-can', 'thu-tuc', 'cong-chuc', 'ket-qua', 'gop-y'];
  const names = ['Tiếp cận dịch vụ', 'Thủ tục hành chính', 'Công chức trực tiếp giải quyết công việc', 'Kết quả cung ứng dịch vụ', 'Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị'];
  const overall: Record<number, [string, number]> = { 2019: ['82.45', 45], 2020: ['84.12', 40], 2021: ['85.60', 37], 2022: ['84.95', 42], 2023: ['86.30', 34], 2024: ['87.75', 29] };
  return {
    key: 'SIPAS', label: 'SIPAS', name: 'Chỉ số hài lòng về sự phục vụ hành chính', publisher: 'Bộ Nội vụ', periodicity: 'year', subjects: 'province', valueUnit: '%',
    editions: years.map((year) => ({ year, components: defs(names, keys, keys.map(() => '100')), maxValue: '100', rankOf: PROVINCES })),
    values: years.map((y, i) => ({ period: String(y), value: overall[y]![0], rank: overall[y]![1], components: byKey(keys, stepped(keys, ['83.10', '81.90', '84.20', '82.60', '78.45'], [110, 95, 80, 105, 150], i)) })),
    links: [{ componentKey: 'thu-tuc', unitCode: 'VPUBND-TTPVHCC' }],
  };
}

function pci(): DemoIndex {
  const keys = ['gia-nhap', 'dat-dai', 'minh-bach', 'thoi-gian', 'khong-chinh-thuc', 'binh-dang', 'nang-dong', 'ho-tro-dn', 'lao-dong', 'thiet-che'];
  const names = [
    'Chi phí gia nhập thị trường', 'Tiếp cận đất đai và sự ổn định trong sử dụng đất', 'Tính minh bạch và tiếp cận thông tin',
    'Chi phí thời gian để thực hiện các quy định của Nhà nước', 'Chi phí không chính thức', 'Cạnh tranh bình đẳng', 'Tính năng động và tiên phong của lãnh đạo tỉnh',
    'Dịch vụ hỗ trợ doanh nghiệp', 'Đào tạo lao động', 'Thiết chế pháp lý và an ninh trật tự',
  ];
  const overall: Record<number, [string, number, string]> = {
    2019: ['62.15', 45, 'Nhóm trung bình'], 2020: ['63.40', 41, 'Nhóm trung bình'], 2021: ['64.05', 38, 'Nhóm khá'],
    2022: ['64.80', 33, 'Nhóm khá'], 2023: ['65.92', 30, 'Nhóm khá'], 2024: ['66.35', 28, 'Nhóm khá'],
  };
  return {
    key: 'PCI', label: 'PCI', name: 'Chỉ số Năng lực cạnh tranh cấp tỉnh', publisher: 'Liên đoàn Thương mại và Công nghiệp Việt Nam (VCCI)', periodicity: 'year', subjects: 'province', valueUnit: 'điểm',
    editions: years.map((year) => ({ year, components: defs(names, keys, keys.map(() => '10')), maxValue: '100', rankOf: PROVINCES })),
    values: years.map((y, i) => ({
      period: String(y), value: overall[y]![0], rank: overall[y]![1], groupLabel: overall[y]![2],
      components: byKey(keys, stepped(keys, ['6.85', '6.10', '5.95', '6.40', '5.70', '5.80', '5.55', '5.90', '5.65', '6.05'], [8, 6, 9, 7, 10, 5, 11, 6, 7, 8], i)),
    })),
    links: [{ componentKey: 'nang-dong', unitCode: 'VPUBND' }, { componentKey: 'thiet-che', unitCode: 'STP' }],
  };
}

function dti(): DemoIndex {
  const keys = ['nhan-thuc', 'the-che', 'ha-tang', 'nhan-luc', 'an-toan', 'chinh-quyen-so', 'kinh-te-so', 'xa-hoi-so'];
  const names = [
    'Chuyển đổi nhận thức', 'Kiến tạo thể chế', 'Phát triển hạ tầng và nền tảng số', 'Phát triển nhân lực số', 'An toàn thông tin mạng',
    'Hoạt động chính quyền số', 'Hoạt động kinh tế số', 'Hoạt động xã hội số',
  ];
  const dtiYears = years.filter((y) => y >= 2020); // the provinces' DTI was first assessed for 2020
  const overall: Record<number, [string, number]> = { 2020: ['412.30', 48], 2021: ['455.10', 41], 2022: ['498.75', 36], 2023: ['521.40', 39], 2024: ['566.85', 31] };
  return {
    key: 'DTI', label: 'DTI', name: 'Chỉ số chuyển đổi số cấp tỉnh', publisher: 'Bộ Thông tin và Truyền thông (nay Bộ Khoa học và Công nghệ)', periodicity: 'year', subjects: 'province', valueUnit: 'điểm',
    editions: dtiYears.map((year) => ({ year, components: defs(names, keys, keys.map(() => '1')), maxValue: '1000', rankOf: PROVINCES })),
    values: dtiYears.map((y, i) => ({
      period: String(y), value: overall[y]![0], rank: overall[y]![1],
      components: byKey(keys, stepped(keys, ['0.52', '0.41', '0.38', '0.35', '0.44', '0.40', '0.29', '0.33'], [4, 5, 6, 3, 4, 5, 3, 4], i)),
    })),
    links: [{ componentKey: 'chinh-quyen-so', unitCode: 'STTTT' }],
  };
}

function service766(): DemoIndex {
  const keys = ['cong-khai', 'tien-do', 'truc-tuyen', 'hai-long', 'so-hoa'];
  const names = [
    'Công khai, minh bạch', 'Tiến độ, kết quả giải quyết hồ sơ', 'Cung cấp dịch vụ trực tuyến', 'Mức độ hài lòng trong thực hiện TTHC, dịch vụ công',
    'Số hóa hồ sơ, kết quả giải quyết TTHC',
  ];
  const subjects: { unitCode?: string; base: string[]; rank: (m: number) => number | null }[] = [
    { base: ['15.20', '17.10', '13.40', '16.80', '14.30'], rank: (m) => 30 - m },
    { unitCode: 'SNV', base: ['16.10', '18.20', '14.80', '17.20', '15.60'], rank: () => null },
    { unitCode: 'STP', base: ['15.80', '17.90', '12.60', '17.40', '13.90'], rank: () => null },
    { unitCode: 'SYT', base: ['14.90', '16.40', '11.80', '16.20', '12.70'], rank: () => null },
    { unitCode: 'SXD', base: ['14.40', '16.10', '13.10', '16.50', '13.20'], rank: () => null },
  ];
  const values = subjects.flatMap((s) => Array.from({ length: 12 }, (_, m) => {
    const components = keys.map((_, i) => shifted(s.base[i]!, m * (2 + (i % 3)) + ((m + i) % 4) * 3));
    return { period: `2024-${String(m + 1).padStart(2, '0')}`, unitCode: s.unitCode, value: sum(components), rank: s.rank(m), components: byKey(keys, components) };
  }));
  return {
    key: 'SERVICE_766', label: 'Chỉ số 766', name: 'Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)',
    publisher: 'Văn phòng Chính phủ (Cổng Dịch vụ công quốc gia)', periodicity: 'month', subjects: 'province_and_units', valueUnit: 'điểm',
    editions: [{ year: 2024, components: defs(names, keys, ['18', '20', '22', '18', '22']), maxValue: '100', rankOf: PROVINCES }],
    values,
    links: [
      { componentKey: 'so-hoa', programCode: 'par-index', nodeKey: 'so-hoa-ho-so-ket-qua', label: '3.6. Số hóa hồ sơ, kết quả giải quyết TTHC' },
      { componentKey: 'truc-tuyen', unitCode: 'STTTT' },
    ],
  };
}

export const DEMO_EXTERNAL_INDICES = (): DemoIndex[] => [parIndex(), sipas(), papi(), pci(), dti(), service766()];

/** Issue 12 demo part (sample data, marked as such). Idempotent. */
export async function loadDemoExternalIndices(db: Database): Promise<{ lines: string[] }> {
  const indices = DEMO_EXTERNAL_INDICES();
  const codes = [...new Set(indices.flatMap((i) => [...i.values.map((v) => v.unitCode), ...i.links.map((l) => ('unitCode' in l ? l.unitCode : undefined))]).filter((c): c is string => !!c))];
  const unitIds = new Map((await findUnitsByCodes(db, codes)).map((u) => [u.code, u.id]));
  let loaded = 0;
  await db.transaction(async (tx) => {
    for (const [sortOrder, index] of indices.entries()) {
      const created = await insertExternalIndexIfAbsent(tx, {
        key: index.key, label: index.label, name: index.name, publisher: index.publisher, periodicity: index.periodicity, subjects: index.subjects,
        valueUnit: index.valueUnit, source: INDEX_SOURCE, sortOrder,
      });
      if (!created) continue;
      loaded += 1;
      for (const e of index.editions) await insertEdition(tx, { indexKey: index.key, year: e.year, components: e.components, maxValue: e.maxValue, rankOf: e.rankOf, note: e.note ?? null });
      for (const v of index.values) {
        const unitId = v.unitCode ? unitIds.get(v.unitCode) : null;
        if (unitId === undefined) continue;
        await insertValue(tx, {
          indexKey: index.key, period: v.period, year: Number(v.period.slice(0, 4)), unitId, value: v.value, rank: v.rank, rankOf: v.rank === null ? null : PROVINCES,
          groupLabel: v.groupLabel ?? null, components: v.components, source: SAMPLE,
        });
      }
      for (const l of index.links) {
        if ('unitCode' in l) {
          const unitId = unitIds.get(l.unitCode);
          if (unitId) await insertLink(tx, { indexKey: index.key, componentKey: l.componentKey, kind: 'unit', unitId, note: l.note ?? null });
        } else await insertLink(tx, { indexKey: index.key, componentKey: l.componentKey, kind: 'criterion', programCode: l.programCode, nodeKey: l.nodeKey, label: l.label, note: l.note ?? null });
      }
    }
  });
  return { lines: loaded ? [`Chỉ số bên ngoài (dữ liệu minh họa): ${loaded} chỉ số, giá trị 2019–2024, Chỉ số 766 theo tháng năm 2024`] : [] };
}
