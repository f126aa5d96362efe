/**
 * The demo's two questionnaires (phiếu hỏi) of the departments' 2025 survey, as the rows of their
 * XLSForm-like workbooks (sheets survey, choices, settings; columns as core readQuestionnaireSheets
 * reads them). generate.ts writes them to the committed workbooks that the demo uploads and the
 * browser test uses; an official can start a province's own questionnaire from them.
 *
 * - DB-SO: provincial deputies (đại biểu HĐND tỉnh) and commune leaders rate each department on
 *   the eight survey criteria of the departments' framework (1.6 … 8.3), two questions for some;
 *   A/B/C/D = 100/60/20/0 %, "Không đánh giá" counts for nothing. The service questions are asked
 *   only of those who worked with the department in the year (skip logic).
 * - ND-MC: citizens and organisations rate a department's one-stop service (SIPAS style), all
 *   questions feeding 3.7 (satisfaction with the handling of administrative procedures).
 */

/** A sheet as written: its header row, then its rows (cells as text, blank = ''). */
export interface SheetRows {
  header: readonly string[];
  rows: readonly (readonly string[])[];
}

export interface DemoQuestionnaireSource {
  /** The file under demo/survey/ generate.ts writes and the demo uploads. */
  file: string;
  code: string;
  title: string;
  respondentGroup: string;
  respondentGroupLabel: string;
  sheets: { survey: SheetRows; choices: SheetRows; settings: SheetRows };
}

export const SURVEY_HEADER = ['type', 'name', 'label', 'hint', 'required', 'relevant', 'min', 'max', 'criterion'] as const;
export const CHOICES_HEADER = ['list_name', 'name', 'label', 'weight'] as const;
export const SETTINGS_HEADER = ['title'] as const;

/** A survey-sheet row; the columns left out are blank. */
type Question = Partial<Record<(typeof SURVEY_HEADER)[number], string>> & { type: string; name: string; label: string };
const surveyRow = (q: Question): string[] => SURVEY_HEADER.map((column) => q[column] ?? '');

/** A scored five-option list: four weighted answers (100/60/20/0 %), then "Không đánh giá" without weight. */
function scoredList(list: string, labels: readonly [string, string, string, string], unrated: string): string[][] {
  const weights = ['1', '0,6', '0,2', '0'];
  return [
    ...labels.map((label, i) => [list, 'abcd'[i]!, label, weights[i]!]),
    [list, 'k', unrated, ''],
  ];
}

const WORKED = "${lam_viec} = 'co'";

