/** The strings of “Nhập kết quả các năm trước” ("resultImport" namespace). */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';

export const NS = 'resultImport';

const vi = {
  button: 'Nhập kết quả các năm trước',
  title: 'Nhập kết quả đã công bố của các năm trước',
  drop: 'Kéo thả tệp CSV hoặc Excel vào đây, hoặc bấm để chọn tệp',
  text: 'Nhập bảng kết quả đã công bố của một nhóm (ví dụ năm 2023, trước khi dùng chiso) để so sánh qua các năm. Mỗi lần nhập là một nhóm; kết quả được lưu như một bản công bố và không sửa được, chỉ nhập lại (điều chỉnh, có lý do).',
  columns: 'Cột của tệp: Mã đơn vị, Tên đơn vị, Điểm đạt, Điểm tối đa, Chỉ số, Xếp hạng, Xếp loại; sau đó (nếu có) mỗi lĩnh vực một cột, tiêu đề “<mã>. <tên lĩnh vực> (<điểm tối đa>)”, ví dụ “1. Công tác chỉ đạo, điều hành CCHC (12)”. Số viết 73,79 hoặc 73.79.',
  template: 'Tải tệp mẫu (Excel)',
  owner: 'Đơn vị tổ chức',
  province: 'Cấp tỉnh (Sở Nội vụ)',
  dissolved: '{{name}} (đã giải thể)',
  program: 'Chương trình',
  year: 'Năm đánh giá',
  group: 'Nhóm xếp hạng',
  framework: 'Bộ tiêu chí năm đó (không bắt buộc)',
  frameworkHelp: 'Chọn nếu có: các lĩnh vực được nhận theo mã của bộ tiêu chí, để so sánh từng lĩnh vực qua các năm.',
  frameworkVersion: '{{name}} — phiên bản {{number}}',
  decisionNumber: 'Số quyết định công bố',
  decisionPlaceholder: 'Ví dụ: 123/QĐ-UBND',
  publishedOn: 'Ngày công bố',
  reason: 'Lý do điều chỉnh',
  reasonHelp: 'Chỉ cần khi nhập lại kết quả của một nhóm đã nhập (bản điều chỉnh).',
  required: 'Không được để trống',
  summary: '{{units}} đơn vị của nhóm “{{group}}”, chỉ số {{decimals}} chữ số thập phân, {{fields}} lĩnh vực — lần nhập {{number}}.',
  ignored: 'Các cột không nhập: {{columns}}.',
  done: 'Đã nhập kết quả năm {{year}} của nhóm “{{group}}” ({{units}} đơn vị).',
  tag: 'Nhập từ tệp',
  tagHelp: 'Kết quả đã công bố của năm trước, nhập từ tệp (không có hồ sơ tự đánh giá, thẩm định).',
  cycleTitle: 'Kết quả đã công bố năm {{year}}, nhập từ tệp',
  cycleText: 'Kỳ này chỉ chứa bảng kết quả đã công bố ngày {{date}} (điểm, chỉ số, xếp hạng, xếp loại, điểm từng lĩnh vực nếu có), để so sánh qua các năm; không có hồ sơ tự đánh giá, thẩm định. Muốn sửa, hãy nhập lại tệp (điều chỉnh, có lý do).',
  cycleResults: 'Xem kết quả',
};

const en: typeof vi = {
  button: 'Import earlier years’ results',
  title: 'Import results published in earlier years',
  drop: 'Drop a CSV or Excel file here, or click to choose one',
  text: 'Import the published results table of one group (e.g. 2023, before chiso was used) to compare years. One import is one group; it is stored as a publication and cannot be edited, only imported again (an amendment, with its reason).',
  columns: 'File columns: Mã đơn vị, Tên đơn vị, Điểm đạt, Điểm tối đa, Chỉ số, Xếp hạng, Xếp loại; then, when known, one column per field headed “<code>. <field name> (<maximum>)”, e.g. “1. Công tác chỉ đạo, điều hành CCHC (12)”. Numbers as 73,79 or 73.79.',
  template: 'Download the template (Excel)',
  owner: 'Organising unit',
  province: 'Province (Department of Home Affairs)',
  dissolved: '{{name}} (dissolved)',
  program: 'Program',
  year: 'Assessment year',
  group: 'Ranking group',
  framework: 'That year’s framework (optional)',
  frameworkHelp: 'When known: fields are matched by the framework’s codes, so each field compares across years.',
  frameworkVersion: '{{name}} — version {{number}}',
  decisionNumber: 'Publication decision number',
  decisionPlaceholder: 'e.g. 123/QĐ-UBND',
  publishedOn: 'Publication date',
  reason: 'Reason for the amendment',
  reasonHelp: 'Only when importing a group already imported (an amendment).',
  required: 'Required',
  summary: '{{units}} units of group “{{group}}”, index with {{decimals}} decimals, {{fields}} fields — import number {{number}}.',
  ignored: 'Columns not imported: {{columns}}.',
  done: 'Imported the {{year}} results of group “{{group}}” ({{units}} units).',
  tag: 'Imported',
  tagHelp: 'Results published in an earlier year, imported from a file (no self-assessment or appraisal records).',
  cycleTitle: 'Results published for {{year}}, imported from a file',
  cycleText: 'This cycle holds only the results table published on {{date}} (points, index, rank, class, field points when known), for comparisons across years; it has no self-assessment or appraisal records. To correct it, import the file again (an amendment, with its reason).',
  cycleResults: 'View the results',
};

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);

export function useImportT() {
  return useTranslation(NS);
}
