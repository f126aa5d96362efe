/**
 * The demo's conclusion notice (issue 12 §1, DỮ LIỆU MINH HỌA), modelled on a district's 2021 notice
 * on its PAR index results; the demo's districts ended in 2025, so it is the province's: the
 * Chairman's conclusions on the 2024 index (issued February 2025), with tasks for eight departments
 * and the communes. Played through the services as people do it: the administrator records the
 * notice and assigns the tasks, the units report (Sở Tư pháp's done report carries a document, which
 * the open 2025 cycle offers on criterion 2.2). Some tasks are done, some under way, two overdue
 * (linked to criteria 1.1.2 and 3.6, so the mid-year risk of the open cycle names them).
 * Idempotent: an existing notice with this number and year is kept.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Database } from '../../db/client';
import { findFrameworkByIdentity, findLatestVersion } from '../../db/repositories/framework-repository';
import { insertEvidenceDocument, upsertEvidenceFile } from '../../db/repositories/evidence-repository';
import { listNotices } from '../../db/repositories/follow-up-task-repository';
import type { Actor } from '../../services/actor';
import { recordAudit } from '../../services/audit';
import { commandContext } from '../../services/context';
import { createNotice } from '../../services/follow-up/notices';
import { createTask } from '../../services/follow-up/tasks';
import { reportTask } from '../../services/follow-up/task-evidence';
import { openEvidenceStore, type EvidenceStoreSettings } from '../../storage/evidence-store';
import { demoActor, unitIdsOf } from '../levels/shared';

export const DEMO_NOTICE_NUMBER = '45/TB-UBND';
const YEAR = 2024;
const DAY_MS = 86_400_000;

const at = (day: string) => () => new Date(`${day}T09:00:00+07:00`);
/** A deadline `days` after today (Vietnam's date), so the demo keeps tasks under way whenever it is loaded. */
const fromToday = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);

interface DemoTask {
  unit: string;
  cooperating?: string[];
  title: string;
  deadline: string;
  /** Criteria of the 2025 departments framework (node keys). */
  criteria?: string[];
  /** Reports in order: [account, day, status, text]. */
  reports?: [string, string, 'in_progress' | 'done', string][];
}