const deputies: DemoQuestionnaireSource = {
  file: 'phieu-dai-bieu-lanh-dao-xa-danh-gia-so.xlsx',
  code: 'DB-SO',
  title: 'Phiếu khảo sát đại biểu HĐND tỉnh, lãnh đạo UBND cấp xã đánh giá các sở',
  respondentGroup: 'dai-bieu-lanh-dao-xa',
  respondentGroupLabel: 'Đại biểu HĐND tỉnh, lãnh đạo UBND cấp xã',
  sheets: {
    survey: {
      header: SURVEY_HEADER,
      rows: [
        { type: 'note', name: 'gioi_thieu', label: 'Ông/bà vui lòng cho biết ý kiến đánh giá của mình về cơ quan nêu ở đầu phiếu. Phiếu không ghi tên người trả lời; ý kiến của ông/bà chỉ được dùng để tổng hợp Chỉ số cải cách hành chính năm 2025 của tỉnh.' },
        { type: 'select_one doi_tuong', name: 'doi_tuong', label: 'Ông/bà là:', required: 'có' },
        { type: 'yes_no', name: 'lam_viec', label: 'Trong năm 2025, ông/bà có làm việc, phối hợp hoặc đề nghị giải quyết công việc với cơ quan này không?', required: 'có' },
        { type: 'integer', name: 'so_lan', label: 'Số lần ông/bà làm việc với cơ quan trong năm (ước tính)', hint: 'Ghi một số từ 1 đến 200.', required: 'có', relevant: WORKED, min: '1', max: '200' },
        { type: 'likert muc_do', name: 'lanh_dao_nang_dong', label: 'Sự năng động, quyết tâm của lãnh đạo cơ quan trong chỉ đạo, điều hành cải cách hành chính', required: 'có', criterion: '1.6' },
        { type: 'likert muc_do', name: 'lanh_dao_trach_nhiem', label: 'Trách nhiệm của người đứng đầu cơ quan trong xử lý vướng mắc, kiến nghị của địa phương, tổ chức, cá nhân', required: 'có', criterion: '1.6' },
        { type: 'likert muc_do', name: 'vbqppl', label: 'Chất lượng văn bản quy phạm pháp luật do cơ quan tham mưu ban hành (phù hợp thực tế, khả thi, kịp thời)', required: 'có', criterion: '2.4' },
        { type: 'likert muc_do', name: 'giai_quyet_cong_viec', label: 'Việc giải quyết thủ tục hành chính, công việc của cơ quan đối với địa phương, đơn vị của ông/bà (đúng hẹn, đúng quy định)', required: 'có', relevant: WORKED, criterion: '3.7' },
        { type: 'likert muc_do', name: 'bo_may', label: 'Tính hợp lý trong phân công chức năng, nhiệm vụ giữa các phòng, đơn vị thuộc cơ quan (không chồng chéo, rõ đầu mối)', required: 'có', criterion: '4.4' },
        { type: 'likert muc_do', name: 'cong_chuc_nang_luc', label: 'Năng lực chuyên môn, kỹ năng giải quyết công việc của công chức, viên chức cơ quan', required: 'có', relevant: WORKED, criterion: '5.6' },
        { type: 'likert muc_do', name: 'cong_chuc_thai_do', label: 'Tinh thần trách nhiệm, thái độ phục vụ, đạo đức công vụ của công chức, viên chức cơ quan', required: 'có', relevant: WORKED, criterion: '5.6' },
        { type: 'likert muc_do', name: 'tai_chinh', label: 'Tính công khai, minh bạch trong quản lý, sử dụng tài chính, tài sản công của cơ quan', required: 'có', criterion: '6.5' },
        { type: 'likert muc_do', name: 'chuyen_doi_so', label: 'Hiệu quả ứng dụng công nghệ thông tin, chuyển đổi số của cơ quan trong trao đổi văn bản, giải quyết công việc với địa phương, đơn vị', required: 'có', relevant: WORKED, criterion: '7.5' },
        { type: 'likert muc_do', name: 'tac_dong_quan_ly', label: 'Tác động của cải cách hành chính đến chất lượng quản lý nhà nước của ngành, lĩnh vực do cơ quan phụ trách', required: 'có', criterion: '8.3' },
        { type: 'likert muc_do', name: 'tac_dong_phat_trien', label: 'Tác động của cải cách hành chính đến phát triển kinh tế – xã hội của ngành, lĩnh vực tại địa phương', required: 'có', criterion: '8.3' },
        { type: 'text', name: 'gop_y', label: 'Ý kiến góp ý của ông/bà để cơ quan làm tốt hơn công tác cải cách hành chính', hint: 'Không bắt buộc.' },
      ].map(surveyRow),
    },
    choices: {
      header: CHOICES_HEADER,
      rows: [
        ...scoredList('muc_do', ['Rất tốt', 'Tốt', 'Bình thường', 'Kém'], 'Không đánh giá'),
        ['doi_tuong', 'dai_bieu', 'Đại biểu HĐND tỉnh', ''],
        ['doi_tuong', 'lanh_dao_xa', 'Lãnh đạo UBND xã, phường', ''],
      ],
    },
    settings: { header: SETTINGS_HEADER, rows: [['Phiếu khảo sát đại biểu HĐND tỉnh, lãnh đạo UBND cấp xã đánh giá các sở, ban, ngành năm 2025']] },
  },
};

