/** The mid-year risk's strings ("followUpRisk" namespace): the page and the dashboard card. */
import { useTranslation } from 'react-i18next';
import i18n from '../../../i18n';

export const NS = 'followUpRisk';

const vi = {
  title: 'Tiêu chí có nguy cơ mất điểm',
  intro: 'Các tiêu chí có thể không hoàn thành, không đạt và có thể dẫn đến mất điểm: thiếu tài liệu kiểm chứng khi sắp đến hạn tự đánh giá, số liệu từ hệ thống dưới mức được điểm, nhiệm vụ liên quan quá hạn.',
  cycle: 'Kỳ đánh giá',
  chooseCycle: 'Chọn kỳ đánh giá',
  noCycle: 'Chưa có kỳ đánh giá nào đang mở.',
  asOf: 'Tính đến ngày',
  horizon: 'Thiếu tài liệu kiểm chứng được tính từ {{days}} ngày trước hạn tự đánh giá ({{deadline}}).',
  points: '{{points}} điểm',
  atRisk: '{{points}} điểm có nguy cơ mất',
  total: '{{points}} điểm có nguy cơ mất ở {{criteria}} tiêu chí của {{units}} đơn vị',
  unitTotal: '{{points}} điểm có nguy cơ mất ở {{criteria}} tiêu chí',
  nothing: 'Không có tiêu chí nào có nguy cơ mất điểm tính đến ngày này.',
  byUnit: 'Theo đơn vị',
  byAgency: 'Theo cơ quan thẩm định',
  col: {
    unit: 'Đơn vị',
    agency: 'Cơ quan thẩm định',
    points: 'Điểm có nguy cơ mất',
    criteria: 'Số tiêu chí',
    criterion: 'Tiêu chí',
    blank: 'Chưa tự đánh giá',
    reason: 'Lý do',
  },
  noAgency: 'Chưa phân công thẩm định',
  details: 'Xem danh sách',
  backToUnits: 'Tất cả đơn vị',
  concrete: 'Cần xử lý ngay',
  concreteHint: 'Thiếu tài liệu kiểm chứng, số liệu dưới mức được điểm, nhiệm vụ quá hạn của mọi đơn vị; tiêu chí chưa tự đánh giá xem theo từng đơn vị.',
  kind: {
    evidence_missing: 'Thiếu tài liệu kiểm chứng',
    not_assessed: 'Chưa tự đánh giá',
    feed_below_tier: 'Số liệu dưới mức được điểm',
    task_overdue: 'Nhiệm vụ quá hạn',
  },
  notCounted: 'Không cộng thêm: tiêu chí đã được tính theo lý do có số điểm lớn hơn.',
  blank: {
    line: '{{n}} tiêu chí chưa tự đánh giá',
    show: 'Xem các tiêu chí',
    open: 'Mở phiếu tự đánh giá',
  },
  openCriterion: 'Mở tiêu chí',
  openTask: 'Xem nhiệm vụ',
  notParticipating: 'Đơn vị của bạn không tham gia kỳ đánh giá này.',
  card: {
    title: 'Nguy cơ mất điểm',
    unitTitle: 'Nguy cơ mất điểm của đơn vị',
    more: 'Xem chi tiết',
    topUnits: 'Đơn vị có nhiều điểm có nguy cơ mất nhất',
    topLines: 'Tiêu chí cần xử lý trước',
  },
};
const en: typeof vi = {
  title: 'Criteria at risk of losing points',
  intro: 'Criteria that may not be completed or met and may lose points: evidence missing as the self-assessment deadline nears, data-feed figures below the tier that scores, overdue linked tasks.',
  cycle: 'Assessment cycle',
  chooseCycle: 'Choose a cycle',
  noCycle: 'No assessment cycle is open.',
  asOf: 'As of',
  horizon: 'Missing evidence counts from {{days}} days before the self-assessment deadline ({{deadline}}).',
  points: '{{points}} points',
  atRisk: '{{points}} points at risk',
  total: '{{points}} points at risk in {{criteria}} criteria of {{units}} units',
  unitTotal: '{{points}} points at risk in {{criteria}} criteria',
  nothing: 'No criterion is at risk of losing points as of this date.',
  byUnit: 'By unit',
  byAgency: 'By appraising agency',
  col: {
    unit: 'Unit',
    agency: 'Appraising agency',
    points: 'Points at risk',
    criteria: 'Criteria',
    criterion: 'Criterion',
    blank: 'Not assessed',
    reason: 'Reason',
  },
  noAgency: 'No appraising agency assigned',
  details: 'See the list',
  backToUnits: 'All units',
  concrete: 'To deal with now',
  concreteHint: "Evidence missing, data feeds below the tier, overdue tasks of every unit; criteria not assessed yet are listed per unit.",
  kind: {
    evidence_missing: 'Evidence missing',
    not_assessed: 'Not assessed yet',
    feed_below_tier: 'Data feed below the tier',
    task_overdue: 'Task overdue',
  },
  notCounted: 'Not added: the criterion is counted under a reason with more points.',
  blank: {
    line: '{{n}} criteria not assessed yet',
    show: 'See the criteria',
    open: 'Open the self-assessment',
  },
  openCriterion: 'Open the criterion',
  openTask: 'See the task',
  notParticipating: 'Your unit does not take part in this cycle.',
  card: {
    title: 'Points at risk',
    unitTitle: "Your unit's points at risk",
    more: 'Details',
    topUnits: 'Units with the most points at risk',
    topLines: 'Criteria to deal with first',
  },
};

i18n.addResourceBundle('vi', NS, vi, true, false);
i18n.addResourceBundle('en', NS, en, true, false);

export const useRiskT = () => useTranslation(NS);