const TASKS: DemoTask[] = [
  {
    unit: 'SNV',
    title: 'Sở Nội vụ tham mưu UBND tỉnh ban hành Kế hoạch CCHC năm 2025 và kế hoạch kiểm tra CCHC; hướng dẫn các cơ quan, đơn vị khắc phục hạn chế của Chỉ số CCHC năm 2024.',
    deadline: '2025-03-31',
    criteria: ['ban-hanh-ke-hoach-cchc-nam'],
    reports: [['snv.canbo', '2025-03-20', 'done', 'Đã tham mưu ban hành Kế hoạch CCHC năm 2025 và Kế hoạch kiểm tra CCHC năm 2025.']],
  },
  {
    unit: 'STP',
    title: 'Sở Tư pháp chủ trì rà soát, hệ thống hóa văn bản quy phạm pháp luật; theo dõi thi hành pháp luật; khắc phục điểm thấp ở lĩnh vực cải cách thể chế.',
    deadline: '2025-06-30',
    criteria: ['ra-soat-he-thong-hoa-vbqppl'],
    reports: [
      ['stp.canbo', '2025-04-15', 'in_progress', 'Đã ban hành kế hoạch rà soát; đang rà soát văn bản thuộc các lĩnh vực.'],
      ['stp.canbo', '2025-06-20', 'done', 'Hoàn thành rà soát, hệ thống hóa VBQPPL; đã báo cáo UBND tỉnh (Báo cáo số 215/BC-STP).'],
    ],
  },
  {
    unit: 'VPUBND',
    cooperating: ['SKHCN'],
    title: 'Văn phòng UBND tỉnh chỉ đạo Trung tâm Phục vụ hành chính công nâng tỷ lệ hồ sơ TTHC giải quyết đúng hạn; công khai đầy đủ TTHC trên Cổng Dịch vụ công.',
    deadline: '2025-09-30',
    criteria: ['ty-le-ho-so-tthc-giai'],
    reports: [['vpubnd.canbo', '2025-09-25', 'done', 'Tỷ lệ hồ sơ giải quyết đúng hạn 9 tháng đạt 99,1%; 100% TTHC được công khai.']],
  },
  {
    unit: 'STC',
    title: 'Sở Tài chính hướng dẫn các cơ quan thực hiện dự toán, quy chế chi tiêu nội bộ; đẩy nhanh giải ngân vốn đầu tư công.',
    deadline: fromToday(60),
    reports: [['stc.canbo', '2025-08-15', 'in_progress', 'Đã hướng dẫn các cơ quan; tỷ lệ giải ngân đến 31/7/2025 đạt 48,6%.']],
  },
  {
    unit: 'SKHCN',
    cooperating: ['VPUBND'],
    title: 'Sở Khoa học và Công nghệ nâng tỷ lệ hồ sơ TTHC trực tuyến toàn trình; bảo đảm an toàn thông tin mạng.',
    deadline: fromToday(90),
    criteria: ['ty-le-ho-so-tthc-tiep'],
    reports: [['skhcn.canbo', '2025-09-10', 'in_progress', 'Đã tích hợp thêm 35 dịch vụ công trực tuyến toàn trình.']],
  },
  {
    unit: 'SYT',
    title: 'Sở Y tế khắc phục tình trạng hồ sơ TTHC trễ hạn trong lĩnh vực dược; thực hiện xin lỗi đối với 100% hồ sơ trễ hạn.',
    deadline: fromToday(45),
  },
  {
    unit: 'SCT',
    title: 'Sở Công Thương xây dựng kế hoạch khắc phục các tiêu chí bị mất điểm của Chỉ số CCHC năm 2024.',
    deadline: '2025-06-30',
    criteria: ['muc-do-hoan-thanh-ke-hoach'],
  },
  {
    unit: 'SXD',
    title: 'Sở Xây dựng số hóa hồ sơ, kết quả giải quyết TTHC lĩnh vực xây dựng theo quy định.',
    deadline: '2025-09-30',
    criteria: ['so-hoa-ho-so-ket-qua'],
    reports: [['sxd.canbo', '2025-08-01', 'in_progress', 'Đã số hóa 62% kết quả giải quyết TTHC.']],
  },
  {
    unit: 'X-THAT-KHE',
    cooperating: ['X-HUU-LUNG', 'X-DONG-DANG', 'P-DONG-KINH'],
    title: 'UBND các xã, phường khẩn trương xây dựng kế hoạch khắc phục những hạn chế, tồn tại của Chỉ số CCHC năm 2024; UBND xã Thất Khê tổng hợp, báo cáo.',
    deadline: fromToday(30),
  },
];

const BODY = [
  'DỮ LIỆU MINH HỌA, không phải văn bản chính thức.',
  'Ngày 18/02/2025, đồng chí Chủ tịch UBND tỉnh chủ trì cuộc họp đánh giá kết quả Chỉ số CCHC năm 2024 của các sở, ban, ngành và UBND cấp xã.',
  'Kết luận: năm 2024, các cơ quan, đơn vị đã cơ bản hoàn thành nhiệm vụ CCHC; tuy nhiên một số tiêu chí còn bị mất điểm (cải cách thể chế, TTHC, chính quyền số).',
  'Yêu cầu thủ trưởng các cơ quan, đơn vị nghiêm túc rút kinh nghiệm, thực hiện các nhiệm vụ được giao dưới đây và báo cáo kết quả trên chiso.',
].join('\n');

/**
 * A one-page PDF whose text (Helvetica, so plain ASCII: no font to embed) says what it is; built by
 * hand, with the byte offsets its cross-reference table needs.
 */
