/**
 * The Word documents of a published group (issue 11 §6), in the Decree 30/2020 layout of
 * official-docx.ts: the consolidated appraisal report (Báo cáo kết quả thẩm định) and the draft
 * publication decision (Quyết định công bố) with its two appendices (ranking with index and class;
 * points per field per unit, on a landscape page). Pure: a ResultsDocument in, a Buffer out.
 */
import type { TableRow, Paragraph, Table } from 'docx';
import { docx, loadDocx } from '../files/lazy-modules';
import {
  SIZE_HEAD,
  SIZE_SMALL,
  SIZE_TABLE,
  bodyText,
  cell,
  centred,
  gridTable,
  heading,
  officialHeader,
  officialPage,
  officialStyles,
  rule,
  run,
  signatureBlock,
} from './official-docx';
import {
  appraisalReport,
  classSummary,
  decisionHeader,
  decisionRecipients,
  decisionSigner,
  decisionText,
  difference,
  fieldAverages,
  fieldPointsTable,
  mean,
  ranked,
  rankingTable,
  groupInText,
  indexText,
  pointsText,
  signedPointsText,
  subject,
  type ResultsDocument,
} from './results-document';

/** Figures centred, names left. */
function rowsOf(rows: string[][], textColumns: readonly number[], size = SIZE_TABLE): TableRow[] {
  return rows.map(
    (cells) =>
      new docx.TableRow({
        cantSplit: true,
        children: cells.map((text, i) => cell(text, { align: textColumns.includes(i) ? docx.AlignmentType.LEFT : docx.AlignmentType.CENTER, size })),
      }),
  );
}

