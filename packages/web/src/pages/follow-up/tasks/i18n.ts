/** The tasks' strings ("followUpTasks" namespace): lists, one task, its reports, the dashboard card and the evidence offer. */
import { useTranslation } from 'react-i18next';
import i18n from '../../../i18n';

export const NS = 'followUpTasks';

const vi = {
  title: 'Nhiệm vụ',
  introAll: 'Các nhiệm vụ được giao tại các thông báo kết luận, theo đơn vị chủ trì và tình trạng thực hiện.',
  introUnit: 'Các nhiệm vụ {{unit}} được giao chủ trì. Mở một nhiệm vụ để báo cáo tiến độ, kèm tài liệu kiểm chứng.',
  back: 'Nhiệm vụ',
  status: { open: 'Chưa thực hiện', in_progress: 'Đang thực hiện', done: 'Hoàn thành', cancelled: 'Đã hủy' },
  overdue: 'Quá hạn',
  col: {
    title: 'Nội dung nhiệm vụ',
    notice: 'Thông báo',
    responsible: 'Đơn vị chủ trì',
    cooperating: 'Đơn vị phối hợp',
    deadline: 'Thời hạn',
    status: 'Tình trạng',
    lastReport: 'Báo cáo gần nhất',
    links: 'Liên quan',
  },
  filter: {
    unit: 'Đơn vị chủ trì',
    status: 'Tình trạng',
    overdue: 'Chỉ nhiệm vụ quá hạn',
  },
  none: 'Không có nhiệm vụ nào.',
  noReport: 'Chưa báo cáo',
  link: {
    criterion: 'Tiêu chí {{code}}',
    target: 'Chỉ tiêu {{code}}',
  },
  detail: {
    notice: 'Thông báo kết luận',
    description: 'Mô tả',
    links: 'Tiêu chí, chỉ tiêu liên quan',
    reports: 'Các lần báo cáo',
    noReports: 'Đơn vị chưa báo cáo tiến độ nhiệm vụ này.',
    reportedBy: '{{who}}, {{at}}',
    evidence: 'Tài liệu kiểm chứng',
  },
  report: {
    title: 'Báo cáo tiến độ',
    status: 'Tình trạng',
    text: 'Nội dung báo cáo',
    textHint: 'Kết quả đã thực hiện, văn bản đã ban hành…',
    evidence: 'Tài liệu kiểm chứng',
    submit: 'Gửi báo cáo',
    done: 'Đã gửi báo cáo tiến độ',
    required: 'Nhập nội dung báo cáo',
    finished: 'Nhiệm vụ đã hoàn thành.',
  },
  card: {
    unitTitle: 'Nhiệm vụ của đơn vị',
    unitSummary: '{{open}} nhiệm vụ đang thực hiện, {{overdue}} quá hạn',
    allOpen: 'Không còn nhiệm vụ nào phải thực hiện.',
    overdueTitle: 'Nhiệm vụ quá hạn',
    noOverdue: 'Không có nhiệm vụ quá hạn.',
    more: 'Xem tất cả nhiệm vụ',
  },
  offer: {
    title: 'Tài liệu từ nhiệm vụ đã hoàn thành',
    intro: 'Tài liệu kiểm chứng của các nhiệm vụ đơn vị đã hoàn thành, liên quan tiêu chí này.',
    task: 'Nhiệm vụ: {{task}} (Thông báo {{notice}})',
    attach: 'Đính kèm',
    attached: 'Đã đính kèm',
  },
};

const en: typeof vi = {
  title: 'Tasks',
  introAll: 'The tasks assigned by the conclusion notices, by responsible unit and progress.',
  introUnit: 'The tasks {{unit}} is responsible for. Open one to report its progress with evidence.',
  back: 'Tasks',
  status: { open: 'Not started', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' },
  overdue: 'Overdue',
  col: {
    title: 'Task',
    notice: 'Notice',
    responsible: 'Responsible unit',
    cooperating: 'Co-operating units',
    deadline: 'Deadline',
    status: 'Status',
    lastReport: 'Last report',
    links: 'Linked to',
  },
  filter: {
    unit: 'Responsible unit',
    status: 'Status',
    overdue: 'Overdue tasks only',
  },
  none: 'No tasks.',
  noReport: 'Not reported',
  link: {
    criterion: 'Criterion {{code}}',
    target: 'Target {{code}}',
  },
  detail: {
    notice: 'Conclusion notice',
    description: 'Description',
    links: 'Linked criteria and targets',
    reports: 'Reports sent',
    noReports: 'The unit has not reported on this task yet.',
    reportedBy: '{{who}}, {{at}}',
    evidence: 'Evidence',
  },
  report: {
    title: 'Report progress',
    status: 'Status',
    text: 'Report',
    textHint: 'What was done, documents issued…',
    evidence: 'Evidence',
    submit: 'Send report',
    done: 'Progress report sent',
    required: 'Enter the report',
    finished: 'The task is done.',
  },
  card: {
    unitTitle: "Your unit's tasks",
    unitSummary: '{{open}} tasks in progress, {{overdue}} overdue',
    allOpen: 'No tasks left to do.',
    overdueTitle: 'Overdue tasks',
    noOverdue: 'No overdue tasks.',
    more: 'All tasks',
  },
  offer: {
    title: 'Documents from completed tasks',
    intro: "The evidence of your unit's completed tasks linked to this criterion.",
    task: 'Task: {{task}} (notice {{notice}})',
    attach: 'Attach',
    attached: 'Attached',
  },
};

i18n.addResourceBundle('vi', NS, vi, true, false);
i18n.addResourceBundle('en', NS, en, true, false);

export const useTasksT = () => useTranslation(NS);