export function samplePdf(lines: readonly string[]): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = ['BT', '/F1 12 Tf', '16 TL', '56 780 Td', ...lines.map((l) => `(${escape(l)}) '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const offset = Buffer.byteLength(body, 'latin1');
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const STP_REPORT_PDF = samplePdf([
  'DU LIEU MINH HOA - SAMPLE DATA, khong phai van ban chinh thuc.',
  '',
  'SO TU PHAP TINH LANG SON',
  'So: 215/BC-STP, ngay 18/06/2025',
  'BAO CAO ket qua ra soat, he thong hoa van ban quy pham phap luat nam 2025.',
  '',
  'Tai lieu nay do chiso tao ra khi nap du lieu minh hoa.',
]);

/**
 * The document Sở Tư pháp attaches to its done report: a small PDF saying it is sample data, its
 * bytes in the configured evidence store (without one, as in tests, only its row is written).
 */
async function stpReportDocument(db: Database, officer: Actor, unitId: string, files: EvidenceStoreSettings | undefined): Promise<string> {
  const bytes = STP_REPORT_PDF;
  const stored = files ? await (await openEvidenceStore(files)).writeEvidence(Readable.from([bytes]), 'BC-215-ra-soat-VBQPPL-2025.pdf') : undefined;
  try {
    return await db.transaction(async (tx) => {
      const file = await upsertEvidenceFile(tx, stored
        ? { sha256: stored.sha256, size: stored.size, mimeType: stored.mimeType }
        : { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mimeType: 'application/pdf' });
      const document = await insertEvidenceDocument(tx, {
        fileId: file.id,
        ownerUnitId: unitId,
        originalName: 'BC-215-ra-soat-VBQPPL-2025.pdf',
        documentNumber: '215/BC-STP',
        documentDate: '2025-06-18',
        issuer: 'Sở Tư pháp tỉnh Lạng Sơn',
        title: 'Báo cáo kết quả rà soát, hệ thống hóa văn bản quy phạm pháp luật năm 2025 (dữ liệu minh họa)',
        uploadedBy: officer.userId,
        uploadedAt: new Date('2025-06-20T08:30:00+07:00'),
      });
      await recordAudit(tx, officer, { entityType: 'evidence_document', entityId: document.id, action: 'create', after: { ownerUnitId: unitId, fileName: document.originalName, demo: true } });
      return document.id;
    });
  } finally {
    stored?.release();
  }
}

/** `files`: the evidence store's settings, where the demo's document keeps its bytes. */
export async function loadDemoNotices(db: Database, files?: EvidenceStoreSettings): Promise<{ lines: string[] }> {
  if ((await listNotices(db, { year: YEAR })).some((n) => n.number === DEMO_NOTICE_NUMBER && n.ownerUnitId === null)) {
    return { lines: [`Thông báo kết luận ${DEMO_NOTICE_NUMBER}: đã có`] };
  }
  const framework = await findFrameworkByIdentity(db, { programCode: 'par-index', year: 2025, groupLabel: 'Sở, ban, ngành' });
  const version = framework ? await findLatestVersion(db, framework.id) : undefined;
  const admin = await demoActor(db, 'snv.quantri');
  const codes = [...new Set(TASKS.flatMap((t) => [t.unit, ...(t.cooperating ?? [])]))];
  const ids = await unitIdsOf(db, codes);
  const unitId = new Map(codes.map((code, i) => [code, ids[i]!]));

  const notice = await createNotice(commandContext(db, admin, at('2025-02-20')), {
    number: DEMO_NOTICE_NUMBER,
    issuedOn: '2025-02-20',
    chairedBy: 'Đồng chí Chủ tịch UBND tỉnh',
    title: 'Thông báo kết luận của Chủ tịch UBND tỉnh tại cuộc họp đánh giá kết quả Chỉ số CCHC năm 2024 (DỮ LIỆU MINH HỌA)',
    body: BODY,
    year: YEAR,
  });
  const actors = new Map<string, Actor>();
  const actorFor = async (username: string) => actors.get(username) ?? actors.set(username, await demoActor(db, username)).get(username)!;
  let reports = 0;
  for (const spec of TASKS) {
    let task = await createTask(commandContext(db, admin, at('2025-02-21')), notice.id, {
      title: spec.title,
      description: undefined,
      responsibleUnitId: unitId.get(spec.unit)!,
      cooperatingUnitIds: (spec.cooperating ?? []).map((c) => unitId.get(c)!),
      deadline: spec.deadline,
      links: version ? (spec.criteria ?? []).map((nodeKey) => ({ kind: 'criterion' as const, frameworkVersionId: version.id, nodeKey })) : [],
    });
    for (const [username, day, status, text] of spec.reports ?? []) {
      const officer = await actorFor(username);
      const evidence = spec.unit === 'STP' && status === 'done' ? [await stpReportDocument(db, officer, unitId.get('STP')!, files)] : [];
      task = await reportTask(commandContext(db, officer, at(day)), task.id, { status, text, evidenceDocumentIds: evidence, version: task.version });
      reports++;
    }
  }
  return { lines: [`Thông báo kết luận ${DEMO_NOTICE_NUMBER} (minh họa): ${TASKS.length} nhiệm vụ, ${reports} báo cáo tiến độ`] };
}