/** The consolidated appraisal report. */
export async function appraisalReportDocx(doc: ResultsDocument): Promise<Buffer> {
  await loadDocx();
  const { header, issuer, addressee, signer } = appraisalReport(doc);
  const rows = ranked(doc);
  const average = mean(doc, rows.map((r) => r.index));
  const top = rows[0];
  const bottom = rows[rows.length - 1];
  const fields = fieldAverages(doc);
  const weakest = fields.filter((f) => f.average !== null).slice(0, 3);

  const summary = gridTable(
    ['STT', 'Đơn vị', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Chênh lệch', 'Chỉ số (%)', 'Xếp hạng', 'Xếp loại'],
    [7, 31, 11, 11, 10, 10, 8, 12],
    rowsOf(
      rows.map((r, i) => [
        String(i + 1),
        r.unitName,
        pointsText(doc, r.selfTotal),
        pointsText(doc, r.achieved),
        r.selfTotal === null ? '' : signedPointsText(doc, difference(r.achieved, r.selfTotal)),
        indexText(doc, r.index),
        String(r.rank),
        r.classLabel ?? '',
      ]),
      [1],
    ),
  );
  const byField = gridTable(
    ['Mã', 'Lĩnh vực', 'Chỉ số trung bình (%)'],
    [10, 65, 25],
    rowsOf(
      doc.fields.map((f) => [f.code, f.name, indexText(doc, fields.find((a) => a.field.key === f.key)?.average)]),
      [1],
    ),
  );

  const children: (Paragraph | Table)[] = [
    officialHeader(header),
    centred('BÁO CÁO', { bold: true, size: SIZE_HEAD, before: 300 }),
    centred(`Kết quả thẩm định ${subject(doc)}`, { bold: true, size: SIZE_HEAD }),
    rule(15, 200),
    centred(`Kính gửi: ${addressee}.`, { after: 200 }),
    bodyText(
      `Thực hiện ${doc.cycleName} theo ${doc.frameworkName}, Hội đồng thẩm định đã thẩm định kết quả tự đánh giá, chấm điểm của ${rows.length} đơn vị thuộc nhóm ${groupInText(doc)}. ${issuer} báo cáo kết quả như sau:`,
    ),
    heading('I. KẾT QUẢ THẨM ĐỊNH'),
    heading('1. Kết quả chung'),
    bodyText(
      `Chỉ số trung bình của ${rows.length} đơn vị đạt ${indexText(doc, average)}%` +
        (top && bottom ? `; đơn vị có chỉ số cao nhất là ${top.unitName} (${indexText(doc, top.index)}%), thấp nhất là ${bottom.unitName} (${indexText(doc, bottom.index)}%).` : '.'),
    ),
    bodyText(`Về xếp loại: ${classSummary(doc)}.`),
    heading('2. Điểm tự đánh giá và điểm sau thẩm định của từng đơn vị'),
    summary,
    heading('3. Kết quả theo lĩnh vực'),
    byField,
    ...(weakest.length > 0
      ? [bodyText(`Các lĩnh vực có chỉ số trung bình thấp nhất: ${weakest.map((w) => `${w.field.name} (${indexText(doc, w.average)}%)`).join('; ')}.`, { before: 120 })]
      : []),
    heading('II. ĐỀ XUẤT'),
    bodyText(`${issuer} kính trình ${addressee} xem xét, ban hành Quyết định công bố ${subject(doc)} (dự thảo Quyết định kèm theo)./.`),
    signatureBlock({ recipients: ['- Như trên;', '- Thành viên Hội đồng thẩm định;', '- Lưu: VT.'], signer }),
  ];
  return pack(doc, `Báo cáo kết quả thẩm định ${subject(doc)}`, [{ children }]);
}

/** The draft publication decision with Appendix I (ranking) and Appendix II (points per field, landscape). */
export async function publicationDecisionDocx(doc: ResultsDocument): Promise<Buffer> {
  await loadDocx();
  const text = decisionText(doc, true);
  const ranking = rankingTable(doc);
  const perField = fieldPointsTable(doc);
  const fieldWidth = Math.floor(64 / Math.max(1, doc.fields.length + 1));
  const appendixTitle = (label: string, title: string) => [
    centred(label, { bold: true, size: SIZE_HEAD }),
    centred(title, { bold: true, size: SIZE_HEAD }),
    centred(text.appendixNote, { italics: true, after: 60 }),
    rule(12, 200),
  ];
  const decision: (Paragraph | Table)[] = [
    officialHeader(decisionHeader(doc, true)),
    centred(text.title, { bold: true, size: SIZE_HEAD, before: 300 }),
    centred(text.about, { bold: true, size: SIZE_HEAD }),
    rule(15, 200),
    centred(text.decider, { bold: true, size: SIZE_HEAD, after: 200 }),
    ...text.bases.map((b) => bodyText([run(b, { italics: true })], { after: 60 })),
    centred('QUYẾT ĐỊNH:', { bold: true, size: SIZE_HEAD, before: 200, after: 200 }),
    ...text.articles.map((a) => bodyText([run(`${a.head} `, { bold: true }), run(a.text)])),
    signatureBlock({ recipients: decisionRecipients(doc), signer: decisionSigner(doc) }),
  ];
  const appendixOne = [
    ...appendixTitle('Phụ lục I', `${doc.programName.toUpperCase()} NĂM ${doc.year} CỦA ${doc.groupName.toUpperCase()}`),
    gridTable(ranking.headers, [7, 35, 12, 11, 11, 10, 14], rowsOf(ranking.rows, [1])),
  ];
  const appendixTwo = [
    ...appendixTitle('Phụ lục II', `ĐIỂM ĐẠT ĐƯỢC THEO TỪNG LĨNH VỰC NĂM ${doc.year} CỦA ${doc.groupName.toUpperCase()}`),
    gridTable(perField.headers, [5, 31, ...doc.fields.map(() => fieldWidth), fieldWidth], rowsOf(perField.rows, [1], SIZE_SMALL), SIZE_SMALL),
  ];
  return pack(doc, `Quyết định công bố ${subject(doc)}`, [{ children: decision }, { children: appendixOne }, { children: appendixTwo, landscape: true }]);
}

async function pack(doc: ResultsDocument, title: string, sections: { children: (Paragraph | Table)[]; landscape?: boolean }[]): Promise<Buffer> {
  const document = new docx.Document({
    creator: 'chiso',
    title,
    description: `${doc.cycleName} — ${doc.groupName}`,
    styles: officialStyles,
    sections: sections.map((s) => ({ properties: officialPage(s.landscape ? 'landscape' : 'portrait'), children: s.children })),
  });
  return docx.Packer.toBuffer(document);
}