const citizens: DemoQuestionnaireSource = {
  file: 'phieu-nguoi-dan-danh-gia-mot-cua.xlsx',
  code: 'ND-MC',
  title: 'Phiếu khảo sát người dân, tổ chức về sự phục vụ của Bộ phận Một cửa',
  respondentGroup: 'nguoi-dan-to-chuc',
  respondentGroupLabel: 'Người dân, tổ chức có hồ sơ thủ tục hành chính',
  sheets: {
    survey: {
      header: SURVEY_HEADER,
      rows: [
        { type: 'note', name: 'gioi_thieu', label: 'Ông/bà vừa giải quyết thủ tục hành chính tại cơ quan nêu ở đầu phiếu. Xin ông/bà dành 3 phút cho biết mức độ hài lòng của mình. Phiếu không ghi tên người trả lời.' },
        { type: 'select_one hinh_thuc', name: 'hinh_thuc', label: 'Ông/bà nộp hồ sơ theo hình thức nào?', required: 'có' },
        { type: 'likert hai_long', name: 'tiep_can', label: 'Nơi tiếp nhận hồ sơ: chỗ ngồi chờ, trang thiết bị, biển chỉ dẫn', required: 'có', relevant: "${hinh_thuc} = 'truc_tiep'", criterion: '3.7' },
        { type: 'likert hai_long', name: 'thu_tuc', label: 'Thủ tục hành chính được niêm yết công khai, đầy đủ, dễ hiểu; thành phần hồ sơ, phí, lệ phí đúng quy định', required: 'có', criterion: '3.7' },
        { type: 'likert hai_long', name: 'cong_chuc', label: 'Công chức tiếp nhận, hướng dẫn hồ sơ: lịch sự, tận tình, hướng dẫn một lần là đủ', required: 'có', criterion: '3.7' },
        { type: 'yes_no', name: 'dung_hen', label: 'Hồ sơ của ông/bà có được trả kết quả đúng hẹn không?', required: 'có' },
        { type: 'likert hai_long', name: 'ket_qua', label: 'Kết quả giải quyết thủ tục hành chính ông/bà nhận được (đúng quy định, thông tin chính xác)', required: 'có', criterion: '3.7' },
        { type: 'select_multiple cai_thien', name: 'cai_thien', label: 'Ông/bà mong cơ quan cải thiện điều gì? (có thể chọn nhiều)' },
        { type: 'text', name: 'gop_y', label: 'Ý kiến khác của ông/bà', hint: 'Không bắt buộc.' },
      ].map(surveyRow),
    },
    choices: {
      header: CHOICES_HEADER,
      rows: [
        ...scoredList('hai_long', ['Rất hài lòng', 'Hài lòng', 'Bình thường', 'Không hài lòng'], 'Không đánh giá'),
        ['hinh_thuc', 'truc_tiep', 'Trực tiếp tại Bộ phận Một cửa', ''],
        ['hinh_thuc', 'buu_chinh', 'Qua dịch vụ bưu chính công ích', ''],
        ['hinh_thuc', 'truc_tuyen', 'Trực tuyến trên Cổng Dịch vụ công', ''],
        ['cai_thien', 'rut_ngan', 'Rút ngắn thời gian giải quyết', ''],
        ['cai_thien', 'giam_giay_to', 'Giảm giấy tờ phải nộp', ''],
        ['cai_thien', 'truc_tuyen', 'Mở rộng dịch vụ công trực tuyến', ''],
        ['cai_thien', 'thai_do', 'Thái độ phục vụ của công chức', ''],
      ],
    },
    settings: { header: SETTINGS_HEADER, rows: [['Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của Bộ phận Một cửa các sở, ban, ngành năm 2025']] },
  },
};

export const DEMO_QUESTIONNAIRES: readonly DemoQuestionnaireSource[] = [deputies, citizens];
