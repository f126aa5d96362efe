/** The anonymous survey form's strings ("surveyForm" namespace). */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';

export const NS = 'surveyForm';

const vi = {
  loading: 'Đang tải phiếu khảo sát…',
  rated: 'Đơn vị được đánh giá: {{unit}}',
  anonymous: 'Phiếu không hỏi tên và thông tin cá nhân. Câu trả lời được lưu ngay trên máy của bạn cho đến khi gửi xong.',
  progress: 'Đã trả lời {{answered}}/{{total}} câu',
  questionNumber: 'Câu {{n}}/{{total}}',
  required: 'bắt buộc',
  requiredMissing: 'Câu này cần trả lời.',
  checkAnswers: 'Còn {{count}} câu chưa trả lời hoặc chưa đúng. Hãy xem các câu được đánh dấu đỏ.',
  numberHint: 'Nhập số',
  numberRange: 'Từ {{min}} đến {{max}}',
  numberMin: 'Từ {{min}} trở lên',
  numberMax: 'Không quá {{max}}',
  textPlaceholder: 'Ý kiến của bạn (không bắt buộc ghi tên)',
  multiple: 'Có thể chọn nhiều ý',
  submit: 'Gửi phiếu',
  sending: 'Đang gửi…',
  offline: 'Chưa gửi được, phiếu vẫn được giữ trên máy — thử lại khi có mạng.',
  offlineNow: 'Máy đang không có mạng. Phiếu vẫn được giữ trên máy và sẽ gửi khi có mạng trở lại.',
  retry: 'Thử lại',
  tooMany: 'Máy chủ đang bận. Hãy thử lại sau {{seconds}} giây; phiếu vẫn được giữ trên máy.',
  loadFailed: 'Không tải được phiếu khảo sát. Hãy kiểm tra kết nối mạng rồi thử lại.',
  thanksTitle: 'Cảm ơn bạn đã trả lời!',
  thanksText: 'Phiếu của bạn đã được gửi. Ý kiến của bạn giúp cơ quan nhà nước phục vụ người dân, doanh nghiệp tốt hơn.',
  gone: {
    used: { title: 'Phiếu này đã được sử dụng', text: 'Mỗi đường dẫn chỉ trả lời được một lần và phiếu của đường dẫn này đã được gửi. Cảm ơn bạn!' },
    revoked: { title: 'Đường dẫn đã bị thu hồi', text: 'Đường dẫn khảo sát này không còn dùng được. Nếu bạn cần trả lời, hãy xin một đường dẫn mới tại nơi đã phát cho bạn.' },
    closed: { title: 'Cuộc khảo sát đã kết thúc', text: 'Thời gian trả lời đã hết. Cảm ơn bạn đã quan tâm!' },
    not_open: { title: 'Cuộc khảo sát chưa bắt đầu', text: 'Hãy mở lại đường dẫn này khi cuộc khảo sát bắt đầu.' },
    not_ready: { title: 'Phiếu khảo sát chưa sẵn sàng', text: 'Hãy mở lại đường dẫn này sau.' },
    unknown: { title: 'Không tìm thấy phiếu khảo sát', text: 'Đường dẫn không đúng. Hãy kiểm tra lại đường dẫn hoặc mã QR bạn nhận được.' },
  },
};

const en: typeof vi = {
  loading: 'Loading the questionnaire…',
  rated: 'Unit rated: {{unit}}',
  anonymous: 'No name or personal data is asked. Your answers are kept on this device until they have been sent.',
  progress: '{{answered}}/{{total}} questions answered',
  questionNumber: 'Question {{n}}/{{total}}',
  required: 'required',
  requiredMissing: 'This question needs an answer.',
  checkAnswers: '{{count}} questions are unanswered or not valid. See the ones marked in red.',
  numberHint: 'Enter a number',
  numberRange: 'From {{min}} to {{max}}',
  numberMin: '{{min}} or more',
  numberMax: 'At most {{max}}',
  textPlaceholder: 'Your opinion (no need to give your name)',
  multiple: 'You may pick several',
  submit: 'Send',
  sending: 'Sending…',
  offline: 'Not sent yet, the form is kept on this device — try again when online.',
  offlineNow: 'This device is offline. The form is kept here and will be sent once back online.',
  retry: 'Try again',
  tooMany: 'The server is busy. Try again in {{seconds}} seconds; the form is kept on this device.',
  loadFailed: 'The questionnaire could not be loaded. Check the connection, then try again.',
  thanksTitle: 'Thank you for answering!',
  thanksText: 'Your answers have been sent. They help public services serve citizens and businesses better.',
  gone: {
    used: { title: 'This form has already been used', text: 'Each link takes one answer only, and this one has been sent. Thank you!' },
    revoked: { title: 'This link has been withdrawn', text: 'This survey link no longer works. Ask for a new one where you got it.' },
    closed: { title: 'The survey has ended', text: 'The time to answer is over. Thank you for your interest!' },
    not_open: { title: 'The survey has not started yet', text: 'Open this link again once the survey has started.' },
    not_ready: { title: 'The questionnaire is not ready', text: 'Open this link again later.' },
    unknown: { title: 'Survey not found', text: 'The link is not right. Check the link or the QR code you were given.' },
  },
};

i18n.addResourceBundle('vi', NS, vi, true, false);
i18n.addResourceBundle('en', NS, en, true, false);

export const useSurveyFormT = () => useTranslation(NS);
